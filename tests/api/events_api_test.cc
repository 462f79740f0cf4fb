// GET /v1/events (type, participant, from/to, q, cursor pages) and GET /v1/events/{id}
// over HTTP from a real server on a real RocksDB store, holding the fixture articles
// (fixtures/articles/*.txt and fixtures/cases/*/article.txt) as the real extractor
// reads them. Every answer is compared with a brute-force answer computed from the
// extractions' events: the same events, none twice, with their fields.
#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <filesystem>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "api/handlers.h"
#include "api/http_server.h"
#include "extractors/document_reader.h"
#include "extractors/extractor.h"
#include "graph/core/extraction.h"
#include "graph/core/ids.h"
#include "graph/store/key_format.h"
#include "graph/store/store.h"
#include "schema/schema.h"
#include "tests/api/http_client.h"
#include "tests/api/served_store.h"

namespace parley::api {
namespace {

namespace fs = std::filesystem;
using testing::Get;
using testing::HttpResult;

struct TruthEvent {
  std::string article;  // external id
  std::string type, name;
  std::optional<std::string> date;
  std::set<std::string> participants;  // entity ids (hex)
  std::map<std::string, std::string> participant_names;
  std::set<std::string> mentioning_texts;  // statements with a mention of it inside
};

// YYYYMMDD of a date as the store compares them ("2025-10" = 20251000); 0 when none.
uint32_t DayNumber(const std::optional<std::string>& date) {
  if (!date) return 0;
  return store::DateNumber(*date).value_or(0);
}

bool SpanInside(const Span& inner, const Span& outer) {
  return inner.begin >= outer.begin && inner.end <= outer.end;
}

class EventsApiTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    served_ = new testing::ServedStore();
    ASSERT_TRUE(served_->Open("parley_events_api").ok());
    auto schema = schema::LoadSchema(std::string(PARLEY_SOURCE_DIR) + "/schema");
    ASSERT_TRUE(schema.ok()) << schema.status().ToString();
    schema_ = new schema::Schema(*schema);
    auto extractor = extractors::NewExtractor(*schema);
    ASSERT_TRUE(extractor.ok()) << extractor.status().ToString();
    truth_ = new std::map<std::string, TruthEvent>();

    // The fixture articles; a case's article.txt takes its folder's name as id.
    std::vector<std::pair<std::string, std::string>> inputs;  // path, id ("" = stem)
    const fs::path fixtures = fs::path(PARLEY_SOURCE_DIR) / "fixtures";
    for (const auto& f : fs::directory_iterator(fixtures / "articles")) {
      if (f.path().extension() == ".txt") inputs.emplace_back(f.path().string(), "");
    }
    for (const auto& c : fs::directory_iterator(fixtures / "cases")) {
      if (fs::exists(c.path() / "article.txt")) {
        inputs.emplace_back((c.path() / "article.txt").string(),
                            "case-" + c.path().filename().string());
      }
    }
    std::sort(inputs.begin(), inputs.end());
    for (const auto& [path, id] : inputs) {
      std::vector<extractors::ReadProblem> problems;
      std::vector<Document> docs;
      Status read = extractors::ReadDocuments(
          path, extractors::ReadOptions{}, [&](Document&& d) { docs.push_back(std::move(d)); },
          &problems);
      ASSERT_TRUE(read.ok()) << read.ToString();
      ASSERT_TRUE(problems.empty()) << path;
      for (Document& d : docs) {
        if (!id.empty()) d.id = id;
        Extraction x = (*extractor)->Extract(d);
        auto put = served_->store().PutArticle(x);
        ASSERT_TRUE(put.ok()) << path << ": " << put.status().ToString();
        std::map<std::string, const Entity*> entities;
        for (const Entity& e : x.entities) entities[e.id] = &e;
        for (const Event& v : x.events) {
          TruthEvent t;
          t.article = x.id;
          t.type = v.type;
          t.name = v.name;
          t.date = v.date;
          for (const std::string& p : v.participants) {
            const Entity& e = *entities.at(p);
            const std::string hex = EntityNodeId(*NodeKindFromName(e.type), e.name).ToHex();
            t.participants.insert(hex);
            t.participant_names[hex] = e.name;
          }
          for (const Statement& s : x.statements) {
            const std::vector<Span> pieces =
                s.content_spans.empty() ? std::vector<Span>{s.content} : s.content_spans;
            bool inside = false;
            for (const Span& m : v.mentions) {
              for (const Span& piece : pieces) inside = inside || SpanInside(m, piece);
            }
            if (inside) t.mentioning_texts.insert(s.text);
          }
          (*truth_)[EventNodeId(x.id, v.id).ToHex()] = std::move(t);
        }
      }
    }
    ApiOptions api_options;
    api_options.people = &schema_->people;
    auto port = served_->Serve(api_options);
    ASSERT_TRUE(port.ok()) << port.status().ToString();
  }

  static void TearDownTestSuite() {
    delete served_;
    delete truth_;
    delete schema_;
    served_ = nullptr, truth_ = nullptr, schema_ = nullptr;
  }

  void SetUp() override {
    ASSERT_TRUE(served_ != nullptr && served_->servers() == 1);
    // The fixtures name events (meetings, sanctions, talks): without them this test
    // would check nothing.
    ASSERT_GE(truth_->size(), 3u) << "the fixtures yielded too few events";
  }

  static rapidjson::Document Json(const HttpResult& r) {
    rapidjson::Document doc;
    doc.Parse(r.body.c_str());
    return doc;
  }

  // Walks every page of /v1/events?<query>&limit=<limit>; checks each item against the
  // truth and that no event comes twice. Returns the ids in order.
  std::vector<std::string> Walk(const std::string& query, int limit) {
    std::vector<std::string> ids;
    std::set<std::string> seen;
    std::string cursor;
    for (int page = 0; page < 1000; ++page) {
      std::string target = "/v1/events?limit=" + std::to_string(limit) + query;
      if (!cursor.empty()) target += "&cursor=" + cursor;
      HttpResult r = Get(served_->port(), target);
      EXPECT_TRUE(r.ok()) << r.error;
      EXPECT_EQ(r.status, 200) << target << ": " << r.body;
      if (r.status != 200) return ids;
      rapidjson::Document doc = Json(r);
      EXPECT_TRUE(doc.IsObject() && doc["items"].IsArray()) << r.body;
      EXPECT_LE(doc["items"].Size(), static_cast<unsigned>(limit));
      for (const auto& item : doc["items"].GetArray()) {
        const std::string id = item["id"].GetString();
        EXPECT_TRUE(seen.insert(id).second) << id << " came twice for " << query;
        ids.push_back(id);
        auto it = truth_->find(id);
        if (it == truth_->end()) {
          ADD_FAILURE() << "event " << id << " is no event of the extractions";
          continue;
        }
        const TruthEvent& t = it->second;
        EXPECT_EQ(item["type"].GetString(), t.type);
        EXPECT_EQ(item["name"].GetString(), t.name);
        if (t.date) {
          EXPECT_TRUE(item["date"].IsString() && item["date"].GetString() == *t.date) << id;
        } else {
          EXPECT_TRUE(item["date"].IsNull()) << id;
        }
        EXPECT_EQ(item["article_id"].GetString(), ArticleNodeId(t.article).ToHex());
        std::set<std::string> participants;
        for (const auto& p : item["participants"].GetArray()) {
          const std::string pid = p["id"].GetString();
          participants.insert(pid);
          EXPECT_TRUE(p["name"].IsString()) << pid;
          if (p["name"].IsString() && t.participant_names.count(pid)) {
            EXPECT_EQ(p["name"].GetString(), t.participant_names.at(pid));
          }
        }
        EXPECT_EQ(participants, t.participants) << id;
      }
      if (doc["next_cursor"].IsNull()) return ids;
      EXPECT_TRUE(doc["next_cursor"].IsString());
      cursor = doc["next_cursor"].GetString();
      EXPECT_FALSE(cursor.empty());
      if (cursor.empty()) return ids;
    }
    ADD_FAILURE() << "more than 1000 pages for " << query;
    return ids;
  }

  template <typename Pred>
  static std::set<std::string> Brute(Pred pred) {
    std::set<std::string> out;
    for (const auto& [id, t] : *truth_) {
      if (pred(t)) out.insert(id);
    }
    return out;
  }

  static std::set<std::string> AsSet(const std::vector<std::string>& v) {
    return std::set<std::string>(v.begin(), v.end());
  }

  static inline testing::ServedStore* served_ = nullptr;
  static inline std::map<std::string, TruthEvent>* truth_ = nullptr;
  static inline schema::Schema* schema_ = nullptr;
};

TEST_F(EventsApiTest, EveryEventOnceInPagesOfEachSize) {
  const std::set<std::string> all = Brute([](const TruthEvent&) { return true; });
  for (int limit : {1, 2, 3, 50, 1000}) {
    SCOPED_TRACE("limit " + std::to_string(limit));
    std::vector<std::string> ids = Walk("", limit);
    EXPECT_EQ(ids.size(), all.size());
    EXPECT_EQ(AsSet(ids), all);
  }
  // The default page is 50.
  HttpResult r = Get(served_->port(), "/v1/events");
  ASSERT_EQ(r.status, 200) << r.body;
  rapidjson::Document doc = Json(r);
  EXPECT_EQ(doc["items"].Size(), std::min<size_t>(all.size(), 50));
}

TEST_F(EventsApiTest, TypeAndParticipantFiltersMatchBruteForce) {
  std::set<std::string> types, participants;
  for (const auto& [id, t] : *truth_) {
    types.insert(t.type);
    participants.insert(t.participants.begin(), t.participants.end());
  }
  for (const std::string& type : types) {
    SCOPED_TRACE("type " + type);
    EXPECT_EQ(AsSet(Walk("&type=" + type, 2)),
              Brute([&](const TruthEvent& t) { return t.type == type; }));
  }
  EXPECT_TRUE(Walk("&type=no_such_type", 10).empty());
  ASSERT_FALSE(participants.empty()) << "no event of the fixtures has a participant";
  for (const std::string& p : participants) {
    SCOPED_TRACE("participant " + p);
    EXPECT_EQ(AsSet(Walk("&participant=" + p, 1)),
              Brute([&](const TruthEvent& t) { return t.participants.count(p) > 0; }));
    // Combined with a type: both must hold.
    const std::string type = *types.begin();
    EXPECT_EQ(
        AsSet(Walk("&participant=" + p + "&type=" + type, 1)),
        Brute([&](const TruthEvent& t) { return t.participants.count(p) > 0 && t.type == type; }));
  }
}

TEST_F(EventsApiTest, DateWindowsMatchBruteForce) {
  std::set<uint32_t> days;
  for (const auto& [id, t] : *truth_) {
    if (uint32_t d = DayNumber(t.date); d % 100 != 0) days.insert(d);
  }
  ASSERT_FALSE(days.empty()) << "no event of the fixtures has a full date";
  auto iso = [](uint32_t d) {
    char buf[16];
    std::snprintf(buf, sizeof(buf), "%04u-%02u-%02u", d / 10000, d / 100 % 100, d % 100);
    return std::string(buf);
  };
  for (uint32_t from : days) {
    for (uint32_t to : days) {
      if (from > to) continue;
      SCOPED_TRACE(iso(from) + ".." + iso(to));
      EXPECT_EQ(AsSet(Walk("&from=" + iso(from) + "&to=" + iso(to), 2)),
                Brute([&](const TruthEvent& t) {
                  const uint32_t d = DayNumber(t.date);
                  return d != 0 && d >= from && d <= to;
                }));
    }
    EXPECT_EQ(AsSet(Walk("&from=" + iso(from), 3)), Brute([&](const TruthEvent& t) {
                return DayNumber(t.date) != 0 && DayNumber(t.date) >= from;
              }));
    EXPECT_EQ(AsSet(Walk("&to=" + iso(from), 3)), Brute([&](const TruthEvent& t) {
                return DayNumber(t.date) != 0 && DayNumber(t.date) <= from;
              }));
  }
}

TEST_F(EventsApiTest, NameWordsMatchBruteForce) {
  std::set<std::string> words;
  for (const auto& [id, t] : *truth_) {
    for (const std::string& w : store::SearchTokens(t.name)) words.insert(w);
  }
  ASSERT_FALSE(words.empty());
  for (const std::string& w : words) {
    SCOPED_TRACE("q " + w);
    auto has = [&](const TruthEvent& t, const std::string& word) {
      const auto tokens = store::SearchTokens(t.name);
      return std::find(tokens.begin(), tokens.end(), word) != tokens.end();
    };
    const std::set<std::string> want = Brute([&](const TruthEvent& t) { return has(t, w); });
    EXPECT_FALSE(want.empty());
    EXPECT_EQ(AsSet(Walk("&q=" + w, 1)), want);
    // Upper case finds the same (the words are folded).
    std::string upper = w;
    for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    EXPECT_EQ(AsSet(Walk("&q=" + upper, 5)), want);
  }
  EXPECT_TRUE(Walk("&q=zzzqqqxxx", 5).empty());
}

TEST_F(EventsApiTest, EventDetailHasParticipantsStatementsAndArticle) {
  size_t with_statements = 0;
  for (const auto& [id, t] : *truth_) {
    SCOPED_TRACE("event " + id);
    HttpResult r = Get(served_->port(), "/v1/events/" + id);
    ASSERT_TRUE(r.ok()) << r.error;
    ASSERT_EQ(r.status, 200) << r.body;
    rapidjson::Document doc = Json(r);
    EXPECT_EQ(doc["id"].GetString(), id);
    EXPECT_EQ(doc["type"].GetString(), t.type);
    EXPECT_EQ(doc["name"].GetString(), t.name);
    std::set<std::string> participants;
    for (const auto& p : doc["participants"].GetArray()) {
      participants.insert(p["id"].GetString());
      auto name = t.participant_names.find(p["id"].GetString());
      ASSERT_NE(name, t.participant_names.end());
      EXPECT_EQ(p["name"].GetString(), name->second);
    }
    EXPECT_EQ(participants, t.participants);
    ASSERT_TRUE(doc["article"].IsObject());
    EXPECT_EQ(doc["article"]["external_id"].GetString(), t.article);
    ASSERT_TRUE(doc["articles"].IsArray());
    bool own_article = false;
    for (const auto& a : doc["articles"].GetArray()) {
      own_article = own_article || a["external_id"].GetString() == t.article;
    }
    EXPECT_TRUE(own_article);
    std::set<std::string> mentioning;
    for (const auto& s : doc["statements"].GetArray()) {
      bool mentions = false;
      for (const auto& k : s["links"].GetArray()) {
        mentions = mentions || std::string(k.GetString()) == "mentions";
      }
      // Each statement named is a stored statement; one node holds the same words of
      // one speaker in every article reporting them, so its text there is that of its
      // report in the event's article.
      HttpResult st = Get(served_->port(), std::string("/v1/statements/") + s["id"].GetString());
      ASSERT_EQ(st.status, 200) << st.body;
      rapidjson::Document statement = Json(st);
      for (const auto& report : statement["reported_in"].GetArray()) {
        if (mentions && report["article"]["external_id"].GetString() == t.article) {
          mentioning.insert(report["text"].GetString());
        }
      }
    }
    EXPECT_EQ(mentioning, t.mentioning_texts);
    with_statements += !t.mentioning_texts.empty();
    EXPECT_FALSE(doc["links_truncated"].GetBool());
  }
  // Nothing else answers as an event.
  HttpResult article =
      Get(served_->port(), "/v1/events/" + ArticleNodeId(truth_->begin()->second.article).ToHex());
  EXPECT_EQ(article.status, 404) << article.body;
}

TEST_F(EventsApiTest, BadParametersAreNamed) {
  for (const auto& [target, parameter, status] :
       std::vector<std::tuple<std::string, std::string, int>>{
           {"/v1/events?limit=0", "limit", 400},
           {"/v1/events?limit=1001", "limit", 400},
           {"/v1/events?cursor=ev12", "cursor", 400},
           {"/v1/events?cursor=ev00000000000000zz", "cursor", 400},
           {"/v1/events?type=A", "type", 400},
           {"/v1/events?from=2025-02-30", "from", 400},
           {"/v1/events?to=tomorrow", "to", 400},
           {"/v1/events?participant=00000000000000ab", "participant", 404},
           {"/v1/events/00000000000000ab", "id", 404},
       }) {
    SCOPED_TRACE(target);
    HttpResult r = Get(served_->port(), target);
    ASSERT_TRUE(r.ok()) << r.error;
    EXPECT_EQ(r.status, status) << r.body;
    rapidjson::Document doc = Json(r);
    ASSERT_TRUE(doc.IsObject() && doc.HasMember("error")) << r.body;
    EXPECT_EQ(std::string(doc["error"]["parameter"].GetString()), parameter) << r.body;
  }
}

// /v1/entities/{id} gives each person's dated roles as schema/people.yaml has them.
TEST_F(EventsApiTest, EntityGivesTheSchemasDatedRoles) {
  size_t people = 0, dated = 0;
  for (const schema::PersonDef& person : schema_->people) {
    const std::string id = EntityNodeId(NodeKind::kPerson, person.name).ToHex();
    HttpResult r = Get(served_->port(), "/v1/entities/" + id);
    ASSERT_TRUE(r.ok()) << r.error;
    if (r.status == 404) continue;  // not in the fixtures
    SCOPED_TRACE(person.name);
    ASSERT_EQ(r.status, 200) << r.body;
    ++people;
    rapidjson::Document doc = Json(r);
    ASSERT_FALSE(doc.HasParseError()) << r.body;
    EXPECT_EQ(doc["name"].GetString(), person.name);
    const auto& roles = doc["dated_roles"];
    ASSERT_TRUE(roles.IsArray()) << r.body;
    ASSERT_EQ(roles.Size(), person.roles.size());
    for (size_t i = 0; i < person.roles.size(); ++i) {
      const schema::RoleDef& want = person.roles[i];
      const auto& got = roles[static_cast<rapidjson::SizeType>(i)];
      EXPECT_EQ(got["title"].GetString(), want.title);
      auto opt = [](const rapidjson::Value& v) {
        return v.IsNull() ? std::optional<std::string>()
                          : std::optional<std::string>(v.GetString());
      };
      EXPECT_EQ(opt(got["from"]), want.from);
      EXPECT_EQ(opt(got["to"]), want.to);
      EXPECT_EQ(opt(got["org"]).value_or(""), want.org);
      EXPECT_EQ(opt(got["country"]).value_or(""), want.country);
      dated += want.from.has_value();
    }
  }
  EXPECT_GE(people, 2u) << "the fixtures should name people of schema/people.yaml";
  EXPECT_GE(dated, 1u);
  // An entity the schema does not list as a person has none.
  for (const auto& [id, t] : *truth_) {
    for (const std::string& p : t.participants) {
      HttpResult r = Get(served_->port(), "/v1/entities/" + p);
      ASSERT_EQ(r.status, 200) << r.body;
      rapidjson::Document doc = Json(r);
      bool listed = false;
      for (const schema::PersonDef& person : schema_->people) {
        listed = listed || (person.name == doc["name"].GetString() &&
                            std::string(doc["type"].GetString()) == "person");
      }
      if (!listed) {
        EXPECT_EQ(doc["dated_roles"].Size(), 0u) << r.body;
      }
    }
  }
}

}  // namespace
}  // namespace parley::api
