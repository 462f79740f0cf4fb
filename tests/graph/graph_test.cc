// parley::graph against brute force: random small graphs (several seeds), every
// traversal compared with a naive answer computed from the plain edge list; the
// delta of a projection compared with a fresh build after real store writes; the
// snapshot swap under concurrent readers.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <random>
#include <set>
#include <string>
#include <thread>
#include <tuple>
#include <vector>

#include "graph/projection.h"
#include "graph/store/key_format.h"
#include "graph/store/raw_access_for_testing.h"
#include "graph/store/store.h"
#include "graph/traversal.h"

namespace parley::graph {
namespace {

using store::EdgeRecord;
using store::NodeInfo;

// ---------------------------------------------------------------------------------
// Iterators over vectors: a graph built without a store.

class VectorNodes final : public store::NodeIterator {
 public:
  explicit VectorNodes(std::vector<NodeInfo> v) : v_(std::move(v)) {}
  bool Valid() const override { return i_ < v_.size(); }
  void Next() override { ++i_; }
  const NodeInfo& node() const override { return v_[i_]; }
  Status status() const override { return Status::OK(); }

 private:
  std::vector<NodeInfo> v_;
  size_t i_ = 0;
};

class VectorEdges final : public store::EdgeIterator {
 public:
  explicit VectorEdges(std::vector<EdgeRecord> v) : v_(std::move(v)) {}
  bool Valid() const override { return i_ < v_.size(); }
  void Next() override { ++i_; }
  const EdgeRecord& edge() const override { return v_[i_]; }
  Status status() const override { return Status::OK(); }

 private:
  std::vector<EdgeRecord> v_;
  size_t i_ = 0;
};

class FailingEdges final : public store::EdgeIterator {
 public:
  bool Valid() const override { return false; }
  void Next() override {}
  const EdgeRecord& edge() const override { return e_; }
  Status status() const override { return Status::IOError("disk on fire"); }

 private:
  EdgeRecord e_;
};

struct RandomGraph {
  std::vector<NodeInfo> nodes;
  std::vector<EdgeRecord> edges;
  std::map<NodeId, NodeInfo> info;
};

constexpr EdgeKind kKinds[] = {EdgeKind::kSaid,       EdgeKind::kPublishedIn,
                               EdgeKind::kMentions,   EdgeKind::kRespondedTo,
                               EdgeKind::kReportedBy, EdgeKind::kParticipatedIn,
                               EdgeKind::kRefersTo};

RandomGraph MakeRandomGraph(uint32_t seed, int n, int m) {
  std::mt19937 rng(seed);
  RandomGraph g;
  const NodeKind kinds[] = {NodeKind::kArticle,   NodeKind::kStatement,    NodeKind::kStatement,
                            NodeKind::kStatement, NodeKind::kPerson,       NodeKind::kPerson,
                            NodeKind::kCountry,   NodeKind::kOrganization, NodeKind::kEvent};
  for (int i = 0; i < n; ++i) {
    NodeInfo info;
    info.id = NodeId(HashParts({"node", std::to_string(seed), std::to_string(i)}));
    info.kind = kinds[rng() % std::size(kinds)];
    const bool dated = info.kind == NodeKind::kArticle || info.kind == NodeKind::kStatement ||
                       info.kind == NodeKind::kEvent;
    info.date = dated && rng() % 5 != 0 ? 20250000 + (1 + rng() % 12) * 100 + 1 + rng() % 28 : 0;
    g.nodes.push_back(info);
    g.info[info.id] = info;
  }
  std::set<std::tuple<NodeId, EdgeKind, NodeId>> seen;
  while (static_cast<int>(g.edges.size()) < m) {
    const NodeInfo& a = g.nodes[rng() % n];
    const NodeInfo& b = g.nodes[rng() % n];
    if (a.id == b.id) continue;
    const EdgeKind kind = kKinds[rng() % std::size(kKinds)];
    if (!seen.insert({a.id, kind, b.id}).second) continue;
    g.edges.push_back({a.id, kind, b.id, 1});
  }
  // The store hands edges over in key order.
  std::sort(g.edges.begin(), g.edges.end(), [](const EdgeRecord& x, const EdgeRecord& y) {
    return std::tie(x.src, x.kind, x.dst) < std::tie(y.src, y.kind, y.dst);
  });
  return g;
}

std::shared_ptr<const GraphSnapshot> BuildFrom(const RandomGraph& g) {
  VectorNodes nodes(g.nodes);
  VectorEdges edges(g.edges);
  auto snapshot = GraphSnapshot::Build(nodes, edges);
  EXPECT_TRUE(snapshot.ok()) << snapshot.status().ToString();
  return snapshot.ok() ? *snapshot : nullptr;
}

bool IsEntity(NodeKind k) {
  return k == NodeKind::kPerson || k == NodeKind::kCountry || k == NodeKind::kOrganization;
}

// ---------------------------------------------------------------------------------
// Brute force.

// Distances by breadth-first search over the plain edge list (a full scan per level).
std::map<NodeId, int> BruteKHop(const RandomGraph& g, const NeighbourhoodQuery& q) {
  auto in_window = [&](NodeId id) {
    const uint32_t date = g.info.at(id).date;
    if (date == 0) return q.include_undated;
    return (q.date_from == 0 || date >= q.date_from) && (q.date_to == 0 || date <= q.date_to);
  };
  std::map<NodeId, int> dist = {{q.start, 0}};
  std::set<NodeId> frontier = {q.start};
  for (int hop = 1; hop <= q.hops; ++hop) {
    std::set<NodeId> next;
    for (const EdgeRecord& e : g.edges) {
      if (!q.kinds.Contains(e.kind)) continue;
      auto visit = [&](NodeId from, NodeId to) {
        if (frontier.count(from) && !dist.count(to) && in_window(to)) next.insert(to);
      };
      if (q.direction != Direction::kIn) visit(e.src, e.dst);
      if (q.direction != Direction::kOut) visit(e.dst, e.src);
    }
    for (NodeId id : next) dist[id] = hop;
    frontier = std::move(next);
  }
  dist.erase(q.start);
  return dist;
}

// The length of a shortest path by trying every simple path up to max_hops edges
// (depth-first); -1 when there is none.
int BrutePathLength(const RandomGraph& g, const PathQuery& q) {
  if (q.from == q.to) return 0;
  std::map<NodeId, std::vector<NodeId>> adj;
  for (const EdgeRecord& e : g.edges) {
    if (!q.kinds.Contains(e.kind)) continue;
    adj[e.src].push_back(e.dst);
    adj[e.dst].push_back(e.src);
  }
  int best = -1;
  std::set<NodeId> on_path = {q.from};
  std::function<void(NodeId, int)> dfs = [&](NodeId v, int depth) {
    if (best >= 0 && depth >= best) return;
    for (NodeId u : adj[v]) {
      if (u == q.to) {
        best = depth + 1;
        return;
      }
    }
    if (depth + 1 >= q.max_hops) return;
    for (NodeId u : adj[v]) {
      if (on_path.count(u) || !q.via.Contains(g.info.at(u).kind)) continue;
      on_path.insert(u);
      dfs(u, depth + 1);
      on_path.erase(u);
    }
  };
  dfs(q.from, 0);
  return best;
}

std::set<NodeId> BruteClosure(const RandomGraph& g, NodeId start, bool forward) {
  std::set<NodeId> reached = {start};
  for (bool grew = true; grew;) {
    grew = false;
    for (const EdgeRecord& e : g.edges) {
      if (e.kind != EdgeKind::kRespondedTo && e.kind != EdgeKind::kRefersTo) continue;
      const NodeId from = forward ? e.src : e.dst, to = forward ? e.dst : e.src;
      if (reached.count(from) && reached.insert(to).second) grew = true;
    }
  }
  reached.erase(start);
  return reached;
}

std::vector<Weighted> BruteCoMentions(const RandomGraph& g, NodeId entity) {
  std::map<NodeId, uint32_t> weight;
  for (const EdgeRecord& m : g.edges) {
    if (m.kind != EdgeKind::kMentions || m.dst != entity) continue;
    for (const EdgeRecord& e : g.edges) {
      if (e.kind == EdgeKind::kMentions && e.src == m.src && e.dst != entity &&
          IsEntity(g.info.at(e.dst).kind)) {
        ++weight[e.dst];
      }
    }
  }
  std::vector<Weighted> out;
  for (auto [id, w] : weight) out.push_back({id, w});
  std::sort(out.begin(), out.end(), [](const Weighted& a, const Weighted& b) {
    return a.weight != b.weight ? a.weight > b.weight : a.id < b.id;
  });
  return out;
}

// PageRank by dense power iteration over the speaker links found by nested loops.
std::map<NodeId, std::pair<uint32_t, double>> BruteRanking(const RandomGraph& g, double d) {
  std::map<NodeId, uint32_t> statements;
  std::map<std::pair<NodeId, NodeId>, double> links;
  for (const EdgeRecord& s : g.edges) {
    if (s.kind != EdgeKind::kSaid || !IsEntity(g.info.at(s.src).kind)) continue;
    ++statements[s.src];
    for (const EdgeRecord& e : g.edges) {
      if (e.src != s.dst) continue;
      if (e.kind == EdgeKind::kMentions && e.dst != s.src && IsEntity(g.info.at(e.dst).kind)) {
        links[{s.src, e.dst}] += 1;
      }
      if (e.kind == EdgeKind::kRespondedTo) {
        for (const EdgeRecord& b : g.edges) {
          if (b.kind == EdgeKind::kSaid && b.dst == e.dst && b.src != s.src) {
            links[{s.src, b.src}] += 1;
          }
        }
      }
    }
  }
  std::vector<NodeId> members;
  for (auto [id, n] : statements) members.push_back(id);
  for (auto& [link, w] : links) {
    members.push_back(link.first);
    members.push_back(link.second);
  }
  std::sort(members.begin(), members.end());
  members.erase(std::unique(members.begin(), members.end()), members.end());
  const size_t m = members.size();
  auto idx = [&](NodeId id) {
    return std::lower_bound(members.begin(), members.end(), id) - members.begin();
  };
  std::vector<std::vector<double>> w(m, std::vector<double>(m, 0));
  for (auto& [link, weight] : links) w[idx(link.first)][idx(link.second)] = weight;
  std::vector<double> rank(m, 1.0 / m);
  for (int iter = 0; iter < 3000; ++iter) {
    std::vector<double> next(m, 0);
    for (size_t u = 0; u < m; ++u) {
      double total = 0;
      for (size_t v = 0; v < m; ++v) total += w[u][v];
      for (size_t v = 0; v < m; ++v) {
        next[v] += total == 0 ? d * rank[u] / m : d * rank[u] * w[u][v] / total;
      }
    }
    for (size_t v = 0; v < m; ++v) next[v] += (1 - d) / m;
    rank = next;
  }
  std::map<NodeId, std::pair<uint32_t, double>> out;
  for (size_t i = 0; i < m; ++i) {
    out[members[i]] = {statements.count(members[i]) ? statements[members[i]] : 0, rank[i]};
  }
  return out;
}

// ---------------------------------------------------------------------------------
// The comparisons, over several random graphs.

class RandomGraphTest : public ::testing::TestWithParam<uint32_t> {
 protected:
  void SetUp() override {
    graph_ = MakeRandomGraph(GetParam(), 120, 360);
    snapshot_ = BuildFrom(graph_);
    ASSERT_NE(snapshot_, nullptr);
  }
  NodeId Pick(std::mt19937& rng) const { return graph_.nodes[rng() % graph_.nodes.size()].id; }
  NodeId PickOf(std::mt19937& rng, bool (*want)(NodeKind)) const {
    for (;;) {
      const NodeInfo& n = graph_.nodes[rng() % graph_.nodes.size()];
      if (want(n.kind)) return n.id;
    }
  }

  RandomGraph graph_;
  std::shared_ptr<const GraphSnapshot> snapshot_;
};

TEST_P(RandomGraphTest, TheSnapshotHoldsEveryNodeAndEdge) {
  EXPECT_EQ(snapshot_->VertexCount(), graph_.nodes.size());
  EXPECT_EQ(snapshot_->EdgeCount(), graph_.edges.size());
  std::set<std::tuple<NodeId, EdgeKind, NodeId>> got, want;
  snapshot_->ForEachEdge([&](Vertex s, EdgeKind k, Vertex d) {
    got.insert({snapshot_->IdOf(s), k, snapshot_->IdOf(d)});
  });
  for (const EdgeRecord& e : graph_.edges) want.insert({e.src, e.kind, e.dst});
  EXPECT_EQ(got, want);
  for (const NodeInfo& n : graph_.nodes) {
    auto v = snapshot_->VertexOf(n.id);
    ASSERT_TRUE(v.has_value());
    EXPECT_EQ(snapshot_->IdOf(*v), n.id);
    EXPECT_EQ(snapshot_->KindOf(*v), n.kind);
    EXPECT_EQ(snapshot_->DateOf(*v), n.date);
  }
  std::map<NodeId, std::pair<size_t, size_t>> degree;  // out, in
  for (const EdgeRecord& e : graph_.edges) {
    ++degree[e.src].first;
    ++degree[e.dst].second;
  }
  for (const NodeInfo& n : graph_.nodes) {
    const Vertex v = *snapshot_->VertexOf(n.id);
    EXPECT_EQ(snapshot_->Degree(v, Direction::kOut), degree[n.id].first) << n.id.ToHex();
    EXPECT_EQ(snapshot_->Degree(v, Direction::kIn), degree[n.id].second) << n.id.ToHex();
    EXPECT_EQ(snapshot_->Degree(v, Direction::kBoth), degree[n.id].first + degree[n.id].second);
  }
  EXPECT_FALSE(snapshot_->VertexOf(NodeId(12345)).has_value());
  EXPECT_GT(snapshot_->BaseMemoryBytes(), 0u);
  EXPECT_EQ(snapshot_->MemoryBytes(),
            snapshot_->BaseMemoryBytes() + snapshot_->DeltaMemoryBytes());
}

TEST_P(RandomGraphTest, KHopMatchesBruteForceForEveryFilter) {
  std::mt19937 rng(GetParam() * 7 + 1);
  const EdgeKindSet filters[] = {EdgeKindSet::All(),
                                 EdgeKindSet::Of({EdgeKind::kSaid, EdgeKind::kMentions}),
                                 EdgeKindSet::Of({EdgeKind::kRespondedTo})};
  const Direction directions[] = {Direction::kOut, Direction::kIn, Direction::kBoth};
  for (int trial = 0; trial < 60; ++trial) {
    NeighbourhoodQuery q;
    q.start = Pick(rng);
    q.hops = 1 + static_cast<int>(rng() % 4);
    q.direction = directions[rng() % 3];
    q.kinds = filters[rng() % 3];
    if (trial % 2 == 1) {
      q.date_from = 20250301;
      q.date_to = 20250930;
      q.include_undated = trial % 4 == 1;
    }
    q.max_expansions = 1000000;
    q.max_results = 1000000;
    auto got = KHopNeighbourhood(*snapshot_, q);
    ASSERT_TRUE(got.ok()) << got.status().ToString();
    EXPECT_FALSE(got->truncated);
    std::map<NodeId, int> dist;
    for (const Reached& r : got->nodes) {
      EXPECT_TRUE(dist.emplace(r.id, r.hops).second) << "repeated " << r.id.ToHex();
    }
    EXPECT_EQ(dist, BruteKHop(graph_, q)) << "trial " << trial;
    // Nearest first.
    EXPECT_TRUE(std::is_sorted(got->nodes.begin(), got->nodes.end(),
                               [](const Reached& a, const Reached& b) { return a.hops < b.hops; }));
  }
}

TEST_P(RandomGraphTest, KHopCapsCutTheAnswerShortAndSaySo) {
  std::mt19937 rng(GetParam() * 11 + 3);
  int truncated_seen = 0;
  for (int trial = 0; trial < 40; ++trial) {
    NeighbourhoodQuery q;
    q.start = Pick(rng);
    q.hops = 3;
    q.max_results = 1 + rng() % 8;
    q.max_expansions = 1 + rng() % 6;
    auto got = KHopNeighbourhood(*snapshot_, q);
    ASSERT_TRUE(got.ok());
    const std::map<NodeId, int> all = BruteKHop(graph_, q);
    EXPECT_LE(got->nodes.size(), q.max_results);
    for (const Reached& r : got->nodes) {
      ASSERT_TRUE(all.count(r.id)) << r.id.ToHex();
      EXPECT_EQ(all.at(r.id), r.hops);  // breadth-first: a capped answer is still exact
    }
    if (got->nodes.size() < all.size()) {
      EXPECT_TRUE(got->truncated);
      ++truncated_seen;
    }
  }
  EXPECT_GT(truncated_seen, 0);
}

TEST_P(RandomGraphTest, ShortestPathMatchesBruteForceAndIsARealPath) {
  std::mt19937 rng(GetParam() * 13 + 5);
  std::set<std::tuple<NodeId, EdgeKind, NodeId>> edge_set;
  for (const EdgeRecord& e : graph_.edges) edge_set.insert({e.src, e.kind, e.dst});
  int found = 0;
  for (int trial = 0; trial < 80; ++trial) {
    PathQuery q;
    q.from = PickOf(rng, IsEntity);
    q.to = PickOf(rng, IsEntity);
    q.max_hops = 2 + static_cast<int>(rng() % 4);
    if (trial % 3 == 0) q.kinds = EdgeKindSet::Of({EdgeKind::kSaid, EdgeKind::kMentions});
    auto got = ShortestPath(*snapshot_, q);
    ASSERT_TRUE(got.ok()) << got.status().ToString();
    EXPECT_FALSE(got->truncated);
    const int want = BrutePathLength(graph_, q);
    if (want < 0) {
      EXPECT_FALSE(got->path.has_value()) << "trial " << trial;
      continue;
    }
    ASSERT_TRUE(got->path.has_value()) << "trial " << trial << " want length " << want;
    const Path& p = *got->path;
    ASSERT_EQ(static_cast<int>(p.steps.size()), want) << "trial " << trial;
    ASSERT_EQ(p.nodes.size(), p.steps.size() + 1);
    EXPECT_EQ(p.nodes.front(), q.from);
    EXPECT_EQ(p.nodes.back(), q.to);
    for (size_t i = 0; i < p.steps.size(); ++i) {
      const PathStep& s = p.steps[i];
      EXPECT_TRUE(edge_set.count({s.src, s.kind, s.dst}));
      EXPECT_TRUE(q.kinds.Contains(s.kind));
      EXPECT_TRUE((s.src == p.nodes[i] && s.dst == p.nodes[i + 1]) ||
                  (s.dst == p.nodes[i] && s.src == p.nodes[i + 1]));
      if (i > 0) {
        EXPECT_TRUE(q.via.Contains(graph_.info.at(p.nodes[i]).kind));
      }
    }
    ++found;
  }
  EXPECT_GT(found, 0);
}

TEST_P(RandomGraphTest, ResponseThreadsMatchTheTransitiveClosureBothWays) {
  for (const NodeInfo& n : graph_.nodes) {
    auto got = ResponseThreadOf(*snapshot_, n.id);
    ASSERT_TRUE(got.ok());
    EXPECT_FALSE(got->truncated);
    EXPECT_EQ(std::set<NodeId>(got->answers.begin(), got->answers.end()),
              BruteClosure(graph_, n.id, true));
    EXPECT_EQ(std::set<NodeId>(got->responses.begin(), got->responses.end()),
              BruteClosure(graph_, n.id, false));
    EXPECT_EQ(std::set<NodeId>(got->answers.begin(), got->answers.end()).size(),
              got->answers.size());
  }
}

TEST_P(RandomGraphTest, CoMentionsMatchBruteForce) {
  for (const NodeInfo& n : graph_.nodes) {
    if (!IsEntity(n.kind)) continue;
    auto got = CoMentioned(*snapshot_, n.id, 1000);
    ASSERT_TRUE(got.ok());
    EXPECT_EQ(got->entities, BruteCoMentions(graph_, n.id)) << n.id.ToHex();
    auto top = CoMentioned(*snapshot_, n.id, 2);
    ASSERT_TRUE(top.ok());
    EXPECT_LE(top->entities.size(), 2u);
  }
}

TEST_P(RandomGraphTest, SpeakerRankingMatchesADensePowerIteration) {
  const SpeakerRanking got = RankSpeakers(*snapshot_);
  const auto want = BruteRanking(graph_, 0.85);
  ASSERT_EQ(got.speakers.size(), want.size());
  double sum = 0;
  for (const SpeakerRank& r : got.speakers) {
    ASSERT_TRUE(want.count(r.id)) << r.id.ToHex();
    EXPECT_EQ(r.statements, want.at(r.id).first);
    EXPECT_NEAR(r.pagerank, want.at(r.id).second, 1e-8);
    sum += r.pagerank;
  }
  EXPECT_NEAR(sum, 1.0, 1e-9);
  EXPECT_TRUE(std::is_sorted(
      got.speakers.begin(), got.speakers.end(),
      [](const SpeakerRank& a, const SpeakerRank& b) { return a.pagerank > b.pagerank; }));
}

INSTANTIATE_TEST_SUITE_P(Seeds, RandomGraphTest, ::testing::Values(1u, 2u, 3u, 42u, 2026u));

// ---------------------------------------------------------------------------------
// Hand-made cases and errors.

TEST(TraversalTest, QueriesRejectUnknownNodesAndBadBounds) {
  RandomGraph g = MakeRandomGraph(9, 10, 20);
  auto s = BuildFrom(g);
  NeighbourhoodQuery q;
  q.start = NodeId(777);
  EXPECT_TRUE(KHopNeighbourhood(*s, q).status().IsNotFound());
  q.start = g.nodes[0].id;
  q.hops = 0;
  EXPECT_TRUE(KHopNeighbourhood(*s, q).status().IsInvalidArgument());
  q.hops = kMaxHops + 1;
  EXPECT_TRUE(KHopNeighbourhood(*s, q).status().IsInvalidArgument());
  PathQuery p;
  p.from = g.nodes[0].id;
  p.to = NodeId(777);
  EXPECT_TRUE(ShortestPath(*s, p).status().IsNotFound());
  p.to = g.nodes[0].id;
  auto same = ShortestPath(*s, p);
  ASSERT_TRUE(same.ok());
  ASSERT_TRUE(same->path.has_value());
  EXPECT_EQ(same->path->nodes, std::vector<NodeId>{g.nodes[0].id});
  EXPECT_TRUE(ResponseThreadOf(*s, NodeId(777)).status().IsNotFound());
  EXPECT_TRUE(CoMentioned(*s, NodeId(777)).status().IsNotFound());
}

TEST(TraversalTest, ABuildFailsWithTheIteratorsError) {
  VectorNodes nodes({});
  FailingEdges edges;
  auto s = GraphSnapshot::Build(nodes, edges);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.status().code(), Status::Code::kIOError);
  EXPECT_THAT(s.status().message(), ::testing::HasSubstr("disk on fire"));
}

TEST(TraversalTest, EdgesAmongASetMatchBruteForceAroundAHub) {
  // A hub with 600 out-edges of three kinds (so small sets probe its sorted row
  // instead of scanning it) plus random edges, handed over in shuffled order.
  std::mt19937 rng(7);
  std::vector<NodeInfo> nodes;
  for (int i = 0; i < 400; ++i) {
    nodes.push_back({NodeId(HashParts({"among", std::to_string(i)})),
                     i % 3 == 0 ? NodeKind::kPerson : NodeKind::kStatement, 0});
  }
  const NodeId hub = nodes[0].id;
  std::set<std::tuple<NodeId, EdgeKind, NodeId>> all;
  const EdgeKind three[] = {EdgeKind::kSaid, EdgeKind::kMentions, EdgeKind::kRespondedTo};
  for (int i = 1; i < 400; ++i) {
    for (EdgeKind k : three) {
      if (rng() % 2 == 0) all.insert({hub, k, nodes[i].id});
    }
  }
  while (all.size() < 1500) {
    all.insert({nodes[rng() % 400].id, three[rng() % 3], nodes[rng() % 400].id});
  }
  std::vector<EdgeRecord> edges;
  for (const auto& [a, k, b] : all) edges.push_back({a, k, b, 1});
  std::shuffle(edges.begin(), edges.end(), rng);
  VectorNodes n(nodes);
  VectorEdges e(edges);
  auto g = GraphSnapshot::Build(n, e);
  ASSERT_TRUE(g.ok()) << g.status().ToString();
  for (int trial = 0; trial < 300; ++trial) {
    std::set<NodeId> members;
    if (trial % 2 == 0) members.insert(hub);
    for (int i = static_cast<int>(rng() % 12); i >= 0; --i) members.insert(nodes[rng() % 400].id);
    std::vector<Vertex> among;
    for (NodeId id : members) among.push_back(*(*g)->VertexOf(id));
    among.push_back(among.front());  // a duplicate is ignored
    const EdgeKindSet kinds = trial % 3 == 0 ? EdgeKindSet::Of({EdgeKind::kMentions})
                                             : EdgeKindSet::All();
    std::multiset<std::tuple<NodeId, EdgeKind, NodeId>> got;
    (*g)->ForEachEdgeAmong(among, kinds, [&](Vertex a, EdgeKind k, Vertex b) {
      got.insert({(*g)->IdOf(a), k, (*g)->IdOf(b)});
    });
    std::multiset<std::tuple<NodeId, EdgeKind, NodeId>> want;
    for (const auto& [a, k, b] : all) {
      if (members.count(a) && members.count(b) && kinds.Contains(k)) want.insert({a, k, b});
    }
    ASSERT_EQ(got, want) << "trial " << trial;
  }
}

TEST(TraversalTest, EdgeEndsWithoutARecordStillGetVertices) {
  // A damaged store: edges name nodes 3 and 9, which have no record.
  const NodeId a(5), b(1), ghost(3), far_ghost(9);
  std::vector<NodeInfo> nodes = {{a, NodeKind::kPerson, 0}, {b, NodeKind::kStatement, 20250101}};
  std::vector<EdgeRecord> edges = {{b, EdgeKind::kMentions, ghost, 1},
                                   {ghost, EdgeKind::kMentions, a, 1},
                                   {a, EdgeKind::kSaid, b, 1},
                                   {a, EdgeKind::kSaid, far_ghost, 1}};
  VectorNodes n(nodes);
  VectorEdges e(edges);
  auto g = GraphSnapshot::Build(n, e);
  ASSERT_TRUE(g.ok()) << g.status().ToString();
  ASSERT_EQ((*g)->VertexCount(), 4u);
  for (Vertex v = 0; v + 1 < 4; ++v) EXPECT_LT((*g)->IdOf(v), (*g)->IdOf(v + 1));
  EXPECT_EQ((*g)->KindOf(*(*g)->VertexOf(a)), NodeKind::kPerson);
  EXPECT_EQ((*g)->DateOf(*(*g)->VertexOf(b)), 20250101u);
  EXPECT_EQ((*g)->KindOf(*(*g)->VertexOf(ghost)), static_cast<NodeKind>(0));
  std::set<std::tuple<NodeId, EdgeKind, NodeId>> got, want;
  (*g)->ForEachEdge([&](Vertex s, EdgeKind k, Vertex d) {
    got.insert({(*g)->IdOf(s), k, (*g)->IdOf(d)});
  });
  for (const EdgeRecord& r : edges) want.insert({r.src, r.kind, r.dst});
  EXPECT_EQ(got, want);
  EXPECT_EQ((*g)->Degree(*(*g)->VertexOf(a), Direction::kOut), 2u);
  EXPECT_EQ((*g)->Degree(*(*g)->VertexOf(a), Direction::kIn), 1u);
  EXPECT_EQ((*g)->Degree(*(*g)->VertexOf(far_ghost), Direction::kBoth), 1u);
}

TEST(TraversalTest, APathGoesThroughStatementsNotArticles) {
  // Putin -said-> s1 -published_in-> article <-published_in- s2 <-said- Trump, and
  // Putin -said-> s1 -mentions-> Trump: only the second passes via statements.
  const NodeId putin(1), trump(2), s1(3), s2(4), article(5);
  std::vector<NodeInfo> nodes = {{putin, NodeKind::kPerson, 0},
                                 {trump, NodeKind::kPerson, 0},
                                 {s1, NodeKind::kStatement, 20250101},
                                 {s2, NodeKind::kStatement, 20250102},
                                 {article, NodeKind::kArticle, 20250102}};
  std::vector<EdgeRecord> edges = {{putin, EdgeKind::kSaid, s1, 1},
                                   {trump, EdgeKind::kSaid, s2, 1},
                                   {s1, EdgeKind::kPublishedIn, article, 1},
                                   {s2, EdgeKind::kPublishedIn, article, 1}};
  VectorNodes n1(nodes);
  VectorEdges e1(edges);
  auto g = GraphSnapshot::Build(n1, e1);
  ASSERT_TRUE(g.ok());
  PathQuery q{.from = putin, .to = trump};
  auto none = ShortestPath(**g, q);
  ASSERT_TRUE(none.ok());
  EXPECT_FALSE(none->path.has_value());
  q.via = NodeKindSet::Of({NodeKind::kStatement, NodeKind::kArticle});
  auto via_article = ShortestPath(**g, q);
  ASSERT_TRUE(via_article.ok() && via_article->path.has_value());
  EXPECT_EQ(via_article->path->nodes, (std::vector<NodeId>{putin, s1, article, s2, trump}));
  EXPECT_EQ(via_article->path->steps[3], (PathStep{trump, EdgeKind::kSaid, s2}));

  edges.push_back({s1, EdgeKind::kMentions, trump, 1});
  VectorNodes n2(nodes);
  VectorEdges e2(edges);
  auto g2 = GraphSnapshot::Build(n2, e2);
  ASSERT_TRUE(g2.ok());
  q.via = PathQuery{}.via;
  auto direct = ShortestPath(**g2, q);
  ASSERT_TRUE(direct.ok() && direct->path.has_value());
  EXPECT_EQ(direct->path->nodes, (std::vector<NodeId>{putin, s1, trump}));
}

// ---------------------------------------------------------------------------------
// The delta, on a real (in-memory RocksDB) store.

Entity MakeEntity(std::string id, std::string name, std::vector<Span> mentions) {
  Entity e;
  e.id = std::move(id);
  e.type = "person";
  e.name = std::move(name);
  e.mentions = std::move(mentions);
  return e;
}

Extraction MakeArticle(const std::string& id, const std::string& hash,
                       std::vector<std::pair<std::string, std::string>> said_mentioning) {
  Extraction x;
  x.id = id;
  x.text = std::string(400, 'x');
  x.content_hash = hash;
  x.extractor_version = "t";
  x.article.published = "2025-06-01";
  int at = 0;
  std::map<std::string, std::string> local;
  auto entity = [&](const std::string& name) {
    auto it = local.find(name);
    if (it != local.end()) return it->second;
    const std::string lid = "e" + std::to_string(local.size());
    x.entities.push_back(MakeEntity(lid, name, {}));
    local[name] = lid;
    return lid;
  };
  for (const auto& [speaker, mentioned] : said_mentioning) {
    Statement s;
    s.id = "s" + std::to_string(x.statements.size() + 1);
    s.type = "direct";
    s.content = {at, at + 50};
    s.speaker_entity = entity(speaker);
    const std::string m = entity(mentioned);
    for (auto& e : x.entities) {
      if (e.id == m) e.mentions.push_back({at + 10, at + 20});
    }
    x.statements.push_back(s);
    at += 60;
  }
  for (size_t i = 1; i < x.statements.size(); ++i) {
    x.relations.push_back({"responded_to", x.statements[i].id, x.statements[i - 1].id});
  }
  return x;
}

std::string DumpSnapshot(const GraphSnapshot& g) {
  std::vector<std::string> lines;
  g.ForEachEdge([&](Vertex s, EdgeKind k, Vertex d) {
    lines.push_back(
        g.IdOf(s).ToHex() + " " + std::string(store::EdgeKindName(k)) + " " + g.IdOf(d).ToHex() +
        " " + std::to_string(static_cast<int>(g.KindOf(s))) + "/" + std::to_string(g.DateOf(s)) +
        " " + std::to_string(static_cast<int>(g.KindOf(d))) + "/" + std::to_string(g.DateOf(d)));
  });
  // ForEachEdgeAmong over every vertex lists what ForEachEdge lists.
  std::vector<Vertex> every;
  for (Vertex v = 0; v < g.VertexCount(); ++v) every.push_back(v);
  std::vector<std::string> among;
  g.ForEachEdgeAmong(every, EdgeKindSet::All(), [&](Vertex s, EdgeKind k, Vertex d) {
    among.push_back(g.IdOf(s).ToHex() + " " + std::string(store::EdgeKindName(k)) + " " +
                    g.IdOf(d).ToHex());
  });
  std::vector<std::string> listed;
  g.ForEachEdge([&](Vertex s, EdgeKind k, Vertex d) {
    listed.push_back(g.IdOf(s).ToHex() + " " + std::string(store::EdgeKindName(k)) + " " +
                     g.IdOf(d).ToHex());
  });
  std::sort(among.begin(), among.end());
  std::sort(listed.begin(), listed.end());
  EXPECT_EQ(among, listed);
  // Degree() counts what ForEachEdge lists (a delta vertex left edgeless by a
  // removal is absent from a fresh build, so zero degrees are not listed).
  for (Vertex v = 0; v < g.VertexCount(); ++v) {
    const size_t out = g.Degree(v, Direction::kOut), in = g.Degree(v, Direction::kIn);
    EXPECT_EQ(g.Degree(v, Direction::kBoth), out + in);
    if (out + in > 0) {
      lines.push_back("degree " + g.IdOf(v).ToHex() + " " + std::to_string(out) + " " +
                      std::to_string(in));
    }
  }
  std::sort(lines.begin(), lines.end());
  std::string out;
  for (const auto& l : lines) out += l + "\n";
  return out;
}

class ProjectionTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store_ = store::NewMemoryStore();
    ASSERT_TRUE(store_->PutArticle(MakeArticle("a", "1", {{"Ann", "Bob"}, {"Bob", "Ann"}})).ok());
    auto built = GraphSnapshot::Build(*store_);
    ASSERT_TRUE(built.ok()) << built.status().ToString();
    projection_ = std::make_unique<GraphProjection>(*built);
  }

  // Writes `x` (or removes `id` when x is null) and applies the change to the projection.
  void Write(const std::string& id, const Extraction* x) {
    auto before = store_->GetArticleGraph(id);
    if (x != nullptr) {
      ASSERT_TRUE(store_->PutArticle(*x).ok());
    } else {
      ASSERT_TRUE(store_->RemoveArticle(id).ok());
    }
    auto after = store_->GetArticleGraph(id);
    projection_->ApplyArticleChange(before.ok() ? &*before : nullptr,
                                    after.ok() ? &*after : nullptr);
  }

  std::string Fresh() {
    auto fresh = GraphSnapshot::Build(*store_);
    EXPECT_TRUE(fresh.ok());
    return fresh.ok() ? DumpSnapshot(**fresh) : "";
  }

  std::unique_ptr<store::Store> store_;
  std::unique_ptr<GraphProjection> projection_;
};

TEST_F(ProjectionTest, TheDeltaAgreesWithAFreshBuildAfterEveryWrite) {
  const std::string initial = DumpSnapshot(*projection_->Current());
  EXPECT_EQ(initial, Fresh());

  const Extraction b = MakeArticle("b", "1", {{"Cy", "Ann"}, {"Ann", "Cy"}, {"Dee", "Bob"}});
  Write("b", &b);
  EXPECT_EQ(DumpSnapshot(*projection_->Current()), Fresh());
  EXPECT_GT(projection_->Current()->DeltaEdgeCount(), 0u);

  const Extraction a2 = MakeArticle("a", "2", {{"Ann", "Dee"}});  // drops Bob's statement
  Write("a", &a2);
  EXPECT_EQ(DumpSnapshot(*projection_->Current()), Fresh());

  Write("b", nullptr);
  EXPECT_EQ(DumpSnapshot(*projection_->Current()), Fresh());

  const Extraction a1 = MakeArticle("a", "1", {{"Ann", "Bob"}, {"Bob", "Ann"}});
  Write("a", &a1);
  EXPECT_EQ(DumpSnapshot(*projection_->Current()), initial);

  // Traversals see the delta: Cy reaches Ann through b's statement, then not after b goes.
  Write("b", &b);
  auto g = projection_->Current();
  PathQuery q{.from = EntityNodeId(NodeKind::kPerson, "Cy"),
              .to = EntityNodeId(NodeKind::kPerson, "Bob")};
  auto path = ShortestPath(*g, q);
  ASSERT_TRUE(path.ok() && path->path.has_value()) << path.status().ToString();
  // b/s2 mentions Cy; b/s3 (Dee) responds to b/s2 and mentions Bob.
  EXPECT_EQ(
      path->path->nodes,
      (std::vector<NodeId>{EntityNodeId(NodeKind::kPerson, "Cy"), StatementNodeId("b", "s2"),
                           StatementNodeId("b", "s3"), EntityNodeId(NodeKind::kPerson, "Bob")}));
  auto thread = ResponseThreadOf(*g, StatementNodeId("b", "s3"));
  ASSERT_TRUE(thread.ok());
  EXPECT_EQ(thread->answers,
            (std::vector<NodeId>{StatementNodeId("b", "s2"), StatementNodeId("b", "s1")}));
  Write("b", nullptr);
  EXPECT_TRUE(ShortestPath(*projection_->Current(), q)->path.has_value() == false);
  // The older snapshot still answers as before: it is immutable.
  EXPECT_TRUE(ShortestPath(*g, q)->path.has_value());

  ASSERT_TRUE(projection_->Rebuild(*store_).ok());
  EXPECT_EQ(projection_->Current()->DeltaEdgeCount(), 0u);
  EXPECT_EQ(DumpSnapshot(*projection_->Current()), Fresh());
}

TEST_F(ProjectionTest, ReadersKeepAConsistentSnapshotWhileChangesAreSwappedIn) {
  const Extraction b = MakeArticle("b", "1", {{"Cy", "Ann"}, {"Ann", "Cy"}});
  auto before_b = projection_->Current();
  const size_t edges_without_b = before_b->EdgeCount();
  Write("b", &b);
  const size_t edges_with_b = projection_->Current()->EdgeCount();
  ASSERT_NE(edges_with_b, edges_without_b);
  std::atomic<bool> done{false};
  std::atomic<int> bad{0}, reads{0};
  std::vector<std::thread> readers;
  for (int t = 0; t < 2; ++t) {
    readers.emplace_back([&] {
      while (!done.load()) {
        auto g = projection_->Current();
        size_t counted = 0;
        g->ForEachEdge([&](Vertex, EdgeKind, Vertex) { ++counted; });
        if (counted != g->EdgeCount() || (counted != edges_with_b && counted != edges_without_b)) {
          ++bad;
        }
        NeighbourhoodQuery q{.start = EntityNodeId(NodeKind::kPerson, "Ann"), .hops = 2};
        if (!KHopNeighbourhood(*g, q).ok()) ++bad;
        ++reads;
      }
    });
  }
  for (int i = 0; i < 40; ++i) Write("b", i % 2 == 0 ? nullptr : &b);
  while (reads.load() < 100) std::this_thread::yield();
  done = true;
  for (auto& r : readers) r.join();
  EXPECT_EQ(bad.load(), 0);
}

TEST_F(ProjectionTest, TheRankingCacheComputesOffTheCallingThread) {
  const Extraction b = MakeArticle("b", "1", {{"Cy", "Ann"}, {"Dee", "Ann"}, {"Ann", "Cy"}});
  Write("b", &b);
  SpeakerRankingCache cache;
  EXPECT_EQ(cache.Latest(), nullptr);
  cache.Refresh(projection_->Current());
  cache.WaitIdle();
  auto ranking = cache.Latest();
  ASSERT_NE(ranking, nullptr);
  ASSERT_FALSE(ranking->speakers.empty());
  // Ann is mentioned or answered by every other speaker: the top one.
  EXPECT_EQ(ranking->speakers[0].id, EntityNodeId(NodeKind::kPerson, "Ann"));
  EXPECT_EQ(ranking->speakers[0].statements, 2u);
}


// The projection's lean iterators (node records only, kind and date decoded) list
// exactly what the plain ones list, on a real RocksDB store with every kind of node
// and every way a date is given; a damaged record stops both with Corruption.
std::string DumpNodes(store::NodeIterator& it) {
  std::string out;
  for (; it.Valid(); it.Next()) {
    const store::NodeInfo& n = it.node();
    out += n.id.ToHex() + " " + std::to_string(static_cast<int>(n.kind)) + " " +
           std::to_string(n.date) + "\n";
  }
  if (!it.status().ok()) out += "status " + it.status().ToString() + "\n";
  return out;
}

std::string DumpEdges(store::EdgeIterator& it) {
  std::string out;
  for (; it.Valid(); it.Next()) {
    const store::EdgeRecord& e = it.edge();
    out += e.src.ToHex() + " " + std::string(store::EdgeKindName(e.kind)) + " " + e.dst.ToHex() +
           " " + std::to_string(e.articles) + "\n";
  }
  if (!it.status().ok()) out += "status " + it.status().ToString() + "\n";
  return out;
}

TEST(ProjectionIteratorTest, TheLeanScansListWhatThePlainScansList) {
  std::string dir = ::testing::TempDir() + "parley_graph_XXXXXX";
  ASSERT_NE(mkdtemp(dir.data()), nullptr);
  {
    auto opened = store::OpenRocksDbStore(dir, store::StoreOptions{});
    ASSERT_TRUE(opened.ok()) << opened.status().ToString();
    store::Store& s = **opened;
    Extraction a = MakeArticle("a", "1", {{"Ann", "Bob"}, {"Bob", "Ann"}, {"Cy", "Ann"}});
    a.statements[0].date = "2025-05-30";  // said before it was published
    a.statements[1].date = "2025-05";     // month only
    a.entities[0].type = "organization";
    Event ev;
    ev.id = "v1";
    ev.type = "meeting";
    ev.name = "talks";
    ev.participants = {"e0", "e1"};
    ev.date = "2025-05-29";
    ev.mentions = {{5, 9}};
    a.events.push_back(ev);
    Event undated = ev;
    undated.id = "v2";
    undated.date.reset();
    a.events.push_back(undated);
    ASSERT_TRUE(s.PutArticle(a).ok());
    Extraction b = MakeArticle("b", "1", {{"Dee", "Ann"}});
    b.article.published.reset();  // undated article and statement
    ASSERT_TRUE(s.PutArticle(b).ok());
    ASSERT_TRUE(s.PutArticle(MakeArticle("c", "1", {{"Ann", "Dee"}, {"Eve", "Cy"}})).ok());

    auto plain_nodes = s.NewNodeIterator();
    auto lean_nodes = s.NewProjectionNodeIterator();
    const std::string nodes = DumpNodes(*plain_nodes);
    EXPECT_EQ(DumpNodes(*lean_nodes), nodes);
    // Every kind and date form is there: 3 articles, 7 statements, 2 events, entities.
    EXPECT_NE(nodes.find(" 20250530\n"), std::string::npos) << nodes;
    EXPECT_NE(nodes.find(" 20250500\n"), std::string::npos) << nodes;
    EXPECT_NE(nodes.find(" 20250529\n"), std::string::npos) << nodes;
    EXPECT_NE(nodes.find(" 20250601\n"), std::string::npos) << nodes;
    EXPECT_EQ(nodes.find("status"), std::string::npos) << nodes;
    auto plain_edges = s.NewEdgeIterator();
    auto lean_edges = s.NewProjectionEdgeIterator();
    const std::string edges = DumpEdges(*plain_edges);
    EXPECT_GT(edges.size(), 0u);
    EXPECT_EQ(DumpEdges(*lean_edges), edges);

    auto built = GraphSnapshot::Build(s);  // the lean iterators
    ASSERT_TRUE(built.ok()) << built.status().ToString();
    auto n = s.NewNodeIterator();
    auto e = s.NewEdgeIterator();
    auto reference = GraphSnapshot::Build(*n, *e);  // the plain ones
    ASSERT_TRUE(reference.ok());
    EXPECT_EQ(DumpSnapshot(**built), DumpSnapshot(**reference));
  }
  // A statement record cut short: both node scans stop on it with Corruption.
  const NodeId st = StatementNodeId("a", "s1");
  std::string key(1, store::kStatementTag);
  store::PutBe64(&key, st.value());
  ASSERT_TRUE(store::RawPutForTesting(dir, store::kCfRecords, key, std::string("\x01\x00", 2)).ok());
  {
    auto opened = store::OpenRocksDbStore(dir, store::StoreOptions{});
    ASSERT_TRUE(opened.ok()) << opened.status().ToString();
    auto plain = (*opened)->NewNodeIterator();
    auto lean = (*opened)->NewProjectionNodeIterator();
    const std::string a = DumpNodes(*plain), b = DumpNodes(*lean);
    EXPECT_NE(a.find("status Corruption"), std::string::npos) << a;
    EXPECT_EQ(a, b);
    EXPECT_FALSE(GraphSnapshot::Build(**opened).ok());
  }
  std::filesystem::remove_all(dir);
}

// A projection saved beside a real store loads back equal to a fresh build, only
// while the store is unchanged; a damaged file is refused and rebuilt from the store.
TEST(SavedProjectionTest, ALoadedProjectionEqualsAFreshBuildUntilTheStoreChanges) {
  std::string dir = ::testing::TempDir() + "parley_saved_XXXXXX";
  ASSERT_NE(mkdtemp(dir.data()), nullptr);
  const std::string path = dir + "/graph.projection";
  auto opened = store::OpenRocksDbStore(dir + "/db", store::StoreOptions{});
  ASSERT_TRUE(opened.ok()) << opened.status().ToString();
  store::Store& s = **opened;
  ASSERT_TRUE(s.PutArticle(MakeArticle("a", "1", {{"Ann", "Bob"}, {"Bob", "Ann"}})).ok());
  ASSERT_TRUE(s.PutArticle(MakeArticle("b", "1", {{"Cy", "Ann"}, {"Ann", "Cy"}})).ok());
  const std::string stamp = s.ContentStamp();
  ASSERT_FALSE(stamp.empty());

  EXPECT_TRUE(GraphSnapshot::Load(path, stamp).status().IsNotFound());  // nothing saved yet
  auto first = GraphSnapshot::BuildOrLoad(s, path);                      // builds and saves
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  ASSERT_TRUE(std::filesystem::exists(path));
  const std::string fresh = DumpSnapshot(**first);
  auto loaded = GraphSnapshot::Load(path, stamp);
  ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
  EXPECT_EQ(DumpSnapshot(**loaded), fresh);
  EXPECT_EQ((*loaded)->MemoryBytes(), (*first)->MemoryBytes());
  for (Vertex v = 0; v < (*first)->VertexCount(); ++v) {
    EXPECT_EQ((*loaded)->VertexOf((*first)->IdOf(v)), v);
  }
  PathQuery q{.from = EntityNodeId(NodeKind::kPerson, "Cy"),
              .to = EntityNodeId(NodeKind::kPerson, "Ann")};
  auto path_first = ShortestPath(**first, q), path_loaded = ShortestPath(**loaded, q);
  ASSERT_TRUE(path_first.ok() && path_loaded.ok() && path_first->path.has_value());
  EXPECT_EQ(path_loaded->path->nodes, path_first->path->nodes);
  // A snapshot with a delta is not saved.
  store::ArticleGraph extra;
  extra.nodes = {{NodeId(12345), NodeKind::kStatement, 20250101}};
  extra.edges = {{NodeId(12345), EdgeKind::kMentions, NodeId(678), 1}};
  EXPECT_FALSE((*first)->WithArticleChange(nullptr, &extra)->Save(path + "2", stamp).ok());
  EXPECT_FALSE(std::filesystem::exists(path + "2"));

  // A write changes the stamp: the saved file is of another state, and BuildOrLoad
  // builds the new graph (Dee appears) and saves it in its place.
  ASSERT_TRUE(s.PutArticle(MakeArticle("c", "1", {{"Dee", "Bob"}})).ok());
  const std::string stamp2 = s.ContentStamp();
  EXPECT_NE(stamp2, stamp);
  EXPECT_TRUE(GraphSnapshot::Load(path, stamp2).status().IsNotFound());
  auto second = GraphSnapshot::BuildOrLoad(s, path);
  ASSERT_TRUE(second.ok());
  EXPECT_TRUE((*second)->VertexOf(EntityNodeId(NodeKind::kPerson, "Dee")).has_value());
  auto reloaded = GraphSnapshot::Load(path, stamp2);
  ASSERT_TRUE(reloaded.ok()) << reloaded.status().ToString();
  EXPECT_EQ(DumpSnapshot(**reloaded), DumpSnapshot(**second));

  // One flipped byte: Corruption; BuildOrLoad still answers, from the store.
  {
    std::fstream f(path, std::ios::in | std::ios::out | std::ios::binary);
    f.seekp(static_cast<std::streamoff>(std::filesystem::file_size(path) / 2));
    f.put('\x5a');
  }
  auto damaged = GraphSnapshot::Load(path, stamp2);
  EXPECT_EQ(damaged.status().code(), Status::Code::kCorruption) << damaged.status().ToString();
  auto rebuilt = GraphSnapshot::BuildOrLoad(s, path);
  ASSERT_TRUE(rebuilt.ok());
  EXPECT_EQ(DumpSnapshot(**rebuilt), DumpSnapshot(**second));
  EXPECT_TRUE(GraphSnapshot::Load(path, stamp2).ok());  // saved again, whole
  opened->reset();  // closes the store
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace parley::graph
