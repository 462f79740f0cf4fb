// `parley timeline`, `parley export` and the graph and ingest endpoints of `parley
// serve`, run as a user runs them: a real RocksDB folder filled by `parley ingest`,
// exports opened by real consumers (networkx via /usr/bin/python3 for GraphML,
// Graphviz's dot for DOT), a real server process queried with curl. The CLI and the
// server share one implementation: their answers are compared byte for byte.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <rapidjson/document.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <random>
#include <string>
#include <thread>

#include "tests/cli/run_parley.h"

namespace fs = std::filesystem;

namespace {

using ::parley::testing::Parley;
using ::parley::testing::RunResult;

struct ShellResult {
  int status = -1;
  std::string out;  // stdout and stderr
};

ShellResult Shell(const std::string& cmd) {
  ShellResult r;
  FILE* p = popen((cmd + " 2>&1").c_str(), "r");
  if (p == nullptr) return r;
  char buf[65536];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) r.out.append(buf, n);
  int st = pclose(p);
  r.status = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
  return r;
}

void WriteFile(const fs::path& path, const std::string& content) {
  std::ofstream out(path, std::ios::binary);
  out << content;
}

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

constexpr char kDocs[] =
    "{\"id\": \"cli-g1\", \"date\": \"2025-10-20\", \"title\": \"Talks\", "
    "\"text\": \"Tomas Reyes said the talks went well. Maria Lopez said the deal was close.\"}\n"
    "{\"id\": \"cli-g2\", \"date\": \"2025-11-02\", \"title\": \"Deal\", "
    "\"text\": \"Tomas Reyes said the deal was signed on Monday.\"}\n";

class GraphCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::random_device rd;
    dir_ = fs::temp_directory_path() / ("parley_graph_cli_" + std::to_string(rd()));
    fs::create_directories(dir_);
    db_ = (dir_ / "db").string();
    WriteFile(dir_ / "docs.jsonl", kDocs);
    RunResult r = Parley("ingest --db " + db_ + " " + (dir_ / "docs.jsonl").string(), dir_);
    ASSERT_EQ(r.status, 0) << r.err;
    // The speaker's id, looked up by name.
    r = Parley("timeline --db " + db_ + " --speaker 'Tomas Reyes'", dir_);
    ASSERT_EQ(r.status, 0) << r.err;
    rapidjson::Document d;
    d.Parse(r.out.c_str());
    ASSERT_FALSE(d.HasParseError()) << r.out;
    ASSERT_STREQ(d["speaker"]["name"].GetString(), "Tomas Reyes");
    reyes_ = d["speaker"]["id"].GetString();
  }
  void TearDown() override {
    if (server_pid_ > 0) {
      kill(server_pid_, SIGTERM);
      int st;
      waitpid(server_pid_, &st, 0);
    }
    fs::remove_all(dir_);
  }

  // Starts `parley serve` on a free port with `extra` arguments and `token_env` as
  // PARLEY_API_TOKEN (unset when empty); returns its base URL, "" on failure.
  std::string StartServer(const std::vector<std::string>& extra, const std::string& token_env) {
    for (int attempt = 0; attempt < 5; ++attempt) {
      int port = FreePort();
      pid_t pid = fork();
      if (pid == 0) {
        if (token_env.empty()) {
          unsetenv("PARLEY_API_TOKEN");
        } else {
          setenv("PARLEY_API_TOKEN", token_env.c_str(), 1);
        }
        std::string listen = "127.0.0.1:" + std::to_string(port);
        if (!freopen("/dev/null", "w", stdout)) _exit(126);
        std::vector<std::string> args = {PARLEY_BINARY, "serve", "--db", db_, "--listen", listen};
        args.insert(args.end(), extra.begin(), extra.end());
        std::vector<char*> argv;
        for (auto& a : args) argv.push_back(a.data());
        argv.push_back(nullptr);
        execv(PARLEY_BINARY, argv.data());
        _exit(127);
      }
      std::string url = "http://127.0.0.1:" + std::to_string(port);
      for (int i = 0; i < 200; ++i) {
        if (Shell("curl -s -o /dev/null -w '%{http_code}' " + url + "/v1/health").out == "200") {
          server_pid_ = pid;
          return url;
        }
        int st;
        if (waitpid(pid, &st, WNOHANG) == pid) break;
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
      }
      kill(pid, SIGKILL);
      int st;
      waitpid(pid, &st, 0);
    }
    return "";
  }

  fs::path dir_;
  std::string db_;
  std::string reyes_;
  pid_t server_pid_ = -1;
};

TEST_F(GraphCliTest, ExportIsOpenedByNetworkxAndGraphviz) {
  RunResult r =
      Parley("export --db " + db_ + " --node " + reyes_ + " --depth 2 --format graphml", dir_);
  ASSERT_EQ(r.status, 0) << r.err;
  WriteFile(dir_ / "g.graphml", r.out);
  if (Shell("/usr/bin/python3 -c 'import networkx'").status == 0) {
    ShellResult py = Shell(
        "/usr/bin/python3 -c 'import networkx as nx, sys; g = nx.read_graphml(sys.argv[1]); "
        "print(g.number_of_nodes() >= 5, g.is_directed()); "
        "print(g.nodes[sys.argv[2]][\"label\"], g.nodes[sys.argv[2]][\"kind\"]); "
        "print(sorted(set(d[\"kind\"] for _, _, d in g.edges(data=True)))); "
        "print(g.nodes[sys.argv[2]].get(\"gender\"), "
        "sorted(set(d[\"kind\"] for _, d in g.nodes(data=True) if \"gender\" in d)))' " +
        (dir_ / "g.graphml").string() + " " + reyes_);
    ASSERT_EQ(py.status, 0) << py.out;
    EXPECT_NE(py.out.find("True True\nTomas Reyes person\n"), std::string::npos) << py.out;
    EXPECT_NE(py.out.find("'said'"), std::string::npos) << py.out;
    EXPECT_NE(py.out.find("'published_in'"), std::string::npos) << py.out;
    // his first name tells his gender; only persons carry one
    EXPECT_NE(py.out.find("\nmale ['person']\n"), std::string::npos) << py.out;
  } else {
    ADD_FAILURE() << "python3-networkx is not installed: the GraphML export is not checked";
  }

  r = Parley("export --db " + db_ + " --node " + reyes_ + " --depth 2 --format dot", dir_);
  ASSERT_EQ(r.status, 0) << r.err;
  WriteFile(dir_ / "g.dot", r.out);
  if (Shell("command -v dot").status == 0) {
    ShellResult svg = Shell("dot -Tsvg " + (dir_ / "g.dot").string());
    ASSERT_EQ(svg.status, 0) << svg.out;
    EXPECT_NE(svg.out.find("<svg"), std::string::npos);
    EXPECT_NE(svg.out.find("Tomas Reyes"), std::string::npos);
  } else {
    ADD_FAILURE() << "graphviz is not installed: the DOT export is not checked";
  }

  // Filters: only said edges, only November.
  r = Parley("export --db " + db_ + " --node " + reyes_ +
                 " --edges said --from 2025-11-01 --format cytoscape",
             dir_);
  ASSERT_EQ(r.status, 0) << r.err;
  rapidjson::Document cy;
  cy.Parse(r.out.c_str());
  ASSERT_FALSE(cy.HasParseError()) << r.out;
  ASSERT_EQ(cy["elements"]["nodes"].Size(), 2u) << r.out;  // Reyes and his November statement
  EXPECT_STREQ(cy["elements"]["edges"][0]["data"]["kind"].GetString(), "said");
}

TEST_F(GraphCliTest, ExportAndTimelineRefuseBadUsage) {
  const std::string base = "export --db " + db_ + " ";
  EXPECT_EQ(Parley(base + "--node " + reyes_ + " --format svg", dir_).status, 2);
  EXPECT_EQ(Parley(base + "--node " + reyes_, dir_).status, 2);  // --format is required
  RunResult r = Parley(base + "--node xyz --format dot", dir_);
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("--node"), std::string::npos) << r.err;
  EXPECT_EQ(Parley(base + "--node " + reyes_ + " --depth 4 --format dot", dir_).status, 2);
  r = Parley(base + "--node " + reyes_ + " --edges sayd --format dot", dir_);
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("sayd"), std::string::npos) << r.err;
  r = Parley(base + "--node 00000000000000ab --format dot", dir_);
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.err.find("00000000000000ab"), std::string::npos) << r.err;
  EXPECT_EQ(
      Parley("export --db " + (dir_ / "nodb").string() + " --node " + reyes_ + " --format dot",
             dir_)
          .status,
      1);
  EXPECT_FALSE(fs::exists(dir_ / "nodb")) << "a query must not create a database";

  const std::string tl = "timeline --db " + db_ + " --speaker " + reyes_ + " ";
  r = Parley(tl + "--from 2025-13-01", dir_);
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("--from"), std::string::npos) << r.err;
  EXPECT_EQ(Parley(tl + "--from 2025-12-01 --to 2025-11-01", dir_).status, 2);
  // A timeline needs a speaker, an entity or words.
  r = Parley("timeline --db " + db_, dir_);
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("speaker, an entity or q"), std::string::npos) << r.err;
  // Words alone search every speaker's statements; with a speaker, only his.
  r = Parley("timeline --db " + db_ + " --q deal --format csv", dir_);
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_NE(r.out.find("the deal was close"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("the deal was signed on Monday"), std::string::npos) << r.out;
  r = Parley(tl + "--q deal --format csv", dir_);
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.out.find("the deal was close"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("the deal was signed on Monday"), std::string::npos) << r.out;
  EXPECT_EQ(Parley(tl + "--format xml", dir_).status, 2);
  EXPECT_EQ(Parley("timeline --db " + db_ + " --speaker 00000000000000ab", dir_).status, 1);
  EXPECT_EQ(Parley("timeline --db " + db_ + " --speaker 'Nobody Atall'", dir_).status, 1);
}

TEST_F(GraphCliTest, TimelinePrintsEachFormatWithinTheWindow) {
  const std::string tl = "timeline --db " + db_ + " --speaker " + reyes_ + " ";
  RunResult r = Parley(tl + "--format csv", dir_);
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.out.rfind("said_date,published_date,speaker,", 0), 0u) << r.out;
  EXPECT_EQ(std::count(r.out.begin(), r.out.end(), '\n'), 3) << r.out;  // header + 2
  EXPECT_LT(r.out.find("the talks went well"), r.out.find("the deal was signed")) << r.out;

  r = Parley(tl + "--format csv --from 2025-11-01", dir_);
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.out.find("the talks went well"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("the deal was signed"), std::string::npos) << r.out;

  r = Parley(tl + "--format md", dir_);
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_NE(r.out.find("Tomas Reyes"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("|"), std::string::npos) << r.out;

  r = Parley(tl + "--format timelinejs", dir_);
  ASSERT_EQ(r.status, 0) << r.err;
  rapidjson::Document d;
  d.Parse(r.out.c_str());
  ASSERT_FALSE(d.HasParseError()) << r.out;
  EXPECT_EQ(d["events"].Size(), 2u) << r.out;
}

TEST_F(GraphCliTest, TimelineFiltersOnPolarityAndHedging) {
  WriteFile(dir_ / "denial.jsonl",
            "{\"id\": \"cli-g3\", \"date\": \"2025-11-05\", \"title\": \"Denial\", "
            "\"text\": \"Tomas Reyes denied that the deal might collapse.\"}\n");
  RunResult r = Parley("ingest --db " + db_ + " " + (dir_ / "denial.jsonl").string(), dir_);
  ASSERT_EQ(r.status, 0) << r.err;
  const std::string tl = "timeline --db " + db_ + " --speaker " + reyes_ + " --format csv ";
  r = Parley(tl, dir_);
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(std::count(r.out.begin(), r.out.end(), '\n'), 4) << r.out;  // header + 3
  // The denial alone is negative, and hedged by its "might".
  for (const char* filter : {"--polarity negative", "--hedged true",
                             "--polarity negative --hedged true"}) {
    r = Parley(tl + filter, dir_);
    ASSERT_EQ(r.status, 0) << filter << ": " << r.err;
    EXPECT_EQ(std::count(r.out.begin(), r.out.end(), '\n'), 2) << filter << ": " << r.out;
    EXPECT_NE(r.out.find("the deal might collapse,Denial"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find(",negative,true\r\n"), std::string::npos) << r.out;
  }
  for (const char* filter : {"--polarity positive", "--hedged false"}) {
    r = Parley(tl + filter, dir_);
    ASSERT_EQ(r.status, 0) << filter << ": " << r.err;
    EXPECT_EQ(std::count(r.out.begin(), r.out.end(), '\n'), 3) << filter << ": " << r.out;
    EXPECT_EQ(r.out.find("might collapse"), std::string::npos) << r.out;
  }
  r = Parley(tl + "--polarity negative --hedged false", dir_);
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(std::count(r.out.begin(), r.out.end(), '\n'), 1) << r.out;  // the header only
  r = Parley(tl + "--polarity maybe", dir_);
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("--polarity"), std::string::npos) << r.err;
}

TEST_F(GraphCliTest, GlobalOptionsAreAcceptedAfterTheSubcommand) {
  RunResult r = Parley("stats --db " + db_ + " --threads 2", dir_);
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_NE(r.out.find("\"articles\": 2"), std::string::npos) << r.out;
  r = Parley("ingest --db " + db_ + " --threads 1 --schema " + std::string(PARLEY_SOURCE_DIR) +
                 "/schema " + (dir_ / "docs.jsonl").string(),
             dir_);
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_NE(r.err.find("2 unchanged"), std::string::npos) << r.err;
  EXPECT_EQ(
      Parley("export --db " + db_ + " --node " + reyes_ + " --format dot --threads 1", dir_).status,
      0);
  // Still checked where they are given.
  EXPECT_EQ(Parley("stats --db " + db_ + " --threads 0", dir_).status, 2);
  EXPECT_EQ(Parley("stats --db " + db_ + " --no-such-flag", dir_).status, 2);
}

TEST_F(GraphCliTest, ServerIngestsWithItsTokenAndAnswersAsTheCliDoes) {
  const std::string token = "cli-test-token-0123456789abcdef";
  WriteFile(dir_ / "token", token + "\n");
  std::string base = StartServer({"--token-file", (dir_ / "token").string()}, "");
  ASSERT_FALSE(base.empty()) << "server did not come up";

  auto post = [&](const std::string& auth, const std::string& body) {
    WriteFile(dir_ / "body.json", body);
    return Shell("curl -s -w '\\n%{http_code}' -X POST " + auth + " --data-binary @" +
                 (dir_ / "body.json").string() + " " + base + "/v1/articles");
  };
  const std::string body =
      R"({"id": "cli-g3", "date": "2025-11-20", "text": "Tomas Reyes said the border would reopen."})";
  ShellResult r = post("", body);
  EXPECT_NE(r.out.find("\n401"), std::string::npos) << r.out;
  r = post("-H 'Authorization: Bearer wrong-token-0123456789abcdef'", body);
  EXPECT_NE(r.out.find("\n401"), std::string::npos) << r.out;
  r = post("-H 'Authorization: Bearer " + token + "'", body);
  ASSERT_NE(r.out.find("\n200"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("\"outcome\":\"stored\""), std::string::npos) << r.out;

  // The new statement is in the server's graph at once.
  ShellResult hood =
      Shell("curl -s '" + base + "/v1/graph/neighborhood?node=" + reyes_ + "&edges=said'");
  EXPECT_NE(hood.out.find("the border would reopen"), std::string::npos) << hood.out;

  // The CLI (reading beside the server) and the server answer byte for byte the same.
  for (const std::string format : {"graphml", "gexf", "cytoscape", "dot"}) {
    SCOPED_TRACE(format);
    ShellResult api = Shell("curl -s '" + base + "/v1/export/graph?node=" + reyes_ +
                            "&depth=2&format=" + format + "'");
    RunResult cli =
        Parley("export --db " + db_ + " --node " + reyes_ + " --depth 2 --format " + format, dir_);
    ASSERT_EQ(cli.status, 0) << cli.err;
    EXPECT_NE(cli.out.find("the border would reopen"), std::string::npos);
    EXPECT_EQ(api.out, cli.out);
  }
  for (const std::string format : {"json", "csv", "md", "timelinejs"}) {
    SCOPED_TRACE(format);
    ShellResult api = Shell("curl -s '" + base + "/v1/timeline?speaker=" + reyes_ +
                            "&from=2025-10-01&format=" + format + "'");
    RunResult cli = Parley(
        "timeline --db " + db_ + " --speaker " + reyes_ + " --from 2025-10-01 --format " + format,
        dir_);
    ASSERT_EQ(cli.status, 0) << cli.err;
    EXPECT_EQ(api.out, cli.out);
  }
}

TEST_F(GraphCliTest, ServerWithoutATokenRefusesIngestAndTakesOneFromTheEnvironment) {
  std::string base = StartServer({}, "");
  ASSERT_FALSE(base.empty()) << "server did not come up";
  ShellResult r = Shell(
      "curl -s -w '\\n%{http_code}' -X POST -H 'Authorization: Bearer x' "
      "--data-binary '{\"id\": \"x\", \"text\": \"y\"}' " +
      base + "/v1/articles");
  EXPECT_NE(r.out.find("\n403"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("ingest disabled"), std::string::npos) << r.out;
  kill(server_pid_, SIGTERM);
  int st;
  waitpid(server_pid_, &st, 0);
  server_pid_ = -1;

  const std::string token = "env-token-0123456789abcdef";
  base = StartServer({}, token);
  ASSERT_FALSE(base.empty()) << "server did not come up";
  r = Shell("curl -s -w '\\n%{http_code}' -X POST -H 'Authorization: Bearer " + token +
            "' --data-binary '{\"id\": \"cli-env\", \"text\": \"Anna Berg said prices rose.\"}' " +
            base + "/v1/articles");
  EXPECT_NE(r.out.find("\n200"), std::string::npos) << r.out;

  // A token too short to be safe is refused at start.
  WriteFile(dir_ / "short", "abc\n");
  RunResult bad = Parley("serve --db " + (dir_ / "other").string() +
                             " --listen 127.0.0.1:1 "
                             "--token-file " +
                             (dir_ / "short").string(),
                         dir_);
  EXPECT_EQ(bad.status, 2) << bad.err;
}

TEST_F(GraphCliTest, ServeFlagsSetTheInFlightCapTimeoutAndCorsOrigins) {
  // --max-in-flight 1: while one request is in flight another is refused at once.
  // (A slow body upload holds the one slot: the server counts a request from its
  // headers to its reply.)
  std::string base = StartServer(
      {"--max-in-flight", "1", "--timeout-seconds", "5", "--cors-origin", "https://ok.example"},
      "");
  ASSERT_FALSE(base.empty()) << "server did not come up";
  ShellResult r =
      Shell("curl -s -D - -o /dev/null -H 'Origin: https://ok.example' " + base + "/v1/health");
  EXPECT_NE(r.out.find("Access-Control-Allow-Origin: https://ok.example"), std::string::npos)
      << r.out;
  r = Shell("curl -s -D - -o /dev/null -H 'Origin: https://other.example' " + base + "/v1/health");
  EXPECT_EQ(r.out.find("Access-Control-Allow-Origin"), std::string::npos) << r.out;
  // One upload that stalls (half its body, then 3 s of nothing) holds the only slot; a
  // request meanwhile gets 503 with Retry-After.
  const std::string port = base.substr(base.rfind(':') + 1);
  WriteFile(dir_ / "stall.sh",
            "exec 3<>/dev/tcp/127.0.0.1/" + port + "\n" +
                R"(printf 'POST /v1/articles HTTP/1.1\r\nHost: x\r\nContent-Length: 8\r\n\r\n{' >&3
touch "$1"
sleep 3
printf '"id":1}' >&3
head -c 12 <&3 >/dev/null
)");
  const std::string sent = (dir_ / "stall-sent").string();
  r = Shell("bash " + (dir_ / "stall.sh").string() + " " + sent + " & while [ ! -e " + sent +
            " ]; do sleep 0.05; done; sleep 0.5; curl -s -D - " + base + "/v1/health; wait");
  EXPECT_NE(r.out.find(" 503"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("Retry-After: 1"), std::string::npos) << r.out;
  kill(server_pid_, SIGTERM);
  int st;
  waitpid(server_pid_, &st, 0);
  server_pid_ = -1;

  // Bad values are usage errors naming the flag or the origin.
  RunResult bad = Parley(
      "serve --db " + (dir_ / "other").string() + " --listen 127.0.0.1:1 --cors-origin example.org",
      dir_);
  EXPECT_EQ(bad.status, 2) << bad.err;
  EXPECT_NE(bad.err.find("example.org"), std::string::npos) << bad.err;
  bad = Parley("serve --db " + (dir_ / "other").string() + " --timeout-seconds 0", dir_);
  EXPECT_EQ(bad.status, 2) << bad.err;
  EXPECT_NE(bad.err.find("--timeout-seconds"), std::string::npos) << bad.err;
}

TEST_F(GraphCliTest, TraversalDeadlineFlagCutsGraphRequests) {
  // 0 ms: every graph request is past its deadline at once. A neighbourhood answers
  // what it found by then (the start) with a cursor; a path and an export answer 503
  // with Retry-After; other endpoints are not affected.
  std::string base = StartServer({"--traversal-deadline-ms", "0"}, "");
  ASSERT_FALSE(base.empty()) << "server did not come up";
  ShellResult r = Shell("curl -s -D - '" + base + "/v1/graph/neighborhood?node=" + reyes_ + "'");
  EXPECT_NE(r.out.find("HTTP/1.1 200"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("\"truncated_reason\":\"deadline\""), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("\"next_cursor\":\"o0\""), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("\"label\":\"Tomas Reyes\""), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("\"hops\":1"), std::string::npos) << r.out;
  r = Shell("curl -s -D - '" + base + "/v1/graph/path?from=" + reyes_ + "&to=" + reyes_ + "'");
  EXPECT_NE(r.out.find("HTTP/1.1 200"), std::string::npos) << "a path of one node needs no search: "
                                                            << r.out;
  r = Shell("curl -s -D - '" + base + "/v1/export/graph?format=dot&node=" + reyes_ + "'");
  EXPECT_NE(r.out.find("HTTP/1.1 503"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("Retry-After: 1"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("\"code\":\"unavailable\""), std::string::npos) << r.out;
  r = Shell("curl -s -o /dev/null -w '%{http_code}' '" + base + "/v1/timeline?speaker=" + reyes_ +
            "'");
  EXPECT_EQ(r.out, "200");
  kill(server_pid_, SIGTERM);
  int st;
  waitpid(server_pid_, &st, 0);
  server_pid_ = -1;

  // The default deadline answers the whole neighbourhood.
  base = StartServer({}, "");
  ASSERT_FALSE(base.empty()) << "server did not come up";
  r = Shell("curl -s '" + base + "/v1/graph/neighborhood?node=" + reyes_ + "'");
  EXPECT_NE(r.out.find("\"truncated\":false"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("\"hops\":1"), std::string::npos) << r.out;

  RunResult bad = Parley("serve --db " + (dir_ / "other").string() + " --traversal-deadline-ms -1",
                         dir_);
  EXPECT_EQ(bad.status, 2) << bad.err;
  EXPECT_NE(bad.err.find("--traversal-deadline-ms"), std::string::npos) << bad.err;
}

TEST_F(GraphCliTest, ExportReadsTheGraphServeSavedAndRebuildsADamagedOne) {
  // A served store holds the graph serve saved (graph.projection); export reads it
  // (same bytes as a graph built afresh), and a damaged one is named and rebuilt.
  ASSERT_FALSE(StartServer({}, "").empty()) << "server did not come up";
  kill(server_pid_, SIGTERM);
  int st;
  waitpid(server_pid_, &st, 0);
  server_pid_ = -1;
  const fs::path saved = fs::path(db_) / "graph.projection";
  ASSERT_TRUE(fs::exists(saved));
  const std::string cmd = "export --db " + db_ + " --node " + reyes_ + " --depth 2 --format dot";
  RunResult from_saved = Parley(cmd, dir_);
  ASSERT_EQ(from_saved.status, 0) << from_saved.err;
  EXPECT_EQ(from_saved.err.find("cannot be used"), std::string::npos) << from_saved.err;
  EXPECT_NE(from_saved.out.find("the deal was signed on Monday"), std::string::npos);

  const std::string good = [&] {
    std::ifstream in(saved, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
  }();
  WriteFile(saved, good.substr(0, good.size() / 2));  // cut short
  RunResult rebuilt = Parley(cmd, dir_);
  ASSERT_EQ(rebuilt.status, 0) << rebuilt.err;
  EXPECT_NE(rebuilt.err.find("graph.projection cannot be used"), std::string::npos) << rebuilt.err;
  EXPECT_EQ(rebuilt.out, from_saved.out);

  fs::remove(saved);
  RunResult built = Parley(cmd, dir_);
  ASSERT_EQ(built.status, 0) << built.err;
  EXPECT_EQ(built.err.find("cannot be used"), std::string::npos) << built.err;
  EXPECT_EQ(built.out, from_saved.out);
  EXPECT_FALSE(fs::exists(saved)) << "export only reads";
}

}  // namespace
