// The extraction JSONL codec. Shape (../shared/eval/FORMAT.md), keys in this order:
//
//   {"id": "...", "text": "...",                       text omitted when include_text=false
//    "article": {"title": "...", "published": "YYYY-MM-DD"|null,
//                "warnings": ["..."], "outlets": ["..."]},
//    "statements": [{"id", "start", "end", "content_spans": [[b,e],...],
//                    "type", "speaker": "..."|null, "speaker_id": "e1" (only when set),
//                    "speaker_spans": [[b,e]], "cue", "cue_spans": [[b,e]],
//                    "date": "YYYY-MM-DD"|null, "reported_by": "s3"|null,
//                    "text", "speech_act"}],
//    "entities": [{"id", "type", "name", "aliases", "descriptions" (only when any),
//                  "roles", "country": "RU"|null,
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
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace parley::extractors {
namespace {

using Writer = rapidjson::Writer<rapidjson::StringBuffer>;

void String(Writer& w, const std::string& s) {
  w.String(s.data(), static_cast<rapidjson::SizeType>(s.size()));
}

// One "key": value member per call; the overload picks how the value is written.
void Field(Writer& w, const char* key, const std::string& value) {
  w.Key(key);
  String(w, value);
}

void Field(Writer& w, const char* key, int64_t value) {
  w.Key(key);
  w.Int64(value);
}

// nullopt -> null.
void Field(Writer& w, const char* key, const std::optional<std::string>& value) {
  w.Key(key);
  if (value) {
    String(w, *value);
  } else {
    w.Null();
  }
}

// For the fields whose "absent" is an empty string in memory: "" -> null.
void NullIfEmptyField(Writer& w, const char* key, const std::string& value) {
  Field(w, key, value.empty() ? std::nullopt : std::optional<std::string>(value));
}

void Field(Writer& w, const char* key, const std::vector<std::string>& list) {
  w.Key(key);
  w.StartArray();
  for (const auto& s : list) String(w, s);
  w.EndArray();
}

// [[begin, end], ...]
void Field(Writer& w, const char* key, const std::vector<Span>& spans) {
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
// Reading. Each getter names the field path ("statements[2].start") in its error.

using Value = rapidjson::Value;

class Reader {
 public:
  // A member that must be present.
  const Value* Required(const Value& obj, const char* key, const std::string& path) {
    if (!error_.empty()) return nullptr;
    auto it = obj.FindMember(key);
    if (it == obj.MemberEnd()) {
      Fail(Join(path, key) + ": missing");
      return nullptr;
    }
    return &it->value;
  }
  // A member that may be absent (nullptr then).
  const Value* Optional(const Value& obj, const char* key) {
    if (!error_.empty()) return nullptr;
    auto it = obj.FindMember(key);
    return it == obj.MemberEnd() ? nullptr : &it->value;
  }

  void GetString(const Value* v, const std::string& path, std::string* out) {
    if (v == nullptr || !error_.empty()) return;
    if (!v->IsString()) return Fail(path + ": expected a string");
    out->assign(v->GetString(), v->GetStringLength());
  }
  // String or null; null (or absent) -> nullopt.
  void GetOptString(const Value* v, const std::string& path, std::optional<std::string>* out) {
    out->reset();
    if (v == nullptr || !error_.empty() || v->IsNull()) return;
    if (!v->IsString()) return Fail(path + ": expected a string or null");
    *out = std::string(v->GetString(), v->GetStringLength());
  }
  // String or null; null (or absent) -> "".
  void GetNullableString(const Value* v, const std::string& path, std::string* out) {
    std::optional<std::string> s;
    GetOptString(v, path, &s);
    *out = s ? std::move(*s) : std::string();
  }
  void GetInt(const Value* v, const std::string& path, int64_t* out) {
    if (v == nullptr || !error_.empty()) return;
    if (!v->IsInt64()) return Fail(path + ": expected an integer");
    *out = v->GetInt64();
  }
  void GetStrings(const Value* v, const std::string& path, std::vector<std::string>* out) {
    out->clear();
    if (v == nullptr || !error_.empty()) return;
    if (!v->IsArray()) return Fail(path + ": expected an array of strings");
    for (rapidjson::SizeType i = 0; i < v->Size(); ++i) {
      const Value& item = (*v)[i];
      if (!item.IsString()) return Fail(path + "[" + std::to_string(i) + "]: expected a string");
      out->emplace_back(item.GetString(), item.GetStringLength());
    }
  }
  void GetSpans(const Value* v, const std::string& path, std::vector<Span>* out) {
    out->clear();
    if (v == nullptr || !error_.empty()) return;
    if (v->IsNull()) return;
    if (!v->IsArray()) return Fail(path + ": expected an array of [start, end] pairs");
    for (rapidjson::SizeType i = 0; i < v->Size(); ++i) {
      Span span;
      GetSpan((*v)[i], path + "[" + std::to_string(i) + "]", &span);
      if (!error_.empty()) return;
      out->push_back(span);
    }
  }
  void GetSpan(const Value& v, const std::string& path, Span* out) {
    if (!v.IsArray() || v.Size() != 2 || !v[0].IsInt64() || !v[1].IsInt64()) {
      return Fail(path + ": expected [start, end] with two integers");
    }
    out->begin = v[0].GetInt64();
    out->end = v[1].GetInt64();
    CheckSpan(*out, path);
  }
  void CheckSpan(const Span& s, const std::string& path) {
    if (!error_.empty()) return;
    if (s.begin < 0 || s.end < s.begin) {
      Fail(path + ": bad span [" + std::to_string(s.begin) + ", " + std::to_string(s.end) +
           "] (need 0 <= start <= end)");
    }
  }
  // An array of objects; calls `each(object, path)` for each.
  template <typename F>
  void ForEachObject(const Value* v, const std::string& path, F each) {
    if (v == nullptr || !error_.empty()) return;
    if (!v->IsArray()) return Fail(path + ": expected an array");
    for (rapidjson::SizeType i = 0; i < v->Size() && error_.empty(); ++i) {
      std::string item_path = path + "[" + std::to_string(i) + "]";
      if (!(*v)[i].IsObject()) return Fail(item_path + ": expected an object");
      each((*v)[i], item_path);
    }
  }
  const Value* Object(const Value* v, const std::string& path) {
    if (v == nullptr || !error_.empty()) return nullptr;
    if (!v->IsObject()) {
      Fail(path + ": expected an object");
      return nullptr;
    }
    return v;
  }

  static std::string Join(const std::string& path, const char* key) {
    return path.empty() ? std::string(key) : path + "." + key;
  }
  void Fail(std::string msg) {
    if (error_.empty()) error_ = std::move(msg);
  }
  const std::string& error() const { return error_; }

 private:
  std::string error_;
};

void ReadStatement(Reader& r, const Value& o, const std::string& p, Statement* s) {
  auto J = [&](const char* k) { return Reader::Join(p, k); };
  r.GetString(r.Required(o, "id", p), J("id"), &s->id);
  r.GetInt(r.Required(o, "start", p), J("start"), &s->content.begin);
  r.GetInt(r.Required(o, "end", p), J("end"), &s->content.end);
  r.CheckSpan(s->content, J("start") + "/end");
  r.GetSpans(r.Optional(o, "content_spans"), J("content_spans"), &s->content_spans);
  r.GetString(r.Optional(o, "type"), J("type"), &s->type);
  r.GetOptString(r.Optional(o, "speaker"), J("speaker"), &s->speaker);
  r.GetNullableString(r.Optional(o, "speaker_id"), J("speaker_id"), &s->speaker_entity);
  r.GetSpans(r.Optional(o, "speaker_spans"), J("speaker_spans"), &s->speaker_spans);
  r.GetString(r.Optional(o, "cue"), J("cue"), &s->cue);
  r.GetSpans(r.Optional(o, "cue_spans"), J("cue_spans"), &s->cue_spans);
  r.GetOptString(r.Optional(o, "date"), J("date"), &s->date);
  r.GetNullableString(r.Optional(o, "reported_by"), J("reported_by"), &s->reported_by);
  r.GetString(r.Optional(o, "text"), J("text"), &s->text);
  r.GetString(r.Optional(o, "speech_act"), J("speech_act"), &s->speech_act);
}

void ReadEntity(Reader& r, const Value& o, const std::string& p, Entity* e) {
  auto J = [&](const char* k) { return Reader::Join(p, k); };
  r.GetString(r.Required(o, "id", p), J("id"), &e->id);
  r.GetString(r.Required(o, "type", p), J("type"), &e->type);
  r.GetString(r.Required(o, "name", p), J("name"), &e->name);
  r.GetStrings(r.Optional(o, "aliases"), J("aliases"), &e->aliases);
  r.GetStrings(r.Optional(o, "descriptions"), J("descriptions"), &e->descriptions);
  r.GetStrings(r.Optional(o, "roles"), J("roles"), &e->roles);
  r.GetNullableString(r.Optional(o, "country"), J("country"), &e->country);
  r.GetSpans(r.Optional(o, "mentions"), J("mentions"), &e->mentions);
}

void ReadEvent(Reader& r, const Value& o, const std::string& p, Event* e) {
  auto J = [&](const char* k) { return Reader::Join(p, k); };
  r.GetString(r.Required(o, "id", p), J("id"), &e->id);
  r.GetString(r.Optional(o, "type"), J("type"), &e->type);
  r.GetString(r.Optional(o, "name"), J("name"), &e->name);
  r.GetStrings(r.Optional(o, "participants"), J("participants"), &e->participants);
  r.GetOptString(r.Optional(o, "date"), J("date"), &e->date);
  r.GetSpans(r.Optional(o, "mentions"), J("mentions"), &e->mentions);
}

}  // namespace

std::string ExtractionToJson(const Extraction& x, bool include_text) {
  rapidjson::StringBuffer buf;
  Writer w(buf);
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
  return std::string(buf.GetString(), buf.GetSize());
}

Result<Extraction> ExtractionFromJson(std::string_view line) {
  rapidjson::Document doc;
  doc.Parse<rapidjson::kParseValidateEncodingFlag | rapidjson::kParseIterativeFlag>(line.data(), line.size());
  if (doc.HasParseError()) {
    return Status::InvalidArgument(std::string("extraction: not JSON: ") +
                                   rapidjson::GetParseError_En(doc.GetParseError()) + " (at byte " +
                                   std::to_string(doc.GetErrorOffset()) + ")");
  }
  if (!doc.IsObject()) return Status::InvalidArgument("extraction: not a JSON object");
  Extraction x;
  Reader r;
  r.GetString(r.Required(doc, "id", ""), "id", &x.id);
  if (r.error().empty() && x.id.empty()) r.Fail("id: empty");
  r.GetString(r.Optional(doc, "text"), "text", &x.text);
  if (const Value* a = r.Object(r.Optional(doc, "article"), "article")) {
    r.GetString(r.Optional(*a, "title"), "article.title", &x.article.title);
    r.GetOptString(r.Optional(*a, "published"), "article.published", &x.article.published);
    r.GetStrings(r.Optional(*a, "warnings"), "article.warnings", &x.article.warnings);
    r.GetStrings(r.Optional(*a, "outlets"), "article.outlets", &x.article.outlets);
  }
  r.ForEachObject(r.Optional(doc, "statements"), "statements",
                  [&](const Value& o, const std::string& p) {
                    ReadStatement(r, o, p, &x.statements.emplace_back());
                  });
  r.ForEachObject(r.Optional(doc, "entities"), "entities",
                  [&](const Value& o, const std::string& p) {
                    ReadEntity(r, o, p, &x.entities.emplace_back());
                  });
  r.ForEachObject(r.Optional(doc, "events"), "events", [&](const Value& o, const std::string& p) {
    ReadEvent(r, o, p, &x.events.emplace_back());
  });
  r.ForEachObject(r.Optional(doc, "relations"), "relations",
                  [&](const Value& o, const std::string& p) {
                    Relation& rel = x.relations.emplace_back();
                    r.GetString(r.Required(o, "type", p), p + ".type", &rel.type);
                    r.GetString(r.Required(o, "source", p), p + ".source", &rel.source);
                    r.GetString(r.Required(o, "target", p), p + ".target", &rel.target);
                  });
  r.GetString(r.Optional(doc, "content_hash"), "content_hash", &x.content_hash);
  r.GetString(r.Optional(doc, "extractor_version"), "extractor_version", &x.extractor_version);
  if (!r.error().empty()) {
    std::string where = x.id.empty() ? "extraction" : "extraction \"" + x.id + "\"";
    return Status::InvalidArgument(where + ": " + r.error());
  }
  return x;
}

}  // namespace parley::extractors
