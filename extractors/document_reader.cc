// Reads documents from .jsonl/.ndjson files (one JSON object a line), standard
// input ("-", JSONL) and plain-text articles.
//
// Memory stays bounded by the size limit: a text article is measured before it is
// read, and a JSONL line longer than the limit is skipped as it streams past,
// never held whole.
//
// A text article keeps its whole text (CRLF turned into LF, a UTF-8 byte-order mark
// dropped); its title is the first non-empty line that is not a dateline, its date
// is left to the extractor (the dateline may contradict other evidence). A JSONL
// line needs a non-empty string "id" and "text"; "title", "date" and "source" may
// be absent or null; "date" must be YYYY-MM-DD (an ISO timestamp keeps its day);
// other keys (annotations) are ignored. Every problem message starts with the
// file and, for JSONL, the line: "a.jsonl:3: not JSON: ... (at byte 7); skipped".
#include "extractors/document_reader.h"

#include <rapidjson/document.h>
#include <rapidjson/error/en.h>
#include <simdjson.h>
#include <sys/stat.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <fstream>
#include <initializer_list>
#include <iostream>
#include <istream>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <utility>

namespace parley::extractors {
namespace {

constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";

std::string Quote(std::string_view s) {
  std::string out = "\"";
  out += s;
  out += '"';
  return out;
}

std::string LowerAscii(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

bool IsJsonlPath(const std::string& path) {
  std::string lower = LowerAscii(path);
  return path == "-" || EndsWith(lower, ".jsonl") || EndsWith(lower, ".ndjson");
}

// The file name without directories and without its last extension.
std::string FileStem(const std::string& path) {
  size_t slash = path.find_last_of('/');
  std::string name = slash == std::string::npos ? path : path.substr(slash + 1);
  size_t dot = name.find_last_of('.');
  if (dot != std::string::npos && dot > 0) name.resize(dot);
  return name;
}

// Offset of the first byte that is not part of well-formed UTF-8 (no overlongs,
// no surrogates, nothing above U+10FFFF), or nullopt when all of `s` is valid.
std::optional<size_t> FindInvalidUtf8(std::string_view s) {
  size_t i = 0;
  const size_t n = s.size();
  while (i < n) {
    // eight ASCII bytes a step: most of a news text
    if (n - i >= 8) {
      uint64_t v;
      std::memcpy(&v, s.data() + i, 8);
      if ((v & 0x8080808080808080ULL) == 0) {
        i += 8;
        continue;
      }
    }
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      ++i;
      continue;
    }
    size_t len;
    unsigned char lo = 0x80, hi = 0xBF;  // allowed range of the second byte
    if (c >= 0xC2 && c <= 0xDF) {
      len = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
      len = 3;
      if (c == 0xE0) lo = 0xA0;
      if (c == 0xED) hi = 0x9F;
    } else if (c >= 0xF0 && c <= 0xF4) {
      len = 4;
      if (c == 0xF0) lo = 0x90;
      if (c == 0xF4) hi = 0x8F;
    } else {
      return i;
    }
    if (i + len > n) return i;
    unsigned char c1 = static_cast<unsigned char>(s[i + 1]);
    if (c1 < lo || c1 > hi) return i;
    for (size_t k = 2; k < len; ++k) {
      unsigned char ck = static_cast<unsigned char>(s[i + k]);
      if (ck < 0x80 || ck > 0xBF) return i;
    }
    i += len;
  }
  return std::nullopt;
}

bool IsBlank(std::string_view s) {
  for (char c : s) {
    if (c != ' ' && c != '\t' && c != '\r' && c != '\n' && c != '\f' && c != '\v') return false;
  }
  return true;
}

std::string_view Trim(std::string_view s) {
  size_t b = 0, e = s.size();
  while (b < e && (s[b] == ' ' || s[b] == '\t' || s[b] == '\r')) ++b;
  while (e > b && (s[e - 1] == ' ' || s[e - 1] == '\t' || s[e - 1] == '\r')) --e;
  return s.substr(b, e - b);
}

// True for a real calendar day written YYYY-MM-DD.
bool IsValidDate(std::string_view s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
  for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (s[i] < '0' || s[i] > '9') return false;
  }
  int year = std::stoi(std::string(s.substr(0, 4)));
  int month = std::stoi(std::string(s.substr(5, 2)));
  int day = std::stoi(std::string(s.substr(8, 2)));
  if (month < 1 || month > 12 || day < 1) return false;
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return day <= kDays[month - 1] + (month == 2 && leap ? 1 : 0);
}

// A dateline: a short line made only of date and time words ("Tuesday, 02 January
// 2024 12:17 GMT", "Oct. 25, 2025 10:00 AM ET", "2025-10-25"), with at least one
// number and one weekday, month or ISO date.
bool IsDateline(std::string_view line) {
  static const char* const kWords[] = {
      "monday",   "tuesday", "wednesday", "thursday", "friday",    "saturday", "sunday",
      "mon",      "tue",     "tues",      "wed",      "thu",       "thur",     "thurs",
      "fri",      "sat",     "sun",       "january",  "february",  "march",    "april",
      "may",      "june",    "july",      "august",   "september", "october",  "november",
      "december", "jan",     "feb",       "mar",      "apr",       "jun",      "jul",
      "aug",      "sep",     "sept",      "oct",      "nov",       "dec"};
  static const char* const kFiller[] = {
      "am",   "pm",  "a",   "p",   "m",  "gmt", "utc",     "et",        "est",
      "edt",  "ct",  "cst", "cdt", "pt", "pst", "pdt",     "bst",       "cet",
      "cest", "msk", "jst", "ist", "z",  "t",   "updated", "published", "posted",
      "at",   "on",  "of",  "the", "th", "st",  "nd",      "rd",        "last"};
  if (line.empty() || line.size() > 80) return false;
  bool has_number = false, has_date_word = false;
  size_t i = 0;
  while (i < line.size()) {
    unsigned char c = static_cast<unsigned char>(line[i]);
    if (std::isalnum(c) == 0) {
      // Separators a date may hold; anything else (quotes, letters outside ASCII) is prose.
      if (std::strchr(" \t,.:-/+()|", c) == nullptr) return false;
      ++i;
      continue;
    }
    size_t j = i;
    while (j < line.size() && std::isalnum(static_cast<unsigned char>(line[j])) != 0) ++j;
    std::string word = LowerAscii(line.substr(i, j - i));
    bool digits = true;
    for (char d : word) digits = digits && d >= '0' && d <= '9';
    // Ordinals ("2nd", "25th") count as numbers.
    bool ordinal = !digits && word.size() > 2 &&
                   std::isdigit(static_cast<unsigned char>(word[0])) &&
                   (EndsWith(word, "st") || EndsWith(word, "nd") || EndsWith(word, "rd") ||
                    EndsWith(word, "th"));
    if (digits || ordinal) {
      has_number = true;
      if (digits && word.size() == 4 && j < line.size() && line[j] == '-') has_date_word = true;
    } else {
      bool known = false;
      for (const char* w : kWords) known = known || word == w;
      if (known) {
        has_date_word = true;
      } else {
        for (const char* w : kFiller) known = known || word == w;
        if (!known) return false;
      }
    }
    i = j;
  }
  return has_number && has_date_word;
}

// The first non-empty line that is not a dateline, trimmed; "" when none.
std::string FindTitle(std::string_view text) {
  size_t pos = 0;
  while (pos < text.size()) {
    size_t nl = text.find('\n', pos);
    if (nl == std::string_view::npos) nl = text.size();
    std::string_view line = Trim(text.substr(pos, nl - pos));
    pos = nl + 1;
    if (line.empty() || IsDateline(line)) continue;
    return std::string(line);
  }
  return "";
}

// Takes the text by value: most articles have no CR at all and are moved through
// untouched (a byte-by-byte copy was a thirtieth of `parley extract`'s work).
std::string CrlfToLf(std::string s) {
  if (s.find('\r') == std::string::npos) return s;
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\r' && i + 1 < s.size() && s[i + 1] == '\n') continue;
    out += s[i];
  }
  return out;
}

// Checks what every input must be: not empty, no NUL bytes, valid UTF-8.
// Returns what is wrong ("empty" for blank input), or nullopt.
std::optional<std::string> CheckBytes(std::string_view bytes) {
  if (IsBlank(bytes)) return "empty";
  size_t nul = bytes.find('\0');
  if (nul != std::string_view::npos) {
    return "binary data (NUL byte at byte offset " + std::to_string(nul) + ")";
  }
  if (auto bad = FindInvalidUtf8(bytes)) {
    return "invalid UTF-8 at byte offset " + std::to_string(*bad);
  }
  return std::nullopt;
}

Status ReadTextArticle(const std::string& path, const ReadOptions& options,
                       const std::function<void(Document&&)>& sink,
                       std::vector<ReadProblem>* problems) {
  auto problem = [&](Status s) { problems->push_back({path, std::move(s)}); };
  struct stat st;
  if (::stat(path.c_str(), &st) != 0) {
    return Status::IOError(path + ": cannot open: " + std::strerror(errno));
  }
  if (S_ISDIR(st.st_mode)) return Status::IOError(path + ": is a directory");
  // Measured before reading: a 50 MB "article" is never brought into memory.
  if (S_ISREG(st.st_mode) && static_cast<uint64_t>(st.st_size) > options.max_article_bytes) {
    problem(Status::TooLarge(path + ": article of " + std::to_string(st.st_size) +
                             " bytes is over the limit of " +
                             std::to_string(options.max_article_bytes) + " bytes; skipped"));
    return Status::OK();
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::IOError(path + ": cannot open: " + std::strerror(errno));
  // Read in chunks and stop past the limit: a pipe, or a file that grew since it
  // was measured, is still bounded.
  std::string bytes;
  char chunk[1 << 16];
  while (bytes.size() <= options.max_article_bytes) {
    in.read(chunk, sizeof(chunk));
    if (in.gcount() <= 0) break;
    bytes.append(chunk, static_cast<size_t>(in.gcount()));
  }
  if (in.bad()) return Status::IOError(path + ": read error: " + std::strerror(errno));
  if (bytes.size() > options.max_article_bytes) {
    problem(Status::TooLarge(path + ": article is over the limit of " +
                             std::to_string(options.max_article_bytes) + " bytes; skipped"));
    return Status::OK();
  }
  if (std::string_view(bytes).substr(0, kUtf8Bom.size()) == kUtf8Bom)
    bytes.erase(0, kUtf8Bom.size());
  if (auto what = CheckBytes(bytes)) {
    problem(Status::InvalidArgument(path + ": " + (*what == "empty" ? "empty file" : *what) +
                                    "; skipped"));
    return Status::OK();
  }
  Document doc;
  doc.id = FileStem(path);
  doc.text = CrlfToLf(std::move(bytes));
  doc.title = FindTitle(doc.text);
  doc.origin = path;
  sink(std::move(doc));
  return Status::OK();
}

// Reads lines from a stream without ever holding more than `limit` bytes of one:
// a longer line is consumed to its end and reported as too long.
class BoundedLineReader {
 public:
  BoundedLineReader(std::istream* in, size_t limit) : in_(in), limit_(limit) {}

  // Returns false at the end of input. Otherwise `line` holds the line without its
  // "\n" (and without a "\r" before it), or is empty with *too_long set and
  // *length the line's length in bytes.
  bool Next(std::string* line, bool* too_long, size_t* length) {
    line->clear();
    *too_long = false;
    *length = 0;
    bool any = false;
    while (true) {
      if (pos_ == end_) {
        if (!Fill()) break;
      }
      any = true;
      const char* start = buf_ + pos_;
      const void* nl = std::memchr(start, '\n', end_ - pos_);
      size_t chunk = nl ? static_cast<const char*>(nl) - start : end_ - pos_;
      *length += chunk;
      if (!*too_long) {
        if (line->size() + chunk > limit_) {
          *too_long = true;
          line->clear();
          line->shrink_to_fit();
        } else {
          line->append(start, chunk);
        }
      }
      pos_ += chunk;
      if (nl) {
        ++pos_;  // the "\n"
        break;
      }
    }
    if (!any) return false;
    if (!line->empty() && line->back() == '\r') line->pop_back();
    return true;
  }

  bool bad() const { return in_->bad(); }

 private:
  bool Fill() {
    in_->read(buf_, sizeof(buf_));
    end_ = static_cast<size_t>(in_->gcount());
    pos_ = 0;
    return end_ > 0;
  }

  std::istream* in_;
  size_t limit_;
  char buf_[1 << 16];
  size_t pos_ = 0;
  size_t end_ = 0;
};

// A string member: absent -> nullopt, JSON null -> "" (allowed when nullable).
// Returns an error message, or "" when fine.
std::string GetStringField(const rapidjson::Value& obj, const char* key, bool nullable,
                           std::optional<std::string>* out) {
  out->reset();
  auto it = obj.FindMember(key);
  if (it == obj.MemberEnd()) return "";
  if (it->value.IsNull()) {
    if (nullable) return "";
    return Quote(key) + " is null, expected a string";
  }
  if (!it->value.IsString()) return Quote(key) + " is not a string";
  *out = std::string(it->value.GetString(), it->value.GetStringLength());
  return "";
}

// The document fields of a line, read with simdjson (rapidjson's reading was most of
// `parley extract`'s input cost) when the line is plain: JSON simdjson parses, an
// object, each field absent, a string or a nullable null. False for anything else,
// which rapidjson then reads, to name what is wrong in the words it always used.
// Lines with a \u escape go to rapidjson too: the two decode an unpaired surrogate
// differently (both accept what the other rejects nowhere else: strict RFC 8259 JSON,
// no comments, no trailing commas, numbers that overflow a double rejected).
bool PlainFields(
    const std::string& line,
    std::initializer_list<std::tuple<const char*, std::optional<std::string>*, bool>> fields) {
  if (line.find("\\u") != std::string::npos) return false;
  // One parser per thread: it keeps its buffers from line to line.
  thread_local simdjson::dom::parser parser;
  simdjson::dom::object obj;
  if (parser.parse(line).get_object().get(obj) != simdjson::SUCCESS) return false;
  for (auto [key, out, nullable] : fields) {
    out->reset();
    simdjson::dom::element value;
    const auto found = obj.at_key(key).get(value);
    if (found == simdjson::NO_SUCH_FIELD) continue;
    if (found != simdjson::SUCCESS) return false;
    if (value.is_null()) {
      if (!nullable) return false;
      continue;
    }
    std::string_view text;
    if (value.get_string().get(text) != simdjson::SUCCESS) return false;
    *out = std::string(text);
  }
  return true;
}

// Parses one JSONL line into `doc`; returns the problem, or nullopt.
std::optional<Status> ParseJsonLine(const std::string& line, const std::string& where,
                                    const ReadOptions& options, Document* doc) {
  auto bad = [&](const std::string& what) {
    return Status::InvalidArgument(where + ": " + what + "; skipped");
  };
  if (auto what = CheckBytes(line)) return bad(*what);
  std::optional<std::string> id, text, title, date, source;
  const auto fields = {std::tuple{"id", &id, false}, std::tuple{"text", &text, false},
                       std::tuple{"title", &title, true}, std::tuple{"date", &date, true},
                       std::tuple{"source", &source, true}};
  if (!PlainFields(line, fields)) {
    rapidjson::Document json;
    // CheckBytes has validated the whole line's UTF-8 (as strictly as rapidjson's
    // kParseValidateEncodingFlag, which read every string byte a second time).
    json.Parse<rapidjson::kParseIterativeFlag>(line.data(), line.size());
    if (json.HasParseError()) {
      return bad(std::string("not JSON: ") + rapidjson::GetParseError_En(json.GetParseError()) +
                 " (at byte " + std::to_string(json.GetErrorOffset()) + ")");
    }
    if (!json.IsObject()) return bad("not a JSON object");
    for (auto [key, out, nullable] : fields) {
      std::string err = GetStringField(json, key, nullable, out);
      if (!err.empty()) return bad(err);
    }
  }
  if (!id) return bad("missing \"id\"");
  if (IsBlank(*id)) return bad("empty \"id\"");
  if (!text) return bad("missing \"text\" (document " + Quote(*id) + ")");
  if (IsBlank(*text)) return bad("empty \"text\" (document " + Quote(*id) + ")");
  if (text->size() > options.max_article_bytes) {
    return Status::TooLarge(where + ": text of document " + Quote(*id) + " has " +
                            std::to_string(text->size()) + " bytes, over the limit of " +
                            std::to_string(options.max_article_bytes) + "; skipped");
  }
  if (date && !date->empty() && !IsValidDate(*date)) {
    // An ISO timestamp carries its day first: keep the day.
    if (date->size() > 10 && (*date)[10] == 'T' && IsValidDate(date->substr(0, 10))) {
      date->resize(10);
    } else {
      return bad("\"date\" is not a YYYY-MM-DD day: " + Quote(*date) + " (document " + Quote(*id) +
                 ")");
    }
  }
  doc->id = std::move(*id);
  doc->text = CrlfToLf(std::move(*text));
  doc->title = title ? std::move(*title) : std::string();
  if (date && !date->empty()) doc->date = std::move(*date);
  doc->source = source ? std::move(*source) : std::string();
  doc->origin = where;
  return std::nullopt;
}

Status ReadJsonl(std::istream& in, const std::string& path, const ReadOptions& options,
                 const std::function<void(Document&&)>& sink, std::vector<ReadProblem>* problems) {
  // JSON escapes can make a line longer than the text it holds, and training files
  // carry annotations beside the text: allow a line four times the article limit
  // (at least 1 MiB) and check the decoded text against the limit itself.
  const size_t base = std::max<size_t>(options.max_article_bytes, 1u << 18);
  const size_t line_limit = base > SIZE_MAX / 4 ? SIZE_MAX : base * 4;
  BoundedLineReader reader(&in, line_limit);
  std::string line;
  bool too_long = false;
  size_t length = 0;
  size_t line_no = 0;
  size_t non_blank = 0;
  size_t documents = 0;
  while (reader.Next(&line, &too_long, &length)) {
    ++line_no;
    std::string where = path + ":" + std::to_string(line_no);
    if (too_long) {
      ++non_blank;
      problems->push_back(
          {where, Status::TooLarge(where + ": line of " + std::to_string(length) +
                                   " bytes is over the limit of " + std::to_string(line_limit) +
                                   " bytes; skipped")});
      continue;
    }
    if (line_no == 1 && std::string_view(line).substr(0, kUtf8Bom.size()) == kUtf8Bom) {
      line.erase(0, kUtf8Bom.size());
    }
    if (IsBlank(line)) continue;
    ++non_blank;
    size_t nul = line.find('\0');
    if (nul != std::string::npos && documents == 0) {
      // Not a JSONL file at all: one message rather than one per "line".
      problems->push_back({where, Status::InvalidArgument(
                                      where + ": binary file (NUL byte at byte offset " +
                                      std::to_string(nul) + " of the line); whole file skipped")});
      return Status::OK();
    }
    Document doc;
    if (auto problem = ParseJsonLine(line, where, options, &doc)) {
      problems->push_back({where, std::move(*problem)});
      continue;
    }
    ++documents;
    sink(std::move(doc));
  }
  if (reader.bad())
    return Status::IOError(path + ": read error after line " + std::to_string(line_no));
  if (non_blank == 0) {
    problems->push_back({path, Status::InvalidArgument(path + ": empty file: no documents")});
  }
  return Status::OK();
}

}  // namespace

Status ReadDocuments(const std::string& path, const ReadOptions& options,
                     const std::function<void(Document&&)>& sink,
                     std::vector<ReadProblem>* problems) {
  if (path == "-") return ReadJsonl(std::cin, "<stdin>", options, sink, problems);
  if (!IsJsonlPath(path)) return ReadTextArticle(path, options, sink, problems);
  struct stat st;
  if (::stat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode)) {
    return Status::IOError(path + ": is a directory");
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::IOError(path + ": cannot open: " + std::strerror(errno));
  return ReadJsonl(in, path, options, sink, problems);
}

}  // namespace parley::extractors
