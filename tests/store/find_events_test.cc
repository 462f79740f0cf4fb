// Store::FindEvents and Store::GetEvent on a real RocksDB in a temp folder: 80
// generated articles with 0-4 events each (random type, date precision, participants,
// name words), every filter combination walked with cursors and compared with brute
// force over what was written; a tiny scan budget (short pages that still carry a
// cursor), a re-opened database, a retracted article, and bad arguments.
#include <gtest/gtest.h>
#include <stdlib.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <optional>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "graph/store/key_format.h"
#include "graph/store/store.h"

namespace parley::store {
namespace {

namespace fs = std::filesystem;

constexpr int kArticles = 80;
constexpr const char* kTypes[] = {"meeting", "sanctions", "talks", "summit_call"};
constexpr const char* kWords[] = {"Alaska", "Geneva", "Oil", "Grain", "Café", "Border"};

std::string Person(int p) { return "Person " + std::string(1, static_cast<char>('A' + p)); }
NodeId PersonId(int p) { return EntityNodeId(NodeKind::kPerson, Person(p)); }

struct Truth {
  NodeId id, article;
  std::string type, name;
  std::optional<std::string> date;
  std::set<NodeId> participants;
  std::set<NodeId> mentioning;  // statements whose content holds a mention of it
};

Extraction Generate(int n, std::map<NodeId, Truth>* truth) {
  std::mt19937 rng(static_cast<uint32_t>(n * 104729 + 3));
  auto pick = [&](int k) { return static_cast<int>(rng() % static_cast<uint32_t>(k)); };
  Extraction x;
  x.id = "ev-" + std::to_string(n);
  x.content_hash = "hash-" + std::to_string(n);
  x.extractor_version = "test-1";
  x.article.title = "Article " + std::to_string(n);
  x.article.published = "2025-09-15";
  for (int p = 0; p < 4; ++p) {
    Entity e;
    e.id = "e" + std::to_string(p);
    e.type = "person";
    e.name = Person(p);
    x.entities.push_back(e);
  }
  // One statement per article, by person 0, in [0, 100); events named inside it or not.
  Statement s;
  s.id = "s1";
  s.content = {0, 100};
  s.text = "statement of article " + std::to_string(n);
  s.type = "direct";
  s.cue = "said";
  s.speech_act = "assert";
  s.speaker_entity = "e0";
  s.speaker = Person(0);
  x.statements.push_back(s);
  x.text = std::string(300, ' ');
  const int events = pick(5);
  for (int i = 0; i < events; ++i) {
    Event v;
    v.id = "v" + std::to_string(i + 1);
    v.type = kTypes[pick(4)];
    v.name = std::string(kWords[pick(6)]) + " " + kWords[pick(6)] + " n" + std::to_string(n);
    switch (pick(4)) {
      case 0:
        break;  // undated
      case 1:
        v.date = "2025-" + std::string(pick(2) ? "10" : "11");  // month only
        break;
      default:
        v.date = "2025-10-" + std::to_string(10 + pick(20));
    }
    Truth t;
    t.id = EventNodeId(x.id, v.id);
    t.article = ArticleNodeId(x.id);
    for (int p = 0; p < 4; ++p) {
      if (pick(3) == 0) {
        v.participants.push_back("e" + std::to_string(p));
        t.participants.insert(PersonId(p));
      }
    }
    const bool inside = pick(2) == 0;
    v.mentions = {inside ? Span{10 + i, 20 + i} : Span{150 + i, 160 + i}};
    if (inside) t.mentioning.insert(StatementNodeId(x.id, "s1"));
    t.type = v.type;
    t.name = v.name;
    t.date = v.date;
    (*truth)[t.id] = t;
    x.events.push_back(v);
  }
  return x;
}

class FindEventsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string pattern = (fs::temp_directory_path() / "parley_find_events_XXXXXX").string();
    ASSERT_NE(mkdtemp(pattern.data()), nullptr);
    dir_ = pattern;
    Open(StoreOptions{});
    for (int n = 0; n < kArticles; ++n) {
      auto put = store_->PutArticle(Generate(n, &truth_));
      ASSERT_TRUE(put.ok()) << put.status().ToString();
    }
    ASSERT_GT(truth_.size(), 100u);
  }
  void TearDown() override {
    store_.reset();
    fs::remove_all(dir_);
  }

  void Open(const StoreOptions& options) {
    store_.reset();
    auto store = OpenRocksDbStore(dir_ + "/db", options);
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    store_ = std::move(*store);
  }

  // Every page of `q` (from its first), checked: at most limit items, none twice.
  std::vector<EventRecord> Walk(EventQuery q) {
    std::vector<EventRecord> out;
    std::set<NodeId> seen;
    q.cursor.clear();
    for (int calls = 0; calls < 100000; ++calls) {
      auto page = store_->FindEvents(q);
      EXPECT_TRUE(page.ok()) << page.status().ToString();
      if (!page.ok()) return out;
      EXPECT_LE(page->items.size(), q.limit);
      for (EventRecord& r : page->items) {
        EXPECT_TRUE(seen.insert(r.id).second) << r.id.ToHex() << " twice";
        out.push_back(std::move(r));
      }
      if (page->next_cursor.empty()) return out;
      q.cursor = page->next_cursor;
    }
    ADD_FAILURE() << "the cursor never ended";
    return out;
  }

  std::set<NodeId> Brute(const EventQuery& q) const {
    const std::vector<std::string> words = SearchTokens(q.q);
    const uint32_t from = q.from.empty() ? 0 : *DateNumber(q.from);
    const uint32_t to = q.to.empty() ? 0 : *DateNumber(q.to);
    std::set<NodeId> out;
    for (const auto& [id, t] : truth_) {
      if (!q.type.empty() && t.type != q.type) continue;
      if (q.participant.valid() && !t.participants.count(q.participant)) continue;
      if (from || to) {
        const uint32_t d = t.date ? *DateNumber(*t.date) : 0;
        if (d == 0 || (from && d < from) || (to && d > to)) continue;
      }
      const std::vector<std::string> tokens = SearchTokens(t.name);
      bool all = true;
      for (const auto& w : words) all = all && std::count(tokens.begin(), tokens.end(), w) > 0;
      if (all) out.insert(id);
    }
    return out;
  }

  void ExpectMatches(const EventQuery& q) {
    SCOPED_TRACE("type=" + q.type + " participant=" + q.participant.ToHex() + " from=" + q.from +
                 " to=" + q.to + " q=" + q.q + " limit=" + std::to_string(q.limit));
    std::vector<EventRecord> got = Walk(q);
    std::set<NodeId> ids;
    for (const EventRecord& r : got) {
      ids.insert(r.id);
      auto it = truth_.find(r.id);
      ASSERT_NE(it, truth_.end());
      EXPECT_EQ(r.type, it->second.type);
      EXPECT_EQ(r.name, it->second.name);
      EXPECT_EQ(r.date, it->second.date);
      EXPECT_EQ(r.article, it->second.article);
      EXPECT_EQ(std::set<NodeId>(r.participants.begin(), r.participants.end()),
                it->second.participants);
    }
    EXPECT_EQ(ids, Brute(q));
    // In id order.
    EXPECT_TRUE(std::is_sorted(got.begin(), got.end(),
                               [](const auto& a, const auto& b) { return a.id < b.id; }));
  }

  std::string dir_;
  std::unique_ptr<Store> store_;
  std::map<NodeId, Truth> truth_;
};

TEST_F(FindEventsTest, EveryFilterCombinationMatchesBruteForce) {
  std::mt19937 rng(42);
  auto pick = [&](int k) { return static_cast<int>(rng() % static_cast<uint32_t>(k)); };
  ExpectMatches(EventQuery{});
  for (int round = 0; round < 150; ++round) {
    EventQuery q;
    if (pick(2)) q.type = kTypes[pick(4)];
    if (pick(2)) q.participant = PersonId(pick(4));
    if (pick(3) == 0) q.from = "2025-10-" + std::to_string(10 + pick(20));
    if (pick(3) == 0)
      q.to = "2025-" + std::string(pick(3) ? "10-" : "11-") + std::to_string(10 + pick(20));
    if (!q.from.empty() && !q.to.empty() && q.from > q.to) std::swap(q.from, q.to);
    if (pick(3) == 0) q.q = pick(2) ? kWords[pick(6)] : std::string("cafe");
    const size_t limits[] = {1, 3, 50, 1000};
    q.limit = limits[pick(4)];
    ExpectMatches(q);
  }
}

TEST_F(FindEventsTest, ScanBudgetGivesShortPagesThatStillFindEverything) {
  StoreOptions options;
  options.find_scan_budget = 3;
  Open(options);
  EventQuery q;
  q.type = "talks";
  q.limit = 1000;
  auto first = store_->FindEvents(q);
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  EXPECT_LE(first->items.size(), 3u);
  EXPECT_FALSE(first->next_cursor.empty());
  ExpectMatches(q);
  q.type.clear();
  q.participant = PersonId(2);
  q.limit = 2;
  ExpectMatches(q);
}

TEST_F(FindEventsTest, RetractedArticleTakesItsEventsAlong) {
  ASSERT_TRUE(store_->RemoveArticle("ev-7").ok());
  ASSERT_TRUE(store_->RemoveArticle("ev-8").ok());
  for (auto it = truth_.begin(); it != truth_.end();) {
    const bool gone =
        it->second.article == ArticleNodeId("ev-7") || it->second.article == ArticleNodeId("ev-8");
    if (gone) {
      EXPECT_TRUE(store_->GetEvent(it->first).status().IsNotFound());
      it = truth_.erase(it);
    } else {
      ++it;
    }
  }
  ExpectMatches(EventQuery{});
  Open(StoreOptions{});  // and after a re-open
  EventQuery q;
  q.limit = 7;
  ExpectMatches(q);
}

TEST_F(FindEventsTest, GetEventListsItsLinks) {
  for (const auto& [id, t] : truth_) {
    auto r = store_->GetEvent(id);
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    EXPECT_EQ(r->name, t.name);
    EXPECT_EQ(r->type, t.type);
    EXPECT_FALSE(r->links_truncated);
    std::set<NodeId> participants, mentioning;
    bool article = false;
    for (const EventLink& l : r->links) {
      if (l.kind == EdgeKind::kParticipatedIn) {
        EXPECT_EQ(l.node_kind, NodeKind::kPerson);
        participants.insert(l.id);
      } else if (l.kind == EdgeKind::kMentions && l.node_kind == NodeKind::kStatement) {
        mentioning.insert(l.id);
      } else if (l.kind == EdgeKind::kMentions && l.node_kind == NodeKind::kArticle) {
        article = article || l.id == t.article;
      } else {
        ADD_FAILURE() << "unexpected link " << EdgeKindName(l.kind) << " from " << l.id.ToHex();
      }
    }
    EXPECT_EQ(participants, t.participants);
    EXPECT_EQ(mentioning, t.mentioning) << id.ToHex();
    EXPECT_TRUE(article);
  }
  EXPECT_TRUE(store_->GetEvent(ArticleNodeId("ev-1")).status().IsNotFound());
}

TEST_F(FindEventsTest, BadArgumentsAreRefusedNamingThem) {
  EventQuery q;
  q.limit = 0;
  EXPECT_TRUE(store_->FindEvents(q).status().IsInvalidArgument());
  q.limit = 1001;
  EXPECT_TRUE(store_->FindEvents(q).status().IsInvalidArgument());
  q.limit = 5;
  q.from = "2025-10";
  auto bad_from = store_->FindEvents(q);
  ASSERT_TRUE(bad_from.status().IsInvalidArgument());
  EXPECT_NE(bad_from.status().ToString().find("from"), std::string::npos);
  q.from = "2025-10-05";
  q.to = "2025-10-01";
  EXPECT_TRUE(store_->FindEvents(q).status().IsInvalidArgument());
  q.to.clear();
  for (const char* cursor : {"x", "ev", "ev0011", "evzzzzzzzzzzzzzzzz", "o12"}) {
    q.cursor = cursor;
    auto page = store_->FindEvents(q);
    ASSERT_TRUE(page.status().IsInvalidArgument()) << cursor;
    EXPECT_NE(page.status().ToString().find("cursor"), std::string::npos);
  }
}

}  // namespace
}  // namespace parley::store
