// The kinds of edge of schema/graph.yaml and their fixed one-byte codes, shared by
// the store (which persists the codes in its keys) and by the graph projection
// (which filters traversals on them). Pure values and functions: thread-safe.
#ifndef PARLEY_GRAPH_STORE_EDGE_KIND_H_
#define PARLEY_GRAPH_STORE_EDGE_KIND_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace parley::store {

// Codes are persisted: append, never renumber. A relation type missing here is
// refused by PutArticle.
enum class EdgeKind : uint8_t {
  kSaid = 1,            // speaker entity -> statement
  kPublishedIn = 2,     // statement -> article
  kMentions = 3,        // article or statement -> entity or event
  kReportedBy = 4,      // inner statement -> the statement (or entity) reporting it
  kRespondedTo = 5,     // statement -> statement or event it answers
  kProposed = 6,        // entity or statement -> event
  kParticipatedIn = 7,  // entity -> event
  kAbout = 8,           // statement -> entity or event
  kAgreesWith = 9,      // statement -> statement
  kContradicts = 10,    // statement -> statement
  kPublishedBy = 11,    // article -> organisation
  kHoldsRole = 12,      // person -> organisation or country
  kMemberOf = 13,       // entity -> organisation
  kRefersTo = 14,       // reference statement ("her remarks on Monday") -> the statement
};
// The largest code in use; codes run 1..kMaxEdgeKind.
inline constexpr int kMaxEdgeKind = 14;

// "responded_to" for kRespondedTo; "unknown" for a code outside the table.
std::string_view EdgeKindName(EdgeKind kind);
// The kind named `name` ("responded_to"); nullopt for an unknown name.
std::optional<EdgeKind> EdgeKindFromName(std::string_view name);
// "said, published_in, ..." for error messages.
std::string KnownEdgeKindNames();

}  // namespace parley::store

#endif  // PARLEY_GRAPH_STORE_EDGE_KIND_H_
