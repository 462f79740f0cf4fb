// Frames of the rule extractor, session 16 (issue 3): where a trailing "according to"
// content ends, a short clause opening with a year, a weekday before a frame's
// that-clause, "whether" after "questioned", participles of feeling after "be", a time
// after a longer object, and abbreviations before a quotation. Sentences written for
// these tests.
#include <gtest/gtest.h>

#include <string>

#include "extractors/extractor.h"
#include "tests/extractors/test_extractor.h"

namespace parley::extractors {
namespace {

using testing::Dump;
using testing::ExtractText;
using testing::TextOfCue;

// After "according to X," the words that describe X (an indefinite article, or "director
// of ...") are the source's appositive, not the reported clause going on; a clause after
// the source still is ("The ferry company earns, according to one filing, $57 million").
TEST(ExtractFrames6Test, AnAppositiveOfTheSourceEndsATrailingAccordingTo) {
  Extraction x = ExtractText(
      "Turnout rose.\n\nDonations to the county party doubled last year, according to Fundwatch, a "
      "fundraising website, higher than in any earlier cycle.");
  EXPECT_EQ(TextOfCue(x, "according to"), "Donations to the county party doubled last year")
      << Dump(x);

  Extraction y = ExtractText(
      "Turnout rose.\n\nMost undecided voters stayed home, according to Ann Ruiz, director of the "
      "county "
      "survey center, which ran the poll.");
  EXPECT_EQ(TextOfCue(y, "according to"), "Most undecided voters stayed home") << Dump(y);

  Extraction z = ExtractText(
      "Ferries are busy.\n\nThe ferry company earns, according to one filing, $57 million a year "
      "from the "
      "island route.");
  EXPECT_NE(TextOfCue(z, "according to").find("$57 million"), std::string::npos) << Dump(z);
}

// A short content opening with "In" is a setting phrase ("said in a follow-up
// interview") only when no noun phrase opens after it: "In 2011 the rate fell, he said"
// reports a clause of four words.
TEST(ExtractFrames6Test, AShortClauseOpeningWithAYearIsContent) {
  Extraction x = ExtractText("Rates moved.\n\nIn 2011 the rate fell, Tom Reed said.");
  EXPECT_EQ(TextOfCue(x, "said"), "In 2011 the rate fell") << Dump(x);

  // (a setting phrase the cue frames is still dropped)
  Extraction y = ExtractText("Rates moved.\n\nTom Reed said in a follow-up interview.");
  EXPECT_EQ(TextOfCue(y, "said"), "<none>") << Dump(y);
}

// A weekday or a one-word time before "that" ends the frame's prepositional phrase
// ("said in an interview Friday that ..."): the that-clause is the content and the
// subject before the cue speaks, here past a relative clause after "Ms.".
TEST(ExtractFrames6Test, AWeekdayEndsTheFramesPhraseBeforeItsThatClause) {
  Extraction x = ExtractText(
      "The campaign ended.\n\nMs. Ann Reed, who ran the campaign in 2012, said in an interview "
      "Friday that "
      "the plan had failed.");
  const Statement* s = testing::FindCue(x, "said");
  ASSERT_NE(s, nullptr) << Dump(x);
  EXPECT_EQ(s->text, "that the plan had failed") << Dump(x);
  EXPECT_EQ(s->speaker.value_or("<null>"), "Ann Reed") << Dump(x);

  // ("at that meeting": a determiner after a preposition still continues the phrase)
  Extraction y =
      ExtractText("The campaign ended.\n\nAnn Reed said at that meeting that the plan had failed.");
  EXPECT_EQ(TextOfCue(y, "said"), "that the plan had failed") << Dump(y);
}

// "whether" opens the content of "questioned", as "that" opens a said-clause (PolNeAR
// never takes it into the cue: cues.yaml has no "questioned whether" form any more).
TEST(ExtractFrames6Test, WhetherOpensTheContentOfAQuestion) {
  Extraction x =
      ExtractText("The campaign ended.\n\nAnn Reed has questioned whether the plan would work.");
  EXPECT_EQ(TextOfCue(x, "has questioned"), "whether the plan would work") << Dump(x);
}

// A participle of feeling or certainty after "be" (lexicon.yaml experiencer_participles)
// is no passive: its subject holds the view, and the content follows it. With "by" the
// agent still speaks.
TEST(ExtractFrames6Test, AnExperiencerParticipleHasItsSubjectAsSource) {
  Extraction x =
      ExtractText("The count went on.\n\nAnn Reed was convinced that the vote had been rigged.");
  const Statement* s = testing::FindCue(x, "was convinced");
  ASSERT_NE(s, nullptr) << Dump(x);
  EXPECT_EQ(s->text, "that the vote had been rigged") << Dump(x);
  EXPECT_EQ(s->speaker.value_or("<null>"), "Ann Reed") << Dump(x);

  Extraction y = ExtractText(
      "The count went on.\n\nTom Hale is now assured of winning at least 40 delegates.");
  EXPECT_EQ(TextOfCue(y, "is now assured"), "winning at least 40 delegates") << Dump(y);
}

// A time phrase ending a longer object noun phrase (opened by a determiner or a
// possessive, with no auxiliary or past form in it) dates the cue, not the content; a
// clause keeps its time ("said the new plan would fail next week").
TEST(ExtractFrames6Test, ATimeAfterALongerObjectNounPhraseDatesTheCue) {
  Extraction x =
      ExtractText("Talks stalled.\n\nTom Hale rejected the Puerto Rico debt deal last week.");
  EXPECT_EQ(TextOfCue(x, "rejected"), "the Puerto Rico debt deal") << Dump(x);

  Extraction y = ExtractText("Talks stalled.\n\nTom Hale said the new plan would fail next week.");
  EXPECT_EQ(TextOfCue(y, "said"), "the new plan would fail next week") << Dump(y);
}

// An abbreviation written with its periods ("S.C.", "D.C.") ends the sentence before a
// quotation that opens on a capital, so the quotation after the frame continues the
// statement (`"...," Cruz told reporters in Fort Mill, S.C. "For whatever reason, ..."`);
// a short quotation after an initial is a nickname and ends nothing.
TEST(ExtractFrames6Test, AnAbbreviationBeforeAQuotationEndsTheSentence) {
  Extraction x = ExtractText(
      "The forum ended.\n\n\"His record does not match his words,\" Tom Hale told reporters in "
      "Fort Mill, "
      "S.C. \"For whatever reason, he is nervous.\"");
  const Statement* s = testing::FindCue(x, "told reporters");
  ASSERT_NE(s, nullptr) << Dump(x);
  EXPECT_NE(s->text.find("he is nervous"), std::string::npos) << Dump(x);

  Extraction y =
      ExtractText("The forum ended.\n\nThe U.S. \"war on terror\" failed, Tom Hale said.");
  EXPECT_EQ(TextOfCue(y, "said"), "The U.S. \"war on terror\" failed") << Dump(y);
}

}  // namespace
}  // namespace parley::extractors
