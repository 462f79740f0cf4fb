// The graph endpoints and the ingest endpoint end to end: a real HttpServer on a free
// loopback port over a real RocksDB store in a temporary folder, a graph projection
// built from it, the real extractor for POST /v1/articles, and the tiny socket client
// of tests/api/http_client.h. Exports are opened by real consumers: networkx (via
// /usr/bin/python3) for GraphML and GEXF, Graphviz's dot for DOT.
//
// The graph (two hand-built articles):
//   graph-a (2025-10-20): Putin s1 "talks are possible" (2025-10-20);
//     Peskov s2 "the summit needs preparation" (2025-10-21) responded_to s1;
//     Lavrov s3 "the West is not listening" (2025-10-22) responded_to s2.
//   graph-b (2025-11-05): Peskov s1 "Putin said the door is open" (2025-11-04);
//     Putin s2 "the door is open" (2025-11-01) reported_by s1.
#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "api/handlers.h"
#include "api/http_server.h"
#include "extractors/extractor.h"
#include "graph/core/extraction.h"
#include "graph/core/ids.h"
#include "graph/projection.h"
#include "graph/store/store.h"
#include "schema/schema.h"
#include "tests/api/http_client.h"
#include "tests/api/served_store.h"
#include "tests/api/timeline_data.h"

namespace parley::api {
namespace {

using testing::Get;
using testing::HttpResult;
using testing::Send;

constexpr char kToken[] = "graph-test-token-0123456789";
constexpr size_t kServerBodyLimit = 256 * 1024;
constexpr size_t kIngestBodyLimit = 64 * 1024;

Statement Said(const std::string& text, std::string id, const std::string& content,
               std::string speaker_entity, std::string speaker, std::string date) {
  Statement s = testing::TimelineStatement(text, std::move(id), content, std::move(speaker_entity),
                                           std::move(speaker), std::move(date));
  s.type = "indirect";
  return s;
}

Entity Person(std::string id, std::string name) {
  return testing::TimelinePerson(std::move(id), std::move(name), {});
}

Extraction ArticleA() {
  Extraction x;
  x.id = "graph-a";
  x.text =
      "Vladimir Putin said talks are possible. Dmitry Peskov said the summit needs preparation. "
      "Sergei Lavrov said the West is not listening.";
  x.content_hash = "00000000000000c1";
  x.extractor_version = "test-1";
  x.article.title = "Talks possible, Kremlin says";
  x.article.published = "2025-10-20";
  x.entities = {Person("e1", "Vladimir Putin"), Person("e2", "Dmitry Peskov"),
                Person("e3", "Sergei Lavrov")};
  x.statements = {
      Said(x.text, "s1", "talks are possible", "e1", "Vladimir Putin", "2025-10-20"),
      Said(x.text, "s2", "the summit needs preparation", "e2", "Dmitry Peskov", "2025-10-21"),
      Said(x.text, "s3", "the West is not listening", "e3", "Sergei Lavrov", "2025-10-22"),
  };
  x.relations = {{"responded_to", "s2", "s1"}, {"responded_to", "s3", "s2"}};
  return x;
}

Extraction ArticleB() {
  Extraction x;
  x.id = "graph-b";
  x.text = "Dmitry Peskov said Putin said the door is open.";
  x.content_hash = "00000000000000c2";
  x.extractor_version = "test-1";
  x.article.title = "The door is open";
  x.article.published = "2025-11-05";
  x.entities = {Person("e1", "Dmitry Peskov"), Person("e2", "Vladimir Putin")};
  x.entities[0].gender = "male";
  x.statements = {
      Said(x.text, "s1", "Putin said the door is open", "e1", "Dmitry Peskov", "2025-11-04"),
      Said(x.text, "s2", "the door is open", "e2", "Vladimir Putin", "2025-11-01"),
  };
  x.statements[1].reported_by = "s1";
  return x;
}

NodeId PersonId(const std::string& name) { return EntityNodeId(NodeKind::kPerson, name); }
std::string Hex(NodeId id) { return id.ToHex(); }

rapidjson::Document Json(const HttpResult& r) {
  rapidjson::Document doc;
  doc.Parse(r.body.c_str(), r.body.size());
  EXPECT_FALSE(doc.HasParseError()) << "not JSON: " << r.body;
  return doc;
}

std::string Str(const rapidjson::Value& v, const char* key) {
  if (!v.IsObject() || !v.HasMember(key) || !v[key].IsString()) {
    return "<missing " + std::string(key) + ">";
  }
  return v[key].GetString();
}

// The graph as sorted lines: "id kind label date hops" and "source -kind-> target".
struct ViewLines {
  std::set<std::string> nodes;
  std::set<std::string> edges;
  std::set<std::string> ids;
};

ViewLines Lines(const rapidjson::Value& doc) {
  ViewLines out;
  if (!doc.IsObject() || !doc.HasMember("nodes") || !doc["nodes"].IsArray()) return out;
  for (const auto& n : doc["nodes"].GetArray()) {
    out.ids.insert(Str(n, "id"));
    out.nodes.insert(Str(n, "kind") + " " + Str(n, "label") + " " +
                     (n["date"].IsString() ? n["date"].GetString() : "-") + " " +
                     std::to_string(n["hops"].GetInt()));
  }
  for (const auto& e : doc["edges"].GetArray()) {
    out.edges.insert(Str(e, "source") + " -" + Str(e, "kind") + "-> " + Str(e, "target"));
  }
  return out;
}

std::string AuthHeader(const std::string& token) {
  return "Authorization: Bearer " + token + "\r\n";
}

class GraphApiTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    served_ = new testing::ServedStore();
    ASSERT_TRUE(served_->Open("parley_graph_api_test").ok());
    Status put = served_->Put({ArticleA(), ArticleB()});
    ASSERT_TRUE(put.ok()) << put.ToString();
    Status graph = served_->BuildGraph();
    ASSERT_TRUE(graph.ok()) << graph.ToString();
    auto schema = schema::LoadSchema(std::string(PARLEY_SOURCE_DIR) + "/schema");
    ASSERT_TRUE(schema.ok()) << schema.status().ToString();
    auto extractor = extractors::NewExtractor(*schema);
    ASSERT_TRUE(extractor.ok()) << extractor.status().ToString();
    extractor_ = extractor->release();

    ApiOptions options;
    options.projection = served_->graph();
    options.extractor = extractor_;
    options.ingest_token = kToken;
    options.max_ingest_body_bytes = kIngestBodyLimit;
    options.max_ingest_documents = 5;
    // The same store and graph served by an Api with no token: ingest disabled.
    ApiOptions no_token = options;
    no_token.ingest_token.clear();
    ServerOptions server_options = testing::ServedStore::DefaultServer();
    server_options.max_body_bytes = kServerBodyLimit;
    // Servers 0, 1, 2: that Api, the one without a token, and one with no graph at all.
    for (const ApiOptions& api_options : {options, no_token, ApiOptions{}}) {
      auto port = served_->Serve(api_options, server_options);
      ASSERT_TRUE(port.ok()) << port.status().ToString();
    }
  }

  static void TearDownTestSuite() {
    delete served_;  // the servers first: they may still use the extractor
    delete extractor_;
    served_ = nullptr, extractor_ = nullptr;
  }

  void SetUp() override {
    ASSERT_TRUE(served_ != nullptr && served_->servers() == 3) << "a server did not start";
  }

  static uint16_t port() { return served_->port(0); }

  static HttpResult Post(const std::string& body, const std::string& headers = AuthHeader(kToken)) {
    return Send(port(), "POST", "/v1/articles", body, headers);
  }

  // Asserts a JSON error with `status`, `code` and, if given, `parameter`.
  static void ExpectError(const HttpResult& r, int status, const std::string& code,
                          const std::string& parameter = "") {
    ASSERT_TRUE(r.ok()) << r.error;
    EXPECT_EQ(r.status, status) << r.body;
    EXPECT_EQ(r.headers.count("content-type")
                  ? r.headers.at("content-type").rfind("application/json", 0)
                  : std::string::npos,
              0u)
        << r.body;
    rapidjson::Document doc = Json(r);
    ASSERT_TRUE(doc.IsObject() && doc.HasMember("error") && doc["error"].IsObject()) << r.body;
    EXPECT_EQ(Str(doc["error"], "code"), code) << r.body;
    EXPECT_NE(Str(doc["error"], "message"), "") << r.body;
    if (!parameter.empty()) {
      EXPECT_EQ(Str(doc["error"], "parameter"), parameter) << r.body;
    }
  }

  static store::Store* store() { return &served_->store(); }
  static graph::GraphProjection* projection() { return served_->graph(); }

  static testing::ServedStore* served_;
  static extractors::Extractor* extractor_;
};

testing::ServedStore* GraphApiTest::served_ = nullptr;
extractors::Extractor* GraphApiTest::extractor_ = nullptr;

const std::string kPeskov = Hex(PersonId("Dmitry Peskov"));
const std::string kPutin = Hex(PersonId("Vladimir Putin"));
const std::string kLavrov = Hex(PersonId("Sergei Lavrov"));
const std::string kA1 = Hex(StatementNodeId("graph-a", "s1"));
const std::string kA2 = Hex(StatementNodeId("graph-a", "s2"));
const std::string kA3 = Hex(StatementNodeId("graph-a", "s3"));
const std::string kB1 = Hex(StatementNodeId("graph-b", "s1"));
const std::string kB2 = Hex(StatementNodeId("graph-b", "s2"));

TEST_F(GraphApiTest, NeighbourhoodOfASpeakerListsWhatHeSaidWithLabelsDatesAndEdges) {
  HttpResult r = Get(port(), "/v1/graph/neighborhood?node=" + kPeskov + "&edges=said");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.headers["content-type"].rfind("application/json", 0), 0u);
  EXPECT_EQ(r.headers.count("x-parley-truncated"), 0u);
  rapidjson::Document doc = Json(r);
  EXPECT_FALSE(doc["truncated"].GetBool());
  EXPECT_EQ(Str(doc["nodes"][0], "id"), kPeskov);  // the start comes first
  ViewLines lines = Lines(doc);
  EXPECT_EQ(lines.nodes, (std::set<std::string>{
                             "person Dmitry Peskov - 0",
                             "statement the summit needs preparation 2025-10-21 1",
                             "statement Putin said the door is open 2025-11-04 1",
                         }));
  EXPECT_EQ(lines.edges,
            (std::set<std::string>{kPeskov + " -said-> " + kA2, kPeskov + " -said-> " + kB1}));
  // A person's node carries the gender an article gave; other kinds have no such key.
  for (const auto& n : doc["nodes"].GetArray()) {
    if (Str(n, "kind") == "person") {
      EXPECT_EQ(Str(n, "gender"), "male") << r.body;
    } else {
      EXPECT_FALSE(n.HasMember("gender")) << r.body;
    }
  }
}

TEST_F(GraphApiTest, NeighbourhoodDepthEdgeKindsAndDateWindowFilter) {
  // Two hops over said and responded_to: what Peskov said, what it answered, who said that.
  HttpResult r =
      Get(port(), "/v1/graph/neighborhood?node=" + kPeskov + "&depth=2&edges=said,responded_to");
  ASSERT_EQ(r.status, 200) << r.body;
  ViewLines lines = Lines(Json(r));
  EXPECT_EQ(lines.ids, (std::set<std::string>{kPeskov, kA2, kB1, kA1, kA3}));
  EXPECT_TRUE(lines.edges.count(kA2 + " -responded_to-> " + kA1)) << r.body;
  EXPECT_TRUE(lines.edges.count(kA3 + " -responded_to-> " + kA2)) << r.body;

  // Three hops reach the speakers of those statements.
  r = Get(port(), "/v1/graph/neighborhood?node=" + kPeskov + "&depth=3&edges=said%2Cresponded_to");
  ASSERT_EQ(r.status, 200) << r.body;
  lines = Lines(Json(r));
  EXPECT_TRUE(lines.ids.count(kPutin) && lines.ids.count(kLavrov)) << r.body;
  EXPECT_TRUE(lines.nodes.count("person Sergei Lavrov - 3")) << r.body;

  // A window on November keeps only the November statement (entities are undated).
  r = Get(port(),
          "/v1/graph/neighborhood?node=" + kPeskov + "&depth=2&from=2025-11-01&to=2025-11-30");
  ASSERT_EQ(r.status, 200) << r.body;
  lines = Lines(Json(r));
  EXPECT_TRUE(lines.ids.count(kB1)) << r.body;
  EXPECT_FALSE(lines.ids.count(kA2)) << r.body;
  EXPECT_FALSE(lines.ids.count(kA1)) << r.body;

  // An article as the start: its statements by published_in.
  std::string article = Hex(ArticleNodeId("graph-a"));
  r = Get(port(), "/v1/graph/neighborhood?node=" + article + "&edges=published_in");
  ASSERT_EQ(r.status, 200) << r.body;
  lines = Lines(Json(r));
  EXPECT_TRUE(lines.nodes.count("article Talks possible, Kremlin says 2025-10-20 0")) << r.body;
  EXPECT_EQ(lines.ids, (std::set<std::string>{article, kA1, kA2, kA3}));
}

TEST_F(GraphApiTest, NeighbourhoodLimitIsReportedAsTruncated) {
  HttpResult r = Get(port(), "/v1/graph/neighborhood?node=" + kPeskov + "&depth=3&limit=2");
  ASSERT_EQ(r.status, 200) << r.body;
  rapidjson::Document doc = Json(r);
  EXPECT_TRUE(doc["truncated"].GetBool()) << r.body;
  EXPECT_EQ(doc["nodes"].Size(), 3u);  // the start and two more
  EXPECT_EQ(r.headers["x-parley-truncated"], "true");
}

TEST_F(GraphApiTest, BadGraphParametersAre400sNamingTheParameterAndUnknownNodes404) {
  const std::string hood = "/v1/graph/neighborhood?";
  ExpectError(Get(port(), hood), 400, "invalid_argument", "node");
  ExpectError(Get(port(), hood + "node=xyz"), 400, "invalid_argument", "node");
  ExpectError(Get(port(), hood + "node=" + kPeskov + "&node=" + kPutin), 400, "invalid_argument",
              "node");
  for (std::string depth : {"0", "4", "x", "-1", "", "99999999999"}) {
    SCOPED_TRACE(depth);
    ExpectError(Get(port(), hood + "node=" + kPeskov + "&depth=" + depth), 400, "invalid_argument",
                "depth");
  }
  HttpResult r = Get(port(), hood + "node=" + kPeskov + "&edges=said,sayd");
  ExpectError(r, 400, "invalid_argument", "edges");
  EXPECT_NE(r.body.find("sayd"), std::string::npos) << r.body;
  EXPECT_NE(r.body.find("responded_to"), std::string::npos) << r.body;  // the known kinds
  ExpectError(Get(port(), hood + "node=" + kPeskov + "&edges=said,,mentions"), 400,
              "invalid_argument", "edges");
  ExpectError(Get(port(), hood + "node=" + kPeskov + "&from=2025-13-01"), 400, "invalid_argument",
              "from");
  ExpectError(Get(port(), hood + "node=" + kPeskov + "&to=yesterday"), 400, "invalid_argument",
              "to");
  ExpectError(Get(port(), hood + "node=" + kPeskov + "&from=2025-12-01&to=2025-11-01"), 400,
              "invalid_argument", "from");
  ExpectError(Get(port(), hood + "node=" + kPeskov + "&limit=0"), 400, "invalid_argument", "limit");
  ExpectError(Get(port(), hood + "node=" + kPeskov + "&limit=1001"), 400, "invalid_argument",
              "limit");
  ExpectError(Get(port(), hood + "node=" + kPeskov + "&hops=2"), 400, "invalid_argument", "hops");
  r = Get(port(), hood + "node=00000000000000ab");
  ExpectError(r, 404, "not_found", "node");
  EXPECT_NE(r.body.find("00000000000000ab"), std::string::npos);

  ExpectError(Get(port(), "/v1/graph/path?to=" + kPutin), 400, "invalid_argument", "from");
  ExpectError(Get(port(), "/v1/graph/path?from=" + kPutin), 400, "invalid_argument", "to");
  ExpectError(Get(port(), "/v1/graph/path?from=" + kPutin + "&to=" + kLavrov + "&max_hops=7"), 400,
              "invalid_argument", "max_hops");
  ExpectError(Get(port(), "/v1/graph/path?from=" + kPutin + "&to=00000000000000ab"), 404,
              "not_found", "to");
  ExpectError(Get(port(), "/v1/graph/path?from=00000000000000ab&to=" + kPutin), 404, "not_found",
              "from");

  ExpectError(Get(port(), "/v1/graph/thread"), 400, "invalid_argument", "statement");
  ExpectError(Get(port(), "/v1/graph/thread?statement=" + kPeskov), 400, "invalid_argument",
              "statement");  // a person, not a statement
  ExpectError(Get(port(), "/v1/graph/thread?statement=00000000000000ab"), 404, "not_found",
              "statement");
  ExpectError(Send(port(), "POST", "/v1/graph/path?from=" + kPutin + "&to=" + kLavrov, "{}"), 405,
              "method_not_allowed");

  // Without a graph the endpoints say so (503), after checking their parameters.
  const uint16_t no_graph = served_->port(2);
  ExpectError(Get(no_graph, hood + "node=" + kPeskov), 503, "unavailable");
  ExpectError(Get(no_graph, hood + "node=xyz"), 400, "invalid_argument", "node");
}

TEST_F(GraphApiTest, ShortestPathJoinsTwoSpeakersThroughTheirStatements) {
  HttpResult r = Get(port(), "/v1/graph/path?from=" + kLavrov + "&to=" + kPutin);
  ASSERT_EQ(r.status, 200) << r.body;
  rapidjson::Document doc = Json(r);
  std::vector<std::string> order;
  for (const auto& n : doc["nodes"].GetArray()) order.push_back(Str(n, "id"));
  // Lavrov -said-> a3 -responded_to-> a2 -responded_to-> a1 <-said- Putin.
  EXPECT_EQ(order, (std::vector<std::string>{kLavrov, kA3, kA2, kA1, kPutin})) << r.body;
  ViewLines lines = Lines(doc);
  EXPECT_EQ(lines.edges,
            (std::set<std::string>{kLavrov + " -said-> " + kA3, kA3 + " -responded_to-> " + kA2,
                                   kA2 + " -responded_to-> " + kA1, kPutin + " -said-> " + kA1}));
  EXPECT_EQ(Str(doc["nodes"][4], "label"), "Vladimir Putin");

  // Within three hops there is none: an empty path, not an error.
  r = Get(port(), "/v1/graph/path?from=" + kLavrov + "&to=" + kPutin + "&max_hops=3");
  ASSERT_EQ(r.status, 200) << r.body;
  doc = Json(r);
  EXPECT_EQ(doc["nodes"].Size(), 0u) << r.body;
  EXPECT_EQ(doc["edges"].Size(), 0u) << r.body;
}

TEST_F(GraphApiTest, ThreadFollowsRespondedToBothWays) {
  HttpResult r = Get(port(), "/v1/graph/thread?statement=" + kA2);
  ASSERT_EQ(r.status, 200) << r.body;
  ViewLines lines = Lines(Json(r));
  EXPECT_EQ(lines.nodes, (std::set<std::string>{
                             "statement the summit needs preparation 2025-10-21 0",
                             "statement talks are possible 2025-10-20 1",
                             "statement the West is not listening 2025-10-22 1",
                         }));
  EXPECT_EQ(lines.edges, (std::set<std::string>{kA2 + " -responded_to-> " + kA1,
                                                kA3 + " -responded_to-> " + kA2}));
  // From the end of the chain the whole thread is reached, two hops back.
  r = Get(port(), "/v1/graph/thread?statement=" + kA3);
  ASSERT_EQ(r.status, 200) << r.body;
  lines = Lines(Json(r));
  EXPECT_TRUE(lines.nodes.count("statement talks are possible 2025-10-20 2")) << r.body;
}

TEST_F(GraphApiTest, StatementCarriesItsResponseAndReportingLinks) {
  HttpResult r = Get(port(), "/v1/statements/" + kA2);
  ASSERT_EQ(r.status, 200) << r.body;
  rapidjson::Document doc = Json(r);
  ASSERT_TRUE(doc["responds_to"].IsArray()) << r.body;
  ASSERT_EQ(doc["responds_to"].Size(), 1u) << r.body;
  EXPECT_EQ(std::string(doc["responds_to"][0].GetString()), kA1);
  ASSERT_EQ(doc["responded_by"].Size(), 1u) << r.body;
  EXPECT_EQ(std::string(doc["responded_by"][0].GetString()), kA3);
  EXPECT_EQ(doc["reports"].Size(), 0u);

  r = Get(port(), "/v1/statements/" + kB2);  // reported by b1
  ASSERT_EQ(r.status, 200) << r.body;
  doc = Json(r);
  EXPECT_EQ(Str(doc, "reported_by"), kB1) << r.body;
  r = Get(port(), "/v1/statements/" + kB1);  // reports b2
  ASSERT_EQ(r.status, 200) << r.body;
  doc = Json(r);
  ASSERT_EQ(doc["reports"].Size(), 1u) << r.body;
  EXPECT_EQ(std::string(doc["reports"][0].GetString()), kB2);
  EXPECT_EQ(doc["responds_to"].Size(), 0u);
}

class ScratchDir {
 public:
  ScratchDir() {
    std::string pattern =
        (std::filesystem::temp_directory_path() / "parley_graph_export_XXXXXX").string();
    if (mkdtemp(pattern.data()) != nullptr) path_ = pattern;
  }
  ~ScratchDir() {
    if (!path_.empty()) std::filesystem::remove_all(path_);
  }
  std::string Write(const std::string& name, const std::string& content) const {
    std::string file = path_ + "/" + name;
    std::ofstream(file, std::ios::binary) << content;
    return file;
  }

 private:
  std::string path_;
};

bool HaveNetworkx() {
  return testing::RunCommand("/usr/bin/python3 -c 'import networkx'").exit_code == 0;
}

TEST_F(GraphApiTest, ExportsAreOpenedByNetworkxAndGraphviz) {
  const std::string target =
      "/v1/export/graph?node=" + kPeskov + "&depth=2&edges=said,responded_to&format=";
  ScratchDir dir;

  HttpResult r = Get(port(), target + "graphml");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.headers["content-type"].rfind("application/graphml+xml", 0), 0u);
  EXPECT_NE(r.headers["content-disposition"].find("graph-" + kPeskov + ".graphml"),
            std::string::npos);
  const std::string graphml = dir.Write("g.graphml", r.body);

  r = Get(port(), target + "gexf");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.headers["content-type"].rfind("application/gexf+xml", 0), 0u);
  const std::string gexf = dir.Write("g.gexf", r.body);

  r = Get(port(), target + "cytoscape");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.headers["content-type"].rfind("application/json", 0), 0u);
  rapidjson::Document cy = Json(r);
  ASSERT_TRUE(cy["elements"]["nodes"].IsArray()) << r.body;
  EXPECT_EQ(cy["elements"]["nodes"].Size(), 5u);
  EXPECT_EQ(cy["elements"]["edges"].Size(), 4u);

  r = Get(port(), target + "dot");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.headers["content-type"].rfind("text/vnd.graphviz", 0), 0u);
  const std::string dot = dir.Write("g.dot", r.body);

  if (HaveNetworkx()) {
    // networkx 2.8 knows GEXF 1.1draft and 1.2draft only: teach it 1.3's namespace (the
    // same elements), as tests/api/exports_test.cc does.
    const std::string script = dir.Write("read.py", R"PY(
import sys
import networkx as nx
from networkx.readwrite.gexf import GEXF
kind, path = sys.argv[1], sys.argv[2]
if kind == "graphml":
    g = nx.read_graphml(path)
else:
    GEXF.versions["1.3"] = {
        "NS_GEXF": "http://gexf.net/1.3", "NS_VIZ": "http://gexf.net/1.3/viz",
        "NS_XSI": "http://www.w3.org/2001/XMLSchema-instance",
        "SCHEMALOCATION": "http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd", "VERSION": "1.3"}
    g = nx.read_gexf(path, version="1.3")
print(g.number_of_nodes(), g.number_of_edges())
print(sorted(str(d.get("label", "")) for _, d in g.nodes(data=True)))
print(sorted(str(d.get("kind", "")) for _, _, d in g.edges(data=True)))
)PY");
    for (const std::string& file : {graphml, gexf}) {
      SCOPED_TRACE(file);
      const std::string kind = file == graphml ? "graphml" : "gexf";
      testing::CommandResult py =
          testing::RunCommand("/usr/bin/python3 " + script + " " + kind + " " + file);
      ASSERT_EQ(py.exit_code, 0) << py.out;
      EXPECT_EQ(py.out.substr(0, py.out.find('\n')), "5 4") << py.out;
      EXPECT_NE(py.out.find("'Dmitry Peskov'"), std::string::npos) << py.out;
      EXPECT_NE(py.out.find("'the summit needs preparation'"), std::string::npos) << py.out;
      EXPECT_NE(py.out.find("['responded_to', 'responded_to', 'said', 'said']"), std::string::npos)
          << py.out;
    }
  } else {
    ADD_FAILURE() << "python3-networkx is not installed: GraphML/GEXF not checked";
  }
  if (testing::RunCommand("command -v dot").exit_code == 0) {
    testing::CommandResult svg = testing::RunCommand("dot -Tsvg " + dot);
    ASSERT_EQ(svg.exit_code, 0) << svg.out;
    EXPECT_NE(svg.out.find("<svg"), std::string::npos);
    EXPECT_NE(svg.out.find("Dmitry Peskov"), std::string::npos);
  } else {
    ADD_FAILURE() << "graphviz (dot) is not installed: DOT not checked";
  }

  ExpectError(Get(port(), "/v1/export/graph?node=" + kPeskov), 400, "invalid_argument", "format");
  ExpectError(Get(port(), "/v1/export/graph?node=" + kPeskov + "&format=svg"), 400,
              "invalid_argument", "format");
  ExpectError(Get(port(), "/v1/export/graph?format=dot"), 400, "invalid_argument", "node");
  ExpectError(Get(port(), "/v1/export/graph?format=dot&node=" + kPeskov + "&depth=9"), 400,
              "invalid_argument", "depth");
  ExpectError(Get(port(), "/v1/export/graph?format=dot&node=00000000000000ab"), 404, "not_found",
              "node");
}

TEST_F(GraphApiTest, IngestNeedsTheBearerToken) {
  const std::string body =
      R"({"id": "auth-probe", "text": "Tomas Reyes said the talks went well."})";
  HttpResult r = Post(body, "");
  ExpectError(r, 401, "unauthorized");
  EXPECT_EQ(r.headers["www-authenticate"].rfind("Bearer", 0), 0u);
  ExpectError(Post(body, AuthHeader("graph-test-token-012345678X")), 401, "unauthorized");
  ExpectError(Post(body, AuthHeader("graph-test-token")), 401, "unauthorized");  // a prefix
  ExpectError(Post(body, AuthHeader(std::string(kToken) + "0")), 401, "unauthorized");
  ExpectError(Post(body, "Authorization: Basic Z3JhcGg6dGVzdA==\r\n"), 401, "unauthorized");
  ExpectError(Post(body, "Authorization: Bearer\r\n"), 401, "unauthorized");
  // Nothing was stored by any of these.
  auto article = store()->GetArticle(ArticleNodeId("auth-probe"));
  EXPECT_TRUE(article.status().IsNotFound()) << article.status().ToString();

  // A server with no token refuses every ingest, even with a token.
  r = Send(served_->port(1), "POST", "/v1/articles", body, AuthHeader(kToken));
  ExpectError(r, 403, "forbidden");
  EXPECT_NE(r.body.find("ingest disabled"), std::string::npos) << r.body;
}

TEST_F(GraphApiTest, IngestStoresExtractsAndUpdatesTheGraphAtOnce) {
  const std::string article = Hex(ArticleNodeId("ingest-one"));
  ExpectError(Get(port(), "/v1/graph/neighborhood?node=" + article), 404, "not_found", "node");

  HttpResult r = Post(R"({"id": "ingest-one", "title": "Reyes on talks", "date": "2025-11-10",
      "text": "Tomas Reyes said the talks went well."})");
  ASSERT_EQ(r.status, 200) << r.body;
  rapidjson::Document doc = Json(r);
  ASSERT_EQ(doc["results"].Size(), 1u) << r.body;
  const auto& result = doc["results"][0];
  EXPECT_EQ(Str(result, "id"), "ingest-one");
  EXPECT_EQ(Str(result, "article_id"), article);
  EXPECT_EQ(Str(result, "outcome"), "stored");
  EXPECT_EQ(Str(result, "published"), "2025-11-10");
  ASSERT_GE(result["statements"].GetUint(), 1u) << r.body;
  ASSERT_EQ(result["statement_ids"].Size(), result["statements"].GetUint());
  const std::string statement = result["statement_ids"][0].GetString();

  // The store has it, and so has the graph the server reads: no restart needed.
  r = Get(port(), "/v1/statements/" + statement);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(Str(Json(r)["speaker"], "name"), "Tomas Reyes") << r.body;
  r = Get(port(), "/v1/graph/neighborhood?node=" + article + "&depth=2");
  ASSERT_EQ(r.status, 200) << r.body;
  ViewLines lines = Lines(Json(r));
  EXPECT_TRUE(lines.ids.count(statement)) << r.body;
  EXPECT_TRUE(lines.ids.count(Hex(PersonId("Tomas Reyes")))) << r.body;
  EXPECT_TRUE(lines.nodes.count("article Reyes on talks 2025-11-10 0")) << r.body;

  // The same article again: unchanged.
  r = Post(R"({"id": "ingest-one", "title": "Reyes on talks", "date": "2025-11-10",
      "text": "Tomas Reyes said the talks went well."})");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(Str(Json(r)["results"][0], "outcome"), "unchanged") << r.body;

  // A new version: replaced; the graph loses the old statement and gains the new one.
  r = Post(R"({"id": "ingest-one", "title": "Reyes on talks", "date": "2025-11-10",
      "text": "Maria Lopez said the deal was signed."})");
  ASSERT_EQ(r.status, 200) << r.body;
  doc = Json(r);
  EXPECT_EQ(Str(doc["results"][0], "outcome"), "replaced") << r.body;
  // (Statement ids derive from the article id and the local id "s1": the node stays,
  // with the new text.)
  r = Get(port(), "/v1/graph/neighborhood?node=" + article + "&depth=2");
  ASSERT_EQ(r.status, 200) << r.body;
  lines = Lines(Json(r));
  EXPECT_TRUE(lines.nodes.count("statement the deal was signed 2025-11-10 1")) << r.body;
  EXPECT_FALSE(lines.nodes.count("statement the talks went well 2025-11-10 1")) << r.body;
  EXPECT_TRUE(lines.ids.count(Hex(PersonId("Maria Lopez")))) << r.body;
  EXPECT_FALSE(lines.ids.count(Hex(PersonId("Tomas Reyes")))) << r.body;

  // Several documents in one request.
  r = Post(R"({"documents": [
      {"id": "ingest-two", "text": "Anna Berg said prices rose."},
      {"id": "ingest-three", "text": "Omar Haddad said the border is open.", "date": null}]})");
  ASSERT_EQ(r.status, 200) << r.body;
  doc = Json(r);
  ASSERT_EQ(doc["results"].Size(), 2u) << r.body;
  EXPECT_EQ(Str(doc["results"][1], "id"), "ingest-three");
  EXPECT_EQ(Str(doc["results"][1], "outcome"), "stored");
  r = Get(port(), "/v1/graph/neighborhood?node=" + Hex(ArticleNodeId("ingest-three")));
  EXPECT_EQ(r.status, 200) << r.body;
}

TEST_F(GraphApiTest, BadIngestBodiesAre4xxNamingWhatToFix) {
  ExpectError(Post("not json"), 400, "invalid_argument", "body");
  ExpectError(Post("[1, 2]"), 400, "invalid_argument", "body");
  ExpectError(Post(R"({"text": "no id"})"), 400, "invalid_argument", "body");
  ExpectError(Post(R"({"id": "", "text": "empty id"})"), 400, "invalid_argument", "body");
  ExpectError(Post(R"({"id": "x", "text": "   "})"), 400, "invalid_argument", "body");
  ExpectError(Post(R"({"id": "x", "text": 5})"), 400, "invalid_argument", "body");
  ExpectError(Post(R"({"id": "x", "text": "t", "date": "2025-02-30"})"), 400, "invalid_argument",
              "body");
  HttpResult r = Post(R"({"id": "x", "text": "t", "txet": "typo"})");
  ExpectError(r, 400, "invalid_argument", "body");
  EXPECT_NE(r.body.find("txet"), std::string::npos) << r.body;
  ExpectError(Post("{\"id\": \"x\", \"text\": \"bad \xff utf8\"}"), 400, "invalid_argument",
              "body");
  ExpectError(Post(R"({"documents": []})"), 400, "invalid_argument", "documents");
  ExpectError(Post(R"({"documents": {"id": "x"}})"), 400, "invalid_argument", "documents");
  ExpectError(Post(R"({"documents": [{"id": "ok", "text": "fine"}, {"id": "y"}]})"), 400,
              "invalid_argument", "documents[1]");
  ExpectError(Post(R"({"documents": [{"id": "d", "text": "a"}, {"id": "d", "text": "b"}]})"), 400,
              "invalid_argument", "documents[1]");
  std::string six = R"({"documents": [)";
  for (int i = 0; i < 6; ++i) {
    if (i > 0) six += ",";
    six += R"({"id": "n)";
    six += std::to_string(i);
    six += R"(", "text": "t"})";
  }
  six += "]}";
  ExpectError(Post(six), 413, "too_large", "documents");
  // Over the Api's limit, then over the server's.
  ExpectError(Post(R"({"id": "big", "text": ")" + std::string(kIngestBodyLimit, 'a') + "\"}"), 413,
              "too_large");
  ExpectError(Post(R"({"id": "big", "text": ")" + std::string(kServerBodyLimit, 'a') + "\"}"), 413,
              "too_large");
  // None of the refused documents was stored.
  for (std::string id : {"x", "ok", "d", "n0", "big"}) {
    EXPECT_TRUE(store()->GetArticle(ArticleNodeId(id)).status().IsNotFound()) << id;
  }
  // The server still answers.
  EXPECT_EQ(Get(port(), "/v1/health").status, 200);
}

TEST_F(GraphApiTest, ConcurrentIngestsAndQueriesAllLandInTheGraph) {
  constexpr int kWriters = 3, kPerWriter = 4;
  std::atomic<int> failures{0};
  std::atomic<bool> done{false};
  std::vector<std::thread> threads;
  for (int w = 0; w < kWriters; ++w) {
    threads.emplace_back([w, &failures] {
      for (int i = 0; i < kPerWriter; ++i) {
        std::string id = "conc-" + std::to_string(w) + "-" + std::to_string(i);
        HttpResult r = Post(R"({"id": ")" + id + R"(", "text": "Dmitry Peskov said round )" +
                            std::to_string(w * 10 + i) + R"( of talks went well."})");
        if (r.status != 200) ++failures;
      }
    });
  }
  threads.emplace_back([&] {
    while (!done) {
      HttpResult r = Get(port(), "/v1/graph/neighborhood?node=" + kPeskov + "&depth=2&limit=1000");
      if (r.status != 200) ++failures;
    }
  });
  for (int w = 0; w < kWriters; ++w) threads[w].join();
  done = true;
  threads.back().join();
  EXPECT_EQ(failures.load(), 0);

  HttpResult r = Get(port(), "/v1/graph/neighborhood?node=" + kPeskov +
                                 "&depth=2&edges=said,published_in&limit=1000");
  ASSERT_EQ(r.status, 200) << r.body;
  ViewLines lines = Lines(Json(r));
  for (int w = 0; w < kWriters; ++w) {
    for (int i = 0; i < kPerWriter; ++i) {
      std::string id = "conc-" + std::to_string(w) + "-" + std::to_string(i);
      EXPECT_TRUE(lines.ids.count(Hex(ArticleNodeId(id)))) << id;
    }
  }
  // The projection equals a fresh build from the store.
  auto fresh = graph::GraphSnapshot::Build(*store());
  ASSERT_TRUE(fresh.ok());
  EXPECT_EQ(projection()->Current()->EdgeCount(), (*fresh)->EdgeCount());
}

// The delta policy, through the handler itself: past rebuild_delta_edges an ingest
// folds the delta into a fresh base, and the graph read afterwards is the same.
TEST(GraphApiRebuildTest, AnIngestPastTheDeltaLimitRebuildsTheProjection) {
  std::unique_ptr<store::Store> store = store::NewMemoryStore();
  ASSERT_TRUE(store->PutArticle(ArticleA()).ok());
  auto snapshot = graph::GraphSnapshot::Build(*store);
  ASSERT_TRUE(snapshot.ok());
  graph::GraphProjection projection(std::move(*snapshot));
  auto schema = schema::LoadSchema(std::string(PARLEY_SOURCE_DIR) + "/schema");
  ASSERT_TRUE(schema.ok()) << schema.status().ToString();
  auto extractor = extractors::NewExtractor(*schema);
  ASSERT_TRUE(extractor.ok());
  ApiOptions options;
  options.projection = &projection;
  options.extractor = extractor->get();
  options.ingest_token = kToken;
  options.rebuild_delta_edges = 1000;
  Api api(*store, options);

  auto ingest = [&](const std::string& id, const std::string& text) {
    ApiRequest request;
    request.method = "POST";
    request.path = "/v1/articles";
    request.authorization = std::string("Bearer ") + kToken;
    request.body = R"({"id": ")" + id + R"(", "text": ")" + text + R"("})";
    return api.Handle(request);
  };
  ASSERT_EQ(ingest("small", "Tomas Reyes said the talks went well.").status, 200);
  EXPECT_GT(projection.Current()->DeltaEdgeCount(), 0u);  // under the limit: kept as a delta

  std::string text;
  for (int i = 0; i < 400; ++i)
    text += "Person" + std::to_string(i) + " Smith said item " + std::to_string(i) + " was fine. ";
  ApiResponse big = ingest("big", text);
  ASSERT_EQ(big.status, 200) << big.body;
  EXPECT_EQ(projection.Current()->DeltaEdgeCount(), 0u) << "the delta was not folded";
  auto fresh = graph::GraphSnapshot::Build(*store);
  ASSERT_TRUE(fresh.ok());
  EXPECT_EQ(projection.Current()->EdgeCount(), (*fresh)->EdgeCount());
  EXPECT_GT(projection.Current()->EdgeCount(), 1000u);

  ApiRequest hood;
  hood.method = "GET";
  hood.path = "/v1/graph/neighborhood";
  hood.query = {{"node", Hex(ArticleNodeId("small"))}, {"depth", "2"}};
  ApiResponse r = api.Handle(hood);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_NE(r.body.find("Tomas Reyes"), std::string::npos) << r.body;
}

}  // namespace
}  // namespace parley::api
