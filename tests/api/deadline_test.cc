// The deadline of graph requests (ApiOptions::traversal_deadline), end to end: real
// HttpServers on free loopback ports over one real RocksDB store in a temporary
// folder, its graph projection, queried by the socket client of
// tests/api/http_client.h. The deadline is forced deterministically: either 0 ms
// (passed at once) or a test budget of checks (graph::Deadline::AfterChecks) that
// passes part-way through a neighbourhood, whatever the machine's speed.
//
// The graph: one speaker, Dmitry Peskov, says kStatements statements, one article
// each, every article naming Vladimir Putin too, and Putin answers the first one. So
// Peskov's 1-hop neighbourhood is kNeighbours nodes: his statements and their articles.
#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "api/handlers.h"
#include "api/http_server.h"
#include "graph/core/extraction.h"
#include "graph/core/ids.h"
#include "graph/projection.h"
#include "graph/store/store.h"
#include "graph/traversal.h"
#include "tests/api/http_client.h"
#include "tests/api/served_store.h"
#include "tests/api/timeline_data.h"

namespace parley::api {
namespace {

using testing::Get;
using testing::HttpResult;

constexpr int kStatements = 120;
constexpr size_t kNeighbours = 2 * kStatements;

Extraction Article(int i) {
  Extraction x;
  x.id = "deadline-" + std::to_string(i);
  const std::string content = "the talks number " + std::to_string(i) + " went well";
  x.text = "Dmitry Peskov said " + content + " for Vladimir Putin.";
  char hash[17];
  std::snprintf(hash, sizeof hash, "%016x", 0xd000 + i);
  x.content_hash = hash;
  x.extractor_version = "test-1";
  x.article.title = "Talks " + std::to_string(i);
  x.article.published = "2025-10-20";
  x.entities = {testing::TimelinePerson("e1", "Dmitry Peskov", {}),
                testing::TimelinePerson("e2", "Vladimir Putin", {})};
  x.statements = {testing::TimelineStatement(x.text, "s1", content, "e1", "Dmitry Peskov",
                                             "2025-10-20")};
  if (i == 1) {
    x.text += " Vladimir Putin said the talks were useful.";
    x.statements.push_back(testing::TimelineStatement(x.text, "s2", "the talks were useful", "e2",
                                                      "Vladimir Putin", "2025-10-21"));
    x.relations = {{"responded_to", "s2", "s1"}};
  }
  return x;
}

const std::string kPeskov = EntityNodeId(NodeKind::kPerson, "Dmitry Peskov").ToHex();
const std::string kPutin = EntityNodeId(NodeKind::kPerson, "Vladimir Putin").ToHex();
const std::string kFirst = StatementNodeId("deadline-1", "s1").ToHex();

rapidjson::Document Json(const HttpResult& r) {
  rapidjson::Document doc;
  doc.Parse(r.body.c_str(), r.body.size());
  EXPECT_FALSE(doc.HasParseError()) << "not JSON: " << r.body;
  return doc;
}

// The node ids of a view, the start excluded.
std::vector<std::string> Ids(const rapidjson::Document& doc) {
  std::vector<std::string> ids;
  for (const auto& n : doc["nodes"].GetArray()) {
    if (n["hops"].GetInt() > 0) ids.push_back(n["id"].GetString());
  }
  return ids;
}

std::string Reason(const rapidjson::Document& doc) {
  return doc["truncated_reason"].IsNull() ? "null" : doc["truncated_reason"].GetString();
}
std::string Cursor(const rapidjson::Document& doc) {
  return doc["next_cursor"].IsNull() ? "" : doc["next_cursor"].GetString();
}

class DeadlineTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    served_ = new testing::ServedStore();
    ASSERT_TRUE(served_->Open("parley_deadline_test").ok());
    std::vector<Extraction> articles;
    for (int i = 1; i <= kStatements; ++i) articles.push_back(Article(i));
    Status put = served_->Put(articles);
    ASSERT_TRUE(put.ok()) << put.ToString();
    Status graph = served_->BuildGraph();
    ASSERT_TRUE(graph.ok()) << graph.ToString();

    ApiOptions normal;
    normal.projection = served_->graph();
    ApiOptions zero = normal;
    zero.traversal_deadline = std::chrono::milliseconds(0);
    ApiOptions budget = normal;
    // One check for the start's expansion, two for labels: two nodes a page.
    budget.traversal_deadline_checks = 3;
    for (const ApiOptions& options : {normal, zero, budget}) {
      auto port = served_->Serve(options);
      ASSERT_TRUE(port.ok()) << port.status().ToString();
    }
  }

  static void TearDownTestSuite() {
    delete served_;
    served_ = nullptr;
  }

  void SetUp() override {
    ASSERT_TRUE(served_ != nullptr && served_->servers() == 3) << "a server did not start";
  }

  static uint16_t normal_port() { return served_->port(0); }
  static uint16_t zero_port() { return served_->port(1); }
  static uint16_t budget_port() { return served_->port(2); }

  static testing::ServedStore* served_;
};

testing::ServedStore* DeadlineTest::served_ = nullptr;

TEST_F(DeadlineTest, NormalRequestsCompleteWithinTheDefaultDeadline) {
  HttpResult r = Get(normal_port(), "/v1/graph/neighborhood?node=" + kPeskov + "&limit=1000");
  ASSERT_EQ(r.status, 200) << r.body;
  rapidjson::Document doc = Json(r);
  EXPECT_FALSE(doc["truncated"].GetBool()) << r.body;
  EXPECT_EQ(Reason(doc), "null");
  EXPECT_EQ(Cursor(doc), "");
  EXPECT_EQ(r.headers.count("x-parley-truncated"), 0u);
  EXPECT_EQ(Ids(doc).size(), kNeighbours);

  r = Get(normal_port(), "/v1/graph/path?from=" + kPeskov + "&to=" + kPutin);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(Json(r)["nodes"].Size(), 4u) << r.body;  // Peskov, his statement, the answer, Putin

  r = Get(normal_port(), "/v1/graph/thread?statement=" + kFirst);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(Json(r)["nodes"].Size(), 2u) << r.body;

  r = Get(normal_port(), "/v1/export/graph?format=graphml&node=" + kPeskov);
  EXPECT_EQ(r.status, 200) << r.body;
}

TEST_F(DeadlineTest, DefaultPageIsFiftyNodesAndCursorsWalkTheWholeNeighbourhood) {
  std::set<std::string> seen;
  std::string cursor;
  int pages = 0;
  do {
    std::string target = "/v1/graph/neighborhood?node=" + kPeskov;
    if (!cursor.empty()) target += "&cursor=" + cursor;
    HttpResult r = Get(normal_port(), target);
    ASSERT_EQ(r.status, 200) << r.body;
    rapidjson::Document doc = Json(r);
    std::vector<std::string> ids = Ids(doc);
    cursor = Cursor(doc);
    if (!cursor.empty()) {
      EXPECT_EQ(ids.size(), 50u) << "a page before the last is full: " << r.body;
      EXPECT_EQ(Reason(doc), "limit");
      EXPECT_EQ(r.headers["x-parley-truncated"], "true");
    } else {
      EXPECT_FALSE(doc["truncated"].GetBool()) << r.body;
    }
    for (const std::string& id : ids) EXPECT_TRUE(seen.insert(id).second) << "twice: " << id;
    ++pages;
  } while (!cursor.empty() && pages < 10);
  EXPECT_EQ(pages, 5);  // 4 x 50 + 40
  EXPECT_EQ(seen.size(), kNeighbours);

  // A cursor past what a neighbourhood pages through is refused, naming the input.
  HttpResult r = Get(normal_port(), "/v1/graph/neighborhood?node=" + kPeskov + "&cursor=o9990");
  EXPECT_EQ(r.status, 400) << r.body;
  EXPECT_NE(r.body.find("\"parameter\":\"limit\""), std::string::npos) << r.body;
  r = Get(normal_port(), "/v1/graph/neighborhood?node=" + kPeskov + "&cursor=x12");
  EXPECT_EQ(r.status, 400) << r.body;
  EXPECT_NE(r.body.find("\"parameter\":\"cursor\""), std::string::npos) << r.body;
}

TEST_F(DeadlineTest, PassedDeadlineGivesAPartialNeighbourhoodWithACursor) {
  HttpResult r = Get(zero_port(), "/v1/graph/neighborhood?node=" + kPeskov);
  ASSERT_EQ(r.status, 200) << r.body;
  rapidjson::Document doc = Json(r);
  EXPECT_TRUE(doc["truncated"].GetBool()) << r.body;
  EXPECT_EQ(Reason(doc), "deadline") << r.body;
  EXPECT_EQ(Cursor(doc), "o0") << r.body;  // nothing found: continue from the start
  EXPECT_EQ(r.headers["x-parley-truncated"], "true");
  ASSERT_EQ(doc["nodes"].Size(), 1u) << r.body;  // the start, still labelled
  EXPECT_EQ(std::string(doc["nodes"][0]["label"].GetString()), "Dmitry Peskov");

  // A thread gives the chains found by then: none.
  r = Get(zero_port(), "/v1/graph/thread?statement=" + kFirst);
  ASSERT_EQ(r.status, 200) << r.body;
  doc = Json(r);
  EXPECT_TRUE(doc["truncated"].GetBool()) << r.body;
  EXPECT_EQ(Reason(doc), "deadline") << r.body;
  EXPECT_EQ(doc["nodes"].Size(), 1u) << r.body;
}

TEST_F(DeadlineTest, PassedDeadlineMakesPathsAndExports503WithRetryAfter) {
  for (const std::string& target :
       {"/v1/graph/path?from=" + kPeskov + "&to=" + kPutin,
        "/v1/export/graph?format=gexf&node=" + kPeskov}) {
    HttpResult r = Get(zero_port(), target);
    ASSERT_TRUE(r.ok()) << r.error;
    EXPECT_EQ(r.status, 503) << target << ": " << r.body;
    EXPECT_EQ(r.headers["retry-after"], "1") << target;
    EXPECT_EQ(r.headers["content-type"].rfind("application/json", 0), 0u) << target;
    rapidjson::Document doc = Json(r);
    ASSERT_TRUE(doc.IsObject() && doc.HasMember("error")) << r.body;
    EXPECT_EQ(std::string(doc["error"]["code"].GetString()), "unavailable") << r.body;
    EXPECT_NE(std::string(doc["error"]["message"].GetString()).find("deadline"),
              std::string::npos)
        << r.body;
  }
  // Bad input is still a 400 first, deadline or not.
  HttpResult r = Get(zero_port(), "/v1/graph/path?from=" + kPeskov + "&to=xyz");
  EXPECT_EQ(r.status, 400) << r.body;
}

TEST_F(DeadlineTest, DeadlineCutPagesFollowedByCursorGiveTheWholeNeighbourhoodOnce) {
  // The full answer, from the server without a tight deadline.
  HttpResult full = Get(normal_port(), "/v1/graph/neighborhood?node=" + kPeskov + "&limit=1000");
  ASSERT_EQ(full.status, 200) << full.body;
  std::vector<std::string> all = Ids(Json(full));
  const std::set<std::string> expected(all.begin(), all.end());

  std::set<std::string> seen;
  std::string cursor;
  int pages = 0;
  do {
    std::string target = "/v1/graph/neighborhood?node=" + kPeskov + "&limit=1000";
    if (!cursor.empty()) target += "&cursor=" + cursor;
    HttpResult r = Get(budget_port(), target);
    ASSERT_EQ(r.status, 200) << r.body;
    rapidjson::Document doc = Json(r);
    std::vector<std::string> ids = Ids(doc);
    cursor = Cursor(doc);
    if (!cursor.empty()) {
      EXPECT_EQ(Reason(doc), "deadline") << r.body;
      EXPECT_TRUE(doc["truncated"].GetBool());
      EXPECT_EQ(ids.size(), 2u) << r.body;  // the budget's two labels
    }
    // Edges join only the nodes shown.
    std::set<std::string> shown(ids.begin(), ids.end());
    shown.insert(kPeskov);
    for (const auto& e : doc["edges"].GetArray()) {
      EXPECT_TRUE(shown.count(e["source"].GetString()) && shown.count(e["target"].GetString()))
          << r.body;
    }
    for (const std::string& id : ids) EXPECT_TRUE(seen.insert(id).second) << "twice: " << id;
    ++pages;
  } while (!cursor.empty() && pages < 1000);
  // The last page holds the last two nodes: the budget runs out after them, with
  // nothing left to label, so that page is whole and ends the walk.
  EXPECT_EQ(pages, static_cast<int>(kNeighbours / 2));
  EXPECT_EQ(seen, expected);
}

TEST_F(DeadlineTest, TraversalsStopAtAPassedDeadlineAndRunWithoutOne) {
  std::shared_ptr<const graph::GraphSnapshot> g = served_->graph()->Current();
  const NodeId peskov = *NodeId::FromHex(kPeskov);
  const NodeId putin = *NodeId::FromHex(kPutin);

  graph::NeighbourhoodQuery q;
  q.start = peskov;
  auto all = graph::KHopNeighbourhood(*g, q);
  ASSERT_TRUE(all.ok());
  EXPECT_EQ(all->truncation, graph::Truncation::kNone);
  EXPECT_EQ(all->nodes.size(), kNeighbours);
  q.deadline = graph::Deadline::In(std::chrono::milliseconds(0));
  auto none = graph::KHopNeighbourhood(*g, q);
  ASSERT_TRUE(none.ok());
  EXPECT_TRUE(none->truncated);
  EXPECT_EQ(none->truncation, graph::Truncation::kDeadline);
  EXPECT_TRUE(none->nodes.empty());
  // Two hops, the deadline passing at the second expansion: the first hop only.
  q.hops = 2;
  q.deadline = graph::Deadline::AfterChecks(1);
  auto part = graph::KHopNeighbourhood(*g, q);
  ASSERT_TRUE(part.ok());
  EXPECT_EQ(part->truncation, graph::Truncation::kDeadline);
  EXPECT_EQ(part->nodes.size(), kNeighbours);
  for (const graph::Reached& r : part->nodes) EXPECT_EQ(r.hops, 1);

  // A capped traversal is a prefix of the whole one (what neighbourhood pages rely
  // on), across the switch from Peskov's outgoing edges (said) to his incoming ones
  // (mentions by articles).
  q.hops = 1;
  q.deadline = {};
  for (size_t cap : {size_t{1}, size_t{50}, size_t{kStatements}, size_t{kStatements + 1},
                     kNeighbours - 1}) {
    q.max_results = cap;
    auto prefix = graph::KHopNeighbourhood(*g, q);
    ASSERT_TRUE(prefix.ok());
    EXPECT_EQ(prefix->truncation, graph::Truncation::kResults) << cap;
    ASSERT_EQ(prefix->nodes.size(), cap);
    EXPECT_TRUE(std::equal(prefix->nodes.begin(), prefix->nodes.end(), all->nodes.begin())) << cap;
  }

  graph::PathQuery p;
  p.from = peskov;
  p.to = putin;
  auto path = graph::ShortestPath(*g, p);
  ASSERT_TRUE(path.ok() && path->path);
  p.deadline = graph::Deadline::AfterChecks(0);
  path = graph::ShortestPath(*g, p);
  ASSERT_TRUE(path.ok());
  EXPECT_FALSE(path->path.has_value());
  EXPECT_EQ(path->truncation, graph::Truncation::kDeadline);

  auto co = graph::CoMentioned(*g, putin);
  ASSERT_TRUE(co.ok());
  ASSERT_EQ(co->entities.size(), 1u);  // Peskov, named beside him by every article
  EXPECT_EQ(co->entities[0].weight, static_cast<uint32_t>(kStatements));
  EXPECT_EQ(co->truncation, graph::Truncation::kNone);
  co = graph::CoMentioned(*g, putin, 50, 100000, graph::Deadline::AfterChecks(0));
  ASSERT_TRUE(co.ok());
  EXPECT_EQ(co->truncation, graph::Truncation::kDeadline);
  EXPECT_TRUE(co->entities.empty());

  auto thread = graph::ResponseThreadOf(*g, *NodeId::FromHex(kFirst));
  ASSERT_TRUE(thread.ok());
  EXPECT_EQ(thread->responses.size(), 1u);
  thread = graph::ResponseThreadOf(*g, *NodeId::FromHex(kFirst), 1000,
                                   graph::Deadline::AfterChecks(0));
  ASSERT_TRUE(thread.ok());
  EXPECT_EQ(thread->truncation, graph::Truncation::kDeadline);
  EXPECT_TRUE(thread->responses.empty());
}

}  // namespace
}  // namespace parley::api
