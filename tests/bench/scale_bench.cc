// scale_bench: the issue 5 targets measured in process on a real database (e.g. one of
// 1M statements made by scripts/gen-corpus + `parley extract` + `parley load`):
//   - the projection's build time, its own bytes (GraphSnapshot::MemoryBytes) and the
//     process's resident memory before (store open and scanned once), right after and
//     at the peak (VmHWM) of the build;
//   - point lookups in the store (GetStatement, GetEntity) and in the projection;
//   - 1-hop neighbourhoods of statements and of hub entities (the highest-degree
//     entities), 2-hop capped, shortest paths between entity pairs, response threads.
// Each latency benchmark times every call and reports p50/p99/max of the wall time
// in microseconds (p50_us, p99_us, max_us) and p50/p99 of the thread's CPU time
// (cpu_p50_us, cpu_p99_us: the figures to read on a loaded machine). The database is opened
// read-only, so it may be measured beside a running server. Not a test: run by hand,
//   PARLEY_BENCH_DB=/tmp/scale/db75 build/tests/bench/scale_bench --benchmark_counters_tabular=true
// Without PARLEY_BENCH_DB it prints how to run it and exits 0.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <fstream>
#include <memory>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include "graph/projection.h"
#include "graph/store/store.h"
#include "graph/traversal.h"

namespace parley::graph {
namespace {

const char* BenchDb() { return std::getenv("PARLEY_BENCH_DB"); }

// A field of /proc/self/status in kB ("VmRSS", "VmHWM"), 0 when unreadable.
size_t ProcStatusKb(const char* field) {
  std::ifstream f("/proc/self/status");
  std::string line;
  const size_t n = std::strlen(field);
  while (std::getline(f, line)) {
    if (line.compare(0, n, field) == 0 && line.size() > n && line[n] == ':') {
      return std::strtoull(line.c_str() + n + 1, nullptr, 10);
    }
  }
  return 0;
}

struct World {
  std::unique_ptr<store::Store> store;
  std::shared_ptr<const GraphSnapshot> graph;
  double build_seconds = 0;
  double node_scan_seconds = 0;  // NewNodeIterator, every node, before the build
  double edge_scan_seconds = 0;  // NewEdgeIterator, every edge, before the build
  size_t rss_before_kb = 0;  // store open and scanned once, before the build
  size_t rss_after_kb = 0;   // right after the build
  size_t hwm_after_kb = 0;   // peak resident memory of the process up to then
  std::vector<NodeId> statements;
  std::vector<NodeId> entities;
  std::vector<NodeId> hubs;       // the 100 entities of highest degree
  std::vector<NodeId> responding; // statements with a responded_to edge
};

World& TheWorld() {
  static World* world = [] {
    auto* w = new World;
    auto opened = store::OpenRocksDbStore(BenchDb(), store::StoreOptions{.read_only = true});
    if (!opened.ok()) {
      std::fprintf(stderr, "scale_bench: %s\n", opened.status().ToString().c_str());
      std::exit(1);
    }
    w->store = std::move(*opened);
    // One scan of every node and edge first, so that what RocksDB keeps after a full
    // read (block cache, index blocks) is resident before the build is measured: the
    // RSS delta of the build is then the projection's, not the store's.
    // The two scans are timed apart: they are what a build (and so a server's start)
    // waits for.
    size_t scanned = 0;
    auto s0 = std::chrono::steady_clock::now();
    for (auto it = w->store->NewNodeIterator(); it->Valid(); it->Next()) ++scanned;
    auto s1 = std::chrono::steady_clock::now();
    for (auto it = w->store->NewEdgeIterator(); it->Valid(); it->Next()) ++scanned;
    auto s2 = std::chrono::steady_clock::now();
    benchmark::DoNotOptimize(scanned);
    w->node_scan_seconds = std::chrono::duration<double>(s1 - s0).count();
    w->edge_scan_seconds = std::chrono::duration<double>(s2 - s1).count();
    w->rss_before_kb = ProcStatusKb("VmRSS");
    const auto t0 = std::chrono::steady_clock::now();
    auto built = GraphSnapshot::Build(*w->store);
    w->build_seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    if (!built.ok()) {
      std::fprintf(stderr, "scale_bench: %s\n", built.status().ToString().c_str());
      std::exit(1);
    }
    w->graph = std::move(*built);
    w->rss_after_kb = ProcStatusKb("VmRSS");
    w->hwm_after_kb = ProcStatusKb("VmHWM");

    const GraphSnapshot& g = *w->graph;
    std::vector<std::pair<size_t, NodeId>> by_degree;
    for (Vertex v = 0; v < g.VertexCount(); ++v) {
      const NodeKind k = g.KindOf(v);
      if (k == NodeKind::kStatement) {
        w->statements.push_back(g.IdOf(v));
        bool responds = false;
        g.ForEachAdjacent(v, Direction::kOut, EdgeKindSet::Of({EdgeKind::kRespondedTo}),
                          [&](Vertex, EdgeKind, bool) { responds = true; });
        if (responds) w->responding.push_back(g.IdOf(v));
      } else if (k == NodeKind::kPerson || k == NodeKind::kOrganization ||
                 k == NodeKind::kCountry) {
        w->entities.push_back(g.IdOf(v));
        by_degree.emplace_back(g.Degree(v, Direction::kBoth), g.IdOf(v));
      }
    }
    std::sort(by_degree.rbegin(), by_degree.rend());
    for (size_t i = 0; i < std::min<size_t>(100, by_degree.size()); ++i) {
      w->hubs.push_back(by_degree[i].second);
    }
    if (w->statements.empty() || w->entities.empty()) {
      std::fprintf(stderr, "scale_bench: %s holds no statements or no entities\n", BenchDb());
      std::exit(1);
    }
    std::fprintf(stderr,
                 "scale_bench: %zu vertices, %zu edges, %zu statements, %zu entities, %zu "
                 "responding; top hub degree %zu\n",
                 g.VertexCount(), g.EdgeCount(), w->statements.size(), w->entities.size(),
                 w->responding.size(), by_degree.empty() ? size_t{0} : by_degree[0].first);
    return w;
  }();
  return *world;
}

const GraphSnapshot& G() { return *TheWorld().graph; }

NodeId Pick(const std::vector<NodeId>& from, std::mt19937_64& rng) {
  return from[rng() % from.size()];
}

// CPU time of the calling thread, in microseconds.
double ThreadCpuMicros() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) * 1e6 + static_cast<double>(ts.tv_nsec) / 1e3;
}

// Runs `op` once per iteration, timing each call; reports p50/p99/max of the wall
// time in microseconds, p50/p99 of the thread's CPU time (cpu_p50_us, cpu_p99_us:
// what the call costs when it has a core to itself, the figure to read on a machine
// shared with builds; it includes ~0.3 us of clock reading), and the mean of what
// `op` returns (results per call).
template <typename Op>
void Latency(benchmark::State& state, Op op) {
  std::vector<double> us, cpu;
  us.reserve(static_cast<size_t>(state.max_iterations));
  cpu.reserve(static_cast<size_t>(state.max_iterations));
  double results = 0;
  for (auto _ : state) {
    const double c0 = ThreadCpuMicros();
    const auto t0 = std::chrono::steady_clock::now();
    results += static_cast<double>(op());
    us.push_back(
        std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - t0).count());
    cpu.push_back(ThreadCpuMicros() - c0);
  }
  std::sort(us.begin(), us.end());
  std::sort(cpu.begin(), cpu.end());
  const size_t p50 = us.size() / 2, p99 = std::min(us.size() - 1, us.size() * 99 / 100);
  state.counters["p50_us"] = us[p50];
  state.counters["p99_us"] = us[p99];
  state.counters["max_us"] = us.back();
  state.counters["cpu_p50_us"] = cpu[p50];
  state.counters["cpu_p99_us"] = cpu[p99];
  state.counters["results"] = results / static_cast<double>(us.size());
}

void BM_ProjectionBuild(benchmark::State& state) {
  World& w = TheWorld();
  for (auto _ : state) state.SetIterationTime(w.build_seconds);
  const GraphSnapshot& g = *w.graph;
  state.counters["vertices"] = static_cast<double>(g.VertexCount());
  state.counters["edges"] = static_cast<double>(g.EdgeCount());
  state.counters["own_MB"] = static_cast<double>(g.MemoryBytes()) / 1e6;
  state.counters["B_per_edge"] =
      static_cast<double>(g.MemoryBytes()) / static_cast<double>(g.EdgeCount());
  state.counters["rss_before_MB"] = static_cast<double>(w.rss_before_kb) / 1e3;
  state.counters["rss_after_MB"] = static_cast<double>(w.rss_after_kb) / 1e3;
  state.counters["rss_delta_MB"] =
      (static_cast<double>(w.rss_after_kb) - static_cast<double>(w.rss_before_kb)) / 1e3;
  state.counters["peak_MB"] = static_cast<double>(w.hwm_after_kb) / 1e3;
  state.counters["node_scan_s"] = w.node_scan_seconds;
  state.counters["edge_scan_s"] = w.edge_scan_seconds;
}
BENCHMARK(BM_ProjectionBuild)->UseManualTime()->Unit(benchmark::kMillisecond)->Iterations(1);

void BM_GetStatement(benchmark::State& state) {
  World& w = TheWorld();
  std::mt19937_64 rng(11);
  Latency(state, [&] { return w.store->GetStatement(Pick(w.statements, rng)).ok() ? 1 : 0; });
}
BENCHMARK(BM_GetStatement)->Iterations(100000);

void BM_GetEntity(benchmark::State& state) {
  World& w = TheWorld();
  std::mt19937_64 rng(12);
  Latency(state, [&] { return w.store->GetEntity(Pick(w.entities, rng)).ok() ? 1 : 0; });
}
BENCHMARK(BM_GetEntity)->Iterations(100000);

void BM_VertexOf(benchmark::State& state) {
  World& w = TheWorld();
  std::mt19937_64 rng(13);
  Latency(state, [&] { return G().VertexOf(Pick(w.statements, rng)).has_value() ? 1 : 0; });
}
BENCHMARK(BM_VertexOf)->Iterations(100000);

void BM_OneHopOfAStatement(benchmark::State& state) {
  World& w = TheWorld();
  std::mt19937_64 rng(21);
  Latency(state, [&] {
    NeighbourhoodQuery q{.start = Pick(w.statements, rng), .hops = 1};
    return KHopNeighbourhood(G(), q)->nodes.size();
  });
}
BENCHMARK(BM_OneHopOfAStatement)->Iterations(50000);

void BM_OneHopOfAnEntity(benchmark::State& state) {
  World& w = TheWorld();
  std::mt19937_64 rng(22);
  Latency(state, [&] {
    NeighbourhoodQuery q{.start = Pick(w.entities, rng), .hops = 1};
    return KHopNeighbourhood(G(), q)->nodes.size();
  });
}
BENCHMARK(BM_OneHopOfAnEntity)->Iterations(20000);

// The 100 highest-degree entities, with the API's default caps (1000 results).
void BM_OneHopOfAHub(benchmark::State& state) {
  World& w = TheWorld();
  std::mt19937_64 rng(23);
  Latency(state, [&] {
    NeighbourhoodQuery q{.start = Pick(w.hubs, rng), .hops = 1};
    return KHopNeighbourhood(G(), q)->nodes.size();
  });
}
BENCHMARK(BM_OneHopOfAHub)->Iterations(5000);

void BM_TwoHopCappedFromAStatement(benchmark::State& state) {
  World& w = TheWorld();
  std::mt19937_64 rng(31);
  Latency(state, [&] {
    NeighbourhoodQuery q{.start = Pick(w.statements, rng),
                         .hops = 2,
                         .max_expansions = 2000,
                         .max_results = 1000};
    return KHopNeighbourhood(G(), q)->nodes.size();
  });
}
BENCHMARK(BM_TwoHopCappedFromAStatement)->Iterations(20000);

void BM_TwoHopCappedFromAHub(benchmark::State& state) {
  World& w = TheWorld();
  std::mt19937_64 rng(32);
  Latency(state, [&] {
    NeighbourhoodQuery q{.start = Pick(w.hubs, rng),
                         .hops = 2,
                         .max_expansions = 2000,
                         .max_results = 1000};
    return KHopNeighbourhood(G(), q)->nodes.size();
  });
}
BENCHMARK(BM_TwoHopCappedFromAHub)->Iterations(5000);

void BM_TwoHopDateWindowFromAHub(benchmark::State& state) {
  World& w = TheWorld();
  std::mt19937_64 rng(33);
  Latency(state, [&] {
    NeighbourhoodQuery q{.start = Pick(w.hubs, rng),
                         .hops = 2,
                         .kinds = EdgeKindSet::Of({EdgeKind::kSaid, EdgeKind::kMentions}),
                         .date_from = 20240301,
                         .date_to = 20240331,
                         .max_expansions = 5000,
                         .max_results = 1000};
    return KHopNeighbourhood(G(), q)->nodes.size();
  });
}
BENCHMARK(BM_TwoHopDateWindowFromAHub)->Iterations(2000);

// Shortest path (<= 4 hops through statements and events) between random entities.
void BM_ShortestPathBetweenEntities(benchmark::State& state) {
  World& w = TheWorld();
  std::mt19937_64 rng(41);
  Latency(state, [&] {
    PathQuery q{.from = Pick(w.entities, rng),
                .to = Pick(w.entities, rng),
                .max_hops = 4,
                .max_expansions = 100000};
    auto r = ShortestPath(G(), q);
    return r->path ? r->path->steps.size() : 0;
  });
}
BENCHMARK(BM_ShortestPathBetweenEntities)->Iterations(1000);

// The same between two hubs (many paths, large frontiers).
void BM_ShortestPathBetweenHubs(benchmark::State& state) {
  World& w = TheWorld();
  std::mt19937_64 rng(42);
  Latency(state, [&] {
    PathQuery q{.from = Pick(w.hubs, rng),
                .to = Pick(w.hubs, rng),
                .max_hops = 4,
                .max_expansions = 100000};
    auto r = ShortestPath(G(), q);
    return r->path ? r->path->steps.size() : 0;
  });
}
BENCHMARK(BM_ShortestPathBetweenHubs)->Iterations(1000);

void BM_ResponseThread(benchmark::State& state) {
  World& w = TheWorld();
  std::mt19937_64 rng(51);
  const std::vector<NodeId>& from = w.responding.empty() ? w.statements : w.responding;
  Latency(state, [&] {
    auto r = ResponseThreadOf(G(), Pick(from, rng));
    return r->answers.size() + r->responses.size();
  });
}
BENCHMARK(BM_ResponseThread)->Iterations(50000);

// The edges among the nodes of a statement's 1-hop view (what /v1/graph/neighborhood
// draws): the view's nodes, then either ForEachEdgeAmong (arg 1) or a walk of every
// out-edge of every view node with a set lookup (arg 0, api/queries.cc's
// AddInducedEdges at the time of writing). The view holds the statement's speaker,
// whose row grows with the archive.
void BM_EdgesAmongAStatementView(benchmark::State& state) {
  World& w = TheWorld();
  const GraphSnapshot& g = G();
  const bool among = state.range(0) == 1;
  std::mt19937_64 rng(71);
  Latency(state, [&] {
    const NodeId start = Pick(w.statements, rng);
    NeighbourhoodQuery q{.start = start, .hops = 1};
    std::vector<Vertex> view = {*g.VertexOf(start)};
    const Result<Neighbourhood> hood = KHopNeighbourhood(g, q);
    if (!hood.ok()) std::abort();
    for (const Reached& r : hood->nodes) view.push_back(*g.VertexOf(r.id));
    size_t edges = 0;
    if (among) {
      g.ForEachEdgeAmong(view, EdgeKindSet::All(), [&](Vertex, EdgeKind, Vertex) { ++edges; });
    } else {
      std::vector<Vertex> sorted = view;
      std::sort(sorted.begin(), sorted.end());
      for (Vertex u : view) {
        g.ForEachAdjacent(u, Direction::kOut, EdgeKindSet::All(), [&](Vertex v, EdgeKind, bool) {
          if (std::binary_search(sorted.begin(), sorted.end(), v)) ++edges;
        });
      }
    }
    return edges;
  });
}
BENCHMARK(BM_EdgesAmongAStatementView)->Arg(0)->Arg(1)->Iterations(5000);

void BM_CoMentionsOfAHub(benchmark::State& state) {
  World& w = TheWorld();
  std::mt19937_64 rng(61);
  Latency(state, [&] { return CoMentioned(G(), Pick(w.hubs, rng), 20)->entities.size(); });
}
BENCHMARK(BM_CoMentionsOfAHub)->Iterations(500);

}  // namespace
}  // namespace parley::graph

int main(int argc, char** argv) {
  if (parley::graph::BenchDb() == nullptr) {
    std::fprintf(stderr,
                 "scale_bench: skipped: set PARLEY_BENCH_DB to a database folder, e.g.\n"
                 "  PARLEY_BENCH_DB=/tmp/scale/db75 %s --benchmark_counters_tabular=true\n",
                 argv[0]);
    return 0;
  }
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
