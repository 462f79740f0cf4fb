// parley_train_cue_model: a development tool (not installed). Trains the cue
// detector of extractors/cue_model.h, an averaged perceptron over hashed features,
// on annotated JSONL documents (PolNeAR's train split: "statements" with
// "cue_spans" in code points) and writes the model text.
//
//   parley_train_cue_model [--schema DIR] [--epochs N] [--min-count N]
//       [--min-feature-count N] [--min-rate R] [--prune W] [--dev DEV.jsonl]
//       [--end-out END_MODEL.txt] [--label-lex] [--label-cue-words] [--stems] [--skip-quoted]
//       [--open MIN] [--end-epochs N] [--end-prune W] [--end-seeds N]
//       --out MODEL.txt TRAIN.jsonl
//
// The committed extractors/model/cue_model.txt was made with
//   build/extractors/parley_train_cue_model --min-rate 0.02 --label-lex
//       --out extractors/model/cue_model.txt $POLNEAR/train.jsonl
// with POLNEAR=../shared/eval/polnear
// (one command line; its threshold line stays 0: the extractor adds a cue the
// lexicon lacks above it, FindCues in rule_extractor.cc). Held out (trained on the
// first 672 train articles, scored on the last 168), --label-lex raised overlap F1
// from 0.719 to 0.729; thresholds from -1.5 to 0 move it by < 0.002.
//
// --label-lex also labels a lexicon cue word inside a gold cue whose head (CueHead)
// is not one ("went on to say", "would like"): the extractor proposes such words.
// --label-cue-words labels every content word of a gold cue (four letters or more,
// not a CueHead filler, not a subject boundary unless a lexicon cue: "made those
// comments", "strong support for"). Held out (scripts/eval-heldout-cue, splits A and B)
// it raised overlap recall 1.0 and 1.3 points and F1 by 0.003 and 0.005, but dev
// lost (overlap 0.7607, exact 0.5833, end2end 0.6856 against 0.7619, 0.5904, 0.6977
// for the same training without it): the statements it adds have poor speakers and
// bounds. Not used by the committed model (docs/EVALUATION.md, session 4).
// --stems makes every word sharing a vocabulary word's CueStem a candidate; --open
// MIN scores open candidates (CueModel::IsOpenCandidate: words outside the
// vocabulary, their identity hidden) and stops the words seen MIN times or more that
// head a cue in under 0.5 % of them. Held out, neither moved overlap F1 by more than
// 0.003 (the model accepts few unseen words: 28 of 235 open heads at P 0.61) and
// --open costs about 12 % of the throughput, so the committed model uses neither.
// --skip-quoted leaves tokens inside quotation marks out of training.
//
// --end-out also trains the end model (a ranking perceptron choosing where a
// reported clause right of its cue ends) on the same documents, for --end-epochs
// passes (8), keeping averaged weights beyond +-(--end-prune) (0.05); --end-seeds N
// averages N rankers trained in different example orders. Five-fold cross-validated
// on train (every fifth article held out, extractor scored end to end), epochs 4-12,
// prune 0.05-1.0 and 5 seeds all stayed within 0.003 exact F1 of the defaults, and
// six more context features (two words ahead, shape before, cues after, cue kind,
// rest of sentence: held-out choice of the gold end +0.4 to +0.9 points) moved exact
// F1 by 0.0001; retraining alone moves dev exact F1 by +-0.003. Session 6 added the
// features of EndContextFeatures (content_bounds.h: a cue after the candidate, the
// quotation state, an open dash aside or parenthesis, the last comma, the cue's stem)
// and retrained with --end-seeds 5: out of fold, with the start model's new features,
// exact F1 0.5765 -> 0.5826 (docs/EVALUATION.md, "Session 6, h-bounds2", which gives
// the command that made the committed extractors/model/end_model.txt).
//
// The candidate vocabulary is every cue head seen at least --min-count times in
// training and in at least --min-rate of its occurrences; each candidate token is
// one example.
// The texts are read, never copied into the model: only feature hashes and the
// vocabulary of cue words go out.
#include <rapidjson/document.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <random>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "extractors/content_bounds.h"
#include "extractors/cue_model.h"
#include "extractors/tools/ranker_training.h"
#include "extractors/text_scan.h"
#include "schema/schema.h"

namespace {

using parley::extractors::internal::CueContext;
using parley::extractors::internal::CueFeatures;
using parley::extractors::internal::CueHead;
using parley::extractors::internal::CueLexIndex;
using parley::extractors::internal::CueModel;
using parley::extractors::internal::FillSentenceContext;
using parley::extractors::internal::ScannedText;
using parley::extractors::internal::ScanText;
using parley::extractors::internal::TokKind;

struct GoldStatement {
  int32_t b = 0, e = 0;  // content, code points
  bool pieces = false;   // interrupted (several content spans)
  std::vector<std::pair<int32_t, int32_t>> cues;
};

struct Doc {
  ScannedText st;
  std::vector<uint8_t> lex_kind;
  std::vector<char> label;
  std::vector<GoldStatement> gold;
};

bool label_lex = false;
bool label_cue_words = false;
// lexicon.yaml's subject_boundaries (prepositions, conjunctions): never a cue word by
// --label-cue-words unless the lexicon makes it one
parley::extractors::internal::WordSet boundaries;
int end_seeds = 1;

bool ReadDocs(const std::string& path, const parley::extractors::internal::WordSet& abbrev, const CueLexIndex& lex,
              std::vector<Doc>* out) {
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
    Doc doc;
    std::string text(d["text"].GetString(), d["text"].GetStringLength());
    ScanText(text, abbrev, &doc.st);
    lex.Mark(doc.st, &doc.lex_kind);
    doc.label.assign(doc.st.toks.size(), 0);
    if (d.HasMember("statements") && d["statements"].IsArray()) {
      for (const auto& s : d["statements"].GetArray()) {
        if (!s.IsObject() || !s.HasMember("cue_spans") || !s["cue_spans"].IsArray()) continue;
        GoldStatement g;
        if (s.HasMember("start") && s["start"].IsInt() && s.HasMember("end") && s["end"].IsInt()) {
          g.b = s["start"].GetInt();
          g.e = s["end"].GetInt();
        }
        g.pieces = s.HasMember("content_spans") && s["content_spans"].IsArray() && s["content_spans"].Size() > 1;
        for (const auto& sp : s["cue_spans"].GetArray()) {
          if (!sp.IsArray() || sp.Size() != 2) continue;
          g.cues.emplace_back(sp[0].GetInt(), sp[1].GetInt());
          int32_t h = CueHead(doc.st, sp[0].GetInt(), sp[1].GetInt());
          if (h >= 0) doc.label[h] = 1;
          if (label_cue_words) {
            // every content word of the cue is a cue word ("made those comments", "strong
            // support for"): the extractor may then frame the statement at any of them
            for (size_t k = 0; k < doc.st.toks.size(); ++k) {
              const auto& t = doc.st.toks[k];
              if (t.b >= sp[0].GetInt() && t.e <= sp[1].GetInt() && t.kind == TokKind::kWord && t.low.size() >= 4 &&
                  !parley::extractors::internal::IsCueFiller(t.low) &&
                  (!boundaries.Has(t) || doc.lex_kind[k] != 0)) {
                doc.label[k] = 1;
              }
            }
          }
          if (label_lex && (h < 0 || doc.lex_kind[h] == 0)) {
            // a lexicon cue inside a longer cue whose head is none ("went on to say") is a cue word too
            for (size_t k = 0; k < doc.st.toks.size(); ++k) {
              const auto& t = doc.st.toks[k];
              if (t.b >= sp[0].GetInt() && t.e <= sp[1].GetInt() && doc.lex_kind[k] != 0) doc.label[k] = 1;
            }
          }
        }
        doc.gold.push_back(std::move(g));
      }
    }
    out->push_back(std::move(doc));
  }
  return true;
}

struct Example {
  std::vector<uint64_t> feats;
  bool pos = false;
  bool open = false;  // an open candidate (outside the vocabulary)
};

// Tokens inside quotation marks are left out when skip_quoted: the extractor never
// asks the model about them (the lexicon alone decides there).
std::vector<Example> Examples(const std::vector<Doc>& docs, const CueModel& vocab, bool skip_quoted,
                              int* missed_pos) {
  std::vector<Example> out;
  for (const Doc& d : docs) {
    CueContext ctx;
    ctx.st = &d.st;
    ctx.lex_kind = d.lex_kind;
    FillSentenceContext(&ctx);
    for (int32_t k = 0; k < static_cast<int32_t>(d.st.toks.size()); ++k) {
      if (d.st.toks[k].kind != TokKind::kWord) continue;
      if (skip_quoted && d.st.toks[k].quote >= 0) continue;
      bool known = vocab.IsCandidate(d.st.toks[k]);
      if (!known && !vocab.IsOpenCandidate(d.st, k)) {
        if (d.label[k]) ++*missed_pos;
        continue;
      }
      Example e;
      CueFeatures(ctx, k, &e.feats, !known);
      e.open = !known;
      e.pos = d.label[k] != 0;
      out.push_back(std::move(e));
    }
  }
  return out;
}

// One ranking problem of the end model: the candidate ends of one reported clause.
using EndExample = parley::extractors::tools::RankExample;

bool Trim(char32_t c) {
  return c == ' ' || c == '\n' || c == '\t' || c == 0xA0 || c == '"' || c == '\'' || c == 0x201C || c == 0x201D ||
         c == 0x2018 || c == 0x2019 || c == '.' || c == ',' || c == ';' || c == ':' || c == '!' || c == '?' ||
         c == '-' || c == 0x2014 || c == 0x2013;
}

std::vector<EndExample> EndExamples(const std::vector<Doc>& docs) {
  using parley::extractors::internal::EndFeatures;
  using parley::extractors::internal::IsEndCandidate;
  std::vector<EndExample> out;
  for (const Doc& d : docs) {
    CueContext ctx;
    ctx.st = &d.st;
    ctx.lex_kind = d.lex_kind;
    FillSentenceContext(&ctx);
    const auto& toks = d.st.toks;
    const int32_t n = static_cast<int32_t>(toks.size());
    std::vector<int32_t> sent_end(n, n);
    for (const auto& s : d.st.sentences) {
      for (int32_t k = s.tb; k < s.te; ++k) sent_end[k] = s.te;
    }
    for (const GoldStatement& g : d.gold) {
      if (g.pieces || g.cues.empty() || g.e <= g.b) continue;
      int32_t h = CueHead(d.st, g.cues[0].first, g.cues[0].second);
      if (h < 0) continue;
      int32_t gb = g.b, ge = g.e;
      while (gb < ge && Trim(d.st.cps[gb])) ++gb;
      while (ge > gb && Trim(d.st.cps[ge - 1])) --ge;
      if (ge <= gb) continue;
      int32_t r = 0;
      while (r < n && toks[r].e <= gb) ++r;
      if (r >= n || r <= h || toks[r].b > gb) continue;
      // content right of its cue only, and not a whole quotation (the rules bound those)
      if (toks[r].kind == TokKind::kQuote || (r > 0 && toks[r - 1].kind == TokKind::kQuote && toks[r].quote >= 0)) continue;
      int32_t se = sent_end[r];
      int32_t gt = r;
      while (gt < n && toks[gt].b < ge) ++gt;
      int32_t target = gt;
      while (target < se && !IsEndCandidate(d.st, target, se) &&
             (toks[target].kind == TokKind::kPunct || toks[target].kind == TokKind::kQuote)) {
        ++target;
      }
      if (target > se || !IsEndCandidate(d.st, target, se)) continue;
      EndExample ex;
      for (int32_t e = r + 1; e <= se; ++e) {
        if (!IsEndCandidate(d.st, e, se)) continue;
        if (e == target) ex.gold = ex.cands.size();
        ex.cands.emplace_back();
        EndFeatures(ctx, h, r, e, se, &ex.cands.back());
        parley::extractors::internal::EndContextFeatures(ctx, h, r, e, se, &ex.cands.back());
        if (e == se) break;
      }
      if (ex.cands.size() < 2) continue;
      out.push_back(std::move(ex));
    }
  }
  return out;
}

void TrainEnd(const std::vector<Doc>& train_docs, const std::vector<Doc>& dev_docs, int epochs, float prune,
              const std::string& out) {
  std::vector<EndExample> ex = EndExamples(train_docs), dev = EndExamples(dev_docs);
  // --end-seeds N: the mean of N rankers trained in different example orders
  CueModel m;
  for (int i = 0; i < end_seeds; ++i) {
    CueModel one = parley::extractors::tools::TrainRanker("end", ex, epochs, end_seeds > 1 ? 0.0f : prune,
                                                          11 + static_cast<uint32_t>(i));
    for (const auto& [f, v] : one.mutable_weights()) m.mutable_weights()[f] += v / end_seeds;
  }
  if (end_seeds > 1) {
    for (auto it = m.mutable_weights().begin(); it != m.mutable_weights().end();) {
      if (it->second > prune || it->second < -prune) ++it;
      else it = m.mutable_weights().erase(it);
    }
  }
  auto acc = [&](const std::vector<EndExample>& xs) {
    int ok = 0, last = 0;
    for (const auto& x : xs) {
      ok += parley::extractors::tools::BestCandidate(m.mutable_weights(), x) == x.gold;
      last += x.gold + 1 == x.cands.size();
    }
    std::fprintf(stderr, "  %zu clauses: model %.3f, sentence end %.3f\n", xs.size(),
                 xs.empty() ? 0.0 : static_cast<double>(ok) / xs.size(), xs.empty() ? 0.0 : static_cast<double>(last) / xs.size());
  };
  acc(ex);
  acc(dev);
  std::ofstream o(out);
  o << m.Serialize();
  std::fprintf(stderr, "%zu end weights written to %s\n", m.mutable_weights().size(), out.c_str());
}

void Report(const char* name, const CueModel& m, const std::vector<Example>& ex, int missed_pos) {
  for (float th : {-1.0f, -0.5f, 0.0f, 0.5f, 1.0f}) {
    int tp = 0, fp = 0, fn = missed_pos;
    for (const Example& e : ex) {
      bool p = m.Score(e.feats) > th;
      if (p && e.pos) ++tp;
      else if (p) ++fp;
      else if (e.pos) ++fn;
    }
    double pr = tp + fp ? static_cast<double>(tp) / (tp + fp) : 0, rc = tp + fn ? static_cast<double>(tp) / (tp + fn) : 0;
    std::fprintf(stderr, "%s threshold %+.1f: heads P %.3f R %.3f F1 %.3f (outside vocabulary %d)\n", name, th, pr,
                 rc, pr + rc > 0 ? 2 * pr * rc / (pr + rc) : 0.0, missed_pos);
  }
  for (float th : {-1.5f, -4.5f, -7.0f, -10.0f, -14.0f}) {
    int open = 0, open_pos = 0, open_tp = 0, open_fp = 0;
    for (const Example& e : ex) {
      if (!e.open) continue;
      ++open;
      open_pos += e.pos;
      bool p = m.Score(e.feats) > th;
      open_tp += p && e.pos;
      open_fp += p && !e.pos;
    }
    if (open > 0) {
      std::fprintf(stderr, "%s open candidates %d (%d heads): above %+.1f %d right, %d wrong\n", name, open,
                   open_pos, th, open_tp, open_fp);
    }
  }
}

}  // namespace

int main(int argc, char** argv) {
  std::string schema_dir = parley::schema::DefaultSchemaDir();
  std::string train, dev, out, end_out;
  int epochs = 8, min_count = 2, min_feat = 3, end_epochs = 8;
  float prune = 0.05f, min_rate = 0.05f, end_prune = 0.05f;
  bool stems = false, skip_quoted = false;
  int open_min = 0;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--schema" && i + 1 < argc) schema_dir = argv[++i];
    else if (a == "--epochs" && i + 1 < argc) epochs = std::atoi(argv[++i]);
    else if (a == "--min-count" && i + 1 < argc) min_count = std::atoi(argv[++i]);
    else if (a == "--dev" && i + 1 < argc) dev = argv[++i];
    else if (a == "--min-feature-count" && i + 1 < argc) min_feat = std::atoi(argv[++i]);
    else if (a == "--min-rate" && i + 1 < argc) min_rate = static_cast<float>(std::atof(argv[++i]));
    else if (a == "--prune" && i + 1 < argc) prune = static_cast<float>(std::atof(argv[++i]));
    else if (a == "--out" && i + 1 < argc) out = argv[++i];
    else if (a == "--stems") stems = true;
    else if (a == "--skip-quoted") skip_quoted = true;
    else if (a == "--label-lex") label_lex = true;
    else if (a == "--label-cue-words") label_cue_words = true;
    else if (a == "--open" && i + 1 < argc) open_min = std::atoi(argv[++i]);
    else if (a == "--end-out" && i + 1 < argc) end_out = argv[++i];
    else if (a == "--end-seeds" && i + 1 < argc) end_seeds = std::atoi(argv[++i]);
    else if (a == "--end-epochs" && i + 1 < argc) end_epochs = std::atoi(argv[++i]);
    else if (a == "--end-prune" && i + 1 < argc) end_prune = static_cast<float>(std::atof(argv[++i]));
    else train = a;
  }
  if (train.empty() || out.empty()) {
    std::cerr << "usage: parley_train_cue_model [--schema DIR] [--epochs N] [--min-count N] [--dev DEV.jsonl] "
                 "--out MODEL.txt TRAIN.jsonl\n";
    return 2;
  }
  auto schema = parley::schema::LoadSchema(schema_dir);
  if (!schema.ok()) {
    std::cerr << schema.status().ToString() << "\n";
    return 1;
  }
  parley::extractors::internal::WordSet abbrev;
  // (the number abbreviations too, before anything: the models were trained so)
  std::vector<std::string> all_abbreviations = schema->lexicon.abbreviations;
  all_abbreviations.insert(all_abbreviations.end(), schema->lexicon.number_abbreviations.begin(),
                           schema->lexicon.number_abbreviations.end());
  for (const auto& a : all_abbreviations) {
    std::string l;
    for (char c : a) l.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
    abbrev.insert(l);
  }
  if (auto it = schema->lexicon.word_lists.find("subject_boundaries"); it != schema->lexicon.word_lists.end()) {
    for (const auto& w : it->second) {
      std::string l;
      for (char c : w) l.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
      boundaries.insert(l);
    }
  } else {
    std::cerr << "lexicon.yaml: word_lists has no \"subject_boundaries\"\n";
    return 1;
  }
  CueLexIndex lex(*schema);
  std::vector<Doc> train_docs, dev_docs;
  if (!ReadDocs(train, abbrev, lex, &train_docs)) return 1;
  if (!dev.empty() && !ReadDocs(dev, abbrev, lex, &dev_docs)) return 1;

  if (!end_out.empty()) TrainEnd(train_docs, dev_docs, end_epochs, end_prune, end_out);
  CueModel model;
  std::unordered_map<std::string, int> head_count;
  for (const Doc& d : train_docs) {
    for (size_t k = 0; k < d.st.toks.size(); ++k) {
      if (d.label[k]) ++head_count[d.st.toks[k].low];
    }
  }
  // a word enters the vocabulary when it heads cues often enough, absolutely and
  // relative to its occurrences: rare-rate words cost time and are never chosen
  std::unordered_map<std::string, int> occurrences;
  for (const Doc& d : train_docs) {
    for (size_t k = 0; k < d.st.toks.size(); ++k) {
      if (head_count.count(d.st.toks[k].low)) ++occurrences[d.st.toks[k].low];
    }
  }
  for (const auto& [w, c] : head_count) {
    if (c >= min_count && c >= min_rate * occurrences[w]) model.mutable_vocab().insert(w);
  }
  model.set_stems(stems);
  if (open_min > 0) {
    // frequent words that (almost) never head a cue are never open candidates
    std::unordered_map<std::string, int> all;
    for (const Doc& d : train_docs) {
      for (const auto& t : d.st.toks) {
        if (t.kind == TokKind::kWord) ++all[t.low];
      }
    }
    for (const auto& [w, c] : all) {
      auto h = head_count.find(w);
      int hc = h == head_count.end() ? 0 : h->second;
      if (c >= open_min && hc < 0.005 * c && !model.mutable_vocab().count(w)) model.mutable_stop().insert(w);
    }
    model.set_open(true);
  }
  model.Freeze();  // IsCandidate reads the frozen vocabulary
  int train_missed = 0, dev_missed = 0;
  std::vector<Example> ex = Examples(train_docs, model, skip_quoted, &train_missed);
  std::vector<Example> dev_ex = Examples(dev_docs, model, skip_quoted, &dev_missed);
  // features seen fewer than --min-feature-count times are dropped: they only memorise
  {
    std::unordered_map<uint64_t, int> fc;
    for (const Example& e : ex) {
      for (uint64_t f : e.feats) ++fc[f];
    }
    for (Example& e : ex) {
      e.feats.erase(std::remove_if(e.feats.begin(), e.feats.end(), [&](uint64_t f) { return fc[f] < min_feat; }),
                    e.feats.end());
    }
  }
  std::fprintf(stderr, "%zu train documents, vocabulary %zu, %zu examples\n", train_docs.size(),
               model.mutable_vocab().size(), ex.size());

  // averaged perceptron: w the current weights, u the step-weighted sums
  std::unordered_map<uint64_t, float> w, u;
  std::mt19937 rng(7);
  std::vector<size_t> order(ex.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  float c = 1;
  for (int ep = 0; ep < epochs; ++ep) {
    std::shuffle(order.begin(), order.end(), rng);
    int errors = 0;
    for (size_t i : order) {
      const Example& e = ex[i];
      float s = 0;
      for (uint64_t f : e.feats) {
        auto it = w.find(f);
        if (it != w.end()) s += it->second;
      }
      float y = e.pos ? 1.0f : -1.0f;
      if (y * s <= 0) {
        ++errors;
        for (uint64_t f : e.feats) {
          w[f] += y;
          u[f] += c * y;
        }
      }
      c += 1;
    }
    std::fprintf(stderr, "epoch %d: %d errors\n", ep + 1, errors);
  }
  auto& mw = model.mutable_weights();
  for (const auto& [f, v] : w) {
    float avg = v - u[f] / c;
    if (avg > prune || avg < -prune) mw[f] = avg;
  }
  model.set_threshold(0);
  model.Freeze();
  Report("train", model, ex, train_missed);
  if (!dev_ex.empty()) Report("dev", model, dev_ex, dev_missed);
  std::ofstream o(out);
  o << model.Serialize();
  if (!o) {
    std::cerr << out << ": cannot write\n";
    return 1;
  }
  std::fprintf(stderr, "%zu weights written to %s\n", mw.size(), out.c_str());
  return 0;
}
