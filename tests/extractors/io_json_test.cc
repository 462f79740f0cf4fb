// Tests of extractors/extraction_json.cc: the exact FORMAT.md shape, round trips,
// and errors that name the field at fault.
#include <gtest/gtest.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <string>
#include <vector>

#include "extractors/extraction_json.h"

namespace parley::extractors {
namespace {

// Field-by-field equality, so a field the codec forgets both ways is still caught.
void ExpectSame(const Extraction& a, const Extraction& b) {
  EXPECT_EQ(a.id, b.id);
  EXPECT_EQ(a.text, b.text);
  EXPECT_EQ(a.content_hash, b.content_hash);
  EXPECT_EQ(a.extractor_version, b.extractor_version);
  EXPECT_EQ(a.article.title, b.article.title);
  EXPECT_EQ(a.article.published, b.article.published);
  EXPECT_EQ(a.article.warnings, b.article.warnings);
  EXPECT_EQ(a.article.outlets, b.article.outlets);
  ASSERT_EQ(a.statements.size(), b.statements.size());
  for (size_t i = 0; i < a.statements.size(); ++i) {
    const Statement& x = a.statements[i];
    const Statement& y = b.statements[i];
    SCOPED_TRACE("statement " + x.id);
    EXPECT_EQ(x.id, y.id);
    EXPECT_EQ(x.content, y.content);
    EXPECT_EQ(x.content_spans, y.content_spans);
    EXPECT_EQ(x.text, y.text);
    EXPECT_EQ(x.type, y.type);
    EXPECT_EQ(x.speaker, y.speaker);
    EXPECT_EQ(x.speaker_entity, y.speaker_entity);
    EXPECT_EQ(x.speaker_spans, y.speaker_spans);
    EXPECT_EQ(x.cue, y.cue);
    EXPECT_EQ(x.cue_spans, y.cue_spans);
    EXPECT_EQ(x.speech_act, y.speech_act);
    EXPECT_EQ(x.negative, y.negative);
    EXPECT_EQ(x.hedged, y.hedged);
    EXPECT_EQ(x.date, y.date);
    EXPECT_EQ(x.reported_by, y.reported_by);
  }
  ASSERT_EQ(a.entities.size(), b.entities.size());
  for (size_t i = 0; i < a.entities.size(); ++i) {
    const Entity& x = a.entities[i];
    const Entity& y = b.entities[i];
    SCOPED_TRACE("entity " + x.id);
    EXPECT_EQ(x.id, y.id);
    EXPECT_EQ(x.type, y.type);
    EXPECT_EQ(x.name, y.name);
    EXPECT_EQ(x.aliases, y.aliases);
    EXPECT_EQ(x.roles, y.roles);
    EXPECT_EQ(x.country, y.country);
    EXPECT_EQ(x.gender, y.gender);
    EXPECT_EQ(x.mentions, y.mentions);
  }
  ASSERT_EQ(a.events.size(), b.events.size());
  for (size_t i = 0; i < a.events.size(); ++i) {
    const Event& x = a.events[i];
    const Event& y = b.events[i];
    SCOPED_TRACE("event " + x.id);
    EXPECT_EQ(x.id, y.id);
    EXPECT_EQ(x.type, y.type);
    EXPECT_EQ(x.name, y.name);
    EXPECT_EQ(x.participants, y.participants);
    EXPECT_EQ(x.date, y.date);
    EXPECT_EQ(x.mentions, y.mentions);
  }
  ASSERT_EQ(a.relations.size(), b.relations.size());
  for (size_t i = 0; i < a.relations.size(); ++i) {
    EXPECT_EQ(a.relations[i].type, b.relations[i].type);
    EXPECT_EQ(a.relations[i].source, b.relations[i].source);
    EXPECT_EQ(a.relations[i].target, b.relations[i].target);
  }
}

Extraction Sample() {
  Extraction x;
  x.id = "menafn-peskov-summit";
  x.text = "\"Yes,\" he said \xE2\x80\x94 Peskov.\n\tTab and \\ backslash, \x01 control.";
  x.content_hash = "00c0ffee00c0ffee";
  x.extractor_version = "parley-rules-0.1";
  x.article.title = "Putin, Trump Still Open To Meeting: Russia";
  x.article.published = "2025-10-25";
  x.article.warnings = {"header date 2024-01-02 contradicts the id's date 2025-10-25"};
  x.article.outlets = {"MENAFN", "AzerNews", "TRT World"};

  Statement s1;
  s1.id = "s1";
  s1.content = {1, 4};
  s1.text = "Yes";
  s1.type = "direct";
  s1.speaker = "Dmitry Peskov";
  s1.speaker_entity = "e1";
  s1.speaker_spans = {{9, 11}};
  s1.cue = "said";
  s1.cue_spans = {{12, 16}};
  s1.speech_act = "assert";
  s1.date = "2025-10-24";
  Statement s2;  // an unresolved, interrupted, nested statement with no date
  s2.id = "s2";
  s2.content = {100, 290};
  s2.content_spans = {{100, 200}, {215, 290}};
  s2.text = "first piece second piece";
  s2.type = "mixed";
  s2.cue = "according to";
  s2.reported_by = "s1";
  s2.negative = true;  // a denial, hedged ("may have denied")
  s2.hedged = true;
  x.statements = {s1, s2};

  Entity e1;
  e1.id = "e1";
  e1.type = "person";
  e1.name = "Dmitry Peskov";
  e1.aliases = {"Peskov", "the spokesman"};
  e1.roles = {"Kremlin spokesperson"};
  e1.country = "RU";
  e1.gender = "male";
  e1.mentions = {{9, 11}, {20, 26}};
  Entity e2;
  e2.id = "e2";
  e2.type = "organization";
  e2.name = "NATO";
  x.entities = {e1, e2};

  Event v1;
  v1.id = "v1";
  v1.type = "meeting";
  v1.name = "Putin-Trump summit";
  v1.participants = {"e3", "e4"};
  v1.date = "2025-11-01";
  v1.mentions = {{40, 46}};
  Event v2;
  v2.id = "v2";
  v2.type = "sanctions";
  x.events = {v1, v2};

  x.relations = {{"responded_to", "s2", "s1"}, {"proposed", "e1", "v1"}};
  return x;
}

TEST(ExtractionJsonTest, WritesTheFormatShapeExactly) {
  Extraction x;
  x.id = "d1";
  x.text = "He said \"no\".";
  x.content_hash = "0123456789abcdef";
  x.extractor_version = "v";
  x.article.title = "T";
  Statement s;
  s.id = "s1";
  s.content = {9, 11};
  s.text = "no";
  s.type = "direct";
  s.cue = "said";
  s.cue_spans = {{3, 7}};
  s.speaker_spans = {{0, 2}};
  s.speech_act = "assert";
  x.statements = {s};
  Entity e;
  e.id = "e1";
  e.type = "country";
  e.name = "Russia";
  e.country = "RU";
  x.entities = {e};
  Event v;
  v.id = "v1";
  v.type = "meeting";
  v.name = "summit";
  x.events = {v};
  x.relations = {{"mentions", "s1", "e1"}};
  EXPECT_EQ(
      ExtractionToJson(x),
      "{\"id\":\"d1\",\"text\":\"He said \\\"no\\\".\","
      "\"article\":{\"title\":\"T\",\"published\":null,\"warnings\":[],\"outlets\":[]},"
      "\"statements\":[{\"id\":\"s1\",\"start\":9,\"end\":11,\"content_spans\":[],"
      "\"type\":\"direct\",\"speaker\":null,\"speaker_spans\":[[0,2]],\"cue\":\"said\","
      "\"cue_spans\":[[3,7]],\"date\":null,\"reported_by\":null,\"text\":\"no\","
      "\"speech_act\":\"assert\",\"polarity\":\"positive\",\"hedged\":false}],"
      "\"entities\":[{\"id\":\"e1\",\"type\":\"country\",\"name\":\"Russia\",\"aliases\":[],"
      "\"roles\":[],\"country\":\"RU\",\"mentions\":[]}],"
      "\"events\":[{\"id\":\"v1\",\"type\":\"meeting\",\"name\":\"summit\",\"participants\":[],"
      "\"date\":null,\"mentions\":[]}],"
      "\"relations\":[{\"type\":\"mentions\",\"source\":\"s1\",\"target\":\"e1\"}],"
      "\"content_hash\":\"0123456789abcdef\",\"extractor_version\":\"v\"}");
}

TEST(ExtractionJsonTest, RoundTripsEveryField) {
  const Extraction x = Sample();
  std::string line = ExtractionToJson(x);
  EXPECT_EQ(line.find('\n'), std::string::npos) << "one line";
  auto back = ExtractionFromJson(line);
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  ExpectSame(x, *back);
  EXPECT_EQ(ExtractionToJson(*back), line);
}

TEST(ExtractionJsonTest, RoundTripsAnEmptyExtraction) {
  Extraction x;
  x.id = "empty";
  auto back = ExtractionFromJson(ExtractionToJson(x));
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  ExpectSame(x, *back);
}

TEST(ExtractionJsonTest, WritesSpeakerIdOnlyWhenResolvedAndNullsForAbsentOptionals) {
  const std::string line = ExtractionToJson(Sample());
  EXPECT_NE(line.find("\"speaker\":\"Dmitry Peskov\",\"speaker_id\":\"e1\","), std::string::npos);
  EXPECT_NE(line.find("\"speaker\":null,\"speaker_spans\":[]"),
            std::string::npos);  // s2: no speaker_id
  EXPECT_NE(line.find("\"date\":null,\"reported_by\":\"s1\""), std::string::npos);
  EXPECT_NE(line.find("\"country\":null"), std::string::npos);  // e2
  EXPECT_NE(line.find("\"content_spans\":[[100,200],[215,290]]"), std::string::npos);
  EXPECT_NE(line.find("\\u0001 control"), std::string::npos);  // control bytes escaped
  EXPECT_NE(line.find("\xE2\x80\x94"), std::string::npos);     // UTF-8 kept as is
}

// The writer is our own (it copies the runs between escapes eight bytes a step);
// its strings must stay byte for byte what rapidjson's Writer made of them, which
// earlier outputs were written with.
std::string RapidjsonString(const std::string& s) {
  rapidjson::StringBuffer buf;
  rapidjson::Writer<rapidjson::StringBuffer> w(buf);
  w.String(s.data(), static_cast<rapidjson::SizeType>(s.size()));
  return std::string(buf.GetString(), buf.GetSize());
}

TEST(ExtractionJsonTest, EscapesStringsExactlyAsRapidjsonDid) {
  std::vector<std::string> texts;
  std::string every_byte;
  for (int c = 0; c < 256; ++c) every_byte += static_cast<char>(c);
  texts.push_back(every_byte);
  // each escaped byte at every offset of an eight-byte step, between plain runs
  for (char special : {'"', '\\', '\n', '\x01', '\x1f', '\0'}) {
    for (size_t at = 0; at < 20; ++at) {
      std::string t(20, 'a');
      t[at] = special;
      texts.push_back(t);
      texts.push_back(t + "\xE2\x80\x94 plain \xC3\xA9");
    }
  }
  texts.push_back("");
  texts.push_back("\x7f\x80\xff~ [0x20 and up are copied]");
  for (const std::string& t : texts) {
    Extraction x;
    x.id = "d";
    x.text = t;
    x.article.title = t;
    const std::string line = ExtractionToJson(x);
    const std::string want = RapidjsonString(t);
    const std::string fields = "\"text\":" + want + ",\"article\":{\"title\":" + want + ",";
    EXPECT_NE(line.find(fields), std::string::npos) << "want " << want << " in " << line;
  }
}

TEST(ExtractionJsonTest, OmitsTheTextWhenAsked) {
  const Extraction x = Sample();
  std::string line = ExtractionToJson(x, /*include_text=*/false);
  EXPECT_EQ(line.rfind("{\"id\":\"menafn-peskov-summit\",\"article\":", 0), 0u) << line;
  auto back = ExtractionFromJson(line);
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(back->text, "");
  EXPECT_EQ(back->statements[0].text, "Yes");  // statement texts stay
}

TEST(ExtractionJsonTest, ReadsTheMinimalFormatOfAnotherWriter) {
  // Only what FORMAT.md requires; every other field takes its default.
  auto x = ExtractionFromJson(
      R"({"id": "doc", "statements": [{"id": "s1", "start": 3, "end": 8, "type": "indirect",
          "speaker": "Peskov", "speaker_spans": [[0, 2]], "cue": "said", "cue_spans": [[9, 13]],
          "date": null, "reported_by": null}]})");
  ASSERT_TRUE(x.ok()) << x.status().ToString();
  EXPECT_EQ(x->id, "doc");
  ASSERT_EQ(x->statements.size(), 1u);
  EXPECT_EQ(x->statements[0].content, (Span{3, 8}));
  EXPECT_EQ(x->statements[0].speaker, std::optional<std::string>("Peskov"));
  EXPECT_EQ(x->statements[0].speaker_entity, "");
  EXPECT_EQ(x->statements[0].reported_by, "");
  EXPECT_FALSE(x->statements[0].negative);  // no "polarity": positive
  EXPECT_FALSE(x->statements[0].hedged);
  EXPECT_TRUE(x->entities.empty());
  EXPECT_EQ(x->article.published, std::nullopt);
}

TEST(ExtractionJsonTest, ErrorsNameTheFieldAtFault) {
  struct Case {
    std::string json;
    std::string message;
  };
  const std::vector<Case> cases = {
      {"", "extraction: not JSON: The document is empty. (at byte 0)"},
      {"{\"id\": \"d\",}", "extraction: not JSON: Missing a name for object member. (at byte 11)"},
      {"[]", "extraction: not a JSON object"},
      {"{\"statements\": []}", "extraction: id: missing"},
      {"{\"id\": 7}", "extraction: id: expected a string"},
      {"{\"id\": \"\"}", "extraction: id: empty"},
      {R"({"id": "d", "article": []})", "extraction \"d\": article: expected an object"},
      {R"({"id": "d", "article": {"published": 2025}})",
       "extraction \"d\": article.published: expected a string or null"},
      {R"({"id": "d", "article": {"outlets": ["A", 1]}})",
       "extraction \"d\": article.outlets[1]: expected a string"},
      {R"({"id": "d", "statements": {}})", "extraction \"d\": statements: expected an array"},
      {R"({"id": "d", "statements": [{"id": "s1", "start": 0, "end": 1}, {"id": "s2", "start": "3", "end": 4}]})",
       "extraction \"d\": statements[1].start: expected an integer"},
      {R"({"id": "d", "statements": [{"id": "s1", "start": 0}]})",
       "extraction \"d\": statements[0].end: missing"},
      {R"({"id": "d", "statements": [{"id": "s1", "start": 9, "end": 4}]})",
       "extraction \"d\": statements[0].start/end: bad span [9, 4] (need 0 <= start <= end)"},
      {R"({"id": "d", "statements": [{"id": "s1", "start": 0, "end": 4, "cue_spans": [[1, 2, 3]]}]})",
       "extraction \"d\": statements[0].cue_spans[0]: expected [start, end] with two integers"},
      {R"({"id": "d", "statements": [{"id": "s1", "start": 0, "end": 4, "speaker": 3}]})",
       "extraction \"d\": statements[0].speaker: expected a string or null"},
      {R"({"id": "d", "statements": [7]})", "extraction \"d\": statements[0]: expected an object"},
      {R"({"id": "d", "statements": [{"id": "s1", "start": 0, "end": 4, "polarity": "denied"}]})",
       "extraction \"d\": statements[0].polarity: expected \"positive\" or \"negative\""},
      {R"({"id": "d", "statements": [{"id": "s1", "start": 0, "end": 4, "hedged": 1}]})",
       "extraction \"d\": statements[0].hedged: expected true or false"},
      {R"({"id": "d", "entities": [{"id": "e1", "type": "person"}]})",
       "extraction \"d\": entities[0].name: missing"},
      {R"({"id": "d", "entities": [{"id": "e1", "type": "person", "name": "A", "gender": "m"}]})",
       "extraction \"d\": entities[0].gender: expected \"male\", \"female\" or null"},
      {R"({"id": "d", "entities": [{"id": "e1", "type": "person", "name": "A", "mentions": [[0, 1], [5, -1]]}]})",
       "extraction \"d\": entities[0].mentions[1]: bad span [5, -1] (need 0 <= start <= end)"},
      {R"({"id": "d", "events": [{"id": "v1", "participants": "e1"}]})",
       "extraction \"d\": events[0].participants: expected an array of strings"},
      {R"({"id": "d", "relations": [{"type": "proposed", "source": "e1"}]})",
       "extraction \"d\": relations[0].target: missing"},
      {R"({"id": "d", "content_hash": 12})", "extraction \"d\": content_hash: expected a string"},
  };
  for (const auto& c : cases) {
    auto r = ExtractionFromJson(c.json);
    ASSERT_FALSE(r.ok()) << c.json;
    EXPECT_TRUE(r.status().IsInvalidArgument());
    EXPECT_EQ(r.status().message(), c.message) << c.json;
  }
}

TEST(ExtractionJsonTest, ALineStartingWithAByteOrderMarkIsRead) {
  // A JSONL file saved on Windows starts with U+FEFF; the line is the same extraction.
  auto plain = ExtractionFromJson(R"({"id": "d", "article": {"title": "T"}})");
  auto marked = ExtractionFromJson("\xEF\xBB\xBF" R"({"id": "d", "article": {"title": "T"}})");
  ASSERT_TRUE(plain.ok()) << plain.status().ToString();
  ASSERT_TRUE(marked.ok()) << marked.status().ToString();
  EXPECT_EQ(marked->id, "d");
  EXPECT_EQ(marked->article.title, "T");
  // A number no 64-bit value holds is refused, saying so, even in a field not read.
  auto huge = ExtractionFromJson(R"({"id": "d", "rank": 99999999999999999999})");
  ASSERT_FALSE(huge.ok());
  EXPECT_EQ(huge.status().message(), "extraction: not JSON: Problem while parsing a number");
}

}  // namespace
}  // namespace parley::extractors
