// Neighbourhood views on a graph with hubs: a speaker with 300 statements, each
// mentioning an organisation the speaker holds a role in. The server's path
// (NeighbourhoodView on a shared snapshot) keeps a hub's outgoing edges per thread
// after first reading them; its answers must be the same as the plain traversal's, on
// the first call and on the calls that use what it kept (edges and labels), and
// after a new snapshot. The labels are kept once for all threads: requests from
// several threads at once see the labels of their snapshot's store, also while
// requests on the old snapshot still run after an ingest.
#include <gtest/gtest.h>

#include <filesystem>
#include <memory>
#include <set>
#include <string>
#include <thread>
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

// The label of the article node in the view of `statement` (its depth-1 neighbour),
// "" when the view failed or lacks it; the view must equal the one read in full.
std::string ArticleLabelSeen(store::Store& store,
                             const std::shared_ptr<const graph::GraphSnapshot>& g, int statement,
                             bool* same_as_plain) {
  NeighbourhoodRequest request;
  request.node = StatementNodeId("hub-a", "s" + std::to_string(statement));
  auto kept = NeighbourhoodView(store, g, request);
  auto plain = NeighbourhoodView(store, *g, request);
  if (!kept.ok() || !plain.ok()) return "";
  *same_as_plain = Edges(*kept) == Edges(*plain);
  const NodeId article = ArticleNodeId("hub-a");
  for (const ViewNode& n : kept->nodes) {
    if (n.id == article) return n.label;
  }
  return "";
}

TEST_F(HubViewTest, ThreadsShareLabelsOfTheirSnapshotAcrossAnIngest) {
  constexpr int kThreads = 4;
  constexpr int kRequests = 60;
  auto built = graph::GraphSnapshot::Build(*store_);
  ASSERT_TRUE(built.ok()) << built.status().ToString();
  std::shared_ptr<const graph::GraphSnapshot> g = *built;
  const std::string old_title = "Hub hub-a of " + std::to_string(kStatements);
  const std::string new_title = "Hub hub-a of " + std::to_string(kStatements - 100);

  // Each thread runs `requests` views of `snapshot` and counts those whose article
  // label is not `want` or whose view differs from the plain one.
  auto run = [&](const std::shared_ptr<const graph::GraphSnapshot>& snapshot,
                 const std::string& want, int first, std::vector<int>& wrong, int t) {
    for (int i = 0; i < kRequests; ++i) {
      bool same = false;
      const int statement = 1 + (first + 7 * t + i) % (kStatements - 100);
      if (ArticleLabelSeen(*store_, snapshot, statement, &same) != want || !same) ++wrong[t];
    }
  };

  // Every thread fills the shared cache under the first snapshot.
  std::vector<int> wrong(kThreads, 0);
  {
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
      threads.emplace_back(run, std::cref(g), std::cref(old_title), 0, std::ref(wrong), t);
    }
    for (std::thread& th : threads) th.join();
  }
  for (int t = 0; t < kThreads; ++t) EXPECT_EQ(wrong[t], 0) << "thread " << t << ", first snapshot";

  // An ingest changes the article's title (and drops statements): a new snapshot.
  auto put = store_->PutArticle(HubArticle("hub-a", kStatements - 100));
  ASSERT_TRUE(put.ok()) << put.status().ToString();
  auto rebuilt = graph::GraphSnapshot::Build(*store_);
  ASSERT_TRUE(rebuilt.ok()) << rebuilt.status().ToString();
  std::shared_ptr<const graph::GraphSnapshot> g2 = *rebuilt;

  // Threads on the new snapshot see the new title on every request, while other
  // threads still run requests on the old one (which may keep nothing into the new
  // snapshot's cache). The old snapshot's views read the store as it is now.
  std::vector<int> wrong_new(kThreads, 0), wrong_old(kThreads, 0);
  {
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
      threads.emplace_back(run, std::cref(g2), std::cref(new_title), 3, std::ref(wrong_new), t);
      threads.emplace_back([&, t] {
        for (int i = 0; i < kRequests; ++i) {
          bool same = false;
          const std::string seen = ArticleLabelSeen(*store_, g, 1 + (5 * t + i) % 150, &same);
          if (seen != old_title && seen != new_title) ++wrong_old[t];
        }
      });
    }
    for (std::thread& th : threads) th.join();
  }
  for (int t = 0; t < kThreads; ++t) {
    EXPECT_EQ(wrong_new[t], 0) << "thread " << t << ", new snapshot";
    EXPECT_EQ(wrong_old[t], 0) << "thread " << t << ", old snapshot";
  }
  // Once the old snapshot is no longer asked about, the new one's labels stay right.
  std::fill(wrong_new.begin(), wrong_new.end(), 0);
  run(g2, new_title, 11, wrong_new, 0);
  EXPECT_EQ(wrong_new[0], 0);
}

}  // namespace
}  // namespace parley::api
