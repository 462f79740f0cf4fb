// Neighbourhood views on a graph with hubs: a speaker with 300 statements, each
// mentioning an organisation the speaker holds a role in. The server's path
// (NeighbourhoodView on a shared snapshot) keeps a hub's outgoing edges per thread
// after first reading them; its answers must be the same as the plain traversal's, on
// the first call and on the calls that use what it kept (edges and labels), and
// after a new snapshot.
#include <gtest/gtest.h>

#include <filesystem>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "api/queries.h"
#include "graph/core/extraction.h"
#include "graph/core/ids.h"
#include "graph/projection.h"
#include "graph/store/store.h"

namespace parley::api {
namespace {

constexpr int kStatements = 300;

Extraction HubArticle(const std::string& id, int statements) {
  Extraction x;
  x.id = id;
  x.content_hash = "hub-" + id + "-" + std::to_string(statements);
  x.extractor_version = "test-1";
  x.article.title = "Hub " + id + " of " + std::to_string(statements);
  x.article.published = "2025-10-01";
  Entity speaker;
  speaker.id = "e1";
  speaker.type = "person";
  speaker.name = "Hub Speaker";
  Entity org;
  org.id = "e2";
  org.type = "organization";
  org.name = "Hub Ministry";
  for (int i = 0; i < statements; ++i) {
    Statement s;
    s.id = "s" + std::to_string(i + 1);
    s.content = {20 * i, 20 * i + 15};
    s.text = "statement " + std::to_string(i);
    s.type = "direct";
    s.cue = "said";
    s.speech_act = "assert";
    s.speaker = speaker.name;
    s.speaker_entity = speaker.id;
    s.date = "2025-10-01";
    org.mentions.push_back({20 * i + 2, 20 * i + 6});
    x.statements.push_back(s);
  }
  x.text = std::string(20 * statements, 'x');
  x.entities = {speaker, org};
  x.relations = {{"holds_role", "e1", "e2"}};
  return x;
}

// The view as sorted lines: its nodes (id, kind, label, date, hops) and its edges.
std::set<std::string> Edges(const GraphView& view) {
  std::set<std::string> out;
  for (const ViewNode& n : view.nodes) {
    out.insert(n.id.ToHex() + " " + std::string(NodeKindName(n.kind)) + " \"" + n.label + "\" " +
               n.date.value_or("-") + " " + std::to_string(n.hops));
  }
  for (const ViewEdge& e : view.edges) {
    out.insert(e.source.ToHex() + " " + std::string(store::EdgeKindName(e.kind)) + " " +
               e.target.ToHex());
  }
  return out;
}

class HubViewTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string pattern =
        (std::filesystem::temp_directory_path() / "parley_hub_view_XXXXXX").string();
    ASSERT_NE(mkdtemp(pattern.data()), nullptr);
    dir_ = pattern;
    auto store = store::OpenRocksDbStore(dir_ + "/db", store::StoreOptions{});
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    store_ = std::move(*store);
    auto put = store_->PutArticle(HubArticle("hub-a", kStatements));
    ASSERT_TRUE(put.ok()) << put.status().ToString();
  }
  void TearDown() override {
    store_.reset();
    std::filesystem::remove_all(dir_);
  }

  std::string dir_;
  std::unique_ptr<store::Store> store_;
};

TEST_F(HubViewTest, KeptHubEdgesGiveTheSameViewsAsReadingThem) {
  auto built = graph::GraphSnapshot::Build(*store_);
  ASSERT_TRUE(built.ok()) << built.status().ToString();
  std::shared_ptr<const graph::GraphSnapshot> g = *built;
  const NodeId speaker = EntityNodeId(NodeKind::kPerson, "Hub Speaker");
  const NodeId ministry = EntityNodeId(NodeKind::kOrganization, "Hub Ministry");

  for (int pass = 0; pass < 3; ++pass) {
    for (int i : {0, 7, 299}) {
      SCOPED_TRACE("pass " + std::to_string(pass) + " statement " + std::to_string(i));
      NeighbourhoodRequest request;
      request.node = StatementNodeId("hub-a", "s" + std::to_string(i + 1));
      auto plain = NeighbourhoodView(*store_, *g, request);
      auto kept = NeighbourhoodView(*store_, g, request);
      ASSERT_TRUE(plain.ok() && kept.ok());
      EXPECT_EQ(Edges(*kept), Edges(*plain));
      // The hub's edges into the view are there: said, and the role between two hubs.
      EXPECT_TRUE(Edges(*kept).count(speaker.ToHex() + " said " + request.node.ToHex()));
      EXPECT_TRUE(Edges(*kept).count(speaker.ToHex() + " holds_role " + ministry.ToHex()));
      EXPECT_TRUE(Edges(*kept).count(request.node.ToHex() + " mentions " + ministry.ToHex()));
      // An edge-kind filter applies to kept edges too.
      request.kinds = graph::EdgeKindSet::Of({store::EdgeKind::kSaid, store::EdgeKind::kMentions});
      kept = NeighbourhoodView(*store_, g, request);
      ASSERT_TRUE(kept.ok());
      EXPECT_EQ(Edges(*kept), Edges(*NeighbourhoodView(*store_, *g, request)));
      EXPECT_TRUE(Edges(*kept).count(request.node.ToHex() + " mentions " + ministry.ToHex()));
      EXPECT_FALSE(Edges(*kept).count(speaker.ToHex() + " holds_role " + ministry.ToHex()));
    }
  }

  // A new snapshot (the speaker loses 100 statements) is not answered from the old one.
  auto put = store_->PutArticle(HubArticle("hub-a", kStatements - 100));
  ASSERT_TRUE(put.ok()) << put.status().ToString();
  auto rebuilt = graph::GraphSnapshot::Build(*store_);
  ASSERT_TRUE(rebuilt.ok());
  std::shared_ptr<const graph::GraphSnapshot> g2 = *rebuilt;
  NeighbourhoodRequest request;
  request.node = StatementNodeId("hub-a", "s250");
  auto gone = NeighbourhoodView(*store_, g2, request);
  EXPECT_FALSE(gone.ok()) << "s250 is no longer stored";
  request.node = StatementNodeId("hub-a", "s5");
  auto kept = NeighbourhoodView(*store_, g2, request);
  ASSERT_TRUE(kept.ok());
  EXPECT_EQ(Edges(*kept), Edges(*NeighbourhoodView(*store_, *g2, request)));
  // Labels are those of the new snapshot's store (the article's title changed).
  const std::string article = ArticleNodeId("hub-a").ToHex();
  bool titled = false;
  for (const ViewNode& n : kept->nodes) {
    if (n.id.ToHex() == article) {
      EXPECT_EQ(n.label, "Hub hub-a of " + std::to_string(kStatements - 100));
      titled = true;
    }
  }
  EXPECT_TRUE(titled);
  // And a hub neighbourhood lists at most `limit` nodes with edges among them.
  request.node = speaker;
  request.limit = 50;
  kept = NeighbourhoodView(*store_, g2, request);
  ASSERT_TRUE(kept.ok());
  EXPECT_EQ(Edges(*kept), Edges(*NeighbourhoodView(*store_, *g2, request)));
  EXPECT_GE(kept->edges.size(), 50u);
}

}  // namespace
}  // namespace parley::api
