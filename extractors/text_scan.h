// One pass over an article's UTF-8 text: code points with their byte offsets,
// word/punctuation/quotation-mark tokens, paragraphs, quotations (paired marks,
// quotations running over paragraphs, unclosed ones bounded by their paragraph)
// and sentences. Internal to parley::extractors; no std::regex, no ICU: the
// character classes needed here are a handful of ranges.
//
// A ScannedText is built once per document by ScanText() and is read-only
// afterwards; the function itself is stateless and thread-safe.
#ifndef PARLEY_EXTRACTORS_TEXT_SCAN_H_
#define PARLEY_EXTRACTORS_TEXT_SCAN_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "extractors/word_set.h"
#include "schema/schema.h"

namespace parley::extractors::internal {

enum class TokKind : uint8_t { kWord, kNumber, kPunct, kQuote };

struct Token {
  int32_t b = 0;  // code-point offsets [b, e)
  int32_t e = 0;
  TokKind kind = TokKind::kWord;
  bool cap = false;     // first letter upper case
  bool upper = false;   // every letter upper case (and at least two letters)
  int8_t qdir = 0;      // quotation marks: +1 opening, -1 closing, 0 unknown
  int32_t para = 0;     // paragraph index
  int32_t quote = -1;   // index of the quotation this token lies inside (marks excluded)
  std::string low;      // lower case, typographic apostrophes folded to '
  uint64_t hash = 0;    // WordHash(low): word-set lookups of the token skip hashing
};

// A quotation: from its opening mark to its closing mark (or the end of the
// paragraph when it is never closed). A quotation continued over paragraphs
// ("opening mark, no closing mark at paragraph end, next paragraph reopens") is one
// Quote with one piece per paragraph.
struct Quote {
  int32_t tb = 0;  // token index of the opening mark
  int32_t te = 0;  // token index one past the closing mark (or past the last token)
  int32_t b = 0;   // code points, marks included
  int32_t e = 0;
  bool closed = true;
  int32_t words = 0;  // word tokens inside
  std::vector<std::pair<int32_t, int32_t>> pieces;  // code-point pieces (one per paragraph)
};

struct Sentence {
  int32_t tb = 0;  // token range [tb, te)
  int32_t te = 0;
};

struct ScannedText {
  std::vector<char32_t> cps;
  std::vector<int32_t> byte_of;  // byte offset of each code point, plus the end
  std::vector<Token> toks;
  std::vector<std::pair<int32_t, int32_t>> paras;  // token ranges
  std::vector<Quote> quotes;
  std::vector<Sentence> sentences;        // never broken inside a quotation
  std::vector<Sentence> inner_sentences;  // broken everywhere (used inside quotations)

  // UTF-8 text of code points [b, e).
  std::string Utf8(std::string_view text, int32_t b, int32_t e) const {
    return std::string(text.substr(byte_of[b], byte_of[e] - byte_of[b]));
  }
};

// The word lists ScanText reads, lower case (lexicon.yaml; a list left empty is not
// consulted).
struct ScanWords {
  // words (without the final period) after which a period does not end a sentence
  WordSet abbreviations;
  // the same only when a number follows ("No. 1")
  WordSet number_abbreviations;
  // word_lists `sentence_final_abbreviations`: listed abbreviations ("Inc.", "Jr.") that
  // end a sentence all the same before one of `sentence_openers`, as a dotted one
  // ("U.S.", "D.C.", "a.m.") does: `... in Washington, D.C. He said ...`
  WordSet final_abbreviations;
  // word_lists `sentence_openers`: capitalised, they open a sentence after such an
  // abbreviation ("He", "The", "But"), where a name or a noun would continue it
  WordSet sentence_openers;
  // word_lists male_first_names and female_first_names: a quoted capitalised word
  // between a first name (or an initial) and a capitalised word is a nickname, no
  // quotation (`John "Jack" Smith`, `L. "Butch" Otter`)
  WordSet first_names;

  static ScanWords FromLexicon(const schema::Lexicon& lexicon);
};

// Invalid UTF-8 bytes are read as U+FFFD one byte each.
void ScanText(std::string_view text, const ScanWords& words, ScannedText* out);

// The same with only `abbreviations` and, optionally, `number_abbreviations` of
// ScanWords (splitting a lexicon phrase into words, tests).
void ScanText(std::string_view text, const WordSet& abbreviations,
              ScannedText* out, const WordSet* number_abbreviations = nullptr);

// ASCII letters lowered (std::tolower in the C locale), other bytes as they are.
std::string LowerAscii(std::string_view s);

bool IsLetter(char32_t c);
bool IsUpper(char32_t c);

}  // namespace parley::extractors::internal

#endif  // PARLEY_EXTRACTORS_TEXT_SCAN_H_
