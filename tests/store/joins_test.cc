// What the store joins across articles, on articles of fixtures/cases/ extracted by
// the real extractor and stored in a real RocksDB folder: one statement reported by
// two outlets is one node with two reports (syndicated-statement), and a reference to
// an earlier statement ("Zakharova's remarks on Monday") is joined to that statement
// by a refers_to edge (response-across-articles), whichever article comes first, and
// undone and redone as articles are removed and put again. Check stays clean.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <stdlib.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <memory>
#include <set>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "extractors/document_reader.h"
#include "extractors/extractor.h"
#include "graph/store/store.h"
#include "schema/schema.h"

namespace parley::store {
namespace {

const std::string kCases = std::string(PARLEY_SOURCE_DIR) + "/fixtures/cases/";

Extraction ExtractFile(const std::string& path) {
  static std::unique_ptr<extractors::Extractor> ex = [] {
    auto schema = schema::LoadSchema(std::string(PARLEY_SOURCE_DIR) + "/schema");
    EXPECT_TRUE(schema.ok()) << schema.status().ToString();
    auto e = extractors::NewExtractor(*schema);
    EXPECT_TRUE(e.ok()) << e.status().ToString();
    return std::move(e.value());
  }();
  std::vector<Document> docs;
  std::vector<extractors::ReadProblem> problems;
  Status st = extractors::ReadDocuments(
      path, extractors::ReadOptions{}, [&](Document&& d) { docs.push_back(std::move(d)); },
      &problems);
  EXPECT_TRUE(st.ok() && docs.size() == 1) << path << ": " << st.ToString();
  return docs.empty() ? Extraction{} : ex->Extract(docs[0]);
}

// The local statement of `x` by `speaker` whose text contains `words`.
const Statement* Local(const Extraction& x, const std::string& speaker, const std::string& words) {
  for (const Statement& s : x.statements) {
    if (s.speaker == speaker && s.text.find(words) != std::string::npos) return &s;
  }
  ADD_FAILURE() << x.id << ": no statement of " << speaker << " with \"" << words << "\"";
  return nullptr;
}

// The (last) local reference statement of `x` by `speaker`, else null.
const Statement* LocalReference(const Extraction& x, const std::string& speaker) {
  const Statement* found = nullptr;
  for (const Statement& s : x.statements) {
    if (s.type == "reference" && s.speaker == speaker) found = &s;
  }
  return found;
}

class JoinsTest : public ::testing::TestWithParam<bool> {
 protected:
  void SetUp() override {
    std::string pattern = ::testing::TempDir() + "parley_joins_XXXXXX";
    ASSERT_NE(mkdtemp(pattern.data()), nullptr);
    dir_ = pattern;
    auto s = OpenRocksDbStore(dir_ + "/db", StoreOptions{});
    ASSERT_TRUE(s.ok()) << s.status().ToString();
    store_ = std::move(*s);
  }
  void TearDown() override {
    store_.reset();
    std::filesystem::remove_all(dir_);
  }
  void Put(const Extraction& x) {
    auto r = store_->PutArticle(x);
    ASSERT_TRUE(r.ok()) << x.id << ": " << r.status().ToString();
  }
  void ExpectClean() {
    auto c = store_->Check();
    ASSERT_TRUE(c.ok()) << c.status().ToString();
    EXPECT_TRUE(c->ok()) << (c->problems.empty() ? "" : c->problems[0]);
  }
  std::vector<StatementRecord> BySpeaker(const std::string& name) {
    StatementQuery q;
    q.speaker = EntityNodeId(NodeKind::kPerson, name);
    q.limit = 1000;
    auto page = store_->FindStatements(q);
    EXPECT_TRUE(page.ok()) << page.status().ToString();
    return page.ok() ? page->items : std::vector<StatementRecord>{};
  }
  std::set<std::pair<NodeId, NodeId>> EdgesOf(EdgeKind kind) {
    std::set<std::pair<NodeId, NodeId>> out;
    auto it = store_->NewEdgeIterator();
    for (; it->Valid(); it->Next()) {
      if (it->edge().kind == kind) out.insert({it->edge().src, it->edge().dst});
    }
    EXPECT_TRUE(it->status().ok());
    return out;
  }

  std::string dir_;
  std::unique_ptr<Store> store_;
};

TEST_P(JoinsTest, OneStatementSyndicatedByTwoOutletsIsOneNodeWithTwoReports) {
  const Extraction reuters = ExtractFile(kCases + "syndicated-statement/reuters.txt");
  const Extraction ap = ExtractFile(kCases + "syndicated-statement/ap.txt");
  const bool reuters_first = GetParam();
  const Extraction& first = reuters_first ? reuters : ap;
  const Extraction& second = reuters_first ? ap : reuters;
  Put(first);
  Put(second);

  auto quotes = [&] {
    std::vector<StatementRecord> out;
    for (auto& s : BySpeaker("Mark Rutte")) {
      if (s.text.find("Every week we wait") != std::string::npos) out.push_back(std::move(s));
    }
    return out;
  };
  std::vector<StatementRecord> found = quotes();
  ASSERT_EQ(found.size(), 1u) << "one node for the quote both outlets carry";
  const Statement* local = Local(first, "Mark Rutte", "Every week we wait");
  ASSERT_NE(local, nullptr);
  const NodeId id = StatementNodeId(first.id, local->id);
  EXPECT_EQ(found[0].id, id) << "the node keeps the id of the article that reported it first";
  ASSERT_EQ(found[0].reports.size(), 2u);
  EXPECT_EQ(found[0].reports[0].article_id, ArticleNodeId(first.id));
  EXPECT_EQ(found[0].reports[1].article_id, ArticleNodeId(second.id));
  EXPECT_EQ(found[0].reports[1].cue, "told reporters");
  const Statement* other = Local(second, "Mark Rutte", "Every week we wait");
  ASSERT_NE(other, nullptr);
  EXPECT_EQ(found[0].reports[1].local_id, other->id);
  EXPECT_FALSE(store_->GetStatement(StatementNodeId(second.id, other->id)).ok());
  EXPECT_EQ(store_->Stats()->statements, first.statements.size() + second.statements.size() - 1);
  // Each article publishes it; the speaker said it once per report.
  const auto published = EdgesOf(EdgeKind::kPublishedIn);
  EXPECT_TRUE(published.count({id, ArticleNodeId(first.id)}));
  EXPECT_TRUE(published.count({id, ArticleNodeId(second.id)}));
  ExpectClean();

  // Removing one report keeps the node, now reported by the other article only.
  ASSERT_TRUE(store_->RemoveArticle(first.id).ok());
  auto kept = store_->GetStatement(id);
  ASSERT_TRUE(kept.ok()) << kept.status().ToString();
  ASSERT_EQ(kept->reports.size(), 1u);
  EXPECT_EQ(kept->article_id, ArticleNodeId(second.id));
  EXPECT_EQ(kept->local_id, other->id);
  EXPECT_EQ(quotes().size(), 1u);
  ExpectClean();

  // Put back, and re-extracted (a new extractor version): still one node.
  Put(first);
  Extraction again = second;
  again.extractor_version += "+1";
  Put(again);
  ASSERT_EQ(quotes().size(), 1u);
  EXPECT_EQ(quotes()[0].reports.size(), 2u);
  ExpectClean();

  ASSERT_TRUE(store_->RemoveArticle(first.id).ok());
  ASSERT_TRUE(store_->RemoveArticle(second.id).ok());
  EXPECT_FALSE(store_->GetStatement(id).ok());
  EXPECT_EQ(store_->Stats()->statements, 0u);
  ExpectClean();
}

// `x` re-extracted by a newer extractor that found one more statement before its first
// joinable one (a resolved speaker, five words or more): every local id from there on
// shifts by one, so each old 'K' entry names the node another statement now owns.
Extraction WithStatementInserted(const Extraction& x) {
  Extraction out = x;
  out.extractor_version += "+1";
  auto first = std::find_if(out.statements.begin(), out.statements.end(), [](const Statement& s) {
    return !s.speaker_entity.empty() && s.type != "reference" &&
           std::count(s.text.begin(), s.text.end(), ' ') >= 5;
  });
  EXPECT_NE(first, out.statements.end()) << x.id << ": no joinable statement";
  if (first == out.statements.end()) return out;
  Statement added = *first;
  // Another sentence of the article: the first eight words of its text.
  size_t end = 0;
  for (int words = 0; words < 8 && end != std::string::npos; ++words) end = out.text.find(' ', end + 1);
  added.content = Span{0, static_cast<int64_t>(end)};
  added.content_spans.clear();
  added.text = out.text.substr(0, end);
  added.reported_by.clear();
  out.statements.insert(first, added);
  std::map<std::string, std::string> renamed;
  for (size_t i = 0; i < out.statements.size(); ++i) {
    const std::string id = "s" + std::to_string(i + 1);
    if (out.statements[i].text != added.text || out.statements[i].content != added.content) {
      renamed[out.statements[i].id] = id;
    }
    out.statements[i].id = id;
  }
  auto rename = [&](std::string* id) {
    if (auto it = renamed.find(*id); it != renamed.end()) *id = it->second;
  };
  for (Statement& s : out.statements) rename(&s.reported_by);
  for (Relation& r : out.relations) {
    rename(&r.source);
    rename(&r.target);
  }
  return out;
}

TEST_P(JoinsTest, AReExtractionWhoseLocalIdsShiftKeepsEveryStatement) {
  const Extraction reuters = ExtractFile(kCases + "syndicated-statement/reuters.txt");
  const Extraction ap = ExtractFile(kCases + "syndicated-statement/ap.txt");
  Put(reuters);
  Put(ap);
  const Extraction again = WithStatementInserted(GetParam() ? reuters : ap);
  Put(again);
  // Every statement of the new extraction is stored, reported by it, under its speaker.
  for (const Statement& s : again.statements) {
    if (s.speaker_entity.empty() || s.type == "reference") continue;
    const Entity& e = *std::find_if(again.entities.begin(), again.entities.end(),
                                    [&](const Entity& e) { return e.id == s.speaker_entity; });
    StatementQuery q;
    q.speaker = EntityNodeId(*NodeKindFromName(e.type), e.name);
    q.limit = 1000;
    auto said = store_->FindStatements(q);
    ASSERT_TRUE(said.ok()) << said.status().ToString();
    EXPECT_TRUE(std::any_of(said->items.begin(), said->items.end(), [&](const StatementRecord& r) {
      return std::any_of(r.reports.begin(), r.reports.end(), [&](const StatementReport& p) {
        return p.article_id == ArticleNodeId(again.id) && p.local_id == s.id && p.text == s.text;
      });
    })) << s.id << " of " << e.name << " is lost: " << s.text;
  }
  ExpectClean();
  // The other outlet re-extracted the same way: the shared quote is still one node.
  const Extraction other = WithStatementInserted(GetParam() ? ap : reuters);
  Put(other);
  ExpectClean();
  std::vector<StatementRecord> rutte = BySpeaker("Mark Rutte");
  EXPECT_EQ(std::count_if(rutte.begin(), rutte.end(),
                          [](const StatementRecord& r) {
                            return r.text.find("Every week we wait") != std::string::npos;
                          }),
            1);
  for (const StatementRecord& r : rutte) {
    if (r.text.find("Every week we wait") != std::string::npos) {
      EXPECT_EQ(r.reports.size(), 2u);
    }
  }
}

TEST_P(JoinsTest, AReferenceIsJoinedToTheEarlierStatementWhicheverArticleComesFirst) {
  const Extraction a = ExtractFile(kCases + "response-across-articles/a.txt");
  const Extraction b = ExtractFile(kCases + "response-across-articles/b.txt");
  const Statement* said = Local(a, "Maria Zakharova", "Kyiv had shown");
  const Statement* reference = LocalReference(b, "Maria Zakharova");
  const Statement* answer = Local(b, "Andrii Sybiha", "Russia had rejected");
  ASSERT_TRUE(said && reference && answer);
  const NodeId to = StatementNodeId(a.id, said->id);
  const NodeId via = StatementNodeId(b.id, reference->id);
  const NodeId from = StatementNodeId(b.id, answer->id);

  const bool earlier_first = GetParam();
  Put(earlier_first ? a : b);
  Put(earlier_first ? b : a);
  // from --responded_to--> via --refers_to--> to: the answer reaches what it answers.
  EXPECT_TRUE(EdgesOf(EdgeKind::kRespondedTo).count({from, via}));
  EXPECT_EQ(EdgesOf(EdgeKind::kRefersTo), (std::set<std::pair<NodeId, NodeId>>{{via, to}}));
  auto graph = store_->GetArticleGraph(earlier_first ? b.id : a.id);
  ASSERT_TRUE(graph.ok()) << graph.status().ToString();
  EXPECT_TRUE(std::any_of(graph->edges.begin(), graph->edges.end(), [&](const EdgeRecord& e) {
    return e.kind == EdgeKind::kRefersTo && e.src == via && e.dst == to;
  })) << "the article just written tells the projection about the join";
  ExpectClean();

  // Without the earlier article the reference has nothing to join; back, it joins again.
  ASSERT_TRUE(store_->RemoveArticle(a.id).ok());
  EXPECT_TRUE(EdgesOf(EdgeKind::kRefersTo).empty());
  ExpectClean();
  Put(a);
  EXPECT_EQ(EdgesOf(EdgeKind::kRefersTo), (std::set<std::pair<NodeId, NodeId>>{{via, to}}));
  ExpectClean();
  // Removing the referring article removes the join.
  ASSERT_TRUE(store_->RemoveArticle(b.id).ok());
  EXPECT_TRUE(EdgesOf(EdgeKind::kRefersTo).empty());
  ExpectClean();
}

// The writer scans a speaker's references only when it knows the speaker has some: a
// set read from the 'R' index at the first write after opening. A reference stored
// before the store was closed must be in it, and joined when its statement arrives.
TEST_P(JoinsTest, AReferenceStoredBeforeAReopenIsJoinedAfterIt) {
  const Extraction a = ExtractFile(kCases + "response-across-articles/a.txt");
  const Extraction b = ExtractFile(kCases + "response-across-articles/b.txt");
  const Statement* said = Local(a, "Maria Zakharova", "Kyiv had shown");
  const Statement* reference = LocalReference(b, "Maria Zakharova");
  ASSERT_TRUE(said && reference);
  const NodeId to = StatementNodeId(a.id, said->id);
  const NodeId via = StatementNodeId(b.id, reference->id);
  // Another article first, so the writer's first write after the reopen is not into
  // an empty store (where it knows every key it wrote).
  const Extraction other = ExtractFile(kCases + "sanctions-response/article.txt");
  Put(other);
  Put(b);
  EXPECT_TRUE(EdgesOf(EdgeKind::kRefersTo).empty());
  store_.reset();
  auto s = OpenRocksDbStore(dir_ + "/db", StoreOptions{});
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  store_ = std::move(*s);
  Put(a);
  EXPECT_EQ(EdgesOf(EdgeKind::kRefersTo), (std::set<std::pair<NodeId, NodeId>>{{via, to}}));
  ExpectClean();
}

// Both reports of one statement in one PutArticles call (one group, one batch), on a
// store that already holds another article (so the writer reads the store instead of
// knowing keys absent): the group's reads are made up front (PrefetchFor), before the
// first article creates the node the second one joins, and must not hide that node.
// The result is what storing them one at a time gives, re-extracting both in one call too.
TEST_P(JoinsTest, TwoReportsInOneGroupJoinAsWhenStoredOneByOne) {
  const Extraction other = ExtractFile(kCases + "sanctions-response/article.txt");
  const Extraction reuters = ExtractFile(kCases + "syndicated-statement/reuters.txt");
  const Extraction ap = ExtractFile(kCases + "syndicated-statement/ap.txt");
  const bool reuters_first = GetParam();
  const std::vector<Extraction> group =
      reuters_first ? std::vector<Extraction>{reuters, ap} : std::vector<Extraction>{ap, reuters};

  // The reference: one at a time, in another folder.
  auto one_by_one = OpenRocksDbStore(dir_ + "/one-by-one", StoreOptions{});
  ASSERT_TRUE(one_by_one.ok()) << one_by_one.status().ToString();
  for (const Extraction* x : {&other, &group[0], &group[1]}) {
    ASSERT_TRUE((*one_by_one)->PutArticle(*x).ok());
  }

  Put(other);
  auto stored = store_->PutArticles(group);
  ASSERT_EQ(stored.size(), 2u);
  for (const auto& r : stored) {
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    EXPECT_EQ(*r, PutOutcome::kStored);
  }
  auto compare = [&] {
    auto want = (*one_by_one)->Stats();
    auto got = store_->Stats();
    ASSERT_TRUE(want.ok() && got.ok());
    EXPECT_EQ(got->articles, want->articles);
    EXPECT_EQ(got->statements, want->statements);
    EXPECT_EQ(got->entities, want->entities);
    EXPECT_EQ(got->events, want->events);
    EXPECT_EQ(got->edges_by_kind, want->edges_by_kind);
    const Statement* local = Local(group[0], "Mark Rutte", "Every week we wait");
    ASSERT_NE(local, nullptr);
    auto node = store_->GetStatement(StatementNodeId(group[0].id, local->id));
    ASSERT_TRUE(node.ok()) << node.status().ToString();
    ASSERT_EQ(node->reports.size(), 2u) << "the second article joined the node the first made";
    EXPECT_EQ(node->reports[0].article_id, ArticleNodeId(group[0].id));
    EXPECT_EQ(node->reports[1].article_id, ArticleNodeId(group[1].id));
    ExpectClean();
  };
  compare();

  // Both re-extracted (a new extractor version) in one call: each is replaced.
  std::vector<Extraction> again = group;
  for (Extraction& x : again) x.extractor_version += "+1";
  for (const Extraction& x : again) ASSERT_TRUE((*one_by_one)->PutArticle(x).ok());
  stored = store_->PutArticles(again);
  for (const auto& r : stored) {
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    EXPECT_EQ(*r, PutOutcome::kReplaced);
  }
  compare();
}

// Extracts the articles `gen-corpus` writes into dir/corpus.jsonl with `args`.
void GeneratedArticles(const std::string& dir, const std::string& args,
                       std::vector<Extraction>* articles) {
  const std::string corpus = dir + "/corpus.jsonl";
  ASSERT_EQ(std::system(("python3 " + std::string(PARLEY_SOURCE_DIR) + "/scripts/gen-corpus " +
                         args + " --out " + corpus + " >/dev/null")
                            .c_str()),
            0);
  auto schema = schema::LoadSchema(std::string(PARLEY_SOURCE_DIR) + "/schema");
  ASSERT_TRUE(schema.ok()) << schema.status().ToString();
  auto extractor = extractors::NewExtractor(*schema);
  ASSERT_TRUE(extractor.ok()) << extractor.status().ToString();
  std::vector<extractors::ReadProblem> problems;
  ASSERT_TRUE(extractors::ReadDocuments(corpus, extractors::ReadOptions{},
                                        [&](Document&& d) {
                                          articles->push_back((*extractor)->Extract(d));
                                        },
                                        &problems)
                  .ok());
}

// Every refers_to edge of `store`: reference -> the statement it joins.
std::map<NodeId, NodeId> RefersTo(Store& store) {
  std::map<NodeId, NodeId> out;
  auto it = store.NewEdgeIterator();
  for (; it->Valid(); it->Next()) {
    if (it->edge().kind == EdgeKind::kRefersTo) out[it->edge().src] = it->edge().dst;
  }
  EXPECT_TRUE(it->status().ok());
  return out;
}

// Removes a test's scratch folder when the test returns, early or not.
struct RemovedAtExit {
  std::string dir;
  ~RemovedAtExit() { std::filesystem::remove_all(dir); }
};

// Generated articles quoting four people (scripts/gen-corpus), so that a reference has
// several candidate statements in its window and later articles bring better and worse
// ones: stored one article per write in order (each write re-decides stored references
// from their stored target and its own statements), in reverse, and all in one call
// (groups of 64 in chunks), every reference joins the same statement.
TEST(JoinsOrderTest, ReferencesJoinTheSameStatementWhateverTheOrderOfWrites) {
  std::string pattern = ::testing::TempDir() + "parley_joins_order_XXXXXX";
  ASSERT_NE(mkdtemp(pattern.data()), nullptr);
  const std::string dir = pattern;
  const RemovedAtExit cleanup{dir};  // (also when an assertion returns early)
  std::vector<Extraction> articles;
  ASSERT_NO_FATAL_FAILURE(
      GeneratedArticles(dir, "--articles 400 --speakers 4 --seed 7", &articles));
  ASSERT_EQ(articles.size(), 400u);
  auto open = [&](const std::string& name) {
    auto s = OpenRocksDbStore(dir + "/" + name, StoreOptions{});
    EXPECT_TRUE(s.ok()) << s.status().ToString();
    return s.ok() ? std::move(*s) : nullptr;
  };
  auto in_order = open("in-order");
  auto reversed = open("reversed");
  auto at_once = open("at-once");
  ASSERT_TRUE(in_order && reversed && at_once);
  for (const Extraction& x : articles) ASSERT_TRUE(in_order->PutArticle(x).ok());
  for (auto x = articles.rbegin(); x != articles.rend(); ++x) {
    ASSERT_TRUE(reversed->PutArticle(*x).ok());
  }
  for (const auto& r : at_once->PutArticles(articles)) ASSERT_TRUE(r.ok()) << r.status().ToString();

  const std::map<NodeId, NodeId> want = RefersTo(*in_order);
  EXPECT_GE(want.size(), 10u) << "too few joined references for the comparison to say much";
  EXPECT_EQ(RefersTo(*reversed), want);
  EXPECT_EQ(RefersTo(*at_once), want);
  for (Store* s : {in_order.get(), reversed.get(), at_once.get()}) {
    auto c = s->Check();
    ASSERT_TRUE(c.ok()) << c.status().ToString();
    EXPECT_TRUE(c->ok()) << (c->problems.empty() ? "" : c->problems[0]);
  }
  in_order.reset();
  reversed.reset();
  at_once.reset();
}

// The writer keeps, across writes, how many statements each reference window holds,
// so that a window within its cap is known complete without a scan
// (StoreOptions::count_reference_windows). Through stores and removals, in groups and
// one by one, across a reopen (no counts yet), every reference joins what it joins when
// every window is scanned: with the default cap over two years of dates (small
// windows), and with caps of 3 and 10 over two years, a month and four days (windows
// past the cap, whose counts saturate and are forgotten on a removal); each count the
// writer uses is counted again in the store (verify_reference_window_counts).
// Parameter: (days of dates, cap).
class WindowCountsTest : public ::testing::TestWithParam<std::pair<int, int>> {};

TEST_P(WindowCountsTest, ReferencesJoinAsWhenEveryWindowIsScanned) {
  const auto [days, cap] = GetParam();
  std::string pattern = ::testing::TempDir() + "parley_joins_counts_XXXXXX";
  ASSERT_NE(mkdtemp(pattern.data()), nullptr);
  const std::string dir = pattern;
  const RemovedAtExit cleanup{dir};  // (also when an assertion returns early)
  std::vector<Extraction> articles;
  ASSERT_NO_FATAL_FAILURE(GeneratedArticles(
      dir, "--articles 600 --speakers 2 --seed 11 --days " + std::to_string(days), &articles));
  ASSERT_EQ(articles.size(), 600u);
  auto open = [&](const std::string& name, bool counts) {
    StoreOptions options;
    options.count_reference_windows = counts;
    options.reference_window_cap = static_cast<size_t>(cap);
    options.verify_reference_window_counts = counts;
    auto s = OpenRocksDbStore(dir + "/" + name, options);
    EXPECT_TRUE(s.ok()) << s.status().ToString();
    return s.ok() ? std::move(*s) : nullptr;
  };
  // The first half in calls of 50 (each one group), every third of them removed, the
  // second half at once (chunks), the removed ones again, then, reopened, every seventh
  // article removed and stored again one by one: counts rise, fall and are read again.
  std::vector<std::map<NodeId, NodeId>> joins;
  for (bool counts : {true, false}) {
    const std::string name = counts ? "counted" : "scanned";
    auto store = open(name, counts);
    ASSERT_TRUE(store);
    for (size_t from = 0; from < 300; from += 50) {
      std::span<const Extraction> group(articles.data() + from, 50);
      for (const auto& r : store->PutArticles(group)) ASSERT_TRUE(r.ok()) << r.status().ToString();
    }
    std::vector<Extraction> removed;
    for (size_t i = 0; i < 300; i += 3) {
      ASSERT_TRUE(store->RemoveArticle(articles[i].id).ok());
      removed.push_back(articles[i]);
    }
    std::span<const Extraction> rest(articles.data() + 300, 300);
    for (const auto& r : store->PutArticles(rest)) ASSERT_TRUE(r.ok()) << r.status().ToString();
    for (const auto& r : store->PutArticles(removed)) ASSERT_TRUE(r.ok()) << r.status().ToString();
    store.reset();
    store = open(name, counts);
    ASSERT_TRUE(store);
    for (size_t i = 1; i < 600; i += 7) ASSERT_TRUE(store->RemoveArticle(articles[i].id).ok());
    for (size_t i = 1; i < 600; i += 7) ASSERT_TRUE(store->PutArticle(articles[i]).ok());
    joins.push_back(RefersTo(*store));
    auto c = store->Check();
    ASSERT_TRUE(c.ok()) << c.status().ToString();
    EXPECT_TRUE(c->ok()) << (c->problems.empty() ? "" : c->problems[0]);
  }
  EXPECT_GE(joins[0].size(), 20u) << "too few joined references for the comparison to say much";
  EXPECT_EQ(joins[0], joins[1]);
}

INSTANTIATE_TEST_SUITE_P(DatesAndCaps, WindowCountsTest,
                         ::testing::Values(std::make_pair(730, 200), std::make_pair(730, 3),
                                           std::make_pair(30, 3), std::make_pair(4, 10)),
                         [](const auto& info) {
                           return "Days" + std::to_string(info.param.first) + "Cap" +
                                  std::to_string(info.param.second);
                         });

INSTANTIATE_TEST_SUITE_P(BothOrders, JoinsTest, ::testing::Bool(), [](const auto& info) {
  return std::string(info.param ? "EarlierFirst" : "LaterFirst");
});

}  // namespace
}  // namespace parley::store
