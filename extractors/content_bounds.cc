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
inline uint64_t F(uint64_t tag, uint64_t a, uint64_t b, uint64_t c) {
  return Mix(F(tag, a, b) + c * 0x94D049BB133111EBULL);
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

void StartFeatures(const CueContext& ctx, int32_t h, int32_t ce, int32_t s, int32_t body_end,
                   std::vector<uint64_t>* out) {
  const ScannedText& st = *ctx.st;
  const auto& toks = st.toks;
  uint64_t head = toks[h].hash;
  uint64_t w = toks[s].hash;
  uint64_t sw = Shape(st, s);
  uint64_t p = s > ce ? toks[s - 1].hash : kNone;
  uint64_t sp = s > ce ? Shape(st, s - 1) : kNone;
  uint64_t first = toks[ce].hash;  // the first token after the cue
  uint64_t n1 = s + 1 < body_end ? toks[s + 1].hash : kNone;
  int32_t d = s - ce;
  uint64_t db = d <= 3 ? d : d <= 5 ? 5 : 9;
  int commas = ctx.comma_prefix[s] - ctx.comma_prefix[ce];
  uint64_t cq = commas > 2 ? 2 : commas;
  uint64_t cues = ctx.cue_prefix[s] - ctx.cue_prefix[ce] > 0 ? 1 : 0;
  const std::string& hl = toks[h].low;
  uint64_t hsuf =
      hl.size() > 3 ? (static_cast<uint64_t>(static_cast<unsigned char>(hl[hl.size() - 3])) << 16 |
                       static_cast<uint64_t>(static_cast<unsigned char>(hl[hl.size() - 2])) << 8 |
                       static_cast<unsigned char>(hl.back()))
                    : head;
  out->push_back(F(1, db));
  out->push_back(F(2, w));
  out->push_back(F(3, sw));
  out->push_back(F(4, p));
  out->push_back(F(5, sp));
  out->push_back(F(6, p, w));
  out->push_back(F(7, sp, sw));
  out->push_back(F(8, p, sw));
  out->push_back(F(9, sp, w));
  out->push_back(F(10, w, n1));
  out->push_back(F(11, w, db));
  out->push_back(F(12, p, db));
  out->push_back(F(13, head, p));
  out->push_back(F(14, head, w));
  out->push_back(F(15, head, db));
  out->push_back(F(16, hsuf, p));
  out->push_back(F(17, first, db));
  out->push_back(F(18, first, p));
  out->push_back(F(19, first, w));
  out->push_back(F(20, cq));
  out->push_back(F(21, cq, w));
  out->push_back(F(22, cues, db));
  if (s > ce && EndsWith(toks[s - 1].low, "ing")) out->push_back(F(23, w));
  if (s > ce && toks[s - 1].cap) out->push_back(F(24, sw, w));
  // a determiner-led object between the cue and s ("a statement saying")
  for (int32_t k = ce; k < s; ++k) {
    if (IsDet(toks[k].low)) {
      out->push_back(F(25, p, sw));
      break;
    }
  }
}

int32_t ChooseStart(const CueModel& m, const CueContext& ctx, int32_t h, int32_t ce,
                    int32_t body_end, int32_t fallback, std::vector<uint64_t>* feats) {
  if (m.empty() || ce >= body_end) return fallback;
  int32_t best = fallback;
  float best_score = -1e30f;
  int32_t last = std::min(ce + kStartWindow, body_end);
  for (int32_t s = ce; s < last; ++s) {
    if (!IsStartCandidate(*ctx.st, s)) continue;
    feats->clear();
    StartFeatures(ctx, h, ce, s, body_end, feats);
    float v = m.Score(*feats);
    if (v > best_score) {
      best_score = v;
      best = s;
    }
  }
  return best;
}

bool IsEndCandidate2(const ScannedText& st, int32_t e, int32_t se) {
  if (IsEndCandidate(st, e, se)) return true;
  const Token& t = st.toks[e];
  if (t.kind != TokKind::kWord) return false;
  static const WordSet time = {"monday",   "tuesday", "wednesday", "thursday", "friday",
                               "saturday", "sunday",  "yesterday", "today",    "tonight",
                               "last",     "earlier", "later",     "this",     "next"};
  return time.Has(t);
}

void EndFeatures2(const CueContext& ctx, int32_t h, int32_t r, int32_t e, int32_t se,
                  std::vector<uint64_t>* out) {
  const ScannedText& st = *ctx.st;
  const auto& toks = st.toks;
  const int32_t n = static_cast<int32_t>(toks.size());
  auto word = [&](int32_t i) -> uint64_t { return i >= se || i >= n ? kNone : toks[i].hash; };
  auto shape = [&](int32_t i) -> uint64_t { return i >= se || i >= n ? kNone : Shape(st, i); };
  uint64_t b = word(e), prev = e - 1 >= r ? toks[e - 1].hash : kNone, next = word(e + 1),
           next2 = word(e + 2);
  uint64_t sb = shape(e), sn = shape(e + 1), sp = e - 1 >= r ? Shape(st, e - 1) : kNone;
  int32_t len = e - r;
  uint64_t bucket = len <= 3    ? len
                    : len <= 5  ? 5
                    : len <= 8  ? 8
                    : len <= 12 ? 12
                    : len <= 20 ? 20
                    : len <= 35 ? 35
                                : 99;
  int32_t rest = se - e;
  uint64_t rb = rest <= 1 ? rest : rest <= 3 ? 3 : rest <= 6 ? 6 : rest <= 12 ? 12 : 99;
  int commas = ctx.comma_prefix[e] - ctx.comma_prefix[r];
  uint64_t cq = commas > 3 ? 3 : commas;
  uint64_t cues = ctx.cue_prefix[e] - ctx.cue_prefix[r] > 0 ? 1 : 0;
  int ba = e + 1 < se ? ctx.boundary_prefix[se] - ctx.boundary_prefix[e + 1] : 0;
  uint64_t after = ba > 2 ? 2 : ba;
  // a lexicon cue within the next four tokens: a trailing frame (", he said")
  int32_t ahead_end = std::min(se, e + 4);
  uint64_t cue_ahead = e < ahead_end && ctx.cue_prefix[ahead_end] - ctx.cue_prefix[e] > 0 ? 1 : 0;
  bool in_quote = e < se && e > r && toks[e].quote >= 0 && toks[e].quote == toks[e - 1].quote &&
                  toks[e].kind != TokKind::kQuote;
  uint64_t inq = in_quote ? 1 : 0;
  uint64_t head = h >= 0 ? toks[h].hash : kNone;
  uint64_t first = toks[r].hash;
  uint64_t ning = e + 1 < se && EndsWith(toks[e + 1].low, "ing") ? 1 : 0;
  out->push_back(F(101, b));
  out->push_back(F(102, sb));
  out->push_back(F(103, b, next));
  out->push_back(F(104, b, sn));
  out->push_back(F(105, prev, b));
  out->push_back(F(106, sp, sb));
  out->push_back(F(107, bucket));
  out->push_back(F(108, b, bucket));
  out->push_back(F(109, cq));
  out->push_back(F(110, b, cq));
  out->push_back(F(111, after));
  out->push_back(F(112, b, after));
  out->push_back(F(113, cues));
  out->push_back(F(114, inq));
  out->push_back(F(115, b, inq));
  out->push_back(F(116, head, b));
  out->push_back(F(117, head, bucket));
  out->push_back(F(118, first, b));
  out->push_back(F(119, first, bucket));
  out->push_back(F(120, b, ning));
  out->push_back(F(121, b, cue_ahead));
  out->push_back(F(122, b, rb));
  out->push_back(F(123, sb, sn, next2));
  out->push_back(F(124, prev));
}

int32_t ChooseEnd(const CueModel& m, const CueContext& ctx, int32_t h, int32_t r, int32_t se,
                  int32_t body_end, int32_t fallback, std::vector<uint64_t>* feats) {
  if (m.empty()) return fallback;
  int32_t best = fallback;
  float best_score = -1e30f;
  for (int32_t e = r + 1; e <= se; ++e) {
    if (!IsEndCandidate2(*ctx.st, e, se)) continue;
    feats->clear();
    EndFeatures2(ctx, h, r, e, se, feats);
    float v = m.Score(*feats);
    if (v > best_score) {
      best_score = v;
      best = e;
    }
  }
  return std::min(best, body_end);
}

}  // namespace parley::extractors::internal
