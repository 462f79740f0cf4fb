// Strong 64-bit ids for graph nodes, and the rules that derive them.
//
// Every node (article, statement, entity, event) has a NodeId: a 64-bit number,
// stored big-endian so that key byte order is numeric order. Ids are derived, never
// allocated, so that two machines extracting the same article agree on them
// (the scale-out path: extract anywhere, load here):
//   article    Hash("article", external article id)
//   statement  Hash("statement", external article id, local statement id)
//   entity     Hash(kind, canonical key)   -- canonical key: lower-cased, space-folded name
//   event      Hash("event", external article id, local event id)
// Outside the store an id is written as 16 lower-case hex digits ("00c0ffee00c0ffee").
// Thread-safe: pure functions on values.
#ifndef PARLEY_GRAPH_CORE_IDS_H_
#define PARLEY_GRAPH_CORE_IDS_H_

#include <compare>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace parley {

class NodeId {
 public:
  constexpr NodeId() = default;
  constexpr explicit NodeId(uint64_t v) : v_(v) {}
  constexpr uint64_t value() const { return v_; }
  constexpr bool valid() const { return v_ != 0; }
  auto operator<=>(const NodeId&) const = default;

  std::string ToHex() const;
  // Parses exactly 16 hex digits; nullopt otherwise.
  static std::optional<NodeId> FromHex(std::string_view hex);

 private:
  uint64_t v_ = 0;
};

// The kinds of node, as named in schema/graph.yaml.
enum class NodeKind : uint8_t {
  kArticle = 1,
  kStatement = 2,
  kPerson = 3,
  kCountry = 4,
  kOrganization = 5,
  kEvent = 6,
};
std::string_view NodeKindName(NodeKind kind);
std::optional<NodeKind> NodeKindFromName(std::string_view name);

// 64-bit hash of the parts, separated so that ("ab","c") != ("a","bc"). Never 0.
uint64_t HashParts(std::initializer_list<std::string_view> parts);

// Lower-cases ASCII letters and folds runs of white space to one space, trimmed.
// The canonical key of an entity name: "Dmitry  Peskov" -> "dmitry peskov".
std::string CanonicalKey(std::string_view name);

NodeId ArticleNodeId(std::string_view article_id);
NodeId StatementNodeId(std::string_view article_id, std::string_view local_id);
NodeId EntityNodeId(NodeKind kind, std::string_view name);
NodeId EventNodeId(std::string_view article_id, std::string_view local_id);

}  // namespace parley

template <>
struct std::hash<parley::NodeId> {
  size_t operator()(const parley::NodeId& id) const noexcept { return id.value(); }
};

#endif  // PARLEY_GRAPH_CORE_IDS_H_
