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
#include <memory>
#include <set>
#include <string>
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

TEST_P(JoinsTest, AReferenceIsJoinedToTheEarlierStatementWhicheverArticleComesFirst) {
  const Extraction a = ExtractFile(kCases + "response-across-articles/a.txt");
  const Extraction b = ExtractFile(kCases + "response-across-articles/b.txt");
  const Statement* said = Local(a, "Maria Zakharova", "Kyiv had shown");
  const Statement* reference = nullptr;
  for (const Statement& s : b.statements) {
    if (s.type == "reference" && s.speaker == "Maria Zakharova") reference = &s;
  }
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

INSTANTIATE_TEST_SUITE_P(BothOrders, JoinsTest, ::testing::Bool(), [](const auto& info) {
  return std::string(info.param ? "EarlierFirst" : "LaterFirst");
});

}  // namespace
}  // namespace parley::store
