// A sentence scanned as the extractor scans it, with its cue context (lexicon kinds
// from the repository's schema), for the tests of the rankers' features
// (content_bounds_test.cc, model4_test.cc).
#ifndef PARLEY_TESTS_EXTRACTORS_SCANNED_FOR_TESTING_H_
#define PARLEY_TESTS_EXTRACTORS_SCANNED_FOR_TESTING_H_

#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <vector>

#include "extractors/cue_model.h"
#include "extractors/text_scan.h"
#include "schema/schema.h"

namespace parley::extractors::internal {

struct Scanned {
  ScannedText st;
  CueContext ctx;
  // The index of the nth token whose folded form is `w` (a test failure when none).
  int32_t Index(const std::string& w, int nth = 0) const {
    for (size_t k = 0; k < st.toks.size(); ++k) {
      if (st.toks[k].low == w && nth-- == 0) return static_cast<int32_t>(k);
    }
    ADD_FAILURE() << "no token " << w;
    return -1;
  }
  int32_t End() const { return static_cast<int32_t>(st.toks.size()); }
};

inline void Scan(const std::string& text, Scanned* out) {
  static const schema::Schema schema = [] {
    auto s = schema::LoadSchema(std::string(PARLEY_SOURCE_DIR) + "/schema");
    EXPECT_TRUE(s.ok()) << s.status().ToString();
    return s.ok() ? *s : schema::Schema();
  }();
  static const CueLexIndex lex(schema);
  ScanText(text, WordSet(), &out->st);
  out->ctx.st = &out->st;
  lex.Mark(out->st, &out->ctx.lex_kind);
  FillSentenceContext(&out->ctx);
}

// How many positions of two equally long feature lists differ.
inline int Differing(const std::vector<uint64_t>& a, const std::vector<uint64_t>& b) {
  EXPECT_EQ(a.size(), b.size());
  int n = 0;
  for (size_t i = 0; i < a.size() && i < b.size(); ++i) n += a[i] != b[i];
  return n;
}

}  // namespace parley::extractors::internal

#endif  // PARLEY_TESTS_EXTRACTORS_SCANNED_FOR_TESTING_H_
