#include "extractors/content_bounds.h"

#include <algorithm>

namespace parley::extractors::internal {
namespace {

using namespace std::string_view_literals;

// Features are 64-bit mixes of a feature tag and the tokens' precomputed word
// hashes (Token::hash), so that scoring a candidate hashes no strings.
inline uint64_t Mix(uint64_t x) {
  x ^= x >> 33;
  x *= 0xff51afd7ed558ccdULL;
  x ^= x >> 33;
  x *= 0xc4ceb9fe1a85ec53ULL;
  x ^= x >> 33;
  return x | 1;  // never 0: 0 marks an empty slot of the model's table
}
inline uint64_t F(uint64_t tag, uint64_t a) { return Mix(tag * 0x9E3779B97F4A7C15ULL + a); }
inline uint64_t F(uint64_t tag, uint64_t a, uint64_t b) {
  return Mix(Mix(tag * 0x9E3779B97F4A7C15ULL + a) + b * 0xD6E8FEB86659FD93ULL);
}

// A small code for the token's shape (kept apart from word hashes by the tags).
uint64_t Shape(const ScannedText& st, int32_t k) {
  const Token& t = st.toks[k];
  switch (t.kind) {
    case TokKind::kQuote:
      return t.qdir > 0 ? 1 : t.qdir < 0 ? 2 : 3;
    case TokKind::kNumber:
      return 4;
    case TokKind::kPunct:
      return 16 + (t.hash & 0xffff);
    case TokKind::kWord:
      return t.cap ? 5 : 6;
  }
  return 7;
}

constexpr uint64_t kNone = 0x5bd1e995ULL;  // "no token here" (the cue, the sentence end)

// How many tokens of a content EndContextFeatures reads for its quotation marks,
// dashes and parentheses (the models were trained with this window; the prefix
// counts of CueContext read it in O(1)).
constexpr int32_t kContextScan = 60;

bool EndsWith(std::string_view s, std::string_view suf) {
  return s.size() >= suf.size() && s.substr(s.size() - suf.size()) == suf;
}

bool IsDet(std::string_view x) {
  return x == "a"sv || x == "an"sv || x == "the"sv || x == "his"sv || x == "her"sv ||
         x == "their"sv;
}

}  // namespace

bool IsStartCandidate(const ScannedText& st, int32_t s) {
  const Token& t = st.toks[s];
  return t.kind == TokKind::kWord || t.kind == TokKind::kNumber ||
         (t.kind == TokKind::kQuote && t.qdir >= 0);
}

namespace {

// What StartFeatures reads of the cue, the same for all of its candidate starts, and
// of the tokens [ce, s) between the cue and a candidate, which ChooseStart carries
// from one candidate to the next instead of rescanning them for every candidate.
struct StartScan {
  uint64_t head = 0, hsuf = 0, kind = 0, stem = 0, first = 0;
  uint64_t cap = 0;          // a capitalised token in [ce, s)
  uint64_t mark_before = 0;  // a quotation mark in [ce, s)
  bool det = false;          // a determiner in [ce, s)
};

StartScan StartHead(const CueContext& ctx, int32_t h, int32_t ce) {
  const auto& toks = ctx.st->toks;
  StartScan sc;
  sc.head = toks[h].hash;
  const std::string& hl = toks[h].low;
  sc.hsuf = hl.size() > 3 ? (static_cast<uint64_t>(static_cast<unsigned char>(hl[hl.size() - 3])) << 16 |
                             static_cast<uint64_t>(static_cast<unsigned char>(hl[hl.size() - 2])) << 8 |
                             static_cast<unsigned char>(hl.back()))
                          : sc.head;
  // the cue's lexicon kind generalises over heads seen rarely in training
  sc.kind = ctx.lex_kind[h];
  // the cue's stem shares evidence between its forms ("urged", "urges", "urging")
  sc.stem = WordHash(CueStem(hl));
  sc.first = toks[ce].hash;  // the first token after the cue
  return sc;
}

// Adds token k to the tokens between the cue and the candidate.
void StartPass(const ScannedText& st, int32_t k, StartScan* sc) {
  const Token& t = st.toks[k];
  sc->cap |= t.cap;
  sc->mark_before |= t.kind == TokKind::kQuote;
  sc->det = sc->det || IsDet(t.low);
}

// Writes the features to buf[0, n) (room for 40), returns n.
size_t StartFeaturesFrom(const CueContext& ctx, const StartScan& sc, int32_t ce, int32_t s,
                         int32_t body_end, uint64_t* buf) {
  size_t nb = 0;
  const ScannedText& st = *ctx.st;
  const auto& toks = st.toks;
  const uint64_t head = sc.head;
  uint64_t w = toks[s].hash;
  uint64_t sw = Shape(st, s);
  uint64_t p = s > ce ? toks[s - 1].hash : kNone;
  uint64_t sp = s > ce ? Shape(st, s - 1) : kNone;
  const uint64_t first = sc.first;
  uint64_t n1 = s + 1 < body_end ? toks[s + 1].hash : kNone;
  int32_t d = s - ce;
  uint64_t db = d <= 3 ? d : d <= 5 ? 5 : 9;
  int commas = ctx.comma_prefix[s] - ctx.comma_prefix[ce];
  uint64_t cq = commas > 2 ? 2 : commas;
  uint64_t cues = ctx.cue_prefix[s] - ctx.cue_prefix[ce] > 0 ? 1 : 0;
  const uint64_t hsuf = sc.hsuf;
  buf[nb++] = F(1, db);
  buf[nb++] = F(2, w);
  buf[nb++] = F(3, sw);
  buf[nb++] = F(4, p);
  buf[nb++] = F(5, sp);
  buf[nb++] = F(6, p, w);
  buf[nb++] = F(7, sp, sw);
  buf[nb++] = F(8, p, sw);
  buf[nb++] = F(9, sp, w);
  buf[nb++] = F(10, w, n1);
  buf[nb++] = F(11, w, db);
  buf[nb++] = F(12, p, db);
  buf[nb++] = F(13, head, p);
  buf[nb++] = F(14, head, w);
  buf[nb++] = F(15, head, db);
  buf[nb++] = F(16, hsuf, p);
  buf[nb++] = F(17, first, db);
  buf[nb++] = F(18, first, p);
  buf[nb++] = F(19, first, w);
  buf[nb++] = F(20, cq);
  buf[nb++] = F(21, cq, w);
  buf[nb++] = F(22, cues, db);
  const uint64_t kind = sc.kind;
  buf[nb++] = F(26, kind, p);
  buf[nb++] = F(27, kind, w);
  buf[nb++] = F(28, kind, sp * 31 + sw);
  if (s > ce && EndsWith(toks[s - 1].low, "ing")) buf[nb++] = F(23, w);
  if (s > ce && toks[s - 1].cap) buf[nb++] = F(24, sw, w);
  // a name between the cue and s, by the cue's kind ("told Reuters | the plan ...",
  // "urged | the State Department to ...")
  buf[nb++] = F(32, kind * 4 + sc.cap, w);
  // the quotation state: s inside a quotation, a quotation mark passed on the way
  uint64_t in_quote = toks[s].quote >= 0 ? 1 : 0;
  buf[nb++] = F(33, in_quote * 2 + sc.mark_before, sw);
  buf[nb++] = F(34, sc.stem, p);
  buf[nb++] = F(35, sc.stem, w);
  // a determiner-led object between the cue and s ("a statement saying")
  if (sc.det) buf[nb++] = F(25, p, sw);
  return nb;
}

// StartFeaturesFrom writes at most this many.
constexpr size_t kMaxStartFeatures = 40;

}  // namespace

void StartFeatures(const CueContext& ctx, int32_t h, int32_t ce, int32_t s, int32_t body_end,
                   std::vector<uint64_t>* out) {
  StartScan sc = StartHead(ctx, h, ce);
  for (int32_t k = ce; k < s; ++k) StartPass(*ctx.st, k, &sc);
  // Collected on the stack and appended once (a push_back call per feature cost
  // as much as hashing it).
  uint64_t buf[kMaxStartFeatures];
  const size_t n = StartFeaturesFrom(ctx, sc, ce, s, body_end, buf);
  out->insert(out->end(), buf, buf + n);
}

void EndContextFeatures(const CueContext& ctx, int32_t h, int32_t r, int32_t e, int32_t se,
                        std::vector<uint64_t>* out) {
  uint64_t buf[kMaxFeatures];
  const size_t n = EndContextFeatures(ctx, h, r, e, se, buf);
  out->insert(out->end(), buf, buf + n);
}

size_t EndContextFeatures(const CueContext& ctx, int32_t h, int32_t r, int32_t e, int32_t se,
                          uint64_t* buf) {
  size_t nb = 0;
  const ScannedText& st = *ctx.st;
  const auto& toks = st.toks;
  const uint64_t b = e < se ? toks[e].hash : kNone;
  // a frame right after e ("..., a spokesman said") and, further, anywhere later in
  // the sentence: the lexicon kind of the first cue and how far it is (the prefix
  // count skips the scan when there is none)
  uint64_t near_cue = 0, near_d = 0, later_d = 0;
  if (e + 1 < se && ctx.cue_prefix[se] - ctx.cue_prefix[e + 1] > 0) {
    later_d = 3;
    for (int32_t k = e + 1; k < se && k - e <= 8; ++k) {
      if (ctx.lex_kind[k] == 0) continue;
      if (k - e <= 5) {
        near_cue = ctx.lex_kind[k];
        near_d = k - e;
      }
      later_d = k - e <= 3 ? 1 : 2;
      break;
    }
  }
  buf[nb++] = F(40, b, near_cue * 8 + near_d);
  buf[nb++] = F(46, b, later_d);
  // the quotation state: r inside a quotation, e inside one, the same one, a
  // quotation opened on the way ("vows to \"defend ... it\" | before ..."); and a
  // dash aside or a parenthesis opened inside the content and not yet closed ("the
  // plan -- a giveaway, critics say -- would cost")
  const uint64_t r_quoted = toks[r].quote >= 0 ? 1 : 0;
  const uint64_t e_quoted = e < se && toks[e].quote >= 0 ? 1 : 0;
  const uint64_t same = r_quoted && e_quoted && toks[r].quote == toks[e].quote ? 1 : 0;
  // (prefix counts over [r, min(e, r + kContextScan)), not a scan per candidate end)
  const int32_t scan_end = std::max(r, std::min(e, r + kContextScan));
  const uint64_t opened = ctx.open_quote_prefix[scan_end] - ctx.open_quote_prefix[r] > 0 ? 1 : 0;
  const int dashes = ctx.dash_prefix[scan_end] - ctx.dash_prefix[r];
  const int parens = ctx.paren_prefix[scan_end] - ctx.paren_prefix[r];
  buf[nb++] = F(41, b, r_quoted * 8 + e_quoted * 4 + same * 2 + opened);
  buf[nb++] = F(42, b, (dashes & 1) * 2 + (parens > 0 ? 1 : 0));
  // e cuts a quotation that opened inside the content
  const uint64_t cut = e < se && toks[e].kind != TokKind::kQuote && toks[e].quote >= 0 &&
                       st.quotes[toks[e].quote].tb > r;
  buf[nb++] = F(47, b, cut);
  // how far back the last comma inside the content is (an appositive or a list just
  // closed): 0 none, then 1-2, 3-5, 6-10 tokens, farther
  uint64_t comma_d = 0;
  if (e - 1 > r && ctx.comma_prefix[e] - ctx.comma_prefix[r + 1] > 0) {
    comma_d = 4;
    for (int32_t k = e - 1; k > r && e - k <= 10; --k) {
      if (toks[k].kind == TokKind::kPunct && toks[k].low == ","sv) {
        comma_d = e - k <= 2 ? 1 : e - k <= 5 ? 2 : 3;
        break;
      }
    }
  }
  buf[nb++] = F(45, b, comma_d);
  // the cue's stem with the candidate; the cue's kind with the candidate and the next word
  const uint64_t stem = h >= 0 ? WordHash(CueStem(toks[h].low)) : kNone;
  buf[nb++] = F(43, stem, b);
  const uint64_t kind = h >= 0 ? ctx.lex_kind[h] : 0;
  const uint64_t n1 = e + 1 < se ? toks[e + 1].hash : kNone;
  buf[nb++] = F(44, kind * 131 + b, n1);
  return nb;
}

int32_t ChooseStart(const CueModel& m, const CueContext& ctx, int32_t h, int32_t ce,
                    int32_t body_end, int32_t fallback) {
  if (m.empty() || ce >= body_end) return fallback;
  int32_t best = fallback;
  float best_score = -1e30f;
  int32_t last = std::min(ce + kStartWindow, body_end);
  StartScan sc = StartHead(ctx, h, ce);  // (what StartFeatures reads, kept per candidate)
  for (int32_t s = ce; s < last; ++s) {
    if (s > ce) StartPass(*ctx.st, s - 1, &sc);
    if (!IsStartCandidate(*ctx.st, s)) continue;
    // scored where they are written (a vector insert per candidate was a memmove call)
    uint64_t feats[kMaxStartFeatures];
    const size_t n = StartFeaturesFrom(ctx, sc, ce, s, body_end, feats);
    float v = m.Score(feats, n);
    if (v > best_score) {
      best_score = v;
      best = s;
    }
  }
  return best;
}

}  // namespace parley::extractors::internal
