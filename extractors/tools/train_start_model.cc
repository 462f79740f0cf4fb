// parley_train_start_model: a development tool (not installed). Trains the rankers
// of extractors/content_bounds.h -- where a reported clause right of its cue begins
// (start model) and ends (end model, --end-out) -- averaged ranking perceptrons over
// hashed features, on annotated JSONL documents (PolNeAR's train split:
// "statements" with "start", "end", "cue_spans") and writes the model texts.
//
//   parley_train_start_model [--schema DIR] [--epochs N] [--prune W] [--dev DEV.jsonl]
//       [--end-out END2_MODEL.txt] [--end-epochs N] --out START_MODEL.txt TRAIN.jsonl
//
// Start: one example per gold statement whose content starts within kStartWindow
// tokens right of its cue's head, in the same sentence. End: one per gold statement
// of one piece whose content lies right of its cue in the cue's sentence and does
// not open with a quotation mark. The texts are read, never copied into the
// models: only feature hashes go out.
#include <rapidjson/document.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <random>
#include <string>
#include <unordered_map>
#include <vector>

#include "extractors/content_bounds.h"
#include "extractors/cue_model.h"
#include "extractors/text_scan.h"
#include "schema/schema.h"

namespace {

using parley::extractors::internal::CueContext;
using parley::extractors::internal::CueHead;
using parley::extractors::internal::CueLexIndex;
using parley::extractors::internal::CueModel;
using parley::extractors::internal::FillSentenceContext;
using parley::extractors::internal::IsStartCandidate;
using parley::extractors::internal::kStartWindow;
using parley::extractors::internal::ScannedText;
using parley::extractors::internal::ScanText;
using parley::extractors::internal::StartFeatures;
using parley::extractors::internal::TokKind;

struct Example {
  std::vector<std::vector<uint64_t>> cands;
  size_t gold = 0;
};

bool Terminal(const std::string& w) {
  return w == "." || w == "!" || w == "?" || w == "..." || w == ")";
}

bool Trim(char32_t c) {
  return c == ' ' || c == '\n' || c == '\t' || c == 0xA0 || c == '"' || c == '\'' || c == 0x201C ||
         c == 0x201D || c == 0x2018 || c == 0x2019 || c == '.' || c == ',' || c == ';' ||
         c == ':' || c == '!' || c == '?' || c == '-' || c == 0x2014 || c == 0x2013;
}

// The end ranker's example for gold content [gb, ge) right of the cue headed at h,
// starting at token g: the candidate ends of the clause; false when the gold end is
// no candidate.
bool EndExample(const ScannedText& st, const CueContext& ctx, int32_t h, int32_t g, int32_t se,
                int32_t ge, Example* ex) {
  using parley::extractors::internal::EndFeatures2;
  using parley::extractors::internal::IsEndCandidate2;
  const auto& toks = st.toks;
  const int32_t n = static_cast<int32_t>(toks.size());
  while (ge > 0 && Trim(st.cps[ge - 1])) --ge;
  int32_t gt = g;
  while (gt < n && toks[gt].b < ge) ++gt;
  int32_t target = gt;
  while (target < se && !IsEndCandidate2(st, target, se) &&
         (toks[target].kind == TokKind::kPunct || toks[target].kind == TokKind::kQuote)) {
    ++target;
  }
  if (target > se || target <= g || !IsEndCandidate2(st, target, se)) return false;
  for (int32_t e = g + 1; e <= se; ++e) {
    if (!IsEndCandidate2(st, e, se)) continue;
    if (e == target) ex->gold = ex->cands.size();
    ex->cands.emplace_back();
    EndFeatures2(ctx, h, g, e, se, &ex->cands.back());
  }
  return ex->cands.size() >= 2;
}

bool ReadExamples(const std::string& path, const parley::extractors::internal::WordSet& abbrev,
                  const CueLexIndex& lex, std::vector<Example>* out,
                  std::vector<Example>* end_out) {
  std::ifstream in(path);
  if (!in) {
    std::cerr << path << ": cannot open\n";
    return false;
  }
  std::string line;
  int n = 0;
  while (std::getline(in, line)) {
    ++n;
    if (line.empty()) continue;
    rapidjson::Document d;
    d.Parse(line.c_str(), line.size());
    if (d.HasParseError() || !d.IsObject() || !d.HasMember("text") || !d["text"].IsString()) {
      std::cerr << path << ":" << n << ": not a document\n";
      return false;
    }
    ScannedText st;
    std::string text(d["text"].GetString(), d["text"].GetStringLength());
    ScanText(text, abbrev, &st);
    CueContext ctx;
    ctx.st = &st;
    lex.Mark(st, &ctx.lex_kind);
    FillSentenceContext(&ctx);
    const auto& toks = st.toks;
    const int32_t nt = static_cast<int32_t>(toks.size());
    std::vector<int32_t> sent_end(nt, nt);
    for (const auto& s : st.sentences) {
      for (int32_t k = s.tb; k < s.te; ++k) sent_end[k] = s.te;
    }
    if (!d.HasMember("statements") || !d["statements"].IsArray()) continue;
    for (const auto& s : d["statements"].GetArray()) {
      if (!s.IsObject() || !s.HasMember("cue_spans") || !s["cue_spans"].IsArray() ||
          s["cue_spans"].Empty())
        continue;
      if (!s.HasMember("start") || !s["start"].IsInt()) continue;
      const auto& cs = s["cue_spans"][0];
      if (!cs.IsArray() || cs.Size() != 2) continue;
      int32_t h = CueHead(st, cs[0].GetInt(), cs[1].GetInt());
      if (h < 0) continue;
      bool pieces = s.HasMember("content_spans") && s["content_spans"].IsArray() &&
                    s["content_spans"].Size() > 1;
      int32_t gb = s["start"].GetInt();
      while (gb < static_cast<int32_t>(st.cps.size()) && (st.cps[gb] == ' ' || st.cps[gb] == '\n'))
        ++gb;
      auto it = std::lower_bound(toks.begin(), toks.end(), gb,
                                 [](const auto& t, int32_t v) { return t.e <= v; });
      int32_t g = static_cast<int32_t>(it - toks.begin());
      if (g >= nt || toks[g].b != gb || g <= h) continue;
      int32_t ce = h + 1;
      int32_t se = sent_end[h];
      if (end_out != nullptr && !pieces && s.HasMember("end") && s["end"].IsInt() &&
          sent_end[g] == se && toks[g].kind != TokKind::kQuote) {
        Example ee;
        if (EndExample(st, ctx, h, g, se, s["end"].GetInt(), &ee))
          end_out->push_back(std::move(ee));
      }
      int32_t body_end = se;
      while (body_end > ce && toks[body_end - 1].kind == TokKind::kPunct &&
             Terminal(toks[body_end - 1].low))
        --body_end;
      int32_t last = std::min(ce + kStartWindow, body_end);
      if (g >= last || !IsStartCandidate(st, g)) continue;
      Example ex;
      for (int32_t c = ce; c < last; ++c) {
        if (!IsStartCandidate(st, c)) continue;
        if (c == g) ex.gold = ex.cands.size();
        ex.cands.emplace_back();
        StartFeatures(ctx, h, ce, c, body_end, &ex.cands.back());
      }
      if (ex.cands.size() < 2) continue;
      out->push_back(std::move(ex));
    }
  }
  return true;
}

size_t Best(const std::unordered_map<uint64_t, float>& w, const Example& ex) {
  size_t best = 0;
  float bs = -1e30f;
  for (size_t i = 0; i < ex.cands.size(); ++i) {
    float s = 0;
    for (uint64_t f : ex.cands[i]) {
      auto it = w.find(f);
      if (it != w.end()) s += it->second;
    }
    if (s > bs) {
      bs = s;
      best = i;
    }
  }
  return best;
}

}  // namespace

// Trains a ranking model on ex (averaged perceptron) and prints its accuracy on ex
// and dev.
CueModel Train(const char* name, const std::vector<Example>& ex, const std::vector<Example>& dev_ex,
               int epochs, float prune, uint32_t seed) {
  std::unordered_map<uint64_t, float> w, u;
  std::mt19937 rng(seed);
  std::vector<size_t> order(ex.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  float c = 1;
  for (int ep = 0; ep < epochs; ++ep) {
    std::shuffle(order.begin(), order.end(), rng);
    int errors = 0;
    for (size_t i : order) {
      const Example& e = ex[i];
      size_t p = Best(w, e);
      if (p != e.gold) {
        ++errors;
        for (uint64_t f : e.cands[e.gold]) {
          w[f] += 1;
          u[f] += c;
        }
        for (uint64_t f : e.cands[p]) {
          w[f] -= 1;
          u[f] -= c;
        }
      }
      c += 1;
    }
    std::fprintf(stderr, "%s model epoch %d: %d/%zu errors\n", name, ep + 1, errors, ex.size());
  }
  CueModel m;
  for (const auto& [f, v] : w) {
    float avg = v - u[f] / c;
    if (avg > prune || avg < -prune) m.mutable_weights()[f] = avg;
  }
  auto acc = [&](const char* set, const std::vector<Example>& xs) {
    int ok = 0, first = 0, last = 0;
    for (const auto& x : xs) {
      ok += Best(m.mutable_weights(), x) == x.gold;
      first += x.gold == 0;
      last += x.gold + 1 == x.cands.size();
    }
    double n = xs.empty() ? 1.0 : static_cast<double>(xs.size());
    std::fprintf(stderr,
                 "%s %s: %zu clauses: model %.3f, first candidate %.3f, last candidate %.3f\n",
                 name, set, xs.size(), ok / n, first / n, last / n);
  };
  acc("train", ex);
  if (!dev_ex.empty()) acc("dev", dev_ex);
  return m;
}

int main(int argc, char** argv) {
  std::string schema_dir = parley::schema::DefaultSchemaDir();
  std::string train, dev, out, end_out;
  int epochs = 10, end_epochs = 8;
  float prune = 0.05f;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--schema" && i + 1 < argc)
      schema_dir = argv[++i];
    else if (a == "--epochs" && i + 1 < argc)
      epochs = std::atoi(argv[++i]);
    else if (a == "--prune" && i + 1 < argc)
      prune = static_cast<float>(std::atof(argv[++i]));
    else if (a == "--dev" && i + 1 < argc)
      dev = argv[++i];
    else if (a == "--out" && i + 1 < argc)
      out = argv[++i];
    else if (a == "--end-out" && i + 1 < argc)
      end_out = argv[++i];
    else if (a == "--end-epochs" && i + 1 < argc)
      end_epochs = std::atoi(argv[++i]);
    else
      train = a;
  }
  if (train.empty() || out.empty()) {
    std::cerr << "usage: parley_train_start_model [--schema DIR] [--epochs N] [--prune W] [--dev "
                 "DEV.jsonl] "
                 "[--end-out END2_MODEL.txt] [--end-epochs N] --out START_MODEL.txt TRAIN.jsonl\n";
    return 2;
  }
  auto schema = parley::schema::LoadSchema(schema_dir);
  if (!schema.ok()) {
    std::cerr << schema.status().ToString() << "\n";
    return 1;
  }
  parley::extractors::internal::WordSet abbrev;
  for (const auto& a : schema->lexicon.abbreviations) {
    std::string l;
    for (char c : a) l.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
    abbrev.insert(l);
  }
  CueLexIndex lex(*schema);
  std::vector<Example> ex, dev_ex, end_ex, end_dev;
  if (!ReadExamples(train, abbrev, lex, &ex, end_out.empty() ? nullptr : &end_ex)) return 1;
  if (!dev.empty() &&
      !ReadExamples(dev, abbrev, lex, &dev_ex, end_out.empty() ? nullptr : &end_dev))
    return 1;
  auto write = [](CueModel m, const std::string& path) {
    std::ofstream o(path);
    o << m.Serialize();
    if (!o) {
      std::cerr << path << ": cannot write\n";
      return false;
    }
    std::fprintf(stderr, "%zu weights written to %s\n", m.mutable_weights().size(), path.c_str());
    return true;
  };
  if (!write(Train("start", ex, dev_ex, epochs, prune, 13), out)) return 1;
  if (!end_out.empty() && !write(Train("end", end_ex, end_dev, end_epochs, prune, 11), end_out))
    return 1;
  return 0;
}
