// The extractor the extractor tests share: built once per test program from the
// repository's schema/ (a failure to load it fails the first test that asks).
#ifndef PARLEY_TESTS_EXTRACTORS_TEST_EXTRACTOR_H_
#define PARLEY_TESTS_EXTRACTORS_TEST_EXTRACTOR_H_

#include <gtest/gtest.h>

#include <memory>
#include <optional>
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
inline Extraction ExtractText(const std::string& text, std::optional<std::string> date) {
  Document d;
  d.id = "t";
  d.text = text;
  d.date = std::move(date);
  return SharedExtractor().Extract(d);
}

}  // namespace parley::extractors::testing

#endif  // PARLEY_TESTS_EXTRACTORS_TEST_EXTRACTOR_H_
