// parley_eval_extract: a development tool (not installed). Reads documents in the
// JSONL of ../shared/eval/FORMAT.md, runs the rule extractor and prints one line of
// FORMAT.md statements per document on standard output (what score.py reads), and
// the throughput on standard error.
//
//   parley_eval_extract [--schema DIR] [--repeat N] [--quiet] [--cue-trace OUT.jsonl] IN.jsonl > PRED.jsonl
//
// --cue-trace writes, one line per document, the cues the extractor accepted and what
// became of each (extractors/cue_trace.h): {"id": ..., "cues": [[begin, end, score,
// learned, quoted, candidates, kept], ...]} (score null when the model did not score
// the word). scripts/eval-frames reads it.
#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include "extractors/cue_trace.h"
#include "extractors/extractor.h"
#include "schema/schema.h"

namespace {

using Writer = rapidjson::Writer<rapidjson::StringBuffer>;

void WriteSpan(Writer& w, const parley::Span& s) {
  w.StartArray();
  w.Int64(s.begin);
  w.Int64(s.end);
  w.EndArray();
}

std::string ToJson(const parley::Extraction& x) {
  rapidjson::StringBuffer buf;
  Writer w(buf);
  w.StartObject();
  w.Key("id");
  w.String(x.id.c_str(), static_cast<rapidjson::SizeType>(x.id.size()));
  w.Key("article");
  w.StartObject();
  w.Key("title");
  w.String(x.article.title.c_str());
  w.Key("published");
  if (x.article.published) w.String(x.article.published->c_str()); else w.Null();
  w.Key("warnings");
  w.StartArray();
  for (const auto& s : x.article.warnings) w.String(s.c_str());
  w.EndArray();
  w.Key("outlets");
  w.StartArray();
  for (const auto& s : x.article.outlets) w.String(s.c_str());
  w.EndArray();
  w.EndObject();
  w.Key("statements");
  w.StartArray();
  for (const auto& s : x.statements) {
    w.StartObject();
    w.Key("id"); w.String(s.id.c_str());
    w.Key("start"); w.Int64(s.content.begin);
    w.Key("end"); w.Int64(s.content.end);
    if (!s.content_spans.empty()) {
      w.Key("content_spans");
      w.StartArray();
      for (const auto& p : s.content_spans) WriteSpan(w, p);
      w.EndArray();
    }
    w.Key("text"); w.String(s.text.c_str(), static_cast<rapidjson::SizeType>(s.text.size()));
    w.Key("type"); w.String(s.type.c_str());
    w.Key("speaker");
    if (s.speaker) w.String(s.speaker->c_str()); else w.Null();
    w.Key("speaker_id"); w.String(s.speaker_entity.c_str());
    w.Key("speaker_spans");
    w.StartArray();
    for (const auto& p : s.speaker_spans) WriteSpan(w, p);
    w.EndArray();
    w.Key("cue"); w.String(s.cue.c_str());
    w.Key("cue_spans");
    w.StartArray();
    for (const auto& p : s.cue_spans) WriteSpan(w, p);
    w.EndArray();
    w.Key("speech_act"); w.String(s.speech_act.c_str());
    w.Key("date");
    if (s.date) w.String(s.date->c_str()); else w.Null();
    w.Key("reported_by");
    if (!s.reported_by.empty()) w.String(s.reported_by.c_str()); else w.Null();
    w.EndObject();
  }
  w.EndArray();
  w.Key("entities");
  w.StartArray();
  for (const auto& e : x.entities) {
    w.StartObject();
    w.Key("id"); w.String(e.id.c_str());
    w.Key("type"); w.String(e.type.c_str());
    w.Key("name"); w.String(e.name.c_str());
    w.Key("aliases");
    w.StartArray();
    for (const auto& a : e.aliases) w.String(a.c_str());
    w.EndArray();
    w.Key("roles");
    w.StartArray();
    for (const auto& a : e.roles) w.String(a.c_str());
    w.EndArray();
    w.Key("mentions");
    w.StartArray();
    for (const auto& m : e.mentions) WriteSpan(w, m);
    w.EndArray();
    w.EndObject();
  }
  w.EndArray();
  w.Key("events"); w.StartArray(); w.EndArray();
  w.Key("relations"); w.StartArray(); w.EndArray();
  w.EndObject();
  return buf.GetString();
}

std::string TraceJson(const std::string& id, const std::vector<parley::extractors::internal::CueTrace>& trace) {
  rapidjson::StringBuffer buf;
  Writer w(buf);
  w.StartObject();
  w.Key("id");
  w.String(id.c_str(), static_cast<rapidjson::SizeType>(id.size()));
  w.Key("cues");
  w.StartArray();
  for (const auto& t : trace) {
    w.StartArray();
    w.Int64(t.cue.begin);
    w.Int64(t.cue.end);
    if (t.score > -1e29f) w.Double(t.score); else w.Null();
    w.Bool(t.learned);
    w.Bool(t.quoted);
    w.Int(t.candidates);
    w.Int(t.kept);
    w.EndArray();
  }
  w.EndArray();
  w.EndObject();
  return buf.GetString();
}

}  // namespace

int main(int argc, char** argv) {
  std::string schema_dir = parley::schema::DefaultSchemaDir();
  std::string input;
  int repeat = 1;
  bool quiet = false;
  std::string trace_path;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--schema" && i + 1 < argc) schema_dir = argv[++i];
    else if (a == "--repeat" && i + 1 < argc) repeat = std::atoi(argv[++i]);
    else if (a == "--quiet") quiet = true;
    else if (a == "--cue-trace" && i + 1 < argc) trace_path = argv[++i];
    else input = a;
  }
  if (input.empty()) {
    std::cerr << "usage: parley_eval_extract [--schema DIR] [--repeat N] [--quiet] [--cue-trace OUT.jsonl] IN.jsonl\n";
    return 2;
  }
  auto schema = parley::schema::LoadSchema(schema_dir);
  if (!schema.ok()) {
    std::cerr << schema.status().ToString() << "\n";
    return 1;
  }
  auto extractor = parley::extractors::NewExtractor(*schema);
  if (!extractor.ok()) {
    std::cerr << extractor.status().ToString() << "\n";
    return 1;
  }
  std::ifstream in(input);
  if (!in) {
    std::cerr << input << ": cannot open\n";
    return 1;
  }
  std::vector<parley::Document> docs;
  std::string line;
  int n = 0;
  size_t words = 0;
  while (std::getline(in, line)) {
    ++n;
    if (line.empty()) continue;
    rapidjson::Document d;
    d.Parse(line.c_str(), line.size());
    if (d.HasParseError() || !d.IsObject() || !d.HasMember("text") || !d["text"].IsString()) {
      std::cerr << input << ":" << n << ": not a document\n";
      continue;
    }
    parley::Document doc;
    if (d.HasMember("id") && d["id"].IsString()) doc.id = d["id"].GetString();
    doc.text.assign(d["text"].GetString(), d["text"].GetStringLength());
    if (d.HasMember("title") && d["title"].IsString()) doc.title = d["title"].GetString();
    if (d.HasMember("date") && d["date"].IsString()) doc.date = std::string(d["date"].GetString());
    if (d.HasMember("source") && d["source"].IsString()) doc.source = d["source"].GetString();
    bool in_word = false;
    for (char c : doc.text) {
      bool w = !(c == ' ' || c == '\n' || c == '\t');
      if (w && !in_word) ++words;
      in_word = w;
    }
    docs.push_back(std::move(doc));
  }
  if (!trace_path.empty()) {
    std::ofstream tout(trace_path);
    if (!tout) {
      std::cerr << trace_path << ": cannot write\n";
      return 1;
    }
    for (const auto& doc : docs) {
      parley::Extraction x;
      tout << TraceJson(doc.id, parley::extractors::internal::TraceCues(**extractor, doc, &x)) << "\n";
    }
  }
  auto t0 = std::chrono::steady_clock::now();
  std::vector<parley::Extraction> out;
  for (int r = 0; r < repeat; ++r) {
    out.clear();
    for (const auto& doc : docs) out.push_back((*extractor)->Extract(doc));
  }
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  if (!quiet) {
    for (const auto& x : out) std::cout << ToJson(x) << "\n";
  }
  double articles = static_cast<double>(docs.size()) * repeat;
  std::fprintf(stderr, "%zu documents x %d, %.0f words/article: %.3f s, %.0f articles/s (single thread)\n",
               docs.size(), repeat, docs.empty() ? 0.0 : static_cast<double>(words) / docs.size(), secs,
               secs > 0 ? articles / secs : 0.0);
  return 0;
}
