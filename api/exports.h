// Exports: our own values written in the formats users load into other tools.
//
//   Timelines (a list of statements, with the speaker and article fields each
//   StatementRecord carries):
//     CSV         RFC 4180: CRLF line ends; a field holding '"', ',', CR or LF is quoted
//                 and its quotes doubled. No byte-order mark. One header row (kCsvColumns);
//                 the act's polarity (positive, negative) and hedged (true, false) last,
//                 so the columns older exports had keep their places.
//     Markdown    a heading, then a table an analyst pastes into a report; cells escape
//                 Markdown punctuation ('|', '*', '_', '`', '[', ']', '<', '>', '\') and
//                 write line breaks as <br>. The Type cell reads "indirect, denied;
//                 negative; hedged" (TimelineJS's cue line too) for a negative or hedged act.
//     TimelineJS  Knight Lab's JSON: {"title":{"text":{"headline","text"}},"events":[
//                 {"start_date":{"year","month","day"},"text":{"headline","text"},
//                 "group","unique_id"}]}. TimelineJS renders headline and text as HTML,
//                 so both are HTML-escaped. An undated statement falls back to its
//                 article's publication date; one with neither is left out (TimelineJS
//                 refuses an event without start_date) and counted in the title text.
//   Graphs (a Subgraph, below):
//     GraphML     directed; keys "kind", "label", "date" and one per attribute name.
//     GEXF 1.3    mode="dynamic" timeformat="date"; a dated node or edge gets start=.
//     Cytoscape   Cytoscape.js JSON {"elements":{"nodes":[{"data":{..}}],"edges":[..]}}.
//     DOT         a Graphviz digraph; every id and value is a quoted string; the kind
//                 is also the label of an edge; Node::attrs are written with the prefix
//                 "parley_" so none can be a Graphviz attribute (image=, shapefile=).
//   Text is escaped for each format: XML entities (and &#10;, &#13;, &#9; so attribute
//   values keep their line breaks), DOT quoting, JSON escapes. Control characters XML
//   cannot carry and bytes that are not UTF-8 become U+FFFD.
//
// Dates are "YYYY-MM-DD"; "YYYY-MM" and "YYYY" are accepted where a date is read
// (a GEXF start needs a full date: a partial one starts its month or year).
//
// Thread-safety: pure functions on values; safe from any thread.
#ifndef PARLEY_API_EXPORTS_H_
#define PARLEY_API_EXPORTS_H_

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "graph/core/ids.h"
#include "graph/core/status.h"
#include "graph/store/store.h"

namespace parley::api {

// ---------------------------------------------------------------------------
// Timelines

// The outlets of each article ("MENAFN"), when the caller looked them up; a
// StatementRecord does not carry them. Missing articles have none.
using ArticleOutlets = std::unordered_map<NodeId, std::vector<std::string>>;

struct TimelineTitle {
  std::string headline;  // "Dmitry Peskov"
  std::string text;      // "Statements from 2025-10-01 to 2025-10-31"
};

// The CSV columns, in order. Dates are YYYY-MM-DD or empty; ids are 16 hex digits
// (empty for an unresolved speaker); outlets are joined with "; "; start and end are
// the code-point span of the statement in its article's text.
inline constexpr std::string_view kCsvColumns[] = {
    "said_date",     "published_date",      "speaker",     "speaker_id",
    "type",          "speech_act",          "cue",         "text",
    "article_title", "article_id",          "outlets",     "start",
    "end",           "article_external_id", "statement_id", "polarity",
    "hedged"};

// `s` as "YYYY-MM-DD", "YYYY-MM" or "YYYY" when it is one of these (a real calendar
// day; a time after 'T' is dropped), else nullopt.
std::optional<std::string> NormalizeDate(std::string_view s);

// The date a statement sits at on a timeline: its utterance date, else its article's
// publication date; nullopt when it has neither (or neither parses as a date).
std::optional<std::string> TimelineDate(const store::StatementRecord& s);

// Orders statements oldest first by TimelineDate (undated last), then publication
// date, article and position in the article, so equal inputs give equal outputs.
void SortForTimeline(std::vector<store::StatementRecord>& statements);

std::string TimelineToCsv(const std::vector<store::StatementRecord>& statements,
                          const ArticleOutlets& outlets = {});
std::string TimelineToMarkdown(const std::vector<store::StatementRecord>& statements,
                               const TimelineTitle& title, const ArticleOutlets& outlets = {});
std::string TimelineToTimelineJs(const std::vector<store::StatementRecord>& statements,
                                 const TimelineTitle& title, const ArticleOutlets& outlets = {});

// ---------------------------------------------------------------------------
// Graphs

// A graph to export: plain values, filled from whatever traversal produced it.
struct Subgraph {
  struct Node {
    std::string id;                            // unique in the subgraph; "00c0ffee00c0ffee"
    std::string kind;                          // "person", "statement", "article", ...
    std::string label;                         // what a viewer shows ("Dmitry Peskov")
    std::optional<std::string> date;           // YYYY-MM-DD (or YYYY-MM, YYYY) when dated
    std::map<std::string, std::string> attrs;  // more string attributes, by name
  };
  struct Edge {
    std::string source;  // a Node::id of this subgraph
    std::string target;  // a Node::id of this subgraph
    std::string kind;    // "said", "mentions", ...
    std::optional<std::string> date;
  };
  std::vector<Node> nodes;
  std::vector<Edge> edges;
};

// Attribute names a Node::attrs may not use: the formats already write these.
inline constexpr std::string_view kReservedAttrNames[] = {"id",     "kind",   "label", "date",
                                                          "source", "target", "parent"};

inline constexpr std::string_view kDotAttrPrefix = "parley_";

// OK, or InvalidArgument naming the first problem: an empty or duplicate node id, an
// edge whose source or target is not a node, a date that is not YYYY[-MM[-DD]], an
// empty or reserved attribute name.
Status ValidateSubgraph(const Subgraph& graph);

// Each returns the document, or the InvalidArgument of ValidateSubgraph.
Result<std::string> SubgraphToGraphMl(const Subgraph& graph);
Result<std::string> SubgraphToGexf(const Subgraph& graph);
Result<std::string> SubgraphToCytoscapeJson(const Subgraph& graph);
Result<std::string> SubgraphToDot(const Subgraph& graph);

}  // namespace parley::api

#endif  // PARLEY_API_EXPORTS_H_
