// The Store conformance suite, run against both stores (RocksDB in a fresh temporary
// folder per test, and the in-memory store), plus what only a folder on disk can
// show: reopening, the single-writer lock (held by this process or another one),
// read-only opens.
#include "graph/store/store.h"

#include <fcntl.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <poll.h>
#include <spawn.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <set>
#include <string>
#include <thread>
#include <tuple>
#include <vector>

#include "graph/store/key_format.h"
#include "graph/store/raw_access_for_testing.h"
#include "graph/store/record_codec.h"

extern char** environ;

namespace parley::store {
namespace {

using ::testing::HasSubstr;

// ---------------------------------------------------------------------------------
// Extractions built by hand.

Entity MakeEntity(std::string id, std::string type, std::string name,
                  std::vector<std::string> aliases = {}, std::vector<std::string> roles = {},
                  std::vector<Span> mentions = {}) {
  Entity e;
  e.id = std::move(id);
  e.type = std::move(type);
  e.name = std::move(name);
  e.aliases = std::move(aliases);
  e.roles = std::move(roles);
  e.mentions = std::move(mentions);
  return e;
}

Statement MakeStatement(std::string id, std::string speaker_entity, std::string text,
                        std::optional<std::string> date, Span content) {
  Statement s;
  s.id = std::move(id);
  s.speaker_entity = std::move(speaker_entity);
  s.text = std::move(text);
  s.type = "direct";
  s.cue = "said";
  s.speech_act = "assert";
  s.date = std::move(date);
  s.content = content;
  return s;
}

Extraction MakeArticle(std::string id, std::string hash, std::optional<std::string> published) {
  Extraction x;
  x.id = std::move(id);
  x.text = std::string(1000, 'x');
  x.content_hash = std::move(hash);
  x.extractor_version = "rules-1";
  x.article.title = "Title of " + x.id;
  x.article.published = std::move(published);
  x.article.outlets = {"MENAFN", "AzerNews"};
  return x;
}

// Article A: Peskov (2 statements), Putin (1, reported by Peskov's), Russia (none).
Extraction ArticleA() {
  Extraction x = MakeArticle("menafn-peskov-summit", "000000000000000a", "2025-10-25");
  x.entities = {
      MakeEntity("e1", "person", "Dmitry Peskov", {"Peskov", "the spokesman"},
                 {"Kremlin spokesperson"}, {{10, 23}}),
      MakeEntity("e2", "person", "Vladimir Putin", {"Putin", "President Putin"},
                 {"President of Russia"}, {{120, 125}}),
      MakeEntity("e3", "country", "Russia", {"Moscow"}, {}, {{300, 306}}),
  };
  x.entities[0].country = "RU";
  x.statements = {
      MakeStatement("s1", "e1", "We do not rule out a summit.", "2025-10-24", {100, 160}),
      MakeStatement("s2", "e1", "There is a prolonged pause.", std::nullopt, {200, 240}),
      MakeStatement("s3", "e2", "A summit would be useful.", "2025-10-20", {110, 150}),
  };
  x.statements[2].reported_by = "s1";
  Event summit;
  summit.id = "v1";
  summit.type = "meeting";
  summit.name = "Putin-Trump summit";
  summit.participants = {"e2"};
  x.events = {summit};
  x.relations = {{"proposed", "e2", "v1"}};
  return x;
}

// Article B: Peskov again (2 statements), written with other aliases.
Extraction ArticleB() {
  Extraction x = MakeArticle("tass-peskov-sanctions", "000000000000000b", "2025-10-27");
  x.entities = {
      MakeEntity("p", "person", "Dmitry Peskov", {"Peskov", "Kremlin spokesman"}, {}, {{5, 11}}),
  };
  x.statements = {
      MakeStatement("s1", "p", "Sanctions will not work.", "2025-10-26", {50, 80}),
      MakeStatement("s2", "p", "We have been clear since spring.", "2025-04-02", {90, 120}),
  };
  return x;
}

NodeId PeskovId() { return EntityNodeId(NodeKind::kPerson, "Dmitry Peskov"); }
NodeId PutinId() { return EntityNodeId(NodeKind::kPerson, "Vladimir Putin"); }

std::string Describe(const StoreStats& s) {
  return "articles=" + std::to_string(s.articles) + " statements=" + std::to_string(s.statements) +
         " entities=" + std::to_string(s.entities) + " events=" + std::to_string(s.events) +
         " edges=" + std::to_string(s.edges);
}

std::vector<std::string> Names(const std::vector<EntityRecord>& v) {
  std::vector<std::string> out;
  for (const auto& e : v) out.push_back(e.name);
  return out;
}

// "said=3 published_in=3 ..." for the kinds with at least one edge.
std::string DescribeByKind(const StoreStats& s) {
  std::string out;
  for (int k = 1; k <= kMaxEdgeKind; ++k) {
    if (s.edges_by_kind[k] == 0) continue;
    if (!out.empty()) out += " ";
    out += std::string(EdgeKindName(static_cast<EdgeKind>(k))) + "=" +
           std::to_string(s.edges_by_kind[k]);
  }
  return out;
}

// Every edge of the store as sorted lines "src kind dst xN" (N contributing articles).
std::string DumpEdges(Store& store) {
  std::vector<std::string> lines;
  auto it = store.NewEdgeIterator();
  for (; it->Valid(); it->Next()) {
    const EdgeRecord& e = it->edge();
    lines.push_back(e.src.ToHex() + " " + std::string(EdgeKindName(e.kind)) + " " + e.dst.ToHex() +
                    " x" + std::to_string(e.articles));
  }
  EXPECT_TRUE(it->status().ok()) << it->status().ToString();
  std::sort(lines.begin(), lines.end());
  std::string out;
  for (const auto& l : lines) out += l + "\n";
  return out;
}

// Check() of `store`, failing the test when the scan itself fails.
CheckReport CheckOf(Store& store) {
  auto r = store.Check();
  EXPECT_TRUE(r.ok()) << r.status().ToString();
  return r.ok() ? *r : CheckReport{};
}

std::string Problems(const CheckReport& r) {
  std::string out;
  for (const auto& p : r.problems) out += p + "\n";
  return out;
}

std::string MakeTempDir() {
  std::string pattern = ::testing::TempDir() + "parley_store_XXXXXX";
  if (mkdtemp(pattern.data()) == nullptr) {
    ADD_FAILURE() << "mkdtemp failed for " << pattern;
    return {};
  }
  return pattern;
}

// ---------------------------------------------------------------------------------
// The conformance suite.

// kBulk: RocksDB writing every PutArticles call of two articles or more in chunks of
// table files (StoreOptions::bulk_min_articles), 100 articles a chunk (two groups or
// more), so that the suite's calls run through several chunks, each read by the next
// while it is written.
enum class StoreKind { kRocksDb, kMemory, kBulk };
const char* KindName(StoreKind kind) {
  return kind == StoreKind::kRocksDb ? "RocksDb" : kind == StoreKind::kMemory ? "Memory" : "Bulk";
}
void PrintTo(StoreKind kind, std::ostream* os) { *os << KindName(kind); }

class StoreTest : public ::testing::TestWithParam<StoreKind> {
 protected:
  void SetUp() override {
    dir_ = MakeTempDir();
    store_ = NewStore();
    ASSERT_NE(store_, nullptr);
  }
  void TearDown() override {
    store_.reset();
    std::filesystem::remove_all(dir_);
  }

  // Each call of a RocksDB kind opens its own folder, so a test can compare stores.
  std::unique_ptr<Store> NewStore() {
    if (GetParam() == StoreKind::kMemory) return NewMemoryStore();
    StoreOptions options;
    if (GetParam() == StoreKind::kBulk) {
      options.bulk_min_articles = 2;
      options.bulk_chunk_articles = 100;
    }
    auto store = OpenRocksDbStore(dir_ + "/db" + std::to_string(opened_++), options);
    EXPECT_TRUE(store.ok()) << store.status().ToString();
    return store.ok() ? std::move(*store) : nullptr;
  }

  PutOutcome Put(Store& store, const Extraction& x) {
    auto r = store.PutArticle(x);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? *r : PutOutcome::kUnchanged;
  }
  PutOutcome Put(const Extraction& x) { return Put(*store_, x); }

  StoreStats StatsOf(Store& store) {
    auto s = store.Stats();
    EXPECT_TRUE(s.ok()) << s.status().ToString();
    return s.ok() ? *s : StoreStats{};
  }

  std::vector<EntityRecord> Find(const std::string& q, size_t limit = 10) {
    auto r = store_->FindEntities(q, limit);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? *r : std::vector<EntityRecord>{};
  }

  // Every statement of `speaker`, page by page; fails the test on a repeated one.
  std::vector<StatementRecord> AllBySpeaker(Store& store, NodeId speaker, size_t limit,
                                            int* pages) {
    std::vector<StatementRecord> all;
    StatementQuery q;
    q.speaker = speaker;
    q.limit = limit;
    *pages = 0;
    do {
      auto page = store.StatementsBySpeaker(q);
      EXPECT_TRUE(page.ok()) << page.status().ToString();
      if (!page.ok()) break;
      EXPECT_LE(page->items.size(), limit);
      for (auto& s : page->items) all.push_back(std::move(s));
      q.cursor = page->next_cursor;
      if (++*pages > 100) break;
    } while (!q.cursor.empty());
    return all;
  }

  std::string dir_;
  int opened_ = 0;
  std::unique_ptr<Store> store_;
};

TEST_P(StoreTest, PutThenGetReturnsWhatWasPut) {
  EXPECT_EQ(Put(ArticleA()), PutOutcome::kStored);

  auto article = store_->GetArticle(ArticleNodeId("menafn-peskov-summit"));
  ASSERT_TRUE(article.ok()) << article.status().ToString();
  EXPECT_EQ(article->id, ArticleNodeId("menafn-peskov-summit"));
  EXPECT_EQ(article->external_id, "menafn-peskov-summit");
  EXPECT_EQ(article->title, "Title of menafn-peskov-summit");
  EXPECT_EQ(article->published, "2025-10-25");
  EXPECT_EQ(article->outlets, (std::vector<std::string>{"MENAFN", "AzerNews"}));
  EXPECT_EQ(article->content_hash, "000000000000000a");
  EXPECT_EQ(article->extractor_version, "rules-1");
  EXPECT_EQ(article->statement_count, 3u);

  auto peskov = store_->GetEntity(PeskovId());
  ASSERT_TRUE(peskov.ok()) << peskov.status().ToString();
  EXPECT_EQ(peskov->type, "person");
  EXPECT_EQ(peskov->name, "Dmitry Peskov");
  EXPECT_EQ(peskov->aliases, (std::vector<std::string>{"Peskov", "the spokesman"}));
  EXPECT_EQ(peskov->roles, std::vector<std::string>{"Kremlin spokesperson"});
  EXPECT_EQ(peskov->country, "RU");
  EXPECT_EQ(peskov->article_count, 1u);
  EXPECT_EQ(peskov->statement_count, 2u);
  auto russia = store_->GetEntity(EntityNodeId(NodeKind::kCountry, "russia"));
  ASSERT_TRUE(russia.ok()) << russia.status().ToString();
  EXPECT_EQ(russia->type, "country");
  EXPECT_EQ(russia->statement_count, 0u);

  auto s3 = store_->GetStatement(StatementNodeId("menafn-peskov-summit", "s3"));
  ASSERT_TRUE(s3.ok()) << s3.status().ToString();
  EXPECT_EQ(s3->local_id, "s3");
  EXPECT_EQ(s3->text, "A summit would be useful.");
  EXPECT_EQ(s3->type, "direct");
  EXPECT_EQ(s3->cue, "said");
  EXPECT_EQ(s3->speech_act, "assert");
  EXPECT_EQ(s3->date, "2025-10-20");
  EXPECT_EQ(s3->speaker_id, PutinId());
  EXPECT_EQ(s3->speaker_name, "Vladimir Putin");
  EXPECT_EQ(s3->article_id, ArticleNodeId("menafn-peskov-summit"));
  EXPECT_EQ(s3->article_external_id, "menafn-peskov-summit");
  EXPECT_EQ(s3->article_title, "Title of menafn-peskov-summit");
  EXPECT_EQ(s3->published, "2025-10-25");
  EXPECT_EQ(s3->content, (Span{110, 150}));
  EXPECT_EQ(s3->reported_by, StatementNodeId("menafn-peskov-summit", "s1"));

  EXPECT_EQ(Describe(StatsOf(*store_)),
            Describe({.articles = 1,
                      .statements = 3,
                      .entities = 3,
                      .events = 1,
                      // article->3 entities, 3 said, 3 published_in, s3 reported_by s1,
                      // s1 and s3 mention Putin ([120,125)), Putin participated_in v1,
                      // the article mentions v1, Putin proposed v1.
                      .edges = 3 + 3 + 3 + 1 + 2 + 1 + 1 + 1}));
}

TEST_P(StoreTest, UnknownIdsAreNotFound) {
  EXPECT_TRUE(store_->GetArticle(ArticleNodeId("nope")).status().IsNotFound());
  EXPECT_TRUE(store_->GetEntity(PeskovId()).status().IsNotFound());
  EXPECT_TRUE(store_->GetStatement(StatementNodeId("nope", "s1")).status().IsNotFound());
  EXPECT_EQ(Describe(StatsOf(*store_)), Describe({}));
}

TEST_P(StoreTest, StatsCountEveryEdgeExactly) {
  Extraction x = MakeArticle("tiny", "0000000000000001", std::nullopt);
  x.entities = {MakeEntity("e1", "person", "Ann Lee", {}, {}, {{0, 7}})};
  x.statements = {MakeStatement("s1", "e1", "Fine.", std::nullopt, {10, 20})};
  Put(x);
  // tiny mentions Ann Lee; Ann Lee said s1; s1 published_in tiny.
  EXPECT_EQ(Describe(StatsOf(*store_)),
            Describe({.articles = 1, .statements = 1, .entities = 1, .events = 0, .edges = 3}));

  x.content_hash = "0000000000000002";
  x.entities.push_back(MakeEntity("e2", "organization", "Bob Ray Inc", {}, {}, {{12, 15}}));
  Event v;
  v.id = "v1";
  v.type = "meeting";
  v.participants = {"e1"};
  v.mentions = {{14, 16}};
  x.events = {v};
  EXPECT_EQ(Put(x), PutOutcome::kReplaced);
  // + tiny mentions Bob Ray Inc; s1 mentions it ([12,15) inside [10,20));
  // Ann Lee participated_in v1; tiny mentions v1; s1 mentions v1 ([14,16)).
  EXPECT_EQ(Describe(StatsOf(*store_)),
            Describe({.articles = 1, .statements = 1, .entities = 2, .events = 1, .edges = 8}));
}

TEST_P(StoreTest, PuttingTheSameArticleAgainChangesNothing) {
  Put(ArticleA());
  Put(ArticleB());
  const StoreStats before = StatsOf(*store_);
  EXPECT_EQ(Put(ArticleA()), PutOutcome::kUnchanged);
  EXPECT_EQ(Put(ArticleB()), PutOutcome::kUnchanged);
  EXPECT_EQ(Describe(StatsOf(*store_)), Describe(before));
  auto peskov = store_->GetEntity(PeskovId());
  ASSERT_TRUE(peskov.ok());
  EXPECT_EQ(peskov->article_count, 2u);
  EXPECT_EQ(peskov->statement_count, 4u);
}

TEST_P(StoreTest, ANewExtractorVersionReplacesTheArticle) {
  Put(ArticleA());
  Extraction x = ArticleA();
  x.extractor_version = "rules-2";
  EXPECT_EQ(Put(x), PutOutcome::kReplaced);
  auto article = store_->GetArticle(ArticleNodeId(x.id));
  ASSERT_TRUE(article.ok());
  EXPECT_EQ(article->extractor_version, "rules-2");
  auto peskov = store_->GetEntity(PeskovId());
  ASSERT_TRUE(peskov.ok());
  EXPECT_EQ(peskov->article_count, 1u);
  EXPECT_EQ(peskov->statement_count, 2u);
}

// A re-extraction of A that drops s2, rewords s1 and no longer names Putin or the
// event; B shares Peskov with it.
Extraction ArticleAChanged() {
  Extraction x = ArticleA();
  x.content_hash = "00000000000000aa";
  x.entities = {MakeEntity("e1", "person", "Dmitry Peskov", {"Peskov"}, {}, {{10, 23}}),
                MakeEntity("e3", "country", "Russia", {}, {}, {{300, 306}})};
  x.statements = {
      MakeStatement("s1", "e1", "A summit is not ruled out.", "2025-10-24", {100, 160})};
  x.events.clear();
  x.relations.clear();
  return x;
}

TEST_P(StoreTest, AnEntityKeepsTheFirstGenderAnArticleGave) {
  Put(ArticleA());  // no gender for Peskov
  auto peskov = store_->GetEntity(PeskovId());
  ASSERT_TRUE(peskov.ok());
  EXPECT_EQ(peskov->gender, "");
  Extraction b = ArticleB();
  b.entities[0].gender = "male";
  Put(b);
  peskov = store_->GetEntity(PeskovId());
  ASSERT_TRUE(peskov.ok());
  EXPECT_EQ(peskov->gender, "male");
  // A later article's other reading does not overwrite it, nor does a re-extraction
  // of A that gives none.
  Extraction c = ArticleB();
  c.id = "ria-peskov";
  c.content_hash = "000000000000000c";
  c.entities[0].gender = "female";
  Put(c);
  Put(ArticleAChanged());
  peskov = store_->GetEntity(PeskovId());
  ASSERT_TRUE(peskov.ok());
  EXPECT_EQ(peskov->gender, "male");
  EXPECT_EQ(peskov->article_count, 3u);
  // Not a person's field: a country has none.
  auto russia = store_->GetEntity(EntityNodeId(NodeKind::kCountry, "russia"));
  ASSERT_TRUE(russia.ok());
  EXPECT_EQ(russia->gender, "");
}

TEST_P(StoreTest, PuttingAChangedArticleReplacesWhatItContributed) {
  Put(ArticleA());
  Put(ArticleB());
  EXPECT_EQ(Put(ArticleAChanged()), PutOutcome::kReplaced);

  const std::string a = "menafn-peskov-summit";
  EXPECT_TRUE(store_->GetStatement(StatementNodeId(a, "s2")).status().IsNotFound());
  EXPECT_TRUE(store_->GetStatement(StatementNodeId(a, "s3")).status().IsNotFound());
  auto s1 = store_->GetStatement(StatementNodeId(a, "s1"));
  ASSERT_TRUE(s1.ok());
  EXPECT_EQ(s1->text, "A summit is not ruled out.");
  EXPECT_EQ(s1->reported_by, NodeId());
  for (const char* id : {"s1", "s2"}) {
    EXPECT_TRUE(store_->GetStatement(StatementNodeId("tass-peskov-sanctions", id)).ok()) << id;
  }

  // The shared entity keeps B's contribution and A's new one; "the spokesman" and the
  // role came from A's old extraction alone, so they are gone.
  auto peskov = store_->GetEntity(PeskovId());
  ASSERT_TRUE(peskov.ok());
  EXPECT_EQ(peskov->article_count, 2u);
  EXPECT_EQ(peskov->statement_count, 3u);
  EXPECT_EQ(peskov->aliases, (std::vector<std::string>{"Peskov", "Kremlin spokesman"}));
  EXPECT_TRUE(peskov->roles.empty());
  EXPECT_EQ(peskov->country, "RU");

  // Putin was referenced by A's old extraction only: deleted, and unsearchable.
  EXPECT_TRUE(store_->GetEntity(PutinId()).status().IsNotFound());
  EXPECT_TRUE(Find("putin").empty());
  EXPECT_TRUE(Find("spokesman").size() == 1);  // still B's "Kremlin spokesman"
  EXPECT_TRUE(Find("the spokesman").empty());

  auto article = store_->GetArticle(ArticleNodeId(a));
  ASSERT_TRUE(article.ok());
  EXPECT_EQ(article->statement_count, 1u);
  EXPECT_EQ(article->content_hash, "00000000000000aa");

  int pages = 0;
  auto by_peskov = AllBySpeaker(*store_, PeskovId(), 10, &pages);
  EXPECT_EQ(by_peskov.size(), 3u);
}

TEST_P(StoreTest, ReplacingLeavesTheSameStateAsLoadingOnlyTheNewVersion) {
  Put(ArticleA());
  Put(ArticleB());
  Put(ArticleAChanged());
  std::unique_ptr<Store> fresh = NewStore();
  ASSERT_NE(fresh, nullptr);
  Put(*fresh, ArticleB());
  Put(*fresh, ArticleAChanged());
  EXPECT_EQ(Describe(StatsOf(*store_)), Describe(StatsOf(*fresh)));

  // And back to the first version: the counts of the first load return.
  std::unique_ptr<Store> first = NewStore();
  ASSERT_NE(first, nullptr);
  Put(*first, ArticleA());
  Put(*first, ArticleB());
  EXPECT_EQ(Put(ArticleA()), PutOutcome::kReplaced);
  EXPECT_EQ(Describe(StatsOf(*store_)), Describe(StatsOf(*first)));
  auto peskov = store_->GetEntity(PeskovId());
  ASSERT_TRUE(peskov.ok());
  EXPECT_EQ(peskov->statement_count, 4u);
  EXPECT_EQ(peskov->roles, std::vector<std::string>{"Kremlin spokesperson"});
  EXPECT_EQ(Names(Find("putin")), std::vector<std::string>{"Vladimir Putin"});
}

TEST_P(StoreTest, FindEntitiesMatchesSurnameFullNameAnyCaseAndPrefix) {
  Put(ArticleA());
  Put(ArticleB());
  const std::vector<std::string> peskov = {"Dmitry Peskov"};
  EXPECT_EQ(Names(Find("Peskov")), peskov);
  EXPECT_EQ(Names(Find("Dmitry Peskov")), peskov);
  EXPECT_EQ(Names(Find("dMiTrY  pEsKoV")), peskov);
  EXPECT_EQ(Names(Find("pesk")), peskov);
  EXPECT_EQ(Names(Find("dmitry pes")), peskov);
  EXPECT_EQ(Names(Find("spokes")), peskov);  // the aliases
  EXPECT_EQ(Names(Find("Kremlin spokesman")), peskov);
  EXPECT_EQ(Names(Find("moscow")), std::vector<std::string>{"Russia"});
  // Every word but the last must be a whole word; all words in one name or alias.
  EXPECT_TRUE(Find("dmit peskov").empty());
  EXPECT_TRUE(Find("peskov putin").empty());
  EXPECT_TRUE(Find("kremlin the").empty());
  EXPECT_TRUE(Find("zelensky").empty());
  // The words of the name are enough on their own; order does not matter.
  EXPECT_EQ(Names(Find("peskov dmitry")), peskov);
  EXPECT_EQ(Find("p", 1).size(), 1u);
}

TEST_P(StoreTest, FindEntitiesFoldsUnicodeCaseAndAccents) {
  Extraction x = MakeArticle("unicode", "0000000000000004", "2025-01-01");
  x.entities = {MakeEntity("a", "person", "Дмитрий Песков", {}, {}, {}),
                MakeEntity("b", "person", "Recep Tayyip Erdoğan", {"Erdoğan"}, {}, {})};
  Put(x);
  EXPECT_EQ(Names(Find("ПЕСКОВ")), std::vector<std::string>{"Дмитрий Песков"});
  EXPECT_EQ(Names(Find("дмитрий пес")), std::vector<std::string>{"Дмитрий Песков"});
  EXPECT_EQ(Names(Find("erdogan")), std::vector<std::string>{"Recep Tayyip Erdoğan"});
  EXPECT_EQ(Names(Find("ERDOĞ")), std::vector<std::string>{"Recep Tayyip Erdoğan"});
}

TEST_P(StoreTest, FindEntitiesRanksTheExactNameFirstThenByStatements) {
  Extraction x = MakeArticle("ranking", "0000000000000003", "2025-01-01");
  x.entities = {
      MakeEntity("a", "person", "Vladimir Putin", {}, {}, {}),
      MakeEntity("b", "organization", "Putin", {}, {}, {}),  // no statements, exact name
      MakeEntity("c", "person", "Vladimir Zelensky", {"Zelensky"}, {}, {}),
  };
  x.statements = {MakeStatement("s1", "a", "One.", std::nullopt, {0, 5}),
                  MakeStatement("s2", "c", "Two.", std::nullopt, {5, 10}),
                  MakeStatement("s3", "c", "Three.", std::nullopt, {10, 15})};
  Put(x);
  EXPECT_EQ(Names(Find("putin")), (std::vector<std::string>{"Putin", "Vladimir Putin"}));
  EXPECT_EQ(Names(Find("vladimir")),
            (std::vector<std::string>{"Vladimir Zelensky", "Vladimir Putin"}));
  EXPECT_EQ(Names(Find("vladimir putin")), std::vector<std::string>{"Vladimir Putin"});
  EXPECT_EQ(Names(Find("vladimir", 1)), std::vector<std::string>{"Vladimir Zelensky"});
}

TEST_P(StoreTest, FindEntitiesRejectsAnEmptyQueryAndABadLimit) {
  Put(ArticleA());
  EXPECT_TRUE(store_->FindEntities("", 10).status().IsInvalidArgument());
  EXPECT_TRUE(store_->FindEntities(" - ", 10).status().IsInvalidArgument());
  EXPECT_TRUE(store_->FindEntities("peskov", 0).status().IsInvalidArgument());
  EXPECT_TRUE(store_->FindEntities("peskov", 1001).status().IsInvalidArgument());
  EXPECT_TRUE(store_->FindEntities("peskov", 1000).ok());
}

TEST_P(StoreTest, StatementsBySpeakerPagesCoverEveryStatementNewestFirst) {
  Put(ArticleA());
  Put(ArticleB());
  Extraction c = MakeArticle("third", "000000000000000c", std::nullopt);
  c.entities = {MakeEntity("e", "person", "Dmitry Peskov", {}, {}, {})};
  c.statements = {MakeStatement("s1", "e", "Undated too.", std::nullopt, {0, 10}),
                  MakeStatement("s2", "e", "In 2025.", "2025-10", {20, 30})};
  Put(c);

  for (size_t limit : {1u, 2u, 3u, 6u, 7u, 1000u}) {
    int pages = 0;
    auto all = AllBySpeaker(*store_, PeskovId(), limit, &pages);
    ASSERT_EQ(all.size(), 6u) << "limit " << limit;
    EXPECT_EQ(pages, static_cast<int>((6 + limit - 1) / limit)) << "limit " << limit;
    std::set<NodeId> distinct;
    for (const auto& s : all) distinct.insert(s.id);
    EXPECT_EQ(distinct.size(), 6u) << "limit " << limit;
    std::vector<std::string> order;
    for (const auto& s : all) order.push_back(s.date.value_or("-") + " " + s.text);
    // Newest utterance first; undated last (the later-published article first).
    EXPECT_EQ(order, (std::vector<std::string>{
                         "2025-10-26 Sanctions will not work.",
                         "2025-10-24 We do not rule out a summit.",
                         "2025-10 In 2025.",
                         "2025-04-02 We have been clear since spring.",
                         "- There is a prolonged pause.",
                         "- Undated too.",
                     }))
        << "limit " << limit;
    for (const auto& s : all) EXPECT_EQ(s.speaker_id, PeskovId());
  }

  int pages = 0;
  EXPECT_TRUE(AllBySpeaker(*store_, EntityNodeId(NodeKind::kCountry, "Russia"), 5, &pages).empty());
  EXPECT_EQ(pages, 1);
}

TEST_P(StoreTest, StatementsBySpeakerRejectsBadCursorsAndLimits) {
  Put(ArticleA());
  Put(ArticleB());
  StatementQuery q;
  q.speaker = PeskovId();
  q.limit = 2;
  auto first = store_->StatementsBySpeaker(q);
  ASSERT_TRUE(first.ok());
  ASSERT_FALSE(first->next_cursor.empty());

  for (const std::string& bad :
       {std::string("garbage"), std::string("p1."), std::string("p1.zz"), first->next_cursor + "00",
        first->next_cursor.substr(0, first->next_cursor.size() - 2)}) {
    StatementQuery b = q;
    b.cursor = bad;
    auto r = store_->StatementsBySpeaker(b);
    EXPECT_TRUE(r.status().IsInvalidArgument())
        << "cursor " << bad << ": " << r.status().ToString();
  }
  // A cursor of one speaker is refused for another.
  StatementQuery other = q;
  other.speaker = PutinId();
  other.cursor = first->next_cursor;
  EXPECT_TRUE(store_->StatementsBySpeaker(other).status().IsInvalidArgument());

  for (size_t limit : {0u, 1001u}) {
    StatementQuery b = q;
    b.limit = limit;
    auto r = store_->StatementsBySpeaker(b);
    EXPECT_TRUE(r.status().IsInvalidArgument()) << "limit " << limit;
    EXPECT_THAT(r.status().message(), HasSubstr("limit"));
  }
  StatementQuery none = q;
  none.speaker = NodeId();
  EXPECT_TRUE(store_->StatementsBySpeaker(none).status().IsInvalidArgument());
}

struct InvalidCase {
  std::string name;
  std::function<void(Extraction*)> breaks;
  std::string message;  // a part of the expected message
};

// One speaker saying `words` in article `id` (content span = the whole text).
Extraction Saying(const std::string& id, const std::string& hash, const std::string& words) {
  Extraction x = MakeArticle(id, hash, "2025-10-25");
  x.text = words;
  x.entities = {MakeEntity("e1", "person", "Dmitry Peskov")};
  x.statements = {
      MakeStatement("s1", "e1", words, "2025-10-24", {0, static_cast<int64_t>(words.size())})};
  return x;
}

TEST_P(StoreTest, AReExtractionInOtherWordsLeavesTheOtherArticlesReportAlone) {
  const std::string w1 = "We do not rule out a summit this year.";
  const std::string w2 = "A summit is not on the agenda for now.";
  Put(Saying("a", "1", w1));
  Put(Saying("c", "2", w1));  // the same words: a report on a's node
  const NodeId node = StatementNodeId("a", "s1");
  ASSERT_EQ(store_->GetStatement(node)->reports.size(), 2u);
  EXPECT_FALSE(store_->GetStatement(StatementNodeId("c", "s1")).ok());

  // a now says something else: c's report keeps the node; a's words go elsewhere.
  EXPECT_EQ(Put(Saying("a", "3", w2)), PutOutcome::kReplaced);
  auto kept = store_->GetStatement(node);
  ASSERT_TRUE(kept.ok());
  ASSERT_EQ(kept->reports.size(), 1u);
  EXPECT_EQ(kept->article_external_id, "c");
  EXPECT_EQ(kept->text, w1);
  EXPECT_EQ(StatsOf(*store_).statements, 2u);
  EXPECT_TRUE(CheckOf(*store_).ok()) << Problems(CheckOf(*store_));
  // A third article in a's old words still joins c's node, in a's new words a's.
  Put(Saying("d", "4", w1));
  Put(Saying("e", "5", w2));
  EXPECT_EQ(store_->GetStatement(node)->reports.size(), 2u);
  EXPECT_EQ(StatsOf(*store_).statements, 2u);
  EXPECT_TRUE(CheckOf(*store_).ok()) << Problems(CheckOf(*store_));
}

TEST_P(StoreTest, AnInvalidExtractionIsRejectedAndNothingIsStored) {
  const std::vector<InvalidCase> cases = {
      {"empty id", [](Extraction* x) { x->id.clear(); }, "empty article id"},
      {"unknown speaker", [](Extraction* x) { x->statements[1].speaker_entity = "e9"; },
       "statement \"s2\": speaker_entity \"e9\" is not an entity"},
      {"reversed span",
       [](Extraction* x) {
         x->statements[0].content = {50, 40};
       },
       "statement \"s1\" content: span [50, 40) is not a range"},
      {"span past the text",
       [](Extraction* x) {
         x->entities[0].mentions.push_back({990, 1001});
       },
       "ends past the text (1000 code points)"},
      {"negative cue span",
       [](Extraction* x) {
         x->statements[2].cue_spans = {{-1, 3}};
       },
       "statement \"s3\" cue"},
      {"duplicate statement", [](Extraction* x) { x->statements[1].id = "s1"; },
       "duplicate statement id \"s1\""},
      {"unknown reporter", [](Extraction* x) { x->statements[2].reported_by = "s7"; },
       "reported_by \"s7\""},
      {"entity type", [](Extraction* x) { x->entities[2].type = "planet"; }, "type \"planet\""},
      {"empty name", [](Extraction* x) { x->entities[2].name = "  "; }, "empty name"},
      {"bad date", [](Extraction* x) { x->statements[0].date = "24 Oct"; },
       "\"24 Oct\" is not YYYY-MM-DD"},
      {"unknown relation",
       [](Extraction* x) {
         x->relations.push_back({"sayd", "s1", "s2"});
       },
       "unknown relation type \"sayd\""},
      {"relation end",
       [](Extraction* x) {
         x->relations.push_back({"responded_to", "s1", "s9"});
       },
       "\"s9\" is not a statement, entity or event"},
      {"event participant", [](Extraction* x) { x->events[0].participants.push_back("zz"); },
       "participant \"zz\""},
  };
  for (const auto& c : cases) {
    Extraction x = ArticleA();
    c.breaks(&x);
    auto r = store_->PutArticle(x);
    EXPECT_TRUE(r.status().IsInvalidArgument()) << c.name << ": " << r.status().ToString();
    EXPECT_THAT(r.status().message(), HasSubstr(c.message)) << c.name;
  }
  EXPECT_EQ(Describe(StatsOf(*store_)), Describe({}));
  EXPECT_TRUE(store_->GetArticle(ArticleNodeId("menafn-peskov-summit")).status().IsNotFound());
  EXPECT_TRUE(Find("peskov").empty());

  // A rejected re-extraction leaves the stored one as it was.
  Put(ArticleA());
  const StoreStats before = StatsOf(*store_);
  Extraction broken = ArticleAChanged();
  broken.statements[0].speaker_entity = "e2";
  EXPECT_TRUE(store_->PutArticle(broken).status().IsInvalidArgument());
  EXPECT_EQ(Describe(StatsOf(*store_)), Describe(before));
  EXPECT_TRUE(store_->GetStatement(StatementNodeId("menafn-peskov-summit", "s3")).ok());
}

Extraction BulkArticle(int i) {
  Extraction x = MakeArticle("bulk-" + std::to_string(i), "", std::nullopt);
  x.entities = {MakeEntity("e", "person", "Speaker Number " + std::to_string(i))};
  x.statements = {MakeStatement("s1", "e", "One.", std::nullopt, {0, 4}),
                  MakeStatement("s2", "e", "Two.", "2024-01-01", {5, 9})};
  return x;
}

TEST_P(StoreTest, ReadersNeverSeeHalfAnArticle) {
  // A reader that sees the last statement of an article must then find the rest of
  // it: its article record, its speaker, both statements by that speaker, and
  // counters that agree (2 statements and 1 new entity per article).
  constexpr int kArticles = 60;
  std::atomic<bool> done{false};
  std::atomic<int> torn{0}, seen{0};
  std::thread reader([&] {
    for (int i = 0; !done.load(); i = (i + 1) % kArticles) {
      const std::string id = "bulk-" + std::to_string(i);
      if (!store_->GetStatement(StatementNodeId(id, "s2")).ok()) continue;
      ++seen;
      const NodeId speaker = EntityNodeId(NodeKind::kPerson, "Speaker Number " + std::to_string(i));
      StatementQuery q;
      q.speaker = speaker;
      auto page = store_->StatementsBySpeaker(q);
      auto stats = store_->Stats();
      if (!store_->GetArticle(ArticleNodeId(id)).ok() || !store_->GetEntity(speaker).ok() ||
          !page.ok() || page->items.size() != 2 || !stats.ok() ||
          stats->statements != 2 * stats->articles || stats->entities != stats->articles) {
        ++torn;
      }
    }
  });
  for (int i = 0; i < kArticles; ++i) EXPECT_EQ(Put(BulkArticle(i)), PutOutcome::kStored);
  // Let the reader go round once more over the complete store.
  while (seen.load() < 2 * kArticles) std::this_thread::yield();
  done = true;
  reader.join();
  EXPECT_EQ(torn.load(), 0) << "of " << seen.load() << " articles seen";
  EXPECT_EQ(StatsOf(*store_).articles, static_cast<uint64_t>(kArticles));
  // An empty content hash is computed by the store: the same article is unchanged.
  EXPECT_EQ(Put(BulkArticle(0)), PutOutcome::kUnchanged);
}

TEST_P(StoreTest, RemovingAnArticleLeavesWhatOnlyTheOthersContributed) {
  Put(ArticleA());
  Put(ArticleB());
  ASSERT_TRUE(store_->RemoveArticle("menafn-peskov-summit").ok());

  std::unique_ptr<Store> only_b = NewStore();
  ASSERT_NE(only_b, nullptr);
  Put(*only_b, ArticleB());
  EXPECT_EQ(Describe(StatsOf(*store_)), Describe(StatsOf(*only_b)));
  EXPECT_EQ(DescribeByKind(StatsOf(*store_)), DescribeByKind(StatsOf(*only_b)));
  EXPECT_EQ(DumpEdges(*store_), DumpEdges(*only_b));

  EXPECT_TRUE(store_->GetArticle(ArticleNodeId("menafn-peskov-summit")).status().IsNotFound());
  EXPECT_TRUE(
      store_->GetStatement(StatementNodeId("menafn-peskov-summit", "s1")).status().IsNotFound());
  EXPECT_TRUE(store_->GetEntity(PutinId()).status().IsNotFound());
  EXPECT_TRUE(Find("putin").empty());
  auto peskov = store_->GetEntity(PeskovId());
  ASSERT_TRUE(peskov.ok()) << peskov.status().ToString();
  EXPECT_EQ(peskov->article_count, 1u);
  EXPECT_EQ(peskov->statement_count, 2u);
  EXPECT_EQ(peskov->aliases, (std::vector<std::string>{"Peskov", "Kremlin spokesman"}));
  int pages = 0;
  EXPECT_EQ(AllBySpeaker(*store_, PeskovId(), 10, &pages).size(), 2u);
  const CheckReport report = CheckOf(*store_);
  EXPECT_TRUE(report.ok()) << Problems(report);
}

TEST_P(StoreTest, RemovingAnUnknownArticleIsNotFoundAndChangesNothing) {
  Put(ArticleA());
  const std::string before = DumpEdges(*store_);
  Status st = store_->RemoveArticle("no-such-article");
  EXPECT_TRUE(st.IsNotFound()) << st.ToString();
  EXPECT_THAT(st.message(), HasSubstr("no-such-article"));
  EXPECT_EQ(DumpEdges(*store_), before);
  ASSERT_TRUE(store_->RemoveArticle("menafn-peskov-summit").ok());
  EXPECT_TRUE(store_->RemoveArticle("menafn-peskov-summit").IsNotFound());
  EXPECT_EQ(Describe(StatsOf(*store_)), Describe({}));
  EXPECT_EQ(DumpEdges(*store_), "");
}

TEST_P(StoreTest, PuttingARemovedArticleAgainRestoresTheSameGraph) {
  Put(ArticleA());
  Put(ArticleB());
  const std::string edges = DumpEdges(*store_);
  const std::string stats = Describe(StatsOf(*store_));
  ASSERT_TRUE(store_->RemoveArticle("tass-peskov-sanctions").ok());
  EXPECT_NE(DumpEdges(*store_), edges);
  EXPECT_EQ(Put(ArticleB()), PutOutcome::kStored);
  EXPECT_EQ(DumpEdges(*store_), edges);
  EXPECT_EQ(Describe(StatsOf(*store_)), stats);
}

TEST_P(StoreTest, StatsCountEdgesByKind) {
  Put(ArticleA());
  // See PutThenGetReturnsWhatWasPut for the list.
  EXPECT_EQ(DescribeByKind(StatsOf(*store_)),
            "said=3 published_in=3 mentions=6 reported_by=1 proposed=1 participated_in=1");
  Put(ArticleB());
  Put(ArticleAChanged());
  const StoreStats s = StatsOf(*store_);
  uint64_t sum = 0;
  for (uint64_t n : s.edges_by_kind) sum += n;
  EXPECT_EQ(sum, s.edges);
}

TEST_P(StoreTest, CheckFindsNothingWrongAfterPutsReplacementsAndRemovals) {
  EXPECT_TRUE(CheckOf(*store_).ok());
  Put(ArticleA());
  Put(ArticleB());
  CheckReport r = CheckOf(*store_);
  EXPECT_TRUE(r.ok()) << Problems(r);
  EXPECT_EQ(r.ledger_entries, 2u);
  EXPECT_EQ(r.edges, StatsOf(*store_).edges);
  Put(ArticleAChanged());
  r = CheckOf(*store_);
  EXPECT_TRUE(r.ok()) << Problems(r);
  ASSERT_TRUE(store_->RemoveArticle("tass-peskov-sanctions").ok());
  r = CheckOf(*store_);
  EXPECT_TRUE(r.ok()) << Problems(r);
  EXPECT_EQ(r.ledger_entries, 1u);
}

TEST_P(StoreTest, TheEdgeIteratorListsEveryEdgeOnceWithItsRefcount) {
  Put(ArticleA());
  Put(ArticleB());
  const StoreStats s = StatsOf(*store_);
  std::set<std::string> seen;
  std::array<uint64_t, kMaxEdgeKind + 1> by_kind{};
  auto it = store_->NewEdgeIterator();
  for (; it->Valid(); it->Next()) {
    const EdgeRecord& e = it->edge();
    EXPECT_TRUE(seen.insert(e.src.ToHex() + e.dst.ToHex() + std::to_string(int(e.kind))).second);
    EXPECT_GE(e.articles, 1u);
    ++by_kind[static_cast<int>(e.kind)];
  }
  EXPECT_TRUE(it->status().ok()) << it->status().ToString();
  EXPECT_EQ(seen.size(), s.edges);
  EXPECT_EQ(by_kind, s.edges_by_kind);
  // Peskov said s1 of A: contributed by A alone.
  const std::string dump = DumpEdges(*store_);
  EXPECT_THAT(dump, HasSubstr(PeskovId().ToHex() + " said " +
                              StatementNodeId("menafn-peskov-summit", "s1").ToHex() + " x1\n"));
}

TEST_P(StoreTest, TheNodeIteratorListsEveryRecordWithKindAndDate) {
  Put(ArticleA());
  const StoreStats s = StatsOf(*store_);
  std::map<NodeId, NodeInfo> nodes;
  auto it = store_->NewNodeIterator();
  for (; it->Valid(); it->Next()) nodes[it->node().id] = it->node();
  EXPECT_TRUE(it->status().ok()) << it->status().ToString();
  EXPECT_EQ(nodes.size(), s.articles + s.statements + s.entities + s.events);
  const NodeInfo& article = nodes[ArticleNodeId("menafn-peskov-summit")];
  EXPECT_EQ(article.kind, NodeKind::kArticle);
  EXPECT_EQ(article.date, 20251025u);
  EXPECT_EQ(nodes[StatementNodeId("menafn-peskov-summit", "s3")].date, 20251020u);
  // s2 has no utterance date: its article's publication date stands in.
  EXPECT_EQ(nodes[StatementNodeId("menafn-peskov-summit", "s2")].date, 20251025u);
  EXPECT_EQ(nodes[PutinId()].kind, NodeKind::kPerson);
  EXPECT_EQ(nodes[EntityNodeId(NodeKind::kCountry, "Russia")].kind, NodeKind::kCountry);
  EXPECT_EQ(nodes[EventNodeId("menafn-peskov-summit", "v1")].kind, NodeKind::kEvent);
}

TEST_P(StoreTest, GetArticleGraphListsWhatTheArticleContributed) {
  Put(ArticleA());
  Put(ArticleB());
  auto graph = store_->GetArticleGraph("tass-peskov-sanctions");
  ASSERT_TRUE(graph.ok()) << graph.status().ToString();
  // B mentions Peskov; Peskov said 2; 2 published_in.
  ASSERT_EQ(graph->edges.size(), 5u);
  for (const EdgeRecord& e : graph->edges) EXPECT_EQ(e.articles, 1u);
  // The article, its 2 statements, Peskov.
  std::set<NodeId> nodes;
  for (const NodeInfo& n : graph->nodes) nodes.insert(n.id);
  EXPECT_EQ(nodes, (std::set<NodeId>{ArticleNodeId("tass-peskov-sanctions"),
                                     StatementNodeId("tass-peskov-sanctions", "s1"),
                                     StatementNodeId("tass-peskov-sanctions", "s2"), PeskovId()}));
  auto a = store_->GetArticleGraph("menafn-peskov-summit");
  ASSERT_TRUE(a.ok());
  // Peskov said s1 of A: A's contribution, refcount 1; A mentions Peskov: so does B.
  for (const EdgeRecord& e : a->edges) {
    if (e.kind == EdgeKind::kMentions && e.dst == PeskovId() &&
        e.src == ArticleNodeId("menafn-peskov-summit")) {
      EXPECT_EQ(e.articles, 1u);
    }
  }
  EXPECT_TRUE(store_->GetArticleGraph("nope").status().IsNotFound());
}

// What PutArticles returned, one word per article ("stored replaced invalid ...").
std::string Outcomes(const std::vector<Result<PutOutcome>>& results) {
  std::string out;
  for (const auto& r : results) {
    if (!out.empty()) out += " ";
    if (!r.ok()) {
      out += r.status().IsInvalidArgument() ? "invalid" : r.status().ToString();
    } else {
      out += *r == PutOutcome::kStored     ? "stored"
             : *r == PutOutcome::kReplaced ? "replaced"
                                           : "unchanged";
    }
  }
  return out;
}

TEST_P(StoreTest, PutArticlesLeavesTheSameStateAsPuttingEachInTurn) {
  // A replaced twice within one call (its second version must replace the first),
  // shared entities, an invalid article in the middle, an unchanged one at the end.
  Extraction invalid = ArticleB();
  invalid.id = "invalid";
  invalid.statements[0].speaker_entity = "nobody";
  std::vector<Extraction> xs = {ArticleA(), ArticleB(),     ArticleAChanged(), BulkArticle(1),
                                invalid,    BulkArticle(2), ArticleA(),        ArticleB()};
  auto results = store_->PutArticles(xs);
  EXPECT_EQ(Outcomes(results), "stored stored replaced stored invalid stored replaced unchanged");

  std::unique_ptr<Store> one_by_one = NewStore();
  ASSERT_NE(one_by_one, nullptr);
  std::vector<Result<PutOutcome>> each;
  for (const Extraction& x : xs) each.push_back(one_by_one->PutArticle(x));
  EXPECT_EQ(Outcomes(each), Outcomes(results));

  EXPECT_EQ(Describe(StatsOf(*store_)), Describe(StatsOf(*one_by_one)));
  EXPECT_EQ(DescribeByKind(StatsOf(*store_)), DescribeByKind(StatsOf(*one_by_one)));
  EXPECT_EQ(DumpEdges(*store_), DumpEdges(*one_by_one));
  CheckReport r = CheckOf(*store_);
  EXPECT_TRUE(r.ok()) << Problems(r);
  EXPECT_EQ(r.ledger_entries, 4u);
  auto peskov = store_->GetEntity(PeskovId());
  ASSERT_TRUE(peskov.ok());
  EXPECT_EQ(peskov->article_count, 2u);
  EXPECT_EQ(peskov->statement_count, 4u);
  EXPECT_EQ(peskov->roles, std::vector<std::string>{"Kremlin spokesperson"});
  EXPECT_EQ(Names(Find("putin")), std::vector<std::string>{"Vladimir Putin"});
  EXPECT_TRUE(store_->GetArticle(ArticleNodeId("invalid")).status().IsNotFound());
}

TEST_P(StoreTest, PutArticlesCallsBackEachStoredArticleOnceItsWriteReturned) {
  // Several write groups: each article is reported once, in order, while the call is
  // still running, and is readable when reported; unchanged and invalid ones are not.
  std::vector<Extraction> xs;
  for (int i = 0; i < 200; ++i) xs.push_back(BulkArticle(i));
  xs[70].statements[0].speaker_entity = "nobody";  // invalid
  std::vector<size_t> reported;
  size_t readable = 0;
  bool last_stored_at_first = true;
  auto results = store_->PutArticles(xs, [&](size_t i) {
    reported.push_back(i);
    if (store_->GetArticle(ArticleNodeId(xs[i].id)).ok()) ++readable;
    if (i == 0) last_stored_at_first = store_->GetArticle(ArticleNodeId(xs.back().id)).ok();
  });
  EXPECT_FALSE(last_stored_at_first) << "the first group is reported before the last is written";
  std::vector<size_t> expected;
  for (size_t i = 0; i < xs.size(); ++i) {
    if (i != 70) expected.push_back(i);
  }
  EXPECT_EQ(reported, expected);
  EXPECT_EQ(readable, expected.size());
  EXPECT_FALSE(results[70].ok());

  reported.clear();
  xs[5].text += " Changed.";
  results = store_->PutArticles(xs, [&](size_t i) { reported.push_back(i); });
  EXPECT_EQ(reported, std::vector<size_t>{5}) << "only the replaced article; the rest are unchanged";
  EXPECT_EQ(*results[5], PutOutcome::kReplaced);
  EXPECT_EQ(*results[6], PutOutcome::kUnchanged);
}

TEST_P(StoreTest, PutArticlesStoresEveryArticleOfAManyGroupCall) {
  // More articles than one write groups, sharing one speaker.
  std::vector<Extraction> xs;
  for (int i = 0; i < 150; ++i) {
    Extraction x = BulkArticle(i);
    x.entities.push_back(MakeEntity("p", "person", "Dmitry Peskov", {"Peskov"}, {}, {{0, 4}}));
    x.statements[1].speaker_entity = "p";
    xs.push_back(std::move(x));
  }
  for (const auto& r : store_->PutArticles(xs)) {
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    EXPECT_EQ(*r, PutOutcome::kStored);
  }
  StoreStats stats = StatsOf(*store_);
  EXPECT_EQ(stats.articles, 150u);
  EXPECT_EQ(stats.statements, 300u);
  EXPECT_EQ(stats.entities, 151u);
  auto peskov = store_->GetEntity(PeskovId());
  ASSERT_TRUE(peskov.ok());
  EXPECT_EQ(peskov->article_count, 150u);
  EXPECT_EQ(peskov->statement_count, 150u);
  CheckReport r = CheckOf(*store_);
  EXPECT_TRUE(r.ok()) << Problems(r);

  for (const auto& r2 : store_->PutArticles(xs)) {
    ASSERT_TRUE(r2.ok());
    EXPECT_EQ(*r2, PutOutcome::kUnchanged);
  }
  // Removing through the writer's cached entity values keeps the counts exact.
  for (int i = 0; i < 150; i += 2) ASSERT_TRUE(store_->RemoveArticle(xs[i].id).ok());
  peskov = store_->GetEntity(PeskovId());
  ASSERT_TRUE(peskov.ok());
  EXPECT_EQ(peskov->article_count, 75u);
  EXPECT_EQ(StatsOf(*store_).entities, 76u);
  r = CheckOf(*store_);
  EXPECT_TRUE(r.ok()) << Problems(r);
}

// Article i of a run quoting one speaker in the same words on a few days, so that its
// statement joins those of other articles, in earlier write groups too; every third
// one also refers to his remarks (a reference re-decided as statements arrive).
// `version` 1 is a re-extraction that has him say other words.
Extraction QuotingArticle(int i, int version) {
  const std::string day = "2025-10-1" + std::to_string(i % 5);
  Extraction x = MakeArticle("quote-" + std::to_string(i), "", day);
  x.extractor_version = "rules-" + std::to_string(version);
  const std::string quote = version == 0
                                ? "We will answer every question about the summit in due course"
                                : "Nothing has been decided about the summit yet, he added";
  const std::string reference = "Peskov's remarks on the summit";
  x.text = "Peskov said: \"" + quote + ".\" Later, " + reference + " were noted by all.";
  auto span = [&](const std::string& part) {
    const int64_t begin = static_cast<int64_t>(x.text.find(part));
    return Span{begin, begin + static_cast<int64_t>(part.size())};
  };
  x.entities = {MakeEntity("p", "person", "Dmitry Peskov", {"Peskov"}, {}, {{0, 6}})};
  x.statements = {MakeStatement("s1", "p", quote, day, span(quote))};
  if (i % 3 == 0) {
    Statement r = MakeStatement("s2", "p", reference, std::nullopt, span(reference));
    r.type = "reference";
    x.statements.push_back(std::move(r));
  }
  return x;
}

// Every statement of `speaker` with its reports and what it refers to, page by page.
std::string DumpStatements(Store& store, NodeId speaker) {
  std::string out;
  StatementQuery q;
  q.speaker = speaker;
  q.limit = 1000;
  for (;;) {
    auto page = store.FindStatements(q);
    EXPECT_TRUE(page.ok()) << page.status().ToString();
    if (!page.ok()) return out;
    for (const StatementRecord& r : page->items) {
      out += r.id.ToHex() + " " + r.text + " " + r.type + " x" + std::to_string(r.reports.size());
      for (const StatementReport& p : r.reports) out += " " + p.article_external_id;
      out += "\n";
    }
    if (page->next_cursor.empty()) return out;
    q.cursor = page->next_cursor;
  }
}

TEST_P(StoreTest, WriteGroupsSeeTheGroupsWrittenBeforeThemInOneCall) {
  // 260 articles (several write groups, each built while the one before it is written)
  // whose statements join across groups, with re-extractions of articles of earlier
  // groups among them: the same store as putting each in turn.
  std::vector<Extraction> xs;
  for (int i = 0; i < 260; ++i) {
    xs.push_back(QuotingArticle(i, 0));
    if (i >= 70 && i % 7 == 0) xs.push_back(QuotingArticle(i - 65, 1));
    if (i >= 150 && i % 11 == 0) xs.push_back(QuotingArticle(i - 80, 0));  // back again
  }
  auto results = store_->PutArticles(xs);
  std::unique_ptr<Store> one_by_one = NewStore();
  ASSERT_NE(one_by_one, nullptr);
  std::vector<Result<PutOutcome>> each;
  for (const Extraction& x : xs) each.push_back(one_by_one->PutArticle(x));
  EXPECT_EQ(Outcomes(results), Outcomes(each));
  EXPECT_NE(Outcomes(results).find("replaced"), std::string::npos);

  EXPECT_EQ(Describe(StatsOf(*store_)), Describe(StatsOf(*one_by_one)));
  EXPECT_EQ(DescribeByKind(StatsOf(*store_)), DescribeByKind(StatsOf(*one_by_one)));
  const std::string edges = DumpEdges(*store_);
  EXPECT_EQ(edges, DumpEdges(*one_by_one));
  EXPECT_NE(edges.find("refers_to"), std::string::npos);
  const std::string statements = DumpStatements(*store_, PeskovId());
  EXPECT_EQ(statements, DumpStatements(*one_by_one, PeskovId()));
  // The quotes joined: far fewer statement nodes than reports.
  EXPECT_LT(StatsOf(*store_).statements, 150u);
  CheckReport r = CheckOf(*store_);
  EXPECT_TRUE(r.ok()) << Problems(r);
}

// An article of one statement of Peskov's, said and published on `day`.
Extraction OneStatementArticle(const std::string& id, const std::string& day,
                               const std::string& text, const std::string& version = "rules-1") {
  Extraction x = MakeArticle(id, "", day);
  x.extractor_version = version;
  x.text = "Peskov said: \"" + text + ".\"";
  const int64_t begin = static_cast<int64_t>(x.text.find(text));
  x.entities = {MakeEntity("p", "person", "Dmitry Peskov", {"Peskov"}, {}, {{0, 6}})};
  x.statements = {MakeStatement("s1", "p", text, day,
                                {begin, begin + static_cast<int64_t>(text.size())})};
  return x;
}

// The statements `reference` refers to.
std::set<NodeId> TargetsOf(Store& store, NodeId reference) {
  std::set<NodeId> out;
  auto it = store.NewEdgeIterator();
  for (; it->Valid(); it->Next()) {
    if (it->edge().kind == EdgeKind::kRefersTo && it->edge().src == reference) {
      out.insert(it->edge().dst);
    }
  }
  EXPECT_TRUE(it->status().ok()) << it->status().ToString();
  return out;
}

TEST_P(StoreTest, ReferencesFollowTheirBestTargetThroughTheCandidateCap) {
  // A reference without a date names the best of the speaker's first 200 statements
  // (newest first) of the week before its article, as the store holds them after each
  // write (so the order of the writes does not matter). Day D holds exactly 200 of them,
  // so `far`, the day before and the best match of reference X, is beyond the cap.
  const std::string d = "2025-10-10", before = "2025-10-09";
  std::vector<Extraction> xs;
  for (int i = 0; i < 198; ++i) {
    xs.push_back(OneStatementArticle("fill-" + std::to_string(i), d,
                                     "filler statement number " + std::to_string(1000 + i)));
  }
  const Extraction near1 = OneStatementArticle("near1", d, "apple banana were discussed there");
  const Extraction near2 = OneStatementArticle("near2", d, "lemon mango were discussed there");
  const Extraction near2_edited =
      OneStatementArticle("near2", d, "nothing was decided there yet", "rules-2");
  const Extraction far =
      OneStatementArticle("far", before, "apple banana cherry grape lemon were listed");
  xs.push_back(near1);
  xs.push_back(near2);
  xs.push_back(far);
  for (const auto& r : store_->PutArticles(xs)) ASSERT_TRUE(r.ok()) << r.status().ToString();

  // Two references of one window, decided in one write: each gets its own best.
  Extraction refs = MakeArticle("refs", "", d);
  const std::string rx = "remarks on apple banana cherry grape",
                    ry = "remarks on lemon mango";
  refs.text = "Peskov made " + rx + ". Peskov also made " + ry + ".";
  refs.entities = {MakeEntity("p", "person", "Dmitry Peskov", {"Peskov"}, {}, {{0, 6}})};
  for (const auto& [local, text] : {std::pair{"s1", rx}, std::pair{"s2", ry}}) {
    const int64_t begin = static_cast<int64_t>(refs.text.find(text));
    Statement r = MakeStatement(local, "p", text, std::nullopt,
                                {begin, begin + static_cast<int64_t>(text.size())});
    r.type = "reference";
    refs.statements.push_back(std::move(r));
  }
  ASSERT_TRUE(store_->PutArticle(refs).ok());
  const NodeId x = StatementNodeId("refs", "s1"), y = StatementNodeId("refs", "s2");
  const NodeId near1_id = StatementNodeId("near1", "s1"), near2_id = StatementNodeId("near2", "s1"),
               far_id = StatementNodeId("far", "s1");
  EXPECT_EQ(TargetsOf(*store_, x), std::set<NodeId>{near1_id}) << "far is beyond the cap";
  EXPECT_EQ(TargetsOf(*store_, y), std::set<NodeId>{near2_id});

  // X's target goes: day D holds 199, so `far` is among the first 200 now, the best
  // match of X.
  ASSERT_TRUE(store_->RemoveArticle("near1").ok());
  EXPECT_EQ(TargetsOf(*store_, x), std::set<NodeId>{far_id});
  EXPECT_EQ(TargetsOf(*store_, y), std::set<NodeId>{near2_id});
  // A statement older than `far` is beyond the cap: nothing changes.
  ASSERT_TRUE(store_->PutArticle(OneStatementArticle("older", "2025-10-08", "filler older")).ok());
  EXPECT_EQ(TargetsOf(*store_, x), std::set<NodeId>{far_id});
  EXPECT_EQ(TargetsOf(*store_, y), std::set<NodeId>{near2_id});

  // Y's target changes its words: `far`, which shares one word with Y, is its best now.
  ASSERT_EQ(*store_->PutArticle(near2_edited), PutOutcome::kReplaced);
  EXPECT_EQ(TargetsOf(*store_, x), std::set<NodeId>{far_id});
  EXPECT_EQ(TargetsOf(*store_, y), std::set<NodeId>{far_id});

  // Both come back in one write: day D holds 200 again, `far` is out, X returns to
  // near1 and Y to near2.
  std::vector<Extraction> back = {near1, near2};
  back[1].extractor_version = "rules-3";
  for (const auto& r : store_->PutArticles(back)) ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(TargetsOf(*store_, x), std::set<NodeId>{near1_id});
  EXPECT_EQ(TargetsOf(*store_, y), std::set<NodeId>{near2_id});

  // Another statement of day D: X and Y keep their targets, and a store given the same
  // articles in one write (refs first) joins them the same way.
  const Extraction extra = OneStatementArticle("extra", d, "filler statement extra");
  ASSERT_TRUE(store_->PutArticle(extra).ok());
  EXPECT_EQ(TargetsOf(*store_, x), std::set<NodeId>{near1_id});
  EXPECT_EQ(TargetsOf(*store_, y), std::set<NodeId>{near2_id});
  CheckReport r = CheckOf(*store_);
  EXPECT_TRUE(r.ok()) << Problems(r);

  std::unique_ptr<Store> fresh = NewMemoryStore();
  std::vector<Extraction> all = {refs, OneStatementArticle("older", "2025-10-08", "filler older"),
                                 extra, back[0], back[1], far};
  all.insert(all.end(), xs.begin(), xs.begin() + 198);
  for (const auto& r : fresh->PutArticles(all)) ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(TargetsOf(*fresh, x), std::set<NodeId>{near1_id});
  EXPECT_EQ(TargetsOf(*fresh, y), std::set<NodeId>{near2_id});
}

TEST_P(StoreTest, PutArticlesOfNothingReturnsNothing) {
  EXPECT_TRUE(store_->PutArticles({}).empty());
  EXPECT_EQ(Describe(StatsOf(*store_)), Describe({}));
}

INSTANTIATE_TEST_SUITE_P(AllStores, StoreTest,
                         ::testing::Values(StoreKind::kRocksDb, StoreKind::kMemory,
                                           StoreKind::kBulk),
                         [](const auto& info) { return KindName(info.param); });

// ---------------------------------------------------------------------------------
// What only a folder on disk shows.

class RocksDbStoreTest : public ::testing::Test {
 protected:
  void SetUp() override { dir_ = MakeTempDir(); }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::string DbDir() const { return dir_ + "/data/parley.db"; }
  std::string dir_;
};

TEST_F(RocksDbStoreTest, AReopenedStoreFindsEverything) {
  StoreStats before;
  {
    auto store = OpenRocksDbStore(DbDir(), StoreOptions{.sync = true});
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    ASSERT_TRUE((*store)->PutArticle(ArticleA()).ok());
    ASSERT_TRUE((*store)->PutArticle(ArticleB()).ok());
    before = *(*store)->Stats();
  }
  auto store = OpenRocksDbStore(DbDir(), StoreOptions{.create_if_missing = false});
  ASSERT_TRUE(store.ok()) << store.status().ToString();
  Store& s = **store;
  EXPECT_EQ(Describe(*s.Stats()), Describe(before));
  EXPECT_EQ(before.articles, 2u);
  auto article = s.GetArticle(ArticleNodeId("tass-peskov-sanctions"));
  ASSERT_TRUE(article.ok());
  EXPECT_EQ(article->title, "Title of tass-peskov-sanctions");
  auto found = s.FindEntities("peskov", 5);
  ASSERT_TRUE(found.ok());
  ASSERT_EQ(found->size(), 1u);
  EXPECT_EQ((*found)[0].statement_count, 4u);
  StatementQuery q;
  q.speaker = PeskovId();
  auto page = s.StatementsBySpeaker(q);
  ASSERT_TRUE(page.ok());
  EXPECT_EQ(page->items.size(), 4u);
  EXPECT_EQ(*s.PutArticle(ArticleA()), PutOutcome::kUnchanged);  // the ledger survived too
}

// An article whose one statement is `quote`, said by Peskov on 2025-10-20.
Extraction SameDayArticle(const std::string& id, const std::string& quote) {
  Extraction x = MakeArticle(id, "", "2025-10-20");
  x.text = "Peskov said: \"" + quote + ".\"";
  const int64_t begin = static_cast<int64_t>(x.text.find(quote));
  x.entities = {MakeEntity("p", "person", "Dmitry Peskov", {"Peskov"}, {}, {{0, 6}})};
  x.statements = {MakeStatement("s1", "p", quote, "2025-10-20",
                                {begin, begin + static_cast<int64_t>(quote.size())})};
  return x;
}

StoreStats StatsNow(Store& store) {
  auto s = store.Stats();
  EXPECT_TRUE(s.ok()) << s.status().ToString();
  return s.ok() ? *s : StoreStats{};
}

// Every column family of the closed database in `dir`, entry by entry.
std::vector<std::vector<std::pair<std::string, std::string>>> RawContents(const std::string& dir) {
  std::vector<std::vector<std::pair<std::string, std::string>>> out(kNumColumnFamilies);
  for (int cf = 0; cf < kNumColumnFamilies; ++cf) {
    Status st = RawScanForTesting(dir, static_cast<Cf>(cf), &out[cf]);
    EXPECT_TRUE(st.ok()) << st.ToString();
  }
  return out;
}

TEST_F(RocksDbStoreTest, BulkChunksStoreTheSameBytesAsWriteBatches) {
  // One call written as chunks of table files, each chunk several groups read through
  // by the next group and the next chunk, against the same call written as one
  // WriteBatch per group: every key and value of every column family the same.
  // Three reports of one statement node lose their first two in later groups of the
  // same chunk (the next first report is found by scanning the chunk's earlier
  // groups, the newest operation on a key winning); joins, references and
  // re-extractions run across chunks.
  const std::string said = "We are open to a meeting with no preconditions";
  std::vector<Extraction> xs = {SameDayArticle("same-a", said), SameDayArticle("same-b", said),
                                SameDayArticle("same-c", said),
                                SameDayArticle("same-a", "The dates are not set"),
                                SameDayArticle("same-a", "The venue is not set either"),
                                SameDayArticle("same-b", "We will see")};
  for (int i = 0; i < 300; ++i) {
    xs.push_back(QuotingArticle(i, 0));
    if (i >= 70 && i % 7 == 0) xs.push_back(QuotingArticle(i - 65, 1));
    if (i >= 150 && i % 11 == 0) xs.push_back(QuotingArticle(i - 80, 0));
  }
  const std::string bulk_dir = dir_ + "/bulk", batch_dir = dir_ + "/batches";
  std::string bulk_outcomes, batch_outcomes;
  for (const auto& [dir, min, outcomes] :
       {std::tuple{bulk_dir, size_t{2}, &bulk_outcomes}, {batch_dir, size_t{0}, &batch_outcomes}}) {
    auto store = OpenRocksDbStore(dir, StoreOptions{.bulk_min_articles = min,
                                                    .bulk_chunk_articles = 100});
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    *outcomes = Outcomes((*store)->PutArticles(xs));
    auto check = (*store)->Check();
    ASSERT_TRUE(check.ok());
    EXPECT_TRUE(check->ok()) << dir;
  }
  EXPECT_EQ(bulk_outcomes, batch_outcomes);
  EXPECT_EQ(bulk_outcomes.find("invalid"), std::string::npos);
  const auto bulk = RawContents(bulk_dir), batches = RawContents(batch_dir);
  for (int cf = 0; cf < kNumColumnFamilies; ++cf) {
    EXPECT_EQ(bulk[cf].size(), batches[cf].size()) << kColumnFamilies[cf];
    EXPECT_TRUE(bulk[cf] == batches[cf]) << kColumnFamilies[cf] << " differs";
  }
  EXPECT_GT(bulk[kCfRecords].size(), 600u);
  EXPECT_FALSE(std::filesystem::exists(bulk_dir + "/bulk") &&
               !std::filesystem::is_empty(bulk_dir + "/bulk"))
      << "ingested table files are moved, not left behind";
}

TEST_F(RocksDbStoreTest, ABulkChunkThatCannotBeWrittenStoresNoneOfItsArticles) {
  // The folder for a chunk's table files cannot be made (a file is in its way): every
  // article fails with an error naming it, nothing is stored, the store stays whole
  // and takes the same articles once the way is clear.
  std::vector<Extraction> xs;
  for (int i = 0; i < 150; ++i) xs.push_back(QuotingArticle(i, 0));
  auto store = OpenRocksDbStore(DbDir(), StoreOptions{.bulk_min_articles = 2,
                                                      .bulk_chunk_articles = 100});
  ASSERT_TRUE(store.ok()) << store.status().ToString();
  ASSERT_TRUE((*store)->PutArticle(ArticleA()).ok());
  const StoreStats before = StatsNow(**store);
  { std::ofstream(DbDir() + "/bulk") << "in the way"; }
  std::vector<size_t> acknowledged;
  auto results = (*store)->PutArticles(xs, [&](size_t i) { acknowledged.push_back(i); });
  for (const auto& r : results) {
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.status().code(), Status::Code::kIOError) << r.status().ToString();
    EXPECT_THAT(r.status().message(), ::testing::HasSubstr("/bulk"));
  }
  EXPECT_TRUE(acknowledged.empty());
  EXPECT_EQ(Describe(StatsNow(**store)), Describe(before));
  auto check = (*store)->Check();
  ASSERT_TRUE(check.ok());
  EXPECT_TRUE(check->ok()) << Problems(*check);

  std::filesystem::remove(DbDir() + "/bulk");
  for (const auto& r : (*store)->PutArticles(xs, [&](size_t i) { acknowledged.push_back(i); })) {
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    EXPECT_EQ(*r, PutOutcome::kStored);
  }
  EXPECT_EQ(acknowledged.size(), xs.size());
  EXPECT_EQ(StatsNow(**store).articles, before.articles + xs.size());
  check = (*store)->Check();
  ASSERT_TRUE(check.ok());
  EXPECT_TRUE(check->ok()) << Problems(*check);
}

TEST_F(RocksDbStoreTest, TableFilesOfAnInterruptedBulkChunkAreDeletedAtOpen) {
  // A crash between writing a chunk's table files and ingesting them leaves them in
  // DIR/bulk: never ingested, so not stored; the next read-write open deletes them.
  {
    auto store = OpenRocksDbStore(DbDir(), StoreOptions{});
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    ASSERT_TRUE((*store)->PutArticle(ArticleA()).ok());
  }
  std::filesystem::create_directories(DbDir() + "/bulk");
  { std::ofstream(DbDir() + "/bulk/3-records.sst") << "half a table file"; }
  {
    auto reader = OpenRocksDbStore(DbDir(), StoreOptions{.read_only = true});
    ASSERT_TRUE(reader.ok()) << reader.status().ToString();
  }
  EXPECT_TRUE(std::filesystem::exists(DbDir() + "/bulk/3-records.sst"))
      << "a reader deletes nothing";
  auto store = OpenRocksDbStore(DbDir(), StoreOptions{.create_if_missing = false});
  ASSERT_TRUE(store.ok()) << store.status().ToString();
  EXPECT_FALSE(std::filesystem::exists(DbDir() + "/bulk/3-records.sst"));
  EXPECT_EQ(StatsNow(**store).articles, 1u);
  auto check = (*store)->Check();
  ASSERT_TRUE(check.ok());
  EXPECT_TRUE(check->ok()) << Problems(*check);
}

TEST_F(RocksDbStoreTest, ALoadContinuedAfterAReopenEndsAsOneLoad) {
  // A process whose first write finds the folder empty skips the reads of keys it has
  // not written (statement heads, merge keys, ledger entries); one that opens a folder
  // holding them reads them. Joined quotes, references and re-extractions, loaded in
  // one process or split across a reopen, must leave the same store.
  std::vector<Extraction> first, second;
  for (int i = 0; i < 120; ++i) first.push_back(QuotingArticle(i, 0));
  for (int i = 0; i < 120; ++i) {
    if (i % 3 == 0) second.push_back(QuotingArticle(i, 1));  // re-extracted
    if (i % 5 == 0) second.push_back(QuotingArticle(i + 120, 0));
  }
  second.push_back(QuotingArticle(1, 0));  // unchanged
  auto stats = [](Store& store) {
    auto st = store.Stats();
    EXPECT_TRUE(st.ok()) << st.status().ToString();
    return st.ok() ? *st : StoreStats{};
  };
  auto put_all = [](Store& store, const std::vector<Extraction>& xs) {
    std::string out;
    for (const auto& r : store.PutArticles(xs)) {
      EXPECT_TRUE(r.ok()) << r.status().ToString();
      if (r.ok()) out += *r == PutOutcome::kStored ? "s" : *r == PutOutcome::kReplaced ? "r" : "u";
    }
    return out;
  };
  const std::string split_dir = dir_ + "/split", one_dir = dir_ + "/one";
  std::string split_outcomes;
  {
    auto store = OpenRocksDbStore(split_dir, StoreOptions{});
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    split_outcomes = put_all(**store, first);
  }
  auto split = OpenRocksDbStore(split_dir, StoreOptions{.create_if_missing = false});
  ASSERT_TRUE(split.ok()) << split.status().ToString();
  split_outcomes += put_all(**split, second);
  auto one = OpenRocksDbStore(one_dir, StoreOptions{});
  ASSERT_TRUE(one.ok()) << one.status().ToString();
  std::string one_outcomes = put_all(**one, first);
  one_outcomes += put_all(**one, second);
  EXPECT_EQ(split_outcomes, one_outcomes);
  EXPECT_NE(one_outcomes.find('r'), std::string::npos);
  EXPECT_EQ(one_outcomes.back(), 'u');

  EXPECT_EQ(Describe(stats(**split)), Describe(stats(**one)));
  EXPECT_EQ(DescribeByKind(stats(**split)), DescribeByKind(stats(**one)));
  const std::string edges = DumpEdges(**one);
  EXPECT_EQ(DumpEdges(**split), edges);
  EXPECT_NE(edges.find("refers_to"), std::string::npos);
  EXPECT_EQ(DumpStatements(**split, PeskovId()), DumpStatements(**one, PeskovId()));
  EXPECT_LT(stats(**one).statements, 300u);  // quotes joined across articles
  for (Store* s : {split->get(), one->get()}) {
    CheckReport r = CheckOf(*s);
    EXPECT_TRUE(r.ok()) << Problems(r);
  }
}

TEST_F(RocksDbStoreTest, ASecondOpenOfTheSameFolderFailsClearly) {
  auto first = OpenRocksDbStore(DbDir(), StoreOptions{});
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  auto second = OpenRocksDbStore(DbDir(), StoreOptions{});
  ASSERT_FALSE(second.ok());
  EXPECT_EQ(second.status().code(), Status::Code::kIOError);
  EXPECT_EQ(second.status().message(), "database " + DbDir() + " is in use by another process");
  first->reset();
  EXPECT_TRUE(OpenRocksDbStore(DbDir(), StoreOptions{}).ok());
}

// Run in a child process by the next test: holds the store open until stdin closes.
TEST(StoreLockHolder, DISABLED_HoldsTheStoreUntilStdinCloses) {
  const char* dir = std::getenv("PARLEY_STORE_TEST_HOLD");
  ASSERT_NE(dir, nullptr) << "run by AnotherProcessHoldingTheFolderIsReportedClearly only";
  auto store = OpenRocksDbStore(dir, StoreOptions{});
  ASSERT_TRUE(store.ok()) << store.status().ToString();
  std::printf("\nPARLEY_LOCK_HELD\n");
  std::fflush(stdout);
  char c;
  while (read(STDIN_FILENO, &c, 1) > 0) {
  }
}

TEST_F(RocksDbStoreTest, AnotherProcessHoldingTheFolderIsReportedClearly) {
  int to_child[2], from_child[2];
  ASSERT_EQ(pipe(to_child), 0);
  ASSERT_EQ(pipe(from_child), 0);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, to_child[0], STDIN_FILENO);
  posix_spawn_file_actions_adddup2(&actions, from_child[1], STDOUT_FILENO);
  posix_spawn_file_actions_addclose(&actions, to_child[1]);
  posix_spawn_file_actions_addclose(&actions, from_child[0]);
  std::vector<std::string> env_strings;
  for (char** e = environ; *e != nullptr; ++e) env_strings.emplace_back(*e);
  env_strings.push_back("PARLEY_STORE_TEST_HOLD=" + DbDir());
  std::vector<char*> envp;
  for (auto& e : env_strings) envp.push_back(e.data());
  envp.push_back(nullptr);
  std::string exe = std::filesystem::read_symlink("/proc/self/exe").string();
  std::string filter = "--gtest_filter=StoreLockHolder.DISABLED_HoldsTheStoreUntilStdinCloses";
  std::string also = "--gtest_also_run_disabled_tests";
  char* argv[] = {exe.data(), filter.data(), also.data(), nullptr};
  pid_t pid = 0;
  ASSERT_EQ(posix_spawn(&pid, exe.c_str(), &actions, nullptr, argv, envp.data()), 0);
  posix_spawn_file_actions_destroy(&actions);
  close(to_child[0]);
  close(from_child[1]);

  // Wait (at most 60 s) for the child to say it holds the store.
  std::string output;
  bool held = false;
  for (int waited = 0; !held && waited < 600; ++waited) {
    pollfd p{from_child[0], POLLIN, 0};
    if (poll(&p, 1, 100) <= 0) continue;
    char buf[512];
    ssize_t n = read(from_child[0], buf, sizeof buf);
    if (n <= 0) break;
    output.append(buf, static_cast<size_t>(n));
    held = output.find("PARLEY_LOCK_HELD") != std::string::npos;
  }
  EXPECT_TRUE(held) << "child said: " << output;
  if (held) {
    auto second = OpenRocksDbStore(DbDir(), StoreOptions{});
    ASSERT_FALSE(second.ok());
    EXPECT_EQ(second.status().code(), Status::Code::kIOError);
    EXPECT_EQ(second.status().message(), "database " + DbDir() + " is in use by another process");
    // A read-only open takes no lock: it works beside the writer.
    auto reader = OpenRocksDbStore(DbDir(), StoreOptions{.read_only = true});
    EXPECT_TRUE(reader.ok()) << reader.status().ToString();
  }
  close(to_child[1]);  // the child exits
  int status = 0;
  ASSERT_EQ(waitpid(pid, &status, 0), pid);
  close(from_child[0]);
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << "child said: " << output;
  EXPECT_TRUE(OpenRocksDbStore(DbDir(), StoreOptions{}).ok());
}

TEST_F(RocksDbStoreTest, AReadOnlyOpenReadsButRefusesToWrite) {
  auto writer = OpenRocksDbStore(DbDir(), StoreOptions{});
  ASSERT_TRUE(writer.ok()) << writer.status().ToString();
  ASSERT_TRUE((*writer)->PutArticle(ArticleA()).ok());

  auto reader = OpenRocksDbStore(DbDir(), StoreOptions{.read_only = true});
  ASSERT_TRUE(reader.ok()) << reader.status().ToString();
  auto peskov = (*reader)->GetEntity(PeskovId());
  ASSERT_TRUE(peskov.ok()) << peskov.status().ToString();
  EXPECT_EQ(peskov->statement_count, 2u);
  EXPECT_EQ((*reader)->Stats()->articles, 1u);
  auto found = (*reader)->FindEntities("peskov", 5);
  ASSERT_TRUE(found.ok()) << found.status().ToString();
  EXPECT_EQ(Names(*found), std::vector<std::string>{"Dmitry Peskov"});
  StatementQuery q;
  q.speaker = PeskovId();
  auto page = (*reader)->StatementsBySpeaker(q);
  ASSERT_TRUE(page.ok()) << page.status().ToString();
  EXPECT_EQ(page->items.size(), 2u);
  auto put = (*reader)->PutArticle(ArticleB());
  EXPECT_EQ(put.status().code(), Status::Code::kIOError);
  EXPECT_THAT(put.status().message(), HasSubstr("read-only"));
}

// Check on a real database damaged on purpose below the store, one damage per case.
struct Damage {
  const char* name;
  std::function<Status(const std::string& dir)> apply;
  std::vector<std::string> expected;  // substrings of the problems Check must report
};

class CheckDamageTest : public RocksDbStoreTest, public ::testing::WithParamInterface<Damage> {};

TEST_P(CheckDamageTest, CheckNamesWhatIsBroken) {
  {
    auto store = OpenRocksDbStore(DbDir(), StoreOptions{});
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    ASSERT_TRUE((*store)->PutArticle(ArticleA()).ok());
    ASSERT_TRUE((*store)->PutArticle(ArticleB()).ok());
    const CheckReport before = CheckOf(**store);
    ASSERT_TRUE(before.ok()) << Problems(before);
  }
  Status damaged = GetParam().apply(DbDir());
  ASSERT_TRUE(damaged.ok()) << damaged.ToString();
  auto store = OpenRocksDbStore(DbDir(), StoreOptions{});
  ASSERT_TRUE(store.ok()) << store.status().ToString();
  const CheckReport report = CheckOf(**store);
  EXPECT_FALSE(report.ok());
  EXPECT_EQ(report.problem_count, report.problems.size());
  for (const std::string& want : GetParam().expected) {
    EXPECT_THAT(Problems(report), HasSubstr(want));
  }
}

const NodeId kS1 = StatementNodeId("menafn-peskov-summit", "s1");
const NodeId kArticleA = ArticleNodeId("menafn-peskov-summit");

INSTANTIATE_TEST_SUITE_P(
    Damages, CheckDamageTest,
    ::testing::Values(
        Damage{"EntityRecordDeleted",
               [](const std::string& dir) {
                 return RawDeleteForTesting(dir, kCfRecords, RecordKey(kEntityTag, PutinId()));
               },
               {"its source " + PutinId().ToHex() + " has no record",
                "lists missing entity " + PutinId().ToHex(),
                "index T \"putin\": names missing entity " + PutinId().ToHex(),
                "counters: entities is 3, recount 2"}},
        Damage{"StatementRecordDeleted",
               [](const std::string& dir) {
                 return RawDeleteForTesting(dir, kCfRecords, RecordKey(kStatementTag, kS1));
               },
               {"its target " + kS1.ToHex() + " has no record",
                "index A " + kArticleA.ToHex() + ": names missing statement " + kS1.ToHex(),
                "lists missing statement " + kS1.ToHex(), "counters: statements is 5, recount 4"}},
        Damage{"MirrorEdgeDeleted",
               [](const std::string& dir) {
                 return RawDeleteForTesting(dir, kCfInEdges,
                                            InEdgeKey({PeskovId(), EdgeKind::kSaid, kS1}));
               },
               {"edge " + PeskovId().ToHex() + " said " + kS1.ToHex() + ": missing from in_edges"}},
        Damage{"OutEdgeDeleted",
               [](const std::string& dir) {
                 return RawDeleteForTesting(dir, kCfOutEdges,
                                            OutEdgeKey({PeskovId(), EdgeKind::kSaid, kS1}));
               },
               {"edge " + PeskovId().ToHex() + " said " + kS1.ToHex() +
                    ": in in_edges but not in out_edges",
                "lists missing edge " + PeskovId().ToHex() + " said " + kS1.ToHex()}},
        Damage{"ArticleIndexEntryDeleted",
               [](const std::string& dir) {
                 return RawDeleteForTesting(dir, kCfIndexes, ArticleIndexKey(kArticleA, kS1));
               },
               {"lists missing index entry " + HexEncode(ArticleIndexKey(kArticleA, kS1))}},
        Damage{"EdgeRefcountRaised",
               [](const std::string& dir) {
                 const EdgeKey e{PeskovId(), EdgeKind::kSaid, kS1};
                 PARLEY_RETURN_IF_ERROR(
                     RawPutForTesting(dir, kCfOutEdges, OutEdgeKey(e), EncodeRefcount(2)));
                 return RawPutForTesting(dir, kCfInEdges, InEdgeKey(e), EncodeRefcount(2));
               },
               {"edge " + PeskovId().ToHex() + " said " + kS1.ToHex() +
                    ": refcount 2 but 1 ledger entries list it",
                "statement " + kS1.ToHex() + ": has 1 reports but its said edge from " +
                    PeskovId().ToHex() + " says otherwise"}},
        Damage{"SpeakerIndexEntryDeleted",
               [](const std::string& dir) {
                 return RawDeleteForTesting(
                     dir, kCfIndexes,
                     SpeakerIndexKey(PeskovId(), DateNumber("2025-10-24"), DateNumber("2025-10-25"),
                                     kArticleA, 100, kS1));
               },
               {"statement " + kS1.ToHex() + ": missing from the speaker index"}},
        Damage{"MentionIndexEntryDeleted",
               [](const std::string& dir) {
                 return RawDeleteForTesting(
                     dir, kCfIndexes,
                     MentionIndexKey(
                         PutinId(), StatementOrder(DateNumber("2025-10-24"),
                                                   DateNumber("2025-10-25"), kArticleA, 100, kS1)));
               },
               {"statement " + kS1.ToHex() + ": 1 of the 1 entities it mentions missing"}},
        Damage{"DateIndexEntryFiledWithAWrongAct",
               [](const std::string& dir) {
                 return RawPutForTesting(
                     dir, kCfIndexes,
                     DateIndexKey(StatementOrder(DateNumber("2025-10-24"), DateNumber("2025-10-25"),
                                                 kArticleA, 100, kS1)),
                     PostingValue("direct", "deny"));
               },
               {"index D: statement " + kS1.ToHex() + " is filed with a wrong type or speech act",
                "statement " + kS1.ToHex() + ": missing from the date index"}},
        Damage{"StaleTokenLeftBehind",
               [](const std::string& dir) {
                 return RawPutForTesting(
                     dir, kCfIndexes,
                     TokenIndexKey("ghost", EntityNodeId(NodeKind::kPerson, "Nobody")), "");
               },
               {"index T \"ghost\": names missing entity"}},
        Damage{"CountersWrong",
               [](const std::string& dir) {
                 Counters c;
                 c.articles = 3;
                 c.statements = 5;
                 c.entities = 3;
                 c.events = 1;
                 c.edges = 1;
                 return RawPutForTesting(dir, kCfDefault, kCountersKey, EncodeCounters(c));
               },
               {"counters: articles is 3, recount 2", "counters: edges is 1, recount",
                "counters: edges said is 0, recount 5"}},
        Damage{"LedgerEntryDeleted",
               [](const std::string& dir) {
                 return RawDeleteForTesting(dir, kCfLedger, "tass-peskov-sanctions");
               },
               {"(\"tass-peskov-sanctions\"): has no ledger entry", "ledger entries, not 1",
                "but the ledger lists"}}),
    [](const auto& info) { return std::string(info.param.name); });

TEST_F(RocksDbStoreTest, CountersOfAnOlderDatabaseGainEdgeKindsOnOpen) {
  StoreStats before;
  {
    auto store = OpenRocksDbStore(DbDir(), StoreOptions{});
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    ASSERT_TRUE((*store)->PutArticle(ArticleA()).ok());
    before = *(*store)->Stats();
  }
  // Counters as the first format wrote them: 5 x be64, no kinds.
  std::string old_counters;
  for (uint64_t v :
       {before.articles, before.statements, before.entities, before.events, before.edges}) {
    PutBe64(&old_counters, v);
  }
  ASSERT_TRUE(RawPutForTesting(DbDir(), kCfDefault, kCountersKey, old_counters).ok());
  {
    auto reader = OpenRocksDbStore(DbDir(), StoreOptions{.read_only = true});
    ASSERT_TRUE(reader.ok()) << reader.status().ToString();
    EXPECT_EQ(DescribeByKind(*(*reader)->Stats()), DescribeByKind(before));
  }
  auto store = OpenRocksDbStore(DbDir(), StoreOptions{});
  ASSERT_TRUE(store.ok()) << store.status().ToString();
  EXPECT_EQ(DescribeByKind(*(*store)->Stats()), DescribeByKind(before));
  const CheckReport r = CheckOf(**store);
  EXPECT_TRUE(r.ok()) << Problems(r);
  ASSERT_TRUE((*store)->PutArticle(ArticleB()).ok());
  const CheckReport after = CheckOf(**store);
  EXPECT_TRUE(after.ok()) << Problems(after);
}

TEST_F(RocksDbStoreTest, OpeningAMissingFolderWithoutCreateFails) {
  auto store = OpenRocksDbStore(DbDir(), StoreOptions{.create_if_missing = false});
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.status().code(), Status::Code::kIOError);
  EXPECT_THAT(store.status().message(), HasSubstr(DbDir()));
  auto reader = OpenRocksDbStore(DbDir(), StoreOptions{.read_only = true});
  ASSERT_FALSE(reader.ok());
  EXPECT_THAT(reader.status().message(), HasSubstr("does not exist"));
  EXPECT_FALSE(std::filesystem::exists(DbDir()));
}

}  // namespace
}  // namespace parley::store
