// Traversals of one GraphSnapshot (graph/projection.h): k-hop neighbourhoods,
// shortest paths between entities through statements and events, response threads,
// co-mention networks, and the speaker ranking (degree and PageRank).
//
// Every query reads the one snapshot it is given, is bounded by explicit caps
// (expansions = vertices whose edges are read; results) and optionally by a
// wall-clock Deadline, reports when a cap or the deadline cut it short (`truncated`,
// and why: `truncation`), and costs O(what it visits): visited marks are epoch-stamped
// per-thread arrays, never initialised over every vertex per query. Results are our
// types (NodeId), never Boost vertex descriptors.
//
// Thread-safety: the query functions may run concurrently on one snapshot (each
// thread has its own scratch arrays). SpeakerRankingCache is thread-safe.
#ifndef PARLEY_GRAPH_TRAVERSAL_H_
#define PARLEY_GRAPH_TRAVERSAL_H_

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

#include "graph/core/ids.h"
#include "graph/core/status.h"
#include "graph/projection.h"

namespace parley::graph {

inline constexpr int kMaxHops = 6;

// A wall-clock limit on the work of one request. The default never expires.
// Traversals check it before each vertex they expand and every kEdgesPerCheck edges
// they scan, and stop when it has passed (Truncation::kDeadline). Copies share one
// test budget (AfterChecks), so one Deadline can follow a request through several
// calls. Thread-safety: Expired may be called from several threads on copies.
class Deadline {
 public:
  using Clock = std::chrono::steady_clock;
  static constexpr size_t kEdgesPerCheck = 4096;

  Deadline() = default;  // never expires
  static Deadline At(Clock::time_point when);
  static Deadline In(std::chrono::milliseconds budget) { return At(Clock::now() + budget); }
  // For tests: expires at check number `checks` (0: the first check), whatever the
  // clock says; deterministic where a real clock is not.
  static Deadline AfterChecks(uint64_t checks);

  // True once the deadline has passed (and ever after, for a test budget).
  bool Expired() const;
  // False for the default deadline, which never expires.
  bool IsSet() const { return when_.has_value() || checks_left_ != nullptr; }

 private:
  std::optional<Clock::time_point> when_;
  std::shared_ptr<std::atomic<int64_t>> checks_left_;  // AfterChecks
};

// Why a query's answer is not the whole answer.
enum class Truncation : uint8_t {
  kNone = 0,
  kResults,     // the result cap (max_results, max_nodes, max_mentioners)
  kExpansions,  // the expansion cap (max_expansions)
  kDeadline,    // the Deadline passed
};

// A set of node kinds.
class NodeKindSet {
 public:
  constexpr NodeKindSet() = default;
  static constexpr NodeKindSet Of(std::initializer_list<NodeKind> kinds) {
    uint32_t bits = 0;
    for (NodeKind k : kinds) bits |= 1u << static_cast<int>(k);
    return NodeKindSet(bits);
  }
  static constexpr NodeKindSet Entities() {
    return Of({NodeKind::kPerson, NodeKind::kCountry, NodeKind::kOrganization});
  }
  constexpr bool Contains(NodeKind k) const { return (bits_ >> static_cast<int>(k)) & 1u; }

 private:
  constexpr explicit NodeKindSet(uint32_t bits) : bits_(bits) {}
  uint32_t bits_ = 0;
};

// ---------------------------------------------------------------------------------
// k-hop neighbourhood.

struct NeighbourhoodQuery {
  NodeId start;
  int hops = 1;  // 1..kMaxHops
  Direction direction = Direction::kBoth;
  EdgeKindSet kinds = EdgeKindSet::All();
  uint32_t date_from = 0;         // YYYYMMDD, inclusive; 0: no lower bound
  uint32_t date_to = 0;           // YYYYMMDD, inclusive; 0: no upper bound
  bool include_undated = true;    // undated nodes (entities) pass the window
  size_t max_expansions = 10000;  // vertices whose edges are read
  size_t max_results = 1000;
  Deadline deadline = {};  // none by default
};

struct Reached {
  NodeId id;
  int hops = 0;  // exact distance from the start over the allowed edges and nodes
  bool operator==(const Reached&) const = default;
};

struct Neighbourhood {
  std::vector<Reached> nodes;  // by hops, then in traversal order; the start excluded
  bool truncated = false;      // a cap stopped the search: more nodes may be in reach
  Truncation truncation = Truncation::kNone;  // which one (kNone when not truncated)
};

// Nodes within `hops` of `start` over edges of the allowed kinds and direction,
// passing only through nodes inside the date window (a node outside it is neither
// returned nor crossed). NotFound for an unknown start; InvalidArgument for hops
// outside 1..kMaxHops or a zero cap. When q.deadline passes, the nodes found so far
// (truncated, kDeadline), still in traversal order.
Result<Neighbourhood> KHopNeighbourhood(const GraphSnapshot& g, const NeighbourhoodQuery& q);

// ---------------------------------------------------------------------------------
// Shortest path.

struct PathQuery {
  NodeId from;
  NodeId to;
  int max_hops = kMaxHops;  // 1..kMaxHops edges
  EdgeKindSet kinds = EdgeKindSet::All();
  // Kinds the path may pass through (its inner nodes).
  NodeKindSet via = NodeKindSet::Of({NodeKind::kStatement, NodeKind::kEvent});
  size_t max_expansions = 100000;
  Deadline deadline = {};  // none by default
};

struct PathStep {
  NodeId src;  // the edge as stored: src -kind-> dst (the path may walk it backwards)
  EdgeKind kind = EdgeKind::kSaid;
  NodeId dst;
  bool operator==(const PathStep&) const = default;
};

struct Path {
  std::vector<NodeId> nodes;    // from ... to
  std::vector<PathStep> steps;  // steps[i] joins nodes[i] and nodes[i + 1]
};

struct PathResult {
  std::optional<Path> path;  // nullopt: none within the bounds
  bool truncated = false;    // the expansion cap stopped the search before it ended
  Truncation truncation = Truncation::kNone;  // kExpansions or kDeadline when truncated
};

// A shortest path (fewest edges, either direction) from `from` to `to` whose inner
// nodes are all of a `via` kind. NotFound for an unknown end; InvalidArgument for bad
// bounds. from == to is the path of one node. When q.deadline passes: no path,
// truncated, kDeadline (a path found before the search ended might not be shortest).
Result<PathResult> ShortestPath(const GraphSnapshot& g, const PathQuery& q);

// ---------------------------------------------------------------------------------
// Response threads.

struct ResponseThread {
  std::vector<NodeId> answers;    // what the statement responds to, transitively (nearest first)
  std::vector<NodeId> responses;  // what responds to it, transitively (nearest first)
  bool truncated = false;         // max_nodes (or the deadline) cut either list short
  Truncation truncation = Truncation::kNone;  // kResults or kDeadline when truncated
};

// The responded_to chains through `statement`, both ways, following refers_to from a
// reference statement to the earlier statement the store joined it to. NotFound for an unknown node.
// When `deadline` passes, the lists found so far (truncated, kDeadline).
Result<ResponseThread> ResponseThreadOf(const GraphSnapshot& g, NodeId statement,
                                        size_t max_nodes = 1000, const Deadline& deadline = {});

// ---------------------------------------------------------------------------------
// Co-mentions.

struct Weighted {
  NodeId id;
  uint32_t weight = 0;
  bool operator==(const Weighted&) const = default;
};

struct CoMentions {
  std::vector<Weighted> entities;  // heaviest first, then by id
  bool truncated = false;          // max_mentioners (or the deadline) cut the scan short
  Truncation truncation = Truncation::kNone;  // kResults or kDeadline when truncated
};

// Entities mentioned by the same article or statement as `entity`; the weight is the
// number of such articles and statements. NotFound for an unknown entity. When
// `deadline` passes, the weights counted so far (truncated, kDeadline).
Result<CoMentions> CoMentioned(const GraphSnapshot& g, NodeId entity, size_t limit = 50,
                               size_t max_mentioners = 100000, const Deadline& deadline = {});

// ---------------------------------------------------------------------------------
// Speaker ranking.

struct PageRankOptions {
  double damping = 0.85;
  double tolerance = 1e-10;  // stop when the L1 change of an iteration is below it
  int max_iterations = 200;
};

struct SpeakerRank {
  NodeId id;
  uint32_t statements = 0;  // degree: statements it said
  double pagerank = 0;      // sums to 1 over `speakers`
};

struct SpeakerRanking {
  std::vector<SpeakerRank> speakers;  // highest PageRank first, then by id
  int iterations = 0;
};

// Ranks every entity of the speaker graph: A -> B (weighted by count) when a
// statement A said mentions B or responds to a statement B said. PageRank with the
// mass of dangling speakers spread evenly. O(V + E) per iteration: run it off the
// request path (SpeakerRankingCache).
SpeakerRanking RankSpeakers(const GraphSnapshot& g, const PageRankOptions& options = {});

// Computes rankings on a background thread and keeps the latest one.
class SpeakerRankingCache {
 public:
  explicit SpeakerRankingCache(PageRankOptions options = {});
  ~SpeakerRankingCache();  // waits for a computation in progress

  // Asks for a ranking of `snapshot`; returns at once. A request made while one is
  // computing replaces any request still waiting.
  void Refresh(std::shared_ptr<const GraphSnapshot> snapshot);
  // The latest finished ranking, or nullptr before the first one.
  std::shared_ptr<const SpeakerRanking> Latest() const;
  // Blocks until no request is waiting or computing.
  void WaitIdle();

 private:
  void Run();

  const PageRankOptions options_;
  mutable std::mutex mu_;
  std::condition_variable cv_;
  std::shared_ptr<const GraphSnapshot> pending_;
  std::shared_ptr<const SpeakerRanking> latest_;
  bool busy_ = false;
  bool stop_ = false;
  std::thread worker_;
};

}  // namespace parley::graph

#endif  // PARLEY_GRAPH_TRAVERSAL_H_
