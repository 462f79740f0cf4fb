// graph_bench: Google Benchmark of parley::graph on a generated news-like graph (no
// store): build time and memory of the projection, and the latency of 1-hop, 2-hop,
// shortest-path, response-thread and co-mention queries, plus the speaker ranking.
// Each latency benchmark reports p50/p99 (microseconds) over its iterations. Size:
// PARLEY_BENCH_ARTICLES articles (default 50000; ~14 statements each), or the graph of
// a database given by PARLEY_BENCH_DB. Run by hand:
//   build/tests/bench/graph_bench --benchmark_counters_tabular=true
#include <benchmark/benchmark.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <random>
#include <string>
#include <tuple>
#include <vector>

#include "graph/projection.h"
#include "graph/store/store.h"
#include "graph/traversal.h"

namespace parley::graph {
namespace {

using store::EdgeRecord;
using store::NodeInfo;

class VectorNodes final : public store::NodeIterator {
 public:
  explicit VectorNodes(const std::vector<NodeInfo>& v) : v_(v) {}
  bool Valid() const override { return i_ < v_.size(); }
  void Next() override { ++i_; }
  const NodeInfo& node() const override { return v_[i_]; }
  Status status() const override { return Status::OK(); }

 private:
  const std::vector<NodeInfo>& v_;
  size_t i_ = 0;
};

class VectorEdges final : public store::EdgeIterator {
 public:
  explicit VectorEdges(const std::vector<EdgeRecord>& v) : v_(v) {}
  bool Valid() const override { return i_ < v_.size(); }
  void Next() override { ++i_; }
  const EdgeRecord& edge() const override { return v_[i_]; }
  Status status() const override { return Status::OK(); }

 private:
  const std::vector<EdgeRecord>& v_;
  size_t i_ = 0;
};

// A graph shaped like the store's: articles of ~14 statements; speakers drawn with a
// Zipf-like skew from a pool (hubs and a long tail); each statement mentions 0-3
// entities, some respond to an earlier statement; the article mentions its entities.
struct Corpus {
  std::vector<NodeInfo> nodes;
  std::vector<EdgeRecord> edges;
  std::vector<NodeId> entities;
  std::vector<NodeId> statements;
};

// PARLEY_BENCH_DB=DIR: the graph of a real database (opened read-only) instead of a
// generated one, e.g. one made by `parley ingest` of scripts/gen-corpus output.
const char* BenchDb() { return std::getenv("PARLEY_BENCH_DB"); }

Corpus* FromDatabase(const char* dir) {
  auto* c = new Corpus;
  auto store = store::OpenRocksDbStore(dir, store::StoreOptions{.read_only = true});
  if (!store.ok()) {
    std::fprintf(stderr, "graph_bench: %s\n", store.status().ToString().c_str());
    std::exit(1);
  }
  auto nodes = (*store)->NewNodeIterator();
  for (; nodes->Valid(); nodes->Next()) {
    const NodeInfo& n = nodes->node();
    if (n.kind == NodeKind::kStatement) c->statements.push_back(n.id);
    if (n.kind == NodeKind::kPerson || n.kind == NodeKind::kOrganization ||
        n.kind == NodeKind::kCountry) {
      c->entities.push_back(n.id);
    }
    c->nodes.push_back(n);
  }
  auto edges = (*store)->NewEdgeIterator();
  for (; edges->Valid(); edges->Next()) c->edges.push_back(edges->edge());
  if (!nodes->status().ok() || !edges->status().ok()) std::abort();
  return c;
}

const Corpus& TheCorpus() {
  static const Corpus* corpus = [] {
    if (BenchDb() != nullptr) return FromDatabase(BenchDb());
    auto* c = new Corpus;
    const char* env = std::getenv("PARLEY_BENCH_ARTICLES");
    const int articles = env ? std::atoi(env) : 50000;
    const int pool = std::max(100, articles / 5);
    std::mt19937_64 rng(42);
    std::vector<double> weights(pool);
    for (int i = 0; i < pool; ++i) weights[i] = 1.0 / std::pow(i + 1, 0.8);
    std::discrete_distribution<int> pick_entity(weights.begin(), weights.end());
    for (int i = 0; i < pool; ++i) {
      const NodeId id = EntityNodeId(NodeKind::kPerson, "person " + std::to_string(i));
      c->entities.push_back(id);
      c->nodes.push_back({id, i % 7 == 0 ? NodeKind::kOrganization : NodeKind::kPerson, 0});
    }
    for (int a = 0; a < articles; ++a) {
      const std::string aid = "article-" + std::to_string(a);
      const NodeId article = ArticleNodeId(aid);
      const uint32_t date = 20240101 + static_cast<uint32_t>((a % 12) * 100 + a % 28);
      c->nodes.push_back({article, NodeKind::kArticle, date});
      const int n = 8 + static_cast<int>(rng() % 13);
      std::vector<NodeId> mine;
      for (int s = 0; s < n; ++s) {
        const NodeId sid = StatementNodeId(aid, "s" + std::to_string(s));
        c->nodes.push_back({sid, NodeKind::kStatement, date});
        c->statements.push_back(sid);
        const NodeId speaker = c->entities[pick_entity(rng)];
        c->edges.push_back({speaker, EdgeKind::kSaid, sid, 1});
        c->edges.push_back({sid, EdgeKind::kPublishedIn, article, 1});
        c->edges.push_back({article, EdgeKind::kMentions, speaker, 1});
        for (int m = static_cast<int>(rng() % 4); m > 0; --m) {
          const NodeId e = c->entities[pick_entity(rng)];
          c->edges.push_back({sid, EdgeKind::kMentions, e, 1});
          c->edges.push_back({article, EdgeKind::kMentions, e, 1});
        }
        if (!mine.empty() && rng() % 8 == 0) {
          c->edges.push_back({sid, EdgeKind::kRespondedTo, mine[rng() % mine.size()], 1});
        } else if (c->statements.size() > 1000 && rng() % 40 == 0) {
          c->edges.push_back(
              {sid, EdgeKind::kRespondedTo, c->statements[rng() % (c->statements.size() - 1)], 1});
        }
        mine.push_back(sid);
      }
    }
    // Distinct edges in key order, as the store holds them.
    auto key = [](const EdgeRecord& e) { return std::tie(e.src, e.kind, e.dst); };
    std::sort(c->edges.begin(), c->edges.end(),
              [&](const EdgeRecord& x, const EdgeRecord& y) { return key(x) < key(y); });
    c->edges.erase(
        std::unique(c->edges.begin(), c->edges.end(),
                    [&](const EdgeRecord& x, const EdgeRecord& y) { return key(x) == key(y); }),
        c->edges.end());
    return c;
  }();
  return *corpus;
}

std::shared_ptr<const GraphSnapshot> Build() {
  const Corpus& c = TheCorpus();
  VectorNodes nodes(c.nodes);
  VectorEdges edges(c.edges);
  auto g = GraphSnapshot::Build(nodes, edges);
  if (!g.ok()) std::abort();
  return *g;
}

const GraphSnapshot& TheGraph() {
  static const std::shared_ptr<const GraphSnapshot> g = Build();
  return *g;
}

// Runs `op` once per iteration, timing each call; reports p50/p99 in microseconds.
template <typename Op>
void Latency(benchmark::State& state, Op op) {
  std::vector<double> us;
  size_t results = 0;
  for (auto _ : state) {
    const auto t0 = std::chrono::steady_clock::now();
    results += op();
    us.push_back(
        std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - t0).count());
  }
  std::sort(us.begin(), us.end());
  state.counters["p50_us"] = us[us.size() / 2];
  state.counters["p99_us"] = us[std::min(us.size() - 1, us.size() * 99 / 100)];
  state.counters["results"] = static_cast<double>(results) / static_cast<double>(us.size());
}

void BM_BuildProjection(benchmark::State& state) {
  const Corpus& c = TheCorpus();
  size_t bytes = 0, vertices = 0, edges = 0;
  for (auto _ : state) {
    auto g = Build();
    bytes = g->BaseMemoryBytes();
    vertices = g->VertexCount();
    edges = g->EdgeCount();
  }
  state.counters["vertices"] = static_cast<double>(vertices);
  state.counters["edges"] = static_cast<double>(edges);
  state.counters["MB"] = static_cast<double>(bytes) / 1e6;
  state.counters["bytes_per_edge"] = static_cast<double>(bytes) / static_cast<double>(edges);
  state.counters["edges_per_s"] = benchmark::Counter(static_cast<double>(c.edges.size()),
                                                     benchmark::Counter::kIsIterationInvariantRate);
}
BENCHMARK(BM_BuildProjection)->Unit(benchmark::kMillisecond)->Iterations(2);

void BM_OneHopOfAnEntity(benchmark::State& state) {
  const GraphSnapshot& g = TheGraph();
  const Corpus& c = TheCorpus();
  std::mt19937_64 rng(1);
  Latency(state, [&] {
    NeighbourhoodQuery q{.start = c.entities[rng() % c.entities.size()], .hops = 1};
    return KHopNeighbourhood(g, q)->nodes.size();
  });
}
BENCHMARK(BM_OneHopOfAnEntity)->Iterations(20000);

void BM_OneHopOfAStatement(benchmark::State& state) {
  const GraphSnapshot& g = TheGraph();
  const Corpus& c = TheCorpus();
  std::mt19937_64 rng(2);
  Latency(state, [&] {
    NeighbourhoodQuery q{.start = c.statements[rng() % c.statements.size()], .hops = 1};
    return KHopNeighbourhood(g, q)->nodes.size();
  });
}
BENCHMARK(BM_OneHopOfAStatement)->Iterations(50000);

void BM_TwoHopCapped(benchmark::State& state) {
  const GraphSnapshot& g = TheGraph();
  const Corpus& c = TheCorpus();
  std::mt19937_64 rng(3);
  Latency(state, [&] {
    NeighbourhoodQuery q{.start = c.statements[rng() % c.statements.size()],
                         .hops = 2,
                         .max_expansions = 2000,
                         .max_results = 1000};
    return KHopNeighbourhood(g, q)->nodes.size();
  });
}
BENCHMARK(BM_TwoHopCapped)->Iterations(20000);

void BM_TwoHopDateWindowSaidMentions(benchmark::State& state) {
  const GraphSnapshot& g = TheGraph();
  const Corpus& c = TheCorpus();
  std::mt19937_64 rng(4);
  Latency(state, [&] {
    NeighbourhoodQuery q{.start = c.entities[rng() % c.entities.size()],
                         .hops = 2,
                         .kinds = EdgeKindSet::Of({EdgeKind::kSaid, EdgeKind::kMentions}),
                         .date_from = 20240301,
                         .date_to = 20240331,
                         .max_expansions = 5000,
                         .max_results = 1000};
    return KHopNeighbourhood(g, q)->nodes.size();
  });
}
BENCHMARK(BM_TwoHopDateWindowSaidMentions)->Iterations(5000);

void BM_ShortestPathBetweenEntities(benchmark::State& state) {
  const GraphSnapshot& g = TheGraph();
  const Corpus& c = TheCorpus();
  std::mt19937_64 rng(5);
  Latency(state, [&] {
    PathQuery q{.from = c.entities[rng() % c.entities.size()],
                .to = c.entities[rng() % c.entities.size()],
                .max_hops = 4,
                .max_expansions = 100000};
    auto r = ShortestPath(g, q);
    return r->path ? r->path->steps.size() : 0;
  });
}
BENCHMARK(BM_ShortestPathBetweenEntities)->Iterations(500);

void BM_ResponseThread(benchmark::State& state) {
  const GraphSnapshot& g = TheGraph();
  const Corpus& c = TheCorpus();
  std::mt19937_64 rng(6);
  Latency(state, [&] {
    auto r = ResponseThreadOf(g, c.statements[rng() % c.statements.size()]);
    return r->answers.size() + r->responses.size();
  });
}
BENCHMARK(BM_ResponseThread)->Iterations(50000);

void BM_CoMentions(benchmark::State& state) {
  const GraphSnapshot& g = TheGraph();
  const Corpus& c = TheCorpus();
  std::mt19937_64 rng(7);
  Latency(state, [&] {
    return CoMentioned(g, c.entities[rng() % c.entities.size()], 20)->entities.size();
  });
}
BENCHMARK(BM_CoMentions)->Iterations(2000);

void BM_RankSpeakers(benchmark::State& state) {
  const GraphSnapshot& g = TheGraph();
  int iterations = 0;
  for (auto _ : state) iterations = RankSpeakers(g).iterations;
  state.counters["pagerank_iterations"] = iterations;
}
BENCHMARK(BM_RankSpeakers)->Unit(benchmark::kMillisecond)->Iterations(2);

}  // namespace
}  // namespace parley::graph

BENCHMARK_MAIN();
