// The extraction JSONL codec. Shape (../shared/eval/FORMAT.md), keys in this order:
//
//   {"id": "...", "text": "...",                       text omitted when include_text=false
//    "article": {"title": "...", "published": "YYYY-MM-DD"|null,
//                "warnings": ["..."], "outlets": ["..."]},
//    "statements": [{"id", "start", "end", "content_spans": [[b,e],...],
//                    "type", "speaker": "..."|null, "speaker_id": "e1" (only when set),
//                    "speaker_spans": [[b,e]], "cue", "cue_spans": [[b,e]],
//                    "date": "YYYY-MM-DD"|null, "reported_by": "s3"|null,
//                    "text", "speech_act", "polarity": "positive"|"negative",
//                    "hedged": true|false}],
//    "entities": [{"id", "type", "name", "aliases", "descriptions" (only when any),
//                  "roles", "country": "RU"|null, "gender": "male"|"female"|null
//                  (persons only),
//                  "mentions": [[b,e]]}],
//    "events": [{"id", "type", "name", "participants", "date"|null, "mentions"}],
//    "relations": [{"type", "source", "target"}],
//    "content_hash": "...", "extractor_version": "..."}
//
// In memory an absent optional string is "" (reported_by, speaker_entity,
// country) or nullopt; on the wire both are null (or, for speaker_id, no key), so
// a value read back equals the value written.
#include "extractors/extraction_json.h"

#include <rapidjson/document.h>
#include <rapidjson/error/en.h>
#include <simdjson.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace parley::extractors {
namespace {

// Writes JSON text straight into a std::string, byte for byte what
// rapidjson::Writer<StringBuffer> wrote before (no spaces; in strings only '"', '\\'
// and bytes below 0x20 are escaped, as \b \t \n \f \r or \u00XX in upper-case hex,
// and every other byte, UTF-8 included, is copied), so outputs stay comparable with
// md5sum across versions. rapidjson's writer (9% of `parley extract`'s instructions
// for an article) put every byte through its stream one at a time and reserved six
// output bytes per input byte for every string; this one tests eight bytes a step
// and copies the runs between escapes whole.
class JsonOut {
 public:
  // `expected` bytes are made room for at once (more is made when needed).
  explicit JsonOut(size_t expected) { buf_.resize(expected); }

  void StartObject() { Open('{'); }
  void EndObject() {
    Put('}');
    --depth_;
  }
  void StartArray() { Open('['); }
  void EndArray() {
    Put(']');
    --depth_;
  }
  // `key` is one of this file's literal names, which need no escapes.
  void Key(std::string_view key) {
    Separate();
    char* p = Room(key.size() + 3);
    *p++ = '"';
    std::memcpy(p, key.data(), key.size());
    p += key.size();
    *p++ = '"';
    *p++ = ':';
    pos_ = p - buf_.data();
    after_key_ = true;
  }
  void String(std::string_view s) {
    Separate();
    Quoted(s);
  }
  void Int64(int64_t v) {
    Separate();
    char* p = Room(24);
    pos_ = std::to_chars(p, p + 24, v).ptr - buf_.data();
  }
  void Null() {
    Separate();
    std::memcpy(Room(4), "null", 4);
    pos_ += 4;
  }
  void Bool(bool v) {
    Separate();
    std::memcpy(Room(5), v ? "true" : "false", v ? 4 : 5);
    pos_ += v ? 4 : 5;
  }
  // The text written; the writer is spent.
  std::string Finish() {
    buf_.resize(pos_);
    return std::move(buf_);
  }

 private:
  // The comma before every value but the first of its object or array, and none
  // between a key and its value.
  void Separate() {
    if (after_key_) {
      after_key_ = false;
      return;
    }
    if (has_items_[depth_]) Put(',');
    has_items_[depth_] = true;
  }
  void Open(char c) {
    Separate();
    Put(c);
    ++depth_;
    has_items_[depth_] = false;
  }
  // Where n more bytes may be written (std::string's append paths cost more than
  // the few bytes most calls write: the buffer is written through a pointer).
  char* Room(size_t n) {
    if (buf_.size() - pos_ < n) buf_.resize(std::max(2 * buf_.size(), pos_ + n));
    return buf_.data() + pos_;
  }
  void Put(char c) {
    *Room(1) = c;
    ++pos_;
  }
  void Quoted(std::string_view s);

  std::string buf_;  // [0, pos_) written, the rest room
  size_t pos_ = 0;
  // Nesting is at most five deep (the object, "statements", a statement, its
  // "content_spans", one span); the root level is 0.
  std::array<bool, 8> has_items_{};
  size_t depth_ = 0;
  bool after_key_ = false;
};

// rapidjson's escape table: 'u' writes \u00XX, another letter \<letter>, 0 copies.
constexpr std::array<char, 256> kJsonEscape = [] {
  std::array<char, 256> t{};
  for (int c = 0; c < 0x20; ++c) t[c] = 'u';
  t['\b'] = 'b';
  t['\t'] = 't';
  t['\n'] = 'n';
  t['\f'] = 'f';
  t['\r'] = 'r';
  t['"'] = '"';
  t['\\'] = '\\';
  return t;
}();

// Whether one of the eight bytes of v is below 0x20, '"' or '\\': the exact
// "has a byte less than n" and "has a zero byte" word tests, eight bytes a step
// (escapes are rare: a byte at a time was most of the writer's work).
bool HasJsonEscape(uint64_t v) {
  constexpr uint64_t kOnes = 0x0101010101010101ULL;
  constexpr uint64_t kHigh = 0x8080808080808080ULL;
  const uint64_t quote = v ^ (kOnes * '"');
  const uint64_t backslash = v ^ (kOnes * '\\');
  const uint64_t below_space = (v - kOnes * 0x20) & ~v;
  return (below_space | ((quote - kOnes) & ~quote) | ((backslash - kOnes) & ~backslash)) & kHigh;
}

void JsonOut::Quoted(std::string_view s) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  const size_t n = s.size();
  char* p = Room(2 + 6 * n);  // every byte escaped as \u00XX at worst
  *p++ = '"';
  size_t copied = 0;  // s[copied, i) is still to be copied
  for (size_t i = 0; i < n;) {
    if (n - i >= 8) {
      uint64_t v;
      std::memcpy(&v, s.data() + i, 8);
      if (!HasJsonEscape(v)) {
        i += 8;
        continue;
      }
    }
    for (const size_t stop = std::min(n, i + 8); i < stop; ++i) {
      const unsigned char c = static_cast<unsigned char>(s[i]);
      const char e = kJsonEscape[c];
      if (e == 0) continue;
      std::memcpy(p, s.data() + copied, i - copied);
      p += i - copied;
      *p++ = '\\';
      *p++ = e;
      if (e == 'u') {
        *p++ = '0';
        *p++ = '0';
        *p++ = kHex[c >> 4];
        *p++ = kHex[c & 0xF];
      }
      copied = i + 1;
    }
  }
  std::memcpy(p, s.data() + copied, n - copied);
  p += n - copied;
  *p++ = '"';
  pos_ = p - buf_.data();
}

using Writer = JsonOut;

void String(Writer& w, const std::string& s) { w.String(s); }

// One "key": value member per call; the overload picks how the value is written.
void Field(Writer& w, std::string_view key, const std::string& value) {
  w.Key(key);
  String(w, value);
}

void Field(Writer& w, std::string_view key, int64_t value) {
  w.Key(key);
  w.Int64(value);
}

// nullopt -> null.
void Field(Writer& w, std::string_view key, const std::optional<std::string>& value) {
  w.Key(key);
  if (value) {
    String(w, *value);
  } else {
    w.Null();
  }
}

// For the fields whose "absent" is an empty string in memory: "" -> null.
void NullIfEmptyField(Writer& w, std::string_view key, const std::string& value) {
  w.Key(key);
  if (value.empty()) {
    w.Null();
  } else {
    String(w, value);
  }
}

void Field(Writer& w, std::string_view key, const std::vector<std::string>& list) {
  w.Key(key);
  w.StartArray();
  for (const auto& s : list) String(w, s);
  w.EndArray();
}

// [[begin, end], ...]
void Field(Writer& w, std::string_view key, const std::vector<Span>& spans) {
  w.Key(key);
  w.StartArray();
  for (const auto& s : spans) {
    w.StartArray();
    w.Int64(s.begin);
    w.Int64(s.end);
    w.EndArray();
  }
  w.EndArray();
}

void WriteStatement(Writer& w, const Statement& s) {
  w.StartObject();
  Field(w, "id", s.id);
  Field(w, "start", s.content.begin);
  Field(w, "end", s.content.end);
  Field(w, "content_spans", s.content_spans);
  Field(w, "type", s.type);
  Field(w, "speaker", s.speaker);
  if (!s.speaker_entity.empty()) Field(w, "speaker_id", s.speaker_entity);
  Field(w, "speaker_spans", s.speaker_spans);
  Field(w, "cue", s.cue);
  Field(w, "cue_spans", s.cue_spans);
  Field(w, "date", s.date);
  NullIfEmptyField(w, "reported_by", s.reported_by);
  Field(w, "text", s.text);
  Field(w, "speech_act", s.speech_act);
  w.Key("polarity");
  w.String(s.negative ? "negative" : "positive");
  w.Key("hedged");
  w.Bool(s.hedged);
  w.EndObject();
}

void WriteEntity(Writer& w, const Entity& e) {
  w.StartObject();
  Field(w, "id", e.id);
  Field(w, "type", e.type);
  Field(w, "name", e.name);
  Field(w, "aliases", e.aliases);
  if (!e.descriptions.empty()) Field(w, "descriptions", e.descriptions);
  Field(w, "roles", e.roles);
  NullIfEmptyField(w, "country", e.country);
  if (e.type == "person") NullIfEmptyField(w, "gender", e.gender);
  Field(w, "mentions", e.mentions);
  w.EndObject();
}

void WriteEvent(Writer& w, const Event& e) {
  w.StartObject();
  Field(w, "id", e.id);
  Field(w, "type", e.type);
  Field(w, "name", e.name);
  Field(w, "participants", e.participants);
  Field(w, "date", e.date);
  Field(w, "mentions", e.mentions);
  w.EndObject();
}

// ---------------------------------------------------------------------------
// Reading, with simdjson's DOM parser (a fifth of the instructions rapidjson took:
// `parley load` parses every line). Each getter names the field path
// ("statements[2].start") in its error, built only then.

using simdjson::dom::element;

// Where a value is: a key of an object, or an item of an array, below a parent.
struct Path {
  const Path* parent = nullptr;
  const char* key = nullptr;  // or
  size_t index = 0;           // when key is null and parent is not

  Path Key(const char* k) const { return Path{this, k, 0}; }
  Path Item(size_t i) const { return Path{this, nullptr, i}; }
  std::string ToString() const {
    if (parent == nullptr) return key != nullptr ? key : "";
    std::string up = parent->ToString();
    if (key == nullptr) return up + "[" + std::to_string(index) + "]";
    return up.empty() ? std::string(key) : up + "." + key;
  }
};

class Reader {
 public:
  // A member that must be present.
  std::optional<element> Required(element obj, const Path& p) {
    if (!error_.empty()) return std::nullopt;
    element v;
    if (obj.at_key(p.key).get(v) != simdjson::SUCCESS) {
      Fail(p.ToString() + ": missing");
      return std::nullopt;
    }
    return v;
  }
  // A member that may be absent (nullopt then).
  std::optional<element> Optional(element obj, const char* key) {
    if (!error_.empty()) return std::nullopt;
    element v;
    if (obj.at_key(key).get(v) != simdjson::SUCCESS) return std::nullopt;
    return v;
  }

  void GetString(std::optional<element> v, const Path& p, std::string* out) {
    if (!v || !error_.empty()) return;
    std::string_view s;
    if (v->get_string().get(s) != simdjson::SUCCESS) {
      return Fail(p.ToString() + ": expected a string");
    }
    out->assign(s);
  }
  // String or null; null (or absent) -> nullopt.
  void GetOptString(std::optional<element> v, const Path& p, std::optional<std::string>* out) {
    out->reset();
    if (!v || !error_.empty() || v->is_null()) return;
    std::string_view s;
    if (v->get_string().get(s) != simdjson::SUCCESS) {
      return Fail(p.ToString() + ": expected a string or null");
    }
    *out = std::string(s);
  }
  // String or null; null (or absent) -> "".
  void GetNullableString(std::optional<element> v, const Path& p, std::string* out) {
    std::optional<std::string> s;
    GetOptString(v, p, &s);
    *out = s ? std::move(*s) : std::string();
  }
  void GetBool(std::optional<element> v, const Path& p, bool* out) {
    if (!v || !error_.empty()) return;
    if (v->get_bool().get(*out) != simdjson::SUCCESS) Fail(p.ToString() + ": expected true or false");
  }
  void GetInt(std::optional<element> v, const Path& p, int64_t* out) {
    if (!v || !error_.empty()) return;
    if (v->get_int64().get(*out) != simdjson::SUCCESS) Fail(p.ToString() + ": expected an integer");
  }
  void GetStrings(std::optional<element> v, const Path& p, std::vector<std::string>* out) {
    out->clear();
    if (!v || !error_.empty()) return;
    simdjson::dom::array items;
    if (v->get_array().get(items) != simdjson::SUCCESS) {
      return Fail(p.ToString() + ": expected an array of strings");
    }
    size_t i = 0;
    for (element item : items) {
      std::string_view s;
      if (item.get_string().get(s) != simdjson::SUCCESS) {
        return Fail(p.Item(i).ToString() + ": expected a string");
      }
      out->emplace_back(s);
      ++i;
    }
  }
  void GetSpans(std::optional<element> v, const Path& p, std::vector<Span>* out) {
    out->clear();
    if (!v || !error_.empty()) return;
    if (v->is_null()) return;
    simdjson::dom::array items;
    if (v->get_array().get(items) != simdjson::SUCCESS) {
      return Fail(p.ToString() + ": expected an array of [start, end] pairs");
    }
    size_t i = 0;
    for (element item : items) {
      Span span;
      GetSpan(item, p.Item(i++), &span);
      if (!error_.empty()) return;
      out->push_back(span);
    }
  }
  void GetSpan(element v, const Path& p, Span* out) {
    simdjson::dom::array pair;
    if (v.get_array().get(pair) != simdjson::SUCCESS || pair.size() != 2 ||
        pair.at(0).get_int64().get(out->begin) != simdjson::SUCCESS ||
        pair.at(1).get_int64().get(out->end) != simdjson::SUCCESS) {
      return Fail(p.ToString() + ": expected [start, end] with two integers");
    }
    CheckSpan(*out, p);
  }
  void CheckSpan(const Span& s, const Path& p, const char* suffix = "") {
    if (!error_.empty()) return;
    if (s.begin < 0 || s.end < s.begin) {
      Fail(p.ToString() + suffix + ": bad span [" + std::to_string(s.begin) + ", " +
           std::to_string(s.end) + "] (need 0 <= start <= end)");
    }
  }
  // An array of objects; calls `each(object, path)` for each.
  template <typename F>
  void ForEachObject(std::optional<element> v, const Path& p, F each) {
    if (!v || !error_.empty()) return;
    simdjson::dom::array items;
    if (v->get_array().get(items) != simdjson::SUCCESS) {
      return Fail(p.ToString() + ": expected an array");
    }
    size_t i = 0;
    for (element item : items) {
      if (!error_.empty()) return;
      const Path item_path = p.Item(i++);
      if (!item.is_object()) return Fail(item_path.ToString() + ": expected an object");
      each(item, item_path);
    }
  }
  std::optional<element> Object(std::optional<element> v, const Path& p) {
    if (!v || !error_.empty()) return std::nullopt;
    if (!v->is_object()) {
      Fail(p.ToString() + ": expected an object");
      return std::nullopt;
    }
    return v;
  }

  void Fail(std::string msg) {
    if (error_.empty()) error_ = std::move(msg);
  }
  const std::string& error() const { return error_; }

 private:
  std::string error_;
};

void ReadStatement(Reader& r, element o, const Path& p, Statement* s) {
  r.GetString(r.Required(o, p.Key("id")), p.Key("id"), &s->id);
  r.GetInt(r.Required(o, p.Key("start")), p.Key("start"), &s->content.begin);
  r.GetInt(r.Required(o, p.Key("end")), p.Key("end"), &s->content.end);
  r.CheckSpan(s->content, p.Key("start"), "/end");
  r.GetSpans(r.Optional(o, "content_spans"), p.Key("content_spans"), &s->content_spans);
  r.GetString(r.Optional(o, "type"), p.Key("type"), &s->type);
  r.GetOptString(r.Optional(o, "speaker"), p.Key("speaker"), &s->speaker);
  r.GetNullableString(r.Optional(o, "speaker_id"), p.Key("speaker_id"), &s->speaker_entity);
  r.GetSpans(r.Optional(o, "speaker_spans"), p.Key("speaker_spans"), &s->speaker_spans);
  r.GetString(r.Optional(o, "cue"), p.Key("cue"), &s->cue);
  r.GetSpans(r.Optional(o, "cue_spans"), p.Key("cue_spans"), &s->cue_spans);
  r.GetOptString(r.Optional(o, "date"), p.Key("date"), &s->date);
  r.GetNullableString(r.Optional(o, "reported_by"), p.Key("reported_by"), &s->reported_by);
  r.GetString(r.Optional(o, "text"), p.Key("text"), &s->text);
  r.GetString(r.Optional(o, "speech_act"), p.Key("speech_act"), &s->speech_act);
  std::string polarity = "positive";
  r.GetString(r.Optional(o, "polarity"), p.Key("polarity"), &polarity);
  if (polarity != "positive" && polarity != "negative") {
    r.Fail(p.Key("polarity").ToString() + ": expected \"positive\" or \"negative\"");
  }
  s->negative = polarity == "negative";
  r.GetBool(r.Optional(o, "hedged"), p.Key("hedged"), &s->hedged);
}

void ReadEntity(Reader& r, element o, const Path& p, Entity* e) {
  r.GetString(r.Required(o, p.Key("id")), p.Key("id"), &e->id);
  r.GetString(r.Required(o, p.Key("type")), p.Key("type"), &e->type);
  r.GetString(r.Required(o, p.Key("name")), p.Key("name"), &e->name);
  r.GetStrings(r.Optional(o, "aliases"), p.Key("aliases"), &e->aliases);
  r.GetStrings(r.Optional(o, "descriptions"), p.Key("descriptions"), &e->descriptions);
  r.GetStrings(r.Optional(o, "roles"), p.Key("roles"), &e->roles);
  r.GetNullableString(r.Optional(o, "country"), p.Key("country"), &e->country);
  r.GetNullableString(r.Optional(o, "gender"), p.Key("gender"), &e->gender);
  if (!e->gender.empty() && e->gender != "male" && e->gender != "female") {
    r.Fail(p.Key("gender").ToString() + ": expected \"male\", \"female\" or null");
  }
  r.GetSpans(r.Optional(o, "mentions"), p.Key("mentions"), &e->mentions);
}

void ReadEvent(Reader& r, element o, const Path& p, Event* e) {
  r.GetString(r.Required(o, p.Key("id")), p.Key("id"), &e->id);
  r.GetString(r.Optional(o, "type"), p.Key("type"), &e->type);
  r.GetString(r.Optional(o, "name"), p.Key("name"), &e->name);
  r.GetStrings(r.Optional(o, "participants"), p.Key("participants"), &e->participants);
  r.GetOptString(r.Optional(o, "date"), p.Key("date"), &e->date);
  r.GetSpans(r.Optional(o, "mentions"), p.Key("mentions"), &e->mentions);
}

}  // namespace

std::string ExtractionToJson(const Extraction& x, bool include_text) {
  // Room for the text and, per record, more than its keys, spans and words usually
  // take (the room is zero-filled: too much costs as much as growing).
  Writer w((include_text ? x.text.size() : 0) + 512 * x.statements.size() +
           256 * x.entities.size() + 256 * x.events.size() + 64 * x.relations.size() + 1024);
  w.StartObject();
  Field(w, "id", x.id);
  if (include_text) Field(w, "text", x.text);
  w.Key("article");
  w.StartObject();
  Field(w, "title", x.article.title);
  Field(w, "published", x.article.published);
  Field(w, "warnings", x.article.warnings);
  Field(w, "outlets", x.article.outlets);
  w.EndObject();
  w.Key("statements");
  w.StartArray();
  for (const auto& s : x.statements) WriteStatement(w, s);
  w.EndArray();
  w.Key("entities");
  w.StartArray();
  for (const auto& e : x.entities) WriteEntity(w, e);
  w.EndArray();
  w.Key("events");
  w.StartArray();
  for (const auto& e : x.events) WriteEvent(w, e);
  w.EndArray();
  w.Key("relations");
  w.StartArray();
  for (const auto& rel : x.relations) {
    w.StartObject();
    Field(w, "type", rel.type);
    Field(w, "source", rel.source);
    Field(w, "target", rel.target);
    w.EndObject();
  }
  w.EndArray();
  Field(w, "content_hash", x.content_hash);
  Field(w, "extractor_version", x.extractor_version);
  w.EndObject();
  return w.Finish();
}

Result<Extraction> ExtractionFromJson(std::string_view line) {
  // One parser per thread (it keeps its buffers between lines); `load` parses on
  // every core.
  thread_local simdjson::dom::parser parser;
  // A byte order mark (a file saved on Windows) is not JSON to simdjson.
  if (line.starts_with("\xEF\xBB\xBF")) line.remove_prefix(3);
  element doc;
  if (const auto error = parser.parse(line.data(), line.size()).get(doc); error) {
    // simdjson does not say where: rapidjson, on this rare path, gives the byte.
    rapidjson::Document slow;
    slow.Parse<rapidjson::kParseValidateEncodingFlag | rapidjson::kParseIterativeFlag>(
        line.data(), line.size());
    if (slow.HasParseError()) {
      return Status::InvalidArgument(std::string("extraction: not JSON: ") +
                                     rapidjson::GetParseError_En(slow.GetParseError()) +
                                     " (at byte " + std::to_string(slow.GetErrorOffset()) + ")");
    }
    return Status::InvalidArgument(std::string("extraction: not JSON: ") +
                                   simdjson::error_message(error));
  }
  if (!doc.is_object()) return Status::InvalidArgument("extraction: not a JSON object");
  Extraction x;
  Reader r;
  const Path top;
  r.GetString(r.Required(doc, top.Key("id")), top.Key("id"), &x.id);
  if (r.error().empty() && x.id.empty()) r.Fail("id: empty");
  r.GetString(r.Optional(doc, "text"), top.Key("text"), &x.text);
  const Path article = top.Key("article");
  if (auto a = r.Object(r.Optional(doc, "article"), article)) {
    r.GetString(r.Optional(*a, "title"), article.Key("title"), &x.article.title);
    r.GetOptString(r.Optional(*a, "published"), article.Key("published"), &x.article.published);
    r.GetStrings(r.Optional(*a, "warnings"), article.Key("warnings"), &x.article.warnings);
    r.GetStrings(r.Optional(*a, "outlets"), article.Key("outlets"), &x.article.outlets);
  }
  r.ForEachObject(r.Optional(doc, "statements"), top.Key("statements"),
                  [&](element o, const Path& p) {
                    ReadStatement(r, o, p, &x.statements.emplace_back());
                  });
  r.ForEachObject(r.Optional(doc, "entities"), top.Key("entities"), [&](element o, const Path& p) {
    ReadEntity(r, o, p, &x.entities.emplace_back());
  });
  r.ForEachObject(r.Optional(doc, "events"), top.Key("events"), [&](element o, const Path& p) {
    ReadEvent(r, o, p, &x.events.emplace_back());
  });
  r.ForEachObject(r.Optional(doc, "relations"), top.Key("relations"),
                  [&](element o, const Path& p) {
                    Relation& rel = x.relations.emplace_back();
                    r.GetString(r.Required(o, p.Key("type")), p.Key("type"), &rel.type);
                    r.GetString(r.Required(o, p.Key("source")), p.Key("source"), &rel.source);
                    r.GetString(r.Required(o, p.Key("target")), p.Key("target"), &rel.target);
                  });
  r.GetString(r.Optional(doc, "content_hash"), top.Key("content_hash"), &x.content_hash);
  r.GetString(r.Optional(doc, "extractor_version"), top.Key("extractor_version"),
              &x.extractor_version);
  if (!r.error().empty()) {
    std::string where = x.id.empty() ? "extraction" : "extraction \"" + x.id + "\"";
    return Status::InvalidArgument(where + ": " + r.error());
  }
  return x;
}

}  // namespace parley::extractors
