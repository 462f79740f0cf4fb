// The REST API end to end: a real HttpServer on a free loopback port, over a real
// RocksDB store in a temporary folder holding two hand-built articles, queried by a
// real (tiny) HTTP client. Responses are parsed with rapidjson.
#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "api/handlers.h"
#include "api/http_server.h"
#include "graph/core/extraction.h"
#include "graph/core/ids.h"
#include "graph/store/store.h"
#include "tests/api/http_client.h"
#include "tests/api/served_store.h"

namespace parley::api {
namespace {

using testing::Get;
using testing::HttpResult;
using testing::Send;
using testing::SendRaw;

// Code-point span of the first `needle` in ASCII `text`.
Span SpanOf(const std::string& text, const std::string& needle) {
  size_t at = text.find(needle);
  EXPECT_NE(at, std::string::npos) << needle;
  return Span{static_cast<int64_t>(at), static_cast<int64_t>(at + needle.size())};
}

Statement MakeStatement(const std::string& text, std::string id, std::string content,
                        std::string type, std::string speaker_entity,
                        std::optional<std::string> speaker, std::string cue,
                        std::optional<std::string> date) {
  Statement s;
  s.id = std::move(id);
  s.content = SpanOf(text, content);
  s.text = content;
  s.type = std::move(type);
  s.speaker = std::move(speaker);
  s.speaker_entity = std::move(speaker_entity);
  s.cue = cue;
  s.cue_spans = {SpanOf(text, cue)};
  s.speech_act = "assert";
  s.date = std::move(date);
  return s;
}

Entity MakeEntity(std::string id, std::string type, std::string name,
                  std::vector<std::string> aliases, std::vector<std::string> roles,
                  std::string country) {
  Entity e;
  e.id = std::move(id);
  e.type = std::move(type);
  e.name = std::move(name);
  e.aliases = std::move(aliases);
  e.roles = std::move(roles);
  e.country = std::move(country);
  return e;
}

// Peskov speaks twice in each article; Putin once in the first; one statement of the
// second article has no resolved speaker.
Extraction FirstArticle() {
  Extraction x;
  x.id = "api-test-summit";
  x.text =
      "Kremlin spokesman Dmitry Peskov said on Friday that the summit is still possible. "
      "\"There is no date yet,\" Peskov told reporters. Vladimir Putin said talks would "
      "continue.";
  x.content_hash = "00000000000000a1";
  x.extractor_version = "test-1";
  x.article.title = "Peskov: summit still possible";
  x.article.published = "2025-10-24";
  x.article.outlets = {"MENAFN"};
  x.entities = {MakeEntity("e1", "person", "Dmitry Peskov", {"Peskov", "Kremlin spokesman"},
                           {"Kremlin spokesperson"}, "RU"),
                MakeEntity("e2", "person", "Vladimir Putin", {"Putin"}, {"President"}, "RU"),
                MakeEntity("e3", "country", "Russia", {}, {}, "RU")};
  x.entities[0].mentions = {SpanOf(x.text, "Dmitry Peskov")};
  x.entities[0].gender = "male";
  x.statements = {
      MakeStatement(x.text, "s1", "the summit is still possible", "indirect", "e1", "Dmitry Peskov",
                    "said", "2025-10-24"),
      MakeStatement(x.text, "s2", "There is no date yet,", "direct", "e1", "Dmitry Peskov", "told",
                    "2025-10-24"),
      MakeStatement(x.text, "s3", "talks would continue", "indirect", "e2", "Vladimir Putin",
                    "said", "2025-10-23"),
  };
  return x;
}

Extraction SecondArticle() {
  Extraction x;
  x.id = "api-test-dialogue";
  x.text =
      "\"We are ready for dialogue,\" Peskov said on Sunday. A day earlier he had said that "
      "sanctions would not change the course. Observers said nothing had changed.";
  x.content_hash = "00000000000000a2";
  x.extractor_version = "test-1";
  x.article.title = "Kremlin ready for dialogue";
  x.article.published = "2025-10-26";
  x.entities = {MakeEntity("e1", "person", "Dmitry Peskov", {"Peskov"}, {}, "RU"),
                MakeEntity("e2", "country", "Russia", {}, {}, "RU")};
  x.statements = {
      MakeStatement(x.text, "s1", "We are ready for dialogue,", "direct", "e1", "Dmitry Peskov",
                    "said", "2025-10-26"),
      MakeStatement(x.text, "s2", "sanctions would not change the course", "indirect", "e1",
                    "Dmitry Peskov", "had said", "2025-10-25"),
      MakeStatement(x.text, "s3", "nothing had changed", "indirect", "", std::nullopt,
                    "Observers said", std::nullopt),
  };
  x.statements[2].cue_spans = {SpanOf(x.text, "said nothing")};
  x.statements[2].cue = "said";
  // flags as an extractor sets them, carried through the store to the API
  x.statements[1].negative = true;
  x.statements[1].hedged = true;
  return x;
}

rapidjson::Document Json(const HttpResult& r) {
  rapidjson::Document doc;
  doc.Parse(r.body.c_str(), r.body.size());
  EXPECT_FALSE(doc.HasParseError()) << "not JSON: " << r.body;
  return doc;
}

std::string Str(const rapidjson::Value& v, const char* key) {
  if (!v.IsObject() || !v.HasMember(key) || !v[key].IsString())
    return "<missing " + std::string(key) + ">";
  return v[key].GetString();
}

class ApiTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    served_ = new testing::ServedStore();
    ASSERT_TRUE(served_->Open("parley_api_test").ok());
    Status put = served_->Put({FirstArticle(), SecondArticle()});
    ASSERT_TRUE(put.ok()) << put.ToString();
    ServerOptions options = testing::ServedStore::DefaultServer();
    options.max_body_bytes = 64 * 1024;
    auto port = served_->Serve(ApiOptions{}, options);
    ASSERT_TRUE(port.ok()) << port.status().ToString();
  }

  static void TearDownTestSuite() {
    delete served_;
    served_ = nullptr;
  }

  void SetUp() override {
    ASSERT_TRUE(served_ != nullptr && served_->servers() == 1) << "server did not start";
  }

  static uint16_t port() { return served_->port(); }

  // The id of the first entity found for `q`.
  static std::string EntityIdFor(const std::string& encoded_q) {
    HttpResult r = Get(port(), "/v1/entities?q=" + encoded_q);
    EXPECT_EQ(r.status, 200) << r.body;
    rapidjson::Document doc = Json(r);
    if (!doc.IsObject() || !doc["items"].IsArray() || doc["items"].Empty()) return "";
    return Str(doc["items"][0], "id");
  }

  // Asserts a JSON error with `status`, `code` and, if given, `parameter`.
  static void ExpectError(const HttpResult& r, int status, const std::string& code,
                          const std::string& parameter = "") {
    ASSERT_TRUE(r.ok()) << r.error;
    EXPECT_EQ(r.status, status) << r.body;
    EXPECT_NE(r.headers.count("content-type"), 0u);
    if (r.headers.count("content-type")) {
      EXPECT_EQ(r.headers.at("content-type").rfind("application/json", 0), 0u);
    }
    rapidjson::Document doc = Json(r);
    ASSERT_TRUE(doc.IsObject() && doc.HasMember("error") && doc["error"].IsObject()) << r.body;
    EXPECT_EQ(Str(doc["error"], "code"), code) << r.body;
    EXPECT_NE(Str(doc["error"], "message"), "") << r.body;
    if (!parameter.empty()) {
      EXPECT_EQ(Str(doc["error"], "parameter"), parameter) << r.body;
    }
  }

  static testing::ServedStore* served_;
};

testing::ServedStore* ApiTest::served_ = nullptr;

TEST_F(ApiTest, HealthReportsCountsOfTheStore) {
  HttpResult r = Get(port(), "/v1/health");
  ASSERT_TRUE(r.ok()) << r.error;
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.headers["content-type"].rfind("application/json", 0), 0u);
  rapidjson::Document doc = Json(r);
  EXPECT_EQ(Str(doc, "status"), "ok");
  EXPECT_NE(Str(doc, "version"), "");
  ASSERT_TRUE(doc["counts"].IsObject()) << r.body;
  EXPECT_EQ(doc["counts"]["articles"].GetUint64(), 2u);
  EXPECT_EQ(doc["counts"]["statements"].GetUint64(), 6u);
  EXPECT_EQ(doc["counts"]["entities"].GetUint64(), 3u);  // Peskov and Russia are shared
}

TEST_F(ApiTest, EntitySearchFindsBySurnameAndFullNamePercentEncoded) {
  for (std::string q : {"Peskov", "peskov", "Dmitry%20Peskov", "dmitry+peskov", "Dmitry%20Pesk",
                        "%44mitry%20%50eskov"}) {
    HttpResult r = Get(port(), "/v1/entities?q=" + q);
    ASSERT_EQ(r.status, 200) << q << ": " << r.body;
    rapidjson::Document doc = Json(r);
    ASSERT_TRUE(doc["items"].IsArray()) << r.body;
    ASSERT_FALSE(doc["items"].Empty()) << q << ": " << r.body;
    const rapidjson::Value& first = doc["items"][0];
    EXPECT_EQ(Str(first, "name"), "Dmitry Peskov") << q;
    EXPECT_EQ(Str(first, "type"), "person");
    EXPECT_EQ(first["statement_count"].GetUint(), 4u);
    EXPECT_EQ(Str(first, "id"), EntityNodeId(NodeKind::kPerson, "Dmitry Peskov").ToHex());
    ASSERT_TRUE(first["aliases"].IsArray());
    std::set<std::string> aliases;
    for (const auto& a : first["aliases"].GetArray()) aliases.insert(a.GetString());
    EXPECT_TRUE(aliases.count("Peskov")) << r.body;
  }
}

TEST_F(ApiTest, EntitySearchHonoursLimitAndFindsNothingForAStranger) {
  HttpResult r = Get(port(), "/v1/entities?q=Putin&limit=1");
  ASSERT_EQ(r.status, 200) << r.body;
  rapidjson::Document doc = Json(r);
  ASSERT_EQ(doc["items"].Size(), 1u) << r.body;
  EXPECT_EQ(Str(doc["items"][0], "name"), "Vladimir Putin");

  r = Get(port(), "/v1/entities?q=Zelensky");
  ASSERT_EQ(r.status, 200) << r.body;
  doc = Json(r);
  ASSERT_TRUE(doc["items"].IsArray());
  EXPECT_TRUE(doc["items"].Empty()) << r.body;
}

TEST_F(ApiTest, EntityByIdReturnsTheWholeRecord) {
  std::string id = EntityIdFor("Peskov");
  ASSERT_EQ(id.size(), 16u);
  HttpResult r = Get(port(), "/v1/entities/" + id);
  ASSERT_EQ(r.status, 200) << r.body;
  rapidjson::Document doc = Json(r);
  EXPECT_EQ(Str(doc, "id"), id);
  EXPECT_EQ(Str(doc, "name"), "Dmitry Peskov");
  EXPECT_EQ(Str(doc, "type"), "person");
  EXPECT_EQ(Str(doc, "country"), "RU");
  EXPECT_EQ(Str(doc, "gender"), "male");
  {
    HttpResult putin = Get(port(), "/v1/entities/" + EntityIdFor("Putin"));
    ASSERT_EQ(putin.status, 200) << putin.body;
    rapidjson::Document p = Json(putin);
    ASSERT_TRUE(p.HasMember("gender")) << putin.body;
    EXPECT_TRUE(p["gender"].IsNull()) << putin.body;  // no article told
  }
  ASSERT_TRUE(doc["roles"].IsArray());
  ASSERT_FALSE(doc["roles"].Empty()) << r.body;
  EXPECT_EQ(std::string(doc["roles"][0].GetString()), "Kremlin spokesperson");
  EXPECT_EQ(doc["statement_count"].GetUint(), 4u);
  EXPECT_EQ(doc["article_count"].GetUint(), 2u);

  // Upper-case hex names the same entity.
  std::string upper = id;
  for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  r = Get(port(), "/v1/entities/" + upper);
  EXPECT_EQ(r.status, 200) << r.body;
}

TEST_F(ApiTest, UnknownIdsAreJson404s) {
  HttpResult r = Get(port(), "/v1/entities/00000000000000ab");
  ExpectError(r, 404, "not_found");
  EXPECT_NE(r.body.find("no entity 00000000000000ab"), std::string::npos) << r.body;
  ExpectError(Get(port(), "/v1/statements/00000000000000ab"), 404, "not_found");
  ExpectError(Get(port(), "/v1/articles/00000000000000ab"), 404, "not_found");
  ExpectError(Get(port(), "/v1/statements?speaker=00000000000000ab"), 404, "not_found", "speaker");
}

TEST_F(ApiTest, StatementsBySpeakerPageWithLimitAndCursor) {
  std::string speaker = EntityIdFor("Peskov");
  ASSERT_FALSE(speaker.empty());

  // All at once: newest utterance first.
  HttpResult r = Get(port(), "/v1/statements?speaker=" + speaker);
  ASSERT_EQ(r.status, 200) << r.body;
  rapidjson::Document all = Json(r);
  ASSERT_EQ(all["items"].Size(), 4u) << r.body;
  EXPECT_TRUE(all["next_cursor"].IsNull()) << r.body;
  std::vector<std::string> expected_ids;
  std::vector<std::string> dates;
  for (const auto& s : all["items"].GetArray()) {
    expected_ids.push_back(Str(s, "id"));
    dates.push_back(Str(s, "date"));
    EXPECT_EQ(Str(s["speaker"], "id"), speaker);
    EXPECT_EQ(Str(s["speaker"], "name"), "Dmitry Peskov");
  }
  EXPECT_EQ(dates,
            (std::vector<std::string>{"2025-10-26", "2025-10-25", "2025-10-24", "2025-10-24"}));
  const rapidjson::Value& newest = all["items"][0];
  EXPECT_EQ(Str(newest, "text"), "We are ready for dialogue,");
  EXPECT_EQ(Str(newest, "type"), "direct");
  EXPECT_EQ(Str(newest, "cue"), "said");
  EXPECT_EQ(Str(newest, "speech_act"), "assert");
  EXPECT_EQ(Str(newest, "polarity"), "positive");
  ASSERT_TRUE(newest.HasMember("hedged") && newest["hedged"].IsBool()) << r.body;
  EXPECT_FALSE(newest["hedged"].GetBool());
  const rapidjson::Value& flagged = all["items"][1];
  EXPECT_EQ(Str(flagged, "text"), "sanctions would not change the course");
  EXPECT_EQ(Str(flagged, "polarity"), "negative");
  EXPECT_TRUE(flagged["hedged"].GetBool());
  EXPECT_EQ(Str(newest["article"], "title"), "Kremlin ready for dialogue");
  EXPECT_EQ(Str(newest["article"], "published"), "2025-10-26");
  EXPECT_EQ(Str(newest["article"], "id"), ArticleNodeId("api-test-dialogue").ToHex());
  EXPECT_EQ(newest["start"].GetInt64(), 1);
  EXPECT_EQ(newest["end"].GetInt64(), 27);

  // Pages of 3 then 1, and of 1 each: the same statements in the same order.
  for (int limit : {1, 3}) {
    std::vector<std::string> seen;
    std::string cursor;
    int pages = 0;
    for (; pages < 10; ++pages) {
      std::string target = "/v1/statements?speaker=" + speaker + "&limit=" + std::to_string(limit);
      if (!cursor.empty()) target += "&cursor=" + cursor;  // cursors are URL-safe
      HttpResult page = Get(port(), target);
      ASSERT_EQ(page.status, 200) << target << ": " << page.body;
      rapidjson::Document doc = Json(page);
      ASSERT_LE(doc["items"].Size(), static_cast<unsigned>(limit));
      for (const auto& s : doc["items"].GetArray()) seen.push_back(Str(s, "id"));
      if (doc["next_cursor"].IsNull()) break;
      ASSERT_TRUE(doc["next_cursor"].IsString()) << page.body;
      cursor = doc["next_cursor"].GetString();
      ASSERT_FALSE(cursor.empty());
    }
    EXPECT_EQ(seen, expected_ids) << "limit " << limit;
    EXPECT_EQ(pages + 1, (4 + limit - 1) / limit) << "limit " << limit;
  }
}

TEST_F(ApiTest, StatementsAndTimelinesFilterOnPolarityAndHedging) {
  const std::string speaker = EntityIdFor("Peskov");
  ASSERT_FALSE(speaker.empty());
  HttpResult r = Get(port(), "/v1/statements?speaker=" + speaker);
  ASSERT_EQ(r.status, 200) << r.body;
  rapidjson::Document all = Json(r);
  // What each filter must keep, read off the unfiltered list (newest first).
  std::map<std::string, std::vector<std::string>> expected;
  for (const auto& s : all["items"].GetArray()) {
    const std::string polarity = Str(s, "polarity");
    const bool hedged = s["hedged"].GetBool();
    expected["polarity=" + polarity].push_back(Str(s, "id"));
    expected[std::string("hedged=") + (hedged ? "true" : "false")].push_back(Str(s, "id"));
    if (polarity == "positive" && !hedged)
      expected["polarity=positive&hedged=false"].push_back(Str(s, "id"));
    if (polarity == "negative" && hedged)
      expected["polarity=negative&hedged=true"].push_back(Str(s, "id"));
  }
  // The fixture holds both kinds, so each filter drops something.
  ASSERT_EQ(expected["polarity=negative"].size(), 1u) << r.body;
  ASSERT_EQ(expected["polarity=positive"].size(), 3u) << r.body;
  ASSERT_EQ(expected["hedged=true"].size(), 1u) << r.body;
  for (const char* filter : {"polarity=negative", "polarity=positive", "hedged=true",
                             "hedged=false", "polarity=positive&hedged=false",
                             "polarity=negative&hedged=true"}) {
    // Whole, then in pages of one: the same statements in the same order.
    for (int limit : {50, 1}) {
      std::vector<std::string> seen;
      std::string cursor;
      for (int pages = 0; pages < 10; ++pages) {
        std::string target = "/v1/statements?speaker=" + speaker + "&" + filter +
                             "&limit=" + std::to_string(limit);
        if (!cursor.empty()) target += "&cursor=" + cursor;
        HttpResult page = Get(port(), target);
        ASSERT_EQ(page.status, 200) << target << ": " << page.body;
        rapidjson::Document doc = Json(page);
        for (const auto& s : doc["items"].GetArray()) seen.push_back(Str(s, "id"));
        if (doc["next_cursor"].IsNull()) break;
        cursor = doc["next_cursor"].GetString();
      }
      EXPECT_EQ(seen, expected[filter]) << filter << ", limit " << limit;
    }
  }

  // A timeline keeps the same, says which filter made it, and its CSV carries the act.
  r = Get(port(), "/v1/timeline?speaker=" + speaker + "&polarity=negative&hedged=true");
  ASSERT_EQ(r.status, 200) << r.body;
  rapidjson::Document timeline = Json(r);
  EXPECT_EQ(Str(timeline, "polarity"), "negative");
  EXPECT_TRUE(timeline["hedged"].GetBool());
  ASSERT_EQ(timeline["items"].Size(), 1u) << r.body;
  EXPECT_EQ(Str(timeline["items"][0], "id"), expected["polarity=negative&hedged=true"][0]);
  r = Get(port(), "/v1/timeline?speaker=" + speaker + "&polarity=negative&hedged=true&format=md");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_NE(r.body.find("\nNegative, hedged statements (1)\n"), std::string::npos) << r.body;
  EXPECT_NE(r.body.find("; negative; hedged |"), std::string::npos) << r.body;
  r = Get(port(), "/v1/timeline?speaker=" + speaker + "&polarity=negative&format=csv");
  ASSERT_EQ(r.status, 200) << r.body;
  const std::string header = r.body.substr(0, r.body.find("\r\n"));
  EXPECT_TRUE(header.ends_with(",statement_id,polarity,hedged")) << header;
  EXPECT_NE(r.body.find(",negative,true\r\n"), std::string::npos) << r.body;
  EXPECT_EQ(std::count(r.body.begin(), r.body.end(), '\n'), 2) << r.body;

  ExpectError(Get(port(), "/v1/statements?polarity=maybe"), 400, "invalid_argument", "polarity");
  ExpectError(Get(port(), "/v1/statements?hedged=1"), 400, "invalid_argument", "hedged");
  ExpectError(Get(port(), "/v1/timeline?speaker=" + speaker + "&polarity=Negative"), 400,
              "invalid_argument", "polarity");
}

TEST_F(ApiTest, StatementAndArticleById) {
  std::string id = StatementNodeId("api-test-summit", "s3").ToHex();
  HttpResult r = Get(port(), "/v1/statements/" + id);
  ASSERT_EQ(r.status, 200) << r.body;
  rapidjson::Document doc = Json(r);
  EXPECT_EQ(Str(doc, "id"), id);
  EXPECT_EQ(Str(doc, "text"), "talks would continue");
  EXPECT_EQ(Str(doc["speaker"], "name"), "Vladimir Putin");
  EXPECT_EQ(Str(doc, "date"), "2025-10-23");
  std::string article_id = Str(doc["article"], "id");
  EXPECT_EQ(article_id, ArticleNodeId("api-test-summit").ToHex());

  // A statement with no resolved speaker says so with null, not an empty object.
  r = Get(port(), "/v1/statements/" + StatementNodeId("api-test-dialogue", "s3").ToHex());
  ASSERT_EQ(r.status, 200) << r.body;
  doc = Json(r);
  EXPECT_TRUE(doc["speaker"].IsNull()) << r.body;
  EXPECT_TRUE(doc["date"].IsNull()) << r.body;

  r = Get(port(), "/v1/articles/" + article_id);
  ASSERT_EQ(r.status, 200) << r.body;
  doc = Json(r);
  EXPECT_EQ(Str(doc, "id"), article_id);
  EXPECT_EQ(Str(doc, "external_id"), "api-test-summit");
  EXPECT_EQ(Str(doc, "title"), "Peskov: summit still possible");
  EXPECT_EQ(Str(doc, "published"), "2025-10-24");
  EXPECT_EQ(doc["statement_count"].GetUint(), 3u);
  ASSERT_TRUE(doc["outlets"].IsArray() && doc["outlets"].Size() == 1u) << r.body;
  EXPECT_EQ(std::string(doc["outlets"][0].GetString()), "MENAFN");
}

TEST_F(ApiTest, BadParametersAre400sNamingTheParameter) {
  std::string speaker = EntityIdFor("Peskov");
  std::string base = "/v1/statements?speaker=" + speaker;
  for (std::string bad : {"0", "1001", "abc", "-1", "", "1e3", "99999999999999999999", "%31x"}) {
    HttpResult r = Get(port(), base + "&limit=" + bad);
    SCOPED_TRACE("limit=" + bad);
    ExpectError(r, 400, "invalid_argument", "limit");
    EXPECT_NE(r.body.find("limit must be an integer from 1 to 1000"), std::string::npos);
  }
  for (std::string bad : {"garbage", "AAAAAAAAAAAAAAAAAAAAAAAA", "%00", "x%20y"}) {
    SCOPED_TRACE("cursor=" + bad);
    ExpectError(Get(port(), base + "&cursor=" + bad), 400, "invalid_argument", "cursor");
  }
  for (std::string bad :
       {"xyz", "", "00000000000000000", "0000000000000000", "zzzzzzzzzzzzzzzz", "%30%30"}) {
    SCOPED_TRACE("speaker=" + bad);
    ExpectError(Get(port(), "/v1/statements?speaker=" + bad), 400, "invalid_argument", "speaker");
  }
  // Every filter of /v1/statements is optional (tests/api/statements_api_test.cc).
  EXPECT_EQ(Get(port(), "/v1/statements").status, 200);
  ExpectError(Get(port(), base + "&limit=2&limit=3"), 400, "invalid_argument", "limit");
  ExpectError(Get(port(), base + "&limt=2"), 400, "invalid_argument", "limt");
  ExpectError(Get(port(), "/v1/entities"), 400, "invalid_argument", "q");
  ExpectError(Get(port(), "/v1/entities?q="), 400, "invalid_argument", "q");
  ExpectError(Get(port(), "/v1/entities?q=+++"), 400, "invalid_argument", "q");
  ExpectError(Get(port(), "/v1/entities?q=Peskov&limit=0"), 400, "invalid_argument", "limit");
  ExpectError(Get(port(), "/v1/entities/not-a-hex-id"), 400, "invalid_argument", "id");
  ExpectError(Get(port(), "/v1/articles/0123"), 400, "invalid_argument", "id");
}

TEST_F(ApiTest, UnknownPathsAre404sAndOtherMethods405s) {
  for (std::string path :
       std::vector<std::string>{"/", "/v1", "/v1/", "/v2/health", "/v1/nope", "/v1/health/x",
                                "/v1/entities//x", "/v1/entities/" + std::string(16, 'a') + "/x"}) {
    SCOPED_TRACE(path);
    ExpectError(Get(port(), path), 404, "not_found");
  }
  HttpResult r = Send(port(), "POST", "/v1/health", "{}");
  ExpectError(r, 405, "method_not_allowed");
  EXPECT_EQ(r.headers["allow"], "GET");
  // /v1/articles is the ingest endpoint: POST only.
  r = Get(port(), "/v1/articles");
  ExpectError(r, 405, "method_not_allowed");
  EXPECT_EQ(r.headers["allow"], "POST");
  ExpectError(Send(port(), "DELETE", "/v1/entities/00000000000000ab", ""), 405,
              "method_not_allowed");
}

TEST_F(ApiTest, HostileInputsGet4xxJsonAndTheServerKeepsAnswering) {
  std::string long_q(201, 'a');
  ExpectError(Get(port(), "/v1/entities?q=" + long_q), 400, "invalid_argument", "q");
  std::string very_long_q(8000, 'b');
  HttpResult r = Get(port(), "/v1/entities?q=" + very_long_q);
  ASSERT_TRUE(r.ok()) << r.error;
  EXPECT_GE(r.status, 400);
  EXPECT_LT(r.status, 500);
  // 200 code points of Cyrillic are 400 bytes: within the limit.
  std::string cyrillic;
  for (int i = 0; i < 200; ++i) cyrillic += "%D0%96";
  r = Get(port(), "/v1/entities?q=" + cyrillic);
  EXPECT_EQ(r.status, 200) << r.body;

  ExpectError(Get(port(), "/v1/entities?q=%00"), 400, "invalid_argument", "q");
  ExpectError(Get(port(), "/v1/entities?q=Pes%00kov"), 400, "invalid_argument", "q");
  ExpectError(Get(port(), "/v1/entities?q=%ff%fe"), 400, "invalid_argument", "q");
  ExpectError(Get(port(), "/v1/entities?q=%zz"), 400, "invalid_argument");
  ExpectError(Get(port(), "/v1/entities?q=abc%"), 400, "invalid_argument");
  ExpectError(Get(port(), "/v1/entities?q=abc%4"), 400, "invalid_argument");
  // cpprestsdk refuses a path with a bad escape itself, before our handler: 400, no JSON.
  r = Get(port(), "/v1/entities/%zz");
  ASSERT_TRUE(r.ok()) << r.error;
  EXPECT_EQ(r.status, 400);
  ExpectError(Get(port(), "/v1/entities/%00%00%00%00%00%00%00%00%00%00%00%00%00%00%00%00"), 400,
              "invalid_argument", "id");
  ExpectError(Get(port(), "/v1/entities/g123456789abcdef"), 400, "invalid_argument", "id");
  ExpectError(Get(port(), "/v1/entities/-123456789abcdef"), 400, "invalid_argument", "id");
  // An encoded slash makes new path segments: no such endpoint.
  ExpectError(Get(port(), "/v1/entities/%2e%2e%2f%2e%2e%2fetc"), 404, "not_found");

  // A declared body over the limit is refused with 413 before it is kept.
  r = Send(port(), "GET", "/v1/health", std::string(256 * 1024, 'x'));
  ExpectError(r, 413, "too_large");
  r = SendRaw(port(),
              "GET /v1/health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
              "Content-Length: 99999999999\r\n\r\nxyz",
              /*timeout_seconds=*/1);
  // cpprestsdk may wait for the declared body; either it answers 413 or the
  // connection times out: what matters is that the server still answers below.
  if (r.ok()) {
    ExpectError(r, 413, "too_large");
  }

  // Not HTTP at all.
  r = SendRaw(port(), "\x01\x02garbage\r\n\r\n", /*timeout_seconds=*/2);
  if (r.ok()) {
    EXPECT_GE(r.status, 400);
  }

  r = Get(port(), "/v1/health");
  ASSERT_TRUE(r.ok()) << r.error;
  EXPECT_EQ(r.status, 200) << r.body;
}

TEST_F(ApiTest, ConcurrentClientsAllGetAnswers) {
  std::string speaker = EntityIdFor("Peskov");
  std::atomic<int> good{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 25; ++i) {
        std::string target = (i + t) % 2 ? "/v1/entities?q=Peskov"
                                         : "/v1/statements?speaker=" + speaker + "&limit=2";
        HttpResult r = Get(port(), target);
        if (r.ok() && r.status == 200) ++good;
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(good.load(), 100);
}

TEST(HttpServerTest, StartsOnAFreePortAndStopsCleanly) {
  auto store = store::NewMemoryStore();
  Api api(*store);
  ServerOptions options;
  options.port = 0;
  auto a = HttpServer::Start(api, options);
  ASSERT_TRUE(a.ok()) << a.status().ToString();
  auto b = HttpServer::Start(api, options);
  ASSERT_TRUE(b.ok()) << b.status().ToString();
  EXPECT_NE((*a)->port(), (*b)->port());
  EXPECT_EQ(Get((*a)->port(), "/v1/health").status, 200);
  EXPECT_EQ((*a)->base_url(), "http://127.0.0.1:" + std::to_string((*a)->port()));

  // A port in use is Unavailable, not a crash.
  ServerOptions taken = options;
  taken.port = (*a)->port();
  auto c = HttpServer::Start(api, taken);
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.status().code(), Status::Code::kUnavailable) << c.status().ToString();
  EXPECT_EQ(Get((*a)->port(), "/v1/health").status, 200) << "the clash broke server a";

  // So is a port held by someone else (a plain socket here, another process in life).
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  ASSERT_GE(fd, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ASSERT_EQ(bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)), 0);
  ASSERT_EQ(listen(fd, 1), 0);
  socklen_t len = sizeof(addr);
  ASSERT_EQ(getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len), 0);
  taken.port = ntohs(addr.sin_port);
  c = HttpServer::Start(api, taken);
  close(fd);
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.status().code(), Status::Code::kUnavailable) << c.status().ToString();
  EXPECT_EQ(Get((*a)->port(), "/v1/health").status, 200);

  // Wait() returns once another thread stops the server.
  uint16_t port = (*b)->port();
  std::thread stopper([&] { (*b)->Stop(); });
  (*b)->Wait();
  stopper.join();
  // cpprestsdk keeps the port open while server a runs, but the API is gone.
  HttpResult after = Get(port, "/v1/health");
  EXPECT_TRUE(!after.ok() || after.status == 404) << after.status << " " << after.body;
  (*b)->Stop();  // idempotent
  EXPECT_EQ(Get((*a)->port(), "/v1/health").status, 200);
}

TEST(HttpServerTest, RejectsBadOptions) {
  auto store = store::NewMemoryStore();
  Api api(*store);
  ServerOptions options;
  options.port = 0;
  options.host = "";
  EXPECT_EQ(HttpServer::Start(api, options).status().code(), Status::Code::kInvalidArgument);
  options.host = "127.0.0.1";
  options.timeout_seconds = 0;
  EXPECT_EQ(HttpServer::Start(api, options).status().code(), Status::Code::kInvalidArgument);
  options.timeout_seconds = 10;
  for (std::string bad : {"example.org", "https://a.example/path", "https://a.example, *", ""}) {
    options.cors_origins = {bad};
    EXPECT_EQ(HttpServer::Start(api, options).status().code(), Status::Code::kInvalidArgument)
        << bad;
  }
}

TEST(HttpServerTest, CorsIsOffUnlessOriginsAreConfigured) {
  auto store = store::NewMemoryStore();
  Api api(*store);
  ServerOptions options;
  options.port = 0;
  auto off = HttpServer::Start(api, options);
  ASSERT_TRUE(off.ok()) << off.status().ToString();
  options.cors_origins = {"https://ok.example", "http://127.0.0.1:3000"};
  auto on = HttpServer::Start(api, options);
  ASSERT_TRUE(on.ok()) << on.status().ToString();

  auto get = [](uint16_t port, const std::string& origin) {
    return SendRaw(port,
                   "GET /v1/health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
                   "Origin: " +
                       origin + "\r\n\r\n");
  };
  auto preflight = [](uint16_t port, const std::string& origin) {
    return SendRaw(port,
                   "OPTIONS /v1/articles HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
                   "Origin: " +
                       origin +
                       "\r\nAccess-Control-Request-Method: POST\r\n"
                       "Access-Control-Request-Headers: authorization\r\n\r\n");
  };
  // Off: no CORS header for anyone, and OPTIONS is just a method the API lacks.
  HttpResult r = get((*off)->port(), "https://ok.example");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.headers.count("access-control-allow-origin"), 0u);
  EXPECT_EQ(preflight((*off)->port(), "https://ok.example").status, 405);

  // On: a listed origin is echoed (with Vary), another gets nothing.
  r = get((*on)->port(), "https://ok.example");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.headers["access-control-allow-origin"], "https://ok.example");
  EXPECT_EQ(r.headers["vary"], "Origin");
  r = get((*on)->port(), "https://evil.example");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.headers.count("access-control-allow-origin"), 0u);
  r = preflight((*on)->port(), "http://127.0.0.1:3000");
  EXPECT_EQ(r.status, 204);
  EXPECT_EQ(r.headers["access-control-allow-origin"], "http://127.0.0.1:3000");
  EXPECT_NE(r.headers["access-control-allow-headers"].find("Authorization"), std::string::npos);
  EXPECT_NE(r.headers["access-control-allow-methods"].find("POST"), std::string::npos);
  EXPECT_EQ(preflight((*on)->port(), "https://evil.example").status, 405);
  // TRACE is not echoed back by the library.
  r = SendRaw((*on)->port(),
              "TRACE /v1/health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
  EXPECT_EQ(r.status, 405) << r.body;
}

TEST(ShutdownSignalTest, WaitReturnsTheSignalThatArrived) {
  ASSERT_TRUE(InstallShutdownSignalHandlers().ok());
  ASSERT_TRUE(InstallShutdownSignalHandlers().ok());  // idempotent
  std::thread sender([] {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    kill(getpid(), SIGTERM);  // would end the process without the handler
  });
  EXPECT_EQ(WaitForShutdownSignal(), SIGTERM);
  sender.join();
  // A signal that came before the wait is not lost.
  kill(getpid(), SIGINT);
  EXPECT_EQ(WaitForShutdownSignal(), SIGINT);
}

TEST(PickFreePortTest, ReturnsABindablePort) {
  auto port = PickFreePort();
  ASSERT_TRUE(port.ok()) << port.status().ToString();
  EXPECT_GT(*port, 0);
  EXPECT_FALSE(PickFreePort("no-such-host.invalid").ok());
}

}  // namespace
}  // namespace parley::api
