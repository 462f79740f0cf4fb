// End-to-end tests of the maintenance subcommands of the `parley` binary (remove,
// check, stats by edge kind, ingest --ack-file) on a real RocksDB folder, with the
// fixture articles of fixtures/articles/. One test damages the database below the
// store (parley::store_testing) and expects `parley check` to name the damage.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/cli/run_parley.h"
#include <rapidjson/document.h>
#include <sys/wait.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>

#include "graph/core/ids.h"
#include "graph/store/key_format.h"
#include "graph/store/raw_access_for_testing.h"

namespace fs = std::filesystem;

namespace {

using ::testing::HasSubstr;


using ::parley::testing::Parley;
using ::parley::testing::RunResult;

std::string Article(const char* stem) {
  return std::string(PARLEY_SOURCE_DIR) + "/fixtures/articles/" + stem + ".txt";
}

class MaintenanceCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::random_device rd;
    dir_ = fs::temp_directory_path() / ("parley_maint_" + std::to_string(rd()));
    fs::create_directories(dir_);
    db_ = (dir_ / "db").string();
  }
  void TearDown() override { fs::remove_all(dir_); }

  rapidjson::Document Json(const std::string& text) {
    rapidjson::Document d;
    d.Parse(text.c_str());
    EXPECT_FALSE(d.HasParseError()) << text;
    return d;
  }

  fs::path dir_;
  std::string db_;
};

TEST_F(MaintenanceCliTest, IngestAcknowledgesThenRemoveRetractsAndCheckPasses) {
  const std::string ack = (dir_ / "ack.txt").string();
  RunResult r =
      Parley("ingest --db " + db_ + " --ack-file " + ack + " " + Article("ap-lavrov-ultimatums") +
                 " " + Article("reuters-lavrov-dialogue"),
             dir_);
  ASSERT_EQ(r.status, 0) << r.err;
  std::ifstream in(ack);
  std::string acked((std::istreambuf_iterator<char>(in)), {});
  EXPECT_EQ(acked, "ap-lavrov-ultimatums\nreuters-lavrov-dialogue\n");

  r = Parley("stats --db " + db_, dir_);
  ASSERT_EQ(r.status, 0) << r.err;
  rapidjson::Document stats = Json(r.out);
  ASSERT_TRUE(stats.IsObject() && stats.HasMember("edges_by_kind"));
  uint64_t sum = 0;
  for (const auto& m : stats["edges_by_kind"].GetObject()) sum += m.value.GetUint64();
  EXPECT_EQ(sum, stats["edges"].GetUint64());
  EXPECT_GT(stats["edges_by_kind"]["said"].GetUint64(), 0u);
  const uint64_t statements_before = stats["statements"].GetUint64();

  r = Parley("check --db " + db_, dir_);
  EXPECT_EQ(r.status, 0) << r.err;
  rapidjson::Document check = Json(r.out);
  EXPECT_TRUE(check["ok"].GetBool());
  EXPECT_EQ(check["ledger_entries"].GetUint64(), 2u);

  r = Parley("check --db " + db_ + " --expect-articles " + ack, dir_);
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(Json(r.out)["expected_articles"].GetUint64(), 2u);

  r = Parley("remove --db " + db_ + " ap-lavrov-ultimatums", dir_);
  EXPECT_EQ(r.status, 0) << r.err;
  // The acknowledged article is gone now: check names it.
  r = Parley("check --db " + db_ + " --expect-articles " + ack, dir_);
  EXPECT_EQ(r.status, 1);
  EXPECT_THAT(r.err,
              HasSubstr("article \"ap-lavrov-ultimatums\" (listed in " + ack + ") is not stored"));
  r = Parley("stats --db " + db_, dir_);
  stats = Json(r.out);
  EXPECT_EQ(stats["articles"].GetUint64(), 1u);
  EXPECT_LT(stats["statements"].GetUint64(), statements_before);
  r = Parley("check --db " + db_, dir_);
  EXPECT_EQ(r.status, 0) << r.err;

  r = Parley("remove --db " + db_ + " ap-lavrov-ultimatums", dir_);
  EXPECT_EQ(r.status, 1);
  EXPECT_THAT(r.err, HasSubstr("\"ap-lavrov-ultimatums\" is not stored"));
  r = Parley("remove --db " + (dir_ / "absent").string() + " x", dir_);
  EXPECT_EQ(r.status, 1);
  EXPECT_THAT(r.err, HasSubstr("does not exist"));
  EXPECT_FALSE(fs::exists(dir_ / "absent"));
}

TEST_F(MaintenanceCliTest, CheckExitsNonZeroNamingADeletedRecord) {
  RunResult r = Parley("ingest --db " + db_ + " " + Article("ap-lavrov-ultimatums"), dir_);
  ASSERT_EQ(r.status, 0) << r.err;
  const parley::NodeId article = parley::ArticleNodeId("ap-lavrov-ultimatums");
  parley::Status st = parley::store::RawDeleteForTesting(
      db_, parley::store::kCfRecords,
      parley::store::RecordKey(parley::store::kArticleTag, article));
  ASSERT_TRUE(st.ok()) << st.ToString();

  r = Parley("check --db " + db_, dir_);
  EXPECT_EQ(r.status, 1);
  EXPECT_THAT(r.err, HasSubstr("its target " + article.ToHex() + " has no record"));
  EXPECT_THAT(r.err, HasSubstr("ledger \"ap-lavrov-ultimatums\": its article " + article.ToHex() +
                               " has no record"));
  EXPECT_THAT(r.err, HasSubstr("breaks"));
  EXPECT_FALSE(Json(r.out)["ok"].GetBool());
}

TEST_F(MaintenanceCliTest, LoadInChunksOrInBatchesStoresTheSameAndAcknowledgesAll) {
  // 300 generated articles (fixture paragraphs recombined), extracted once, loaded as
  // one write batch per group (--chunk 0), in chunks of 40 articles and by default
  // (one chunk of 300): the same counts, every check clean, every article acknowledged.
  const std::string corpus = (dir_ / "corpus.jsonl").string();
  const std::string extracted = (dir_ / "extracted.jsonl").string();
  ASSERT_EQ(std::system(("python3 " + std::string(PARLEY_SOURCE_DIR) +
                         "/scripts/gen-corpus --articles 300 --out " + corpus + " >/dev/null")
                            .c_str()),
            0);
  RunResult r = Parley("extract " + corpus + " >" + extracted, dir_);
  ASSERT_EQ(r.status, 0) << r.err;
  std::string first_stats;
  for (const char* chunk : {"0", "40", ""}) {
    const std::string db = (dir_ / ("db" + std::string(chunk))).string();
    const std::string ack = (dir_ / ("ack" + std::string(chunk) + ".txt")).string();
    const std::string flag = *chunk ? std::string(" --chunk ") + chunk : "";
    r = Parley("load --db " + db + flag + " --ack-file " + ack + " " + extracted, dir_);
    ASSERT_EQ(r.status, 0) << chunk << ": " << r.err;
    EXPECT_THAT(r.err, HasSubstr("300 stored"));
    std::ifstream in(ack);
    size_t acknowledged = 0;
    for (std::string line; std::getline(in, line);) ++acknowledged;
    EXPECT_EQ(acknowledged, 300u) << chunk;
    EXPECT_EQ(fs::exists(db + "/bulk"), std::string(chunk) != "0")
        << chunk << ": table files are staged in DIR/bulk, write batches are not";
    r = Parley("check --db " + db, dir_);
    EXPECT_EQ(r.status, 0) << chunk << ": " << r.out << r.err;
    r = Parley("stats --db " + db, dir_);
    ASSERT_EQ(r.status, 0) << r.err;
    if (first_stats.empty()) first_stats = r.out;
    EXPECT_EQ(r.out, first_stats) << "--chunk " << chunk;
  }
  r = Parley("load --db " + (dir_ / "bad").string() + " --chunk -3 " + extracted, dir_);
  EXPECT_NE(r.status, 0);
  EXPECT_THAT(r.err, HasSubstr("--chunk"));
}

}  // namespace
