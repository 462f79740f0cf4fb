#include "extractors/text_scan.h"

#include <algorithm>

namespace parley::extractors::internal {
namespace {

using namespace std::string_view_literals;

void DecodeUtf8(std::string_view s, ScannedText* out) {
  // Sized for the worst case (one code point a byte) and written through pointers,
  // runs of ASCII in a tight loop: push_back per code point was most of the decoding.
  out->cps.resize(s.size());
  out->byte_of.resize(s.size() + 1);
  char32_t* cps = out->cps.data();
  int32_t* byte_of = out->byte_of.data();
  size_t m = 0;
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  size_t n = s.size();
  size_t i = 0;
  while (i < n) {
    while (i < n && p[i] < 0x80) {
      cps[m] = p[i];
      byte_of[m] = static_cast<int32_t>(i);
      ++m;
      ++i;
    }
    if (i >= n) break;
    unsigned char c = p[i];
    char32_t cp = 0xFFFD;
    size_t len = 1;
    if ((c >> 5) == 0x6 && i + 1 < n && (p[i + 1] & 0xC0) == 0x80) {
      cp = ((c & 0x1F) << 6) | (p[i + 1] & 0x3F);
      len = 2;
    } else if ((c >> 4) == 0xE && i + 2 < n && (p[i + 1] & 0xC0) == 0x80 && (p[i + 2] & 0xC0) == 0x80) {
      cp = ((c & 0x0F) << 12) | ((p[i + 1] & 0x3F) << 6) | (p[i + 2] & 0x3F);
      len = 3;
    } else if ((c >> 3) == 0x1E && i + 3 < n && (p[i + 1] & 0xC0) == 0x80 && (p[i + 2] & 0xC0) == 0x80 &&
               (p[i + 3] & 0xC0) == 0x80) {
      cp = ((c & 0x07) << 18) | ((p[i + 1] & 0x3F) << 12) | ((p[i + 2] & 0x3F) << 6) | (p[i + 3] & 0x3F);
      len = 4;
    }
    cps[m] = cp;
    byte_of[m] = static_cast<int32_t>(i);
    ++m;
    i += len;
  }
  byte_of[m] = static_cast<int32_t>(n);
  out->cps.resize(m);
  out->byte_of.resize(m + 1);
}

bool IsSpace(char32_t c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == 0xA0 || c == 0xFEFF ||
         (c >= 0x2000 && c <= 0x200B) || c == 0x202F || c == 0x205F || c == 0x3000;
}
bool IsDigit(char32_t c) { return c >= '0' && c <= '9'; }
bool IsApostrophe(char32_t c) { return c == '\'' || c == 0x2019 || c == 0x2018; }
bool IsDoubleQuote(char32_t c) {
  return c == '"' || c == 0x201C || c == 0x201D || c == 0x201E || c == 0x201F || c == 0xAB || c == 0xBB;
}
bool IsDash(char32_t c) { return c == '-' || c == 0x2013 || c == 0x2014 || c == 0x2015; }

char32_t Lower(char32_t c) {
  if (c >= 'A' && c <= 'Z') return c + 32;
  if (c >= 0xC0 && c <= 0xDE && c != 0xD7) return c + 32;
  if (c >= 0x410 && c <= 0x42F) return c + 32;
  if (c == 0x2019 || c == 0x2018) return '\'';
  return c;
}

void AppendUtf8(char32_t c, std::string* s) {
  if (c < 0x80) {
    s->push_back(static_cast<char>(c));
  } else if (c < 0x800) {
    s->push_back(static_cast<char>(0xC0 | (c >> 6)));
    s->push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else if (c < 0x10000) {
    s->push_back(static_cast<char>(0xE0 | (c >> 12)));
    s->push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    s->push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else {
    s->push_back(static_cast<char>(0xF0 | (c >> 18)));
    s->push_back(static_cast<char>(0x80 | ((c >> 12) & 0x3F)));
    s->push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    s->push_back(static_cast<char>(0x80 | (c & 0x3F)));
  }
}

// Appends the lower-cased UTF-8 of code points [b, e) to s and counts their letters
// and upper-case letters: one pass through a stack buffer, ASCII without calls (a
// push_back per byte and separate counting passes were most of Tokenize).
void AppendLower(const char32_t* b, const char32_t* e, std::string* s, int* letters, int* uppers) {
  char buf[64];
  size_t n = 0;
  for (const char32_t* p = b; p < e; ++p) {
    if (n + 4 > sizeof buf) {
      s->append(buf, n);
      n = 0;
    }
    const char32_t c = *p;
    if (c < 0x80) {
      const bool up = c - U'A' < 26;
      *letters += up || c - U'a' < 26;
      *uppers += up;
      buf[n++] = static_cast<char>(up ? c + 32 : c);
      continue;
    }
    if (IsLetter(c)) {
      ++*letters;
      if (IsUpper(c)) ++*uppers;
    }
    const char32_t l = Lower(c);
    if (l < 0x80) {
      buf[n++] = static_cast<char>(l);
    } else if (l < 0x800) {
      buf[n++] = static_cast<char>(0xC0 | (l >> 6));
      buf[n++] = static_cast<char>(0x80 | (l & 0x3F));
    } else if (l < 0x10000) {
      buf[n++] = static_cast<char>(0xE0 | (l >> 12));
      buf[n++] = static_cast<char>(0x80 | ((l >> 6) & 0x3F));
      buf[n++] = static_cast<char>(0x80 | (l & 0x3F));
    } else {
      buf[n++] = static_cast<char>(0xF0 | (l >> 18));
      buf[n++] = static_cast<char>(0x80 | ((l >> 12) & 0x3F));
      buf[n++] = static_cast<char>(0x80 | ((l >> 6) & 0x3F));
      buf[n++] = static_cast<char>(0x80 | (l & 0x3F));
    }
  }
  s->append(buf, n);
}

void Tokenize(ScannedText* st) {
  const auto& cps = st->cps;
  const int32_t n = static_cast<int32_t>(cps.size());
  auto at = [&](int32_t i) -> char32_t { return i >= 0 && i < n ? cps[i] : U' '; };
  int32_t para = 0;
  bool newline = false;
  int32_t i = 0;
  st->toks.clear();
  st->toks.reserve(n / 5 + 8);
  while (i < n) {
    char32_t c = cps[i];
    if (IsSpace(c)) {
      if (c == '\n') newline = true;
      ++i;
      continue;
    }
    if (newline && !st->toks.empty()) ++para;
    newline = false;
    Token& t = st->toks.emplace_back();  // built in place: no move and destruction per token
    t.b = i;
    t.para = para;
    if (IsLetter(c)) {
      int32_t j = i;
      int32_t seg = 0;  // letters since the last internal period
      bool dotted = false;
      while (j < n) {
        char32_t d = cps[j];
        if (IsLetter(d) || IsDigit(d)) {
          ++seg;
          ++j;
        } else if (IsApostrophe(d) && IsLetter(at(j - 1)) && IsLetter(at(j + 1))) {
          ++j;
        } else if ((d == '-' || d == 0x2010 || d == 0x2011) && (IsLetter(at(j + 1)) || IsDigit(at(j + 1))) && j > i) {
          ++j;
        } else if (d == '.' && seg == 1 && IsLetter(at(j + 1)) && (at(j + 2) == '.' || dotted)) {
          dotted = true;
          seg = 0;
          ++j;
        } else {
          break;
        }
      }
      if (dotted && at(j) == '.') ++j;  // "U.S." keeps its final period
      t.e = j;
      t.kind = TokKind::kWord;
      t.cap = IsUpper(c);
      int letters = 0;
      int uppers = 0;
      AppendLower(cps.data() + i, cps.data() + j, &t.low, &letters, &uppers);
      t.upper = letters >= 2 && letters == uppers;
      i = j;
    } else if (IsDigit(c)) {
      int32_t j = i;
      while (j < n && (IsDigit(cps[j]) || ((cps[j] == '.' || cps[j] == ',' || cps[j] == ':') && IsDigit(at(j + 1))) ||
                       IsLetter(cps[j]))) {
        ++j;
      }
      t.e = j;
      t.kind = TokKind::kNumber;
      int letters = 0;
      int uppers = 0;
      AppendLower(cps.data() + i, cps.data() + j, &t.low, &letters, &uppers);
      i = j;
    } else if (IsDoubleQuote(c) ||
               ((c == '\'' || c == 0x2019 || c == 0x2018) && IsApostrophe(at(i + 1)) &&
                // `,'''` closes a single quotation inside a doubled-apostrophe one: the
                // first mark is the single one, the last two the closing double mark
                !(IsApostrophe(at(i + 2)) && !IsApostrophe(at(i - 1)) &&
                  (i + 3 >= n || IsSpace(at(i + 3)) || at(i + 3) == '.' || at(i + 3) == ',' || at(i + 3) == ')'))) ||
               (c == '`' && at(i + 1) == '`')) {
      bool doubled = !IsDoubleQuote(c);
      t.e = i + (doubled ? 2 : 1);
      t.kind = TokKind::kQuote;
      t.low.push_back('"');  // (t is new: append, not assign, which GCC 12 misreads)
      char32_t prev = at(i - 1);
      char32_t next = at(t.e);
      if (c == 0x201C && (prev == ',' || prev == '.' || prev == '?' || prev == '!') &&
          (t.e >= n || IsSpace(next))) {
        // an opening mark typed for a closing one: `... for her here,“ said Jim Clyburn`
        t.qdir = -1;
      } else if (c == 0x201C || c == 0x201E || c == 0xAB || c == '`' || c == 0x2018) {
        t.qdir = 1;
      } else if (c == 0x201D || c == 0xBB) {
        t.qdir = -1;
      } else {
        bool open_ctx = i == 0 || IsSpace(prev) || prev == '(' || prev == '[' || IsDash(prev) || prev == '/';
        bool close_ctx = t.e >= n || IsSpace(next) || next == '.' || next == ',' || next == ';' || next == ':' ||
                         next == '!' || next == '?' || next == ')' || next == ']' || IsDash(next);
        t.qdir = open_ctx && !close_ctx ? 1 : (close_ctx && !open_ctx ? -1 : 0);
      }
      i = t.e;
    } else {
      int32_t j = i + 1;
      if (c == '.' && at(j) == '.') {
        while (j < n && cps[j] == '.') ++j;
      } else if (c == '-' && at(j) == '-') {
        while (j < n && cps[j] == '-') ++j;
      }
      t.e = j;
      t.kind = TokKind::kPunct;
      if (j - i > 1) {
        t.low.append(c == '.' ? "..." : "--");
      } else if (c == 0x2019 || c == 0x2018) {
        t.low.push_back('\'');
      } else if (c == 0x2026) {
        t.low.append("...");
      } else {
        AppendUtf8(c, &t.low);
      }
      i = j;
    }
  }
  st->paras.clear();
  int32_t start = 0;
  for (int32_t k = 1; k <= static_cast<int32_t>(st->toks.size()); ++k) {
    if (k == static_cast<int32_t>(st->toks.size()) || st->toks[k].para != st->toks[k - 1].para) {
      st->paras.emplace_back(start, k);
      start = k;
    }
  }
}

// Whether closed quotation q, of one or two capitalised words, sits between a first name
// or an initial and a capitalised word: a nickname inside a name (`John "Jack" Smith`,
// `John F. "Jack" Kennedy`, `L. "Butch" Otter`), not a quotation.
bool IsNickname(const WordSet& first_names, const std::vector<Token>& toks, const Quote& q) {
  constexpr int32_t kMaxWords = 2;
  const int32_t n = static_cast<int32_t>(toks.size());
  if (first_names.empty() || !q.closed || q.tb < 1 || q.te >= n || q.te - q.tb - 2 > kMaxWords ||
      q.te - q.tb < 3) {
    return false;
  }
  for (int32_t k = q.tb + 1; k + 1 < q.te; ++k) {
    if (toks[k].kind != TokKind::kWord || !toks[k].cap) return false;
  }
  const Token& after = toks[q.te];
  if (after.kind != TokKind::kWord || !after.cap || after.para != toks[q.tb].para ||
      after.b == toks[q.te - 1].e) {
    return false;
  }
  const Token& before = toks[q.tb - 1];
  if (before.para != toks[q.tb].para || before.e == toks[q.tb].b) return false;
  if (before.kind == TokKind::kWord) {
    // a first name, or an initial written as one token with its period ("H.W.")
    return before.cap && (first_names.Has(before) || before.low.back() == '.');
  }
  // an initial: one capital letter and its period ("F.")
  return before.low == "."sv && q.tb >= 2 && toks[q.tb - 2].kind == TokKind::kWord &&
         toks[q.tb - 2].cap && toks[q.tb - 2].e - toks[q.tb - 2].b == 1 &&
         toks[q.tb - 2].e == before.b;
}

void PairQuotes(const WordSet& first_names, ScannedText* st) {
  auto& toks = st->toks;
  st->quotes.clear();
  int32_t open = -1;      // token index of the pending opening mark
  int32_t cur = -1;       // quote being continued over paragraphs
  for (size_t p = 0; p < st->paras.size(); ++p) {
    auto [pb, pe] = st->paras[p];
    if (cur >= 0) {
      // Continuation: this paragraph must open with a quotation mark.
      if (pb < pe && toks[pb].kind == TokKind::kQuote && toks[pb].qdir >= 0) {
        open = pb;
      } else {
        cur = -1;
      }
    }
    for (int32_t k = pb; k < pe; ++k) {
      if (toks[k].kind != TokKind::kQuote) continue;
      int8_t dir = toks[k].qdir;
      if (open < 0) {
        if (dir >= 0) open = k;
        continue;
      }
      if (k == open) continue;
      if (dir > 0 && toks[open].qdir > 0 && k - open > 1 && toks[k].low == toks[open].low &&
          st->cps[toks[k].b] == 0x201C) {
        open = k;  // two curly openers: the first was never closed
        continue;
      }
      // close
      Quote q;
      if (cur >= 0) {
        Quote& c = st->quotes[cur];
        c.pieces.emplace_back(toks[open].b, toks[k].e);
        c.te = k + 1;
        c.e = toks[k].e;
        c.closed = true;
        cur = -1;
      } else {
        q.tb = open;
        q.te = k + 1;
        q.b = toks[open].b;
        q.e = toks[k].e;
        q.pieces.emplace_back(q.b, q.e);
        st->quotes.push_back(std::move(q));
      }
      open = -1;
    }
    if (open >= 0) {
      // Unclosed at the paragraph end: bounded by the paragraph; continued when the
      // next paragraph reopens.
      int32_t last = pe;  // one past
      if (cur >= 0) {
        Quote& c = st->quotes[cur];
        c.pieces.emplace_back(toks[open].b, toks[last - 1].e);
        c.te = last;
        c.e = toks[last - 1].e;
        c.closed = false;
      } else if (last - open > 1) {
        Quote q;
        q.tb = open;
        q.te = last;
        q.b = toks[open].b;
        q.e = toks[last - 1].e;
        q.closed = false;
        q.pieces.emplace_back(q.b, q.e);
        st->quotes.push_back(std::move(q));
        cur = static_cast<int32_t>(st->quotes.size()) - 1;
      }
      if (cur >= 0 && p + 1 < st->paras.size()) {
        auto [nb, ne] = st->paras[p + 1];
        if (!(nb < ne && toks[nb].kind == TokKind::kQuote && toks[nb].qdir >= 0)) cur = -1;
      } else {
        cur = -1;
      }
      open = -1;
    }
  }
  // Drop empty quotations and mark the tokens inside the rest.
  std::vector<Quote> kept;
  kept.reserve(st->quotes.size());
  for (auto& q : st->quotes) {
    int32_t words = 0;
    for (int32_t k = q.tb; k < q.te; ++k) {
      if (toks[k].kind == TokKind::kWord || toks[k].kind == TokKind::kNumber) ++words;
    }
    if (words == 0 || IsNickname(first_names, toks, q)) continue;
    q.words = words;
    kept.push_back(std::move(q));
  }
  st->quotes = std::move(kept);
  for (size_t qi = 0; qi < st->quotes.size(); ++qi) {
    const Quote& q = st->quotes[qi];
    for (int32_t k = q.tb; k < q.te; ++k) {
      if (toks[k].kind != TokKind::kQuote) toks[k].quote = static_cast<int32_t>(qi);
    }
  }
}

bool EndsSentence(const Token& t) {
  return t.kind == TokKind::kPunct && (t.low == "."sv || t.low == "!"sv || t.low == "?"sv || t.low == "..."sv);
}

// Whether the period at k sits inside a parenthesis written without a space, as
// party tags are ("(R-S.C.)", "(D-N.Y.)"): such a period abbreviates and never ends
// the sentence (it used to cut "Graham (R-S.C.) said" before its cue).
bool InUnspacedParenthesis(const std::vector<Token>& toks, int32_t k) {
  constexpr int32_t kMaxTokens = 8;
  const int32_t n = static_cast<int32_t>(toks.size());
  int32_t open = -1;
  for (int32_t i = k - 1; i >= 0 && i >= k - kMaxTokens && toks[i].e == toks[i + 1].b; --i) {
    if (toks[i].low == "("sv) {
      open = i;
      break;
    }
    if (toks[i].low == ")"sv) return false;
  }
  if (open < 0) return false;
  for (int32_t i = k + 1; i < n && i <= k + kMaxTokens && toks[i].b == toks[i - 1].e; ++i) {
    if (toks[i].low == ")"sv) return true;
    if (toks[i].low == "("sv) return false;
  }
  return false;
}

// Whether a quotation of three words or more opens at token k on a capitalised word:
// after an abbreviation or an initial it starts a sentence, since no name or phrase runs
// on into a quotation (a nickname after an initial, `John F. "Jack" Kennedy`, is shorter).
bool OpensSentenceQuote(const ScannedText& st, int32_t k) {
  constexpr int32_t kMinWords = 3;
  const auto& toks = st.toks;
  if (k + 1 >= static_cast<int32_t>(toks.size()) || toks[k].kind != TokKind::kQuote ||
      toks[k + 1].para != toks[k].para || toks[k + 1].kind != TokKind::kWord || !toks[k + 1].cap) {
    return false;
  }
  auto it = std::lower_bound(st.quotes.begin(), st.quotes.end(), k,
                             [](const Quote& q, int32_t tb) { return q.tb < tb; });
  return it != st.quotes.end() && it->tb == k && it->words >= kMinWords;
}

// Whether token k is a capitalised word of `openers` ("He", "The"): after an
// abbreviation that may end a sentence, it opens the next one.
bool OpensSentenceWord(const WordSet& openers, const ScannedText& st, int32_t k) {
  const auto& toks = st.toks;
  return k < static_cast<int32_t>(toks.size()) && toks[k].kind == TokKind::kWord && toks[k].cap &&
         openers.Has(toks[k]);
}

void SplitSentences(const WordSet& abbreviations, const WordSet* number_abbreviations,
                    const WordSet& final_abbreviations, const WordSet& openers, bool respect_quotes,
                    ScannedText* st) {
  auto& toks = st->toks;
  auto& out = respect_quotes ? st->sentences : st->inner_sentences;
  out.clear();
  const int32_t n = static_cast<int32_t>(toks.size());
  int32_t start = 0;
  for (int32_t k = 0; k < n; ++k) {
    bool brk = false;
    int32_t end = k + 1;  // one past the last token of the sentence
    if (k + 1 == n || toks[k + 1].para != toks[k].para) {
      brk = true;
    } else if (toks[k].kind == TokKind::kWord && toks[k].low.size() > 2 &&
               toks[k].low.back() == '.' && toks[k + 1].b > toks[k].e &&
               (OpensSentenceQuote(*st, k + 1) || (OpensSentenceWord(openers, *st, k + 1) &&
                                                   !(respect_quotes && toks[k].quote >= 0)))) {
      // an abbreviation written with its periods, one token ("D.C.", "U.S."), before such
      // a quotation (`... in Fort Mill, S.C. "For whatever reason, ..."`) or before a
      // sentence opener (`... in the U.S. He said ...`)
      brk = true;
    } else if (EndsSentence(toks[k])) {
      // closing marks and brackets stay with the sentence
      while (end < n && toks[end].para == toks[k].para &&
             ((toks[end].kind == TokKind::kQuote && toks[end].qdir <= 0 && toks[end].quote < 0 &&
               (end + 1 >= n || toks[end + 1].b > toks[end].e || toks[end + 1].kind != TokKind::kWord)) ||
              toks[end].low == ")"sv)) {
        ++end;
      }
      bool abbrev = false;
      if (toks[k].low == "."sv && k > 0 && toks[k - 1].e == toks[k].b && toks[k - 1].kind == TokKind::kWord) {
        const Token& w = toks[k - 1];
        abbrev = abbreviations.count(w.low) > 0 || (w.e - w.b == 1 && w.cap) ||
                 (number_abbreviations != nullptr && number_abbreviations->count(w.low) > 0 && end < n &&
                  toks[end].kind == TokKind::kNumber);
        if (!abbrev) abbrev = InUnspacedParenthesis(toks, k);
        // an abbreviation of the list ("Jr.", "Inc.") or an initial before such a
        // quotation ends the sentence all the same
        if (abbrev && end < n && toks[end].para == toks[k].para && OpensSentenceQuote(*st, end)) {
          abbrev = false;
        }
        // one that may end a sentence ("Inc.", "Jr.") before a sentence opener does
        if (abbrev && end < n && toks[end].para == toks[k].para && final_abbreviations.Has(w) &&
            OpensSentenceWord(openers, *st, end)) {
          abbrev = false;
        }
      }
      if (!abbrev) {
        if (end >= n || toks[end].para != toks[k].para) {
          brk = true;
        } else {
          const Token& nx = toks[end];
          bool dash = nx.low == "-"sv || nx.low == "--"sv || nx.low == "\u2014"sv ||
                      nx.low == "\u2013"sv || nx.low == "\u2015"sv;
          brk = !dash && (nx.cap || nx.kind == TokKind::kNumber || nx.kind == TokKind::kQuote || nx.low == "("sv ||
                          (nx.kind == TokKind::kPunct && nx.low != ","sv && nx.low != ";"sv));
        }
        if (brk && respect_quotes && toks[end - 1].quote >= 0) brk = false;
      }
    }
    if (brk) {
      out.push_back({start, end});
      start = end;
      k = end - 1;
    }
  }
  if (start < n) out.push_back({start, n});
}

}  // namespace

std::string LowerAscii(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

bool IsLetter(char32_t c) {
  if (c < 0x80) return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  if (c >= 0xC0 && c <= 0x24F) return c != 0xD7 && c != 0xF7;
  if (c >= 0x250 && c <= 0x2AF) return true;
  if (c >= 0x370 && c <= 0x1FFF) return true;
  if (c >= 0x3040 && c <= 0xD7FF) return true;
  if (c >= 0xF900 && c <= 0xFAFF) return true;
  return false;
}

bool IsUpper(char32_t c) {
  if (c < 0x80) return c >= 'A' && c <= 'Z';
  if (c >= 0xC0 && c <= 0xDE) return c != 0xD7;
  if (c >= 0x100 && c <= 0x17F) return (c & 1) == 0;
  if (c >= 0x391 && c <= 0x3AB) return true;
  if (c >= 0x400 && c <= 0x42F) return true;
  return false;
}

namespace {

void Scan(std::string_view text, const WordSet& abbreviations, const WordSet* number_abbreviations,
          const WordSet& final_abbreviations, const WordSet& openers, const WordSet& first_names,
          ScannedText* out) {
  DecodeUtf8(text, out);
  Tokenize(out);
  for (Token& t : out->toks) t.hash = WordHash(t.low);
  PairQuotes(first_names, out);
  for (bool respect_quotes : {true, false}) {
    SplitSentences(abbreviations, number_abbreviations, final_abbreviations, openers,
                   respect_quotes, out);
  }
}

}  // namespace

void ScanText(std::string_view text, const ScanWords& words, ScannedText* out) {
  Scan(text, words.abbreviations, &words.number_abbreviations, words.final_abbreviations,
       words.sentence_openers, words.first_names, out);
}

void ScanText(std::string_view text, const WordSet& abbreviations, ScannedText* out,
              const WordSet* number_abbreviations) {
  static const WordSet kNone;
  Scan(text, abbreviations, number_abbreviations, kNone, kNone, kNone, out);
}

ScanWords ScanWords::FromLexicon(const schema::Lexicon& lexicon) {
  ScanWords w;
  auto fill = [](const std::vector<std::string>& in, WordSet* out) {
    for (const auto& word : in) out->insert(LowerAscii(word));
  };
  fill(lexicon.abbreviations, &w.abbreviations);
  fill(lexicon.number_abbreviations, &w.number_abbreviations);
  auto list = [&](const char* name, WordSet* out) {
    auto it = lexicon.word_lists.find(name);
    if (it != lexicon.word_lists.end()) fill(it->second, out);
  };
  list("sentence_final_abbreviations", &w.final_abbreviations);
  list("sentence_openers", &w.sentence_openers);
  list("male_first_names", &w.first_names);
  list("female_first_names", &w.first_names);
  return w;
}

}  // namespace parley::extractors::internal
