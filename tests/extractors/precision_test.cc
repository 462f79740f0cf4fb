// Precision of the rule extractor, session 5 (issue 3): attributions the rules found
// that PolNeAR does not annotate, on sentences written for these tests.
#include <gtest/gtest.h>

#include <sstream>
#include <string>

#include "extractors/extractor.h"
#include "tests/extractors/test_extractor.h"

namespace parley::extractors {
namespace {

using testing::Find;
using testing::FindCue;
using testing::Dump;
using testing::ExtractText;

// Inside a direct quotation a that-clause reported by a known speaker is a statement of
// its own ("Governor Ames stated that ..."), and so are a named person's words after a
// plain speech verb ("Governor Ames said the ferry ..."); other bare clauses after a cue
// inside the quotation ("Governor Ames believes ...", "I've said ...") are the quoted
// speaker's own words, and "I've" names nobody.
TEST(ExtractPrecisionTest, NestedAttributionNeedsAThatClauseOrANamedSpeaker) {
  const std::string kept =
      "Lena Varga, the harbour master, spoke on Monday.\n\n"
      "\"Governor Ames stated that the ferry will keep running until spring, and we "
      "believe him,\" Varga said.";
  Extraction x = ExtractText(kept);
  const Statement* outer = Find(x, "we believe him");
  ASSERT_NE(outer, nullptr) << Dump(x);
  EXPECT_EQ(outer->type, "direct") << Dump(x);
  const Statement* nested = FindCue(x, "stated");
  ASSERT_NE(nested, nullptr) << Dump(x);
  EXPECT_NE(nested, outer) << Dump(x);
  EXPECT_EQ(nested->type, "indirect") << Dump(x);
  EXPECT_EQ(nested->text.rfind("that the ferry will keep running", 0), 0u) << Dump(x);
  EXPECT_FALSE(nested->reported_by.empty()) << Dump(x);

  x = ExtractText(
      "Lena Varga, the harbour master, spoke on Monday.\n\n"
      "\"Governor Ames said the ferry will keep running until spring, and we "
      "believe him,\" Varga said.");
  nested = nullptr;
  for (const auto& s : x.statements) {
    if (s.text.rfind("the ferry will keep running", 0) == 0) nested = &s;
  }
  ASSERT_NE(nested, nullptr) << Dump(x);
  EXPECT_NE(nested->speaker.value_or("").find("Ames"), std::string::npos) << Dump(x);
  EXPECT_FALSE(nested->reported_by.empty()) << Dump(x);

  for (const char* inner : {"Governor Ames believes", "I've said"}) {
    x = ExtractText(std::string("Lena Varga, the harbour master, spoke on Monday.\n\n\"") + inner +
                    " the ferry will keep running until spring, and we believe him,\" Varga said.");
    outer = Find(x, "we believe him");
    ASSERT_NE(outer, nullptr) << inner << "\n" << Dump(x);
    EXPECT_EQ(outer->type, "direct") << Dump(x);
    for (const auto& s : x.statements) EXPECT_TRUE(s.reported_by.empty()) << inner << "\n" << Dump(x);
    EXPECT_EQ(x.statements.size(), 1u) << inner << "\n" << Dump(x);
  }
}

// A possessive noun cue inside another statement's reported clause ("repeated [his
// promise to ...]") is what that statement reports, not a statement of its own; one
// opening the sentence before the speaker ("Asked about X's claim that ...") stays.
TEST(ExtractPrecisionTest, PossessiveCueInsideAnotherContentIsDropped) {
  const std::string inside =
      "The mayor spoke at the depot on Monday.\n\n"
      "Councillor Ruth Okafor repeated her promise to rebuild the north bridge before winter.";
  Extraction x = ExtractText(inside);
  const Statement* outer = Find(x, "her promise to rebuild");
  ASSERT_NE(outer, nullptr) << Dump(x);
  EXPECT_EQ(outer->cue, "repeated") << Dump(x);
  EXPECT_EQ(FindCue(x, "promise"), nullptr) << Dump(x);
  EXPECT_EQ(x.statements.size(), 1u) << Dump(x);

  const std::string own =
      "The mayor spoke at the depot on Monday.\n\n"
      "Councillor Ruth Okafor's promise to rebuild the north bridge before winter drew cheers.";
  x = ExtractText(own);
  const Statement* promise = FindCue(x, "promise");
  ASSERT_NE(promise, nullptr) << Dump(x);
  EXPECT_EQ(promise->text.rfind("to rebuild the north bridge", 0), 0u) << Dump(x);
}

}  // namespace
}  // namespace parley::extractors
