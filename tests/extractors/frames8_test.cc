// Frames of the rule extractor, session 18 (issue 3): a participle phrase opened by a
// subordinator or a preposition before its sentence's subject, a month named after
// "in" as a time adjunct, and an apposition after an asked quotation's speaker.
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

// "After arguing that X, Y ...": the participle's content runs to the comma and the
// sentence's subject said it, as when the participle opens the sentence itself; past
// a leading conjunction or sentence adverb too, and after "in" or "by".
TEST(ExtractFrames8Test, AFrontedSubordinateParticiplesSpeakerIsTheSentencesSubject) {
  Extraction x = ExtractText(
      "Plant vote.\n\nAfter arguing that the plant was unsafe, Ann Ruiz voted against the "
      "permit.");
  EXPECT_EQ(TextOfCue(x, "arguing"), "that the plant was unsafe") << Dump(x);
  EXPECT_EQ(SpeakerOf(x, "the plant was unsafe"), "Ann Ruiz") << Dump(x);

  Extraction y = ExtractText(
      "Plant vote.\n\nBut in describing the permit as a mistake, Tom Reed angered the "
      "council.");
  EXPECT_EQ(TextOfCue(y, "describing"), "the permit as a mistake") << Dump(y);
  EXPECT_EQ(SpeakerPhrase(y, "describing"), "Tom Reed") << Dump(y);

  Extraction z = ExtractText(
      "Plant vote.\n\nNow, despite criticizing the permit, Tom Reed is voting for it.");
  EXPECT_EQ(SpeakerPhrase(z, "criticizing"), "Tom Reed") << Dump(z);
}

// A dateline before the participle phrase ("WASHINGTON ―", "DOVER (AP) —") is no
// subject: the sentence's subject after the phrase speaks.
TEST(ExtractFrames8Test, ADatelineBeforeAFrontedParticipleIsNoSpeaker) {
  Extraction x = ExtractText(
      "Plant vote.\n\nDOVER \u2015 After bragging that she ran the plant cheaply for a "
      "year, Ann Ruiz is spending more freely.");
  EXPECT_EQ(TextOfCue(x, "bragging"), "that she ran the plant cheaply for a year") << Dump(x);
  EXPECT_EQ(SpeakerPhrase(x, "bragging"), "Ann Ruiz") << Dump(x);
}

// A time adjunct right after the participle is no content ("Since announcing in
// October that ..."), and "in March" after a cue is a time adjunct like "on Monday".
TEST(ExtractFrames8Test, AMonthAfterInIsATimeAdjunct) {
  Extraction x = ExtractText(
      "Plant vote.\n\nSince announcing in October that she would not run, Ann Ruiz has "
      "campaigned for others.");
  EXPECT_EQ(TextOfCue(x, "announcing"), "that she would not run") << Dump(x);
  EXPECT_EQ(SpeakerPhrase(x, "announcing"), "Ann Ruiz") << Dump(x);

  Extraction y = ExtractText("Plant vote.\n\nAnn Ruiz said in March 2015 that the plant would close.");
  EXPECT_EQ(TextOfCue(y, "said"), "that the plant would close") << Dump(y);
}

// "earlier in the day", "later that day" are time adjuncts (time.yaml, undated): between
// a subject and its cue they are no speaker.
TEST(ExtractFrames8Test, EarlierInTheDayIsATimeAdjunctBeforeTheCue) {
  Extraction x = ExtractText(
      "Plant vote.\n\nChairwoman Ann Ruiz (D-Ohio) earlier in the day praised the plant's "
      "safety record.");
  EXPECT_EQ(SpeakerPhrase(x, "praised"), "Chairwoman Ann Ruiz") << Dump(x);
  EXPECT_EQ(SpeakerOf(x, "safety record"), "Ann Ruiz") << Dump(x);
}

// An asked or exclaimed quotation ends its sentence; the frame after it may name its
// speaker with an apposition between commas.
TEST(ExtractFrames8Test, AnAskedQuotationsSpeakerMayCarryAnApposition) {
  Extraction x = ExtractText(
      "Plant vote.\n\n\"Can anyone hear me?\" Ann Ruiz, a retired nurse from Ohio, said into "
      "the microphone.");
  EXPECT_EQ(SpeakerOf(x, "Can anyone hear me?"), "Ann Ruiz") << Dump(x);
  EXPECT_EQ(SpeakerPhrase(x, "said"), "Ann Ruiz, a retired nurse from Ohio") << Dump(x);
}

// A trailing frame's subject may coordinate a pronoun with a noun phrase or a name, or
// adjectives before a speaker noun: the content before it is a statement with that
// speaker phrase.
TEST(ExtractFrames8Test, ATrailingFramesSubjectMayBeCoordinated) {
  Extraction x = ExtractText(
      "Plant vote.\n\nAnn Ruiz left early. The guard grabbed her arm, she and another reporter "
      "said.");
  EXPECT_EQ(TextOfCue(x, "said"), "The guard grabbed her arm") << Dump(x);
  EXPECT_EQ(SpeakerPhrase(x, "said"), "she and another reporter") << Dump(x);

  Extraction y = ExtractText("Plant vote.\n\nThe plant is unsafe, he and Mr. Reed said.");
  EXPECT_EQ(SpeakerPhrase(y, "said"), "he and Mr. Reed") << Dump(y);

  Extraction z =
      ExtractText("Plant vote.\n\nThe permit was issued in 2009, current and former officials said.");
  EXPECT_EQ(TextOfCue(z, "said"), "The permit was issued in 2009") << Dump(z);
  EXPECT_EQ(SpeakerPhrase(z, "said"), "current and former officials") << Dump(z);
}

// Names coordinated by "and" are one subject: inside a reported clause they do not cut
// it ("Ruiz said that Reed and Lopez have not ruled out X" is one statement of Ruiz),
// and before a cue they are one speaker phrase.
TEST(ExtractFrames8Test, NamesCoordinatedByAndAreOneSubject) {
  Extraction x = ExtractText(
      "Plant vote.\n\nAnn Ruiz said that Governor Tom Reed and Mayor Eva Lopez have not "
      "ruled out a new vote.");
  EXPECT_EQ(TextOfCue(x, "said"),
            "that Governor Tom Reed and Mayor Eva Lopez have not ruled out a new vote")
      << Dump(x);

  Extraction y = ExtractText("Plant vote.\n\nTom Reed and Eva Lopez said the plant was unsafe.");
  EXPECT_EQ(SpeakerPhrase(y, "said"), "Tom Reed and Eva Lopez") << Dump(y);
}

// Capital "US" before a title is the country, not the pronoun "us": the speaker phrase
// runs over it.
TEST(ExtractFrames8Test, CapitalUsBeforeATitleIsNoPronoun) {
  Extraction x = ExtractText(
      "Plant vote.\n\n\"We will vote for the plant!\" US Senator Tom Reed said as he "
      "opened the hearing.");
  EXPECT_EQ(SpeakerOf(x, "We will vote for the plant!"), "Tom Reed") << Dump(x);
  EXPECT_EQ(Find(x, "as he opened the hearing"), nullptr) << Dump(x);
}

// A base-form cue after "he", "she" or "it" frames a clause when an auxiliary carries
// the agreement: "and she doesn't think X", "he didn't say X" (only the bare "she
// think" is refused).
TEST(ExtractFrames8Test, AThirdPersonPronounTakesABaseFormCueAfterAnAuxiliary) {
  Extraction x = ExtractText(
      "Plant vote.\n\nThe vote was close, and she doesn't think the plant can stay open.");
  EXPECT_EQ(TextOfCue(x, "doesn't think"), "the plant can stay open") << Dump(x);
  EXPECT_EQ(SpeakerPhrase(x, "doesn't think"), "she") << Dump(x);

  Extraction y =
      ExtractText("Plant vote.\n\nThe vote was close, but he didn't say the plant would close.");
  EXPECT_EQ(TextOfCue(y, "didn't say"), "the plant would close") << Dump(y);
}

// A catenative before an infinitive cue ("needs to realize", "was unable to explain",
// "used to support") leaves its subject the speaker (lexicon.yaml
// infinitive_catenatives).
TEST(ExtractFrames8Test, ACatenativeBeforeAnInfinitiveCueKeepsItsSubject) {
  Extraction x = ExtractText("Plant vote.\n\nThe council was unable to explain why the plant closed.");
  EXPECT_EQ(TextOfCue(x, "was unable to explain"), "why the plant closed") << Dump(x);
  EXPECT_EQ(SpeakerPhrase(x, "was unable to explain"), "The council") << Dump(x);

  Extraction y = ExtractText("Plant vote.\n\nAnn Ruiz used to support the plant.");
  EXPECT_EQ(SpeakerOf(y, "the plant"), "Ann Ruiz") << Dump(y);
}

// A base-form cue agrees with a collective noun ("police", "people") as with a plural:
// "Brazilian police charge X with Y" is a statement of the police.
TEST(ExtractFrames8Test, ABaseFormCueAgreesWithACollectiveNoun) {
  Extraction x = ExtractText(
      "Plant vote.\n\nBrazilian police charge the American swimmer with filing a false report.");
  EXPECT_EQ(SpeakerPhrase(x, "charge"), "Brazilian police") << Dump(x);
}

// A participle after its main clause and a subordinator (", before clarifying that X",
// ", after saying that X") speaks for the main clause's subject, as ", saying that X"
// does; the subordinator is no part of the cue.
TEST(ExtractFrames8Test, ASubordinatedParticipleAfterItsClauseSpeaksForItsSubject) {
  Extraction x = ExtractText(
      "Plant vote.\n\nAnn Ruiz said the plant will close, before clarifying that the jobs "
      "would move to Ohio.");
  EXPECT_EQ(TextOfCue(x, "clarifying"), "that the jobs would move to Ohio") << Dump(x);
  EXPECT_EQ(SpeakerPhrase(x, "clarifying"), "Ann Ruiz") << Dump(x);
}

// A subordinate clause between the comma closing an opening participle phrase and the
// sentence's subject does not hide that subject.
TEST(ExtractFrames8Test, AClauseAfterAnOpeningParticiplePhraseIsPassedOver) {
  Extraction x = ExtractText(
      "Plant vote.\n\nBesides attacking the permit, while the audience booed, Ann Ruiz "
      "asserted that the plant was unsafe.");
  EXPECT_EQ(TextOfCue(x, "attacking"), "the permit") << Dump(x);
  EXPECT_EQ(SpeakerPhrase(x, "attacking"), "Ann Ruiz") << Dump(x);
}

}  // namespace
}  // namespace parley::extractors
