#include "graph/store/key_format.h"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <array>
#include <utility>

namespace parley::store {

namespace {

constexpr std::array<std::pair<EdgeKind, std::string_view>, 14> kEdgeKindNames = {{
    {EdgeKind::kSaid, "said"},
    {EdgeKind::kPublishedIn, "published_in"},
    {EdgeKind::kMentions, "mentions"},
    {EdgeKind::kReportedBy, "reported_by"},
    {EdgeKind::kRespondedTo, "responded_to"},
    {EdgeKind::kProposed, "proposed"},
    {EdgeKind::kParticipatedIn, "participated_in"},
    {EdgeKind::kAbout, "about"},
    {EdgeKind::kAgreesWith, "agrees_with"},
    {EdgeKind::kContradicts, "contradicts"},
    {EdgeKind::kPublishedBy, "published_by"},
    {EdgeKind::kHoldsRole, "holds_role"},
    {EdgeKind::kMemberOf, "member_of"},
    {EdgeKind::kRefersTo, "refers_to"},
}};

constexpr char kHexDigits[] = "0123456789abcdef";

bool IsAsciiAlnum(unsigned char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

bool ParseDigits(std::string_view s, uint32_t* out) {
  uint32_t v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
    v = v * 10 + static_cast<uint32_t>(c - '0');
  }
  *out = v;
  return true;
}

}  // namespace

std::string_view EdgeKindName(EdgeKind kind) {
  for (const auto& [k, name] : kEdgeKindNames) {
    if (k == kind) return name;
  }
  return "unknown";
}

std::optional<EdgeKind> EdgeKindFromName(std::string_view name) {
  for (const auto& [k, n] : kEdgeKindNames) {
    if (n == name) return k;
  }
  return std::nullopt;
}

std::string KnownEdgeKindNames() {
  std::string out;
  for (const auto& [k, name] : kEdgeKindNames) {
    if (!out.empty()) out += ", ";
    out += name;
  }
  return out;
}

void PutBe32(std::string* dst, uint32_t v) {
  char buf[4];
  for (int i = 3; i >= 0; --i, v >>= 8) buf[i] = static_cast<char>(v & 0xff);
  dst->append(buf, sizeof(buf));
}

void PutBe64(std::string* dst, uint64_t v) {
  char buf[8];
  for (int i = 7; i >= 0; --i, v >>= 8) buf[i] = static_cast<char>(v & 0xff);
  dst->append(buf, sizeof(buf));
}

uint32_t GetBe32(const char* p) {
  uint32_t v = 0;
  for (int i = 0; i < 4; ++i) v = (v << 8) | static_cast<unsigned char>(p[i]);
  return v;
}

uint64_t GetBe64(const char* p) {
  uint64_t v = 0;
  for (int i = 0; i < 8; ++i) v = (v << 8) | static_cast<unsigned char>(p[i]);
  return v;
}

std::string RecordKey(char tag, NodeId id) {
  std::string key(1, tag);
  PutBe64(&key, id.value());
  return key;
}

std::string OutEdgeKey(const EdgeKey& e) {
  std::string key;
  key.reserve(kEdgeKeySize);
  PutBe64(&key, e.src.value());
  key.push_back(static_cast<char>(e.kind));
  PutBe64(&key, e.dst.value());
  return key;
}

std::string InEdgeKey(const EdgeKey& e) {
  std::string key;
  key.reserve(kEdgeKeySize);
  PutBe64(&key, e.dst.value());
  key.push_back(static_cast<char>(e.kind));
  PutBe64(&key, e.src.value());
  return key;
}

std::optional<EdgeKey> ParseOutEdgeKey(std::string_view key) {
  if (key.size() != kEdgeKeySize) return std::nullopt;
  return EdgeKey{NodeId(GetBe64(key.data())), static_cast<EdgeKind>(key[8]),
                 NodeId(GetBe64(key.data() + 9))};
}

std::optional<uint32_t> DateNumber(std::string_view date) {
  uint32_t year = 0, month = 0, day = 0;
  if (date.size() != 4 && date.size() != 7 && date.size() != 10) return std::nullopt;
  if (!ParseDigits(date.substr(0, 4), &year)) return std::nullopt;
  if (date.size() >= 7) {
    if (date[4] != '-' || !ParseDigits(date.substr(5, 2), &month) || month < 1 || month > 12) {
      return std::nullopt;
    }
  }
  if (date.size() == 10) {
    if (date[7] != '-' || !ParseDigits(date.substr(8, 2), &day) || day < 1 || day > 31) {
      return std::nullopt;
    }
  }
  return year * 10000 + month * 100 + day;
}

std::string SpeakerIndexPrefix(NodeId speaker) {
  std::string key(1, kSpeakerIndexTag);
  PutBe64(&key, speaker.value());
  return key;
}

std::string SpeakerIndexKey(NodeId speaker, std::optional<uint32_t> said,
                            std::optional<uint32_t> published, NodeId article, uint32_t begin,
                            NodeId statement) {
  std::string key = SpeakerIndexPrefix(speaker);
  key += StatementOrder(said, published, article, begin, statement);
  return key;
}

std::string StatementOrder(std::optional<uint32_t> said, std::optional<uint32_t> published,
                           NodeId article, uint32_t begin, NodeId statement) {
  std::string order;
  order.reserve(kOrderSize);
  order.push_back(said ? '\0' : '\1');
  PutBe32(&order, ~said.value_or(0));
  PutBe32(&order, ~published.value_or(0));
  PutBe64(&order, article.value());
  PutBe32(&order, begin);
  PutBe64(&order, statement.value());
  return order;
}

NodeId StatementOfOrder(std::string_view order) {
  if (order.size() != kOrderSize) return NodeId();
  return NodeId(GetBe64(order.data() + kOrderSize - 8));
}

NodeId ArticleOfOrder(std::string_view order) {
  if (order.size() != kOrderSize) return NodeId();
  return NodeId(GetBe64(order.data() + 9));
}

std::string MentionIndexPrefix(NodeId entity) {
  std::string key(1, kMentionIndexTag);
  PutBe64(&key, entity.value());
  return key;
}

std::string MentionIndexKey(NodeId entity, std::string_view order) {
  std::string key = MentionIndexPrefix(entity);
  key.append(order);
  return key;
}

std::string DateIndexKey(std::string_view order) {
  std::string key(1, kDateIndexTag);
  key.append(order);
  return key;
}

std::string MergeIndexKey(NodeId speaker, NodeId words) {
  std::string key(1, kMergeIndexTag);
  PutBe64(&key, speaker.value());
  PutBe64(&key, words.value());
  return key;
}

std::string ReportIndexPrefix(NodeId statement) {
  std::string key(1, kReportIndexTag);
  PutBe64(&key, statement.value());
  return key;
}

std::string ReportIndexKey(NodeId statement, NodeId article) {
  std::string key = ReportIndexPrefix(statement);
  PutBe64(&key, article.value());
  return key;
}

std::string ReferenceIndexPrefix(NodeId speaker) {
  std::string key(1, kReferenceIndexTag);
  PutBe64(&key, speaker.value());
  return key;
}

std::string ReferenceIndexKey(NodeId speaker, uint32_t when, NodeId reference) {
  std::string key = ReferenceIndexPrefix(speaker);
  PutBe32(&key, when);
  PutBe64(&key, reference.value());
  return key;
}

NodeId ReferenceOfIndexKey(std::string_view key) {
  if (key.size() != kReferenceIndexKeySize) return NodeId();
  return NodeId(GetBe64(key.data() + 13));
}

std::string EncodeReference(const ReferenceValue& v) {
  std::string out;
  PutBe64(&out, v.target.value());
  PutBe32(&out, v.said);
  PutBe32(&out, v.bound);
  PutBe64(&out, v.article.value());
  out += v.words;
  return out;
}

bool DecodeReference(std::string_view in, ReferenceValue* v) {
  if (in.size() < 24) return false;
  v->target = NodeId(GetBe64(in.data()));
  v->said = GetBe32(in.data() + 8);
  v->bound = GetBe32(in.data() + 12);
  v->article = NodeId(GetBe64(in.data() + 16));
  v->words.assign(in.substr(24));
  return true;
}

std::string PostingValue(std::string_view type, std::string_view speech_act) {
  type = type.substr(0, 255);
  speech_act = speech_act.substr(0, 255);
  std::string v;
  v.reserve(2 + type.size() + speech_act.size());
  v.push_back(static_cast<char>(type.size()));
  v.append(type);
  v.push_back(static_cast<char>(speech_act.size()));
  v.append(speech_act);
  return v;
}

bool ParsePostingValue(std::string_view value, std::string_view* type,
                       std::string_view* speech_act) {
  if (value.empty()) return false;
  const size_t t = static_cast<unsigned char>(value[0]);
  if (value.size() < 2 + t) return false;
  const size_t a = static_cast<unsigned char>(value[1 + t]);
  if (value.size() != 2 + t + a) return false;
  *type = value.substr(1, t);
  *speech_act = value.substr(2 + t, a);
  return true;
}

NodeId StatementOfSpeakerIndexKey(std::string_view key) {
  if (key.size() != kSpeakerIndexKeySize) return NodeId();
  return NodeId(GetBe64(key.data() + kSpeakerIndexKeySize - 8));
}

std::string ArticleIndexKey(NodeId article, NodeId statement) {
  std::string key(1, kArticleIndexTag);
  PutBe64(&key, article.value());
  PutBe64(&key, statement.value());
  return key;
}

namespace {

// Appends the search form of code point `c` to `token`: its compatibility
// decomposition without combining marks, case-folded ("É" -> "e", "ﬁ" -> "fi").
void AppendFolded(UChar32 c, const icu::Normalizer2* nfkd, std::string* token) {
  icu::UnicodeString decomposed;
  if (nfkd == nullptr || !nfkd->getDecomposition(c, decomposed)) decomposed = icu::UnicodeString(c);
  for (int32_t i = 0; i < decomposed.length();) {
    const UChar32 d = decomposed.char32At(i);
    i += U16_LENGTH(d);
    if (u_charType(d) == U_NON_SPACING_MARK) continue;
    const UChar32 folded = u_foldCase(d, U_FOLD_CASE_DEFAULT);
    char buf[U8_MAX_LENGTH];
    int32_t n = 0;
    U8_APPEND_UNSAFE(buf, n, folded);
    token->append(buf, static_cast<size_t>(n));
  }
}

}  // namespace

std::vector<std::string> SearchTokens(std::string_view text) {
  UErrorCode error = U_ZERO_ERROR;
  const icu::Normalizer2* nfkd = icu::Normalizer2::getNFKDInstance(error);
  if (U_FAILURE(error)) nfkd = nullptr;  // ICU data missing: case folding still works
  std::vector<std::string> tokens;
  std::string current;
  const auto* bytes = reinterpret_cast<const uint8_t*>(text.data());
  const int32_t length = static_cast<int32_t>(text.size());
  for (int32_t i = 0; i < length;) {
    UChar32 c;
    U8_NEXT(bytes, i, length, c);  // c < 0 for an ill-formed sequence: a separator
    if (c < 0x80 && c >= 0) {
      if (IsAsciiAlnum(static_cast<unsigned char>(c))) {
        current.push_back(static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c));
        continue;
      }
    } else if (c > 0 && (u_isalnum(c) || u_charType(c) == U_NON_SPACING_MARK)) {
      AppendFolded(c, nfkd, &current);
      continue;
    }
    if (!current.empty()) {
      tokens.push_back(std::move(current));
      current.clear();
    }
  }
  if (!current.empty()) tokens.push_back(std::move(current));
  return tokens;
}

std::string TokenIndexKey(std::string_view token, NodeId entity) {
  std::string key = TokenIndexExactPrefix(token);
  PutBe64(&key, entity.value());
  return key;
}

std::string TokenIndexExactPrefix(std::string_view token) {
  std::string key = TokenIndexPrefix(token);
  key.push_back('\0');
  return key;
}

std::string TokenIndexPrefix(std::string_view prefix) {
  std::string key(1, kTokenIndexTag);
  key.append(prefix);
  return key;
}

NodeId EntityOfTokenIndexKey(std::string_view key) {
  if (key.size() < 1 + 1 + 8 || key[key.size() - 9] != '\0') return NodeId();
  return NodeId(GetBe64(key.data() + key.size() - 8));
}

std::string PrefixSuccessor(std::string prefix) {
  while (!prefix.empty()) {
    unsigned char last = static_cast<unsigned char>(prefix.back());
    if (last != 0xff) {
      prefix.back() = static_cast<char>(last + 1);
      return prefix;
    }
    prefix.pop_back();
  }
  return prefix;
}

std::string HexEncode(std::string_view bytes) {
  std::string out;
  out.reserve(bytes.size() * 2);
  for (unsigned char c : bytes) {
    out.push_back(kHexDigits[c >> 4]);
    out.push_back(kHexDigits[c & 0xf]);
  }
  return out;
}

std::optional<std::string> HexDecode(std::string_view hex) {
  if (hex.size() % 2 != 0) return std::nullopt;
  auto nibble = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    return -1;
  };
  std::string out;
  out.reserve(hex.size() / 2);
  for (size_t i = 0; i < hex.size(); i += 2) {
    int hi = nibble(hex[i]), lo = nibble(hex[i + 1]);
    if (hi < 0 || lo < 0) return std::nullopt;
    out.push_back(static_cast<char>((hi << 4) | lo));
  }
  return out;
}

}  // namespace parley::store
