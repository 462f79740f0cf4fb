#include "graph/traversal.h"

#include <algorithm>
#include <boost/graph/compressed_sparse_row_graph.hpp>
#include <boost/range/iterator_range.hpp>
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
  uint32_t epoch = 0;

  void Begin(size_t n) {
    if (stamp.size() < n) {
      stamp.resize(n, 0);
      value.resize(n);
      parent.resize(n);
      parent_kind.resize(n);
      parent_out.resize(n);
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
  size_t expansions = 0;
  bool stop = false;
  for (int hop = 1; hop <= q.hops && !stop && !frontier.empty(); ++hop) {
    next.clear();
    for (Vertex v : frontier) {
      if (expansions == q.max_expansions) {
        out.truncated = stop = true;
        break;
      }
      ++expansions;
      g.ForEachAdjacent(v, q.direction, q.kinds, [&](Vertex u, EdgeKind, bool) {
        if (stop || s.Seen(u) || !in_window(u)) return;
        if (out.nodes.size() == q.max_results) {
          out.truncated = stop = true;
          return;
        }
        s.Mark(u);
        out.nodes.push_back({g.IdOf(u), hop});
        next.push_back(u);
      });
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
  Scratch& s = ThreadScratch();
  s.Begin(g.VertexCount());
  s.Mark(*from);
  s.value[*from] = 0;
  std::vector<Vertex> queue = {*from};
  size_t head = 0, expansions = 0;
  bool found = false;
  while (head < queue.size() && !found) {
    const Vertex v = queue[head++];
    const uint32_t depth = s.value[v];
    if (expansions == q.max_expansions) {
      result.truncated = true;
      break;
    }
    ++expansions;
    g.ForEachAdjacent(v, Direction::kBoth, q.kinds, [&](Vertex u, EdgeKind kind, bool out) {
      if (found || s.Seen(u)) return;
      const bool is_end = u == *to;
      // An inner node must be of a `via` kind and leave room for at least one more hop.
      if (!is_end &&
          (!q.via.Contains(g.KindOf(u)) || depth + 2 > static_cast<uint32_t>(q.max_hops))) {
        return;
      }
      s.Mark(u);
      s.value[u] = depth + 1;
      s.parent[u] = v;
      s.parent_kind[u] = kind;
      s.parent_out[u] = out ? 1 : 0;
      if (is_end) {
        found = true;
      } else {
        queue.push_back(u);
      }
    });
  }
  if (!found) return result;
  Path path;
  for (Vertex v = *to; v != *from; v = s.parent[v]) {
    const NodeId here = g.IdOf(v), there = g.IdOf(s.parent[v]);
    path.nodes.push_back(here);
    path.steps.push_back(s.parent_out[v] ? PathStep{there, s.parent_kind[v], here}
                                         : PathStep{here, s.parent_kind[v], there});
  }
  path.nodes.push_back(q.from);
  std::reverse(path.nodes.begin(), path.nodes.end());
  std::reverse(path.steps.begin(), path.steps.end());
  result.truncated = false;
  result.path = std::move(path);
  return result;
}

Result<ResponseThread> ResponseThreadOf(const GraphSnapshot& g, NodeId statement,
                                        size_t max_nodes) {
  auto start = Require(g, statement, "statement");
  if (!start.ok()) return start.status();
  ResponseThread thread;
  const EdgeKindSet responded = EdgeKindSet::Of({EdgeKind::kRespondedTo});
  auto walk = [&](Direction direction, std::vector<NodeId>* out) {
    Scratch& s = ThreadScratch();
    s.Begin(g.VertexCount());
    s.Mark(*start);
    std::vector<Vertex> queue = {*start};
    for (size_t head = 0; head < queue.size(); ++head) {
      bool full = false;
      g.ForEachAdjacent(queue[head], direction, responded, [&](Vertex u, EdgeKind, bool) {
        if (full || s.Seen(u)) return;
        if (out->size() == max_nodes) {
          thread.truncated = full = true;
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
                               size_t max_mentioners) {
  auto center = Require(g, entity, "entity");
  if (!center.ok()) return center.status();
  const EdgeKindSet mentions = EdgeKindSet::Of({EdgeKind::kMentions});
  const NodeKindSet entities = NodeKindSet::Entities();
  std::vector<Vertex> mentioners;
  CoMentions result;
  g.ForEachAdjacent(*center, Direction::kIn, mentions, [&](Vertex m, EdgeKind, bool) {
    if (mentioners.size() == max_mentioners) {
      result.truncated = true;
      return;
    }
    mentioners.push_back(m);
  });
  Scratch& s = ThreadScratch();
  s.Begin(g.VertexCount());
  std::vector<Vertex> touched;
  for (Vertex m : mentioners) {
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
