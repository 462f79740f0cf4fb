// The export formats opened by real consumers: Debian's networkx reads the GraphML
// and GEXF, Graphviz's dot renders the DOT, Python's csv module reads the CSV back.
// Every format carries hostile text (quotes, <, &, newlines, pipes, backslashes,
// Cyrillic, an emoji, a control character) and must give it back.
#include "api/exports.h"

#include <gtest/gtest.h>
#include <rapidjson/document.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

namespace parley::api {
namespace {

namespace fs = std::filesystem;

constexpr const char* kPython = "/usr/bin/python3";  // Debian's, which sees python3-networkx

// A label no format may lose: quotes of both kinds, markup, an entity, a comma, a
// semicolon, a pipe, a backslash before 'n' (a DOT escape), a tab, a line break,
// Cyrillic and an emoji.
const std::string kHostile =
    "She said \"no\" <b>&amp; 'yes'</b>, then; a|b \\n c\tTab\nПесков \xF0\x9F\x99\x82";
// A control character XML cannot carry: written as U+FFFD.
const std::string kWithControl = std::string("bell\x07") + "ring";
const std::string kControlReplaced = "bell\xEF\xBF\xBDring";

struct CommandResult {
  int exit_code = -1;
  std::string out;  // stdout and stderr together
};

CommandResult RunCommand(const std::string& command) {
  CommandResult result;
  FILE* pipe = popen((command + " 2>&1").c_str(), "r");
  if (!pipe) return result;
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof(buf), pipe)) > 0) result.out.append(buf, n);
  int status = pclose(pipe);
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return result;
}

void WriteFile(const fs::path& path, const std::string& content) {
  std::ofstream out(path, std::ios::binary);
  out << content;
  ASSERT_TRUE(out.good()) << path;
}

class ExportsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string pattern = (fs::temp_directory_path() / "parley_exports_test_XXXXXX").string();
    ASSERT_NE(mkdtemp(pattern.data()), nullptr);
    dir_ = pattern;
  }
  void TearDown() override {
    if (!dir_.empty() && !HasFailure()) fs::remove_all(dir_);
  }

  // Runs a Python script given as text on `args`; returns its output (a JSON line).
  CommandResult Python(const std::string& script, const std::string& args) {
    fs::path path = fs::path(dir_) / "script.py";
    WriteFile(path, script);
    return RunCommand(std::string(kPython) + " " + path.string() + " " + args);
  }

  bool HasNetworkx() {
    return RunCommand(std::string(kPython) + " -c 'import networkx'").exit_code == 0;
  }

  std::string dir_;
};

rapidjson::Document ParseJson(const std::string& text) {
  rapidjson::Document doc;
  doc.Parse(text.c_str(), text.size());
  EXPECT_FALSE(doc.HasParseError()) << "not JSON: " << text;
  return doc;
}

std::string S(const rapidjson::Value& v) { return v.IsString() ? v.GetString() : "<not a string>"; }

// ---------------------------------------------------------------------------
// Graphs

const std::string kHostileId = "n\"<&>' Песков";

Subgraph SampleGraph() {
  Subgraph g;
  g.nodes.push_back({"00000000000000a1",
                     "person",
                     kHostile,
                     std::nullopt,
                     {{"country", "RU"}, {"role \"quoted\" <x>", "Kremlin & spokesman"}}});
  g.nodes.push_back({"00000000000000a2", "statement", kWithControl, "2025-10-24", {}});
  g.nodes.push_back({"00000000000000a3",
                     "article",
                     "Peskov: summit still possible",
                     "2025-10",
                     {{"country", "\n"}}});
  g.nodes.push_back({kHostileId, "event", "Budapest summit", std::nullopt, {}});
  g.edges.push_back({"00000000000000a1", "00000000000000a2", "said", "2025-10-24"});
  g.edges.push_back({"00000000000000a3", "00000000000000a2", "reports", std::nullopt});
  g.edges.push_back({"00000000000000a2", kHostileId, "about \"it\" <&>", std::nullopt});
  // A parallel edge: the formats must keep both.
  g.edges.push_back({"00000000000000a1", "00000000000000a2", "said", "2025-10-25"});
  return g;
}

// Reads a graph with networkx and prints what a test compares, as JSON.
constexpr const char* kNetworkxReader = R"PY(
import json, sys
import networkx as nx
from networkx.readwrite.gexf import GEXF
kind, path = sys.argv[1], sys.argv[2]
if kind == "graphml":
    g = nx.read_graphml(path)
else:
    # networkx 2.8 knows the 1.1draft and 1.2draft namespaces only; teach it 1.3's
    # (same elements) and let its reader do the rest.
    GEXF.versions["1.3"] = {
        "NS_GEXF": "http://gexf.net/1.3",
        "NS_VIZ": "http://gexf.net/1.3/viz",
        "NS_XSI": "http://www.w3.org/2001/XMLSchema-instance",
        "SCHEMALOCATION": "http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd",
        "VERSION": "1.3",
    }
    g = nx.read_gexf(path, version="1.3")
print(json.dumps({
    "directed": g.is_directed(),
    "mode": g.graph.get("mode"),
    "nodes": {str(n): {k: str(v) for k, v in d.items()} for n, d in g.nodes(data=True)},
    "edges": [[str(u), str(v), {k: str(x) for k, x in d.items()}]
              for u, v, d in g.edges(data=True)],
}, ensure_ascii=False))
)PY";

void ExpectGraphReadBack(const rapidjson::Document& doc, bool gexf) {
  ASSERT_TRUE(doc.IsObject());
  EXPECT_TRUE(doc["directed"].GetBool());
  const auto& nodes = doc["nodes"];
  ASSERT_TRUE(nodes.IsObject());
  EXPECT_EQ(nodes.MemberCount(), 4u);
  ASSERT_TRUE(nodes.HasMember("00000000000000a1"));
  const auto& person = nodes["00000000000000a1"];
  EXPECT_EQ(S(person["label"]), kHostile);
  EXPECT_EQ(S(person["kind"]), "person");
  EXPECT_EQ(S(person["country"]), "RU");
  EXPECT_EQ(S(person["role \"quoted\" <x>"]), "Kremlin & spokesman");
  EXPECT_EQ(S(nodes["00000000000000a2"]["label"]), kControlReplaced);
  EXPECT_EQ(S(nodes["00000000000000a2"]["date"]), "2025-10-24");
  EXPECT_EQ(S(nodes["00000000000000a3"]["country"]), "\n");
  ASSERT_TRUE(nodes.HasMember(kHostileId.c_str())) << "hostile id lost";
  EXPECT_EQ(S(nodes[kHostileId.c_str()]["kind"]), "event");
  const auto& edges = doc["edges"];
  ASSERT_TRUE(edges.IsArray());
  EXPECT_EQ(edges.Size(), 4u);
  bool found_hostile_edge = false;
  for (const auto& e : edges.GetArray()) {
    if (S(e[1]) == kHostileId) {
      found_hostile_edge = true;
      EXPECT_EQ(S(e[0]), "00000000000000a2");
      EXPECT_EQ(S(e[2]["kind"]), "about \"it\" <&>");
    }
  }
  EXPECT_TRUE(found_hostile_edge);
  if (gexf) {
    EXPECT_EQ(S(doc["mode"]), "dynamic");
    EXPECT_EQ(S(nodes["00000000000000a2"]["start"]), "2025-10-24");
    EXPECT_EQ(S(nodes["00000000000000a3"]["start"]), "2025-10-01");  // a month starts on its 1st
    EXPECT_FALSE(nodes["00000000000000a1"].HasMember("start"));
    int dated_edges = 0;
    for (const auto& e : edges.GetArray()) dated_edges += e[2].HasMember("start");
    EXPECT_EQ(dated_edges, 2);
  }
}

TEST_F(ExportsTest, NetworkxReadsTheGraphMlWithEveryLabelIntact) {
  if (!HasNetworkx()) GTEST_SKIP() << kPython << " cannot import networkx (python3-networkx)";
  auto graphml = SubgraphToGraphMl(SampleGraph());
  ASSERT_TRUE(graphml.ok()) << graphml.status().ToString();
  fs::path path = fs::path(dir_) / "graph.graphml";
  WriteFile(path, *graphml);
  CommandResult r = Python(kNetworkxReader, "graphml " + path.string());
  ASSERT_EQ(r.exit_code, 0) << r.out << "\n" << *graphml;
  ExpectGraphReadBack(ParseJson(r.out), /*gexf=*/false);
}

TEST_F(ExportsTest, NetworkxReadsTheDynamicGexfWithStartDates) {
  if (!HasNetworkx()) GTEST_SKIP() << kPython << " cannot import networkx (python3-networkx)";
  auto gexf = SubgraphToGexf(SampleGraph());
  ASSERT_TRUE(gexf.ok()) << gexf.status().ToString();
  EXPECT_NE(gexf->find("version=\"1.3\""), std::string::npos);
  EXPECT_NE(gexf->find("timeformat=\"date\""), std::string::npos);
  fs::path path = fs::path(dir_) / "graph.gexf";
  WriteFile(path, *gexf);
  CommandResult r = Python(kNetworkxReader, "gexf " + path.string());
  ASSERT_EQ(r.exit_code, 0) << r.out << "\n" << *gexf;
  ExpectGraphReadBack(ParseJson(r.out), /*gexf=*/true);
}

TEST_F(ExportsTest, DotRendersToSvgNamingEveryNode) {
  if (RunCommand("dot -V").exit_code != 0) GTEST_SKIP() << "graphviz's dot is not installed";
  auto dot = SubgraphToDot(SampleGraph());
  ASSERT_TRUE(dot.ok()) << dot.status().ToString();
  fs::path path = fs::path(dir_) / "graph.dot";
  fs::path svg = fs::path(dir_) / "graph.svg";
  WriteFile(path, *dot);
  CommandResult r = RunCommand("dot -Tsvg " + path.string() + " -o " + svg.string());
  ASSERT_EQ(r.exit_code, 0) << r.out << "\n" << *dot;
  EXPECT_EQ(r.out, "") << "dot complained:\n" << r.out;
  // Read the SVG as XML: each node's <title> is its id, its <text>s the label lines.
  constexpr const char* kSvgReader = R"PY(
import json, sys
import xml.etree.ElementTree as ET
ns = {"s": "http://www.w3.org/2000/svg"}
root = ET.parse(sys.argv[1]).getroot()
nodes = {}
edges = []
for g in root.iter("{http://www.w3.org/2000/svg}g"):
    cls = g.get("class")
    title = g.find("s:title", ns)
    if cls == "node":
        nodes[title.text] = [t.text or "" for t in g.findall("s:text", ns)]
    elif cls == "edge":
        edges.append("".join(t.text or "" for t in g.findall("s:text", ns)))
print(json.dumps({"nodes": nodes, "edges": edges}, ensure_ascii=False))
)PY";
  r = Python(kSvgReader, svg.string());
  ASSERT_EQ(r.exit_code, 0) << r.out;
  rapidjson::Document doc = ParseJson(r.out);
  ASSERT_TRUE(doc.IsObject());
  ASSERT_TRUE(doc["edges"].IsArray());
  EXPECT_EQ(doc["edges"].Size(), 4u);
  bool edge_label_found = false;
  for (const auto& e : doc["edges"].GetArray()) edge_label_found |= S(e) == "about \"it\" <&>";
  EXPECT_TRUE(edge_label_found) << r.out;
  const auto& nodes = doc["nodes"];
  EXPECT_EQ(nodes.MemberCount(), 4u);
  ASSERT_TRUE(nodes.HasMember("00000000000000a1"));
  ASSERT_TRUE(nodes.HasMember(kHostileId.c_str()));
  // The label's line break makes two lines; its "\n" text stays a backslash and an n.
  const auto& lines = nodes["00000000000000a1"];
  ASSERT_EQ(lines.Size(), 2u) << r.out;
  std::string first_line = kHostile.substr(0, kHostile.find('\n'));
  // SVG collapses the tab in the first line to a space when laying out text.
  std::string rendered = S(lines[0]);
  EXPECT_NE(rendered.find("She said \"no\" <b>&amp; 'yes'</b>, then; a|b \\n c"), std::string::npos)
      << rendered;
  EXPECT_EQ(S(lines[1]), "Песков \xF0\x9F\x99\x82");
}

TEST_F(ExportsTest, DotKeepsCustomAttributesAwayFromGraphvizOnes) {
  Subgraph g;
  g.nodes.push_back({"a", "person", "A", std::nullopt, {{"image", "/etc/passwd"}}});
  auto dot = SubgraphToDot(g);
  ASSERT_TRUE(dot.ok());
  EXPECT_NE(dot->find("\"parley_image\"=\"/etc/passwd\""), std::string::npos) << *dot;
  EXPECT_EQ(dot->find(" image="), std::string::npos) << *dot;
  EXPECT_EQ(dot->find("\"image\""), std::string::npos) << *dot;
}

TEST_F(ExportsTest, CytoscapeJsonHasUniqueIdsAndEveryField) {
  auto json = SubgraphToCytoscapeJson(SampleGraph());
  ASSERT_TRUE(json.ok()) << json.status().ToString();
  // Read with Python's json module too: a second, independent parser.
  fs::path path = fs::path(dir_) / "graph.cyjs";
  WriteFile(path, *json);
  CommandResult r =
      RunCommand(std::string(kPython) + " -c 'import json,sys; json.load(open(sys.argv[1]))' " +
                 path.string());
  ASSERT_EQ(r.exit_code, 0) << r.out;

  rapidjson::Document doc = ParseJson(*json);
  ASSERT_TRUE(doc.IsObject() && doc["elements"].IsObject());
  const auto& nodes = doc["elements"]["nodes"];
  const auto& edges = doc["elements"]["edges"];
  ASSERT_EQ(nodes.Size(), 4u);
  ASSERT_EQ(edges.Size(), 4u);
  std::set<std::string> ids;
  for (const auto& n : nodes.GetArray()) ids.insert(S(n["data"]["id"]));
  EXPECT_EQ(S(nodes[0]["data"]["label"]), kHostile);
  EXPECT_EQ(S(nodes[0]["data"]["role \"quoted\" <x>"]), "Kremlin & spokesman");
  EXPECT_EQ(S(nodes[1]["data"]["label"]), kControlReplaced);
  EXPECT_EQ(S(nodes[1]["data"]["date"]), "2025-10-24");
  EXPECT_FALSE(nodes[0]["data"].HasMember("date"));
  for (const auto& e : edges.GetArray()) {
    EXPECT_TRUE(ids.count(S(e["data"]["source"]))) << S(e["data"]["source"]);
    EXPECT_TRUE(ids.count(S(e["data"]["target"]))) << S(e["data"]["target"]);
    EXPECT_TRUE(ids.insert(S(e["data"]["id"])).second) << "id shared: " << S(e["data"]["id"]);
  }
  EXPECT_EQ(S(edges[2]["data"]["target"]), kHostileId);
  EXPECT_EQ(S(edges[2]["data"]["kind"]), "about \"it\" <&>");
}

TEST_F(ExportsTest, EdgeIdsAvoidNodeIdsThatLookLikeThem) {
  Subgraph g;
  g.nodes.push_back({"e0", "person", "A", std::nullopt, {}});
  g.nodes.push_back({"e1", "person", "B", std::nullopt, {}});
  g.edges.push_back({"e0", "e1", "said", std::nullopt});
  g.edges.push_back({"e1", "e0", "said", std::nullopt});
  auto json = SubgraphToCytoscapeJson(g);
  ASSERT_TRUE(json.ok());
  rapidjson::Document doc = ParseJson(*json);
  std::set<std::string> ids = {"e0", "e1"};
  for (const auto& e : doc["elements"]["edges"].GetArray()) {
    EXPECT_TRUE(ids.insert(S(e["data"]["id"])).second) << S(e["data"]["id"]);
  }
}

TEST_F(ExportsTest, InvalidSubgraphsAreRefusedNamingTheProblem) {
  struct Case {
    Subgraph graph;
    std::string needle;
  };
  std::vector<Case> cases;
  {
    Subgraph g = SampleGraph();
    g.edges.push_back({"00000000000000a1", "missing", "said", std::nullopt});
    cases.push_back({g, "edge 4: target \"missing\""});
  }
  {
    Subgraph g = SampleGraph();
    g.nodes.push_back(g.nodes[0]);
    cases.push_back({g, "node 4: duplicate id"});
  }
  {
    Subgraph g = SampleGraph();
    g.nodes[1].date = "2025-02-30";
    cases.push_back({g, "node 1: date \"2025-02-30\""});
  }
  {
    Subgraph g = SampleGraph();
    g.nodes[0].attrs["label"] = "x";
    cases.push_back({g, "node 0: attribute name \"label\" is reserved"});
  }
  {
    Subgraph g = SampleGraph();
    g.nodes[2].id = "";
    cases.push_back({g, "node 2: empty id"});
  }
  for (const auto& c : cases) {
    SCOPED_TRACE(c.needle);
    for (auto* fn :
         {&SubgraphToGraphMl, &SubgraphToGexf, &SubgraphToCytoscapeJson, &SubgraphToDot}) {
      auto r = fn(c.graph);
      ASSERT_FALSE(r.ok());
      EXPECT_TRUE(r.status().IsInvalidArgument());
      EXPECT_NE(r.status().message().find(c.needle), std::string::npos) << r.status().ToString();
    }
  }
}

TEST_F(ExportsTest, AnEmptySubgraphIsAValidDocumentInEveryFormat) {
  if (!HasNetworkx()) GTEST_SKIP() << kPython << " cannot import networkx (python3-networkx)";
  Subgraph empty;
  fs::path path = fs::path(dir_) / "empty.graphml";
  WriteFile(path, *SubgraphToGraphMl(empty));
  CommandResult r = Python(kNetworkxReader, "graphml " + path.string());
  ASSERT_EQ(r.exit_code, 0) << r.out;
  EXPECT_EQ(ParseJson(r.out)["nodes"].MemberCount(), 0u);
  path = fs::path(dir_) / "empty.gexf";
  WriteFile(path, *SubgraphToGexf(empty));
  r = Python(kNetworkxReader, "gexf " + path.string());
  ASSERT_EQ(r.exit_code, 0) << r.out;
  EXPECT_FALSE(ParseJson(*SubgraphToCytoscapeJson(empty)).HasParseError());
  if (RunCommand("dot -V").exit_code == 0) {
    path = fs::path(dir_) / "empty.dot";
    WriteFile(path, *SubgraphToDot(empty));
    EXPECT_EQ(RunCommand("dot -Tsvg " + path.string() + " -o /dev/null").exit_code, 0);
  }
}

// ---------------------------------------------------------------------------
// Timelines

store::StatementRecord MakeRecord(uint64_t id, std::string text, std::optional<std::string> date,
                                  std::optional<std::string> published, int64_t begin) {
  store::StatementRecord s;
  s.id = NodeId(id);
  s.local_id = "s" + std::to_string(id);
  s.text = std::move(text);
  s.type = "direct";
  s.cue = "said";
  s.speech_act = "assert";
  s.date = std::move(date);
  s.speaker_id = NodeId(0xe1);
  s.speaker_name = "Dmitry \"the voice\" Peskov";
  s.article_id = NodeId(0xa1);
  s.article_external_id = "menafn-1";
  s.article_title = "Peskov: summit, \"possible\" | maybe";
  s.published = std::move(published);
  s.content = Span{begin, begin + 10};
  return s;
}

std::vector<store::StatementRecord> SampleStatements() {
  std::vector<store::StatementRecord> v;
  v.push_back(MakeRecord(1, kHostile, "2025-10-24", "2025-10-25", 10));
  v.push_back(MakeRecord(2, "Line one\r\nline two, \"quoted\"", std::nullopt, "2025-10-20", 40));
  v.push_back(MakeRecord(3, "Nobody knows when", std::nullopt, std::nullopt, 70));
  v.push_back(MakeRecord(4, "Sometime in October", "2025-10", "2025-11-02", 90));
  v[2].speaker_id = NodeId();
  v[2].speaker_name = "";
  v[3].type = "indirect";
  v[3].negative = true;  // "... did not rule out": negative and hedged
  v[3].hedged = true;
  return v;
}

TEST_F(ExportsTest, PythonCsvReadsTheTimelineBackToTheSameRows) {
  auto statements = SampleStatements();
  ArticleOutlets outlets = {{NodeId(0xa1), {"MENAFN", "Reuters, London"}}};
  std::string csv = TimelineToCsv(statements, outlets);
  EXPECT_EQ(csv.substr(0, csv.find("\r\n")),
            "said_date,published_date,speaker,speaker_id,type,speech_act,cue,text,"
            "article_title,article_id,outlets,start,end,article_external_id,statement_id,"
            "polarity,hedged");
  fs::path path = fs::path(dir_) / "timeline.csv";
  WriteFile(path, csv);
  CommandResult r = Python(R"PY(
import csv, json, sys
with open(sys.argv[1], newline="", encoding="utf-8") as f:
    print(json.dumps(list(csv.reader(f, strict=True)), ensure_ascii=False))
)PY",
                           path.string());
  ASSERT_EQ(r.exit_code, 0) << r.out;
  rapidjson::Document rows = ParseJson(r.out);
  ASSERT_TRUE(rows.IsArray());
  ASSERT_EQ(rows.Size(), 1 + statements.size());
  for (const auto& row : rows.GetArray()) EXPECT_EQ(row.Size(), std::size(kCsvColumns));
  const auto& first = rows[1];
  EXPECT_EQ(S(first[0]), "2025-10-24");
  EXPECT_EQ(S(first[1]), "2025-10-25");
  EXPECT_EQ(S(first[2]), "Dmitry \"the voice\" Peskov");
  EXPECT_EQ(S(first[3]), "00000000000000e1");
  EXPECT_EQ(S(first[7]), kHostile);
  EXPECT_EQ(S(first[8]), "Peskov: summit, \"possible\" | maybe");
  EXPECT_EQ(S(first[9]), "00000000000000a1");
  EXPECT_EQ(S(first[10]), "MENAFN; Reuters, London");
  EXPECT_EQ(S(first[11]), "10");
  EXPECT_EQ(S(first[12]), "20");
  EXPECT_EQ(S(first[13]), "menafn-1");
  EXPECT_EQ(S(first[14]), "0000000000000001");
  EXPECT_EQ(S(rows[2][0]), "");  // undated: no said_date
  EXPECT_EQ(S(rows[2][7]), "Line one\r\nline two, \"quoted\"");
  EXPECT_EQ(S(rows[3][2]), "");  // unresolved speaker
  EXPECT_EQ(S(rows[3][3]), "");
  EXPECT_EQ(S(rows[4][0]), "2025-10");
  EXPECT_EQ(S(first[15]), "positive");
  EXPECT_EQ(S(first[16]), "false");
  EXPECT_EQ(S(rows[4][15]), "negative");
  EXPECT_EQ(S(rows[4][16]), "true");
}

// Splits a Markdown table row on the pipes that are not escaped and unescapes cells.
std::vector<std::string> MarkdownCells(const std::string& line) {
  std::vector<std::string> cells;
  std::string cell;
  for (size_t i = 0; i < line.size(); ++i) {
    if (line[i] == '\\' && i + 1 < line.size()) {
      cell += line[++i];
    } else if (line[i] == '|') {
      cells.push_back(cell);
      cell.clear();
    } else {
      cell += line[i];
    }
  }
  cells.push_back(cell);
  // Drop what is outside the outer pipes, trim the single spaces.
  std::vector<std::string> out;
  for (size_t i = 1; i + 1 < cells.size(); ++i) {
    std::string c = cells[i];
    if (!c.empty() && c.front() == ' ') c.erase(0, 1);
    if (!c.empty() && c.back() == ' ') c.pop_back();
    out.push_back(c);
  }
  return out;
}

TEST_F(ExportsTest, MarkdownTableKeepsOneRowPerStatementWithPipesEscaped) {
  auto statements = SampleStatements();
  TimelineTitle title{"Dmitry | Peskov", "Statements in *October*"};
  std::string md = TimelineToMarkdown(statements, title, {{NodeId(0xa1), {"MENAFN"}}});
  std::vector<std::string> lines;
  std::stringstream ss(md);
  for (std::string line; std::getline(ss, line);) lines.push_back(line);
  ASSERT_GE(lines.size(), 4u) << md;
  EXPECT_EQ(lines[0], "# Dmitry \\| Peskov");
  EXPECT_EQ(lines[2], "Statements in \\*October\\*");
  std::vector<std::string> rows;
  for (const auto& l : lines) {
    if (!l.empty() && l[0] == '|') rows.push_back(l);
  }
  ASSERT_EQ(rows.size(), 2 + statements.size()) << md;  // header, rule, one per statement
  for (const auto& row : rows) EXPECT_EQ(MarkdownCells(row).size(), 6u) << row;
  auto first = MarkdownCells(rows[2]);
  std::string expected_text = "\xe2\x80\x9c" + kHostile + "\xe2\x80\x9d";
  // A line break is <br> in a cell; the tab a space.
  size_t nl = expected_text.find('\n');
  expected_text.replace(nl, 1, "<br>");
  expected_text.replace(expected_text.find('\t'), 1, " ");
  EXPECT_EQ(first[3], expected_text);
  EXPECT_EQ(first[0], "2025-10-24");
  EXPECT_EQ(first[4], "Peskov: summit, \"possible\" | maybe (MENAFN)");
  EXPECT_EQ(MarkdownCells(rows[3])[0], "2025-10-20 (published)");
  EXPECT_EQ(MarkdownCells(rows[4])[0], "undated");
  EXPECT_EQ(MarkdownCells(rows[4])[1], "(unattributed)");
  // The act: nothing added to a plain assertion, "negative" and "hedged" otherwise.
  EXPECT_EQ(first[2], "direct, said");
  EXPECT_EQ(MarkdownCells(rows[5])[2], "indirect, said; negative; hedged");
  // The raw markup is escaped, so a renderer shows it instead of applying it.
  EXPECT_EQ(rows[2].find("<b>"), std::string::npos) << rows[2];
  EXPECT_NE(rows[2].find("\\<b\\>"), std::string::npos) << rows[2];
}

TEST_F(ExportsTest, TimelineJsHasWhatTimelineJsNeedsAndLeavesOutTheUndatable) {
  auto statements = SampleStatements();
  std::string json = TimelineToTimelineJs(statements, {"Dmitry Peskov", "October <2025>"});
  rapidjson::Document doc = ParseJson(json);
  ASSERT_TRUE(doc.IsObject());
  ASSERT_TRUE(doc["title"]["text"]["headline"].IsString());
  EXPECT_EQ(S(doc["title"]["text"]["headline"]), "Dmitry Peskov");
  std::string title_text = S(doc["title"]["text"]["text"]);
  EXPECT_NE(title_text.find("October &lt;2025&gt;"), std::string::npos) << title_text;
  EXPECT_NE(title_text.find("1 statement has no date"), std::string::npos) << title_text;
  const auto& events = doc["events"];
  ASSERT_TRUE(events.IsArray());
  ASSERT_EQ(events.Size(), 3u);  // statement 3 has neither date
  std::set<std::string> ids;
  for (const auto& e : events.GetArray()) {
    ASSERT_TRUE(e["start_date"].IsObject());
    ASSERT_TRUE(e["start_date"]["year"].IsString());
    EXPECT_GT(std::atoi(e["start_date"]["year"].GetString()), 0);
    ASSERT_TRUE(e["text"]["headline"].IsString());
    ASSERT_TRUE(e["text"]["text"].IsString());
    ASSERT_TRUE(e["group"].IsString());
    EXPECT_TRUE(ids.insert(S(e["unique_id"])).second);
  }
  EXPECT_EQ(S(events[0]["start_date"]["year"]), "2025");
  EXPECT_EQ(S(events[0]["start_date"]["month"]), "10");
  EXPECT_EQ(S(events[0]["start_date"]["day"]), "24");
  EXPECT_EQ(S(events[0]["unique_id"]), "s-0000000000000001");
  // HTML-escaped: TimelineJS renders the text as HTML.
  std::string text = S(events[0]["text"]["text"]);
  EXPECT_NE(text.find("She said &quot;no&quot; &lt;b&gt;&amp;amp; &#39;yes&#39;&lt;/b&gt;"),
            std::string::npos)
      << text;
  EXPECT_EQ(text.find("<b>"), std::string::npos) << text;
  EXPECT_NE(text.find("Песков"), std::string::npos);
  // Undated: the publication date stands in, and the text says so.
  EXPECT_EQ(S(events[1]["start_date"]["day"]), "20");
  EXPECT_NE(S(events[1]["text"]["text"]).find("Dated by its publication"), std::string::npos);
  // A month-precision date gives no day.
  EXPECT_EQ(S(events[2]["start_date"]["month"]), "10");
  EXPECT_FALSE(events[2]["start_date"].HasMember("day"));
  EXPECT_NE(S(events[2]["text"]["text"]).find("said (indirect); negative; hedged &mdash;"),
            std::string::npos)
      << S(events[2]["text"]["text"]);
  EXPECT_EQ(S(events[0]["text"]["text"]).find("negative"), std::string::npos);
}

TEST_F(ExportsTest, SortForTimelinePutsOldestFirstAndUndatedLast) {
  auto statements = SampleStatements();
  SortForTimeline(statements);
  std::vector<uint64_t> order;
  for (const auto& s : statements) order.push_back(s.id.value());
  // 4 is "2025-10" (sorts before 2025-10-20), 2 dated by publication 2025-10-20,
  // 1 said 2025-10-24, 3 has no date at all.
  EXPECT_EQ(order, (std::vector<uint64_t>{4, 2, 1, 3}));
  EXPECT_EQ(TimelineDate(statements[1]), "2025-10-20");
  EXPECT_EQ(TimelineDate(statements[3]), std::nullopt);
}

TEST(NormalizeDateTest, AcceptsCalendarDatesAndPrefixesOnly) {
  EXPECT_EQ(NormalizeDate("2024-02-29"), "2024-02-29");
  EXPECT_EQ(NormalizeDate("2025-10-24T10:00:00Z"), "2025-10-24");
  EXPECT_EQ(NormalizeDate("2025-10"), "2025-10");
  EXPECT_EQ(NormalizeDate("2025"), "2025");
  for (const char* bad : {"2025-02-29", "2025-13-01", "2025-1-01", "25-10-24", "", "2025-10-24x",
                          "2025/10/24", "0000"}) {
    EXPECT_EQ(NormalizeDate(bad), std::nullopt) << bad;
  }
}

}  // namespace
}  // namespace parley::api
