// A statement's polarity and hedging (issue 3): a denial or a negated cue is negative,
// both together positive; a hedged cue, a modal before the cue or a hedge in what is
// said ("may", "have not ruled out") makes it hedged. On sentences written for these
// tests; the word lists are lexicon.yaml's `negators` and `hedges`.
#include <gtest/gtest.h>

#include <string>

#include "extractors/extractor.h"
#include "tests/extractors/test_extractor.h"

namespace parley::extractors {
namespace {

using testing::Dump;
using testing::ExtractText;

struct Case {
  std::string text;
  std::string content;  // a piece of the statement's text
  bool negative;
  bool hedged;
};

// Extracts each case's text and checks the flags of the statement holding its content.
template <size_t N>
void ExpectCases(const Case (&cases)[N]) {
  for (const Case& c : cases) {
    Extraction x = ExtractText(c.text);
    const Statement* s = nullptr;
    for (const auto& st : x.statements) {
      if (st.text.find(c.content) != std::string::npos) s = &st;
    }
    ASSERT_NE(s, nullptr) << c.text << "\n" << Dump(x);
    EXPECT_EQ(s->negative, c.negative) << c.text << " (cue \"" << s->cue << "\")";
    EXPECT_EQ(s->hedged, c.hedged) << c.text << " (cue \"" << s->cue << "\")";
  }
}

TEST(ExtractPolarityTest, NegativeForADenialOrANegatedCuePositiveForBoth) {
  const Case cases[] = {
      {"The harbour minister denied that the port would close in May.", "the port would close",
       true, false},
      {"The harbour minister rejected claims that the port would close.", "the port would close",
       true, false},
      {"The mayor did not confirm that the ferry would run on Monday.", "the ferry would run",
       true, false},
      {"The mayor has never said that the ferry would run on Monday.", "the ferry would run",
       true, false},
      {"The council did not deny that the tolls would rise next year.", "the tolls would rise",
       false, false},
      {"The mayor said that the ferry will run on Monday.", "the ferry will run", false, false},
  };
  ExpectCases(cases);
}

TEST(ExtractPolarityTest, HedgedByItsCueAModalBeforeItOrAHedgeInWhatIsSaid) {
  const Case cases[] = {
      // "have not ruled out" is not "will"
      {"The ministers have not ruled out a second ferry, the mayor said.",
       "have not ruled out a second ferry", false, true},
      {"The mayor said the ministers hasn't ruled out a second ferry.", "ruled out a second ferry",
       false, true},
      {"The mayor said that the ferry may run on Monday.", "the ferry may run", false, true},
      {"The mayor said that a second ferry was possible.", "a second ferry was possible", false,
       true},
      {"The mayor hinted that the ferry will run on Monday.", "the ferry will run", false, true},
      {"The harbour minister may have denied that the port would close.", "the port would close",
       true, true},
      // a plain commitment, and a negation that is no hedge
      {"The mayor said that the ferry will run on Monday.", "the ferry will run", false, false},
      {"The mayor said that the ferry will not run on Monday.", "the ferry will not run", false,
       false},
      // a hedge word that hedges nothing (lexicon.yaml non_hedges)
      {"The mayor said that the crews could not repair the ferry.", "could not repair", false,
       false},
      {"The mayor said that the ferry would run as soon as possible.", "the ferry would run",
       false, false},
      {"The poll found that most likely voters backed the ferry.", "most likely voters backed",
       false, false},
  };
  ExpectCases(cases);
}

}  // namespace
}  // namespace parley::extractors
