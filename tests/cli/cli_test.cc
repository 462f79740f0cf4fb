// End-to-end tests of the `parley` binary as a user runs it: real files, a real RocksDB
// folder, a real server process on a free port, and curl as the HTTP client.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include "tests/cli/run_parley.h"
#include <rapidjson/document.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <thread>

namespace fs = std::filesystem;

namespace {


using ::parley::testing::Parley;
using ::parley::testing::RunResult;

std::string Shell(const std::string& cmd) {
  std::string out;
  FILE* p = popen(cmd.c_str(), "r");
  if (p == nullptr) return out;
  char buf[65536];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
  pclose(p);
  return out;
}

void WriteFile(const fs::path& path, const std::string& content) {
  std::ofstream out(path, std::ios::binary);
  out << content;
}

class CliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::random_device rd;
    dir_ = fs::temp_directory_path() / ("parley_cli_" + std::to_string(rd()));
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  fs::path SeedTxt() const {
    return fs::path(PARLEY_SHARED_DIR) / "seed" / "menafn-peskov-summit.txt";
  }
  bool HaveSeed() const { return fs::exists(SeedTxt()); }

  fs::path dir_;
};

TEST_F(CliTest, HelpIsOfferedOnEverySubcommand) {
  for (std::string cmd : {"", "extract ", "ingest ", "load ", "serve ", "stats "}) {
    RunResult r = Parley(cmd + "--help", dir_);
    EXPECT_EQ(r.status, 0) << cmd;
    EXPECT_NE(r.out.find("Usage"), std::string::npos) << cmd << r.out;
  }
  EXPECT_EQ(Parley("no-such-command", dir_).status, 2);
}

TEST_F(CliTest, ExtractPrintsOneFormatLinePerArticle) {
  if (!HaveSeed()) GTEST_SKIP() << "../shared/seed is absent on this machine";
  RunResult r = Parley("extract " + SeedTxt().string(), dir_);
  ASSERT_EQ(r.status, 0) << r.err;
  ASSERT_FALSE(r.out.empty());
  EXPECT_EQ(std::count(r.out.begin(), r.out.end(), '\n'), 1);
  rapidjson::Document d;
  d.Parse(r.out.c_str());
  ASSERT_FALSE(d.HasParseError());
  EXPECT_STREQ(d["id"].GetString(), "menafn-peskov-summit");
  ASSERT_TRUE(d["statements"].IsArray());
  ASSERT_TRUE(d["article"].IsObject());
  ASSERT_TRUE(d["entities"].IsArray());
  int peskov = 0;
  for (const auto& s : d["statements"].GetArray()) {
    ASSERT_TRUE(s["start"].IsInt64());
    ASSERT_TRUE(s["end"].IsInt64());
    EXPECT_LE(s["start"].GetInt64(), s["end"].GetInt64());
    ASSERT_TRUE(s["speaker_spans"].IsArray());
    if (s["speaker"].IsString() && std::string(s["speaker"].GetString()) == "Dmitry Peskov") ++peskov;
  }
  EXPECT_GE(peskov, 12);
}

TEST_F(CliTest, BadInputsAreNamedAndTheRestOfTheBatchGoesOn) {
  WriteFile(dir_ / "good.txt",
            "Monday, 03 November 2025 10:00 GMT\n\nTalks Resume\n\n"
            "\"We are ready to talk,\" Dmitry Peskov said.\n");
  WriteFile(dir_ / "empty.txt", "");
  WriteFile(dir_ / "binary.txt", std::string("\x7f" "ELF\0\0\0binary", 13));
  WriteFile(dir_ / "latin1.txt", "Caf\xe9 owners said prices rose.\n");
  WriteFile(dir_ / "docs.jsonl",
            "{\"id\": \"a1\", \"text\": \"Tomas Reyes said the talks went well.\"}\n"
            "this line is not json\n"
            "{\"id\": \"a2\"}\n"
            "{\"id\": \"a3\", \"text\": \"\\\"Fine,\\\" she said.\"}\n");
  RunResult r = Parley("extract " + (dir_ / "good.txt").string() + " " + (dir_ / "empty.txt").string() +
                     " " + (dir_ / "binary.txt").string() + " " + (dir_ / "latin1.txt").string() +
                     " " + (dir_ / "docs.jsonl").string() + " " + (dir_ / "missing.txt").string(),
                 dir_);
  EXPECT_EQ(r.status, 3) << r.err;
  EXPECT_EQ(std::count(r.out.begin(), r.out.end(), '\n'), 3) << r.out;  // good, a1, a3
  for (std::string named : {"empty.txt", "binary.txt", "latin1.txt", "docs.jsonl:2",
                            "docs.jsonl:3", "missing.txt"}) {
    EXPECT_NE(r.err.find(named), std::string::npos) << named << " not named in:\n" << r.err;
  }
}

TEST_F(CliTest, OversizedArticleIsRefusedWithoutStoppingTheBatch) {
  {
    std::ofstream big(dir_ / "huge.txt", std::ios::binary);
    std::string para(1 << 20, 'a');
    for (int i = 0; i < 50; ++i) big << para << "\n";
  }
  WriteFile(dir_ / "small.txt", "Talks\n\nTomas Reyes said the talks went well.\n");
  RunResult r = Parley("extract " + (dir_ / "huge.txt").string() + " " + (dir_ / "small.txt").string(),
                 dir_);
  EXPECT_EQ(r.status, 3);
  EXPECT_NE(r.err.find("huge.txt"), std::string::npos) << r.err;
  EXPECT_EQ(std::count(r.out.begin(), r.out.end(), '\n'), 1);
}

TEST_F(CliTest, IngestTwiceLeavesTheSameCounts) {
  if (!HaveSeed()) GTEST_SKIP() << "../shared/seed is absent on this machine";
  std::string db = (dir_ / "db").string();
  RunResult first = Parley("ingest --db " + db + " " + SeedTxt().string(), dir_);
  ASSERT_EQ(first.status, 0) << first.err;
  RunResult stats1 = Parley("stats --db " + db, dir_);
  ASSERT_EQ(stats1.status, 0) << stats1.err;
  RunResult second = Parley("ingest --db " + db + " " + SeedTxt().string(), dir_);
  ASSERT_EQ(second.status, 0) << second.err;
  EXPECT_NE(second.err.find("1 unchanged"), std::string::npos) << second.err;
  RunResult stats2 = Parley("stats --db " + db, dir_);
  EXPECT_EQ(stats1.out, stats2.out);
  rapidjson::Document d;
  d.Parse(stats1.out.c_str());
  ASSERT_FALSE(d.HasParseError()) << stats1.out;
  EXPECT_EQ(d["articles"].GetUint64(), 1u);
  EXPECT_GE(d["statements"].GetUint64(), 12u);
}

TEST_F(CliTest, BadInputLeavesStoredArticlesUntouched) {
  if (!HaveSeed()) GTEST_SKIP() << "../shared/seed is absent on this machine";
  std::string db = (dir_ / "db").string();
  ASSERT_EQ(Parley("ingest --db " + db + " " + SeedTxt().string(), dir_).status, 0);
  std::string before = Parley("stats --db " + db, dir_).out;
  WriteFile(dir_ / "bad.jsonl", "{\"id\": \"x\", \"text\": 5}\n{not json\n");
  RunResult r = Parley("ingest --db " + db + " " + (dir_ / "bad.jsonl").string(), dir_);
  EXPECT_EQ(r.status, 3);
  EXPECT_EQ(Parley("stats --db " + db, dir_).out, before);
}

// Asks the kernel for a free port (cpprestsdk cannot report the port it got for 0).
int FreePort() {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
  socklen_t len = sizeof addr;
  getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  close(fd);
  return ntohs(addr.sin_port);
}

TEST_F(CliTest, ServeAnswersTheResearchersFirstQuestion) {
  if (!HaveSeed()) GTEST_SKIP() << "../shared/seed is absent on this machine";
  std::string db = (dir_ / "db").string();
  ASSERT_EQ(Parley("ingest --db " + db + " " + SeedTxt().string(), dir_).status, 0);

  int port = 0;
  pid_t pid = -1;
  std::string base;
  for (int attempt = 0; attempt < 5 && base.empty(); ++attempt) {
    port = FreePort();
    pid = fork();
    if (pid == 0) {
      std::string listen = "127.0.0.1:" + std::to_string(port);
      freopen("/dev/null", "w", stdout);
      execl(PARLEY_BINARY, PARLEY_BINARY, "serve", "--db", db.c_str(), "--listen", listen.c_str(),
            static_cast<char*>(nullptr));
      _exit(127);
    }
    std::string url = "http://127.0.0.1:" + std::to_string(port);
    for (int i = 0; i < 100; ++i) {
      if (Shell("curl -s -o /dev/null -w '%{http_code}' " + url + "/v1/health") == "200") {
        base = url;
        break;
      }
      int st;
      if (waitpid(pid, &st, WNOHANG) == pid) break;  // it died: port taken, retry
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
  }
  ASSERT_FALSE(base.empty()) << "server did not come up";

  rapidjson::Document found;
  found.Parse(Shell("curl -s '" + base + "/v1/entities?q=Peskov'").c_str());
  ASSERT_FALSE(found.HasParseError());
  std::string id;
  for (const auto& e : found["items"].GetArray()) {
    if (std::string(e["name"].GetString()) == "Dmitry Peskov") id = e["id"].GetString();
  }
  ASSERT_FALSE(id.empty()) << "Dmitry Peskov not found";

  rapidjson::Document said;
  said.Parse(Shell("curl -s '" + base + "/v1/statements?speaker=" + id + "&limit=100'").c_str());
  ASSERT_FALSE(said.HasParseError());
  EXPECT_GE(said["items"].Size(), 12u);
  for (const auto& s : said["items"].GetArray()) {
    EXPECT_STREQ(s["speaker"]["name"].GetString(), "Dmitry Peskov");
    EXPECT_STREQ(s["article"]["title"].GetString(), "Putin, Trump Still Open To Meeting: Russia");
  }
  EXPECT_EQ(Shell("curl -s -o /dev/null -w '%{http_code}' '" + base + "/v1/entities/ffffffffffffffff'"),
            "404");
  EXPECT_EQ(Shell("curl -s -o /dev/null -w '%{http_code}' '" + base +
                  "/v1/statements?speaker=" + id + "&limit=abc'"),
            "400");

  kill(pid, SIGTERM);
  int st = 0;
  waitpid(pid, &st, 0);
  EXPECT_TRUE(WIFEXITED(st) && WEXITSTATUS(st) == 0) << "serve did not stop cleanly on SIGTERM";
}

}  // namespace
