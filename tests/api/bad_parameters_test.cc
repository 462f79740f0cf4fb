// Every endpoint given malformed, missing, huge or hostile parameters answers 4xx with
// a JSON error naming what is wrong, never 5xx, never a crash. A real HttpServer on a
// free loopback port over a real RocksDB store with a graph projection and the real
// extractor (so POST /v1/articles is live), queried by the socket client of
// tests/api/http_client.h.
//
// Two tests:
//   - TableOfBadRequestsMatchesDocsApiMd: kCases below, one bad request per row with
//     its expected status, error code and parameter. The rows, with the message each
//     actually got, are rendered as the Markdown table of docs/API.md (between the
//     "bad-requests" markers) and must equal it, so the doc stays true. After a
//     deliberate change, regenerate it with
//       PARLEY_WRITE_API_DOC=1 build-h/tests/api/api_test --gtest_filter='BadParam*'
//   - EveryParameterOfEveryRouteSurvivesHostileValues: for each route of Routes() and
//     each parameter it accepts (and each {id} in its path), a list of hostile values;
//     each answer must be < 500 and, when >= 400, a JSON error that names the
//     parameter. The server must still answer afterwards.
#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
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

constexpr char kToken[] = "bad-parameters-test-token-42";
constexpr size_t kServerBodyLimit = 2 << 20;
constexpr size_t kIngestBodyLimit = 1 << 20;

const std::string kPeskov = EntityNodeId(NodeKind::kPerson, "Dmitry Peskov").ToHex();
const std::string kStatement = StatementNodeId("tl-a", "s1").ToHex();
const std::string kArticle = ArticleNodeId("tl-a").ToHex();
const std::string kUnknown = "00000000000000ab";

// One bad request and what it must get. In `target` and `body`, {E} is an entity id,
// {S} a statement id, {A} an article id, {U} an id nothing has.
struct BadCase {
  std::string method;
  std::string target;
  std::string parameter;  // the input at fault, as the doc names it
  std::string shown;      // the bad value as the doc shows it ("" = as in the target)
  int status;
  std::string code;
  std::string error_parameter;  // "parameter" of the error body; "" = none
  std::string body = "";
  std::string headers = "auth";  // "auth": the right bearer token; "none"; "wrong"
};

std::string Auth(const std::string& token) { return "Authorization: Bearer " + token + "\r\n"; }

std::string Expand(std::string s) {
  for (auto [from, to] : std::vector<std::pair<std::string, std::string>>{
           {"{E}", kPeskov}, {"{S}", kStatement}, {"{A}", kArticle}, {"{U}", kUnknown}}) {
    for (size_t at; (at = s.find(from)) != std::string::npos;) s.replace(at, from.size(), to);
  }
  return s;
}

// Within the ingest body limit, deep enough to overflow a recursive parser's stack
// (a recursive rapidjson parse crashed the server at 300,000 levels).
const std::string kDeepJson = std::string(500000, '[') + std::string(500000, ']');

std::string BigIngestBody() {
  return "{\"id\":\"big\",\"text\":\"" + std::string(kIngestBodyLimit, 'a') + "\"}";
}

std::string ManyDocuments() {
  std::string body = "{\"documents\":[";
  for (int i = 0; i < 6; ++i) {
    body += std::string(i ? "," : "") + "{\"id\":\"d" + std::to_string(i) + "\",\"text\":\"x\"}";
  }
  return body + "]}";
}

const std::vector<BadCase>& Cases() {
  static const std::vector<BadCase> kCases = {
      // Anywhere.
      {"GET", "/v1/nope", "path", "/v1/nope", 404, "not_found", ""},
      {"DELETE", "/v1/entities/{E}", "method", "DELETE", 405, "method_not_allowed", ""},
      {"TRACE", "/v1/health", "method", "TRACE", 405, "method_not_allowed", ""},
      {"GET", "/v1/health?verbose=1", "verbose", "1", 400, "invalid_argument", "verbose"},
      {"GET", "/v1/health", "body", "3 MB on a GET", 413, "too_large", "body",
       std::string(3 << 20, 'x')},
      {"GET", "/v1/entities?q=%zz", "q", "%zz", 400, "invalid_argument", "q"},
      // /v1/entities
      {"GET", "/v1/entities", "q", "(missing)", 400, "invalid_argument", "q"},
      {"GET", "/v1/entities?q=+++", "q", "+++", 400, "invalid_argument", "q"},
      {"GET", "/v1/entities?q=" + std::string(201, 'a'), "q", "201 x a", 400, "invalid_argument",
       "q"},
      {"GET", "/v1/entities?q=Pes%00kov", "q", "Pes%00kov", 400, "invalid_argument", "q"},
      {"GET", "/v1/entities?q=%FF%FE", "q", "%FF%FE", 400, "invalid_argument", "q"},
      {"GET", "/v1/entities?q=a&q=b", "q", "q=a&q=b", 400, "invalid_argument", "q"},
      {"GET", "/v1/entities?q=Peskov&limit=0", "limit", "0", 400, "invalid_argument", "limit"},
      {"GET", "/v1/entities?q=Peskov&limit=1001", "limit", "1001", 400, "invalid_argument",
       "limit"},
      {"GET", "/v1/entities?q=Peskov&limit=99999999999999999999", "limit", "99999999999999999999",
       400, "invalid_argument", "limit"},
      {"GET", "/v1/entities?q=Peskov&limit=1e3", "limit", "1e3", 400, "invalid_argument", "limit"},
      {"GET", "/v1/entities?q=Peskov&cursor=o0", "cursor", "o0", 400, "invalid_argument", "cursor"},
      {"GET", "/v1/entities?q=Peskov&cursor=%27%3B--", "cursor", "%27%3B--", 400,
       "invalid_argument", "cursor"},
      // /v1/entities/{id}, /v1/statements/{id}, /v1/articles/{id}
      {"GET", "/v1/entities/xyz", "id", "xyz", 400, "invalid_argument", "id"},
      {"GET", "/v1/entities/{U}", "id", "{U}", 404, "not_found", "id"},
      {"GET", "/v1/entities/%2e%2e%2f%2e%2e%2fetc", "id", "%2e%2e%2f%2e%2e%2fetc", 404, "not_found",
       ""},
      {"GET", "/v1/statements/0123456789abcdeg", "id", "0123456789abcdeg", 400, "invalid_argument",
       "id"},
      {"GET", "/v1/statements/{U}", "id", "{U}", 404, "not_found", "id"},
      {"GET", "/v1/articles/-123456789abcdef", "id", "-123456789abcdef", 400, "invalid_argument",
       "id"},
      {"GET", "/v1/articles/{U}", "id", "{U}", 404, "not_found", "id"},
      // /v1/entities/{id}/statements
      {"GET", "/v1/entities/{U}/statements", "id", "{U}", 404, "not_found", "id"},
      {"GET", "/v1/entities/{E}/statements?limit=-1", "limit", "-1", 400, "invalid_argument",
       "limit"},
      {"GET", "/v1/entities/{E}/statements?cursor=garbage", "cursor", "garbage", 400,
       "invalid_argument", "cursor"},
      // /v1/statements
      {"GET", "/v1/statements?speaker=00000000000000000", "speaker", "17 zeros", 400,
       "invalid_argument", "speaker"},
      {"GET", "/v1/statements?speaker={U}", "speaker", "{U}", 404, "not_found", "speaker"},
      {"GET", "/v1/statements?speaker={E}&cursor=%00", "cursor", "%00", 400, "invalid_argument",
       "cursor"},
      {"GET", "/v1/statements?speaker={E}&limit=2&limit=3", "limit", "limit=2&limit=3", 400,
       "invalid_argument", "limit"},
      {"GET", "/v1/statements?entity={U}", "entity", "{U}", 404, "not_found", "entity"},
      {"GET", "/v1/statements?article=ABCDEFGHIJKLMNOP", "article", "ABCDEFGHIJKLMNOP", 400,
       "invalid_argument", "article"},
      {"GET", "/v1/statements?type=direct%27%20OR%201%3D1", "type", "direct%27%20OR%201%3D1", 400,
       "invalid_argument", "type"},
      {"GET", "/v1/statements?speech_act=", "speech_act", "(empty)", 400, "invalid_argument",
       "speech_act"},
      {"GET", "/v1/statements?polarity=neutral", "polarity", "neutral", 400, "invalid_argument",
       "polarity"},
      {"GET", "/v1/statements?hedged=yes", "hedged", "yes", 400, "invalid_argument", "hedged"},
      {"GET", "/v1/statements?q=%21%21%21", "q", "%21%21%21", 400, "invalid_argument", "q"},
      {"GET", "/v1/statements?q=" + std::string(201, 'w'), "q", "201 x w", 400, "invalid_argument",
       "q"},
      {"GET", "/v1/statements?from=2025-10-32", "from", "2025-10-32", 400, "invalid_argument",
       "from"},
      {"GET", "/v1/statements?from=2025-10-02&to=2025-10-01", "from", "after to", 400,
       "invalid_argument", "from"},
      {"GET", "/v1/statements?q=talks&cursor=q7.3.", "cursor", "q7.3.", 400, "invalid_argument",
       "cursor"},
      {"GET", "/v1/statements?type=direct&cursor=f1.00", "cursor", "f1.00", 400, "invalid_argument",
       "cursor"},
      // /v1/timeline
      {"GET", "/v1/timeline", "speaker", "(none of speaker, entity, q)", 400, "invalid_argument",
       "speaker"},
      {"GET", "/v1/timeline?speaker={E}&from=2025-02-30", "from", "2025-02-30", 400,
       "invalid_argument", "from"},
      {"GET", "/v1/timeline?speaker={E}&to=2025-1-1", "to", "2025-1-1", 400, "invalid_argument",
       "to"},
      {"GET", "/v1/timeline?speaker={E}&from=2025-12-01&to=2025-01-01", "from", "after to", 400,
       "invalid_argument", "from"},
      {"GET", "/v1/timeline?speaker={E}&format=xml", "format", "xml", 400, "invalid_argument",
       "format"},
      {"GET", "/v1/timeline?speaker={E}&limit=10001", "limit", "10001", 400, "invalid_argument",
       "limit"},
      {"GET", "/v1/timeline?entity={U}", "entity", "{U}", 404, "not_found", "entity"},
      {"GET", "/v1/timeline?q=%2C%20%2E", "q", "%2C%20%2E", 400, "invalid_argument", "q"},
      // /v1/openapi.json
      {"GET", "/v1/openapi.json?x=%3Cscript%3E", "x", "%3Cscript%3E", 400, "invalid_argument", "x"},
      // /v1/graph/neighborhood
      {"GET", "/v1/graph/neighborhood", "node", "(missing)", 400, "invalid_argument", "node"},
      {"GET", "/v1/graph/neighborhood?node={U}", "node", "{U}", 404, "not_found", "node"},
      {"GET", "/v1/graph/neighborhood?node={E}&depth=4", "depth", "4", 400, "invalid_argument",
       "depth"},
      {"GET", "/v1/graph/neighborhood?node={E}&depth=0x1", "depth", "0x1", 400, "invalid_argument",
       "depth"},
      {"GET", "/v1/graph/neighborhood?node={E}&edges=said,,mentions", "edges", "said,,mentions",
       400, "invalid_argument", "edges"},
      {"GET", "/v1/graph/neighborhood?node={E}&edges=said%3Bdrop", "edges", "said%3Bdrop", 400,
       "invalid_argument", "edges"},
      {"GET", "/v1/graph/neighborhood?node={E}&from=yesterday", "from", "yesterday", 400,
       "invalid_argument", "from"},
      {"GET", "/v1/graph/neighborhood?node={E}&limit=1001", "limit", "1001", 400,
       "invalid_argument", "limit"},
      {"GET", "/v1/graph/neighborhood?node={E}&cursor=o-1", "cursor", "o-1", 400,
       "invalid_argument", "cursor"},
      {"GET", "/v1/graph/neighborhood?node={E}&cursor=o9999", "cursor", "o9999", 400,
       "invalid_argument", "limit"},
      // /v1/graph/path
      {"GET", "/v1/graph/path?to={E}", "from", "(missing)", 400, "invalid_argument", "from"},
      {"GET", "/v1/graph/path?from={E}&to={U}", "to", "{U}", 404, "not_found", "to"},
      {"GET", "/v1/graph/path?from={E}&to={S}&max_hops=7", "max_hops", "7", 400, "invalid_argument",
       "max_hops"},
      // /v1/graph/thread
      {"GET", "/v1/graph/thread", "statement", "(missing)", 400, "invalid_argument", "statement"},
      {"GET", "/v1/graph/thread?statement={E}", "statement", "an entity's id", 400,
       "invalid_argument", "statement"},
      {"GET", "/v1/graph/thread?statement={U}", "statement", "{U}", 404, "not_found", "statement"},
      // /v1/export/graph
      {"GET", "/v1/export/graph?node={E}", "format", "(missing)", 400, "invalid_argument",
       "format"},
      {"GET", "/v1/export/graph?node={E}&format=svg", "format", "svg", 400, "invalid_argument",
       "format"},
      {"GET", "/v1/export/graph?format=dot&node=%0D%0AX-Injected:%201", "node",
       "%0D%0AX-Injected:%201", 400, "invalid_argument", "node"},
      // /v1/events
      {"GET", "/v1/events?type=Meeting", "type", "Meeting", 400, "invalid_argument", "type"},
      {"GET", "/v1/events?participant=xyz", "participant", "xyz", 400, "invalid_argument",
       "participant"},
      {"GET", "/v1/events?participant={U}", "participant", "{U}", 404, "not_found", "participant"},
      {"GET", "/v1/events?from=2025-13-01", "from", "2025-13-01", 400, "invalid_argument", "from"},
      {"GET", "/v1/events?from=2025-10-02&to=2025-10-01", "from", "after to", 400,
       "invalid_argument", "from"},
      {"GET", "/v1/events?q=%21%21", "q", "%21%21", 400, "invalid_argument", "q"},
      {"GET", "/v1/events?limit=1001", "limit", "1001", 400, "invalid_argument", "limit"},
      {"GET", "/v1/events?cursor=garbage", "cursor", "garbage", 400, "invalid_argument", "cursor"},
      // /v1/events/{id}
      {"GET", "/v1/events/xyz", "id", "xyz", 400, "invalid_argument", "id"},
      {"GET", "/v1/events/{U}", "id", "{U}", 404, "not_found", "id"},
      // POST /v1/articles
      {"POST", "/v1/articles", "Authorization", "(missing)", 401, "unauthorized", "", "{}", "none"},
      {"POST", "/v1/articles", "Authorization", "Bearer wrong", 401, "unauthorized", "", "{}",
       "wrong"},
      {"POST", "/v1/articles", "body", "not JSON", 400, "invalid_argument", "body", "{\"id\":"},
      {"POST", "/v1/articles", "body", "500,000 nested arrays", 400, "invalid_argument", "body",
       kDeepJson},
      {"POST", "/v1/articles", "body", "{} (no id)", 400, "invalid_argument", "body", "{}"},
      {"POST", "/v1/articles", "body", "an unknown member", 400, "invalid_argument", "body",
       "{\"id\":\"x\",\"text\":\"y\",\"evil\":1}"},
      {"POST", "/v1/articles", "documents", "[]", 400, "invalid_argument", "documents",
       "{\"documents\":[]}"},
      {"POST", "/v1/articles", "documents", "6 documents (limit 5)", 413, "too_large", "documents",
       ManyDocuments()},
      {"POST", "/v1/articles", "body", "over the 1 MiB ingest limit", 413, "too_large", "body",
       BigIngestBody()},
  };
  return kCases;
}

rapidjson::Document Json(const std::string& body) {
  rapidjson::Document doc;
  doc.Parse(body.c_str(), body.size());
  return doc;
}

std::string Member(const rapidjson::Value& v, const char* key) {
  if (!v.IsObject() || !v.HasMember(key) || !v[key].IsString()) return "";
  return v[key].GetString();
}

// A cell of a Markdown table: '|' escaped, no line breaks, at most `max` bytes (cut
// on a UTF-8 boundary).
std::string Cell(std::string s, size_t max = 110) {
  if (s.size() > max) {
    size_t cut = max;
    while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;
    s = s.substr(0, cut) + "...";
  }
  std::string out;
  for (char c : s) {
    if (c == '|') {
      out += "\\|";
    } else if (c == '\n' || c == '\r') {
      out += ' ';
    } else {
      out += c;
    }
  }
  return out;
}

std::string Endpoint(const BadCase& c) {
  std::string path = c.target.substr(0, c.target.find('?'));
  // The route pattern, not the concrete id.
  for (const RouteInfo& route : Routes()) {
    std::string pattern(route.path);
    size_t brace = pattern.find("{id}");
    if (brace == std::string::npos) {
      if (pattern == path) return c.method + " " + pattern;
      continue;
    }
    std::string prefix = pattern.substr(0, brace), suffix = pattern.substr(brace + 4);
    if (path.size() > prefix.size() + suffix.size() && path.rfind(prefix, 0) == 0 &&
        path.compare(path.size() - suffix.size(), suffix.size(), suffix) == 0 &&
        path.substr(prefix.size(), path.size() - prefix.size() - suffix.size()).find('/') ==
            std::string::npos) {
      return c.method + " " + pattern;
    }
  }
  return c.method + " " + path;
}

std::string DocPath() { return std::string(PARLEY_SOURCE_DIR) + "/docs/API.md"; }
constexpr char kBegin[] =
    "<!-- BEGIN bad-requests (generated by tests/api/bad_parameters_test.cc) -->\n";
constexpr char kEnd[] = "<!-- END bad-requests -->\n";

class BadParametersTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    served_ = new testing::ServedStore();
    ASSERT_TRUE(served_->Open("parley_bad_params_test").ok());
    Status put = served_->Put(testing::TimelineArticles());
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
    ServerOptions server_options = testing::ServedStore::DefaultServer();
    server_options.max_body_bytes = kServerBodyLimit;
    auto port = served_->Serve(options, server_options);
    ASSERT_TRUE(port.ok()) << port.status().ToString();
  }

  static void TearDownTestSuite() {
    delete served_;  // the servers first: they may still use the extractor
    delete extractor_;
    served_ = nullptr, extractor_ = nullptr;
  }

  void SetUp() override {
    ASSERT_TRUE(served_ != nullptr && served_->servers() == 1) << "server did not start";
  }

  static HttpResult Run(const BadCase& c) {
    std::string headers = c.headers == "auth"    ? Auth(kToken)
                          : c.headers == "wrong" ? Auth("wrong")
                                                 : std::string();
    const std::string target = Expand(c.target);
    if (c.method == "GET" && c.body.empty()) return Get(served_->port(), target);
    return Send(served_->port(), c.method, target, Expand(c.body), headers);
  }

  static testing::ServedStore* served_;
  static extractors::Extractor* extractor_;
};

testing::ServedStore* BadParametersTest::served_ = nullptr;
extractors::Extractor* BadParametersTest::extractor_ = nullptr;

TEST_F(BadParametersTest, TableOfBadRequestsMatchesDocsApiMd) {
  std::ostringstream table;
  table << "| endpoint | input | bad value | status | error code | error parameter | message |\n"
        << "|---|---|---|---|---|---|---|\n";
  std::set<std::string> endpoints_covered;
  for (const BadCase& c : Cases()) {
    SCOPED_TRACE(c.method + " " + c.target.substr(0, 120));
    HttpResult r = Run(c);
    ASSERT_TRUE(r.ok()) << r.error;
    EXPECT_EQ(r.status, c.status) << r.body;
    ASSERT_TRUE(r.headers.count("content-type")) << r.body;
    EXPECT_EQ(r.headers.at("content-type").rfind("application/json", 0), 0u);
    rapidjson::Document doc = Json(r.body);
    ASSERT_FALSE(doc.HasParseError()) << r.body;
    ASSERT_TRUE(doc.IsObject() && doc.HasMember("error")) << r.body;
    const rapidjson::Value& error = doc["error"];
    EXPECT_EQ(Member(error, "code"), c.code) << r.body;
    EXPECT_EQ(Member(error, "parameter"), c.error_parameter) << r.body;
    const std::string message = Member(error, "message");
    EXPECT_FALSE(message.empty()) << r.body;
    // No echo of a hostile value into a header.
    EXPECT_EQ(r.headers.count("x-injected"), 0u);

    const std::string endpoint = Endpoint(c);
    endpoints_covered.insert(endpoint);
    const std::string shown = c.shown.empty() ? c.target : Expand(c.shown);
    table << "| `" << Cell(endpoint) << "` | " << Cell(c.parameter) << " | `" << Cell(shown, 40)
          << "` | " << r.status << " | " << Cell(Member(error, "code")) << " | "
          << (c.error_parameter.empty() ? "-" : "`" + Cell(c.error_parameter) + "`") << " | "
          << Cell(message) << " |\n";
  }
  // Every route has at least one row.
  for (const RouteInfo& route : Routes()) {
    EXPECT_TRUE(endpoints_covered.count(std::string(route.method) + " " + std::string(route.path)))
        << "no bad-request row for " << route.method << " " << route.path;
  }

  std::ifstream in(DocPath());
  ASSERT_TRUE(in) << "cannot read " << DocPath();
  std::stringstream buffer;
  buffer << in.rdbuf();
  std::string doc = buffer.str();
  const size_t begin = doc.find(kBegin), end = doc.find(kEnd);
  ASSERT_NE(begin, std::string::npos) << DocPath() << " lacks the line " << kBegin;
  ASSERT_NE(end, std::string::npos) << DocPath() << " lacks the line " << kEnd;
  ASSERT_LT(begin, end);
  const size_t body_at = begin + std::strlen(kBegin);
  const std::string current = doc.substr(body_at, end - body_at);
  if (std::getenv("PARLEY_WRITE_API_DOC") != nullptr) {
    doc.replace(body_at, end - body_at, table.str());
    std::ofstream(DocPath()) << doc;
    SUCCEED() << "rewrote the table of " << DocPath();
  } else {
    EXPECT_EQ(current, table.str())
        << "docs/API.md's table of bad requests is out of date; regenerate it with "
           "PARLEY_WRITE_API_DOC=1 build-h/tests/api/api_test --gtest_filter='BadParam*'";
  }
}

// Values that have broken parsers elsewhere, each already percent-encoded.
std::vector<std::pair<std::string, std::string>> HostileValues() {
  return {
      {"empty", ""},
      {"NUL", "%00"},
      {"bad UTF-8", "%FF%FE%FD"},
      {"overlong UTF-8 slash", "%C0%AF"},
      {"CRLF header injection", "a%0D%0AX-Injected:%201"},
      {"negative", "-1"},
      {"huge number", "184467440737095516160"},
      {"float", "1.5e308"},
      {"script", "%3Cscript%3Ealert(1)%3C%2Fscript%3E"},
      {"traversal", "..%2F..%2F..%2Fetc%2Fpasswd"},
      {"format string", "%25s%25s%25n"},
      {"right-to-left override", "%E2%80%AE1"},
      {"64 KB", std::string(64 * 1024, 'A')},
      {"date-like", "9999-99-99"},
      {"id of nothing", kUnknown},
  };
}

// A request for `route` that is valid but for `mutated` (its required parameters set
// to good values), with `mutated` set to `value`.
std::string TargetFor(const RouteInfo& route, const std::string& mutated,
                      const std::string& value) {
  std::map<std::string, std::string> good = {
      {"q", "Peskov"},    {"speaker", kPeskov},      {"node", kPeskov}, {"from", kPeskov},
      {"to", kStatement}, {"statement", kStatement}, {"format", "dot"}};
  if (route.path != "/v1/graph/path") good.erase("from"), good.erase("to");
  if (route.path != "/v1/export/graph") good.erase("format");
  if (route.path != "/v1/entities") good.erase("q");
  std::string path(route.path);
  if (size_t brace = path.find("{id}"); brace != std::string::npos) {
    path.replace(brace, 4, mutated == "{id}" ? value : kPeskov);
  }
  std::string query;
  for (std::string_view p : route.query_parameters) {
    std::string name(p);
    std::string v;
    if (name == mutated) {
      v = value;
    } else if (auto it = good.find(name); it != good.end()) {
      v = it->second;
    } else {
      continue;
    }
    query += (query.empty() ? "?" : "&") + name + "=" + v;
  }
  return path + query;
}

TEST_F(BadParametersTest, EveryParameterOfEveryRouteSurvivesHostileValues) {
  size_t requests = 0;
  for (const RouteInfo& route : Routes()) {
    std::vector<std::string> inputs;
    for (std::string_view p : route.query_parameters) inputs.emplace_back(p);
    if (std::string_view(route.path).find("{id}") != std::string_view::npos) {
      inputs.push_back("{id}");
    }
    if (route.method == "POST") inputs.push_back("body");
    for (const std::string& input : inputs) {
      for (const auto& [what, value] : HostileValues()) {
        // A path segment cannot be empty (that is another route) or hold '/'.
        if (input == "{id}" && (value.empty() || value.find("%2F") != std::string::npos)) continue;
        SCOPED_TRACE(std::string(route.method) + " " + std::string(route.path) + " " + input +
                     " = " + what);
        HttpResult r;
        if (input == "body") {
          std::string body = value;

          r = Send(served_->port(), "POST", std::string(route.path), body, Auth(kToken));
        } else if (route.method == "POST") {
          r = Send(served_->port(), "POST", TargetFor(route, input, value), "{}", Auth(kToken));
        } else {
          r = Get(served_->port(), TargetFor(route, input, value));
        }
        ++requests;
        ASSERT_TRUE(r.ok()) << r.error;
        EXPECT_LT(r.status, 500) << r.body.substr(0, 300);
        EXPECT_EQ(r.headers.count("x-injected"), 0u);
        if (r.status < 400) continue;
        rapidjson::Document doc = Json(r.body);
        ASSERT_FALSE(doc.HasParseError()) << r.status << " " << r.body.substr(0, 300);
        ASSERT_TRUE(doc.IsObject() && doc.HasMember("error")) << r.body.substr(0, 300);
        EXPECT_FALSE(Member(doc["error"], "message").empty());
        const std::string named = Member(doc["error"], "parameter");
        if (r.status == 400 || r.status == 404) {
          // The error names the input we broke (a path id is "id"; an encoded '/'
          // making a new path is a 404 for the path, naming nothing).
          const std::string expected = input == "{id}" ? "id" : input;
          if (!(r.status == 404 && named.empty() && input == "{id}")) {
            EXPECT_EQ(named, expected) << r.body.substr(0, 300);
          }
        }
      }
    }
  }
  EXPECT_GT(requests, 300u);
  HttpResult alive = Get(served_->port(), "/v1/health");
  ASSERT_TRUE(alive.ok()) << alive.error;
  EXPECT_EQ(alive.status, 200) << alive.body;
}

}  // namespace
}  // namespace parley::api
