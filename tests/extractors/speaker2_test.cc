// Speakers of the rule extractor, session 7 (issue 3): which mention an attribution
// names, on sentences written for these tests.
#include <gtest/gtest.h>

#include <string>

#include "extractors/extractor.h"
#include "tests/extractors/test_extractor.h"

namespace parley::extractors {
namespace {

using testing::Dump;
using testing::Find;
using testing::Sub;
using testing::ExtractText;

// The speaker mentions of a statement as written, joined by " | ".
std::string SpeakerText(const std::string& text, const Statement& s) {
  std::string out;
  for (const auto& sp : s.speaker_spans) out += (out.empty() ? "" : " | ") + Sub(text, sp);
  return out;
}

// A telling verb does not invert its subject: in `"...," Ida Marsh, a nurse, told
// Reuters` the addressee after the verb is no speaker, the name before the appositive is.
TEST(ExtractSpeaker2Test, TellingVerbKeepsItsSubject) {
  const std::string text =
      "The pier closed in May.\n\n"
      "\u201cThe ferry will not run this winter,\u201d Ida Marsh, a nurse from Leeds, told the Daily "
      "Ledger. \u201cWe have no boats.\u201d";
  Extraction x = ExtractText(text);
  const Statement* s = Find(x, "ferry will not run");
  ASSERT_NE(s, nullptr) << Dump(x);
  EXPECT_EQ(SpeakerText(text, *s).rfind("Ida Marsh", 0), 0u) << Dump(x);
  EXPECT_EQ(s->speaker.value_or(""), "Ida Marsh") << Dump(x);
  EXPECT_EQ(SpeakerText(text, *s).find("Ledger"), std::string::npos) << Dump(x);
}

// A cue after a relative clause ("X, who ..., said", "X - who ... - said") speaks for
// the clause's antecedent, not for its pronoun, also when the clause ends in a quotation
// with its comma inside the marks.
TEST(ExtractSpeaker2Test, CueAfterARelativeClauseSpeaksForItsAntecedent) {
  struct Case {
    const char* text;
    const char* needle;   // in the statement's content
    const char* speaker;  // the mention named first
  };
  const Case cases[] = {
      {"The pier closed in May.\n\nMs. Lane, who calls the ferry plan a \u201cdisaster,\u201d said she would "
       "vote against it.",
       "vote against it", "Ms. Lane"},
      {"The pier closed in May.\n\nMs. Lane, who is disliked by farmers, said at the hearing that the plan "
       "would fail.",
       "plan would fail", "Ms. Lane"},
      {"The pier closed in May.\n\nTom Reed - who once warned he would \u201cfight to the end\u201d - said at "
       "a rally that he would quit.",
       "he would quit", "Tom Reed"},
  };
  for (const auto& c : cases) {
    const std::string text = c.text;
    Extraction x = ExtractText(text);
    const Statement* s = Find(x, c.needle);
    ASSERT_NE(s, nullptr) << text << "\n" << Dump(x);
    EXPECT_EQ(SpeakerText(text, *s).rfind(c.speaker, 0), 0u) << text << "\n" << Dump(x);
  }
  // inside the clause the pronoun stays the mention (PolNeAR's source there)
  const std::string text = "The pier closed in May.\n\nMs. Lane, who warned that the plan would fail, left.";
  Extraction x = ExtractText(text);
  const Statement* s = Find(x, "plan would fail");
  ASSERT_NE(s, nullptr) << Dump(x);
  EXPECT_EQ(SpeakerText(text, *s), "who") << Dump(x);
}

// A parenthesis between dashes before the cue holds abbreviations ("Ms.", "Mr.") and
// the noun before it is the subject a bare verb agrees with ("Some farmers — a few on
// the council — warn"): the phrase before the dashes speaks.
TEST(ExtractSpeaker2Test, SubjectBeforeDashesOverAbbreviationsAndSingularNouns) {
  struct Case {
    const char* text;
    const char* needle;   // in the statement's content
    const char* speaker;  // the mention named first
  };
  const Case cases[] = {
      {"The pier closed in May.\n\nThe two judges -- Ms. Hale and Mr. Stone -- agreed there were good "
       "reasons to wait.",
       "good reasons to wait", "The two judges"},
      {"The pier closed in May.\n\nSome farmers \u2014 including a few on the council \u2014 warn that the "
       "ferry plan could fail.",
       "ferry plan could fail", "Some farmers"},
  };
  for (const auto& c : cases) {
    const std::string text = c.text;
    Extraction x = ExtractText(text);
    const Statement* s = Find(x, c.needle);
    ASSERT_NE(s, nullptr) << text << "\n" << Dump(x);
    EXPECT_EQ(SpeakerText(text, *s).rfind(c.speaker, 0), 0u) << text << "\n" << Dump(x);
  }
}

// A time between the subject, or a coordinator, and the cue is no speaker: "X raised
// taxes and on Monday announced", "X on Monday lashed out at Y, advising".
TEST(ExtractSpeaker2Test, TimeBeforeTheCueIsNoSpeaker) {
  struct Case {
    const char* text;
    const char* needle;   // in the statement's content
    const char* speaker;  // the mention named
  };
  const Case cases[] = {
      {"The pier closed in May.\n\nAnn Cole has raised the fares and on Monday announced that the ferry "
       "would stop.",
       "ferry would stop", "Ann Cole"},
      {"The pier closed in May.\n\nAnn Cole has been critical of the mayor but on Tuesday wrote that she "
       "agreed with his plan.",
       "agreed with his plan", "Ann Cole"},
      {"The pier closed in May.\n\nTom Reed on Monday lashed out at the mayor, advising him to resign.",
       "him to resign", "Tom Reed"},
  };
  for (const auto& c : cases) {
    const std::string text = c.text;
    Extraction x = ExtractText(text);
    const Statement* s = Find(x, c.needle);
    ASSERT_NE(s, nullptr) << text << "\n" << Dump(x);
    EXPECT_EQ(SpeakerText(text, *s), c.speaker) << text << "\n" << Dump(x);
  }
}

// The determiner of a light verb's object ("made no mention of", "left no doubt that",
// lexicon.yaml's light_verbs) is no speaker: the verb's subject is. A determiner that
// opens the clause still speaks ("Some accused ...").
TEST(ExtractSpeaker2Test, LightVerbObjectIsNoSpeaker) {
  const std::string text =
      "The pier closed in May.\n\nAnn Cole left no doubt that she would run for mayor again.\n\n"
      "Some accused the council of hiding the ferry accounts.";
  Extraction x = ExtractText(text);
  const Statement* s = Find(x, "run for mayor again");
  ASSERT_NE(s, nullptr) << Dump(x);
  EXPECT_EQ(SpeakerText(text, *s), "Ann Cole") << Dump(x);
  s = Find(x, "hiding the ferry accounts");
  ASSERT_NE(s, nullptr) << Dump(x);
  EXPECT_EQ(SpeakerText(text, *s), "Some") << Dump(x);
}

// A capitalised participle clause opening the sentence ("Rallying hundreds of farmers
// ..., X tried ... and promised") is no subject for a coordinated cue to borrow.
TEST(ExtractSpeaker2Test, OpeningParticipleIsNoSubject) {
  const std::string text =
      "SALEM, Ore. - Rallying hundreds of farmers who are struggling to get by, Ann Cole tried "
      "here last week to calm them and promised to lower the ferry fares.";
  Extraction x = ExtractText(text);
  const Statement* s = Find(x, "lower the ferry fares");
  ASSERT_NE(s, nullptr) << Dump(x);
  EXPECT_EQ(SpeakerText(text, *s), "Ann Cole") << Dump(x);
}

// A passive cue's agent is its speaker ("was initially portrayed by the mayor as", "an
// option seen by farmers as"), not the subject before it.
TEST(ExtractSpeaker2Test, PassiveAgentSpeaks) {
  const std::string text =
      "The pier closed in May.\n\nThe ferry plan was initially portrayed by the mayor as a cheap fix.\n\n"
      "The council backed a bus plan, an option seen by farmers as a lifeboat for the town.";
  Extraction x = ExtractText(text);
  const Statement* s = Find(x, "a cheap fix");
  ASSERT_NE(s, nullptr) << Dump(x);
  EXPECT_EQ(SpeakerText(text, *s), "the mayor") << Dump(x);
  s = Find(x, "a lifeboat for the town");
  ASSERT_NE(s, nullptr) << Dump(x);
  EXPECT_EQ(SpeakerText(text, *s), "farmers") << Dump(x);
}

// A preposition with a participle opening the sentence ("In describing X, Y said ...")
// reports what the subject after its comma says.
TEST(ExtractSpeaker2Test, PrepositionalParticipleSpeaksForTheSubject) {
  const std::string text =
      "The pier closed in May.\n\nIn describing the mayor, Ann Cole said he had sold the ferry.";
  Extraction x = ExtractText(text);
  const Statement* s = Find(x, "the mayor");
  ASSERT_NE(s, nullptr) << Dump(x);
  EXPECT_EQ(s->cue, "describing") << Dump(x);
  EXPECT_EQ(SpeakerText(text, *s), "Ann Cole") << Dump(x);
}

}  // namespace
}  // namespace parley::extractors

namespace parley::extractors {
namespace {

using testing::Dump;
using testing::ExtractText;
using testing::Find;

// The speaker mentions of the first statement containing `needle`, "<none>" if none.
std::string SpeakerTextOf(const std::string& text, const Extraction& x, const std::string& needle) {
  const Statement* s = Find(x, needle);
  return s == nullptr ? std::string("<none>") : SpeakerText(text, *s);
}

// A participle after the main clause speaks for the sentence's subject, found past a
// leading adverbial whose place and day run on over commas ("At a town hall in Dover,
// Delaware, on Sunday, ..."), and past a dateline with its agency ("New Castle (AP) -").
TEST(ExtractSpeaker2Test, ParticipleSubjectPastAPlaceAndDayAndADateline) {
  const std::string text =
      "The county fair opened in June.\n\nAt a town hall in Dover, Delaware, on Sunday, Mrs. Lane stood "
      "by her vote, saying that the ferry plan was too costly.";
  Extraction x = ExtractText(text);
  EXPECT_EQ(SpeakerTextOf(text, x, "ferry plan was too costly"), "Mrs. Lane") << Dump(x);
  Extraction y = ExtractText(
      "New Castle (AP) - Mayor Tom Reed on Monday joined the campaign in Dover, calling the ferry plan a "
      "waste of money.");
  EXPECT_EQ(testing::SpeakerOf(y, "waste of money"), "Tom Reed") << Dump(y);
}

// ", X said" after a reported clause keeps the clause as the content whatever the
// length of the frame's adjunct after the cue ("said during his speech to be named
// ..."), and `content, said an official who ...` names the official.
TEST(ExtractSpeaker2Test, ContentBeforeAFrameWithALongAdjunctOrAnInvertedSpeaker) {
  Extraction x = ExtractText(
      "The county fair opened in June.\n\nHis loyalty has moved from the mayor to the council to, now, "
      "the governor, Tom Reed said during his speech to be named a delegate to the state meeting.");
  EXPECT_EQ(testing::SpeakerOf(x, "His loyalty has moved"), "Tom Reed") << Dump(x);
  EXPECT_EQ(Find(x, "during his speech"), nullptr) << Dump(x);
  const std::string text =
      "The county fair opened in June.\n\nThe ferry plan will be dropped before the vote in March, said an "
      "official who was briefed on the talks.";
  Extraction y = ExtractText(text);
  EXPECT_EQ(SpeakerTextOf(text, y, "ferry plan will be dropped"), "an official") << Dump(y);
}

}  // namespace
}  // namespace parley::extractors
