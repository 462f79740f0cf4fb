// Precision of the rule extractor, session 7 (issue 3): spurious statements and inexact
// boundaries, on sentences written for these tests.
#include <gtest/gtest.h>

#include <string>

#include "extractors/extractor.h"
#include "tests/extractors/test_extractor.h"

namespace parley::extractors {
namespace {

using testing::Dump;
using testing::ExtractText;
using testing::FindCue;

// "X, he said, because Y": a frame interrupting one reported clause; the clause goes on
// after it when the rest opens with a subordinator or a preposition other than one that
// opens the frame's own adjunct ("in an interview"), and the content is both parts.
TEST(ExtractBoundaryPrecisionTest, InterruptingFrameKeepsTheClauseAfterIt) {
  struct Case {
    const char* sentence;
    const char* content;
  };
  const Case cases[] = {
      {"The bridge will close, the engineer said, because the cables have rusted through.",
       "The bridge will close, the engineer said, because the cables have rusted through"},
      {"The vote failed, she said, so the council will try again in May.",
       "The vote failed, she said, so the council will try again in May"},
      {"The tax would be paid, Jones said, by the largest firms in the city.",
       "The tax would be paid, Jones said, by the largest firms in the city"},
      {"Now, she says, at least ten of the members back the bill.",
       "Now, she says, at least ten of the members back the bill"},
      {"The union, she said, warned the board about the cuts.",
       "The union, she said, warned the board about the cuts"},
      {"The tax would be paid, Jones said, in an interview on Monday.", "The tax would be paid"},
      // the frame's own adjunct before the second comma
      {"The bridge will close, the engineer said in an interview, because the cables have rusted.",
       "The bridge will close, the engineer said in an interview, because the cables have rusted"},
      {"The fund is empty, Ames argued in her letter, so the council should wait.",
       "The fund is empty, Ames argued in her letter, so the council should wait"},
  };
  for (const Case& c : cases) {
    Extraction x = ExtractText(std::string("The mayor spoke on Monday.\n\n") + c.sentence);
    const Statement* s = FindCue(x, "said");
    if (s == nullptr) s = FindCue(x, "says");
    if (s == nullptr) s = FindCue(x, "argued");
    ASSERT_NE(s, nullptr) << c.sentence << "\n" << Dump(x);
    EXPECT_EQ(s->text, c.content) << c.sentence << "\n" << Dump(x);
    // one reported clause: its verb is no frame of its own
    EXPECT_EQ(x.statements.size(), 1u) << c.sentence << "\n" << Dump(x);
  }
}

}  // namespace
}  // namespace parley::extractors
