// The extractor the extractor tests share: built once per test program from the
// repository's schema/ (a failure to load it fails the first test that asks).
#ifndef PARLEY_TESTS_EXTRACTORS_TEST_EXTRACTOR_H_
#define PARLEY_TESTS_EXTRACTORS_TEST_EXTRACTOR_H_

#include <gtest/gtest.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <utility>

#include "extractors/extractor.h"
#include "schema/schema.h"

namespace parley::extractors::testing {

inline const Extractor& SharedExtractor() {
  static std::unique_ptr<Extractor> ex = [] {
    auto schema = schema::LoadSchema(std::string(PARLEY_SOURCE_DIR) + "/schema");
    EXPECT_TRUE(schema.ok()) << schema.status().ToString();
    auto e = NewExtractor(*schema);
    EXPECT_TRUE(e.ok()) << e.status().ToString();
    return std::move(e.value());
  }();
  return *ex;
}

// Extracts `text` as an article with id "t" published on `date`.
inline Extraction ExtractText(const std::string& text,
                              std::optional<std::string> date = "2025-10-25") {
  Document d;
  d.id = "t";
  d.text = text;
  d.date = std::move(date);
  return SharedExtractor().Extract(d);
}

// The text of a code-point span, for readable assertions.
inline std::string Sub(const std::string& text, Span s) {
  std::string out;
  int64_t cp = 0;
  for (size_t i = 0; i < text.size(); ++cp) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    const size_t len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : 4;
    if (cp >= s.begin && cp < s.end) out.append(text, i, len);
    i += len;
  }
  return out;
}

// The first statement whose text contains `needle`, else null.
inline const Statement* Find(const Extraction& x, const std::string& needle) {
  for (const auto& s : x.statements) {
    if (s.text.find(needle) != std::string::npos) return &s;
  }
  return nullptr;
}

// The first statement whose cue is `cue`, else null.
inline const Statement* FindCue(const Extraction& x, const std::string& cue) {
  for (const auto& s : x.statements) {
    if (s.cue == cue) return &s;
  }
  return nullptr;
}

// The text of the first statement whose cue is `cue`, "<none>" when no statement has it.
inline std::string TextOfCue(const Extraction& x, const std::string& cue) {
  const Statement* s = FindCue(x, cue);
  return s == nullptr ? std::string("<none>") : s->text;
}

// The resolved speaker of the first statement whose text contains `needle`: "<none>"
// when no statement does, "<null>" when that statement has no speaker.
inline std::string SpeakerOf(const Extraction& x, const std::string& needle) {
  const Statement* s = Find(x, needle);
  return s == nullptr ? std::string("<none>") : s->speaker.value_or("<null>");
}

// The speaker phrase (first speaker span) of the first statement whose cue is `cue`:
// "<none>" when no statement has that cue or it names no speaker.
inline std::string SpeakerPhrase(const Extraction& x, const std::string& cue) {
  const Statement* s = FindCue(x, cue);
  if (s == nullptr || s->speaker_spans.empty()) return "<none>";
  return Sub(x.text, s->speaker_spans.front());
}

// The names of the extraction's entities of one type ("person", "organization").
inline std::set<std::string> EntityNames(const Extraction& x, const std::string& type) {
  std::set<std::string> out;
  for (const auto& e : x.entities) {
    if (e.type == type) out.insert(e.name);
  }
  return out;
}

// The type of the entity named `name`, "<none>" when no entity is.
inline std::string TypeOf(const Extraction& x, const std::string& name) {
  for (const auto& e : x.entities) {
    if (e.name == name) return e.type;
  }
  return "<none>";
}

// One line per statement, for failure messages.
inline std::string Dump(const Extraction& x) {
  std::ostringstream o;
  for (const auto& s : x.statements) {
    o << s.id << " [" << s.type << "] " << s.speaker.value_or("<null>") << " / " << s.cue << " / "
      << s.text << "\n";
  }
  return o.str();
}

}  // namespace parley::extractors::testing

#endif  // PARLEY_TESTS_EXTRACTORS_TEST_EXTRACTOR_H_
