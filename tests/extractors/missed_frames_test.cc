// Recall of the rule extractor, session 5 (issue 3): layouts that produced no
// statement at all, on sentences written for these tests.
#include <gtest/gtest.h>

#include <sstream>
#include <string>

#include "extractors/extractor.h"
#include "tests/extractors/test_extractor.h"

namespace parley::extractors {
namespace {

using testing::Sub;
using testing::Find;
using testing::Dump;
using testing::ExtractText;

// A cue ending its paragraph with a colon introduces the next paragraph even when
// no quotation marks open it (a block quotation): that paragraph is the content.
TEST(MissedStatementTest, ColonBeforeAnUnquotedBlock) {
  const std::string text =
      "The council met on Monday.\n\n"
      "The columnist Dana Whitcombe said:\n\n"
      "The harbour plan costs too much, and nobody has asked the fishermen what they need.\n\n"
      "The vote is next week.";
  Extraction x = ExtractText(text);
  const Statement* s = Find(x, "The harbour plan costs too much");
  ASSERT_NE(s, nullptr) << Dump(x);
  EXPECT_EQ(s->text, "The harbour plan costs too much, and nobody has asked the fishermen what they need.");
  EXPECT_EQ(s->cue, "said");
  ASSERT_EQ(s->speaker_spans.size(), 1u);
  EXPECT_EQ(Sub(x.text, s->speaker_spans[0]), "The columnist Dana Whitcombe");
  EXPECT_EQ(Find(x, "The vote is next week"), nullptr) << Dump(x);

  // a paragraph that is not introduced by a colon stays out
  Extraction y = ExtractText(
      "The council met on Monday.\n\nThe columnist Dana Whitcombe said so.\n\n"
      "The harbour plan costs too much.");
  EXPECT_EQ(Find(y, "The harbour plan"), nullptr) << Dump(y);
}

// A capitalised cue opening a parenthesis that opens its sentence frames like one
// opening the sentence ("(According to X, ...)").
TEST(MissedStatementTest, AccordingToInsideAnOpeningParenthesis) {
  Extraction x = ExtractText(
      "The mayor backed the harbour plan. (According to the city auditor, the plan would cost "
      "$40 million.) Work starts in May.");
  const Statement* s = Find(x, "the plan would cost");
  ASSERT_NE(s, nullptr) << Dump(x);
  EXPECT_EQ(s->text, "the plan would cost $40 million");
  ASSERT_EQ(s->speaker_spans.size(), 1u);
  EXPECT_EQ(Sub(x.text, s->speaker_spans[0]), "the city auditor");
}

// An auxiliary or adverb before a kept cue is part of that cue, not a cue of its own
// ("has long maintained": the learned detector once framed "long" and left the verb out).
TEST(MissedStatementTest, AdverbBeforeACueBelongsToIt) {
  Extraction x = ExtractText("The union has long maintained that the mine is unsafe.");
  const Statement* s = Find(x, "the mine is unsafe");
  ASSERT_NE(s, nullptr) << Dump(x);
  EXPECT_EQ(s->cue, "has long maintained");
  ASSERT_EQ(s->speaker_spans.size(), 1u);
  EXPECT_EQ(Sub(x.text, s->speaker_spans[0]), "The union");
}

// time.yaml: "this past week" dates a statement by the first of the seven days before
// the published date; "in the past" names no day, but the speaker walk reads past it
// like any time adjunct ("who in the past has voiced").
TEST(MissedStatementTest, PastTimeAdjuncts) {
  Extraction x = ExtractText("The ferry will run all winter, port officials said this past week.");
  const Statement* s = Find(x, "The ferry will run all winter");
  ASSERT_NE(s, nullptr) << Dump(x);
  ASSERT_TRUE(s->date.has_value()) << Dump(x);
  EXPECT_EQ(*s->date, "2025-10-18");  // published 2025-10-25

  Extraction y = ExtractText(
      "Mara Tolle, who in the past has voiced doubts about the ferry, said the timetable was fair.");
  const Statement* v = Find(y, "the ferry");
  ASSERT_NE(v, nullptr) << Dump(y);
  EXPECT_EQ(v->cue, "has voiced");
  ASSERT_EQ(v->speaker_spans.size(), 1u) << Dump(y);
  EXPECT_EQ(Sub(y.text, v->speaker_spans[0]), "who");
  EXPECT_FALSE(v->date.has_value());
  const Statement* f = Find(y, "the timetable was fair");
  ASSERT_NE(f, nullptr) << Dump(y);
  EXPECT_FALSE(f->date.has_value()) << *f->date;
}

// Headline attributions: the name before a lower-case preposition speaks ("X at the
// summit: ..."), an all-capital label and its dash come first ("EXCLUSIVE - X: ..."),
// and a question after the colon is no one's claim.
TEST(MissedStatementTest, HeadlineAttributions) {
  struct Case {
    std::string title, content, speaker;
  };
  const Case cases[] = {
      {"Mayor Tolle at Harbour Summit: Ferry Fares Will Fall", "Ferry Fares Will Fall", "Mayor Tolle"},
      {"EXCLUSIVE - Dana Whitcombe: The Port Plan Is Dead", "The Port Plan Is Dead", "Dana Whitcombe"},
  };
  for (const Case& c : cases) {
    Extraction x = ExtractText(c.title + "\n\nThe council met on Monday to discuss the harbour.");
    const Statement* s = Find(x, c.content);
    ASSERT_NE(s, nullptr) << c.title << "\n" << Dump(x);
    EXPECT_EQ(s->text, c.content);
    ASSERT_EQ(s->speaker_spans.size(), 1u) << c.title;
    EXPECT_EQ(Sub(x.text, s->speaker_spans[0]), c.speaker) << c.title;
  }
  Extraction q = ExtractText("Dana Whitcombe: Reformer or Career Politician?\n\nThe council met on Monday.");
  EXPECT_EQ(Find(q, "Reformer"), nullptr) << Dump(q);
}

// A quotation ending in "!", "?" or an ellipsis, then a short frame as a sentence of
// its own ("... now!" Tolle said.): the quotation is the frame's content.
TEST(MissedStatementTest, ExclaimedQuotationThenItsFrame) {
  struct Case {
    std::string text, content, speaker;
  };
  const Case cases[] = {
      {"The council met. \"We want the ferry back now!\" Mara Tolle said. The vote is next week.",
       "\"We want the ferry back now!\"", "Mara Tolle"},
      {"The council met. \"Why would we sell the harbour?\" she asked reporters on Monday.",
       "\"Why would we sell the harbour?\"", "she"},
  };
  for (const Case& c : cases) {
    Extraction x = ExtractText(c.text);
    const Statement* s = Find(x, c.content);
    ASSERT_NE(s, nullptr) << c.text << "\n" << Dump(x);
    EXPECT_EQ(s->text, c.content);
    ASSERT_EQ(s->speaker_spans.size(), 1u) << c.text;
    EXPECT_EQ(Sub(x.text, s->speaker_spans[0]), c.speaker) << c.text;
  }
  // a long sentence after the quotation is not its frame
  Extraction y = ExtractText(
      "\"We want the ferry back now!\" Mara Tolle and the other fishermen of the harbour "
      "then marched to the town hall, where the mayor said nothing.");
  const Statement* t = Find(y, "We want the ferry back now");
  EXPECT_TRUE(t == nullptr || t->cue != "said") << Dump(y);
}

// A possessive noun cue whose content does not follow the noun: after "is"/"was"
// ("X's view is that ..."), a colon ("Their argument: ...") or a time adjunct ("X's
// claim Monday that ..."). A pronoun with "'s" is no possessor ("she's arguing: ...").
TEST(MissedStatementTest, PossessiveNounCueWithItsContentLater) {
  struct Case {
    std::string text, content, speaker;
  };
  const Case cases[] = {
      {"Mara Tolle's view is that the harbour should stay public.", "that the harbour should stay public",
       "Mara Tolle's"},
      {"The fishermen met on Monday. Their argument: the harbour should stay public.",
       "the harbour should stay public", "Their"},
      {"Mara Tolle's claim Monday that the harbour should stay public drew jeers.",
       "that the harbour should stay public drew jeers", "Mara Tolle's"},
  };
  for (const Case& c : cases) {
    Extraction x = ExtractText(c.text);
    const Statement* s = Find(x, "the harbour should stay public");
    ASSERT_NE(s, nullptr) << c.text << "\n" << Dump(x);
    EXPECT_EQ(s->text, c.content) << c.text;
    ASSERT_EQ(s->speaker_spans.size(), 1u) << c.text;
    EXPECT_EQ(Sub(x.text, s->speaker_spans[0]), c.speaker) << c.text;
  }
}

// A frame whose content would be nothing but a time adjunct ("announced on Wednesday.")
// or a short setting phrase ("said in a follow-up interview.") gives no statement.
TEST(MissedStatementTest, TimeAdjunctAloneIsNoContent) {
  Extraction x = ExtractText("The harbour board met. The ferry company formally announced on Wednesday.");
  for (const Statement& s : x.statements) EXPECT_NE(s.text, "on Wednesday") << Dump(x);
  // nor one that is a short setting phrase (lexicon.yaml adjunct_content_openers)
  Extraction z = ExtractText("The harbour board met. Mara Tolle said in a follow-up interview.");
  for (const Statement& s : z.statements) EXPECT_NE(s.text, "in a follow-up interview") << Dump(z);
  Extraction y = ExtractText("The ferry company announced on Wednesday that fares would fall.");
  const Statement* s = Find(y, "fares would fall");
  ASSERT_NE(s, nullptr) << Dump(y);
  EXPECT_EQ(s->text, "that fares would fall");
}

}  // namespace
}  // namespace parley::extractors
