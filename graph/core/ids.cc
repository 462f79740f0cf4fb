#include "graph/core/ids.h"

#include <cctype>

namespace parley {

namespace {

constexpr char kHex[] = "0123456789abcdef";

// splitmix64 finaliser: spreads FNV's weak low bits over the whole word.
uint64_t Mix(uint64_t x) {
  x ^= x >> 30;
  x *= 0xbf58476d1ce4e5b9ULL;
  x ^= x >> 27;
  x *= 0x94d049bb133111ebULL;
  x ^= x >> 31;
  return x;
}

}  // namespace

std::string NodeId::ToHex() const {
  std::string out(16, '0');
  for (int i = 15, shift = 0; i >= 0; --i, shift += 4) out[i] = kHex[(v_ >> shift) & 0xf];
  return out;
}

std::optional<NodeId> NodeId::FromHex(std::string_view hex) {
  if (hex.size() != 16) return std::nullopt;
  uint64_t v = 0;
  for (char c : hex) {
    int d;
    if (c >= '0' && c <= '9') d = c - '0';
    else if (c >= 'a' && c <= 'f') d = c - 'a' + 10;
    else if (c >= 'A' && c <= 'F') d = c - 'A' + 10;
    else return std::nullopt;
    v = (v << 4) | static_cast<uint64_t>(d);
  }
  if (v == 0) return std::nullopt;
  return NodeId(v);
}

std::string_view NodeKindName(NodeKind kind) {
  switch (kind) {
    case NodeKind::kArticle: return "article";
    case NodeKind::kStatement: return "statement";
    case NodeKind::kPerson: return "person";
    case NodeKind::kCountry: return "country";
    case NodeKind::kOrganization: return "organization";
    case NodeKind::kEvent: return "event";
  }
  return "unknown";
}

std::optional<NodeKind> NodeKindFromName(std::string_view name) {
  for (auto k : {NodeKind::kArticle, NodeKind::kStatement, NodeKind::kPerson, NodeKind::kCountry,
                 NodeKind::kOrganization, NodeKind::kEvent}) {
    if (NodeKindName(k) == name) return k;
  }
  return std::nullopt;
}

uint64_t HashParts(std::initializer_list<std::string_view> parts) {
  uint64_t h = 0xcbf29ce484222325ULL;  // FNV-1a offset basis
  for (std::string_view p : parts) {
    for (unsigned char c : p) {
      h ^= c;
      h *= 0x100000001b3ULL;
    }
    h ^= 0x1f;  // unit separator between parts
    h *= 0x100000001b3ULL;
  }
  h = Mix(h);
  return h == 0 ? 1 : h;
}

std::string CanonicalKey(std::string_view name) {
  std::string out;
  out.reserve(name.size());
  bool pending_space = false;
  for (unsigned char c : name) {
    if (std::isspace(c)) {
      pending_space = !out.empty();
      continue;
    }
    if (pending_space) out.push_back(' ');
    pending_space = false;
    out.push_back(static_cast<char>(std::tolower(c)));
  }
  return out;
}

NodeId ArticleNodeId(std::string_view article_id) {
  return NodeId(HashParts({"article", article_id}));
}

NodeId StatementNodeId(std::string_view article_id, std::string_view local_id) {
  return NodeId(HashParts({"statement", article_id, local_id}));
}

NodeId EntityNodeId(NodeKind kind, std::string_view name) {
  return NodeId(HashParts({NodeKindName(kind), CanonicalKey(name)}));
}

NodeId EventNodeId(std::string_view article_id, std::string_view local_id) {
  return NodeId(HashParts({"event", article_id, local_id}));
}

}  // namespace parley
