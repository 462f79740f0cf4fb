// GET /v1/statements with its filters (speaker, entity mentioned, article, type,
// speech_act, q, from/to) combined and paged with cursors, over HTTP from a real
// server on a real RocksDB store of 60 generated articles. Each query's pages are
// walked to the end and compared with a brute-force answer computed from what was
// generated: the same statements, none twice, newest utterance date first, and (for
// q, whose matching happens above the store) pages that stay full until the last.
#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include <filesystem>
#include <map>
#include <optional>
#include <random>
#include <set>
#include <string>
#include <tuple>
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

constexpr int kPeople = 5;
constexpr const char* kTypes[] = {"direct", "indirect", "mixed"};
constexpr const char* kActs[] = {"assert", "deny", "warn"};
constexpr const char* kWords[] = {"sanctions", "talks", "grain", "border", "summit", "Gas"};

std::string Person(int p) { return "Person Number" + std::string(1, static_cast<char>('A' + p)); }
NodeId PersonId(int p) { return EntityNodeId(NodeKind::kPerson, Person(p)); }

struct Truth {
  NodeId id, article, speaker;
  std::set<NodeId> mentioned;
  std::string type, act, text;
  std::optional<std::string> date;
};

// Article `n`: 2-6 statements by random people, each mentioning 0-2 people inside its
// content, with two or three words of kWords in its text, random type, act and date.
Extraction Generate(int n, std::vector<Truth>* truth) {
  std::mt19937 rng(static_cast<uint32_t>(n * 7919 + 17));
  auto pick = [&](int k) { return static_cast<int>(rng() % static_cast<uint32_t>(k)); };
  Extraction x;
  x.id = "st-" + std::to_string(n);
  x.content_hash = "hash-" + std::to_string(n);
  x.extractor_version = "test-1";
  x.article.title = "Article " + std::to_string(n);
  x.article.published = "2025-09-" + std::to_string(10 + pick(20));
  std::map<int, size_t> entity_of;
  auto entity = [&](int p) -> Entity& {
    auto [it, added] = entity_of.try_emplace(p, x.entities.size());
    if (added) {
      Entity e;
      e.id = "e" + std::to_string(p);
      e.type = "person";
      e.name = Person(p);
      x.entities.push_back(e);
    }
    return x.entities[it->second];
  };
  const int statements = 2 + pick(5);
  for (int i = 0; i < statements; ++i) {
    // Each statement's content is its own 100-code-point slot of the text.
    std::string text = std::string(kWords[pick(6)]) + " and " + kWords[pick(6)];
    if (pick(2)) text += " then " + std::string(kWords[pick(6)]);
    // A word of its own: the store makes one node of the same words by the same speaker
    // (a syndicated quote), which brute force here does not model.
    text += " n" + std::to_string(n) + "x" + std::to_string(i);
    text.resize(90, ' ');
    Statement s;
    s.id = "s" + std::to_string(i + 1);
    s.content = {100 * i, 100 * i + 90};
    s.text = text;
    s.type = kTypes[pick(3)];
    s.cue = "said";
    s.speech_act = kActs[pick(3)];
    if (pick(5) != 0) s.date = "2025-10-" + std::to_string(10 + pick(15));
    Truth t;
    t.id = StatementNodeId(x.id, s.id);
    t.article = ArticleNodeId(x.id);
    const int speaker = pick(kPeople);
    s.speaker_entity = entity(speaker).id;
    s.speaker = Person(speaker);
    t.speaker = PersonId(speaker);
    for (int m = pick(3); m > 0; --m) {
      const int p = pick(kPeople);
      entity(p).mentions.push_back({s.content.begin + 2, s.content.begin + 6});
      t.mentioned.insert(PersonId(p));
    }
    t.type = s.type;
    t.act = s.speech_act;
    t.date = s.date;
    t.text = s.text;
    x.text += s.text + std::string(10, ' ');
    x.statements.push_back(s);
    truth->push_back(t);
  }
  return x;
}

struct Filter {
  std::optional<int> speaker, entity, article;
  std::string type, act, q, from, to;
};

bool HasWord(const std::string& text, const std::string& word) {
  // The generated texts are ASCII words separated by spaces; q is matched folded.
  std::string lower;
  for (char c : text) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  std::string w;
  for (char c : word) w += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  size_t at = 0;
  while ((at = lower.find(w, at)) != std::string::npos) {
    const bool start = at == 0 || lower[at - 1] == ' ';
    const bool end = at + w.size() == lower.size() || lower[at + w.size()] == ' ';
    if (start && end) return true;
    ++at;
  }
  return false;
}

class StatementsApiTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    served_ = new testing::ServedStore();
    ASSERT_TRUE(served_->Open("parley_statements_api").ok());
    truth_ = new std::vector<Truth>();
    std::vector<Extraction> articles;
    for (int n = 0; n < 60; ++n) articles.push_back(Generate(n, truth_));
    Status put = served_->Put(articles);
    ASSERT_TRUE(put.ok()) << put.ToString();
    auto port = served_->Serve(ApiOptions{});
    ASSERT_TRUE(port.ok()) << port.status().ToString();
  }

  static void TearDownTestSuite() {
    delete served_;
    delete truth_;
    served_ = nullptr, truth_ = nullptr;
  }

  void SetUp() override { ASSERT_TRUE(served_ != nullptr && served_->servers() == 1); }

  static std::string Query(const Filter& f) {
    std::string out;
    auto add = [&](const std::string& name, const std::string& value) {
      if (!value.empty()) out += "&" + name + "=" + value;
    };
    if (f.speaker) add("speaker", PersonId(*f.speaker).ToHex());
    if (f.entity) add("entity", PersonId(*f.entity).ToHex());
    if (f.article) add("article", ArticleNodeId("st-" + std::to_string(*f.article)).ToHex());
    add("type", f.type);
    add("speech_act", f.act);
    add("q", f.q);
    add("from", f.from);
    add("to", f.to);
    return out;
  }

  static std::set<NodeId> Expected(const Filter& f) {
    std::set<NodeId> out;
    for (const Truth& t : *truth_) {
      if (f.speaker && t.speaker != PersonId(*f.speaker)) continue;
      if (f.entity && !t.mentioned.count(PersonId(*f.entity))) continue;
      if (f.article && t.article != ArticleNodeId("st-" + std::to_string(*f.article))) continue;
      if (!f.type.empty() && t.type != f.type) continue;
      if (!f.act.empty() && t.act != f.act) continue;
      if ((!f.from.empty() || !f.to.empty()) && !t.date) continue;
      if (!f.from.empty() && *t.date < f.from) continue;
      if (!f.to.empty() && *t.date > f.to) continue;
      bool words = true;
      for (size_t at = 0; at < f.q.size();) {
        size_t plus = f.q.find('+', at);
        if (plus == std::string::npos) plus = f.q.size();
        words = words && HasWord(t.text, f.q.substr(at, plus - at));
        at = plus + 1;
      }
      if (words) out.insert(t.id);
    }
    return out;
  }

  // Walks every page of `f` at `limit`, checking each page; returns the ids in order.
  static std::vector<NodeId> Walk(const Filter& f, int limit, bool pages_stay_full) {
    std::vector<NodeId> ids;
    std::vector<std::optional<std::string>> dates;
    std::string cursor;
    for (int pages = 0; pages < 1000; ++pages) {
      std::string target = "/v1/statements?limit=" + std::to_string(limit) + Query(f);
      if (!cursor.empty()) target += "&cursor=" + cursor;
      HttpResult r = Get(served_->port(), target);
      EXPECT_EQ(r.status, 200) << target << ": " << r.body;
      if (r.status != 200) break;
      rapidjson::Document doc;
      doc.Parse(r.body.c_str(), r.body.size());
      const auto& items = doc["items"];
      for (const auto& s : items.GetArray()) {
        ids.push_back(*NodeId::FromHex(s["id"].GetString()));
        dates.push_back(s["date"].IsString() ? std::optional<std::string>(s["date"].GetString())
                                             : std::nullopt);
      }
      if (doc["next_cursor"].IsNull()) break;
      if (pages_stay_full) {
        EXPECT_EQ(items.Size(), static_cast<unsigned>(limit)) << target << " is short";
      }
      cursor = doc["next_cursor"].GetString();
      EXPECT_LE(cursor.size(), 1024u);
    }
    // Newest utterance date first, undated last.
    for (size_t i = 1; i < dates.size(); ++i) {
      if (!dates[i - 1]) {
        EXPECT_FALSE(dates[i]) << "a dated statement after an undated one";
      } else if (dates[i]) {
        EXPECT_GE(*dates[i - 1], *dates[i]);
      }
    }
    return ids;
  }

  static void Check(const Filter& f, const std::string& what) {
    SCOPED_TRACE(what + ": " + Query(f));
    const std::set<NodeId> expected = Expected(f);
    if (what != "a word no statement has") {
      EXPECT_FALSE(expected.empty());
    }
    for (int limit : {1, 3, 50}) {
      SCOPED_TRACE("limit " + std::to_string(limit));
      std::vector<NodeId> got = Walk(f, limit, /*pages_stay_full=*/true);
      std::set<NodeId> unique(got.begin(), got.end());
      EXPECT_EQ(unique.size(), got.size()) << "a statement came twice";
      EXPECT_EQ(unique, expected);
    }
  }

  static testing::ServedStore* served_;
  static std::vector<Truth>* truth_;
};

testing::ServedStore* StatementsApiTest::served_ = nullptr;
std::vector<Truth>* StatementsApiTest::truth_ = nullptr;

template <typename Fn>
Filter F(Fn set) {
  Filter f;
  set(f);
  return f;
}

TEST_F(StatementsApiTest, EachFilterAloneMatchesBruteForce) {
  ASSERT_GT(truth_->size(), 150u);
  Check(Filter(), "no filter");
  Check(F([](Filter& f) { f.speaker = 1; }), "speaker");
  Check(F([](Filter& f) { f.entity = 2; }), "entity mentioned");
  Check(F([](Filter& f) { f.article = 7; }), "article");
  Check(F([](Filter& f) { f.type = "indirect"; }), "type");
  Check(F([](Filter& f) { f.act = "deny"; }), "speech act");
  Check(F([](Filter& f) {
          f.from = "2025-10-15";
          f.to = "2025-10-18";
        }),
        "date window");
  Check(F([](Filter& f) { f.q = "grain"; }), "one word");
  Check(F([](Filter& f) { f.q = "GAS"; }), "a word in another case");
  Check(F([](Filter& f) { f.q = "sanctions+talks"; }), "two words");
}

TEST_F(StatementsApiTest, CombinedFiltersMatchBruteForce) {
  Check(F([](Filter& f) {
          f.speaker = 0;
          f.entity = 3;
        }),
        "speaker and entity");
  Check(F([](Filter& f) {
          f.speaker = 2;
          f.type = "direct";
          f.act = "warn";
        }),
        "speaker, type, act");
  Check(F([](Filter& f) {
          f.entity = 1;
          f.from = "2025-10-12";
        }),
        "entity since");
  Check(F([](Filter& f) {
          f.speaker = 4;
          f.q = "border";
        }),
        "speaker and a word");
  Check(F([](Filter& f) {
          f.article = 3;
          f.q = "summit";
        }),
        "article and a word");
  Check(F([](Filter& f) {
          f.act = "assert";
          f.q = "talks";
          f.to = "2025-10-20";
        }),
        "act, word, until");
  Check(F([](Filter& f) { f.q = "nowhere"; }), "a word no statement has");
}

TEST_F(StatementsApiTest, UnknownIdsAre404sAndForeignCursorsAre400s) {
  auto error_of = [](const HttpResult& r) {
    rapidjson::Document doc;
    doc.Parse(r.body.c_str(), r.body.size());
    return std::to_string(r.status) + " " + doc["error"]["parameter"].GetString();
  };
  EXPECT_EQ(error_of(Get(served_->port(), "/v1/statements?entity=00000000000000ab")), "404 entity");
  EXPECT_EQ(error_of(Get(served_->port(), "/v1/statements?article=00000000000000ab")),
            "404 article");
  // A cursor of one query is refused by another (the store fingerprints its queries);
  // a q cursor must decode.
  HttpResult first = Get(served_->port(), "/v1/statements?limit=2&type=direct");
  rapidjson::Document doc;
  doc.Parse(first.body.c_str(), first.body.size());
  ASSERT_TRUE(doc["next_cursor"].IsString()) << first.body;
  const std::string cursor = doc["next_cursor"].GetString();
  EXPECT_EQ(error_of(Get(served_->port(), "/v1/statements?limit=2&type=mixed&cursor=" + cursor)),
            "400 cursor");
  for (std::string bad : {"q5.3.", "q0.0.", "q1001.1000.", "qx.1.", "q0.1.zz"}) {
    SCOPED_TRACE(bad);
    EXPECT_EQ(error_of(Get(served_->port(), "/v1/statements?q=gas&cursor=" + bad)), "400 cursor");
  }
}

}  // namespace
}  // namespace parley::api

namespace parley::api {
namespace {

// The same words by the same speaker in two articles are one statement: its page
// lists both reports, each with its own article, cue and offsets.
TEST(StatementReportsTest, ASyndicatedStatementListsEveryArticleReportingIt) {
  std::string pattern =
      (std::filesystem::temp_directory_path() / "parley_statement_reports_XXXXXX").string();
  ASSERT_NE(mkdtemp(pattern.data()), nullptr);
  const std::string dir = pattern;
  {
    auto store = store::OpenRocksDbStore(dir + "/db", store::StoreOptions{});
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    const std::string words = "the grain corridor will stay open";
    for (auto [id, lead, date] :
         {std::tuple{"wire-1", std::string("Peskov said "), "2025-10-01"},
          std::tuple{"wire-2", std::string("Later, Peskov told us "), "2025-10-01"}}) {  // same day: one node
      Extraction x;
      x.id = id;
      x.text = lead + words + ".";
      x.content_hash = std::string("hash-") + id;
      x.extractor_version = "test-1";
      x.article.title = std::string("Title ") + id;
      x.article.published = date;
      Entity e;
      e.id = "e1";
      e.type = "person";
      e.name = "Dmitry Peskov";
      Statement s;
      s.id = "s1";
      s.content = {static_cast<int64_t>(lead.size()),
                   static_cast<int64_t>(lead.size() + words.size())};
      s.text = words;
      s.type = "indirect";
      s.cue = lead.find("told") != std::string::npos ? "told" : "said";
      s.speech_act = "assert";
      s.speaker = e.name;
      s.speaker_entity = "e1";
      x.entities = {e};
      x.statements = {s};
      auto put = (*store)->PutArticle(x);
      ASSERT_TRUE(put.ok()) << put.status().ToString();
    }
    Api api(**store);
    ApiRequest request;
    request.method = "GET";
    request.path = "/v1/statements/" + StatementNodeId("wire-1", "s1").ToHex();
    ApiResponse response = api.Handle(request);
    ASSERT_EQ(response.status, 200) << response.body;
    rapidjson::Document doc;
    doc.Parse(response.body.c_str(), response.body.size());
    ASSERT_TRUE(doc.HasMember("reported_in") && doc["reported_in"].IsArray()) << response.body;
    const auto& reports = doc["reported_in"];
    ASSERT_EQ(reports.Size(), 2u) << response.body;
    std::set<std::string> seen;
    for (const auto& r : reports.GetArray()) {
      seen.insert(std::string(r["article"]["external_id"].GetString()) + " " +
                  r["cue"].GetString() + " " + std::to_string(r["start"].GetInt64()));
    }
    EXPECT_EQ(seen, (std::set<std::string>{"wire-1 said 12", "wire-2 told 22"}));
  }
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace parley::api
