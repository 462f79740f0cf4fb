// FindStatements against a brute-force answer: a generated corpus stored in a real
// RocksDB folder, every combination of filters paged with several limits (and a tiny
// scan budget, so that short pages and resumed scans are exercised), compared with
// the statements that match by definition, in the documented order. Then the same
// after re-extractions and removals, with Check clean throughout.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <stdlib.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <random>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "graph/store/key_format.h"
#include "graph/store/raw_access_for_testing.h"
#include "graph/store/store.h"

namespace parley::store {
namespace {

using ::testing::HasSubstr;

constexpr int kPeople = 7;
const char* const kTypes[] = {"direct", "indirect", "mixed", "reference"};
const char* const kActs[] = {"assert", "deny", "warn", "propose"};
const char* const kDays[] = {"2025-10-24", "2025-10-25", "2025-10-01", "2025-09-30",
                             "2025-10",    "2024",       "2025-10-31"};

std::string Person(int i) { return "Person Number " + std::to_string(i); }
NodeId PersonId(int i) { return EntityNodeId(NodeKind::kPerson, Person(i)); }

// What a statement is by construction, for the brute-force answer.
struct Truth {
  NodeId id;
  NodeId article;
  NodeId speaker;
  std::set<NodeId> mentioned;
  std::string type, act;
  std::optional<std::string> date, published;
  int64_t begin = 0;
};

// Article `n` (version `v`): 1-5 statements by random people, each mentioning 0-2
// others inside its content span; random types, acts, dates.
Extraction Generate(int n, int v, std::vector<Truth>* truth) {
  std::mt19937 rng(static_cast<uint32_t>(n * 7919 + v * 104729));
  auto pick = [&](int k) { return static_cast<int>(rng() % static_cast<uint32_t>(k)); };
  Extraction x;
  x.id = "gen-" + std::to_string(n);
  x.text = std::string(2000, 'x');
  x.content_hash = "hash-" + std::to_string(n) + "-" + std::to_string(v);
  x.extractor_version = "rules-1";
  x.article.title = "Article " + std::to_string(n);
  if (pick(5) != 0) x.article.published = "2025-10-" + std::to_string(10 + pick(20));
  const NodeId article = ArticleNodeId(x.id);
  std::map<int, size_t> entity_of;  // person -> index in x.entities
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
  const int statements = 1 + pick(5);
  for (int i = 0; i < statements; ++i) {
    Statement s;
    s.id = "s" + std::to_string(i + 1);
    s.content = {100 * (i + 1) + pick(50), 100 * (i + 1) + 90};
    s.text = "Said " + std::to_string(i);
    s.type = kTypes[pick(4)];
    s.cue = "said";
    s.speech_act = kActs[pick(4)];
    if (pick(4) != 0) s.date = kDays[pick(7)];
    Truth t;
    t.id = StatementNodeId(x.id, s.id);
    t.article = article;
    if (pick(6) != 0) {
      const int p = pick(kPeople);
      s.speaker_entity = entity(p).id;
      t.speaker = PersonId(p);
    }
    for (int m = pick(3); m > 0; --m) {
      const int p = pick(kPeople);
      entity(p).mentions.push_back({s.content.begin + 1, s.content.begin + 5});
      t.mentioned.insert(PersonId(p));
    }
    t.type = s.type;
    t.act = s.speech_act;
    t.date = s.date;
    t.published = x.article.published;
    t.begin = s.content.begin;
    x.statements.push_back(s);
    truth->push_back(t);
  }
  return x;
}

// YYYYMMDD with 00 for a missing month or day.
uint32_t Number(const std::string& d) {
  const std::string digits = d.substr(0, 4) + (d.size() >= 7 ? d.substr(5, 2) : "00") +
                             (d.size() == 10 ? d.substr(8, 2) : "00");
  return static_cast<uint32_t>(std::stoul(digits));
}

// The documented order: dated first, newest utterance, newest publication, then
// article id, text position and statement id (ascending).
bool Before(const Truth& a, const Truth& b) {
  auto key = [](const Truth& t) {
    return std::make_tuple(t.date ? 0 : 1, t.date ? ~Number(*t.date) : ~0u,
                           t.published ? ~Number(*t.published) : ~0u, t.article.value(), t.begin,
                           t.id.value());
  };
  return key(a) < key(b);
}

std::vector<NodeId> BruteForce(const std::vector<Truth>& all, const StatementQuery& q) {
  std::vector<Truth> hits;
  for (const Truth& t : all) {
    if (q.speaker.valid() && t.speaker != q.speaker) continue;
    if (q.mentioned.valid() && !t.mentioned.count(q.mentioned)) continue;
    if (q.article.valid() && t.article != q.article) continue;
    if (!q.type.empty() && t.type != q.type) continue;
    if (!q.speech_act.empty() && t.act != q.speech_act) continue;
    if (!q.from.empty() && (!t.date || Number(*t.date) < Number(q.from))) continue;
    if (!q.to.empty() && (!t.date || Number(*t.date) > Number(q.to))) continue;
    hits.push_back(t);
  }
  std::sort(hits.begin(), hits.end(), Before);
  std::vector<NodeId> ids;
  for (const Truth& t : hits) ids.push_back(t.id);
  return ids;
}

std::string Describe(const StatementQuery& q) {
  return "speaker=" + q.speaker.ToHex() + " mentioned=" + q.mentioned.ToHex() +
         " article=" + q.article.ToHex() + " type=" + q.type + " act=" + q.speech_act +
         " from=" + q.from + " to=" + q.to + " limit=" + std::to_string(q.limit);
}

class FindStatementsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string pattern = ::testing::TempDir() + "parley_find_XXXXXX";
    ASSERT_NE(mkdtemp(pattern.data()), nullptr);
    dir_ = pattern;
  }
  void TearDown() override {
    store_.reset();
    std::filesystem::remove_all(dir_);
  }
  void Open(size_t budget) {
    store_.reset();
    auto s = OpenRocksDbStore(dir_ + "/db", StoreOptions{.find_scan_budget = budget});
    ASSERT_TRUE(s.ok()) << s.status().ToString();
    store_ = std::move(*s);
  }

  // Every page of `q`; fails the test on an error, an oversized page or no end.
  std::vector<NodeId> AllPages(StatementQuery q, int* pages) {
    std::vector<NodeId> ids;
    *pages = 0;
    do {
      auto page = store_->FindStatements(q);
      EXPECT_TRUE(page.ok()) << Describe(q) << ": " << page.status().ToString();
      if (!page.ok()) break;
      EXPECT_LE(page->items.size(), q.limit);
      for (const auto& s : page->items) ids.push_back(s.id);
      q.cursor = page->next_cursor;
      if (++*pages > 10000) {
        ADD_FAILURE() << Describe(q) << ": no last page";
        break;
      }
    } while (!q.cursor.empty());
    return ids;
  }

  // Compares a spread of filter combinations with the brute-force answer.
  void CompareAll(const std::vector<Truth>& truth, std::mt19937* rng) {
    auto pick = [&](int k) { return static_cast<int>((*rng)() % static_cast<uint32_t>(k)); };
    int nonempty = 0;
    for (int round = 0; round < 400; ++round) {
      StatementQuery q;
      if (pick(2)) q.speaker = PersonId(pick(kPeople));
      if (pick(2)) q.mentioned = PersonId(pick(kPeople));
      if (pick(5) == 0)
        q.article = truth[static_cast<size_t>(pick(static_cast<int>(truth.size())))].article;
      if (pick(3) == 0) q.type = kTypes[pick(4)];
      if (pick(3) == 0) q.speech_act = kActs[pick(4)];
      if (pick(3) == 0) q.from = pick(2) ? "2025-10-01" : "2025-10-25";
      if (pick(3) == 0) q.to = pick(2) ? "2025-10-24" : "2025-10-31";
      if (!q.from.empty() && !q.to.empty() && q.from > q.to) std::swap(q.from, q.to);
      q.limit = static_cast<size_t>(std::array<int, 4>{1, 3, 50, 1000}[pick(4)]);
      const std::vector<NodeId> want = BruteForce(truth, q);
      int pages = 0;
      EXPECT_EQ(AllPages(q, &pages), want) << Describe(q);
      if (!want.empty()) ++nonempty;
    }
    EXPECT_GT(nonempty, 150);  // the queries are not all trivially empty
  }

  std::string dir_;
  std::unique_ptr<Store> store_;
};

TEST_F(FindStatementsTest, MatchesBruteForceThroughPutsReplacementsAndRemovals) {
  constexpr int kArticles = 300;
  std::mt19937 rng(42);
  for (size_t budget : {size_t{50000}, size_t{3}}) {
    SCOPED_TRACE("scan budget " + std::to_string(budget));
    std::filesystem::remove_all(dir_ + "/db");
    Open(budget);
    std::map<int, std::vector<Truth>> by_article;
    for (int n = 0; n < kArticles; ++n) {
      std::vector<Truth> t;
      ASSERT_TRUE(store_->PutArticle(Generate(n, 0, &t)).ok());
      by_article[n] = std::move(t);
    }
    auto flatten = [&] {
      std::vector<Truth> all;
      for (const auto& [n, t] : by_article) all.insert(all.end(), t.begin(), t.end());
      return all;
    };
    CompareAll(flatten(), &rng);

    // Re-extract a third (new statements, types, dates), remove a tenth.
    for (int n = 0; n < kArticles; n += 3) {
      std::vector<Truth> t;
      auto r = store_->PutArticle(Generate(n, 1, &t));
      ASSERT_TRUE(r.ok()) << r.status().ToString();
      EXPECT_EQ(*r, PutOutcome::kReplaced);
      by_article[n] = std::move(t);
    }
    for (int n = 1; n < kArticles; n += 10) {
      ASSERT_TRUE(store_->RemoveArticle("gen-" + std::to_string(n)).ok());
      by_article.erase(n);
    }
    CompareAll(flatten(), &rng);
    auto check = store_->Check();
    ASSERT_TRUE(check.ok()) << check.status().ToString();
    EXPECT_TRUE(check->ok()) << (check->problems.empty() ? "" : check->problems[0]);
  }
}

TEST_F(FindStatementsTest, ATinyBudgetReturnsShortPagesThatStillCoverEverything) {
  Open(2);
  std::vector<Truth> truth;
  for (int n = 0; n < 40; ++n) ASSERT_TRUE(store_->PutArticle(Generate(n, 0, &truth)).ok());
  StatementQuery q;
  q.speaker = PersonId(1);
  q.mentioned = PersonId(2);
  q.limit = 1000;
  int pages = 0;
  EXPECT_EQ(AllPages(q, &pages), BruteForce(truth, q));
  EXPECT_GT(pages, 1);  // the budget, not the limit, ended the pages
}

TEST_F(FindStatementsTest, RejectsBadLimitsDatesAndCursors) {
  Open(50000);
  std::vector<Truth> truth;
  for (int n = 0; n < 20; ++n) ASSERT_TRUE(store_->PutArticle(Generate(n, 0, &truth)).ok());
  StatementQuery q;
  q.limit = 2;
  auto first = store_->FindStatements(q);
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  ASSERT_FALSE(first->next_cursor.empty());

  for (size_t limit : {0u, 1001u}) {
    StatementQuery b = q;
    b.limit = limit;
    auto r = store_->FindStatements(b);
    EXPECT_TRUE(r.status().IsInvalidArgument()) << "limit " << limit;
    EXPECT_THAT(r.status().message(), HasSubstr("limit"));
  }
  for (auto [field, bad] :
       std::vector<std::pair<std::string, std::string>>{{"from", "2025-13-01"},
                                                        {"from", "yesterday"},
                                                        {"to", "2025-10"},
                                                        {"to", "2025-10-1"},
                                                        {"from", "2025-10-24T00:00"}}) {
    StatementQuery b = q;
    (field == "from" ? b.from : b.to) = bad;
    auto r = store_->FindStatements(b);
    EXPECT_TRUE(r.status().IsInvalidArgument()) << field << " " << bad;
    EXPECT_THAT(r.status().message(), HasSubstr(field + " \"" + bad + "\""));
  }
  StatementQuery reversed = q;
  reversed.from = "2025-10-25";
  reversed.to = "2025-10-24";
  EXPECT_THAT(store_->FindStatements(reversed).status().message(), HasSubstr("is after"));

  for (const std::string& bad : {std::string("garbage"), std::string("f1."), std::string("f1.zz"),
                                 first->next_cursor + std::string(80, '0'),
                                 std::string("p1.") + first->next_cursor.substr(3)}) {
    StatementQuery b = q;
    b.cursor = bad;
    EXPECT_TRUE(store_->FindStatements(b).status().IsInvalidArgument()) << "cursor " << bad;
  }
  // A cursor of one query is refused by another.
  StatementQuery other = q;
  other.type = "direct";
  other.cursor = first->next_cursor;
  EXPECT_THAT(store_->FindStatements(other).status().message(), HasSubstr("this query"));
}

TEST_F(FindStatementsTest, AStoreOfTheFirstFormatIsRefusedWithWhatToDo) {
  Open(50000);
  std::vector<Truth> truth;
  ASSERT_TRUE(store_->PutArticle(Generate(0, 0, &truth)).ok());
  store_.reset();
  ASSERT_TRUE(RawPutForTesting(dir_ + "/db", kCfDefault, kFormatVersionKey, "1").ok());
  auto s = OpenRocksDbStore(dir_ + "/db", StoreOptions{});
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.status().code(), Status::Code::kCorruption) << s.status().ToString();
  EXPECT_THAT(s.status().message(), HasSubstr("format version 1"));
  EXPECT_THAT(s.status().message(), HasSubstr("load the articles again"));
}

}  // namespace
}  // namespace parley::store
