// GET /v1/timeline end to end: a real HttpServer over a real RocksDB store holding
// three articles (tests/api/timeline_data.h), queried by the socket client in each
// format. The CSV is read back by Python's csv module, the JSON by rapidjson.
#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "api/handlers.h"
#include "api/http_server.h"
#include "graph/store/store.h"
#include "tests/api/http_client.h"
#include "tests/api/served_store.h"
#include "tests/api/timeline_data.h"

namespace parley::api {
namespace {

namespace fs = std::filesystem;
using testing::Get;
using testing::HttpResult;

rapidjson::Document Json(const std::string& body) {
  rapidjson::Document doc;
  doc.Parse(body.c_str(), body.size());
  EXPECT_FALSE(doc.HasParseError()) << "not JSON: " << body;
  return doc;
}

std::string S(const rapidjson::Value& v) { return v.IsString() ? v.GetString() : "<not a string>"; }

class TimelineApiTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    served_ = new testing::ServedStore();
    ASSERT_TRUE(served_->Open("parley_timeline_test").ok());
    Status put = served_->Put(testing::TimelineArticles());
    ASSERT_TRUE(put.ok()) << put.ToString();
    auto found = served_->store().FindEntities("Dmitry Peskov", 1);
    ASSERT_TRUE(found.ok() && found->size() == 1);
    peskov_ = new std::string((*found)[0].id.ToHex());
    auto port = served_->Serve(ApiOptions{});
    ASSERT_TRUE(port.ok()) << port.status().ToString();
  }

  static void TearDownTestSuite() {
    delete served_;
    delete peskov_;
    served_ = nullptr, peskov_ = nullptr;
  }

  void SetUp() override {
    ASSERT_TRUE(served_ != nullptr && served_->servers() == 1) << "server did not start";
  }

  static HttpResult Timeline(const std::string& query) {
    return Get(served_->port(), "/v1/timeline?speaker=" + *peskov_ + query);
  }

  static void ExpectError(const HttpResult& r, int status, const std::string& parameter,
                          const std::string& message_part = "") {
    ASSERT_TRUE(r.ok()) << r.error;
    EXPECT_EQ(r.status, status) << r.body;
    EXPECT_EQ(r.headers.count("content-type")
                  ? r.headers.at("content-type").rfind("application/json", 0)
                  : std::string::npos,
              0u);
    rapidjson::Document doc = Json(r.body);
    ASSERT_TRUE(doc.IsObject() && doc.HasMember("error")) << r.body;
    if (!parameter.empty()) {
      EXPECT_EQ(S(doc["error"]["parameter"]), parameter) << r.body;
    }
    if (!message_part.empty()) {
      EXPECT_NE(S(doc["error"]["message"]).find(message_part), std::string::npos) << r.body;
    }
  }

  static testing::ServedStore* served_;
  static std::string* peskov_;
};

testing::ServedStore* TimelineApiTest::served_ = nullptr;
std::string* TimelineApiTest::peskov_ = nullptr;

// "said date or (published)" of each item, in order.
std::vector<std::string> Dates(const rapidjson::Document& doc) {
  std::vector<std::string> dates;
  for (const auto& item : doc["items"].GetArray()) {
    if (item["date"].IsString()) {
      dates.push_back(item["date"].GetString());
    } else if (item["article"]["published"].IsString()) {
      dates.push_back(std::string("(") + item["article"]["published"].GetString() + ")");
    } else {
      dates.push_back("undated");
    }
  }
  return dates;
}

TEST_F(TimelineApiTest, JsonListsEveryStatementOfTheSpeakerOldestFirst) {
  HttpResult r = Timeline("");
  ASSERT_TRUE(r.ok()) << r.error;
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.headers["content-type"], "application/json; charset=utf-8");
  EXPECT_EQ(r.headers.count("x-parley-truncated"), 0u);
  rapidjson::Document doc = Json(r.body);
  EXPECT_EQ(S(doc["speaker"]["name"]), "Dmitry Peskov");
  EXPECT_EQ(doc["count"].GetUint(), 6u);
  EXPECT_FALSE(doc["truncated"].GetBool());
  EXPECT_TRUE(doc["from"].IsNull());
  // Two statements sit at 2025-10-24: the one said then and the undated one published then.
  EXPECT_EQ(Dates(doc), (std::vector<std::string>{"2025-10-20", "2025-10-24", "(2025-10-24)",
                                                  "2025-11-03", "(2025-11-05)", "undated"}));
  EXPECT_EQ(S(doc["items"][1]["text"]), testing::kTimelineHostileText);
}

TEST_F(TimelineApiTest, WindowFiltersByUtteranceDateElsePublicationDate) {
  HttpResult r = Timeline("&from=2025-10-21&to=2025-11-04");
  ASSERT_EQ(r.status, 200) << r.body;
  rapidjson::Document doc = Json(r.body);
  EXPECT_EQ(Dates(doc), (std::vector<std::string>{"2025-10-24", "(2025-10-24)", "2025-11-03"}));
  EXPECT_EQ(S(doc["from"]), "2025-10-21");
  EXPECT_EQ(S(doc["to"]), "2025-11-04");

  // Bounds are inclusive, and one bound alone works.
  r = Timeline("&from=2025-11-05");
  doc = Json(r.body);
  EXPECT_EQ(Dates(doc), (std::vector<std::string>{"(2025-11-05)"}));
  r = Timeline("&to=2025-10-20");
  doc = Json(r.body);
  EXPECT_EQ(Dates(doc), (std::vector<std::string>{"2025-10-20"}));
  r = Timeline("&from=2026-01-01");
  doc = Json(r.body);
  EXPECT_EQ(doc["count"].GetUint(), 0u);
}

TEST_F(TimelineApiTest, LimitKeepsTheNewestAndSaysItCut) {
  HttpResult r = Timeline("&limit=2");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.headers["x-parley-truncated"], "true");
  rapidjson::Document doc = Json(r.body);
  EXPECT_TRUE(doc["truncated"].GetBool());
  // The store's order is newest utterance date first, undated last.
  EXPECT_EQ(Dates(doc), (std::vector<std::string>{"2025-10-24", "2025-11-03"}));
  // Exactly as many as match: not cut.
  r = Timeline("&limit=3&from=2025-10-21&to=2025-11-04");
  EXPECT_EQ(r.headers.count("x-parley-truncated"), 0u);
  EXPECT_FALSE(Json(r.body)["truncated"].GetBool());
}

TEST_F(TimelineApiTest, CsvIsReadBackByPythonsCsvModule) {
  HttpResult r = Timeline("&format=csv");
  ASSERT_TRUE(r.ok()) << r.error;
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.headers["content-type"], "text/csv; charset=utf-8");
  EXPECT_NE(r.headers["content-disposition"].find("timeline-" + *peskov_ + ".csv"),
            std::string::npos);
  std::string pattern = (fs::temp_directory_path() / "parley_timeline_csv_XXXXXX").string();
  ASSERT_NE(mkdtemp(pattern.data()), nullptr);
  fs::path path = fs::path(pattern) / "t.csv";
  std::ofstream(path, std::ios::binary) << r.body;
  testing::CommandResult py = testing::RunCommand(
      "/usr/bin/python3 -c 'import csv,json,sys; "
      "print(json.dumps(list(csv.DictReader(open(sys.argv[1], newline=\"\", encoding=\"utf-8\"), "
      "strict=True)), ensure_ascii=False))' " +
      path.string());
  fs::remove_all(pattern);
  ASSERT_EQ(py.exit_code, 0) << py.out;
  rapidjson::Document rows = Json(py.out);
  ASSERT_TRUE(rows.IsArray());
  ASSERT_EQ(rows.Size(), 6u) << r.body;
  EXPECT_EQ(S(rows[0]["said_date"]), "2025-10-20");
  EXPECT_EQ(S(rows[1]["text"]), testing::kTimelineHostileText);
  EXPECT_EQ(S(rows[1]["article_title"]), "Peskov, \"summit\" | Kremlin");
  EXPECT_EQ(S(rows[1]["outlets"]), "MENAFN; TASS");
  EXPECT_EQ(S(rows[1]["speaker_id"]), *peskov_);
  EXPECT_EQ(S(rows[2]["said_date"]), "");
  EXPECT_EQ(S(rows[2]["published_date"]), "2025-10-24");
  EXPECT_EQ(S(rows[3]["text"]), "first, line");
  EXPECT_EQ(S(rows[3]["outlets"]), "");
  EXPECT_EQ(S(rows[5]["article_external_id"]), "tl-c");
}

TEST_F(TimelineApiTest, MarkdownIsATableWithOneRowPerStatement) {
  HttpResult r = Timeline("&format=md&from=2025-10-01&to=2025-10-31");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.headers["content-type"], "text/markdown; charset=utf-8");
  std::stringstream ss(r.body);
  std::vector<std::string> rows;
  std::string heading;
  for (std::string line; std::getline(ss, line);) {
    if (heading.empty()) heading = line;
    if (!line.empty() && line[0] == '|') rows.push_back(line);
  }
  EXPECT_EQ(heading, "# Dmitry Peskov");
  ASSERT_EQ(rows.size(), 2u + 3u) << r.body;
  // The hostile row: its pipe is escaped and its line break is <br>, so it stays one row.
  EXPECT_NE(rows[3].find("\\| \\<b\\>\\&amp;\\</b\\> \\\\ Песков<br>next line"), std::string::npos)
      << rows[3];
  EXPECT_NE(r.body.find("Statements from 2025-10-01 to 2025-10-31 (3)"), std::string::npos)
      << r.body;
}

TEST_F(TimelineApiTest, TimelineJsLeavesOutTheUndatableAndCountsIt) {
  HttpResult r = Timeline("&format=timelinejs");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.headers["content-type"], "application/json; charset=utf-8");
  rapidjson::Document doc = Json(r.body);
  ASSERT_TRUE(doc.IsObject());
  EXPECT_EQ(S(doc["title"]["text"]["headline"]), "Dmitry Peskov");
  EXPECT_NE(S(doc["title"]["text"]["text"]).find("1 statement has no date"), std::string::npos);
  ASSERT_TRUE(doc["events"].IsArray());
  ASSERT_EQ(doc["events"].Size(), 5u);
  std::vector<std::string> days;
  for (const auto& e : doc["events"].GetArray()) {
    days.push_back(S(e["start_date"]["year"]) + "-" + S(e["start_date"]["month"]) + "-" +
                   S(e["start_date"]["day"]));
    EXPECT_EQ(S(e["group"]), "Dmitry Peskov");
    EXPECT_EQ(S(e["unique_id"]).rfind("s-", 0), 0u);
  }
  EXPECT_EQ(days, (std::vector<std::string>{"2025-10-20", "2025-10-24", "2025-10-24", "2025-11-3",
                                            "2025-11-5"}));
  EXPECT_EQ(S(doc["events"][1]["text"]["text"]).find("<b>"), std::string::npos);
}

TEST_F(TimelineApiTest, BadParametersAre400sNamingTheParameter) {
  ExpectError(Timeline("&format=xml"), 400, "format");
  ExpectError(Timeline("&format=csv&format=md"), 400, "format");
  ExpectError(Timeline("&from=2025-13-01"), 400, "from");
  ExpectError(Timeline("&from=2025-02-29"), 400, "from");
  ExpectError(Timeline("&from=2025-10"), 400, "from");
  ExpectError(Timeline("&to=yesterday"), 400, "to");
  ExpectError(Timeline("&from=2025-11-01&to=2025-10-01"), 400, "from", "after");
  ExpectError(Timeline("&limit=0"), 400, "limit");
  ExpectError(Timeline("&limit=10001"), 400, "limit");
  ExpectError(Timeline("&limit=ten"), 400, "limit");
  ExpectError(Timeline("&entity=nothex"), 400, "entity");
  ExpectError(Timeline("&entity=00000000000000ff"), 404, "entity");
  ExpectError(Timeline("&q=%2C%2C"), 400, "q", "holding a word");
  ExpectError(Timeline("&colour=red"), 400, "colour", "unknown parameter");
  uint16_t port = served_->port();
  ExpectError(Get(port, "/v1/timeline"), 400, "speaker", "give speaker=ID, entity=ID or q=WORDS");
  ExpectError(Get(port, "/v1/timeline?speaker=nothex"), 400, "speaker");
  ExpectError(Get(port, "/v1/timeline?speaker=00000000000000ff"), 404, "speaker");
  HttpResult r = Get(port, "/v1/timeline?speaker=" + *peskov_ + "&limit=10000");
  EXPECT_EQ(r.status, 200) << r.body;
}

TEST_F(TimelineApiTest, WordsAndSpeakerNarrowTheTimelineAndWordsAloneSearchEveryone) {
  uint16_t port = served_->port();
  auto texts = [&](const std::string& query) {
    HttpResult r = Get(port, "/v1/timeline?" + query);
    EXPECT_EQ(r.status, 200) << query << ": " << r.body;
    rapidjson::Document doc;
    doc.Parse(r.body.c_str(), r.body.size());
    std::vector<std::string> out;
    if (!doc.IsObject() || !doc.HasMember("items")) return out;
    for (const auto& s : doc["items"].GetArray()) out.push_back(S(s["text"]));
    return out;
  };
  // Whole words, any case; every word must be there.
  EXPECT_EQ(texts("speaker=" + *peskov_ + "&q=TALKS"), std::vector<std::string>{"talks go on"});
  EXPECT_EQ(texts("q=comment"), std::vector<std::string>{"no comment"});  // Putin's
  EXPECT_EQ(texts("q=no+comment"), std::vector<std::string>{"no comment"});
  EXPECT_EQ(texts("q=no+talks"), std::vector<std::string>{});
  EXPECT_EQ(texts("q=tal"), std::vector<std::string>{});
  // The window applies as for a speaker (utterance date, else publication).
  EXPECT_EQ(texts("q=first&from=2025-11-01"), std::vector<std::string>{"first, line"});
  EXPECT_EQ(texts("q=first&to=2025-10-31"), std::vector<std::string>{});
  HttpResult md = Get(port, "/v1/timeline?q=talks&format=md");
  EXPECT_EQ(md.status, 200);
  EXPECT_NE(md.body.find("\u201ctalks\u201d"), std::string::npos) << md.body;
}

TEST_F(TimelineApiTest, OpenApiDescriptionIsServed) {
  HttpResult r = Get(served_->port(), "/v1/openapi.json");
  ASSERT_TRUE(r.ok()) << r.error;
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.headers["content-type"].rfind("application/json", 0), 0u);
  EXPECT_EQ(r.body, std::string(OpenApiJson()));
  rapidjson::Document doc = Json(r.body);
  EXPECT_TRUE(doc.IsObject() && doc.HasMember("paths"));
}

}  // namespace
}  // namespace parley::api
