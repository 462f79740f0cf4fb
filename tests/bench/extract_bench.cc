// Throughput of the statement extractor, one thread: articles/s and words/s on
// the fixture articles (our own texts), on a synthetic 650-word article that
// mixes the constructions the rules and models handle (direct, indirect,
// interrupted and partial quotations, "according to", pronoun speakers), and on
// real news articles: PolNeAR's dev split (84 articles, ~740 words each), read from
// ../shared beside the repository when it is there (never copied into it; the
// benchmark reports an error and skips itself where it is absent).
#include <benchmark/benchmark.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "extractors/document_reader.h"
#include "extractors/extractor.h"
#include "schema/schema.h"

namespace {

using parley::Document;
using parley::extractors::Extractor;

const Extractor& TheExtractor() {
  static std::unique_ptr<Extractor> x = [] {
    auto schema = parley::schema::LoadSchema(std::string(PARLEY_SOURCE_DIR) + "/schema");
    if (!schema.ok()) {
      std::cerr << schema.status().ToString() << "\n";
      std::abort();
    }
    auto e = parley::extractors::NewExtractor(*schema);
    if (!e.ok()) {
      std::cerr << e.status().ToString() << "\n";
      std::abort();
    }
    return std::move(*e);
  }();
  return *x;
}

size_t Words(const std::string& s) {
  size_t n = 0;
  bool in = false;
  for (char c : s) {
    bool w = !(c == ' ' || c == '\n' || c == '\t');
    n += w && !in;
    in = w;
  }
  return n;
}

std::vector<Document> FixtureArticles() {
  std::vector<Document> docs;
  std::vector<std::filesystem::path> paths;
  for (const auto& e : std::filesystem::directory_iterator(std::string(PARLEY_SOURCE_DIR) + "/fixtures/articles")) {
    if (e.path().extension() == ".txt") paths.push_back(e.path());
  }
  std::sort(paths.begin(), paths.end());
  for (const auto& p : paths) {
    std::ifstream in(p);
    std::stringstream ss;
    ss << in.rdbuf();
    Document d;
    d.id = p.filename().string();
    d.text = ss.str();
    d.date = "2025-10-24";
    docs.push_back(std::move(d));
  }
  return docs;
}

Document Synthetic650() {
  static const char* kParagraphs[] = {
      "Foreign Minister Anna Berg said on Tuesday that the talks would resume next month, adding that both "
      "delegations had agreed on a timetable for the remaining issues.",
      "\"We are not going to accept an agreement that leaves our farmers behind,\" Berg told reporters in the "
      "capital. \"The door is open, but the terms have to be fair.\"",
      "According to officials familiar with the negotiations, the sticking points include tariffs on steel and "
      "access to public procurement markets, which the other side has refused to discuss.",
      "Trade Commissioner Paul Meyer, speaking after a meeting with industry groups, described the proposal as "
      "\"a serious step\" and said he hoped a deal could be signed before the summer.",
      "Critics argue that the accord would weaken environmental standards. Environmental groups warned that "
      "the text contains loopholes that would allow companies to avoid reporting their emissions.",
      "\"This is a bad deal for the climate,\" said Maria Santos, director of the Green Future Institute. She "
      "noted that earlier agreements had included binding targets, and she urged lawmakers to reject it.",
      "A poll published last week showed that a majority of voters support closer trade ties, although many "
      "believe the benefits will go mainly to large companies.",
      "The government spokesman, Jonas Holm, declined to comment on the timetable but insisted that the "
      "negotiations were \"on track\" and that no concessions had been made on agriculture.",
  };
  Document d;
  d.id = "synthetic-650";
  d.date = "2025-10-24";
  d.title = "Trade talks to resume next month, minister says";
  while (Words(d.text) < 650) {
    for (const char* p : kParagraphs) {
      if (Words(d.text) >= 650) break;
      d.text += p;
      d.text += "\n\n";
    }
  }
  return d;
}

void Run(benchmark::State& state, const std::vector<Document>& docs) {
  const Extractor& x = TheExtractor();
  size_t words = 0;
  for (const auto& d : docs) words += Words(d.text);
  size_t articles = 0;
  for (auto _ : state) {
    for (const auto& d : docs) {
      auto out = x.Extract(d);
      benchmark::DoNotOptimize(out.statements.data());
    }
    articles += docs.size();
  }
  state.counters["articles/s"] = benchmark::Counter(static_cast<double>(articles), benchmark::Counter::kIsRate);
  state.counters["words/article"] = static_cast<double>(words) / static_cast<double>(std::max<size_t>(docs.size(), 1));
}

void BM_FixtureArticles(benchmark::State& state) {
  static const std::vector<Document> docs = FixtureArticles();
  Run(state, docs);
}
BENCHMARK(BM_FixtureArticles)->Unit(benchmark::kMillisecond);

void BM_NewsArticles(benchmark::State& state) {
  static const std::vector<Document> docs = [] {
    std::vector<Document> out;
    std::vector<parley::extractors::ReadProblem> problems;
    const std::filesystem::path path = std::filesystem::path(PARLEY_SOURCE_DIR) / ".." / "shared" /
                                       "eval" / "polnear" / "dev.jsonl";
    if (std::filesystem::exists(path)) {
      (void)parley::extractors::ReadDocuments(
          path.string(), {}, [&](Document&& d) { out.push_back(std::move(d)); }, &problems);
    }
    return out;
  }();
  if (docs.empty()) {
    state.SkipWithError("PolNeAR's dev split (../shared/eval) is absent: no real news to time");
    return;
  }
  Run(state, docs);
}
BENCHMARK(BM_NewsArticles)->Unit(benchmark::kMillisecond);

void BM_Synthetic650Words(benchmark::State& state) {
  static const std::vector<Document> docs = {Synthetic650()};
  Run(state, docs);
}
BENCHMARK(BM_Synthetic650Words)->Unit(benchmark::kMicrosecond);

}  // namespace

BENCHMARK_MAIN();
