#include "extractors/cue_model.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <vector>

namespace parley::extractors::internal {
namespace {

using namespace std::string_view_literals;

constexpr uint64_t kFnvOffset = 1469598103934665603ULL;
constexpr uint64_t kFnvPrime = 1099511628211ULL;

constexpr uint64_t Mix(uint64_t h, std::string_view s) {
  for (unsigned char c : s) {
    h ^= c;
    h *= kFnvPrime;
  }
  h ^= 0x1f;
  h *= kFnvPrime;
  return h;
}

// A feature's tag hashed at compile time: F(Tag("w|n1"), w, n1) equals the
// Mix(Mix(Mix(kFnvOffset, "w|n1"), w), n1) the models were trained with, but hashes
// only the words at run time.
consteval uint64_t Tag(std::string_view tag) { return Mix(kFnvOffset, tag); }

// Mix(Tag(tag), v) for each value v a feature can take, hashed at compile time: the
// features of a few fixed values (a lexicon kind, a flag, a distance) read a table
// instead of hashing their value for every token or candidate.
template <size_t N>
consteval std::array<uint64_t, N> Tabled(std::string_view tag,
                                         std::array<std::string_view, N> values) {
  std::array<uint64_t, N> out{};
  for (size_t i = 0; i < N; ++i) out[i] = Mix(Mix(kFnvOffset, tag), values[i]);
  return out;
}

// The lexicon kinds as CueFeatures names them, indexed by CueContext::lex_kind.
constexpr std::array<std::string_view, 6> kLexNames = {"-",          kCueKinds[0], kCueKinds[1],
                                                       kCueKinds[2], kCueKinds[3], kCueKinds[4]};
constexpr std::array<std::string_view, 2> kFlag01 = {"0", "1"};
constexpr std::array<std::string_view, 5> kDistances = {"1", "2", "3", "4", "5"};

constexpr uint64_t F(uint64_t tag) { return tag; }
constexpr uint64_t F(uint64_t tag, std::string_view b) { return Mix(tag, b); }
constexpr uint64_t F(uint64_t tag, std::string_view b, std::string_view c) {
  return Mix(Mix(tag, b), c);
}
constexpr uint64_t F(uint64_t tag, std::string_view b, std::string_view c, std::string_view d) {
  return Mix(Mix(Mix(tag, b), c), d);
}

// A byte loop: the suffixes are one to four bytes, too short for a memcmp call.
bool EndsWith(std::string_view s, std::string_view suf) {
  if (s.size() < suf.size()) return false;
  const size_t off = s.size() - suf.size();
  for (size_t i = 0; i < suf.size(); ++i) {
    if (s[off + i] != suf[i]) return false;
  }
  return true;
}

// Words skipped when looking for a cue's head ("has repeatedly said", "to endorse").
bool IsAuxLike(std::string_view w) {
  static const WordSet s = {
      "has", "have", "had", "having", "is", "was", "were", "are", "be", "been", "being", "will", "would",
      "shall", "should", "can", "could", "may", "might", "must", "do", "does", "did", "not", "n't", "never",
      "also", "again", "to", "just", "still", "already", "even", "'s", "'ve", "'d", "'ll", "then", "now",
      "repeatedly", "previously", "recently", "later", "once", "first", "often", "always", "ever", "only"};
  return s.count(w) > 0 || (EndsWith(w, "ly") && w.size() > 4);
}

std::string_view Shape(const ScannedText& st, int32_t k) {
  if (k < 0) return "<s>";
  if (k >= static_cast<int32_t>(st.toks.size())) return "</s>";
  const Token& t = st.toks[k];
  switch (t.kind) {
    case TokKind::kQuote:
      return t.qdir > 0 ? "<q+>" : t.qdir < 0 ? "<q->" : "<q>";
    case TokKind::kNumber:
      return "<num>";
    case TokKind::kPunct:
      return t.low;
    case TokKind::kWord:
      return t.cap ? "<Cap>" : "<low>";
  }
  return "<?>";
}

}  // namespace

bool IsCueFiller(std::string_view w) { return IsAuxLike(w); }

std::string_view CueStem(std::string_view w) {
  std::string_view stem = w;
  if (EndsWith(stem, "ing") && stem.size() > 5) stem.remove_suffix(3);
  else if (EndsWith(stem, "ed") && stem.size() > 4) stem.remove_suffix(2);
  else if (EndsWith(stem, "es") && stem.size() > 4) stem.remove_suffix(2);
  else if (EndsWith(stem, "s") && stem.size() > 3) stem.remove_suffix(1);
  else if (EndsWith(stem, "e") && stem.size() > 3) stem.remove_suffix(1);
  return stem;
}

CueLexIndex::CueLexIndex(const schema::Schema& schema) {
  for (const auto& c : schema.cues) {
    uint8_t kind = 1;
    if (EndsWith(c.lemma, "(noun)")) {
      kind = 5;
    } else {
      for (uint8_t i = 0; i < 4; ++i) {
        if (c.kind == kCueKinds[i]) kind = i + 1;
      }
    }
    for (const auto& f : c.forms) {
      Form form;
      std::string cur;
      for (char ch : f + " ") {
        if (ch == ' ') {
          if (!cur.empty()) form.words.push_back(cur);
          cur.clear();
        } else {
          cur.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(ch))));
        }
      }
      if (form.words.empty()) continue;
      form.kind = kind;
      index_[form.words[0]].push_back(std::move(form));
    }
  }
  for (auto& [w, forms] : index_) {
    std::stable_sort(forms.begin(), forms.end(),
                     [](const Form& a, const Form& b) { return a.words.size() > b.words.size(); });
  }
}

void CueLexIndex::Mark(const ScannedText& st, std::vector<uint8_t>* lex_kind) const {
  const int32_t n = static_cast<int32_t>(st.toks.size());
  lex_kind->assign(n, 0);
  for (int32_t k = 0; k < n; ++k) {
    if (st.toks[k].kind != TokKind::kWord) continue;
    const std::vector<Form>* forms = index_.Find(st.toks[k].low, st.toks[k].hash);
    if (forms == nullptr) continue;
    for (const Form& f : *forms) {
      int32_t m = static_cast<int32_t>(f.words.size());
      if (k + m > n) continue;
      bool ok = true;
      for (int32_t i = 1; i < m && ok; ++i) ok = SameWord(st.toks[k + i].low, f.words[i]);
      if (!ok) continue;
      (*lex_kind)[k] = f.kind;
      break;
    }
  }
}

void FillSentenceContext(CueContext* ctx) {
  const ScannedText& st = *ctx->st;
  size_t n = st.toks.size();
  ctx->sent_start.assign(n, 0);
  ctx->sent_has_quote.assign(n, 0);
  for (const Sentence& s : st.sentences) {
    if (s.tb >= s.te) continue;
    ctx->sent_start[s.tb] = 1;
    bool q = false;
    for (int32_t k = s.tb; k < s.te && !q; ++k) q = st.toks[k].kind == TokKind::kQuote;
    if (q) {
      for (int32_t k = s.tb; k < s.te; ++k) ctx->sent_has_quote[k] = 1;
    }
  }
  // (running counts in locals, written through raw pointers: the vectors' data
  // pointers are not reloaded for every token)
  for (auto* v : {&ctx->comma_prefix, &ctx->cue_prefix, &ctx->boundary_prefix, &ctx->dash_prefix,
                  &ctx->paren_prefix, &ctx->open_quote_prefix}) {
    v->assign(n + 1, 0);
  }
  int32_t* const comma_p = ctx->comma_prefix.data() + 1;
  int32_t* const cue_p = ctx->cue_prefix.data() + 1;
  int32_t* const boundary_p = ctx->boundary_prefix.data() + 1;
  int32_t* const dash_p = ctx->dash_prefix.data() + 1;
  int32_t* const paren_p = ctx->paren_prefix.data() + 1;
  int32_t* const open_quote_p = ctx->open_quote_prefix.data() + 1;
  const uint8_t* const lex = ctx->lex_kind.data();
  const size_t n_lex = ctx->lex_kind.size();
  int32_t commas = 0, cues = 0, boundaries = 0, dashes = 0, parens = 0, open_quotes = 0;
  for (size_t k = 0; k < n; ++k) {
    const Token& t = st.toks[k];
    const std::string& w = t.low;
    const bool one = w.size() == 1;
    const bool comma = one && w[0] == ',';
    const bool semi = one && w[0] == ';';
    commas += comma;
    cues += k < n_lex && lex[k] != 0;
    boundaries += comma || semi;
    if (t.kind == TokKind::kPunct) {
      if (one) {
        parens += (w[0] == '(') - (w[0] == ')');
      } else {
        dashes += w == "--"sv || w == "\xE2\x80\x94"sv;
      }
    } else if (t.kind == TokKind::kQuote) {
      open_quotes += t.qdir > 0;
    }
    comma_p[k] = commas;
    cue_p[k] = cues;
    boundary_p[k] = boundaries;
    dash_p[k] = dashes;
    paren_p[k] = parens;
    open_quote_p[k] = open_quotes;
  }
}

void CueFeatures(const CueContext& ctx, int32_t k, std::vector<uint64_t>* out, bool unk) {
  uint64_t buf[kMaxFeatures];
  const size_t n = CueFeatures(ctx, k, buf, unk);
  out->insert(out->end(), buf, buf + n);
}

size_t CueFeatures(const CueContext& ctx, int32_t k, uint64_t* buf, bool unk) {
  size_t nb = 0;
  const ScannedText& st = *ctx.st;
  const int32_t n = static_cast<int32_t>(st.toks.size());
  auto low = [&](int32_t i) -> std::string_view {
    if (i < 0) return "<s>";
    if (i >= n) return "</s>";
    return st.toks[i].low;
  };
  // previous/next within the sentence
  bool start = ctx.sent_start[k] != 0;
  int32_t p1 = start ? -1 : k - 1;
  int32_t p2 = (start || ctx.sent_start[k - 1]) ? -1 : k - 2;
  // an open candidate is scored without its identity: only its ending and context speak
  const std::string_view word = low(k);
  std::string_view w = unk ? "<unk>"sv : word;
  std::string_view lp1 = p1 < 0 ? "<s>" : low(p1);
  std::string_view lp2 = p2 < 0 ? "<s>" : low(p2);
  std::string_view ln1 = low(k + 1), ln2 = low(k + 2), ln3 = low(k + 3);
  std::string_view sp1 = p1 < 0 ? "<s>" : Shape(st, p1);
  std::string_view sn1 = Shape(st, k + 1), sn2 = Shape(st, k + 2);
  const uint8_t lex_kind = ctx.lex_kind[k];
  const std::string_view lex = kLexNames[lex_kind];
  const bool quoted = st.toks[k].quote >= 0;
  const char* inq = quoted ? "q1" : "q0";
  const bool has_quote = ctx.sent_has_quote[k] != 0;
  const char* hq = has_quote ? "hq1" : "hq0";
  const bool capital = st.toks[k].cap;
  buf[nb++] = F(Tag("bias"));
  buf[nb++] = F(Tag("w"), w);
  buf[nb++] = F(Tag("p1"), lp1);
  buf[nb++] = F(Tag("p2"), lp2);
  buf[nb++] = F(Tag("n1"), ln1);
  buf[nb++] = F(Tag("n2"), ln2);
  buf[nb++] = F(Tag("n3"), ln3);
  buf[nb++] = F(Tag("w|n1"), w, ln1);
  buf[nb++] = F(Tag("p1|w"), lp1, w);
  buf[nb++] = F(Tag("w|n1|n2"), w, ln1, ln2);
  buf[nb++] = F(Tag("p2|p1|w"), lp2, lp1, w);
  buf[nb++] = F(Tag("sp1"), sp1);
  buf[nb++] = F(Tag("sn1"), sn1);
  buf[nb++] = F(Tag("sn1|sn2"), sn1, sn2);
  buf[nb++] = F(Tag("w|sp1"), w, sp1);
  buf[nb++] = F(Tag("w|sn1"), w, sn1);
  buf[nb++] = F(Tag("sp1|sn1"), sp1, sn1);
  static constexpr auto kLex = Tabled("lex", kLexNames);
  static constexpr auto kLexSn1 = Tabled("lex|sn1", kLexNames);
  static constexpr auto kLexN1 = Tabled("lex|n1", kLexNames);
  static constexpr auto kLexSp1 = Tabled("lex|sp1", kLexNames);
  buf[nb++] = kLex[lex_kind];
  buf[nb++] = Mix(kLexSn1[lex_kind], sn1);
  buf[nb++] = Mix(kLexN1[lex_kind], ln1);
  buf[nb++] = Mix(kLexSp1[lex_kind], sp1);
  static constexpr auto kQ = Tabled("q", std::array<std::string_view, 2>{"q0", "q1"});
  buf[nb++] = kQ[quoted];
  buf[nb++] = F(Tag("w|q"), w, inq);
  static constexpr auto kHq = Tabled("hq", std::array<std::string_view, 2>{"hq0", "hq1"});
  buf[nb++] = kHq[has_quote];
  buf[nb++] = F(Tag("w|hq"), w, hq);
  static constexpr uint64_t kCap[4] = {F(Tag("cap"), "c0", "s0"), F(Tag("cap"), "c0", "s1"),
                                       F(Tag("cap"), "c1", "s0"), F(Tag("cap"), "c1", "s1")};
  buf[nb++] = kCap[capital * 2 + start];
  if (word.size() > 3) {
    buf[nb++] = F(Tag("suf3"), word.substr(word.size() - 3));
    buf[nb++] = F(Tag("suf2|sn1"), word.substr(word.size() - 2), sn1);
  }
  if (unk) {
    buf[nb++] = F(Tag("unk|suf3|n1"), word.substr(word.size() - 3), ln1);
    buf[nb++] = F(Tag("unk|suf3|sp1"), word.substr(word.size() - 3), sp1);
    buf[nb++] = F(Tag("unk|p1|n1"), lp1, ln1);
  }
  // a crude stem shares evidence between a verb's forms ("endorse", "endorsed")
  std::string_view stem = unk ? "<unk>"sv : CueStem(w);
  buf[nb++] = F(Tag("stem"), stem);
  buf[nb++] = F(Tag("stem|n1"), stem, ln1);
  buf[nb++] = F(Tag("stem|sp1"), stem, sp1);
  buf[nb++] = F(Tag("stem|lex"), stem, lex);
  // a possessor before a noun cue ("his critique of", "Putin's warning")
  bool poss = p1 >= 0 && (EndsWith(lp1, "'s") || lp1 == "his"sv || lp1 == "her"sv || lp1 == "their"sv || lp1 == "its"sv);
  if (poss) buf[nb++] = F(Tag("poss|w"), w);
  // how far into its sentence the word is
  int32_t pos = 0;
  for (int32_t i = k; i > 0 && !ctx.sent_start[i] && pos < 9; --i) ++pos;
  const int pos_bucket = pos == 0 ? 0 : pos <= 2 ? 1 : pos <= 5 ? 2 : 3;
  static constexpr std::array<std::string_view, 4> kPosNames = {"0", "2", "5", "9"};
  static constexpr auto kPos = Tabled("pos", kPosNames);
  const std::string_view pb = kPosNames[pos_bucket];
  buf[nb++] = kPos[pos_bucket];
  buf[nb++] = F(Tag("w|pos"), w, pb);
  // the word after a following "to"/"about"/"of"
  if (ln1 == "to"sv || ln1 == "about"sv || ln1 == "of"sv || ln1 == "for"sv || ln1 == "on"sv) {
    buf[nb++] = F(Tag("n1|n2"), ln1, ln2);
    buf[nb++] = F(Tag("stem|n1|sn2"), stem, ln1, sn2);
  }
  // the nearest "that"/quotation ahead within five tokens
  for (int32_t i = k + 1; i < n && i <= k + 5; ++i) {
    if (st.toks[i].low == "that"sv) {
      static constexpr auto kThatAt = Tabled("that@", kDistances);
      buf[nb++] = kThatAt[i - k - 1];
      break;
    }
    if (st.toks[i].kind == TokKind::kQuote && st.toks[i].qdir > 0) {
      static constexpr auto kQuoteAt = Tabled("q+@", kDistances);
      buf[nb++] = kQuoteAt[i - k - 1];
      break;
    }
  }
  return nb;
}

bool CueModel::IsOpenCandidate(const ScannedText& st, int32_t k) const {
  if (!open_) return false;
  const Token& t = st.toks[k];
  if (t.kind != TokKind::kWord || t.cap || t.low.size() < 4 || frozen_stop_.Has(t)) return false;
  // a cue is followed by its complement: a clause word, a preposition, punctuation or a quotation
  if (k + 1 >= static_cast<int32_t>(st.toks.size())) return false;
  const Token& n = st.toks[k + 1];
  return n.kind == TokKind::kPunct || n.kind == TokKind::kQuote || (n.kind == TokKind::kWord && !n.cap && n.low.size() <= 5);
}

bool IsEndCandidate(const ScannedText& st, int32_t e, int32_t se) {
  if (e >= se) return true;
  const Token& t = st.toks[e];
  if (t.kind == TokKind::kPunct) {
    return t.low == ","sv || t.low == ";"sv || t.low == ":"sv || t.low == "("sv || t.low == "--"sv || t.low == "-"sv ||
           t.low == "\xE2\x80\x94"sv || t.low == "\xE2\x80\x93"sv || t.low == "."sv || t.low == "?"sv || t.low == "!"sv;
  }
  if (t.kind == TokKind::kQuote) return true;
  if (t.kind != TokKind::kWord) return false;
  static const WordSet clause = {
      "and", "but", "while", "as", "when", "because", "after", "before", "which", "who", "if", "since",
      "though", "although", "until", "or", "whereas", "where", "so", "despite", "amid", "including", "even",
      "than", "unless", "saying", "adding", "according", "in", "on", "at", "for", "to", "with", "by", "from",
      "during", "over", "about", "that", "of"};
  return clause.Has(t);
}

void EndFeatures(const CueContext& ctx, int32_t h, int32_t r, int32_t e, int32_t se, std::vector<uint64_t>* out) {
  uint64_t buf[kMaxFeatures];
  const size_t n = EndFeatures(ctx, h, r, e, se, buf);
  out->insert(out->end(), buf, buf + n);
}

size_t EndFeatures(const CueContext& ctx, int32_t h, int32_t r, int32_t e, int32_t se,
                   uint64_t* buf) {
  size_t nb = 0;
  const ScannedText& st = *ctx.st;
  auto low = [&](int32_t i) -> std::string_view {
    if (i >= se) return "</s>";
    return st.toks[i].low;
  };
  auto shape = [&](int32_t i) -> std::string_view { return i >= se ? "</s>" : Shape(st, i); };
  std::string_view b = low(e), prev = e - 1 >= r ? low(e - 1) : "<r>", next = low(e + 1);
  std::string_view sb = shape(e), sn = shape(e + 1), sp = e - 1 >= r ? Shape(st, e - 1) : "<r>";
  int32_t len = e - r;
  const int len_bucket = len <= 1 ? 0 : len <= 2 ? 1 : len <= 3 ? 2 : len <= 5 ? 3 : len <= 8 ? 4 :
                         len <= 12 ? 5 : len <= 20 ? 6 : len <= 35 ? 7 : 8;
  static constexpr std::array<std::string_view, 9> kLenNames = {"1", "2", "3", "5", "8", "12", "20", "35", "99"};
  const std::string_view bucket = kLenNames[len_bucket];
  int commas = ctx.comma_prefix[e] - ctx.comma_prefix[r];
  int cues = ctx.cue_prefix[e] - ctx.cue_prefix[r];
  int boundaries_after = e + 1 < se ? ctx.boundary_prefix[se] - ctx.boundary_prefix[e + 1] : 0;
  bool in_quote = e < se && e > r && st.toks[e].quote >= 0 && st.toks[e].quote == st.toks[e - 1].quote &&
                  st.toks[e].kind != TokKind::kQuote;
  const int commas_bucket = commas >= 0 && commas <= 2 ? commas : 3;
  static constexpr std::array<std::string_view, 4> kCommaNames = {"0", "1", "2", "3+"};
  const std::string_view cq = kCommaNames[commas_bucket];
  const int after_bucket = boundaries_after >= 0 && boundaries_after <= 1 ? boundaries_after : 2;
  static constexpr std::array<std::string_view, 3> kAfterNames = {"0", "1", "2+"};
  const std::string_view ba = kAfterNames[after_bucket];
  // Both arms are string_views: with `st.toks[h].low : "<none>"` the conditional is a
  // temporary std::string and `head` dangled (ASan: stack-use-after-scope).
  std::string_view head = h >= 0 ? std::string_view(st.toks[h].low) : "<none>"sv;
  std::string_view first = low(r);
  buf[nb++] = F(Tag("e:b"), b);
  buf[nb++] = F(Tag("e:sb"), sb);
  buf[nb++] = F(Tag("e:b|n"), b, next);
  buf[nb++] = F(Tag("e:b|sn"), b, sn);
  buf[nb++] = F(Tag("e:p|b"), prev, b);
  buf[nb++] = F(Tag("e:sp|sb"), sp, sb);
  static constexpr auto kLen = Tabled("e:len", kLenNames);
  buf[nb++] = kLen[len_bucket];
  buf[nb++] = F(Tag("e:b|len"), b, bucket);
  static constexpr auto kCommas = Tabled("e:commas", kCommaNames);
  buf[nb++] = kCommas[commas_bucket];
  buf[nb++] = F(Tag("e:b|commas"), b, cq);
  static constexpr auto kAfter = Tabled("e:after", kAfterNames);
  buf[nb++] = kAfter[after_bucket];
  buf[nb++] = F(Tag("e:b|after"), b, ba);
  static constexpr auto kCues = Tabled("e:cues", kFlag01);
  buf[nb++] = kCues[cues != 0];
  static constexpr auto kInQuote = Tabled("e:inq", kFlag01);
  buf[nb++] = kInQuote[in_quote];
  buf[nb++] = F(Tag("e:b|inq"), b, in_quote ? "1" : "0");
  buf[nb++] = F(Tag("e:head|b"), head, b);
  buf[nb++] = F(Tag("e:head|len"), head, bucket);
  buf[nb++] = F(Tag("e:first|b"), first, b);
  buf[nb++] = F(Tag("e:first|len"), first, bucket);
  if (next.size() > 3 && e + 1 < se) {
    buf[nb++] = F(Tag("e:b|nsuf"), b, next.substr(next.size() - 2));
  }
  return nb;
}

int32_t CueHead(const ScannedText& st, int32_t b, int32_t e) {
  // the tokens overlapping [b, e)
  const auto& toks = st.toks;
  auto it = std::lower_bound(toks.begin(), toks.end(), b, [](const Token& t, int32_t v) { return t.e <= v; });
  int32_t first = -1, last_word = -1;
  for (int32_t k = static_cast<int32_t>(it - toks.begin()); k < static_cast<int32_t>(toks.size()) && toks[k].b < e;
       ++k) {
    if (toks[k].kind != TokKind::kWord) continue;
    last_word = k;
    if (first < 0 && !IsAuxLike(toks[k].low)) first = k;
  }
  return first >= 0 ? first : last_word;
}

float CueModel::Score(const uint64_t* feats, size_t n) const {
  float s = 0;
  if (table_.empty()) {  // the trainer's view, before Freeze()
    for (size_t i = 0; i < n; ++i) {
      auto it = weights_.find(feats[i]);
      if (it != weights_.end()) s += it->second;
    }
    return s;
  }
  // The table is larger than the L2 cache: start every feature's load first (in
  // batches, whose slots the probes reuse).
  constexpr size_t kBatch = 64;
  size_t slots[kBatch];
  const uint64_t* f = feats;
  for (size_t b = 0; b < n; b += kBatch) {
    const size_t m = std::min(kBatch, n - b);
    for (size_t j = 0; j < m; ++j) {
      slots[j] = Slot(f[b + j]);
      __builtin_prefetch(&table_[slots[j]]);
    }
    for (size_t j = 0; j < m; ++j) {
      if (f[b + j] == 0) continue;
      const uint32_t key = Key(f[b + j]);
      for (size_t i = slots[j];; i = (i + 1) & mask_) {
        const TableSlot& slot = table_[i];
        if (slot.key == key) {
          s += slot.weight;
          break;
        }
        if (slot.key == 0) break;
      }
    }
  }
  return s;
}

void CueModel::Freeze() {
  frozen_vocab_ = WordSet();
  for (const auto& w : vocab_) frozen_vocab_.insert(w);
  frozen_stop_ = WordSet();
  for (const auto& w : stop_) frozen_stop_.insert(w);
  frozen_stems_ = WordSet();
  if (stems_) {
    for (const auto& w : vocab_) frozen_stems_.insert(CueStem(w));
  }
  // At most a quarter full: most features Score() looks up are not in the model, and a
  // miss probes to the next empty slot (about 2.5 slots at half full, 1.4 at a
  // quarter); the 8-byte slots keep the table the size the 16-byte ones had half full.
  size_t cap = 16;
  while (cap < weights_.size() * 4) cap <<= 1;
  table_.assign(cap, TableSlot{});
  mask_ = cap - 1;
  clash_ = 0;
  for (auto [f, v] : weights_) {
    if (f == 0) continue;  // a zero hash is vanishingly rare and was never scored
    const uint32_t key = Key(f);
    size_t i = Slot(f);
    for (; table_[i].key != 0; i = (i + 1) & mask_) {
      // a weight ahead on f's probe path with f's key would be read for f
      if (table_[i].key == key && clash_ == 0) clash_ = f;
    }
    table_[i] = TableSlot{key, v};
  }
}

Status CueModel::Parse(std::string_view text) {
  weights_.clear();
  vocab_.clear();
  stems_ = false;
  open_ = false;
  open_threshold_ = 0;
  stop_.clear();
  size_t pos = 0;
  int line_no = 0;
  bool header = false;
  while (pos < text.size()) {
    size_t nl = text.find('\n', pos);
    if (nl == std::string_view::npos) nl = text.size();
    std::string line(text.substr(pos, nl - pos));
    pos = nl + 1;
    ++line_no;
    if (line.empty()) continue;
    auto bad = [&]() {
      return Status::InvalidArgument("cue model line " + std::to_string(line_no) + ": cannot read \"" +
                                     line.substr(0, 60) + "\"");
    };
    if (!header) {
      if (line != "parley-cue-model 1"sv) return bad();
      header = true;
    } else if (line.rfind("w ", 0) == 0) {
      char* end = nullptr;
      uint64_t h = std::strtoull(line.c_str() + 2, &end, 16);
      if (end == line.c_str() + 2 || *end != ' ') return bad();
      char* end2 = nullptr;
      float v = std::strtof(end + 1, &end2);
      if (end2 == end + 1) return bad();
      weights_[h] = v;
    } else if (line.rfind("vocab ", 0) == 0) {
      vocab_.insert(line.substr(6));
    } else if (line == "stems 1"sv) {
      stems_ = true;
    } else if (line == "open 1"sv) {
      open_ = true;
    } else if (line.rfind("stop ", 0) == 0) {
      stop_.insert(line.substr(5));
    } else if (line.rfind("open-threshold ", 0) == 0) {
      char* end = nullptr;
      open_threshold_ = std::strtof(line.c_str() + 15, &end);
      if (end == line.c_str() + 15) return bad();
    } else if (line.rfind("threshold ", 0) == 0) {
      char* end = nullptr;
      threshold_ = std::strtof(line.c_str() + 10, &end);
      if (end == line.c_str() + 10) return bad();
    } else {
      return bad();
    }
  }
  if (!header && !text.empty()) return Status::InvalidArgument("cue model: no header line");
  Freeze();
  if (clash_ != 0) {
    char hex[24];
    std::snprintf(hex, sizeof hex, "%llx", static_cast<unsigned long long>(clash_));
    return Status::InvalidArgument(std::string("cue model: weight w ") + hex +
                                   " shares its table slot's 32-bit key with another weight on its probe path");
  }
  return Status::OK();
}

std::string CueModel::Serialize() const {
  std::string out = "parley-cue-model 1\n";
  char buf[64];
  std::snprintf(buf, sizeof buf, "threshold %.4f\n", threshold_);
  out += buf;
  if (stems_) out += "stems 1\n";
  if (open_) {
    std::snprintf(buf, sizeof buf, "open 1\nopen-threshold %.4f\n", open_threshold_);
    out += buf;
  }
  std::vector<std::string> stop(stop_.begin(), stop_.end());
  std::sort(stop.begin(), stop.end());
  for (const auto& v : stop) out += "stop " + v + "\n";
  std::vector<std::string> vocab(vocab_.begin(), vocab_.end());
  std::sort(vocab.begin(), vocab.end());
  for (const auto& v : vocab) out += "vocab " + v + "\n";
  std::vector<std::pair<uint64_t, float>> ws(weights_.begin(), weights_.end());
  std::sort(ws.begin(), ws.end());
  for (auto [h, v] : ws) {
    std::snprintf(buf, sizeof buf, "w %llx %.4g\n", static_cast<unsigned long long>(h), v);
    out += buf;
  }
  return out;
}

}  // namespace parley::extractors::internal
