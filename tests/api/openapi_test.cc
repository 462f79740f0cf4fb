// Keeps api/openapi.json true to the router: every route of Routes() is described
// with exactly the query parameters the router accepts; every described operation
// is answered (never "no such endpoint") and answered 200 when given its required
// parameters; no declared query parameter is refused as unknown; every $ref resolves.
// The router here is Api::Handle over an in-memory store holding real records, with
// a graph projection of it and the real extractor (so POST /v1/articles answers 200
// when given its body and token).
#include <gtest/gtest.h>
#include <rapidjson/document.h>
#include <rapidjson/pointer.h>

#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "api/handlers.h"
#include "extractors/extractor.h"
#include "graph/projection.h"
#include "graph/store/store.h"
#include "schema/schema.h"
#include "tests/api/timeline_data.h"

namespace parley::api {
namespace {

class OpenApiTest : public ::testing::Test {
 protected:
  void SetUp() override {
    doc_.Parse(OpenApiJson().data(), OpenApiJson().size());
    ASSERT_FALSE(doc_.HasParseError())
        << "api/openapi.json is not JSON, at offset " << doc_.GetErrorOffset();
    store_ = store::NewMemoryStore();
    for (const Extraction& x : testing::TimelineArticles()) {
      auto put = store_->PutArticle(x);
      ASSERT_TRUE(put.ok()) << put.status().ToString();
    }
    auto found = store_->FindEntities("Dmitry Peskov", 1);
    ASSERT_TRUE(found.ok() && found->size() == 1);
    entity_id_ = (*found)[0].id.ToHex();
    store::StatementQuery first;
    first.speaker = (*found)[0].id;
    first.limit = 1;
    auto page = store_->StatementsBySpeaker(first);
    ASSERT_TRUE(page.ok() && !page->items.empty());
    statement_id_ = page->items[0].id.ToHex();
    article_id_ = page->items[0].article_id.ToHex();
    {
      // An article naming an event, for /v1/events/{id}.
      Extraction x;
      x.id = "openapi-event";
      x.text = "Peskov said the summit in Alaska went well.";
      x.content_hash = "00000000000000e1";
      x.extractor_version = "test-1";
      x.article.title = "Summit";
      x.article.published = "2025-10-25";
      x.entities = {testing::TimelinePerson("e1", "Dmitry Peskov", {"Peskov"})};
      Event v;
      v.id = "v1";
      v.type = "meeting";
      v.name = "summit in Alaska";
      v.participants = {"e1"};
      v.date = "2025-10-25";
      v.mentions = {testing::CodePointSpanOf(x.text, "summit in Alaska")};
      x.events = {v};
      auto put = store_->PutArticle(x);
      ASSERT_TRUE(put.ok()) << put.status().ToString();
      store::EventQuery any;
      auto events = store_->FindEvents(any);
      ASSERT_TRUE(events.ok() && events->items.size() == 1);
      event_id_ = events->items[0].id.ToHex();
    }
    auto snapshot = graph::GraphSnapshot::Build(*store_);
    ASSERT_TRUE(snapshot.ok()) << snapshot.status().ToString();
    projection_ = std::make_unique<graph::GraphProjection>(std::move(*snapshot));
    auto schema = schema::LoadSchema(std::string(PARLEY_SOURCE_DIR) + "/schema");
    ASSERT_TRUE(schema.ok()) << schema.status().ToString();
    auto extractor = extractors::NewExtractor(*schema);
    ASSERT_TRUE(extractor.ok()) << extractor.status().ToString();
    extractor_ = std::move(*extractor);
    ApiOptions options;
    options.projection = projection_.get();
    options.extractor = extractor_.get();
    options.ingest_token = kToken;
    api_ = std::make_unique<Api>(*store_, options);
  }

  static constexpr const char* kToken = "openapi-test-token-0123";

  // The value a parameter of `path` gets in a request built from the description.
  std::string SampleValue(const std::string& path, const std::string& name) const {
    if (path == "/v1/graph/path" && (name == "from" || name == "to")) {
      return name == "from" ? entity_id_ : statement_id_;
    }
    if (path == "/v1/export/graph" && name == "format") return "graphml";
    static const std::map<std::string, std::string> kValues = {{"q", "Peskov"},
                                                               {"limit", "5"},
                                                               {"cursor", "x"},
                                                               {"from", "2025-10-01"},
                                                               {"to", "2025-12-31"},
                                                               {"format", "csv"},
                                                               {"entity", entity_id_},
                                                               {"speaker", entity_id_},
                                                               {"participant", entity_id_},
                                                               {"type", "meeting"},
                                                               {"node", entity_id_},
                                                               {"statement", statement_id_},
                                                               {"edges", "said,mentions"},
                                                               {"depth", "2"},
                                                               {"max_hops", "4"}};
    auto it = kValues.find(name);
    return it == kValues.end() ? "1" : it->second;
  }

  // "/v1/entities/{id}" with a real entity id, and so on.
  std::string ConcretePath(const std::string& path) const {
    std::string out = path;
    size_t brace = out.find("{id}");
    if (brace == std::string::npos) return out;
    std::string id = path.rfind("/v1/entities/", 0) == 0     ? entity_id_
                     : path.rfind("/v1/statements/", 0) == 0 ? statement_id_
                     : path.rfind("/v1/articles/", 0) == 0   ? article_id_
                     : path.rfind("/v1/events/", 0) == 0     ? event_id_
                                                             : std::string(16, '0');
    return out.replace(brace, 4, id);
  }

  // The parameter object, following a "$ref".
  const rapidjson::Value& Resolve(const rapidjson::Value& v) const {
    if (v.IsObject() && v.HasMember("$ref") && v["$ref"].IsString()) {
      std::string ref = v["$ref"].GetString();
      const rapidjson::Value* target = rapidjson::Pointer(ref.substr(1).c_str()).Get(doc_);
      if (target) return *target;
    }
    return v;
  }

  ApiResponse Call(const std::string& path, const std::multimap<std::string, std::string>& query,
                   const std::string& method = "get") {
    ApiRequest request;
    request.method = method == "post" ? "POST" : "GET";
    request.path = path;
    request.query = query;
    if (method == "post") {
      // The body the description's requestBody asks for, with the token.
      request.body = R"({"id": "openapi-post", "text": "Tomas Reyes said the talks went well."})";
      request.authorization = std::string("Bearer ") + kToken;
    }
    return api_->Handle(request);
  }

  rapidjson::Document doc_;
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<graph::GraphProjection> projection_;
  std::unique_ptr<extractors::Extractor> extractor_;
  std::unique_ptr<Api> api_;
  std::string entity_id_, statement_id_, article_id_, event_id_;
};

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

TEST_F(OpenApiTest, IsAnOpenApi3DocumentWhoseRefsAllResolve) {
  ASSERT_TRUE(doc_.IsObject());
  ASSERT_TRUE(doc_["openapi"].IsString());
  EXPECT_EQ(std::string(doc_["openapi"].GetString()).rfind("3.0", 0), 0u);
  ASSERT_TRUE(doc_["info"]["title"].IsString());
  ASSERT_TRUE(doc_["paths"].IsObject());
  ASSERT_TRUE(doc_["components"]["schemas"]["Error"].IsObject());
  std::vector<std::string> dangling;
  std::vector<const rapidjson::Value*> stack = {&doc_};
  size_t refs = 0;
  while (!stack.empty()) {
    const rapidjson::Value* v = stack.back();
    stack.pop_back();
    if (v->IsObject()) {
      for (const auto& m : v->GetObject()) {
        if (std::string(m.name.GetString()) == "$ref" && m.value.IsString()) {
          ++refs;
          std::string ref = m.value.GetString();
          if (ref.rfind("#/", 0) != 0 || !rapidjson::Pointer(ref.substr(1).c_str()).Get(doc_)) {
            dangling.push_back(ref);
          }
        }
        stack.push_back(&m.value);
      }
    } else if (v->IsArray()) {
      for (const auto& e : v->GetArray()) stack.push_back(&e);
    }
  }
  EXPECT_GT(refs, 10u);
  EXPECT_TRUE(dangling.empty()) << "unresolved $ref, e.g. " << dangling[0];
}

TEST_F(OpenApiTest, EveryRouteIsDescribedWithExactlyItsQueryParameters) {
  ASSERT_FALSE(Routes().empty());
  for (const RouteInfo& route : Routes()) {
    SCOPED_TRACE(std::string(route.path));
    std::string path(route.path);
    ASSERT_TRUE(doc_["paths"].HasMember(path.c_str())) << "not in api/openapi.json";
    const auto& item = doc_["paths"][path.c_str()];
    std::string method = Lower(route.method);
    ASSERT_TRUE(item.HasMember(method.c_str())) << "method " << route.method << " not described";
    const auto& op = item[method.c_str()];
    std::set<std::string> declared_query, declared_path;
    if (op.HasMember("parameters")) {
      for (const auto& p : op["parameters"].GetArray()) {
        const auto& param = Resolve(p);
        ASSERT_TRUE(param.IsObject() && param["name"].IsString() && param["in"].IsString());
        std::string in = param["in"].GetString();
        (in == "query" ? declared_query : declared_path).insert(param["name"].GetString());
      }
    }
    std::set<std::string> accepted(route.query_parameters.begin(), route.query_parameters.end());
    EXPECT_EQ(declared_query, accepted);
    std::set<std::string> in_template;
    for (size_t b = path.find('{'); b != std::string::npos; b = path.find('{', b + 1)) {
      in_template.insert(path.substr(b + 1, path.find('}', b) - b - 1));
    }
    EXPECT_EQ(declared_path, in_template);
    ASSERT_TRUE(op["responses"].IsObject());
    EXPECT_TRUE(op["responses"].HasMember("200"));
    EXPECT_TRUE(op["responses"].HasMember("400"));
  }
}

TEST_F(OpenApiTest, EveryDescribedOperationIsServedAndAnswers200WithItsRequiredParameters) {
  std::set<std::string> routed;
  for (const RouteInfo& route : Routes()) {
    routed.insert(Lower(route.method) + " " + std::string(route.path));
  }
  size_t operations = 0;
  for (const auto& path_item : doc_["paths"].GetObject()) {
    std::string path = path_item.name.GetString();
    for (const auto& op_member : path_item.value.GetObject()) {
      std::string method = op_member.name.GetString();
      SCOPED_TRACE(method + " " + path);
      ++operations;
      EXPECT_TRUE(routed.count(method + " " + path)) << "described but not in Routes()";
      ASSERT_TRUE(method == "get" || method == "post") << "the router serves GET and POST";
      if (method == "post") {
        EXPECT_TRUE(op_member.value.HasMember("requestBody"));
      }
      std::multimap<std::string, std::string> query;
      std::vector<std::string> optional;
      const auto& op = op_member.value;
      if (op.HasMember("parameters")) {
        for (const auto& p : op["parameters"].GetArray()) {
          const auto& param = Resolve(p);
          if (std::string(param["in"].GetString()) != "query") continue;
          std::string name = param["name"].GetString();
          if (param.HasMember("required") && param["required"].GetBool()) {
            query.emplace(name, SampleValue(path, name));
          } else {
            optional.push_back(name);
          }
        }
      }
      // /v1/timeline needs one of speaker, entity and q: OpenAPI 3.0 cannot say so.
      if (path == "/v1/timeline") query.emplace("speaker", SampleValue(path, "speaker"));
      ApiResponse response = Call(ConcretePath(path), query, method);
      EXPECT_EQ(response.status, 200) << response.body;

      // Each optional parameter is accepted (it may be refused for its value, never
      // as unknown).
      for (const std::string& name : optional) {
        auto with = query;
        with.emplace(name, SampleValue(path, name));
        ApiResponse r = Call(ConcretePath(path), with, method);
        EXPECT_NE(r.status, 404) << name << ": " << r.body;
        EXPECT_EQ(r.body.find("unknown parameter"), std::string::npos) << name << ": " << r.body;
      }
      // And an undeclared one is refused: the router checks the same list.
      auto with_bogus = query;
      with_bogus.emplace("zzz_undeclared", "1");
      ApiResponse bogus = Call(ConcretePath(path), with_bogus, method);
      EXPECT_EQ(bogus.status, 400) << bogus.body;
      EXPECT_NE(bogus.body.find("unknown parameter"), std::string::npos) << bogus.body;
    }
  }
  EXPECT_EQ(operations, Routes().size());
}

}  // namespace
}  // namespace parley::api
