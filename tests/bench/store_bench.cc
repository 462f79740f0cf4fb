// store_bench: Google Benchmark of the RocksDB store (a real database in a temporary
// folder) on generated extractions (no extractor: this measures the store alone):
// load throughput (articles/s through PutArticle, one atomic batch each), point
// lookups and a speaker's page (p50/p99 microseconds), the edge scan, a full Check,
// and building the graph projection from the store. Size: PARLEY_BENCH_STORE_ARTICLES
// (default 20000); PARLEY_BENCH_STORE_GROUP=N loads through PutArticles, N articles a
// call. Run by hand:
//   build/tests/bench/store_bench --benchmark_counters_tabular=true
#include <benchmark/benchmark.h>
#include <stdlib.h>
#include <time.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <random>
#include <span>
#include <string>
#include <vector>

#include "graph/projection.h"
#include "graph/store/store.h"

namespace parley::store {
namespace {

int Articles() {
  const char* env = std::getenv("PARLEY_BENCH_STORE_ARTICLES");
  return env ? std::atoi(env) : 20000;
}

// An article like the extractor's output: 8-20 statements by speakers drawn with a
// skew from a pool, each mentioning 0-3 entities, some responding to earlier ones.
Extraction MakeArticle(int a, std::mt19937_64& rng, std::discrete_distribution<int>& pick) {
  Extraction x;
  x.id = "bench-" + std::to_string(a);
  x.extractor_version = "bench";
  x.article.title = "Article " + std::to_string(a);
  x.article.published =
      "2025-" + std::string(a % 12 < 9 ? "0" : "") + std::to_string(a % 12 + 1) + "-15";
  const int n = 8 + static_cast<int>(rng() % 13);
  x.text = std::string(static_cast<size_t>(n) * 200 + 100, 'x');
  std::vector<int> people;
  auto entity = [&](int person) {
    auto it = std::find(people.begin(), people.end(), person);
    if (it != people.end()) return "e" + std::to_string(it - people.begin());
    people.push_back(person);
    Entity e;
    e.id = "e" + std::to_string(people.size() - 1);
    e.type = "person";
    e.name = "Person Number " + std::to_string(person);
    e.aliases = {"Number " + std::to_string(person)};
    x.entities.push_back(e);
    return e.id;
  };
  for (int s = 0; s < n; ++s) {
    Statement st;
    st.id = "s" + std::to_string(s + 1);
    st.type = "direct";
    st.cue = "said";
    st.speech_act = "assert";
    st.content = {s * 200, s * 200 + 150};
    st.text = "Statement " + std::to_string(s) + " of article " + std::to_string(a);
    st.speaker_entity = entity(pick(rng));
    for (int m = static_cast<int>(rng() % 4); m > 0; --m) {
      const std::string e = entity(pick(rng));
      for (auto& ent : x.entities) {
        if (ent.id == e) ent.mentions.push_back({s * 200 + 10 + m, s * 200 + 20 + m});
      }
    }
    if (s > 0 && rng() % 8 == 0) {
      x.relations.push_back({"responded_to", st.id, "s" + std::to_string(rng() % s + 1)});
    }
    x.statements.push_back(std::move(st));
  }
  return x;
}

// Articles per PutArticles call (PARLEY_BENCH_STORE_GROUP); 0 (the default): one
// PutArticle per article.
size_t Group() {
  const char* env = std::getenv("PARLEY_BENCH_STORE_GROUP");
  return env ? static_cast<size_t>(std::atoi(env)) : 0;
}

double CpuSeconds(clockid_t clock) {
  timespec ts{};
  clock_gettime(clock, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) / 1e9;
}

struct Fixture {
  std::string dir;
  std::unique_ptr<Store> store;
  std::vector<NodeId> statements;
  std::vector<NodeId> speakers;
  double load_seconds = 0;
  double load_thread_cpu_seconds = 0;   // of the loading thread alone
  double load_process_cpu_seconds = 0;  // with RocksDB's flushes and compactions
  size_t loaded = 0;
};

Fixture* g_fixture = nullptr;  // made on first use, removed by main

Fixture& TheStore() {
  static Fixture* f = g_fixture = [] {
    auto* fx = new Fixture;
    std::string pattern = (std::filesystem::temp_directory_path() / "parley_bench_XXXXXX").string();
    if (mkdtemp(pattern.data()) == nullptr) std::abort();
    fx->dir = pattern;
    auto store = OpenRocksDbStore(fx->dir + "/db", StoreOptions{});
    if (!store.ok()) std::abort();
    fx->store = std::move(*store);
    const int articles = Articles();
    const int pool = std::max(100, articles / 5);
    std::vector<double> weights(pool);
    for (int i = 0; i < pool; ++i) weights[i] = 1.0 / std::pow(i + 1, 0.8);
    std::discrete_distribution<int> pick(weights.begin(), weights.end());
    std::mt19937_64 rng(42);
    // The articles are made first: only the store is timed.
    std::vector<Extraction> xs;
    for (int a = 0; a < articles; ++a) {
      xs.push_back(MakeArticle(a, rng, pick));
      for (const auto& s : xs.back().statements) {
        fx->statements.push_back(StatementNodeId(xs.back().id, s.id));
      }
    }
    const auto t0 = std::chrono::steady_clock::now();
    const double thread0 = CpuSeconds(CLOCK_THREAD_CPUTIME_ID);
    const double process0 = CpuSeconds(CLOCK_PROCESS_CPUTIME_ID);
    if (const size_t group = Group(); group == 0) {
      for (const Extraction& x : xs) {
        if (!fx->store->PutArticle(x).ok()) std::abort();
      }
    } else {
      for (size_t i = 0; i < xs.size(); i += group) {
        const size_t n = std::min(group, xs.size() - i);
        for (const auto& r : fx->store->PutArticles(std::span<const Extraction>(&xs[i], n))) {
          if (!r.ok()) std::abort();
        }
      }
    }
    fx->load_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    fx->load_thread_cpu_seconds = CpuSeconds(CLOCK_THREAD_CPUTIME_ID) - thread0;
    fx->load_process_cpu_seconds = CpuSeconds(CLOCK_PROCESS_CPUTIME_ID) - process0;
    fx->loaded = static_cast<size_t>(articles);
    for (int i = 0; i < 200; ++i) {
      fx->speakers.push_back(
          EntityNodeId(NodeKind::kPerson, "Person Number " + std::to_string(pick(rng))));
    }
    return fx;
  }();
  return *f;
}

template <typename Op>
void Latency(benchmark::State& state, Op op) {
  std::vector<double> us;
  for (auto _ : state) {
    const auto t0 = std::chrono::steady_clock::now();
    op();
    us.push_back(
        std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - t0).count());
  }
  std::sort(us.begin(), us.end());
  state.counters["p50_us"] = us[us.size() / 2];
  state.counters["p99_us"] = us[std::min(us.size() - 1, us.size() * 99 / 100)];
}

// The initial load of the fixture: articles/s through PutArticle into a fresh database.
void BM_LoadArticles(benchmark::State& state) {
  Fixture& f = TheStore();
  for (auto _ : state) benchmark::DoNotOptimize(f.loaded);
  state.counters["articles"] = static_cast<double>(f.loaded);
  state.counters["articles_per_s"] = static_cast<double>(f.loaded) / f.load_seconds;
  // Per CPU second of the loading thread: the store's own cost, whatever else the
  // machine runs; and of the whole process (flushes and compactions included).
  state.counters["per_thread_cpu_s"] = static_cast<double>(f.loaded) / f.load_thread_cpu_seconds;
  state.counters["per_process_cpu_s"] = static_cast<double>(f.loaded) / f.load_process_cpu_seconds;
  auto stats = f.store->Stats();
  state.counters["edges"] = static_cast<double>(stats->edges);
  state.counters["statements"] = static_cast<double>(stats->statements);
}
BENCHMARK(BM_LoadArticles)->Iterations(1);

// Re-putting an unchanged article: the ledger hash check alone.
void BM_PutUnchangedArticle(benchmark::State& state) {
  Fixture& f = TheStore();
  std::vector<double> weights(100, 1.0);
  std::discrete_distribution<int> pick(weights.begin(), weights.end());
  std::mt19937_64 rng(42);
  Extraction x = MakeArticle(0, rng, pick);
  (void)f.store->PutArticle(x);
  for (auto _ : state) benchmark::DoNotOptimize(f.store->PutArticle(x).ok());
}
BENCHMARK(BM_PutUnchangedArticle);

void BM_GetStatement(benchmark::State& state) {
  Fixture& f = TheStore();
  std::mt19937_64 rng(1);
  Latency(state, [&] {
    benchmark::DoNotOptimize(f.store->GetStatement(f.statements[rng() % f.statements.size()]));
  });
}
BENCHMARK(BM_GetStatement)->Iterations(50000);

void BM_StatementsBySpeakerPage(benchmark::State& state) {
  Fixture& f = TheStore();
  std::mt19937_64 rng(2);
  Latency(state, [&] {
    StatementQuery q;
    q.speaker = f.speakers[rng() % f.speakers.size()];
    q.limit = 20;
    benchmark::DoNotOptimize(f.store->StatementsBySpeaker(q));
  });
}
BENCHMARK(BM_StatementsBySpeakerPage)->Iterations(5000);

void BM_FindEntities(benchmark::State& state) {
  Fixture& f = TheStore();
  std::mt19937_64 rng(3);
  Latency(state, [&] {
    benchmark::DoNotOptimize(f.store->FindEntities("number " + std::to_string(rng() % 1000), 10));
  });
}
BENCHMARK(BM_FindEntities)->Iterations(2000);

void BM_ScanAllEdges(benchmark::State& state) {
  Fixture& f = TheStore();
  size_t n = 0;
  for (auto _ : state) {
    n = 0;
    auto it = f.store->NewEdgeIterator();
    for (; it->Valid(); it->Next()) ++n;
    if (!it->status().ok()) std::abort();
  }
  state.counters["edges"] = static_cast<double>(n);
  state.counters["edges_per_s"] =
      benchmark::Counter(static_cast<double>(n), benchmark::Counter::kIsIterationInvariantRate);
}
BENCHMARK(BM_ScanAllEdges)->Unit(benchmark::kMillisecond)->Iterations(3);

void BM_BuildProjectionFromStore(benchmark::State& state) {
  Fixture& f = TheStore();
  size_t bytes = 0, edges = 0;
  for (auto _ : state) {
    auto g = graph::GraphSnapshot::Build(*f.store);
    if (!g.ok()) std::abort();
    bytes = (*g)->BaseMemoryBytes();
    edges = (*g)->EdgeCount();
  }
  state.counters["MB"] = static_cast<double>(bytes) / 1e6;
  state.counters["bytes_per_edge"] = static_cast<double>(bytes) / static_cast<double>(edges);
}
BENCHMARK(BM_BuildProjectionFromStore)->Unit(benchmark::kMillisecond)->Iterations(2);

void BM_CheckWholeStore(benchmark::State& state) {
  Fixture& f = TheStore();
  for (auto _ : state) {
    auto r = f.store->Check();
    if (!r.ok() || !r->ok()) std::abort();
  }
}
BENCHMARK(BM_CheckWholeStore)->Unit(benchmark::kMillisecond)->Iterations(1);

}  // namespace
}  // namespace parley::store

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  if (parley::store::g_fixture != nullptr) {
    parley::store::g_fixture->store.reset();
    std::filesystem::remove_all(parley::store::g_fixture->dir);
  }
  return 0;
}
