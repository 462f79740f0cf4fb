#include "extractors/content_bounds.h"

#include <algorithm>

namespace parley::extractors::internal {
namespace {

using namespace std::string_view_literals;

constexpr uint64_t kFnvOffset = 1469598103934665603ULL;
constexpr uint64_t kFnvPrime = 1099511628211ULL;

uint64_t Mix(uint64_t h, std::string_view s) {
  for (unsigned char c : s) {
    h ^= c;
    h *= kFnvPrime;
  }
  h ^= 0x1f;
  h *= kFnvPrime;
  return h;
}

// "s:" keeps the start model's hashes apart from the cue and end models'.
uint64_t F(std::string_view a, std::string_view b) { return Mix(Mix(Mix(kFnvOffset, "s:"), a), b); }
uint64_t F(std::string_view a, std::string_view b, std::string_view c) {
  return Mix(Mix(Mix(Mix(kFnvOffset, "s:"), a), b), c);
}

std::string_view Shape(const ScannedText& st, int32_t k) {
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

bool EndsWith(std::string_view s, std::string_view suf) {
  return s.size() >= suf.size() && s.substr(s.size() - suf.size()) == suf;
}

}  // namespace

bool IsStartCandidate(const ScannedText& st, int32_t s) {
  const Token& t = st.toks[s];
  return t.kind == TokKind::kWord || t.kind == TokKind::kNumber || (t.kind == TokKind::kQuote && t.qdir >= 0);
}

void StartFeatures(const CueContext& ctx, int32_t h, int32_t ce, int32_t s, int32_t body_end,
                   std::vector<uint64_t>* out) {
  const ScannedText& st = *ctx.st;
  std::string_view head = st.toks[h].low;
  std::string_view w = st.toks[s].low;
  std::string_view sw = Shape(st, s);
  std::string_view p = s > ce ? std::string_view(st.toks[s - 1].low) : "<cue>"sv;
  std::string_view sp = s > ce ? Shape(st, s - 1) : "<cue>"sv;
  std::string_view first = st.toks[ce].low;  // the first token after the cue
  std::string_view n1 = s + 1 < body_end ? std::string_view(st.toks[s + 1].low) : "</s>"sv;
  std::string_view sn1 = s + 1 < body_end ? Shape(st, s + 1) : "</s>"sv;
  int32_t d = s - ce;
  const char* db = d == 0 ? "0" : d == 1 ? "1" : d == 2 ? "2" : d == 3 ? "3" : d <= 5 ? "5" : "9";
  int commas = ctx.comma_prefix[s] - ctx.comma_prefix[ce];
  int cues = ctx.cue_prefix[s] - ctx.cue_prefix[ce];
  const char* cq = commas == 0 ? "0" : commas == 1 ? "1" : "2";
  std::string_view hsuf = head.size() > 3 ? head.substr(head.size() - 3) : head;
  out->push_back(F("d", db));
  out->push_back(F("w", w));
  out->push_back(F("sw", sw));
  out->push_back(F("p", p));
  out->push_back(F("sp", sp));
  out->push_back(F("p|w", p, w));
  out->push_back(F("sp|sw", sp, sw));
  out->push_back(F("p|sw", p, sw));
  out->push_back(F("sp|w", sp, w));
  out->push_back(F("w|n1", w, n1));
  out->push_back(F("sw|sn1", sw, sn1));
  out->push_back(F("w|d", w, db));
  out->push_back(F("p|d", p, db));
  out->push_back(F("head|p", head, p));
  out->push_back(F("head|w", head, w));
  out->push_back(F("head|d", head, db));
  out->push_back(F("hsuf|p", hsuf, p));
  out->push_back(F("first|d", first, db));
  out->push_back(F("first|p", first, p));
  out->push_back(F("first|w", first, w));
  out->push_back(F("commas", cq));
  out->push_back(F("commas|w", cq, w));
  out->push_back(F("cues", cues ? "1" : "0", db));
  if (s > ce && EndsWith(p, "ing")) out->push_back(F("p:ing", w));
  if (s > ce && st.toks[s - 1].cap) out->push_back(F("p:cap|w", sw, w));
  // a determiner-led object between the cue and s ("a statement saying")
  for (int32_t k = ce; k < s; ++k) {
    std::string_view x = st.toks[k].low;
    if (x == "a"sv || x == "an"sv || x == "the"sv || x == "his"sv || x == "her"sv || x == "their"sv) {
      out->push_back(F("skip:det", p, sw));
      break;
    }
  }
}

int32_t ChooseStart(const CueModel& m, const CueContext& ctx, int32_t h, int32_t ce, int32_t body_end,
                    int32_t fallback, std::vector<uint64_t>* feats) {
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

}  // namespace parley::extractors::internal
