// Queries shared by the REST handlers (api/handlers.h) and the command line
// (`parley timeline`, `parley export`): one implementation of each, so the API and
// the CLI cannot drift apart.
//
//   Timelines    CollectTimeline reads a speaker's (an entity's, a phrase's) statements in a date
//   window from
//                the store; RenderTimeline writes them as json, csv, md or timelinejs.
//   Graph views  NeighbourhoodView, PathView and ThreadView run a traversal of one
//                GraphSnapshot (graph/traversal.h) and dress its nodes for people:
//                kind, label (entity name, statement text cut to kLabelChars code
//                points, article title), date; edges are those of the snapshot
//                between the nodes shown, of the kinds asked for.
//   Graph export ExportGraphView turns a view into an api::Subgraph and writes it as
//                GraphML, GEXF, Cytoscape.js JSON or DOT (api/exports.h).
//
// Parameter parsers (ParseEdgeKinds, ParseGraphDate, ...) return InvalidArgument
// with a message naming the value, so both callers report the same words.
//
// Thread-safety: free functions; safe from any thread on a thread-safe Store and an
// immutable GraphSnapshot.
#ifndef PARLEY_API_QUERIES_H_
#define PARLEY_API_QUERIES_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "api/exports.h"
#include "graph/core/ids.h"
#include "graph/core/status.h"
#include "graph/projection.h"
#include "graph/store/store.h"
#include "graph/traversal.h"

namespace parley::api {

// ---------------------------------------------------------------------------
// Timelines

// A filter on a statement's act as its first report gives it (store::StatementRecord's
// `negative` and `hedged`); an unset field lets either value through.
struct ActFilter {
  std::optional<bool> negative;  // polarity: true = negative, false = positive
  std::optional<bool> hedged;
  bool empty() const { return !negative && !hedged; }
  bool Matches(const store::StatementRecord& s) const {
    return (!negative || s.negative == *negative) && (!hedged || s.hedged == *hedged);
  }
};
// The parameter `name`, "polarity" ("positive" or "negative": filter->negative) or
// "hedged" ("true" or "false"), into the filter. InvalidArgument naming `name` and
// the value otherwise.
Status ParseActParam(std::string_view name, std::string_view value, ActFilter* filter);

// Whose timeline: statements made by `speaker`, mentioning `entity`, and/or holding
// every word of `q` (at least one of the three).
struct TimelineRequest {
  NodeId speaker;                   // invalid: anyone
  NodeId entity;                    // invalid: mentioning anyone or nothing
  std::string q;                    // "": any text
  ActFilter act;                    // polarity and hedging, unset = any
  std::optional<std::string> from;  // YYYY-MM-DD, inclusive
  std::optional<std::string> to;    // YYYY-MM-DD, inclusive
  size_t limit = 1000;              // statements kept at most
  size_t max_scan = 100000;         // statements read at most (then truncated)
};

struct TimelineData {
  std::optional<store::EntityRecord> speaker;
  std::optional<store::EntityRecord> entity;
  std::string q;
  ActFilter act;
  std::optional<std::string> from, to;
  std::vector<store::StatementRecord> items;  // oldest first (SortForTimeline)
  ArticleOutlets outlets;
  bool truncated = false;  // more statements matched than were kept or read
};

// The statements of the request dated (by utterance, else publication) within
// [from, to]. When more match than `limit`, the newest `limit` are kept. A speaker
// alone reads its own index; an entity or q reads Store::FindStatements, q matched
// on each candidate's text (at most max_scan read, then truncated). NotFound when
// the speaker or entity is not an entity of the store; InvalidArgument when none of
// speaker, entity and q is given or q has no word; the store's errors otherwise.
Result<TimelineData> CollectTimeline(store::Store& store, const TimelineRequest& request);

// Timeline output formats.
inline constexpr std::string_view kTimelineFormats[] = {"json", "csv", "md", "timelinejs"};

struct Rendered {
  std::string content_type;  // "text/csv; charset=utf-8", ...
  std::string body;
};

// `data` written as `format` (one of kTimelineFormats); InvalidArgument otherwise.
Result<Rendered> RenderTimeline(const TimelineData& data, std::string_view format);

// ---------------------------------------------------------------------------
// Graph views

inline constexpr size_t kLabelChars = 80;  // statement labels are cut to this
inline constexpr int kMaxViewDepth = 3;    // depth of a neighbourhood view: 1..3
inline constexpr size_t kMaxViewNodes = 1000;
inline constexpr size_t kMaxViewEdges = 5000;
// A neighbourhood pages through at most its first kMaxNeighbourhoodReach nodes
// (offset + limit), in traversal order.
inline constexpr size_t kMaxNeighbourhoodReach = 10000;

struct ViewNode {
  NodeId id;
  NodeKind kind = NodeKind::kArticle;
  std::string label;
  std::optional<std::string> date;  // YYYY-MM-DD, YYYY-MM or YYYY
  int hops = 0;                     // distance from the start (0 for the start)
  std::string gender;               // persons: "male", "female"; "" unknown or not a person
};

struct ViewEdge {
  NodeId source;
  store::EdgeKind kind = store::EdgeKind::kSaid;
  NodeId target;
};

// Nodes and edges come in an order that depends on the graph only (not on how the
// snapshot holds it): a neighbourhood's or thread's nodes by hops then id, a path's
// in path order; edges by (source, kind, target). So the API and the CLI write the
// same bytes for the same graph. (Which nodes a capped, truncated traversal keeps
// may still differ.)
struct GraphView {
  std::vector<ViewNode> nodes;  // the start first
  std::vector<ViewEdge> edges;
  bool truncated = false;  // a cap, the page limit or the deadline cut the answer short
  // Why, when truncated: "limit" (the page is full: more nodes follow), "cap" (a fixed
  // bound on the work: expansions, reach, edges, thread length; narrow the query),
  // "deadline" (the request's deadline passed). Empty when not truncated.
  std::string_view truncated_reason;
  // A neighbourhood only: the offset of the next page when more nodes may follow
  // (limit or deadline), in traversal order; nullopt on the last page.
  std::optional<size_t> next_offset;
};

struct NeighbourhoodRequest {
  NodeId node;
  int depth = 1;  // 1..kMaxViewDepth
  graph::EdgeKindSet kinds = graph::EdgeKindSet::All();
  uint32_t date_from = 0;  // YYYYMMDD, 0: none
  uint32_t date_to = 0;    // YYYYMMDD, 0: none
  size_t limit = 200;      // nodes besides the start, 1..kMaxViewNodes
  // Nodes skipped, in traversal order (a later page); offset + limit is at most
  // kMaxNeighbourhoodReach.
  size_t offset = 0;
  graph::Deadline deadline = {};  // none by default
};

// The nodes within `depth` hops of `node` and the edges between them: the page of
// `limit` nodes after `offset` in traversal order (an order fixed for one snapshot),
// with the start, and the edges among them (edges to nodes of other pages are not
// shown). When the deadline passes while the traversal runs or labels are read, the
// nodes found and labelled so far (a shorter page, truncated "deadline", with
// next_offset where it stopped). NotFound for a node the snapshot lacks;
// InvalidArgument for a depth, limit or offset out of range.
Result<GraphView> NeighbourhoodView(store::Store& store, const graph::GraphSnapshot& g,
                                    const NeighbourhoodRequest& request);
// The same view, faster when called again and again (a server): per thread, for as
// long as `g` is the snapshot asked about, the outgoing edges of each hub met are kept
// sorted (a hub's edges into a view are looked up instead of read in full); the labels
// read are kept once for all threads, for the latest snapshot asked about. Same result
// as the overload above, provided the store is written only by changes that also make
// a new snapshot (as the server's ingests do).
Result<GraphView> NeighbourhoodView(store::Store& store,
                                    const std::shared_ptr<const graph::GraphSnapshot>& g,
                                    const NeighbourhoodRequest& request);

// A shortest path from `from` to `to` (at most `max_hops` edges, through statements
// and events). A view with no nodes when there is none. NotFound for an unknown end;
// Unavailable when `deadline` passes before the search ends (a path found by then
// might not be the shortest, so none is given).
Result<GraphView> PathView(store::Store& store, const graph::GraphSnapshot& g, NodeId from,
                           NodeId to, int max_hops, const graph::Deadline& deadline = {});

// The responded_to chains through `statement`: the statement, what it answers and
// what answers it, with their responded_to edges. NotFound for an unknown node,
// InvalidArgument when the node is not a statement. When `deadline` passes, the
// chains found so far (truncated "deadline"; labels are still read).
Result<GraphView> ThreadView(store::Store& store, const graph::GraphSnapshot& g, NodeId statement,
                             const graph::Deadline& deadline = {});

// The edges of `g` at `node` of one kind: `outgoing` ones (node -kind-> x) or
// incoming ones (x -kind-> node); the other ends, in snapshot order. Empty for a
// node the snapshot lacks.
std::vector<NodeId> Adjacent(const graph::GraphSnapshot& g, NodeId node, store::EdgeKind kind,
                             bool outgoing);

// ---------------------------------------------------------------------------
// Parsers shared by the query string and the command line

// "said,mentions" -> the set; "" or "all" -> every kind. InvalidArgument naming the
// unknown kind and listing the known ones.
Result<graph::EdgeKindSet> ParseEdgeKinds(std::string_view list);

// "2025-10-24" -> 20251024 (a real calendar day). InvalidArgument otherwise.
Result<uint32_t> ParseGraphDate(std::string_view day);

// 20251024 -> "2025-10-24", 20251000 -> "2025-10", 20250000 -> "2025"; nullopt for 0.
std::optional<std::string> FormatGraphDate(uint32_t yyyymmdd);

// ---------------------------------------------------------------------------
// Graph export

inline constexpr std::string_view kGraphFormats[] = {"graphml", "gexf", "cytoscape", "dot"};

// The view as an api::Subgraph: node ids as 16 hex digits, kinds and edge kinds by
// name, a node's hops as the attribute "hops".
Subgraph ToSubgraph(const GraphView& view);

// The view written as `format` (one of kGraphFormats) with its content type.
// InvalidArgument for another format.
Result<Rendered> ExportGraphView(const GraphView& view, std::string_view format);

}  // namespace parley::api

#endif  // PARLEY_API_QUERIES_H_
