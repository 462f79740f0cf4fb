#include "api/json_write.h"

#include "api/utf8.h"

namespace parley::api {

using Writer = JsonWriter;

void Str(Writer& w, std::string_view s) {
  if (IsValidUtf8(s)) {
    w.String(s.data(), static_cast<rapidjson::SizeType>(s.size()));
  } else {
    std::string fixed = ToValidUtf8(s);
    w.String(fixed.data(), static_cast<rapidjson::SizeType>(fixed.size()));
  }
}

void Ascii(Writer& w, std::string_view s) {
  w.String(s.data(), static_cast<rapidjson::SizeType>(s.size()));
}

void Id(Writer& w, NodeId id) {
  static constexpr char kHex[] = "0123456789abcdef";
  char hex[16];
  uint64_t v = id.value();
  for (int i = 15; i >= 0; --i, v >>= 4) hex[i] = kHex[v & 0xf];
  w.String(hex, 16);
}

void Key(Writer& w, std::string_view k) {
  w.Key(k.data(), static_cast<rapidjson::SizeType>(k.size()));
}

void OptStr(Writer& w, const std::optional<std::string>& s) {
  if (s) {
    Str(w, *s);
  } else {
    w.Null();
  }
}

void StrArray(Writer& w, const std::vector<std::string>& items) {
  w.StartArray();
  for (const auto& s : items) Str(w, s);
  w.EndArray();
}

// An id written as 16 hex digits, or null when it is invalid (0).
void IdOrNull(Writer& w, NodeId id) {
  if (id.valid()) {
    Id(w, id);
  } else {
    w.Null();
  }
}
namespace {

// The fields every view of an entity opens with: id, type, name, aliases.
void WriteEntityHead(Writer& w, const store::EntityRecord& e) {
  Key(w, "id");
  Id(w, e.id);
  Key(w, "type");
  Str(w, e.type);
  Key(w, "name");
  Str(w, e.name);
  Key(w, "aliases");
  StrArray(w, e.aliases);
}

}  // namespace

void WriteEntitySummary(Writer& w, const store::EntityRecord& e) {
  w.StartObject();
  WriteEntityHead(w, e);
  Key(w, "statement_count");
  w.Uint(e.statement_count);
  w.EndObject();
}

void WriteEntity(Writer& w, const store::EntityRecord& e) {
  w.StartObject();
  WriteEntityHead(w, e);
  Key(w, "roles");
  StrArray(w, e.roles);
  Key(w, "country");
  if (e.country.empty()) {
    w.Null();
  } else {
    Str(w, e.country);
  }
  Key(w, "gender");
  if (e.gender.empty()) {
    w.Null();
  } else {
    Str(w, e.gender);
  }
  Key(w, "article_count");
  w.Uint(e.article_count);
  Key(w, "statement_count");
  w.Uint(e.statement_count);
  w.EndObject();
}

void WriteStatement(Writer& w, const store::StatementRecord& s,
                    const std::function<void(JsonWriter&)>& extra) {
  w.StartObject();
  Key(w, "id");
  Id(w, s.id);
  Key(w, "local_id");
  Str(w, s.local_id);
  Key(w, "text");
  Str(w, s.text);
  Key(w, "type");
  Str(w, s.type);
  Key(w, "cue");
  Str(w, s.cue);
  Key(w, "speech_act");
  Str(w, s.speech_act);
  Key(w, "polarity");
  Str(w, s.negative ? "negative" : "positive");
  Key(w, "hedged");
  w.Bool(s.hedged);
  Key(w, "speaker");
  if (s.speaker_id.valid() || !s.speaker_name.empty()) {
    w.StartObject();
    Key(w, "id");
    IdOrNull(w, s.speaker_id);
    Key(w, "name");
    Str(w, s.speaker_name);
    w.EndObject();
  } else {
    w.Null();
  }
  Key(w, "date");
  OptStr(w, s.date);
  Key(w, "article");
  w.StartObject();
  Key(w, "id");
  IdOrNull(w, s.article_id);
  Key(w, "external_id");
  Str(w, s.article_external_id);
  Key(w, "title");
  Str(w, s.article_title);
  Key(w, "published");
  OptStr(w, s.published);
  w.EndObject();
  Key(w, "start");
  w.Int64(s.content.begin);
  Key(w, "end");
  w.Int64(s.content.end);
  Key(w, "reported_by");
  IdOrNull(w, s.reported_by);
  if (extra) extra(w);
  w.EndObject();
}

void WriteArticle(Writer& w, const store::ArticleRecord& a) {
  w.StartObject();
  Key(w, "id");
  Id(w, a.id);
  Key(w, "external_id");
  Str(w, a.external_id);
  Key(w, "title");
  Str(w, a.title);
  Key(w, "published");
  OptStr(w, a.published);
  Key(w, "outlets");
  StrArray(w, a.outlets);
  Key(w, "warnings");
  StrArray(w, a.warnings);
  Key(w, "content_hash");
  Str(w, a.content_hash);
  Key(w, "extractor_version");
  Str(w, a.extractor_version);
  Key(w, "statement_count");
  w.Uint(a.statement_count);
  w.EndObject();
}

}  // namespace parley::api
