#include "graph/traversal.h"

#include <algorithm>
#include <boost/graph/compressed_sparse_row_graph.hpp>
#include <boost/range/iterator_range.hpp>
#include <climits>
#include <cmath>
#include <string>
#include <utility>

namespace parley::graph {

namespace {

// Per-thread marks, stamped with the query's epoch so that starting a query costs
// O(1), not O(V) (Boost's breadth_first_search would initialise a colour per vertex).
// Arrays only grow; a larger snapshot grows them once.
struct Scratch {
  std::vector<uint32_t> stamp;
  std::vector<uint32_t> value;  // hops, depth or a count, valid when stamped
  std::vector<Vertex> parent;
  std::vector<EdgeKind> parent_kind;
  std::vector<uint8_t> parent_out;  // 1: parent -kind-> v; 0: v -kind-> parent
  std::vector<uint8_t> side;        // ShortestPath: which end reached v
  uint32_t epoch = 0;

  void Begin(size_t n) {
    if (stamp.size() < n) {
      stamp.resize(n, 0);
      value.resize(n);
      parent.resize(n);
      parent_kind.resize(n);
      parent_out.resize(n);
      side.resize(n);
    }
    if (++epoch == 0) {  // wrapped: old stamps could collide
      std::fill(stamp.begin(), stamp.end(), 0);
      epoch = 1;
    }
  }
  bool Seen(Vertex v) const { return stamp[v] == epoch; }
  void Mark(Vertex v) { stamp[v] = epoch; }
};

Scratch& ThreadScratch() {
  thread_local Scratch scratch;
  return scratch;
}

Result<Vertex> Require(const GraphSnapshot& g, NodeId id, const char* what) {
  std::optional<Vertex> v = g.VertexOf(id);
  if (!v) return Status::NotFound(std::string(what) + " " + id.ToHex() + " is not in the graph");
  return *v;
}

}  // namespace

Deadline Deadline::At(Clock::time_point when) {
  Deadline d;
  d.when_ = when;
  return d;
}

Deadline Deadline::AfterChecks(uint64_t checks) {
  Deadline d;
  d.checks_left_ = std::make_shared<std::atomic<int64_t>>(static_cast<int64_t>(checks));
  return d;
}

bool Deadline::Expired() const {
  if (checks_left_ != nullptr) return checks_left_->fetch_sub(1, std::memory_order_relaxed) <= 0;
  return when_.has_value() && Clock::now() >= *when_;
}

Result<Neighbourhood> KHopNeighbourhood(const GraphSnapshot& g, const NeighbourhoodQuery& q) {
  if (q.hops < 1 || q.hops > kMaxHops) {
    return Status::InvalidArgument("hops " + std::to_string(q.hops) + " is outside 1.." +
                                   std::to_string(kMaxHops));
  }
  if (q.max_expansions == 0 || q.max_results == 0) {
    return Status::InvalidArgument("max_expansions and max_results must be at least 1");
  }
  auto start = Require(g, q.start, "start node");
  if (!start.ok()) return start.status();

  auto in_window = [&](Vertex v) {
    const uint32_t date = g.DateOf(v);
    if (date == 0) return q.include_undated;
    return (q.date_from == 0 || date >= q.date_from) && (q.date_to == 0 || date <= q.date_to);
  };

  Scratch& s = ThreadScratch();
  s.Begin(g.VertexCount());
  s.Mark(*start);
  Neighbourhood out;
  std::vector<Vertex> frontier = {*start}, next;
  size_t expansions = 0, scanned = 0;
  bool stop = false;
  auto cut = [&](Truncation why) {
    out.truncated = stop = true;
    out.truncation = why;
  };
  const bool timed = q.deadline.IsSet();
  for (int hop = 1; hop <= q.hops && !stop && !frontier.empty(); ++hop) {
    next.clear();
    for (Vertex v : frontier) {
      if (expansions == q.max_expansions) {
        cut(Truncation::kExpansions);
        break;
      }
      if (timed && q.deadline.Expired()) {
        cut(Truncation::kDeadline);
        break;
      }
      ++expansions;
      // Returns false once the walk is cut, so the rest of a hub's edges is not read.
      auto visit = [&](Vertex u, EdgeKind, bool) {
        if (stop) return false;
        if (timed && ++scanned % Deadline::kEdgesPerCheck == 0 && q.deadline.Expired()) {
          cut(Truncation::kDeadline);
          return false;
        }
        if (s.Seen(u) || !in_window(u)) return true;
        if (out.nodes.size() == q.max_results) {
          cut(Truncation::kResults);
          return false;
        }
        s.Mark(u);
        out.nodes.push_back({g.IdOf(u), hop});
        next.push_back(u);
        return true;
      };
      // Both ways is outgoing edges, then incoming ones (ForEachAdjacent's order), in
      // two calls: when the outgoing ones fill the results, a hub's incoming edges (an
      // entity's mentions: the bulk of its edges) are not read at all.
      if (q.direction == Direction::kBoth) {
        g.ForEachAdjacent(v, Direction::kOut, q.kinds, visit);
        if (!stop) g.ForEachAdjacent(v, Direction::kIn, q.kinds, visit);
      } else {
        g.ForEachAdjacent(v, q.direction, q.kinds, visit);
      }
      if (stop) break;
    }
    std::swap(frontier, next);
  }
  return out;
}

Result<PathResult> ShortestPath(const GraphSnapshot& g, const PathQuery& q) {
  if (q.max_hops < 1 || q.max_hops > kMaxHops) {
    return Status::InvalidArgument("max_hops " + std::to_string(q.max_hops) + " is outside 1.." +
                                   std::to_string(kMaxHops));
  }
  if (q.max_expansions == 0) return Status::InvalidArgument("max_expansions must be at least 1");
  auto from = Require(g, q.from, "path start");
  if (!from.ok()) return from.status();
  auto to = Require(g, q.to, "path end");
  if (!to.ok()) return to.status();

  PathResult result;
  if (*from == *to) {
    result.path = Path{{q.from}, {}};
    return result;
  }
  // Bidirectional breadth-first search: each round expands one whole level of the
  // side whose frontier has fewer edges (Degree), so a path between two hubs costs
  // about the smaller side's neighbourhood, not the larger one's. A vertex reached by
  // one side and then by the other is a meeting; the shortest meeting of the first
  // level that has any is a shortest path: every path of length <= da + db was
  // ruled out by the earlier levels. Both sides keep only `via` vertices (and their
  // own end), so every inner node of the path is of a `via` kind.
  Scratch& s = ThreadScratch();
  s.Begin(g.VertexCount());
  constexpr uint8_t kFromSide = 0, kToSide = 1;
  const Vertex ends[2] = {*from, *to};
  std::vector<Vertex> frontier[2] = {{*from}, {*to}}, next;
  uint32_t depth[2] = {0, 0};
  for (uint8_t side : {kFromSide, kToSide}) {
    s.Mark(ends[side]);
    s.value[ends[side]] = 0;
    s.side[ends[side]] = side;
  }
  size_t expansions = 0, scanned = 0;
  const bool timed = q.deadline.IsSet();
  bool expired = false;
  struct Meeting {
    uint32_t length = UINT32_MAX;
    Vertex near = 0, far = 0;  // near: reached by the expanding side; far: by the other
    EdgeKind kind = EdgeKind::kSaid;
    bool out = false;  // near -kind-> far
    uint8_t side = kFromSide;
  } best;
  auto frontier_edges = [&](const std::vector<Vertex>& f) {
    size_t edges = 0;
    for (Vertex v : f) edges += g.Degree(v, Direction::kBoth);
    return edges;
  };
  while (best.length == UINT32_MAX && !frontier[0].empty() && !frontier[1].empty() &&
         depth[0] + depth[1] + 1 <= static_cast<uint32_t>(q.max_hops)) {
    const uint8_t side =
        frontier_edges(frontier[kFromSide]) <= frontier_edges(frontier[kToSide]) ? kFromSide
                                                                                  : kToSide;
    const uint8_t other = side ^ 1;
    next.clear();
    for (Vertex v : frontier[side]) {
      if (expansions == q.max_expansions || (timed && q.deadline.Expired())) {
        result.truncated = true;
        result.truncation =
            expansions == q.max_expansions ? Truncation::kExpansions : Truncation::kDeadline;
        return result;  // a meeting found in this level might not be the shortest
      }
      ++expansions;
      g.ForEachAdjacent(v, Direction::kBoth, q.kinds, [&](Vertex u, EdgeKind kind, bool out) {
        if (expired) return;
        if (timed && ++scanned % Deadline::kEdgesPerCheck == 0 && q.deadline.Expired()) {
          expired = true;
          return;
        }
        if (s.Seen(u)) {
          if (s.side[u] == other) {
            const uint32_t length = depth[side] + 1 + s.value[u];
            if (length < best.length && length <= static_cast<uint32_t>(q.max_hops)) {
              best = {length, v, u, kind, out, side};
            }
          }
          return;
        }
        if (!q.via.Contains(g.KindOf(u))) return;  // ends are marked already
        s.Mark(u);
        s.value[u] = depth[side] + 1;
        s.side[u] = side;
        s.parent[u] = v;
        s.parent_kind[u] = kind;
        s.parent_out[u] = out ? 1 : 0;
        next.push_back(u);
      });
      if (expired) {
        result.truncated = true;
        result.truncation = Truncation::kDeadline;
        return result;
      }
    }
    std::swap(frontier[side], next);
    ++depth[side];
  }
  if (best.length == UINT32_MAX) return result;

  // The edge joining a vertex to its parent, as stored.
  auto step_to_parent = [&](Vertex v) {
    return s.parent_out[v] ? PathStep{g.IdOf(s.parent[v]), s.parent_kind[v], g.IdOf(v)}
                           : PathStep{g.IdOf(v), s.parent_kind[v], g.IdOf(s.parent[v])};
  };
  // Walk from `from` to the meeting edge, then from it to `to`.
  Vertex a = best.side == kFromSide ? best.near : best.far;  // reached from `from`
  Vertex b = best.side == kFromSide ? best.far : best.near;  // reached from `to`
  Path path;
  for (Vertex v = a; v != *from; v = s.parent[v]) {
    path.nodes.push_back(g.IdOf(v));
    path.steps.push_back(step_to_parent(v));
  }
  path.nodes.push_back(q.from);
  std::reverse(path.nodes.begin(), path.nodes.end());
  std::reverse(path.steps.begin(), path.steps.end());
  const bool a_to_b = best.side == kFromSide ? best.out : !best.out;  // a -kind-> b
  path.steps.push_back(a_to_b ? PathStep{g.IdOf(a), best.kind, g.IdOf(b)}
                              : PathStep{g.IdOf(b), best.kind, g.IdOf(a)});
  for (Vertex v = b; v != *to; v = s.parent[v]) {
    path.nodes.push_back(g.IdOf(v));
    path.steps.push_back(step_to_parent(v));
  }
  path.nodes.push_back(q.to);
  result.path = std::move(path);
  return result;
}

Result<ResponseThread> ResponseThreadOf(const GraphSnapshot& g, NodeId statement,
                                        size_t max_nodes, const Deadline& deadline) {
  auto start = Require(g, statement, "statement");
  if (!start.ok()) return start.status();
  ResponseThread thread;
  // refers_to carries an answer through the reference statement of its own article
  // ("her remarks on Monday") to the statement an earlier article reported
  const EdgeKindSet responded = EdgeKindSet::Of({EdgeKind::kRespondedTo, EdgeKind::kRefersTo});
  auto walk = [&](Direction direction, std::vector<NodeId>* out) {
    Scratch& s = ThreadScratch();
    s.Begin(g.VertexCount());
    s.Mark(*start);
    std::vector<Vertex> queue = {*start};
    for (size_t head = 0; head < queue.size(); ++head) {
      if (thread.truncation == Truncation::kDeadline ||
          (deadline.IsSet() && deadline.Expired())) {
        thread.truncated = true;
        thread.truncation = Truncation::kDeadline;
        break;
      }
      bool full = false;
      g.ForEachAdjacent(queue[head], direction, responded, [&](Vertex u, EdgeKind, bool) {
        if (full || s.Seen(u)) return;
        if (out->size() == max_nodes) {
          thread.truncated = full = true;
          if (thread.truncation == Truncation::kNone) thread.truncation = Truncation::kResults;
          return;
        }
        s.Mark(u);
        out->push_back(g.IdOf(u));
        queue.push_back(u);
      });
      if (full) break;
    }
  };
  walk(Direction::kOut, &thread.answers);
  walk(Direction::kIn, &thread.responses);
  return thread;
}

Result<CoMentions> CoMentioned(const GraphSnapshot& g, NodeId entity, size_t limit,
                               size_t max_mentioners, const Deadline& deadline) {
  auto center = Require(g, entity, "entity");
  if (!center.ok()) return center.status();
  const EdgeKindSet mentions = EdgeKindSet::Of({EdgeKind::kMentions});
  const NodeKindSet entities = NodeKindSet::Entities();
  std::vector<Vertex> mentioners;
  CoMentions result;
  g.ForEachAdjacent(*center, Direction::kIn, mentions, [&](Vertex m, EdgeKind, bool) {
    if (mentioners.size() == max_mentioners) {
      result.truncated = true;
      result.truncation = Truncation::kResults;
      return;
    }
    mentioners.push_back(m);
  });
  // Checked once per 256 mentioners: each costs one short adjacency scan.
  constexpr size_t kMentionersPerCheck = 256;
  Scratch& s = ThreadScratch();
  s.Begin(g.VertexCount());
  std::vector<Vertex> touched;
  for (size_t i = 0; i < mentioners.size(); ++i) {
    const Vertex m = mentioners[i];
    if (deadline.IsSet() && i % kMentionersPerCheck == 0 && deadline.Expired()) {
      result.truncated = true;
      result.truncation = Truncation::kDeadline;
      break;
    }
    g.ForEachAdjacent(m, Direction::kOut, mentions, [&](Vertex u, EdgeKind, bool) {
      if (u == *center || !entities.Contains(g.KindOf(u))) return;
      if (!s.Seen(u)) {
        s.Mark(u);
        s.value[u] = 0;
        touched.push_back(u);
      }
      ++s.value[u];
    });
  }
  for (Vertex u : touched) result.entities.push_back({g.IdOf(u), s.value[u]});
  std::sort(result.entities.begin(), result.entities.end(),
            [](const Weighted& a, const Weighted& b) {
              return a.weight != b.weight ? a.weight > b.weight : a.id < b.id;
            });
  if (result.entities.size() > limit) result.entities.resize(limit);
  return result;
}

namespace {

struct Weight {
  double w = 0;
};
using WeightedCsr = boost::compressed_sparse_row_graph<boost::directedS, boost::no_property, Weight,
                                                       boost::no_property, uint32_t, uint32_t>;

}  // namespace

SpeakerRanking RankSpeakers(const GraphSnapshot& g, const PageRankOptions& options) {
  const size_t n = g.VertexCount();
  const NodeKindSet entity_kinds = NodeKindSet::Entities();
  const EdgeKindSet said = EdgeKindSet::Of({EdgeKind::kSaid});
  const EdgeKindSet mentions = EdgeKindSet::Of({EdgeKind::kMentions});
  const EdgeKindSet responded = EdgeKindSet::Of({EdgeKind::kRespondedTo});

  // Speaker edges A -> B, one per (statement of A, mention of B or response to B).
  std::vector<std::pair<Vertex, Vertex>> links;
  std::vector<uint32_t> statements(n, 0);
  for (Vertex a = 0; a < n; ++a) {
    if (!entity_kinds.Contains(g.KindOf(a))) continue;
    g.ForEachAdjacent(a, Direction::kOut, said, [&](Vertex st, EdgeKind, bool) {
      ++statements[a];
      g.ForEachAdjacent(st, Direction::kOut, mentions, [&](Vertex b, EdgeKind, bool) {
        if (b != a && entity_kinds.Contains(g.KindOf(b))) links.emplace_back(a, b);
      });
      g.ForEachAdjacent(st, Direction::kOut, responded, [&](Vertex t, EdgeKind, bool) {
        g.ForEachAdjacent(t, Direction::kIn, said, [&](Vertex b, EdgeKind, bool) {
          if (b != a) links.emplace_back(a, b);
        });
      });
    });
  }

  // The speaker vertices: entities that said something or take part in a link.
  std::vector<int64_t> index(n, -1);
  std::vector<Vertex> members;
  auto add = [&](Vertex v) {
    if (index[v] < 0) {
      index[v] = static_cast<int64_t>(members.size());
      members.push_back(v);
    }
  };
  for (Vertex v = 0; v < n; ++v) {
    if (statements[v] > 0) add(v);
  }
  for (const auto& [a, b] : links) {
    add(a);
    add(b);
  }
  SpeakerRanking ranking;
  const size_t m = members.size();
  if (m == 0) return ranking;

  std::sort(links.begin(), links.end());
  std::vector<std::pair<uint32_t, uint32_t>> pairs;
  std::vector<Weight> weights;
  for (size_t i = 0; i < links.size();) {
    size_t j = i;
    while (j < links.size() && links[j] == links[i]) ++j;
    pairs.emplace_back(static_cast<uint32_t>(index[links[i].first]),
                       static_cast<uint32_t>(index[links[i].second]));
    weights.push_back({static_cast<double>(j - i)});
    i = j;
  }
  const WeightedCsr graph(boost::edges_are_unsorted_multi_pass, pairs.begin(), pairs.end(),
                          weights.begin(), static_cast<uint32_t>(m));

  std::vector<double> out_weight(m, 0.0);
  for (uint32_t u = 0; u < m; ++u) {
    for (auto e : boost::make_iterator_range(boost::out_edges(u, graph))) {
      out_weight[u] += graph[e].w;
    }
  }
  const double d = options.damping;
  const double nm = static_cast<double>(m);
  std::vector<double> rank(m, 1.0 / nm), next(m);
  for (ranking.iterations = 0; ranking.iterations < options.max_iterations;) {
    ++ranking.iterations;
    double dangling = 0;
    for (uint32_t u = 0; u < m; ++u) {
      if (out_weight[u] == 0) dangling += rank[u];
    }
    std::fill(next.begin(), next.end(), (1 - d) / nm + d * dangling / nm);
    for (uint32_t u = 0; u < m; ++u) {
      if (out_weight[u] == 0) continue;
      const double share = d * rank[u] / out_weight[u];
      for (auto e : boost::make_iterator_range(boost::out_edges(u, graph))) {
        next[boost::target(e, graph)] += share * graph[e].w;
      }
    }
    double change = 0;
    for (uint32_t u = 0; u < m; ++u) change += std::fabs(next[u] - rank[u]);
    std::swap(rank, next);
    if (change < options.tolerance) break;
  }
  ranking.speakers.reserve(m);
  for (uint32_t u = 0; u < m; ++u) {
    ranking.speakers.push_back({g.IdOf(members[u]), statements[members[u]], rank[u]});
  }
  std::sort(ranking.speakers.begin(), ranking.speakers.end(),
            [](const SpeakerRank& a, const SpeakerRank& b) {
              return a.pagerank != b.pagerank ? a.pagerank > b.pagerank : a.id < b.id;
            });
  return ranking;
}

SpeakerRankingCache::SpeakerRankingCache(PageRankOptions options)
    : options_(options), worker_([this] { Run(); }) {}

SpeakerRankingCache::~SpeakerRankingCache() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stop_ = true;
    pending_.reset();
  }
  cv_.notify_all();
  worker_.join();
}

void SpeakerRankingCache::Refresh(std::shared_ptr<const GraphSnapshot> snapshot) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    pending_ = std::move(snapshot);
  }
  cv_.notify_all();
}

std::shared_ptr<const SpeakerRanking> SpeakerRankingCache::Latest() const {
  std::lock_guard<std::mutex> lock(mu_);
  return latest_;
}

void SpeakerRankingCache::WaitIdle() {
  std::unique_lock<std::mutex> lock(mu_);
  cv_.wait(lock, [&] { return (pending_ == nullptr && !busy_) || stop_; });
}

void SpeakerRankingCache::Run() {
  std::unique_lock<std::mutex> lock(mu_);
  while (true) {
    cv_.wait(lock, [&] { return pending_ != nullptr || stop_; });
    if (stop_) return;
    std::shared_ptr<const GraphSnapshot> snapshot = std::move(pending_);
    pending_.reset();
    busy_ = true;
    lock.unlock();
    auto ranking = std::make_shared<const SpeakerRanking>(RankSpeakers(*snapshot, options_));
    lock.lock();
    latest_ = std::move(ranking);
    busy_ = false;
    cv_.notify_all();
  }
}

}  // namespace parley::graph
