// Frames of the rule extractor, session 17 (issue 3): where a sentence ends after an
// abbreviation, nicknames inside names, a gerund subject before an inverted cue,
// inverted speaker phrases and a longer frame after an exclaimed or asked quotation.
// Sentences written for these tests.
#include <gtest/gtest.h>

#include <string>

#include "extractors/extractor.h"
#include "tests/extractors/test_extractor.h"

namespace parley::extractors {
namespace {

using testing::Dump;
using testing::ExtractText;
using testing::Find;
using testing::FindCue;
using testing::SpeakerOf;
using testing::SpeakerPhrase;
using testing::TextOfCue;

// An abbreviation written with its periods ("U.S.", "D.C.") ends the sentence before a
// word that opens one ("She", "The"), so the reported clause stops there and the next
// sentence's attribution is a statement of its own; before a noun ("U.S. Senate") the
// sentence goes on.
TEST(ExtractFrames7Test, ADottedAbbreviationEndsTheSentenceBeforeASentenceOpener) {
  Extraction x = ExtractText(
      "Plants close.\n\nAnn Ruiz said the plant would close in the U.S. She added that jobs "
      "would move to Canada.");
  EXPECT_EQ(TextOfCue(x, "said"), "the plant would close in the U.S.") << Dump(x);
  EXPECT_EQ(TextOfCue(x, "added"), "that jobs would move to Canada") << Dump(x);
  EXPECT_EQ(SpeakerOf(x, "jobs would move"), "Ann Ruiz") << Dump(x);

  Extraction y =
      ExtractText("Votes due.\n\nAnn Ruiz said the bill would pass in the U.S. Senate next week.");
  EXPECT_EQ(TextOfCue(y, "said"), "the bill would pass in the U.S. Senate next week") << Dump(y);
}

// A listed abbreviation that may end a sentence ("Inc.", "Jr.") does so before a
// sentence opener; a title's ("Gov.") never does.
TEST(ExtractFrames7Test, ACompanyAbbreviationEndsTheSentenceBeforeASentenceOpener) {
  Extraction x = ExtractText(
      "Sales fell.\n\nAnn Ruiz said sales fell at Fabrika Inc. She expects a recovery by June.");
  EXPECT_EQ(TextOfCue(x, "said"), "sales fell at Fabrika Inc") << Dump(x);
  EXPECT_EQ(TextOfCue(x, "expects"), "a recovery by June") << Dump(x);

  Extraction y = ExtractText("Sales fell.\n\nThe tax will rise, Ohio Gov. Tom Reed said.");
  EXPECT_EQ(SpeakerOf(y, "The tax will rise"), "Tom Reed") << Dump(y);
}

// A quoted capitalised word between a first name (or an initial) and a surname is a
// nickname: no quotation, so no mixed statement of the name, and the clause the name's
// cue reports is found. A quoted word after a surname stays a quotation.
TEST(ExtractFrames7Test, ANicknameInsideANameIsNoQuotation) {
  Extraction x = ExtractText(
      "Ports reopen.\n\nFormer Governor John F. \"Jack\" Reed said the port would reopen.");
  EXPECT_EQ(TextOfCue(x, "said"), "the port would reopen") << Dump(x);
  EXPECT_EQ(Find(x, "Jack"), nullptr) << Dump(x);

  Extraction y =
      ExtractText("Ports reopen.\n\nAnn \u201cAnnie\u201d Ruiz said the port would reopen.");
  EXPECT_EQ(TextOfCue(y, "said"), "the port would reopen") << Dump(y);

  Extraction z = ExtractText("Ports reopen.\n\nRuiz called Governor Reed \"Crooked\" on Tuesday.");
  EXPECT_NE(Find(z, "\"Crooked\""), nullptr) << Dump(z);
}

// An -ing word opening a clause with a finite verb heads its subject ("Defending that
// terrain is ..."): the clause is reported content before an inverted cue, whose speaker
// phrase stops before its relative clause. An -ing phrase without a finite verb of its
// own stays an adjunct before the frame.
TEST(ExtractFrames7Test, AGerundSubjectClauseIsContentBeforeAnInvertedCue) {
  Extraction x = ExtractText(
      "Labor counts.\n\nDefending that terrain is squarely within her wheelhouse, said a "
      "handful of Democrats who point to her record with unions.");
  EXPECT_EQ(TextOfCue(x, "said"), "Defending that terrain is squarely within her wheelhouse")
      << Dump(x);
  EXPECT_EQ(SpeakerPhrase(x, "said"), "a handful of Democrats") << Dump(x);

  Extraction y = ExtractText(
      "Labor counts.\n\nPointing to polls that show he is ahead, Tom Reed said the race was over.");
  EXPECT_EQ(TextOfCue(y, "said"), "the race was over") << Dump(y);
  EXPECT_EQ(SpeakerOf(y, "the race was over"), "Tom Reed") << Dump(y);
}

// After a quotation, "said one of the witnesses": a word the lexicon knows as a cue
// ("witnesses") after a determiner is a noun of the speaker phrase, not a cue ending it.
TEST(ExtractFrames7Test, ACueWordAfterADeterminerStaysInAnInvertedSpeakerPhrase) {
  Extraction x =
      ExtractText("Witnesses speak.\n\n\"The plan will fail,\" said one of the witnesses.");
  EXPECT_EQ(TextOfCue(x, "said"), "\"The plan will fail,\"") << Dump(x);
  EXPECT_EQ(SpeakerPhrase(x, "said"), "one of the witnesses") << Dump(x);
}

// "NOMINAL, NAME, said": the name in apposition is the speaker, also when the nominal
// holds an organisation ("The director of the FBI, ...") that the part before the comma
// would resolve to.
TEST(ExtractFrames7Test, ANameInAppositionToANominalIsTheSpeaker) {
  Extraction x = ExtractText(
      "Mail leaks.\n\nThe director of the FBI, Ann Lee, said that the messages were private.");
  EXPECT_EQ(SpeakerOf(x, "the messages were private"), "Ann Lee") << Dump(x);

  Extraction y = ExtractText(
      "Mail leaks.\n\nAnn Lee, the director of the FBI, said that the messages were private.");
  EXPECT_EQ(SpeakerOf(y, "the messages were private"), "Ann Lee") << Dump(y);
}

// An inverted speaker phrase may coordinate names or end in "and others": "said Doyle and
// others" names the speakers, the clause before it is the content.
TEST(ExtractFrames7Test, AnInvertedSpeakerPhraseMayCoordinate) {
  Extraction x = ExtractText("Plans fail.\n\nThe plan will fail, said Tom Doyle and others.");
  EXPECT_EQ(TextOfCue(x, "said"), "The plan will fail") << Dump(x);
  EXPECT_EQ(SpeakerPhrase(x, "said"), "Tom Doyle and others") << Dump(x);

  Extraction y = ExtractText("Plans fail.\n\n\"The plan will fail,\" said Ann Lee and Tom Reed.");
  EXPECT_EQ(SpeakerPhrase(y, "said"), "Ann Lee and Tom Reed") << Dump(y);
}

// A quotation ending in "?" or "!" is a sentence of its own; the frame sentence after it
// attributes it also when adjuncts make the frame longer than ten tokens (the adjuncts
// are no content).
TEST(ExtractFrames7Test, ALongerFrameAfterAnAskedQuotationAttributesIt) {
  Extraction x = ExtractText(
      "Reyes asks.\n\n\"Is this a priority for them?\" Martin Reyes said at a press conference on "
      "Tuesday in Las Vegas.");
  EXPECT_EQ(TextOfCue(x, "said"), "\"Is this a priority for them?\"") << Dump(x);
  EXPECT_EQ(SpeakerOf(x, "Is this a priority"), "Martin Reyes") << Dump(x);
}

}  // namespace
}  // namespace parley::extractors
