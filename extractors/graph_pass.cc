// The graph pass (graph_pass.h). One document, in order:
//   1. Take over the rules' scan of the text (or scan it: tokens and sentences) and map entity
//   mentions and
//      statement spans onto tokens; split hyphenated pairs ("Putin-Trump summit").
//   2. Roles by date: a speaker named by a title ("Nigeria's trade minister", "the
//      minister") is whoever held that title on the published date (people.yaml).
//      Utterance dates: the time expression nearest a statement's cue in its frame,
//      resolved against the published date (time.yaml).
//   3. Reference statements: "<Entity>'s <noun>" and "a <noun> from <Entity>" with a
//      reference noun of events.yaml, when no statement has that cue yet.
//   4. Events: every trigger (longest match, not after "any"/"any such", not used as a
//      verb) and event verb ("X and Y met") with the parties its syntax names ("talks
//      between X and Y", "X's sanctions on Y", "a meeting of X with Y"), else or also
//      the entities nearest to it in its region (the outermost attributed statement
//      content holding it, else its sentence); merged with an earlier event of the
//      same type whose participants agree; "the sanctions" repeating an earlier noun
//      is that event; "the proposal"/"the offer" is the event last proposed (by a cue
//      of the same stem first: "offered").
//   5. Relations from the relation cues (scope / after / antecedent), the proposer of
//      a proposal noun, then statements that go on about what their predecessor
//      answered; reference statements nothing answers are dropped.
//   6. Roles held on the published date, warnings for titles that contradict it,
//      country mentions for speaking seats of government, country roles of people no
//      gazetteer lists ("Russian Foreign Minister X" -> "Foreign Minister of Russia"),
//      aliases that are names only.
#include "extractors/graph_pass.h"

#include <date/date.h>

#include <algorithm>
#include <climits>
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <span>
#include <string_view>
#include <tuple>
#include <utility>

#include "extractors/text_scan.h"

namespace parley::extractors::internal {
namespace {

using namespace std::string_view_literals;

std::string Lower(std::string_view s) { return internal::LowerAscii(s); }

// A byte loop: the suffixes are one to four bytes, too short for a memcmp call.
bool EndsWith(std::string_view s, std::string_view suf) {
  if (s.size() < suf.size()) return false;
  const size_t off = s.size() - suf.size();
  for (size_t i = 0; i < suf.size(); ++i) {
    if (s[off + i] != suf[i]) return false;
  }
  return true;
}

// Splits a lexicon phrase into lower-case words exactly as ScanText splits text.
std::vector<std::string> PhraseWords(const std::string& phrase, const WordSet& abbreviations) {
  ScannedText st;
  ScanText(phrase, abbreviations, &st);
  std::vector<std::string> words;
  for (const Token& t : st.toks) words.push_back(t.low);
  return words;
}

void IndexPhrase(WordMap<std::vector<GraphPass::Phrase>>* index, std::vector<std::string> words,
                 int i, bool verb = false) {
  if (words.empty()) return;
  GraphPass::Phrase p;
  p.words = std::move(words);
  p.index = i;
  p.verb = verb;
  (*index)[p.words[0]].push_back(std::move(p));
}

void SortLongestFirst(WordMap<std::vector<GraphPass::Phrase>>* index) {
  for (auto& [w, list] : *index) {
    std::stable_sort(list.begin(), list.end(),
                     [](const auto& a, const auto& b) { return a.words.size() > b.words.size(); });
  }
}

// Words before a noun that make it a verb ("we plan to", "will visit", "to deal").
const WordSet& VerbContext() {
  static const WordSet s = {"to",    "will",   "would", "can",  "could", "may", "might", "must",
                            "shall", "should", "we",    "they", "i",     "you", "he",    "she",
                            "it",    "not",    "n't",   "did",  "does",  "do",  "who",   "also"};
  return s;
}

bool Inside(const Span& inner, const Span& outer) {
  return inner.begin >= outer.begin && inner.end <= outer.end;
}

bool Overlaps(const Span& a, const Span& b) { return a.begin < b.end && b.begin < a.end; }

// Days since 1970-01-01 of a valid YYYY-MM-DD date (H. Hinnant's days_from_civil).
int64_t DayNumber(const std::string& ymd) {
  int64_t y = std::stoi(ymd.substr(0, 4));
  const int64_t m = std::stoi(ymd.substr(5, 2));
  const int64_t d = std::stoi(ymd.substr(8, 2));
  y -= m <= 2 ? 1 : 0;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const int64_t yoe = y - era * 400;
  const int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

// One phrase occurrence in the text.
struct Hit {
  int32_t tb = 0, te = 0;  // tokens
  int index = 0;           // event type or relation cue
  int sentence = 0;
  bool verb = false;  // an event verb ("met")
};

struct EventWork {
  Event v;
  int type = 0;
  std::set<int> parts;              // entity indexes
  bool with_party = false;          // a mention is followed by "with" ("talks with the EU")
  std::vector<Span> verb_mentions;  // "met": not a name for the event
};

}  // namespace

// Per-document state of GraphPass::Run.
class PassWork {
 public:
  // `scanned`, when given, is ScanText(x->text) with the same abbreviations; it is
  // taken over (left empty) instead of scanning the text again.
  PassWork(const GraphPass& g, Extraction* x, ScannedText* scanned) : g_(g), x_(*x) {
    if (scanned != nullptr) {
      st_ = std::move(*scanned);
      scanned_ = true;
    }
  }
  void Run();

 private:
  const Token& T(int32_t k) const { return st_.toks[k]; }
  int32_t N() const { return static_cast<int32_t>(st_.toks.size()); }
  Span TokSpan(int32_t tb, int32_t te) const { return Span{T(tb).b, T(te - 1).e}; }
  std::string Text(const Span& s) const {
    return st_.Utf8(x_.text, static_cast<int32_t>(s.begin), static_cast<int32_t>(s.end));
  }

  void Prepare();
  std::vector<Hit> Match(const WordMap<std::vector<GraphPass::Phrase>>& index) const;
  int EntityAt(int32_t k) const { return k >= 0 && k < N() ? tok_ent_[k] : -1; }
  int EntityByName(const std::string& lower) const;
  int CountryEntity(const std::string& code);
  int32_t ClauseEnd(int32_t k, int sentence) const;
  int InnermostStatement(const Span& s, bool references) const;
  int RegionStatement(const Span& s) const;
  // A view, not a copy: InContent runs for every pair of statements.
  std::span<const Span> Pieces(const Statement& s) const {
    if (s.content_spans.empty()) return std::span<const Span>(&s.content, 1);
    return s.content_spans;
  }
  bool InContent(const Statement& s, const Span& span) const {
    for (const Span& p : Pieces(s)) {
      if (Inside(span, p)) return true;
    }
    return false;
  }
  int64_t Anchor(const Statement& s) const {
    int64_t a = s.content.begin;
    for (const Span& c : s.cue_spans) a = std::min(a, c.begin);
    return a;
  }

  std::optional<std::string> PublishedDay() const;
  std::optional<date::sys_days> DayAt(int32_t k, date::sys_days anchor, int32_t* end,
                                      bool* range = nullptr) const;
  void Dates();
  std::optional<std::string> EventDay(const Hit& h) const;
  std::vector<int> SyntaxParties(const Hit& h) const;
  void UnknownRoles();
  int ProposedBefore(int32_t k) const;
  void ResolveRoles();
  int PersonEntity(const schema::PersonDef& def);
  void References();
  void PruneReferences();
  void Events();
  void FinishEvents();
  bool IsMedia(const Entity& ent) const;
  int CountryOf(int e);
  int SpeakerNear(const Hit& h) const;
  void Relations();
  void RolesAndWarnings();
  void SeatMetonyms();
  void NormalizeAliases();
  void AddRelation(const std::string& type, const std::string& source, const std::string& target);
  std::string NewId(char prefix, const std::set<std::string>& taken) const;

  const GraphPass& g_;
  Extraction& x_;
  ScannedText st_;
  bool scanned_ = false;          // st_ came from the caller
  std::vector<int> sentence_of_;  // token -> sentence, -1 in boilerplate
  std::vector<int> tok_ent_;      // token -> entity index (smallest mention)
  int32_t title_para_ = -1;       // the paragraph holding the title
  size_t first_reference_ = 0;    // statements from here on were added by References()
  std::vector<EventWork> events_;
  std::vector<std::vector<int>> event_at_;  // token -> events mentioned there
  std::vector<char> anaphor_at_;            // token starts "the proposal": its event type + 1
  std::vector<std::pair<int32_t, int>> proposed_at_;  // proposed relations: (token, event)
  std::set<std::tuple<std::string, std::string, std::string>> seen_relations_;
};

void PassWork::Prepare() {
  if (!scanned_) ScanText(x_.text, g_.scan_words_, &st_);
  sentence_of_.assign(N(), -1);
  // Boilerplate: from the first paragraph opening with a marker, and id lines.
  int32_t cut_para = INT32_MAX;
  // Only a paragraph's first bytes can match a marker: lower-case no more of it.
  size_t longest = 0;
  for (const auto& m : g_.boilerplate_) longest = std::max(longest, m.size());
  for (size_t p = 0; p < st_.paras.size(); ++p) {
    auto [tb, te] = st_.paras[p];
    if (tb >= te) continue;
    const int32_t from = st_.byte_of[T(tb).b];
    const std::string_view para(x_.text.data() + from, st_.byte_of[T(te - 1).e] - from);
    std::string head = Lower(para.substr(0, longest));
    for (const auto& m : g_.boilerplate_) {
      if (head.rfind(m, 0) == 0) cut_para = std::min(cut_para, static_cast<int32_t>(p));
    }
    if (te - tb == 1 && T(tb).low.rfind("menafn", 0) == 0 && T(tb).low.size() > 12) {
      cut_para = std::min(cut_para, static_cast<int32_t>(p));
    }
  }
  for (size_t p = 0; p < st_.paras.size() && p < 4 && !x_.article.title.empty(); ++p) {
    auto [tb, te] = st_.paras[p];
    if (tb < te && Text(Span{T(tb).b, T(te - 1).e}) == x_.article.title) {
      title_para_ = static_cast<int32_t>(p);
    }
  }
  for (size_t i = 0; i < st_.sentences.size(); ++i) {
    const Sentence& s = st_.sentences[i];
    for (int32_t k = s.tb; k < s.te; ++k) {
      if (T(k).para < cut_para) sentence_of_[k] = static_cast<int>(i);
    }
  }
  tok_ent_.assign(N(), -1);
  std::vector<int64_t> best(N(), INT64_MAX);
  for (size_t e = 0; e < x_.entities.size(); ++e) {
    for (const Span& m : x_.entities[e].mentions) {
      auto lo = std::lower_bound(st_.toks.begin(), st_.toks.end(), m.begin,
                                 [](const Token& t, int64_t b) { return t.e <= b; });
      for (auto it = lo; it != st_.toks.end() && it->b < m.end; ++it) {
        size_t k = static_cast<size_t>(it - st_.toks.begin());
        if (m.end - m.begin < best[k]) {
          best[k] = m.end - m.begin;
          tok_ent_[k] = static_cast<int>(e);
        }
      }
    }
  }
  // Hyphenated pairs the gazetteer does not split: "Putin-Trump summit".
  for (int32_t k = 0; k < N(); ++k) {
    if (T(k).kind != TokKind::kWord || T(k).low.find('-') == std::string::npos) continue;
    if (tok_ent_[k] >= 0 || !T(k).cap) continue;
    const std::string& w = T(k).low;
    size_t start = 0;
    int32_t cp = T(k).b;
    while (start <= w.size()) {
      size_t dash = w.find('-', start);
      if (dash == std::string::npos) dash = w.size();
      std::string part = w.substr(start, dash - start);
      int e = EntityByName(part);
      // ASCII parts: one code point per byte inside the token.
      bool ascii = std::all_of(part.begin(), part.end(),
                               [](char c) { return static_cast<unsigned char>(c) < 0x80; });
      if (e >= 0 && ascii) {
        Span m{cp, cp + static_cast<int64_t>(part.size())};
        auto& mentions = x_.entities[e].mentions;
        if (std::find(mentions.begin(), mentions.end(), m) == mentions.end()) mentions.push_back(m);
      }
      cp += static_cast<int32_t>(part.size()) + 1;
      start = dash + 1;
      if (!ascii) break;
    }
  }
}

int PassWork::EntityByName(const std::string& lower) const {
  if (lower.empty()) return -1;
  // Lower(s) == lower, without building Lower(s): this runs over every entity.
  auto lower_equals = [&lower](std::string_view s) {
    if (s.size() != lower.size()) return false;
    for (size_t i = 0; i < s.size(); ++i) {
      const char c = s[i] >= 'A' && s[i] <= 'Z' ? static_cast<char>(s[i] - 'A' + 'a') : s[i];
      if (c != lower[i]) return false;
    }
    return true;
  };
  for (size_t e = 0; e < x_.entities.size(); ++e) {
    const Entity& ent = x_.entities[e];
    const std::string_view name = ent.name;
    if (lower_equals(name)) return static_cast<int>(e);
    if (ent.type == "person"sv) {
      size_t sp = name.rfind(' ');
      if (sp != std::string::npos && lower_equals(name.substr(sp + 1))) return static_cast<int>(e);
    }
    for (const auto& a : ent.aliases) {
      if (lower_equals(a)) return static_cast<int>(e);
    }
  }
  return -1;
}

// The entity of the country with ISO code `code`, added (without mentions) when the
// article has none.
int PassWork::CountryEntity(const std::string& code) {
  if (code.empty()) return -1;
  for (size_t e = 0; e < x_.entities.size(); ++e) {
    if (x_.entities[e].type == "country"sv && x_.entities[e].country == code)
      return static_cast<int>(e);
  }
  auto it = g_.country_code_.find(code);
  if (it == g_.country_code_.end()) return -1;
  std::set<std::string> taken;
  for (const auto& e : x_.entities) taken.insert(e.id);
  Entity c;
  c.id = NewId('e', taken);
  c.type = "country";
  c.name = it->second;
  c.country = code;
  x_.entities.push_back(std::move(c));
  return static_cast<int>(x_.entities.size()) - 1;
}

std::string PassWork::NewId(char prefix, const std::set<std::string>& taken) const {
  for (size_t n = taken.size() + 1;; ++n) {
    std::string id = std::string(1, prefix) + std::to_string(n);
    if (!taken.count(id)) return id;
  }
}

std::vector<Hit> PassWork::Match(const WordMap<std::vector<GraphPass::Phrase>>& index) const {
  std::vector<Hit> hits;
  for (int32_t k = 0; k < N(); ++k) {
    if (sentence_of_[k] < 0) continue;
    const std::vector<GraphPass::Phrase>* phrases = index.Find(T(k).low, T(k).hash);
    if (phrases == nullptr) continue;
    for (const auto& p : *phrases) {
      int32_t n = static_cast<int32_t>(p.words.size());
      if (k + n > N()) continue;
      bool ok = true;
      for (int32_t i = 1; i < n && ok; ++i) ok = SameWord(T(k + i).low, p.words[i]);
      if (!ok || sentence_of_[k + n - 1] != sentence_of_[k]) continue;
      hits.push_back(Hit{k, k + n, p.index, sentence_of_[k], p.verb});
      k += n - 1;
      break;
    }
  }
  return hits;
}

// One past the last token of the clause that starts at token k: the next comma,
// semicolon or colon outside quotation marks, or the sentence end.
int32_t PassWork::ClauseEnd(int32_t k, int sentence) const {
  const Sentence& s = st_.sentences[sentence];
  for (int32_t j = k; j < s.te; ++j) {
    const std::string& w = T(j).low;
    if (T(j).kind == TokKind::kPunct && (w == ","sv || w == ";"sv || w == ":"sv) && T(j).quote < 0)
      return j;
  }
  return s.te;
}

// The statement with the smallest content holding `s` (references only when asked).
int PassWork::InnermostStatement(const Span& s, bool references) const {
  int best = -1;
  int64_t best_len = INT64_MAX;
  for (size_t i = 0; i < x_.statements.size(); ++i) {
    const Statement& st = x_.statements[i];
    if (!references && st.type == "reference"sv) continue;
    if (st.type == "headline"sv) continue;
    if (!InContent(st, s)) continue;
    int64_t len = st.content.end - st.content.begin;
    if (len < best_len) {
      best_len = len;
      best = static_cast<int>(i);
    }
  }
  return best;
}

// The statement whose content frames an event mention: the outermost attributed
// statement holding it (a nested or unattributed one may be a fragment), else an
// attributed reference; -1 when none (the sentence is the region then).
int PassWork::RegionStatement(const Span& s) const {
  int best = -1;
  int64_t best_len = -1;
  for (int pass = 0; pass < 2 && best < 0; ++pass) {
    for (size_t i = 0; i < x_.statements.size(); ++i) {
      const Statement& st = x_.statements[i];
      if (st.speaker_entity.empty() || st.type == "headline"sv) continue;
      if ((st.type == "reference"sv) != (pass == 1)) continue;
      if (!InContent(st, s)) continue;
      int64_t len = st.content.end - st.content.begin;
      if (len > best_len) {
        best_len = len;
        best = static_cast<int>(i);
      }
    }
  }
  return best;
}

namespace {

bool RoleActive(const schema::RoleDef& r, const std::optional<std::string>& day) {
  return !day || ((!r.from || *r.from <= *day) && (!r.to || *day <= *r.to));
}

// True when every title word is a word of the role's title ("trade minister" and
// "Nigerian trade minister").
bool RoleMatches(const schema::RoleDef& r, const std::vector<std::string>& words) {
  std::set<std::string> role_words;
  std::string w;
  for (char c : Lower(r.title) + " ") {
    if (c == ' ') {
      if (!w.empty()) role_words.insert(w);
      w.clear();
    } else {
      w += c;
    }
  }
  for (const auto& t : words) {
    if (!role_words.count(t)) return false;
  }
  return !words.empty();
}

}  // namespace

// The published date when it is a well-formed YYYY-MM-DD, else nullopt.
std::optional<std::string> PassWork::PublishedDay() const {
  const auto& p = x_.article.published;
  if (!p || p->size() != 10 || (*p)[4] != '-' || (*p)[7] != '-') return std::nullopt;
  for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if ((*p)[i] < '0' || (*p)[i] > '9') return std::nullopt;
  }
  return p;
}

namespace {

std::optional<date::sys_days> ParseDay(const std::string& ymd) {
  if (ymd.size() != 10) return std::nullopt;
  const int y = std::atoi(ymd.substr(0, 4).c_str());
  const unsigned m = static_cast<unsigned>(std::atoi(ymd.substr(5, 2).c_str()));
  const unsigned d = static_cast<unsigned>(std::atoi(ymd.substr(8, 2).c_str()));
  const date::year_month_day ymd_value{date::year{y}, date::month{m}, date::day{d}};
  if (!ymd_value.ok()) return std::nullopt;
  return date::sys_days{ymd_value};
}

std::string FormatDay(date::sys_days d) {
  const date::year_month_day ymd{d};
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
  return buf;
}

}  // namespace

// The day a time expression starting at token k names, resolved against `anchor`
// (time.yaml); *end is one past its last token. Weekdays and months count only
// capitalised; "next Friday" names no past day and gives nothing.
std::optional<date::sys_days> PassWork::DayAt(int32_t k, date::sys_days anchor, int32_t* end,
                                              bool* range) const {
  if (range != nullptr) *range = false;
  auto number_at = [&](int32_t j) -> int {
    if (j >= N() || T(j).kind == TokKind::kPunct) return -1;
    const std::string& w = T(j).low;
    if (!w.empty() && w.size() <= 3 &&
        std::all_of(w.begin(), w.end(), [](char c) { return c >= '0' && c <= '9'; })) {
      return std::atoi(w.c_str());
    }
    const int* v = g_.number_.Find(w, T(j).hash);
    return v == nullptr ? -1 : *v;
  };
  // only the forms whose first word is this token's (or "#" when it is a number),
  // longest first: the token loop calls this for every word of the article
  const std::vector<int>* by_word = g_.time_forms_by_first_.Find(T(k).low, T(k).hash);
  const std::vector<int>* by_number = nullptr;
  if (number_at(k) >= 0) {  // (before the find: most words are no numbers)
    by_number = g_.time_forms_by_first_.Find("#");
  }
  std::vector<int> merged;  // both lists, in form order: only for a number word with forms
  const std::vector<int>* candidates = by_word != nullptr ? by_word : by_number;
  if (by_word != nullptr && by_number != nullptr) {
    merged = *by_word;
    merged.insert(merged.end(), by_number->begin(), by_number->end());
    std::sort(merged.begin(), merged.end());
    candidates = &merged;
  }
  static const std::vector<int> kNone;
  for (int ci : candidates != nullptr ? *candidates : kNone) {
    const auto& f = g_.time_forms_[ci];
    const int32_t n = static_cast<int32_t>(f.words.size());
    if (k + n > N()) continue;
    int times = 1;
    bool ok = true;
    for (int32_t i = 0; i < n && ok; ++i) {
      if (f.words[i] == "#"sv) {
        times = number_at(k + i);
        ok = times >= 0;
      } else {
        ok = SameWord(T(k + i).low, f.words[i]);
      }
    }
    if (!ok) continue;
    *end = k + n;
    const int units = f.offset * times;
    if (range != nullptr) *range = f.range;
    if (f.unit == 0) return anchor + date::days{units};
    if (f.unit == 1) {
      const date::weekday wd{anchor};
      const int since_monday = (static_cast<int>(wd.c_encoding()) + 6) % 7;
      return anchor - date::days{since_monday} + date::days{7 * units};
    }
    const date::year_month_day ymd{anchor};
    if (f.unit == 2) {
      const date::year_month ym = date::year_month{ymd.year(), ymd.month()} + date::months{units};
      return date::sys_days{ym / date::day{1}};
    }
    return date::sys_days{(ymd.year() + date::years{units}) / date::January / date::day{1}};
  }
  if (!T(k).cap || T(k).kind != TokKind::kWord) return std::nullopt;
  const std::string_view prev = k > 0 ? std::string_view(T(k - 1).low) : std::string_view();
  if (const int* wd = g_.weekday_.Find(T(k).low, T(k).hash)) {
    if (prev == "next"sv || prev == "coming"sv || prev == "this"sv) return std::nullopt;
    const date::weekday pw{anchor};
    int back = (static_cast<int>(pw.c_encoding()) - *wd + 7) % 7;
    if (prev == "last"sv && back == 0) back = 7;
    *end = k + 1;
    return anchor - date::days{back};
  }
  // "October 3", "Oct. 3", "3 October", with an optional year ("October 3, 2025").
  std::string_view mw = T(k).low;
  if (!mw.empty() && mw.back() == '.') mw.remove_suffix(1);
  const int* mo = g_.month_.Find(mw);
  if (mo == nullptr) return std::nullopt;
  int32_t j = k + 1;
  if (j < N() && T(j).low == "."sv) ++j;
  int day = number_at(j);
  int32_t after = j + 1;
  if (day < 1 && k > 0) {
    day = number_at(k - 1);
    after = k + 1;
  }
  if (day < 1 || day > 31) return std::nullopt;
  date::year y = date::year_month_day{anchor}.year();
  bool explicit_year = false;
  if (after + 1 < N() && T(after).low == ","sv && T(after + 1).low.size() == 4 &&
      T(after + 1).kind == TokKind::kNumber) {
    y = date::year{std::atoi(T(after + 1).low.c_str())};
    explicit_year = true;
    after += 2;
  }
  const date::year_month_day cand{y, date::month{static_cast<unsigned>(*mo)},
                                  date::day{static_cast<unsigned>(day)}};
  if (!cand.ok()) return std::nullopt;
  date::sys_days d{cand};
  if (!explicit_year && d > anchor)
    d = date::sys_days{(cand.year() - date::years{1}) / cand.month() / cand.day()};
  *end = std::max(after, k + 1);
  return d;
}

// Utterance dates (time.yaml): the day named nearest to a statement's cue in its
// frame - the cue's sentence outside every statement's content, but for an
// expression opening the statement's own content ("said yesterday that") - resolved
// against the published date; a day right after a reference noun ("Zakharova's
// remarks on Monday") is that earlier statement's. A statement whose frame names no
// day takes the first day found for its speaker, else none (never the published
// date); one reported inside another's quotation, or whose cue lies in another's
// content, keeps none (its day is the reporter's story, not the article's).
void PassWork::Dates() {
  const std::optional<std::string> published = PublishedDay();
  if (!published || g_.time_forms_.empty()) return;
  const std::optional<date::sys_days> anchor = ParseDay(*published);
  if (!anchor) return;
  std::vector<char> in_content(N(), 0);
  for (const Statement& st : x_.statements) {
    if (st.type == "reference"sv || st.type == "headline"sv) continue;
    for (const Span& p : Pieces(st)) {
      auto it = std::lower_bound(st_.toks.begin(), st_.toks.end(), p.begin,
                                 [](const Token& t, int64_t b) { return t.e <= b; });
      for (; it != st_.toks.end() && it->b < p.end; ++it) in_content[it - st_.toks.begin()] = 1;
    }
  }
  auto first_word = [&](const Span& p) {
    auto it = std::lower_bound(st_.toks.begin(), st_.toks.end(), p.begin,
                               [](const Token& t, int64_t b) { return t.e <= b; });
    while (it != st_.toks.end() && it->b < p.end && it->kind != TokKind::kWord) ++it;
    return static_cast<int32_t>(it - st_.toks.begin());
  };
  std::vector<std::optional<date::sys_days>> own(x_.statements.size());
  // DayAt per token, once: statements of one sentence scan the same words.
  struct DayMemo {
    bool done = false;
    int32_t end = 0;
    std::optional<date::sys_days> day;
  };
  std::vector<DayMemo> day_memo(N());
  auto day_at = [&](int32_t k, int32_t* end) {
    DayMemo& m = day_memo[k];
    if (!m.done) {
      m.done = true;
      m.end = k;
      m.day = DayAt(k, *anchor, &m.end);
    }
    *end = m.end;
    return m.day;
  };
  std::map<std::string, date::sys_days> by_speaker;
  std::vector<size_t> order(x_.statements.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    return Anchor(x_.statements[a]) < Anchor(x_.statements[b]);
  });
  // A statement whose cue lies in another one's content ("Sybiha said Russia had
  // rejected ...") is reported by it: like a nested one it keeps no day of its own.
  std::vector<char> embedded(x_.statements.size(), 0);
  // Which statements may hold another's cue: the type tests once, not per pair.
  std::vector<char> framing(x_.statements.size(), 0);
  for (size_t o = 0; o < x_.statements.size(); ++o) {
    framing[o] = x_.statements[o].type != "reference"sv && x_.statements[o].type != "headline"sv;
  }
  for (size_t i = 0; i < x_.statements.size(); ++i) {
    const Statement& st = x_.statements[i];
    for (size_t o = 0; o < x_.statements.size() && !st.cue_spans.empty() && !embedded[i]; ++o) {
      if (o == i || !framing[o]) continue;
      if (InContent(x_.statements[o], st.cue_spans[0])) embedded[i] = 1;
    }
  }
  for (size_t i : order) {
    Statement& st = x_.statements[i];
    if (st.type == "reference"sv || st.type == "headline"sv || !st.reported_by.empty() ||
        st.cue_spans.empty() || embedded[i]) {
      if (embedded[i] || !st.reported_by.empty()) st.date.reset();
      continue;
    }
    const Span cue = st.cue_spans[0];
    auto it = std::lower_bound(st_.toks.begin(), st_.toks.end(), cue.begin,
                               [](const Token& t, int64_t b) { return t.e <= b; });
    if (it == st_.toks.end()) continue;
    const int32_t cb = static_cast<int32_t>(it - st_.toks.begin());
    int32_t ce = cb;
    while (ce < N() && T(ce).b < cue.end) ++ce;
    const int sentence = sentence_of_[cb];
    if (sentence < 0) continue;
    // First words of this statement's pieces, and the words of a piece before its
    // "that" ("said in interviews over the past two days that ..."): the frame.
    std::set<int32_t> openings;
    for (const Span& p : Pieces(st)) {
      const int32_t f = first_word(p);
      openings.insert(f);
      for (int32_t t = f; t < std::min(N(), f + 10) && T(t).b < p.end; ++t) {
        if (T(t).low == "that"sv && t > f) {
          for (int32_t u = f; u < t; ++u) openings.insert(u);
          break;
        }
      }
    }
    const Sentence& sent = st_.sentences[sentence];
    int32_t best_d = INT32_MAX;
    for (int32_t k = sent.tb; k < sent.te; ++k) {
      if (in_content[k] && !openings.count(k)) continue;
      if (T(k).quote >= 0 && !openings.count(k)) continue;
      int32_t end = k;
      std::optional<date::sys_days> d = day_at(k, &end);
      if (!d) continue;
      // The day of an earlier statement the frame names ("Responding to Zakharova's
      // remarks on Monday, Sybiha said"), not of this one.
      int32_t before = k - 1;
      if (before > sent.tb && (T(before).low == "on"sv || T(before).low == "from"sv)) --before;
      if (before >= sent.tb && g_.reference_nouns_.Has(T(before))) {
        k = end - 1;
        continue;
      }
      bool clean = true;  // no word of the expression in someone's content but the opening
      for (int32_t j = k + 1; j < end && clean; ++j) clean = !in_content[j] || openings.count(j);
      if (!clean) continue;
      const int32_t dist = k >= ce ? k - ce : cb - end;
      if (dist < best_d) {
        best_d = dist;
        own[i] = d;
      }
      k = end - 1;
    }
    if (own[i] && !st.speaker_entity.empty()) by_speaker.emplace(st.speaker_entity, *own[i]);
  }
  // The statement extractor's own reading of days is replaced: a day this pass
  // leaves out (one in reported content, or of an earlier statement) stays out.
  for (size_t i = 0; i < x_.statements.size(); ++i) {
    Statement& st = x_.statements[i];
    if (st.type == "reference"sv || st.type == "headline"sv || !st.reported_by.empty() ||
        embedded[i]) {
      continue;
    }
    if (own[i]) {
      st.date = FormatDay(*own[i]);
      continue;
    }
    auto it = st.speaker_entity.empty() ? by_speaker.end() : by_speaker.find(st.speaker_entity);
    if (it != by_speaker.end()) {
      st.date = FormatDay(it->second);
    } else {
      st.date.reset();
    }
  }
}

// The day an event mention names right after its trigger, in its clause ("met in
// Tokyo on Saturday"); nothing when the sentence looks ahead ("will meet on Friday").
std::optional<std::string> PassWork::EventDay(const Hit& h) const {
  const std::optional<std::string> published = PublishedDay();
  if (!published) return std::nullopt;
  const std::optional<date::sys_days> anchor = ParseDay(*published);
  if (!anchor) return std::nullopt;
  const Sentence& sent = st_.sentences[h.sentence];
  for (int32_t k = sent.tb; k < sent.te; ++k) {
    if (g_.future_.Has(T(k))) return std::nullopt;
  }
  const int32_t end = std::min(ClauseEnd(h.te, h.sentence), h.te + 6);
  for (int32_t k = h.te; k < end && T(k).kind != TokKind::kPunct;
       ++k) {  // "met in Tokyo on Saturday"
    int32_t e = k;
    bool range = false;  // an event is dated by a day, not by the start of a week
    if (std::optional<date::sys_days> d = DayAt(k, *anchor, &e, &range); d && !range)
      return FormatDay(*d);
  }
  return std::nullopt;
}

// The entity of a people.yaml person, added (without mentions) when absent.
int PassWork::PersonEntity(const schema::PersonDef& def) {
  for (size_t e = 0; e < x_.entities.size(); ++e) {
    if (x_.entities[e].type == "person"sv && x_.entities[e].name == def.name)
      return static_cast<int>(e);
  }
  std::set<std::string> taken;
  for (const auto& e : x_.entities) taken.insert(e.id);
  Entity p;
  p.id = NewId('e', taken);
  p.type = "person";
  p.name = def.name;
  p.country = def.country;
  x_.entities.push_back(std::move(p));
  return static_cast<int>(x_.entities.size()) - 1;
}

// A role that changed hands: "the minister" names whoever held the role on the
// published date. A speaker given by a title ("Nigeria's trade minister", "The
// minister") whose resolved person did not hold that title then, or a country, or
// nobody, becomes the one person who did; pronouns that followed the old
// resolution follow the new one until the old person is named again.
void PassWork::ResolveRoles() {
  const std::optional<std::string> day = PublishedDay();
  if (!day) return;
  static const WordSet kSkip = {"the", "a",   "an",        "its",    "their",
                                "his", "her", "country's", "former", "then"};
  auto def_of = [&](const std::string& name) -> const schema::PersonDef* {
    for (const auto& p : g_.people_) {
      if (p.name == name) return &p;
    }
    return nullptr;
  };
  auto entity_of = [&](const std::string& id) -> int {
    for (size_t e = 0; e < x_.entities.size(); ++e) {
      if (x_.entities[e].id == id) return static_cast<int>(e);
    }
    return -1;
  };
  std::vector<size_t> order(x_.statements.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    return Anchor(x_.statements[a]) < Anchor(x_.statements[b]);
  });
  std::map<std::string, int> remap;  // old speaker entity id -> new entity index
  int last_holder = -1;              // the last speaker resolved by a role
  std::vector<std::string> last_words;
  for (size_t i : order) {
    Statement& s = x_.statements[i];
    if (s.speaker_spans.size() != 1 || s.type == "headline"sv || s.type == "reference"sv) continue;
    const Span sp = s.speaker_spans[0];
    auto it = std::lower_bound(st_.toks.begin(), st_.toks.end(), sp.begin,
                               [](const Token& t, int64_t b) { return t.b < b; });
    std::vector<std::string> words;
    bool named = false, pronoun = false;
    int place = -1;  // the country of "<Country>'s minister"
    int32_t count = 0;
    for (; it != st_.toks.end() && it->e <= sp.end; ++it, ++count) {
      const int32_t k = static_cast<int32_t>(it - st_.toks.begin());
      if (it->kind != TokKind::kWord) continue;
      if (EndsWith(it->low, "'s") && EntityAt(k) >= 0 &&
          x_.entities[EntityAt(k)].type == "country"sv) {
        place = EntityAt(k);
        continue;
      }
      if (kSkip.Has(*it)) continue;
      if (it->cap) named = true;  // a name, or a capitalised title we leave alone
      if (VerbContext().Has(*it) || it->low == "him"sv || it->low == "they"sv) pronoun = true;
      words.push_back(it->low);
    }
    if (count == 1 && pronoun) {
      auto r = remap.find(s.speaker_entity);
      if (r != remap.end()) {
        s.speaker = x_.entities[r->second].name;
        s.speaker_entity = x_.entities[r->second].id;
      }
      continue;
    }
    const int old = entity_of(s.speaker_entity);
    if (named || words.empty() || pronoun) {
      if (old >= 0) remap.erase(x_.entities[old].id);
      continue;
    }
    // A title: who held it on the day?
    const schema::PersonDef* resolved =
        old >= 0 && x_.entities[old].type == "person"sv ? def_of(x_.entities[old].name) : nullptr;
    std::string country;
    if (place >= 0) country = x_.entities[place].country;
    if (old >= 0 && x_.entities[old].type == "country"sv) country = x_.entities[old].country;
    bool keep = false;
    if (resolved != nullptr) {
      for (const auto& r : resolved->roles) {
        if (!RoleMatches(r, words)) continue;
        if (RoleActive(r, day)) keep = true;
        if (country.empty()) country = r.country;
      }
      if (keep || country.empty()) continue;
    } else if (old >= 0 && x_.entities[old].type != "country"sv) {
      continue;  // an organisation or an unknown person: not ours to change
    }
    int holder = -1;
    if (!country.empty()) {
      const schema::PersonDef* only = nullptr;
      int n = 0;
      for (const auto& p : g_.people_) {
        for (const auto& r : p.roles) {
          if (r.country == country && RoleActive(r, day) && RoleMatches(r, words)) {
            if (only != &p) ++n;
            only = &p;
          }
        }
      }
      if (n == 1) holder = PersonEntity(*only);
    } else if (std::vector<std::string> sorted = words;
               old < 0 && last_holder >= 0 && (std::sort(sorted.begin(), sorted.end()), true) &&
               std::includes(last_words.begin(), last_words.end(), sorted.begin(), sorted.end())) {
      holder = last_holder;  // "the minister" after "Nigeria's trade minister"
    }
    if (holder < 0) continue;
    if (old >= 0 && x_.entities[old].type == "person"sv) {
      auto& m = x_.entities[old].mentions;
      m.erase(std::remove(m.begin(), m.end(), sp), m.end());
      remap[x_.entities[old].id] = holder;
    }
    auto& hm = x_.entities[holder].mentions;
    if (std::find(hm.begin(), hm.end(), sp) == hm.end()) hm.push_back(sp);
    auto& ha = x_.entities[holder].aliases;
    if (std::find(ha.begin(), ha.end(), Text(sp)) == ha.end()) ha.push_back(Text(sp));
    s.speaker = x_.entities[holder].name;
    s.speaker_entity = x_.entities[holder].id;
    last_holder = holder;
    last_words = words;
    std::sort(last_words.begin(), last_words.end());
  }
}

void PassWork::References() {
  first_reference_ = x_.statements.size();
  std::set<std::string> taken;
  for (const auto& s : x_.statements) taken.insert(s.id);
  auto named_by_cue = [&](const Span& cue) {
    for (const auto& s : x_.statements) {
      for (const Span& c : s.cue_spans) {
        if (Overlaps(c, cue)) return true;
      }
    }
    return false;
  };
  auto speaker_ok = [&](int e) {
    return e >= 0 && (x_.entities[e].type == "person"sv || x_.entities[e].type == "country"sv ||
                      x_.entities[e].type == "organization"sv);
  };
  for (int32_t k = 1; k < N(); ++k) {
    if (sentence_of_[k] < 0 || !g_.reference_nouns_.Has(T(k))) continue;
    const Span cue = TokSpan(k, k + 1);
    if (named_by_cue(cue)) continue;
    int sentence = sentence_of_[k];
    int speaker = -1;
    Span content;
    // "<Entity>'s [adj] <noun>"
    for (int32_t j = k - 1; j >= std::max<int32_t>(0, k - 3) && sentence_of_[j] == sentence; --j) {
      if (EndsWith(T(j).low, "'s") || (T(j).low == "'"sv && j > 0)) {
        int32_t owner = T(j).low == "'"sv ? j - 1 : j;
        if (speaker_ok(EntityAt(owner))) {
          speaker = EntityAt(owner);
          content = Span{T(k).b, T(ClauseEnd(k, sentence) - 1).e};
        }
        break;
      }
      if (T(j).kind != TokKind::kWord || T(j).cap) break;
    }
    // "(a|the) [adj] <noun> (from|by) [title] <Entity>"
    const bool generic = T(k - 1).low == "any"sv || T(k - 1).low == "no"sv;  // "any statement from"
    if (speaker < 0 && !generic && k + 1 < N() &&
        (T(k + 1).low == "from"sv || T(k + 1).low == "by"sv)) {
      int32_t person_at = -1, any_at = -1;
      for (int32_t j = k + 2; j < std::min(N(), k + 8) && sentence_of_[j] == sentence; ++j) {
        if (T(j).kind != TokKind::kWord) break;
        if (!speaker_ok(EntityAt(j))) continue;
        if (any_at < 0) any_at = j;
        if (x_.entities[EntityAt(j)].type == "person"sv) {
          person_at = j;
          break;
        }
      }
      if (const int32_t j = person_at >= 0 ? person_at : any_at; j >= 0) {
        speaker = EntityAt(j);
        int32_t end = j;
        while (end + 1 < N() && EntityAt(end + 1) == speaker) ++end;
        int32_t begin = k;  // back over "a recent", not over "about"
        static const WordSet kStop = {
            "about", "to",    "of",   "for",     "with",      "on",         "in",  "at", "by",
            "from",  "after", "over", "echoing", "regarding", "concerning", "and", "or", "that"};
        while (begin - 1 >= 0 && sentence_of_[begin - 1] == sentence &&
               T(begin - 1).kind == TokKind::kWord && !T(begin - 1).cap && begin > k - 3 &&
               !kStop.Has(T(begin - 1))) {
          --begin;
          if (T(begin).low == "a"sv || T(begin).low == "an"sv || T(begin).low == "the"sv) break;
        }
        content = Span{T(begin).b, T(end).e};
      }
    }
    if (speaker < 0) continue;
    Statement s;
    s.id = NewId('s', taken);
    taken.insert(s.id);
    s.content = content;
    s.text = Text(content);
    s.type = "reference";
    s.speaker = x_.entities[speaker].name;
    s.speaker_entity = x_.entities[speaker].id;
    s.cue = T(k).low;
    s.cue_spans.push_back(cue);
    s.speech_act = "assert";
    x_.statements.push_back(std::move(s));
  }
}

// The parties the syntax around an event trigger names, in text order; empty when
// it names none. After the trigger: "between X and Y", "of X with Y", "with Y",
// "on/against Y" (of sanctions, tariffs and strikes: the target); before it: "X's
// [adjective] <trigger>"; around a verb: its subjects "X and Y met", its object "met
// (with) Z". Titles and articles may stand before a name ("with President Xi").
std::vector<int> PassWork::SyntaxParties(const Hit& h) const {
  const int sentence = h.sentence;
  auto same = [&](int32_t j) { return j >= 0 && j < N() && sentence_of_[j] == sentence; };
  // The entity named from token j on, skipping articles and title words; *next is
  // one past its mention.
  auto entity_from = [&](int32_t j, int32_t* next) -> int {
    while (same(j) && EntityAt(j) < 0 &&
           (T(j).low == "the"sv || g_.titles_.Has(T(j)) ||
            (T(j).cap && T(j).kind == TokKind::kWord && EntityAt(j + 1) >= 0))) {
      ++j;
    }
    if (!same(j) || EntityAt(j) < 0) return -1;
    int e = EntityAt(j);
    while (same(j) && EntityAt(j) == e) ++j;
    // "US President Donald Trump": the person the demonym and title stand before.
    if (x_.entities[e].type != "person"sv) {
      int32_t k = j;
      while (same(k) && EntityAt(k) < 0 && T(k).kind == TokKind::kWord && T(k).cap &&
             g_.titles_.Has(T(k)))
        ++k;
      if (k > j && same(k) && EntityAt(k) >= 0 && x_.entities[EntityAt(k)].type == "person"sv) {
        e = EntityAt(k);
        j = k;
        while (same(j) && EntityAt(j) == e) ++j;
      }
    }
    *next = j;
    return e;
  };
  // The entity whose mention ends at token j (backwards over its tokens).
  auto entity_before = [&](int32_t j, int32_t* first) -> int {
    if (!same(j) || EntityAt(j) < 0) return -1;
    const int e = EntityAt(j);
    while (same(j - 1) && EntityAt(j - 1) == e) --j;
    *first = j;
    return e;
  };
  std::vector<int> out;
  auto add = [&](int e) {
    if (e >= 0 && std::find(out.begin(), out.end(), e) == out.end()) out.push_back(e);
  };
  const std::string& type = g_.types_[h.index].type;
  const bool targeted = type == "sanctions"sv || type == "tariffs"sv || type == "strike"sv;
  int32_t j = h.te, next = 0;
  if (h.verb) {
    // Subjects: "X and Y met", "X met", "X, who met".
    int32_t k = h.tb - 1, first = 0;
    if (same(k - 1) && T(k).low == "who"sv && T(k - 1).low == ","sv) k -= 2;
    std::vector<int> subjects;
    while (same(k)) {
      int e = entity_before(k, &first);
      if (e < 0) break;
      subjects.insert(subjects.begin(), e);
      k = first - 1;
      // "British Prime Minister" before "Keir Starmer"
      while (same(k) && T(k).kind == TokKind::kWord &&
             ((EntityAt(k) < 0 && (g_.titles_.Has(T(k)) || T(k).cap)) ||
              (EntityAt(k) >= 0 && x_.entities[EntityAt(k)].type != "person"sv &&
               x_.entities[e].type == "person"sv)))
        --k;
      if (same(k) && (T(k).low == "and"sv || T(k).low == ","sv)) {
        --k;
        continue;
      }
      break;
    }
    if (subjects.empty()) return {};
    for (int e : subjects) add(e);
    if (same(j) && T(j).low == "with"sv) ++j;
    if (int e = entity_from(j, &next); e >= 0) add(e);
    return out;
  }
  if (same(j) && T(j).low == "between"sv) {
    int a = entity_from(j + 1, &next);
    if (a >= 0 && same(next) && T(next).low == "and"sv) {
      int32_t n2 = 0;
      int b = entity_from(next + 1, &n2);
      if (b >= 0) {
        add(a);
        add(b);
        return out;
      }
    }
  }
  if (same(j) && T(j).low == "of"sv) {
    int a = entity_from(j + 1, &next);
    if (a >= 0) {
      add(a);
      if (same(next) && (T(next).low == "with"sv || T(next).low == "and"sv)) {
        int32_t n2 = 0;
        add(entity_from(next + 1, &n2));
      }
      return out;
    }
  }
  // "X's [new] sanctions [on Y]"
  int owner = -1;
  for (int32_t k = h.tb - 1; same(k) && k >= h.tb - 3; --k) {
    if (EndsWith(T(k).low, "'s") || EndsWith(T(k).low, "\xE2\x80\x99s")) {
      owner = EntityAt(k);
      break;
    }
    if (T(k).kind != TokKind::kWord || T(k).cap) break;
  }
  int target = -1;
  if (same(j) &&
      (T(j).low == "with"sv || (targeted && (T(j).low == "on"sv || T(j).low == "against"sv)))) {
    target = entity_from(j + 1, &next);
  }
  if (owner >= 0) add(owner);
  if (owner >= 0 || (target >= 0 && targeted)) add(target);
  return out;
}

void PassWork::Events() {
  std::vector<Hit> hits = Match(g_.triggers_);
  // Drop generic and verbal uses.
  std::vector<Hit> kept;
  for (const Hit& h : hits) {
    int32_t p = h.tb - 1;
    if (p >= 0 && T(p).low == "any"sv) continue;
    if (p >= 1 && T(p).low == "such"sv && T(p - 1).low == "any"sv) continue;
    if (!h.verb && h.te - h.tb == 1 && p >= 0 && VerbContext().Has(T(p))) continue;
    if (h.verb && SyntaxParties(h).size() < 2) continue;  // "the plan met resistance"
    kept.push_back(h);
  }
  // Region of each hit: the innermost statement content holding it, within its
  // sentence; else the sentence.
  struct Region {
    int sentence;
    int statement;
    bool operator<(const Region& o) const {
      return std::tie(sentence, statement) < std::tie(o.sentence, o.statement);
    }
  };
  std::map<Region, std::vector<size_t>> by_region;
  for (size_t i = 0; i < kept.size(); ++i) {
    Region r{kept[i].sentence, RegionStatement(TokSpan(kept[i].tb, kept[i].te))};
    by_region[r].push_back(i);
  }
  // Entities nearest to each hit: within its region, and within its sentence (the
  // fallback of a states event whose region names fewer parties than it needs, or
  // one party after "with": "Sybiha on Sunday condemned a Russian drone attack" ->
  // Russia, and Ukraine from the sentence).
  std::vector<std::vector<int>> assigned(kept.size()), in_sentence(kept.size());
  auto assign = [&](int sentence, int statement, const std::vector<size_t>& list,
                    std::vector<std::vector<int>>* out) {
    const Sentence& s = st_.sentences[sentence];
    int last_ent = -1;
    for (int32_t k = s.tb; k < s.te; ++k) {
      int e = EntityAt(k);
      if (e < 0) {
        last_ent = -1;
        continue;
      }
      if (e == last_ent) continue;  // one mention over several tokens
      last_ent = e;
      if (statement >= 0 && !InContent(x_.statements[statement], TokSpan(k, k + 1))) continue;
      size_t best = list[0];
      int32_t best_d = INT32_MAX;
      for (size_t i : list) {
        int32_t d = k < kept[i].tb ? kept[i].tb - k : k - (kept[i].te - 1);
        if (d < best_d) {
          best_d = d;
          best = i;
        }
      }
      (*out)[best].push_back(e);
    }
  };
  std::map<int, std::vector<size_t>> by_sentence;
  for (auto& [r, list] : by_region) {
    assign(r.sentence, r.statement, list, &assigned);
    if (r.statement >= 0)
      by_sentence[r.sentence].insert(by_sentence[r.sentence].end(), list.begin(), list.end());
  }
  for (auto& [sentence, list] : by_sentence) {
    std::sort(list.begin(), list.end());
    assign(sentence, -1, list, &in_sentence);
  }
  event_at_.assign(N(), {});
  anaphor_at_.assign(N(), 0);
  for (size_t i = 0; i < kept.size(); ++i) {
    const Hit& h = kept[i];
    const schema::EventTypeDef& def = g_.types_[h.index];
    const bool headline = T(h.tb).para == title_para_;
    const std::string prev = h.tb > 0 ? T(h.tb - 1).low : "";
    const std::string next = h.te < N() ? T(h.te).low : "";
    // "the proposal": the event proposed last, resolved with the relations.
    if (def.anaphoric && (prev == "the"sv || prev == "this"sv || prev == "that"sv) &&
        next != "of"sv && next != "for"sv && next != "from"sv && next != "by"sv && next != "to"sv) {
      anaphor_at_[h.tb] = static_cast<char>(h.index + 1);
      continue;
    }
    std::set<int> parts;
    // A headline names the speaker with the subject ("Kyiv Condemns Drone Attack"):
    // its participants are left to the body, but for "... Pact With Chile".
    if (headline && next == "with"sv) {
      for (int e : assigned[i]) {
        bool after = false;
        for (const Span& m : x_.entities[e].mentions) after = after || m.begin >= T(h.te).e;
        if (after && !IsMedia(x_.entities[e])) parts.insert(e);
      }
    }
    // The syntax around the trigger names the parties when it can ("talks between X
    // and Y", "X's sanctions on Y", "a meeting of X with Y", "X and Y met").
    const std::vector<int> syntax = headline ? std::vector<int>{} : SyntaxParties(h);
    if (!syntax.empty()) {
      for (int e : syntax) {
        const Entity& ent = x_.entities[e];
        if (IsMedia(ent)) continue;
        if (def.participants == "people"sv && ent.type == "person"sv) {
          parts.insert(e);
        } else if (ent.type == "country"sv) {
          parts.insert(e);
        } else if (ent.type == "organization"sv) {
          parts.insert(g_.country_alias_.count(Lower(ent.name)) ? CountryOf(e) : e);
        } else {
          parts.insert(CountryOf(e));
        }
      }
      parts.erase(-1);
      if (syntax.size() >= 2 && static_cast<int>(parts.size()) < def.min_parties) {
        int sp = SpeakerNear(h);
        if (sp >= 0) {
          int party = def.participants == "people"sv && x_.entities[sp].type == "person"sv
                          ? sp
                          : CountryOf(sp);
          if (party >= 0) parts.insert(party);
        }
      }
    }
    if (!headline && syntax.size() < 2) {
      std::vector<int> persons, states;
      for (int e : assigned[i]) {
        const Entity& ent = x_.entities[e];
        if (ent.type == "person"sv) {
          persons.push_back(e);
        } else if (ent.type == "country"sv) {
          states.push_back(e);
        } else if (ent.type == "organization"sv && !IsMedia(ent)) {
          states.push_back(g_.country_alias_.count(Lower(ent.name)) ? CountryOf(e) : e);
        }
      }
      if (def.participants == "people"sv && !persons.empty()) {
        parts.insert(persons.begin(), persons.end());
      } else if (!states.empty()) {
        parts.insert(states.begin(), states.end());
      } else {
        for (int p : persons) parts.insert(CountryOf(p));
      }
      parts.erase(-1);
      // Fewer parties than the kind needs, all of them parties of an earlier event of
      // the kind: that event again ("Zelensky's call for a ceasefire"), not parties
      // gathered from the sentence.
      bool earlier = false;
      for (const EventWork& ev : events_) {
        if (next == "with"sv) break;  // "a summit with Xi": the speaker is the other party
        earlier = earlier ||
                  (ev.type == h.index && !parts.empty() && ev.parts.size() > parts.size() &&
                   std::includes(ev.parts.begin(), ev.parts.end(), parts.begin(), parts.end()));
      }
      if (earlier) {
        // nothing to add: the merge below joins it to that event
      } else if (def.participants != "people"sv &&
                 (static_cast<int>(parts.size()) < def.min_parties ||
                  (next == "with"sv && parts.size() < 2))) {
        for (int e : in_sentence[i]) {
          const Entity& ent = x_.entities[e];
          if (ent.type == "country"sv) {
            parts.insert(e);
          } else if (ent.type == "organization"sv && !IsMedia(ent)) {
            // a state's body ("Russian Foreign Ministry") stands for the state
            parts.insert(g_.country_alias_.count(Lower(ent.name)) || !ent.country.empty()
                             ? CountryEntity(ent.country)
                             : e);
          }
        }
        parts.erase(-1);
      }
      // "talks with the EU", fewer parties than the kind needs: the one speaking of
      // it is the other party.
      const bool with = next == "with"sv;
      if (!earlier && (with || static_cast<int>(parts.size()) < def.min_parties)) {
        int sp = SpeakerNear(h);
        if (sp >= 0) {
          int party = def.participants == "people"sv && x_.entities[sp].type == "person"sv
                          ? sp
                          : CountryOf(sp);
          if (party >= 0) parts.insert(party);
        }
      }
    }
    // Merge with the latest event of the type whose participants agree; a definite
    // mention the syntax names no party of ("the sanctions") is the latest one.
    int target = -1;
    // a definite mention that repeats an earlier mention's noun ("the sanctions")
    // and whose syntax names no party is that event
    // ("last week's election", "Sunday's vote" are definite too)
    bool timed = false;
    if (EndsWith(prev, "'s")) {
      const std::string owner = prev.substr(0, prev.size() - 2);
      timed = g_.weekday_.count(owner) || owner == "week"sv || owner == "month"sv ||
              owner == "year"sv || owner == "weekend"sv || owner == "yesterday"sv ||
              owner == "today"sv;
    }
    if (syntax.empty() && !headline &&
        (prev == "the"sv || prev == "these"sv || prev == "those"sv || timed)) {
      auto stem = [](std::string w) {
        if (!w.empty() && w.back() == 's') w.pop_back();
        return w;
      };
      const std::string noun = stem(Lower(Text(TokSpan(h.te - 1, h.te))));
      for (int v = static_cast<int>(events_.size()) - 1; v >= 0 && target < 0; --v) {
        if (events_[v].type != h.index) continue;
        for (const Span& m : events_[v].v.mentions) {
          const std::string t = Lower(Text(m));
          const size_t sp = t.rfind(' ');
          if (stem(sp == std::string::npos ? t : t.substr(sp + 1)) == noun) target = v;
        }
      }
      if (target >= 0 && !events_[target].parts.empty()) parts.clear();
    }
    for (int v = static_cast<int>(events_.size()) - 1; v >= 0 && target < 0; --v) {
      EventWork& ev = events_[v];
      if (ev.type != h.index) continue;
      bool agree = parts.empty() || ev.parts.empty() ||
                   std::includes(ev.parts.begin(), ev.parts.end(), parts.begin(), parts.end()) ||
                   std::includes(parts.begin(), parts.end(), ev.parts.begin(), ev.parts.end());
      if (agree) {
        target = v;
        break;
      }
    }
    const Span span = TokSpan(h.tb, h.te);
    if (target < 0) {
      EventWork ev;
      ev.type = h.index;
      ev.v.type = def.type;
      ev.v.id = "v" + std::to_string(events_.size() + 1);
      events_.push_back(std::move(ev));
      target = static_cast<int>(events_.size()) - 1;
    }
    EventWork& ev = events_[target];
    // Where statements are made: a mention in a statement's frame takes its date.
    if (def.setting && !ev.v.date && RegionStatement(span) < 0) {
      const Span sentence = TokSpan(st_.sentences[h.sentence].tb, st_.sentences[h.sentence].te);
      for (const Statement& c : x_.statements) {
        if (c.type == "reference"sv || c.type == "headline"sv || !c.date ||
            !Inside(c.content, sentence))
          continue;
        bool cue_here = false;
        for (const Span& cs : c.cue_spans) cue_here = cue_here || Inside(cs, sentence);
        if (cue_here) {
          ev.v.date = c.date;
          break;
        }
      }
    }
    if (!ev.v.date && !headline) ev.v.date = EventDay(h);
    ev.parts.insert(parts.begin(), parts.end());
    ev.v.mentions.push_back(span);
    if (h.verb) ev.verb_mentions.push_back(span);
    if (next == "with"sv) ev.with_party = true;
    for (int32_t k = h.tb; k < h.te; ++k) event_at_[k].push_back(target);
  }
}

// The event an anaphor at token k ("the offer") stands for: the latest one proposed
// before it by a cue of the same stem ("offered"), else the latest one proposed.
int PassWork::ProposedBefore(int32_t k) const {
  const std::string noun = T(k).low.substr(0, 4);
  int latest = -1, same = -1;
  for (const auto& [at, ev] : proposed_at_) {
    if (at >= k) continue;
    latest = ev;
    if (noun.size() == 4 && T(at).low.rfind(noun, 0) == 0) same = ev;
  }
  return same >= 0 ? same : latest;
}

// Writes the events: participants and a name ("Putin-Trump summit").
void PassWork::FinishEvents() {
  for (EventWork& ev : events_) {
    std::string who;
    ev.v.participants.clear();
    for (int p : ev.parts) {
      const Entity& ent = x_.entities[p];
      std::string shortname = ent.name;
      if (ent.type == "person"sv && shortname.rfind(' ') != std::string::npos) {
        shortname = shortname.substr(shortname.rfind(' ') + 1);
      }
      who += (who.empty() ? "" : "-") + shortname;
      ev.v.participants.push_back(ent.id);
    }
    // The trigger written most often names the event ("summit" over "meeting").
    std::map<std::string, int> count;
    std::string head;
    for (const Span& m : ev.v.mentions) {
      if (std::find(ev.verb_mentions.begin(), ev.verb_mentions.end(), m) != ev.verb_mentions.end())
        continue;
      std::string t = Lower(Text(m));
      if (++count[t] > count[head] || head.empty()) head = t;
    }
    if (head.empty()) head = ev.v.type;
    ev.v.name = who.empty() ? head : who + " " + head;
    x_.events.push_back(ev.v);
  }
}

bool PassWork::IsMedia(const Entity& ent) const {
  if (g_.media_.count(Lower(ent.name))) return true;
  return std::find(x_.article.outlets.begin(), x_.article.outlets.end(), ent.name) !=
         x_.article.outlets.end();
}

// The country an entity acts for: itself, the country of a seat of government
// ("Kremlin"), or the country of the role a person holds on the published date.
int PassWork::CountryOf(int e) {
  if (e < 0) return -1;
  const Entity& ent = x_.entities[e];
  if (ent.type == "country"sv) return e;
  if (ent.type == "organization"sv) {
    return g_.country_alias_.count(Lower(ent.name)) ? CountryEntity(ent.country) : -1;
  }
  for (const auto& p : g_.people_) {
    if (p.name != ent.name) continue;
    std::string code;
    for (const auto& r : p.roles) {
      const std::optional<std::string> day = PublishedDay();
      bool active = !day || ((!r.from || *r.from <= *day) && (!r.to || *day <= *r.to));
      if (active && !r.country.empty()) code = r.country;
    }
    return CountryEntity(code);
  }
  return -1;
}

// Who speaks of the thing at `h`: the speaker of the innermost statement holding it,
// else of a statement whose cue is in the same sentence; -1 when unresolved.
int PassWork::SpeakerNear(const Hit& h) const {
  int st = -1;
  int64_t best_len = INT64_MAX;
  for (size_t i = 0; i < x_.statements.size(); ++i) {  // innermost attributed one
    const Statement& c = x_.statements[i];
    if (c.speaker_entity.empty() || c.type == "headline"sv || !InContent(c, TokSpan(h.tb, h.te)))
      continue;
    if (c.content.end - c.content.begin < best_len) {
      best_len = c.content.end - c.content.begin;
      st = static_cast<int>(i);
    }
  }
  if (st < 0) {
    const Span sentence = TokSpan(st_.sentences[h.sentence].tb, st_.sentences[h.sentence].te);
    for (size_t i = 0; i < x_.statements.size() && st < 0; ++i) {
      const Statement& c = x_.statements[i];
      if (c.type == "reference"sv || c.type == "headline"sv || c.speaker_entity.empty()) continue;
      for (const Span& cs : c.cue_spans) {
        if (Inside(cs, sentence)) st = static_cast<int>(i);
      }
    }
  }
  if (st < 0 || x_.statements[st].speaker_entity.empty()) return -1;
  for (size_t e = 0; e < x_.entities.size(); ++e) {
    if (x_.entities[e].id == x_.statements[st].speaker_entity) return static_cast<int>(e);
  }
  return -1;
}

void PassWork::AddRelation(const std::string& type, const std::string& source,
                           const std::string& target) {
  if (source.empty() || target.empty() || source == target) return;
  if (!seen_relations_.insert({type, source, target}).second) return;
  x_.relations.push_back(Relation{type, source, target});
}

void PassWork::Relations() {
  std::vector<Hit> hits = Match(g_.cue_index_);
  const auto& ss = x_.statements;
  // Statements by position.
  std::vector<size_t> order(ss.size());
  for (size_t i = 0; i < ss.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(),
                   [&](size_t a, size_t b) { return Anchor(ss[a]) < Anchor(ss[b]); });
  auto cue_in = [&](const Statement& s, const Span& region) {
    for (const Span& c : s.cue_spans) {
      if (Inside(c, region)) return true;
    }
    return false;
  };
  auto first_statement_in = [&](const Span& region, int exclude) -> int {
    for (size_t i : order) {
      if (static_cast<int>(i) == exclude || ss[i].type == "headline"sv) continue;
      if (cue_in(ss[i], region)) return static_cast<int>(i);
    }
    return -1;
  };
  auto first_event_in = [&](int32_t tb, int32_t te) -> int {
    for (int32_t k = tb; k < te; ++k) {
      if (anaphor_at_[k]) {
        if (int v = ProposedBefore(k); v >= 0) return v;
        // nothing proposed yet ("The Commission proposed the plan"): the latest
        // event of its type named before it
        int latest = -1;
        for (size_t v = 0; v < events_.size(); ++v) {
          if (events_[v].type != anaphor_at_[k] - 1) continue;
          for (const Span& m : events_[v].v.mentions) {
            if (m.begin < T(k).b) latest = static_cast<int>(v);
          }
        }
        if (latest >= 0) return latest;
      }
      if (!event_at_[k].empty()) return event_at_[k][0];
    }
    return -1;
  };
  auto entity_index = [&](const std::string& id) -> int {
    for (size_t e = 0; e < x_.entities.size(); ++e) {
      if (x_.entities[e].id == id) return static_cast<int>(e);
    }
    return -1;
  };
  std::map<size_t, int> answered_event;         // statement -> event it responded to
  std::map<size_t, size_t> answered_statement;  // statement -> statement it responded to
  std::set<size_t> answered;
  for (const Hit& h : hits) {
    const schema::RelationCueDef& cue = g_.cues_[h.index];
    const Sentence& sent = st_.sentences[h.sentence];
    const Span phrase = TokSpan(h.tb, h.te);
    const Span sentence_span = TokSpan(sent.tb, sent.te);
    if (cue.relation == "responded_to"sv) {
      int source = -1;
      std::string target;
      int target_event = -1;
      int also_event = -1;  // a second target: the event a "call for" names
      if (cue.target == "scope"sv) {
        int32_t end = ClauseEnd(h.te, h.sentence);
        Span scope{phrase.end, end > h.te ? T(end - 1).e : phrase.end};
        int inner = InnermostStatement(phrase, false);
        int st = first_statement_in(scope, inner);
        if (st >= 0) {
          target = ss[st].id;
        } else if (int v = first_event_in(h.te, end); v >= 0) {
          target = events_[v].v.id;
          target_event = v;
        }
        if (inner >= 0) {
          source = inner;
        } else {
          Span after{scope.end, sentence_span.end};
          for (size_t i : order) {
            if (ss[i].type == "reference"sv || ss[i].type == "headline"sv) continue;
            if (cue_in(ss[i], after)) {
              source = static_cast<int>(i);
              break;
            }
          }
        }
      } else if (cue.target == "after"sv) {
        int32_t end = std::min(ClauseEnd(h.te, h.sentence), h.te + 8);
        if (end > h.te) {
          // What comes first: "rejected the proposal" (an event), "responded to
          // Zelensky's remarks about an offensive" (a statement); "dismissed
          // Zelensky's call for a ceasefire" answers both the call and the ceasefire.
          const int v = first_event_in(h.te, end);
          int32_t v_at = end;
          for (int32_t k = h.te; v >= 0 && k < end && v_at == end; ++k) {
            if (anaphor_at_[k] || !event_at_[k].empty()) v_at = k;
          }
          const int st = first_statement_in(Span{phrase.end, T(end - 1).e}, -1);
          const bool statement_first =
              st >= 0 &&
              (v < 0 || (!ss[st].cue_spans.empty() && ss[st].cue_spans[0].begin < T(v_at).b));
          if (statement_first) {
            target = ss[st].id;
            const Span cue_span = ss[st].cue_spans.empty() ? Span{} : ss[st].cue_spans[0];
            auto after_cue = std::upper_bound(st_.toks.begin(), st_.toks.end(), cue_span.end - 1,
                                              [](int64_t b, const Token& t) { return b < t.b; });
            if (v >= 0 && after_cue != st_.toks.end() && after_cue->low == "for"sv) also_event = v;
          } else if (v >= 0) {
            target = events_[v].v.id;
            target_event = v;
          }
        }
        for (size_t i : order) {  // the statement whose cue is the phrase
          for (const Span& c : ss[i].cue_spans) {
            if (Overlaps(c, phrase) && ss[i].type != "reference"sv) source = static_cast<int>(i);
          }
        }
        // Inside what someone says ("Sybiha said Russia had rejected ..."), the one who
        // rejects is not the speaker, unless the clause's subject is the speaker's own
        // side ("Peskov said Moscow had taken note of ...").
        if (const int inner = InnermostStatement(phrase, false); source < 0 && inner >= 0) {
          const int speaker = entity_index(ss[inner].speaker_entity);
          for (int32_t j = h.tb - 1; speaker >= 0 && j >= std::max(sent.tb, h.tb - 4); --j) {
            if (T(j).kind == TokKind::kPunct) break;
            const int e = EntityAt(j);
            if (e < 0) continue;
            if (e == speaker || (CountryOf(e) >= 0 && CountryOf(e) == CountryOf(speaker)))
              source = inner;
            break;
          }
        }
        if (source < 0 && InnermostStatement(phrase, true) < 0) {
          for (size_t i : order) {
            if (ss[i].type == "reference"sv || ss[i].type == "headline"sv) continue;
            if (cue_in(ss[i], sentence_span)) {
              source = static_cast<int>(i);
              break;
            }
          }
        }
      } else {  // antecedent
        source = InnermostStatement(phrase, false);
        if (source >= 0) {
          int64_t at = Anchor(ss[source]);
          for (auto it = order.rbegin(); it != order.rend(); ++it) {
            const Statement& c = ss[*it];
            if (static_cast<int>(*it) == source || Anchor(c) >= at || c.type == "headline"sv)
              continue;
            if (!c.speaker_entity.empty() && c.speaker_entity == ss[source].speaker_entity)
              continue;
            target = c.id;
            break;
          }
        }
      }
      if (source >= 0 && also_event >= 0) {
        AddRelation("responded_to", ss[source].id, events_[also_event].v.id);
      }
      if (source >= 0 && !target.empty() && target != ss[source].id) {
        AddRelation("responded_to", ss[source].id, target);
        answered.insert(static_cast<size_t>(source));
        if (target_event >= 0) answered_event[static_cast<size_t>(source)] = target_event;
        for (size_t t = 0; t < ss.size(); ++t) {
          if (ss[t].id == target) answered_statement[static_cast<size_t>(source)] = t;
        }
      }
    } else {  // proposed
      int32_t end = std::min(sent.te, h.te + 12);
      int v = first_event_in(h.te, end);
      std::string actor;
      // The passive: "The offer was put forward by Howard Lutnick".
      if (v < 0 && h.tb > sent.tb && h.te < sent.te && T(h.te).low == "by"sv) {
        const std::string& aux = T(h.tb - 1).low;
        if (aux == "was"sv || aux == "were"sv || aux == "been"sv || aux == "is"sv ||
            aux == "are"sv) {
          v = first_event_in(sent.tb, h.tb);
          for (int32_t j = h.te + 1; v >= 0 && j < std::min(sent.te, h.te + 7); ++j) {
            const int e = EntityAt(j);
            if (e < 0 || IsMedia(x_.entities[e])) continue;
            if (actor.empty() || x_.entities[e].type == "person"sv) actor = x_.entities[e].id;
            if (x_.entities[e].type == "person"sv) break;
          }
          if (actor.empty()) v = -1;
        }
      }
      if (v < 0) continue;
      // "<Entity>'s <phrase>"
      if (h.tb > 0 && EndsWith(T(h.tb - 1).low, "'s") && EntityAt(h.tb - 1) >= 0) {
        actor = x_.entities[EntityAt(h.tb - 1)].id;
      }
      // the subject just before the phrase, in the same clause
      for (int32_t j = h.tb - 1; actor.empty() && j >= std::max(sent.tb, h.tb - 4); --j) {
        if (T(j).kind == TokKind::kPunct) break;
        int e = EntityAt(j);
        if (e >= 0) {
          const Entity& ent = x_.entities[e];
          bool outlet = std::find(x_.article.outlets.begin(), x_.article.outlets.end(), ent.name) !=
                        x_.article.outlets.end();
          if (!outlet) actor = ent.id;
          break;
        }
      }
      if (actor.empty()) {
        for (const auto& s : ss) {
          for (const Span& c : s.cue_spans) {
            if (Overlaps(c, phrase) && !s.speaker_entity.empty()) actor = s.speaker_entity;
          }
        }
      }
      if (actor.empty()) {
        int st = InnermostStatement(phrase, false);
        if (st >= 0) actor = ss[st].speaker_entity;
      }
      if (!actor.empty() && entity_index(actor) >= 0) {
        AddRelation("proposed", actor, events_[v].v.id);
        proposed_at_.emplace_back(h.tb, v);
        // "called for a summit with Xi": who proposes it is the other party.
        EventWork& ev = events_[v];
        if (ev.with_party) {
          const int a = entity_index(actor);
          const Entity& ent = x_.entities[a];
          int party = -1;
          if (g_.types_[ev.type].participants == "people"sv && ent.type == "person"sv) {
            party = a;
          } else if (ent.type == "organization"sv && !g_.country_alias_.count(Lower(ent.name))) {
            party = IsMedia(ent) ? -1 : a;
          } else {
            party = CountryOf(a);
          }
          if (party >= 0) ev.parts.insert(party);
        }
      }
    }
  }
  // The proposer of a proposal noun: "Erdogan's offer", "an offer by Erdogan to host".
  for (int32_t k = 0; k < N(); ++k) {
    if (event_at_[k].empty() ||
        (k > 0 && !event_at_[k - 1].empty() && event_at_[k - 1][0] == event_at_[k][0])) {
      continue;  // not the first token of a mention
    }
    const int v = event_at_[k][0];
    if (!g_.types_[events_[v].type].anaphoric) continue;
    int32_t e = k;
    while (e + 1 < N() && !event_at_[e + 1].empty() && event_at_[e + 1][0] == v) ++e;
    int actor = -1;
    if (k > 0 && EndsWith(T(k - 1).low, "'s")) actor = EntityAt(k - 1);
    // "a US offer", "a European Union proposal": a state or body named before it by
    // its name or an abbreviation (a demonym is ambiguous: "the Chilean offer" is
    // the one made to Chile)
    if (actor < 0 && k > 0 && EntityAt(k - 1) >= 0 &&
        x_.entities[EntityAt(k - 1)].type != "person"sv && T(k - 1).kind == TokKind::kWord &&
        T(k - 1).cap) {
      const Entity& ent = x_.entities[EntityAt(k - 1)];
      int32_t b = k - 1;
      while (b > 0 && EntityAt(b - 1) == EntityAt(k - 1)) --b;
      const std::string written = Text(TokSpan(b, k));
      if (written == ent.name || T(k - 1).upper) actor = EntityAt(k - 1);
    }
    if (actor < 0 && e + 1 < N() && (T(e + 1).low == "by"sv || T(e + 1).low == "from"sv)) {
      for (int32_t j = e + 2; j < std::min(N(), e + 7) && T(j).kind == TokKind::kWord; ++j) {
        if (EntityAt(j) >= 0 && x_.entities[EntityAt(j)].type == "person"sv) {
          actor = EntityAt(j);
          break;
        }
        if (actor < 0 && EntityAt(j) >= 0) actor = EntityAt(j);
      }
    }
    if (actor >= 0 && !IsMedia(x_.entities[actor])) {
      AddRelation("proposed", x_.entities[actor].id, events_[v].v.id);
    }
  }
  // Anaphors become mentions of the event proposed last before them.
  for (int32_t k = 0; k < N(); ++k) {
    if (!anaphor_at_[k]) continue;
    const int v = ProposedBefore(k);
    if (v < 0) continue;
    events_[v].v.mentions.push_back(TokSpan(k, k + 1));
  }
  // A statement that goes on about the event its predecessor answered, by the same
  // speaker or for the same country ("Chile turned down the proposal" - "We thank
  // the Commission for a serious offer," Foreign Minister Tomas Reyes said).
  auto side = [&](const Statement& st) -> int {
    int e = entity_index(st.speaker_entity);
    return e < 0 ? -1 : CountryOf(e);
  };
  for (size_t n = 1; n < order.size(); ++n) {
    size_t prev = order[n - 1], cur = order[n];
    auto it = answered_event.find(prev);
    if (it == answered_event.end() || answered.count(cur)) continue;
    if (ss[cur].speaker_entity.empty() || ss[cur].type == "reference"sv) continue;
    const bool same = ss[cur].speaker_entity == ss[prev].speaker_entity ||
                      (side(ss[cur]) >= 0 && side(ss[cur]) == side(ss[prev]));
    if (!same) continue;
    bool mentions = false;
    for (const Span& m : events_[it->second].v.mentions)
      mentions = mentions || InContent(ss[cur], m);
    if (!mentions) continue;
    AddRelation("responded_to", ss[cur].id, events_[it->second].v.id);
    answered.insert(cur);
    answered_event[cur] = it->second;
  }
  // Likewise a statement that goes on to name the one it answered ("Responding to
  // Lavrov's remarks, Sybiha said ..." - "Mr Lavrov says Moscow never refused ...").
  for (size_t n = 1; n < order.size(); ++n) {
    size_t prev = order[n - 1], cur = order[n];
    auto it = answered_statement.find(prev);
    if (it == answered_statement.end() || answered.count(cur)) continue;
    if (ss[cur].speaker_entity.empty() || ss[cur].type == "reference"sv) continue;
    if (ss[cur].speaker_entity != ss[prev].speaker_entity) continue;
    const int named = entity_index(ss[it->second].speaker_entity);
    if (named < 0 || ss[it->second].speaker_entity == ss[cur].speaker_entity) continue;
    bool mentions = false;
    for (const Span& m : x_.entities[named].mentions) mentions = mentions || InContent(ss[cur], m);
    if (!mentions) continue;
    AddRelation("responded_to", ss[cur].id, ss[it->second].id);
    answered.insert(cur);
    answered_statement[cur] = it->second;
  }
}

void PassWork::RolesAndWarnings() {
  const std::optional<std::string> day = PublishedDay();
  for (Entity& ent : x_.entities) {
    if (ent.type != "person"sv) continue;
    const schema::PersonDef* def = nullptr;
    for (const auto& p : g_.people_) {
      if (p.name == ent.name) def = &p;
    }
    if (def == nullptr || def->roles.empty()) continue;
    auto active = [&](const schema::RoleDef& r) {
      if (!day) return true;
      return (!r.from || *r.from <= *day) && (!r.to || *day <= *r.to);
    };
    std::vector<std::string> roles;
    for (const auto& r : def->roles) {
      if (active(r) && std::find(roles.begin(), roles.end(), r.title) == roles.end())
        roles.push_back(r.title);
    }
    if (!day) continue;
    ent.roles = roles;
    // Titles written before the name: "Prime Minister Shigeru Ishiba".
    std::set<std::string> warned;
    for (const Span& m : ent.mentions) {
      auto it = std::lower_bound(st_.toks.begin(), st_.toks.end(), m.begin,
                                 [](const Token& t, int64_t b) { return t.b < b; });
      int32_t k = static_cast<int32_t>(it - st_.toks.begin());
      if (k >= N() || T(k).b != m.begin || sentence_of_[k] < 0) continue;
      // The title: capitalised words right before the mention, or inside it before the name.
      std::vector<std::string> title;
      std::string surname = Lower(ent.name.substr(ent.name.rfind(' ') + 1));
      std::string first = Lower(ent.name.substr(0, ent.name.find(' ')));
      bool has_name = false;
      for (int32_t j = k; j < N() && T(j).e <= m.end; ++j) {
        if (T(j).low == first || T(j).low == surname || T(j).low == surname + "'s") {
          has_name = true;
          break;
        }
        title.push_back(T(j).low);
      }
      if (!has_name) continue;  // "the minister": a resolution, not a title given by name
      // Only title words (lexicon titles), "of"/"the" and country words ("Japanese").
      auto country_word = [&](int32_t j) {
        return EntityAt(j) >= 0 && x_.entities[EntityAt(j)].type == "country"sv;
      };
      auto title_word = [&](int32_t j) {
        return T(j).kind == TokKind::kWord &&
               (g_.titles_.Has(T(j)) || T(j).low == "of"sv || T(j).low == "the"sv);
      };
      bool plain_title = true;
      std::vector<std::string> kept_title;
      for (int32_t j = k; j < k + static_cast<int32_t>(title.size()); ++j) {
        if (country_word(j)) continue;
        plain_title = plain_title && title_word(j);
        kept_title.push_back(T(j).low);
      }
      if (!plain_title) continue;
      title = kept_title;
      // The words before the name: capitalised title words, "of"/"the" inside them
      // ("Secretary of State"), and "former"/"then" in front.
      bool former = false;
      const bool titled_inside = !title.empty();  // "Japanese Prime Minister Sanae Takaichi"
      for (const auto& w : title) {
        former = former || w == "former"sv || w == "then"sv || w == "candidate"sv ||
                 w == "nominee"sv || w == "presidential"sv || EndsWith(w, "-elect");
      }
      for (int32_t j = k - 1; j >= 0 && j >= k - 7 && sentence_of_[j] == sentence_of_[k]; --j) {
        const std::string& w = T(j).low;
        if (w == "former"sv || w == "then"sv || w == "then-"sv || w == "late"sv || w == "ex"sv ||
            w.rfind("ex-", 0) == 0 || w.rfind("then-", 0) == 0 || w == "candidate"sv ||
            w == "nominee"sv || w == "presidential"sv || w == "hopeful"sv || w == "future"sv ||
            EndsWith(w, "-elect")) {
          former = true;
          break;
        }
        if (country_word(j)) continue;
        if (!title_word(j)) break;
        if (!titled_inside) title.insert(title.begin(), w);
      }
      std::vector<std::string> words;
      for (const auto& w : title) {
        if (w == "minister"sv || w == "president"sv || w == "secretary"sv || w == "chancellor"sv ||
            w == "prime"sv || w == "spokesperson"sv || w == "spokesman"sv || w == "spokeswoman"sv ||
            w == "premier"sv || w == "governor"sv || w == "senator"sv || w == "foreign"sv ||
            w == "vice"sv || w == "deputy"sv || w == "state"sv || w == "trade"sv) {
          words.push_back(w);
        }
      }
      if (former || words.empty()) continue;
      // A title held later than the date cannot be history ("Prime Minister Takaichi" in
      // 2024); one held earlier can ("signed by President Bill Clinton in 1994"), so it
      // contradicts the date only when the person speaks with it.
      bool speaks = false;
      for (const auto& st : x_.statements) {
        for (const Span& sp : st.speaker_spans) speaks = speaks || Overlaps(sp, m);
      }
      bool any_match = false, active_match = false;
      std::string held;
      for (const auto& r : def->roles) {
        std::string rt = Lower(r.title);
        bool match = true;
        for (const auto& w : words) match = match && rt.find(w) != std::string::npos;
        if (!match) continue;
        if (active(r)) active_match = true;
        // Held later than the date, or given to a speaker less than a year after the
        // role changed hands (US usage keeps "Governor" for life: older is no signal).
        const bool later = r.from && *day < *r.from;
        const bool recent = r.to && DayNumber(*day) - DayNumber(*r.to) <= 366;
        if (!later && !(speaks && recent)) continue;
        any_match = true;
        if (held.empty()) held = r.title + " " + r.from.value_or("?") + ".." + r.to.value_or("");
      }
      std::string title_text;
      for (const auto& w : title) title_text += (title_text.empty() ? "" : " ") + w;
      if (any_match && !active_match && warned.insert(title_text).second) {
        x_.article.warnings.push_back("role \"" + title_text + "\" given to " + ent.name +
                                      " contradicts the published date " + *day + " (held " + held +
                                      ")");
      }
    }
  }
}

void PassWork::SeatMetonyms() {
  // "the Kremlin said": a seat of government that speaks names its country too. The
  // seat is a statement's speaker, or its mention runs up to a statement's cue.
  std::vector<std::pair<int, Span>> add;
  for (size_t e = 0; e < x_.entities.size(); ++e) {
    const Entity& ent = x_.entities[e];
    if (ent.type != "organization"sv || !g_.country_alias_.count(Lower(ent.name))) continue;
    for (const Span& m : ent.mentions) {
      bool speaks = false;
      for (const auto& s : x_.statements) {
        if (s.type == "reference"sv) continue;
        for (const Span& sp : s.speaker_spans) speaks = speaks || Overlaps(sp, m);
        for (const Span& c : s.cue_spans)
          speaks = speaks || (c.begin >= m.end && c.begin - m.end <= 2);
      }
      // Not inside a person's name: "Kremlin spokesperson Dmitry Peskov" is a person.
      for (const Entity& other : x_.entities) {
        if (other.type != "person"sv) continue;
        for (const Span& om : other.mentions) {
          if (Inside(m, om) && !(om == m)) speaks = false;
        }
      }
      if (speaks) add.emplace_back(static_cast<int>(e), m);
    }
  }
  for (auto& [e, sp] : add) {
    int c = CountryEntity(x_.entities[e].country);
    if (c < 0) continue;
    auto& mentions = x_.entities[c].mentions;
    if (std::find(mentions.begin(), mentions.end(), sp) == mentions.end()) mentions.push_back(sp);
    std::string alias = Text(sp);
    auto& aliases = x_.entities[c].aliases;
    if (std::find(aliases.begin(), aliases.end(), alias) == aliases.end()) aliases.push_back(alias);
  }
}

void PassWork::Run() {
  if (x_.text.empty()) return;
  Prepare();
  ResolveRoles();
  Dates();
  References();
  Events();
  Relations();
  PruneReferences();
  FinishEvents();
  RolesAndWarnings();
  SeatMetonyms();
  UnknownRoles();
  NormalizeAliases();
}

// A person no gazetteer lists, titled with a demonym or a country's possessive
// ("Russian Foreign Minister Sergei Dumont", "South African President Cyril
// Ramaphosa", "Nigeria's trade minister Ade Bello"), holds the title of that
// country: "Foreign Minister of Russia"; the country is a separate entity and
// becomes the person's country.
void PassWork::UnknownRoles() {
  for (size_t self = 0; self < x_.entities.size(); ++self) {
    Entity& ent = x_.entities[self];
    if (ent.type != "person"sv) continue;
    bool listed = false;
    for (const auto& p : g_.people_) listed = listed || p.name == ent.name;
    if (listed) continue;
    for (const Span& m : ent.mentions) {
      auto it = std::lower_bound(st_.toks.begin(), st_.toks.end(), m.begin,
                                 [](const Token& t, int64_t b) { return t.b < b; });
      const int32_t k = static_cast<int32_t>(it - st_.toks.begin());
      if (k >= N() || T(k).b != m.begin) continue;
      // The title: title words (and capitalised words before one: "Trade Minister")
      // right before the name, in the same paragraph.
      int32_t j = k - 1;
      auto free = [&](int32_t t) {
        return EntityAt(t) < 0 || EntityAt(t) == static_cast<int>(self);
      };
      while (j >= 0 && T(j).para == T(k).para && T(j).kind == TokKind::kWord && free(j) &&
             (g_.titles_.Has(T(j)) || (T(j).cap && j + 1 < k && g_.titles_.Has(T(j + 1))))) {
        --j;
      }
      if (j + 1 >= k || j < 0 || EntityAt(j) < 0) continue;
      const Entity& place = x_.entities[EntityAt(j)];
      if (place.type != "country"sv) continue;
      std::string title = Text(TokSpan(j + 1, k));
      if (title.find(" of ") != std::string::npos || g_.titles_.count(Lower(title)) == 0) {
        // a lone title word must be a title; several words need one
        bool any = false;
        for (int32_t t = j + 1; t < k; ++t) any = any || g_.titles_.Has(T(t));
        if (!any || title.find(" of ") != std::string::npos) continue;
      }
      if (title.size() > 1 && T(j + 1).low == "former"sv) continue;
      const std::string role =
          title + " of " + (g_.definite_countries_.count(place.name) ? "the " : "") + place.name;
      // The role as the statement extractor wrote it ("Russian Foreign Minister",
      // "President") gives way to the country's.
      std::vector<std::string> kept;
      for (const auto& r : ent.roles) {
        if (!EndsWith(Lower(r), Lower(title))) kept.push_back(r);
      }
      if (std::find(kept.begin(), kept.end(), role) == kept.end()) kept.push_back(role);
      ent.roles = std::move(kept);
      if (ent.country.empty()) ent.country = place.country;
    }
  }
}

// Aliases are names, one per case-folded form: a person's alias keeps its words from
// the first word of the canonical name on ("Kremlin spokesperson Dmitry Peskov" ->
// "Dmitry Peskov", "President Putin" -> "Putin"); a form with no word of the name is
// a name only when every word after an article is capitalised and, for a person, not
// all of them are titles ("MBS", "Moscow", "US"); the rest ("the spokesman", "The official")
// become descriptions, so a search for "official" does not find the man. The
// mentions stay as they are.
void PassWork::NormalizeAliases() {
  auto split = [](const std::string& s) {
    std::vector<std::string> words;
    size_t i = 0;
    while (i < s.size()) {
      size_t j = s.find(' ', i);
      if (j == std::string::npos) j = s.size();
      if (j > i) words.push_back(s.substr(i, j - i));
      i = j + 1;
    }
    return words;
  };
  auto bare = [](std::string w) {  // lower case, possessive dropped
    w = Lower(w);
    if (EndsWith(w, "'s"))
      w.resize(w.size() - 2);
    else if (EndsWith(w, "\xE2\x80\x99s"))
      w.resize(w.size() - 4);
    return w;
  };
  auto join = [](const std::vector<std::string>& w, size_t from) {
    std::string out;
    for (size_t i = from; i < w.size(); ++i) out += (out.empty() ? "" : " ") + w[i];
    return out;
  };
  for (Entity& ent : x_.entities) {
    std::set<std::string> name_words;
    for (const auto& w : split(ent.name)) name_words.insert(bare(w));
    const bool person = ent.type == "person"sv;
    std::vector<std::string> names, descriptions;
    std::map<std::string, size_t> seen_names, seen_descriptions;  // folded -> index
    // Of two spellings that fold alike the one written in running text wins: not all
    // capitals ("SANTIAGO" in a dateline), lower-case first ("the spokesman").
    auto rank = [](const std::string& s) {
      bool lower = false;
      for (char c : s) lower = lower || (c >= 'a' && c <= 'z');
      return (lower ? 0 : 2) + (s[0] >= 'A' && s[0] <= 'Z' ? 1 : 0);
    };
    auto add = [&](std::vector<std::string>* list, std::map<std::string, size_t>* seen,
                   std::string s) {
      if (s.empty()) return;
      auto [it, fresh] = seen->emplace(Lower(s), list->size());
      if (fresh) {
        list->push_back(std::move(s));
      } else if (rank(s) < rank((*list)[it->second])) {
        (*list)[it->second] = std::move(s);
      }
    };
    // A name: capitalised words, "the" first, short particles inside ("of", "bin",
    // "von der"); never a lower-case verb or noun ("help Ukraine").
    auto is_name = [&](const std::vector<std::string>& w) {
      if (w.empty()) return false;
      for (size_t i = 0; i < w.size(); ++i) {
        const unsigned char c = static_cast<unsigned char>(w[i][0]);
        const bool upper = (c >= 'A' && c <= 'Z') || c >= 0x80 || (c >= '0' && c <= '9');
        if (upper) continue;
        if (i == 0 && w.size() > 1 && Lower(w[i]) == "the"sv) continue;
        if (i + 1 < w.size() && w[i].size() <= 3 && (i > 0 || person)) continue;
        return false;
      }
      return true;
    };
    const std::string folded_name = Lower(ent.name);
    for (std::string alias : ent.aliases) {
      // "Hugh Hill, a doctor": the name before the comma, the rest describes him.
      if (size_t comma = alias.find(','); comma != std::string::npos) {
        std::string rest = alias.substr(comma + 1);
        while (!rest.empty() && rest[0] == ' ') rest.erase(0, 1);
        if (!rest.empty()) add(&descriptions, &seen_descriptions, rest);
        alias.resize(comma);
      }
      if (Lower(alias) == folded_name) alias = ent.name;  // "Russian foreign ministry"
      std::vector<std::string> words = split(alias);
      if (words.empty()) continue;
      size_t first_name_word = words.size();
      for (size_t i = 0; i < words.size() && first_name_word == words.size(); ++i) {
        if (name_words.count(bare(words[i]))) first_name_word = i;
      }
      if (person && first_name_word < words.size()) {
        std::string name = join(words, first_name_word);
        if (EndsWith(name, "'s"))
          name.resize(name.size() - 2);
        else if (EndsWith(name, "\xE2\x80\x99s"))
          name.resize(name.size() - 4);
        if (is_name(split(name))) add(&names, &seen_names, std::move(name));
        continue;
      }
      if (!person && first_name_word < words.size()) {
        if (is_name(words)) {
          add(&names, &seen_names, alias);
        } else if (!EndsWith(Lower(words[first_name_word]), "'s") &&
                   !EndsWith(words[first_name_word], "\xE2\x80\x99s")) {
          // "the European Union's" aside, a phrase holding the name describes it;
          // "Russia's top diplomat" is someone else.
          add(&descriptions, &seen_descriptions, alias);
        }
        continue;
      }
      size_t from = 0;
      const std::string w0 = Lower(words[0]);
      if (words.size() > 1 && (w0 == "the"sv || w0 == "a"sv || w0 == "an"sv)) from = 1;
      bool capitalised = true, all_titles = true;
      for (size_t i = from; i < words.size(); ++i) {
        const unsigned char c = static_cast<unsigned char>(words[i][0]);
        capitalised = capitalised && ((c >= 'A' && c <= 'Z') || c >= 0x80);
        all_titles = all_titles && g_.titles_.count(bare(words[i])) > 0;
      }
      // Titles alone ("President") describe a person; "US" names a country.
      const bool proper = capitalised && !(person && all_titles) && is_name(words);
      // Not a name: a description when it is one ("the spokesman", "Kremlin
      // spokesperson"): an article first or a title or speaker noun last.
      const std::string last = bare(words.back());
      const bool describes = from == 1 || g_.titles_.count(last) || g_.speaker_nouns_.count(last);
      if (proper) {
        add(&names, &seen_names, alias);
      } else if (describes) {
        add(&descriptions, &seen_descriptions, alias);
      }
    }
    ent.aliases = std::move(names);
    for (auto& d : ent.descriptions) add(&descriptions, &seen_descriptions, d);
    ent.descriptions = std::move(descriptions);
  }
}

// A reference statement added here stays only when a relation answers it: it exists
// to carry responded_to, and is not an attribution in PolNeAR's sense.
void PassWork::PruneReferences() {
  std::set<std::string> targets;
  for (const Relation& r : x_.relations) targets.insert(r.target);
  std::vector<Statement> kept;
  for (size_t i = 0; i < x_.statements.size(); ++i) {
    const Statement& s = x_.statements[i];
    if (i >= first_reference_ && !targets.count(s.id)) continue;
    kept.push_back(s);
  }
  x_.statements = std::move(kept);
}

GraphPass::GraphPass(const schema::Schema& schema)
    : types_(schema.event_types), cues_(schema.relation_cues), people_(schema.people) {
  scan_words_ = ScanWords::FromLexicon(schema.lexicon);
  for (const auto& t : schema.lexicon.titles) titles_.insert(Lower(t));
  for (const auto& n : schema.lexicon.speaker_nouns) speaker_nouns_.insert(Lower(n));
  for (const auto& b : schema.lexicon.boilerplate) {
    if (!b.empty()) boilerplate_.push_back(Lower(b));
  }
  for (size_t i = 0; i < types_.size(); ++i) {
    for (const auto& t : types_[i].triggers) {
      IndexPhrase(&triggers_, PhraseWords(t, scan_words_.abbreviations), static_cast<int>(i));
    }
    for (const auto& v : types_[i].verbs) {
      IndexPhrase(&triggers_, PhraseWords(v, scan_words_.abbreviations), static_cast<int>(i), true);
    }
  }
  const schema::TimeLexicon& time = schema.time;
  for (size_t i = 0; i < time.weekdays.size(); ++i)
    weekday_[Lower(time.weekdays[i])] = static_cast<int>(i);
  for (size_t m = 0; m < time.months.size(); ++m) {
    for (const auto& n : time.months[m]) month_[Lower(n)] = static_cast<int>(m) + 1;
  }
  for (const auto& [w, n] : time.numbers) number_[Lower(w)] = n;
  for (const auto& w : time.future_words) future_.insert(Lower(w));
  for (const auto& e : time.expressions) {
    if (e.undated) continue;  // ("in the past": the statement extractor reads past it)
    TimeForm f;
    for (auto& w : PhraseWords(e.phrase, scan_words_.abbreviations)) f.words.push_back(std::move(w));
    if (f.words.empty()) continue;
    f.unit = e.unit == "week"sv ? 1 : e.unit == "month"sv ? 2 : e.unit == "year"sv ? 3 : 0;
    f.offset = e.offset;
    f.range = e.range || f.unit != 0;
    time_forms_.push_back(std::move(f));
  }
  std::stable_sort(
      time_forms_.begin(), time_forms_.end(),
      [](const TimeForm& a, const TimeForm& b) { return a.words.size() > b.words.size(); });
  for (size_t i = 0; i < time_forms_.size(); ++i) {
    time_forms_by_first_[time_forms_[i].words[0]].push_back(static_cast<int>(i));
  }
  for (size_t i = 0; i < cues_.size(); ++i) {
    IndexPhrase(&cue_index_, PhraseWords(cues_[i].phrase, scan_words_.abbreviations), static_cast<int>(i));
  }
  SortLongestFirst(&triggers_);
  SortLongestFirst(&cue_index_);
  for (const auto& n : schema.reference_nouns) reference_nouns_.insert(Lower(n));
  for (const auto& o : schema.organizations) {
    if (o.type != "media"sv) continue;
    media_.insert(Lower(o.name));
    for (const auto& a : o.aliases) media_.insert(Lower(a));
  }
  for (const auto& c : schema.countries) {
    country_code_[c.code] = c.name;
    // "the United States", "the Netherlands": a name the text writes with "the"
    bool definite = c.name.rfind("United ", 0) == 0;
    for (const auto& a : c.aliases) definite = definite || Lower(a) == "the " + Lower(c.name);
    if (definite) definite_countries_.insert(c.name);
    for (const auto& a : c.aliases) {
      std::string l = Lower(a);
      if (l.rfind("the ", 0) == 0) l = l.substr(4);
      country_alias_.emplace(l, c.name);
    }
  }
}

void GraphPass::Run(Extraction* x, ScannedText* scanned) const {
  PassWork w(*this, x, scanned);
  w.Run();
}

}  // namespace parley::extractors::internal
