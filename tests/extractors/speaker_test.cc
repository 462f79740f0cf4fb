// Speakers of the rule extractor, session 6 (issue 3): which mention an attribution
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

// The noun phrase right before a cue can be the object of a preposition ("in a blog
// post", "in particular", "with the Daily Ledger"); the subject before the preposition,
// or the antecedent of the relative clause holding it, speaks.
TEST(ExtractSpeakerTest, ObjectOfAPrepositionIsNoSpeaker) {
  struct Case {
    const char* text;
    const char* needle;   // in the statement's content
    const char* speaker;  // the mention named
  };
  const Case cases[] = {
      {"Marta Quill in a blog post said the harbour bridge would reopen in May.", "harbour bridge",
       "Marta Quill"},
      {"Ferry captains in particular fear that the new timetable will strand commuters.", "new timetable",
       "Ferry captains"},
      {"Two engineers who spoke with the Daily Ledger said the cables had rusted through.",
       "cables had rusted", "Two engineers"},
      {"Marta Quill on Friday in a blog post said the harbour bridge would reopen in May.", "harbour bridge",
       "Marta Quill"},
  };
  for (const auto& c : cases) {
    const std::string text = c.text;
    Extraction x = ExtractText(text);
    const Statement* s = Find(x, c.needle);
    ASSERT_NE(s, nullptr) << text << "\n" << Dump(x);
    EXPECT_EQ(SpeakerText(text, *s), c.speaker) << text << "\n" << Dump(x);
  }
  // a noun with its complement stays one mention, and is not the person it names
  const std::string text = "Aides to the mayor insist that the budget is balanced.";
  Extraction x = ExtractText(text);
  const Statement* s = Find(x, "budget is balanced");
  ASSERT_NE(s, nullptr) << Dump(x);
  EXPECT_EQ(SpeakerText(text, *s), "Aides to the mayor") << Dump(x);
}

// A participle borrows the sentence's subject, which comes after a fronted adverbial
// and its comma ("More recently, X ...", "Likewise, X ..."), not the adverbial.
TEST(ExtractSpeakerTest, FrontedAdverbialIsNoSubject) {
  const std::string text =
      "The ferry timetable changed in May.\n\n"
      "More recently, Ada Brook has shifted her stance, warning that the crossings could stop "
      "in winter.\n\n"
      "Likewise, Tom Reyes went after the council, calling the plan a disaster.";
  Extraction x = ExtractText(text);
  const Statement* s = Find(x, "crossings could stop");
  ASSERT_NE(s, nullptr) << Dump(x);
  EXPECT_EQ(SpeakerText(text, *s), "Ada Brook") << Dump(x);
  EXPECT_EQ(s->speaker.value_or(""), "Ada Brook") << Dump(x);
  s = Find(x, "the plan a disaster");
  ASSERT_NE(s, nullptr) << Dump(x);
  EXPECT_EQ(SpeakerText(text, *s), "Tom Reyes") << Dump(x);

  // a participle clause opening the sentence ("Walking to the next house, X ...")
  const std::string walking =
      "The ferry was late.\n\nWalking to the next house, Ada Brook paused for a moment and said the pier "
      "was unsafe.";
  x = ExtractText(walking);
  s = Find(x, "pier was unsafe");
  ASSERT_NE(s, nullptr) << Dump(x);
  EXPECT_EQ(SpeakerText(walking, *s), "Ada Brook") << Dump(x);
}

// A relative clause between the subject and its cue may hold commas of its own ("X,
// whose shop, a bakery, sits on the quay, said") and a time may follow it ("X, who
// ..., on Friday described"): the subject before ", who" / ", whose" speaks.
TEST(ExtractSpeakerTest, RelativeClauseBeforeTheCue) {
  const std::string text =
      "Tom Reyes, who runs the bakery on Dock Street, on Friday described the new timetable as a "
      "disaster.\n\n"
      "Ida Lund, whose shop, a bakery, sits on the quay, said the ferry was late.";
  Extraction x = ExtractText(text);
  const Statement* s = Find(x, "new timetable");
  ASSERT_NE(s, nullptr) << Dump(x);
  EXPECT_EQ(SpeakerText(text, *s).rfind("Tom Reyes, who runs the bakery", 0), 0u) << Dump(x);
  EXPECT_EQ(s->speaker.value_or(""), "Tom Reyes") << Dump(x);
  s = Find(x, "ferry was late");
  ASSERT_NE(s, nullptr) << Dump(x);
  EXPECT_EQ(SpeakerText(text, *s).rfind("Ida Lund, whose shop", 0), 0u) << Dump(x);
  EXPECT_EQ(s->speaker.value_or(""), "Ida Lund") << Dump(x);
}

// "Asked by X whether ...": X asks, and the question is the content (PolNeAR's source is
// the agent); the answer's "she" is not X.
TEST(ExtractSpeakerTest, AskedByAgentAsks) {
  const std::string text =
      "Lena Varga spoke to reporters on Monday.\n\n"
      "Asked by Tom Reyes whether the ferry would run in winter, she said, \"It will run "
      "every day.\"";
  Extraction x = ExtractText(text);
  const Statement* q = Find(x, "whether the ferry would run");
  ASSERT_NE(q, nullptr) << Dump(x);
  EXPECT_EQ(q->text.rfind("whether the ferry would run in winter", 0), 0u) << Dump(x);
  EXPECT_EQ(SpeakerText(text, *q), "Tom Reyes") << Dump(x);
  const Statement* a = Find(x, "It will run every day");
  ASSERT_NE(a, nullptr) << Dump(x);
  EXPECT_EQ(SpeakerText(text, *a), "she") << Dump(x);
  EXPECT_NE(a->speaker.value_or(""), "Tom Reyes") << Dump(x);
}

// A pronoun with its auxiliary ("She's", "they've") is the subject: it names the speaker
// (where the cue model took the contraction itself for the cue, too), and it is no name.
TEST(ExtractSpeakerTest, PronounContractionSpeaks) {
  const std::string text =
      "Lena Varga lost the harbour vote on Monday.\n\n"
      "She\xE2\x80\x99s suggesting that the count was wrong. And she\xE2\x80\x99s also making an "
      "argument that the ferry is late.";
  Extraction x = ExtractText(text);
  for (const char* needle : {"count was wrong", "the ferry is late"}) {
    const Statement* s = Find(x, needle);
    ASSERT_NE(s, nullptr) << needle << "\n" << Dump(x);
    const std::string mention = SpeakerText(text, *s);
    EXPECT_TRUE(mention.rfind("she", 0) == 0 || mention.rfind("She", 0) == 0) << needle << "\n" << Dump(x);
    EXPECT_NE(s->speaker.value_or("").rfind("She", 0), 0u) << Dump(x);
  }
  for (const auto& e : x.entities) EXPECT_EQ(e.name.find("\xE2\x80\x99s"), std::string::npos) << e.name;
}

// A parenthesis between dashes before the cue belongs to the speaker phrase: "Many
// speakers at the harbour — including ... — said" names the speakers, not nobody.
TEST(ExtractSpeakerTest, DashParenthesisBeforeTheCue) {
  const std::string text =
      "The ferry was late.\n\n"
      "Many speakers at the harbour \xE2\x80\x94 including sailors, bakers and clerks \xE2\x80\x94 said "
      "the crossing was too dangerous.";
  Extraction x = ExtractText(text);
  const Statement* s = Find(x, "crossing was too dangerous");
  ASSERT_NE(s, nullptr) << Dump(x);
  EXPECT_EQ(SpeakerText(text, *s).rfind("Many speakers at the harbour", 0), 0u) << Dump(x);
}

// A time between the auxiliary and the cue ("had last week warned") is no subject: the
// phrase before the auxiliary is.
TEST(ExtractSpeakerTest, TimeAfterTheAuxiliary) {
  const std::string text = "The ferry was late.\n\nHarbour police had last week warned that the pier was unsafe.";
  Extraction x = ExtractText(text);
  const Statement* s = Find(x, "pier was unsafe");
  ASSERT_NE(s, nullptr) << Dump(x);
  EXPECT_EQ(SpeakerText(text, *s), "Harbour police") << Dump(x);
}

// A participle completing a verb ("have begun urging", "kept asking") speaks for that
// verb's subject, not for the verb taken as a noun phrase.
TEST(ExtractSpeakerTest, ParticipleAfterACatenativeVerb) {
  const std::string text =
      "The ferry was late.\n\n"
      "As the storm grew, harbour pilots have begun urging the council to close the pier.\n\n"
      "At the hearing, Sen. Ada Brook (D-Maine) kept asking whether the pier was safe.";
  Extraction x = ExtractText(text);
  const Statement* s = Find(x, "close the pier");
  ASSERT_NE(s, nullptr) << Dump(x);
  EXPECT_EQ(SpeakerText(text, *s), "harbour pilots") << Dump(x);
  s = Find(x, "pier was safe");
  ASSERT_NE(s, nullptr) << Dump(x);
  EXPECT_EQ(SpeakerText(text, *s), "Sen. Ada Brook") << Dump(x);
  EXPECT_EQ(s->speaker.value_or(""), "Ada Brook") << Dump(x);
}

// A participle after an object ("he cut into Brook, calling him ...") borrows the
// clause's subject pronoun, not the nearest name.
TEST(ExtractSpeakerTest, ParticipleBorrowsASubjectPronoun) {
  const std::string text =
      "The ferry was late.\n\n"
      "Then he cut into Brook, calling him a liar.\n\n"
      "Before noon on Monday she had called off the ferry trip she planned with Brook, citing "
      "the storm.";
  Extraction x = ExtractText(text);
  const Statement* s = Find(x, "him a liar");
  ASSERT_NE(s, nullptr) << Dump(x);
  EXPECT_EQ(SpeakerText(text, *s), "he") << Dump(x);
  s = Find(x, "the storm");
  ASSERT_NE(s, nullptr) << Dump(x);
  EXPECT_EQ(SpeakerText(text, *s), "she") << Dump(x);
}

// A speaker phrase that is a lone article or "of" ("The hope has been that ...",
// "because of fears that ...") is no mention: the statement names no speaker.
TEST(ExtractSpeakerTest, LoneArticleIsNoSpeaker) {
  const std::string text =
      "The ferry was late.\n\n"
      "The hope has been that the council would reopen the pier by May.\n\n"
      "The toll is resented, in part because of fears that shops will close early.";
  Extraction x = ExtractText(text);
  for (const char* needle : {"reopen the pier", "shops will close"}) {
    const Statement* s = Find(x, needle);
    ASSERT_NE(s, nullptr) << needle << "\n" << Dump(x);
    EXPECT_TRUE(s->speaker_spans.empty()) << needle << ": " << SpeakerText(text, *s) << "\n" << Dump(x);
    EXPECT_FALSE(s->speaker.has_value()) << Dump(x);
  }
}

}  // namespace
}  // namespace parley::extractors
