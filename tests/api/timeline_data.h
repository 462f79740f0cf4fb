// Test data for the timeline and OpenAPI tests: three hand-built articles in which
// Dmitry Peskov makes six statements (dated, dated only by publication, undated, one
// with quotes, a comma, a pipe, markup and a line break) and Vladimir Putin one,
// plus a helper that runs a shell command. Header-only, for tests in tests/api.
#ifndef PARLEY_TESTS_API_TIMELINE_DATA_H_
#define PARLEY_TESTS_API_TIMELINE_DATA_H_

#include <sys/wait.h>

#include <cstdio>
#include <optional>
#include <string>
#include <vector>

#include "graph/core/extraction.h"
#include "graph/core/ids.h"

namespace parley::testing {

// Code-point span of the first `needle` in UTF-8 `text`.
inline Span CodePointSpanOf(const std::string& text, const std::string& needle) {
  size_t at = text.find(needle);
  if (at == std::string::npos) return Span{0, 0};
  auto count = [](const std::string& s, size_t from, size_t to) {
    int64_t n = 0;
    for (size_t i = from; i < to; ++i) n += (static_cast<unsigned char>(s[i]) & 0xc0) != 0x80;
    return n;
  };
  int64_t begin = count(text, 0, at);
  return Span{begin, begin + count(text, at, at + needle.size())};
}

inline Statement TimelineStatement(const std::string& text, std::string id,
                                   const std::string& content, std::string speaker_entity,
                                   std::optional<std::string> speaker,
                                   std::optional<std::string> date) {
  Statement s;
  s.id = std::move(id);
  s.content = CodePointSpanOf(text, content);
  s.text = content;
  s.type = "direct";
  s.speaker = std::move(speaker);
  s.speaker_entity = std::move(speaker_entity);
  s.cue = "said";
  s.cue_spans = {CodePointSpanOf(text, "said")};
  s.speech_act = "assert";
  s.date = std::move(date);
  return s;
}

inline Entity TimelinePerson(std::string id, std::string name, std::vector<std::string> aliases) {
  Entity e;
  e.id = std::move(id);
  e.type = "person";
  e.name = std::move(name);
  e.aliases = std::move(aliases);
  e.country = "RU";
  return e;
}

// The statement text with every character a format could trip on.
inline const std::string kTimelineHostileText =
    "Yes, \"maybe\" | <b>&amp;</b> \\ Песков\nnext line";

inline std::vector<Extraction> TimelineArticles() {
  std::vector<Extraction> out;
  {
    Extraction x;
    x.id = "tl-a";
    x.text = "Peskov said: \"" + kTimelineHostileText +
             "\". Earlier he said \"talks go on\". Putin said \"no comment\". "
             "Peskov said \"we wait\".";
    x.content_hash = "00000000000000b1";
    x.extractor_version = "test-1";
    x.article.title = "Peskov, \"summit\" | Kremlin";
    x.article.published = "2025-10-24";
    x.article.outlets = {"MENAFN", "TASS"};
    x.entities = {TimelinePerson("e1", "Dmitry Peskov", {"Peskov"}),
                  TimelinePerson("e2", "Vladimir Putin", {"Putin"})};
    x.statements = {
        TimelineStatement(x.text, "s1", kTimelineHostileText, "e1", "Dmitry Peskov", "2025-10-24"),
        TimelineStatement(x.text, "s2", "talks go on", "e1", "Dmitry Peskov", "2025-10-20"),
        TimelineStatement(x.text, "s3", "no comment", "e2", "Vladimir Putin", "2025-10-22"),
        TimelineStatement(x.text, "s4", "we wait", "e1", "Dmitry Peskov", std::nullopt),
    };
    out.push_back(std::move(x));
  }
  {
    Extraction x;
    x.id = "tl-b";
    x.text = "Peskov said \"first, line\". Peskov said \"later\".";
    x.content_hash = "00000000000000b2";
    x.extractor_version = "test-1";
    x.article.title = "Kremlin later";
    x.article.published = "2025-11-05";
    x.entities = {TimelinePerson("e1", "Dmitry Peskov", {"Peskov"})};
    x.statements = {
        TimelineStatement(x.text, "s1", "first, line", "e1", "Dmitry Peskov", "2025-11-03"),
        TimelineStatement(x.text, "s2", "later", "e1", "Dmitry Peskov", std::nullopt),
    };
    out.push_back(std::move(x));
  }
  {
    Extraction x;
    x.id = "tl-c";
    x.text = "Peskov said \"whenever\".";
    x.content_hash = "00000000000000b3";
    x.extractor_version = "test-1";
    x.article.title = "Undated piece";
    x.entities = {TimelinePerson("e1", "Dmitry Peskov", {"Peskov"})};
    x.statements = {
        TimelineStatement(x.text, "s1", "whenever", "e1", "Dmitry Peskov", std::nullopt),
    };
    out.push_back(std::move(x));
  }
  return out;
}

struct CommandResult {
  int exit_code = -1;
  std::string out;  // stdout and stderr together
};

inline CommandResult RunCommand(const std::string& command) {
  CommandResult result;
  FILE* pipe = popen((command + " 2>&1").c_str(), "r");
  if (!pipe) return result;
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof(buf), pipe)) > 0) result.out.append(buf, n);
  int status = pclose(pipe);
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return result;
}

}  // namespace parley::testing

#endif  // PARLEY_TESTS_API_TIMELINE_DATA_H_
