// Recall of the rule extractor (issue 3): attribution layouts it used to miss
// entirely, on sentences written for these tests.
#include <gtest/gtest.h>

#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "extractors/cue_trace.h"
#include "extractors/extractor.h"
#include "extractors/text_scan.h"
#include "extractors/word_set.h"
#include "schema/schema.h"
#include "tests/extractors/test_extractor.h"

namespace parley::extractors {
namespace {

using testing::Sub;
using testing::Find;
using testing::Dump;
using testing::ExtractText;

// A trailing frame whose speaker phrase the subject walk cannot take on its own: a
// possessive ("her neighbour"), "one ...", a prepositional phrase ("a spokesman for
// county officials"), an age or an appositive between commas. The content is what
// comes before the phrase, and the phrase is the speaker.
TEST(RecallTest, TrailingSpeakerPhraseAfterTheContent) {
  struct Case {
    std::string text, content, speaker;
  };
  const Case cases[] = {
      {"The bridge will close for repairs in March, her neighbour said.",
       "The bridge will close for repairs in March", "her neighbour"},
      {"\"We are nowhere near a deal,\" one senior negotiator said.",
       "\"We are nowhere near a deal,\"", "one senior negotiator"},
      {"\"The count was accurate,\" a spokesman for county officials said.",
       "\"The count was accurate,\"", "a spokesman for county officials"},
      {"\"I was scared for a moment,\" Mara Tolle, 41, said of the storm.",
       "\"I was scared for a moment,\"", "Mara Tolle, 41"},
      {"The ferry was late again, the harbour master, Tom Reyes, said on Monday.",
       "The ferry was late again", "the harbour master, Tom Reyes"},
      {"The new job marks his return to politics, one longtime friend said.",
       "The new job marks his return to politics", "one longtime friend"},
  };
  for (const Case& c : cases) {
    Extraction x = ExtractText(c.text);
    const Statement* s = Find(x, c.content);
    ASSERT_NE(s, nullptr) << c.text << "\n" << Dump(x);
    EXPECT_EQ(s->text, c.content) << c.text;
    ASSERT_EQ(s->speaker_spans.size(), 1u) << c.text;
    EXPECT_EQ(Sub(x.text, s->speaker_spans[0]), c.speaker) << c.text;
  }
  // a clause after the cue is the content, not what precedes the subject
  Extraction x = ExtractText("After the vote, her neighbour said the bridge would close.");
  const Statement* s = Find(x, "the bridge would close");
  ASSERT_NE(s, nullptr) << Dump(x);
  EXPECT_EQ(Find(x, "After the vote"), nullptr) << Dump(x);
}

// "told" with an addressee and adjuncts after it ends a trailing frame; a clause after
// the addressee's comma goes on ("X told Y, Z ...").
TEST(RecallTest, TellWithAnAddresseeAfterTheContent) {
  Extraction x =
      ExtractText("The plant will reopen in May, the mayor told a council panel on Tuesday.");
  const Statement* s = Find(x, "The plant will reopen in May");
  ASSERT_NE(s, nullptr) << Dump(x);
  EXPECT_EQ(s->text, "The plant will reopen in May");
  EXPECT_EQ(Find(x, "a council panel"), nullptr) << Dump(x);

  x = ExtractText("Instead, the mayor told Reuters, the plant would reopen in May.");
  s = Find(x, "the plant would reopen in May");
  ASSERT_NE(s, nullptr) << Dump(x);
  EXPECT_EQ(Find(x, "Instead"), nullptr) << Dump(x);
}

// After an inverted "said", a speaker phrase that runs on into an adjunct or a
// relative clause is still the speaker; the quotation is the statement.
TEST(RecallTest, InvertedSpeakerWithAnAdjunctOrRelativeClause) {
  for (const std::string speaker :
       {"a source close to the council", "a longtime adviser to the governor"}) {
    Extraction x = ExtractText("\"The vote is far from settled,\" said " + speaker +
                               ", who asked not to be named.");
    const Statement* s = Find(x, "The vote is far from settled");
    ASSERT_NE(s, nullptr) << speaker << "\n" << Dump(x);
    EXPECT_EQ(s->text, "\"The vote is far from settled,\"") << speaker;
    ASSERT_EQ(s->speaker_spans.size(), 1u) << speaker;
    EXPECT_EQ(speaker.rfind(Sub(x.text, s->speaker_spans[0]), 0), 0u)
        << Sub(x.text, s->speaker_spans[0]);
  }
}

// A quoted title or chant in a leading adjunct is not the content of the frame after
// it: "On WKRP's "Morning Desk," the senator said ..." reports what follows.
TEST(RecallTest, QuotedTitleInALeadingAdjunctIsNotTheContent) {
  Extraction x =
      ExtractText("On WKRP's \"Morning Desk,\" the senator said the budget would pass by June.");
  const Statement* s = Find(x, "the budget would pass by June");
  ASSERT_NE(s, nullptr) << Dump(x);
  ASSERT_EQ(s->speaker_spans.size(), 1u);
  EXPECT_EQ(Sub(x.text, s->speaker_spans[0]), "the senator");
  EXPECT_EQ(Find(x, "Morning Desk"), nullptr) << Dump(x);
  // a quoted phrase in the question put: the answer after the cue is the statement
  x = ExtractText(
      "Asked whether the mayor \"has done enough,\" 61 percent of residents said certainly not.");
  s = Find(x, "certainly not");
  ASSERT_NE(s, nullptr) << Dump(x);
  EXPECT_EQ(s->text, "certainly not");
  ASSERT_EQ(s->speaker_spans.size(), 1u);
  EXPECT_EQ(Sub(x.text, s->speaker_spans[0]), "61 percent of residents");
  // "proclaimed to a crowd" is an adjunct: the content is before the frame
  x = ExtractText(
      "The river is \"the town's lifeline,\" the mayor proclaimed to a cheering crowd.");
  s = Find(x, "lifeline");
  ASSERT_NE(s, nullptr) << Dump(x);
  EXPECT_EQ(s->text, "The river is \"the town's lifeline,\"");
  // a quotation opening the sentence stays the content of `"...," he said`
  x = ExtractText("\"The budget will pass,\" the senator said after the hearing.");
  s = Find(x, "The budget will pass");
  ASSERT_NE(s, nullptr) << Dump(x);
  EXPECT_EQ(s->type, "direct");
}

// "..., she said when asked about X": the question put to the speaker is a statement
// with no source, as when "Asked about X," opens the sentence.
TEST(RecallTest, WhenAskedAboutIsTheQuestionPutToTheSpeaker) {
  Extraction x = ExtractText("\"We will see,\" the mayor said when asked about the new stadium.");
  const Statement* q = Find(x, "the new stadium");
  ASSERT_NE(q, nullptr) << Dump(x);
  EXPECT_EQ(q->text, "the new stadium");
  EXPECT_EQ(q->cue, "asked about");
  EXPECT_TRUE(q->speaker_spans.empty());
  EXPECT_NE(Find(x, "We will see"), nullptr) << Dump(x);
}

// A survey or a record at the end of its sentence ("..., county records show.") says
// what precedes it, as a speaker does.
TEST(RecallTest, TrailingRecordsShow) {
  Extraction x =
      ExtractText("Most of the money was given by two donors, state and county records show.");
  const Statement* s = Find(x, "Most of the money was given by two donors");
  ASSERT_NE(s, nullptr) << Dump(x);
  ASSERT_EQ(s->speaker_spans.size(), 1u);
  EXPECT_EQ(Sub(x.text, s->speaker_spans[0]), "state and county records");
}

// "talk about" and "discuss" are cues (cues.yaml): what is talked about is reported.
TEST(RecallTest, TalkAboutAndDiscussAreCues) {
  Extraction x = ExtractText("The governor talked about the flood relief fund at length.");
  const Statement* s = Find(x, "the flood relief fund");
  ASSERT_NE(s, nullptr) << Dump(x);
  EXPECT_EQ(s->cue, "talked about");
  x = ExtractText("The two leaders discussed a ceasefire along the northern border.");
  s = Find(x, "a ceasefire along the northern border");
  ASSERT_NE(s, nullptr) << Dump(x);
  ASSERT_EQ(s->speaker_spans.size(), 1u);
  EXPECT_EQ(Sub(x.text, s->speaker_spans[0]), "The two leaders");
}

// An interview transcript: each paragraph opening with a repeated speaker label and a
// colon is that speaker's turn; a label used once ("Update:") or a letter ("Q:") is not.
TEST(RecallTest, TranscriptTurnsWithRepeatedLabels) {
  Extraction x = ExtractText(
      "The interview aired on Sunday.\n\nHOST JONES: Will the mayor run again next year?\n\n"
      "BLAKE: I have not decided that yet, and I will not rush it.\n\nJONES: Is the budget the "
      "reason?\n\n"
      "BLAKE: The budget is one reason among many.\n\nUpdate: The mayor later announced a run.\n\n"
      "Q: What comes next for the town?");
  const Statement* a = Find(x, "Will the mayor run again next year");
  ASSERT_NE(a, nullptr) << Dump(x);
  ASSERT_EQ(a->speaker_spans.size(), 1u);
  EXPECT_EQ(Sub(x.text, a->speaker_spans[0]), "HOST JONES");
  EXPECT_EQ(a->cue, ":");
  const Statement* b = Find(x, "I have not decided that yet");
  ASSERT_NE(b, nullptr) << Dump(x);
  EXPECT_EQ(b->text, "I have not decided that yet, and I will not rush it");
  ASSERT_EQ(b->speaker_spans.size(), 1u);
  EXPECT_EQ(Sub(x.text, b->speaker_spans[0]), "BLAKE");
  EXPECT_NE(Find(x, "The budget is one reason among many"), nullptr) << Dump(x);
  for (const auto& s : x.statements) {
    EXPECT_NE(s.text, "What comes next for the town") << Dump(x);
    EXPECT_EQ(s.text.find("The mayor later announced"), std::string::npos) << Dump(x);
  }
}

// A quotation signed with a horizontal bar ("..." \u2015 Name), as with an em dash.
TEST(RecallTest, QuotationSignedWithAHorizontalBar) {
  Extraction x = ExtractText(
      "Readers wrote in.\n\n\"The park should stay open. It is the heart of the town.\" \u2015 "
      "Maria Lopez\n\n"
      "\"We need more buses.\"\u2015 Tom Grant");
  const Statement* a = Find(x, "The park should stay open");
  ASSERT_NE(a, nullptr) << Dump(x);
  EXPECT_EQ(a->text, "\"The park should stay open. It is the heart of the town.\"");
  ASSERT_EQ(a->speaker_spans.size(), 1u);
  EXPECT_EQ(a->speaker.value_or(""), "Maria Lopez");
  const Statement* b = Find(x, "We need more buses");
  ASSERT_NE(b, nullptr) << Dump(x);
  EXPECT_EQ(b->speaker.value_or(""), "Tom Grant");
}

// `HEADING - Name: "..."` and `More from the report: "..."`: the source before the
// colon starts after a heading's dash, and a report is a source as a name is.
TEST(RecallTest, ColonSourceAfterAHeadingDashOrAReport) {
  Extraction x = ExtractText(
      "RIVER LEVELS KEEP RISING - Dana Smith: \"The river has not been this high in thirty "
      "years.\"\n\n"
      "More from the report: \"Most of the damage was avoidable with better levees.\"");
  const Statement* a = Find(x, "The river has not been this high");
  ASSERT_NE(a, nullptr) << Dump(x);
  ASSERT_EQ(a->speaker_spans.size(), 1u);
  EXPECT_EQ(Sub(x.text, a->speaker_spans[0]), "Dana Smith");
  const Statement* b = Find(x, "Most of the damage was avoidable");
  ASSERT_NE(b, nullptr) << Dump(x);
  ASSERT_EQ(b->speaker_spans.size(), 1u);
  EXPECT_EQ(Sub(x.text, b->speaker_spans[0]), "the report");
}

// A passive speech or report cue with its agent: the agent is the speaker and the
// passive subject the content; a clause going on past the agent ("accused by X of
// ...") is content too. "angered by" names a cause, not a speaker.
TEST(RecallTest, PassiveCueWithItsAgent) {
  Extraction x = ExtractText("The harbour plan was rejected by the county board on Monday.");
  const Statement* s = Find(x, "The harbour plan");
  ASSERT_NE(s, nullptr) << Dump(x);
  EXPECT_EQ(s->text, "The harbour plan");
  EXPECT_EQ(s->cue, "was rejected by");
  ASSERT_EQ(s->speaker_spans.size(), 1u);
  EXPECT_EQ(Sub(x.text, s->speaker_spans[0]), "the county board");

  x = ExtractText("The mayor was accused by a rival of hiding the audit from voters.");
  s = Find(x, "hiding the audit");
  ASSERT_NE(s, nullptr) << Dump(x);
  EXPECT_EQ(s->text, "The mayor was accused by a rival of hiding the audit from voters");
  ASSERT_EQ(s->speaker_spans.size(), 1u);
  EXPECT_EQ(Sub(x.text, s->speaker_spans[0]), "a rival");

  // a question put by the agent: the question is the content
  x = ExtractText("The mayor was asked by a local reporter whether the bridge would reopen.");
  s = Find(x, "the bridge would reopen");
  ASSERT_NE(s, nullptr) << Dump(x);
  EXPECT_EQ(s->text, "whether the bridge would reopen");
  ASSERT_EQ(s->speaker_spans.size(), 1u);
  EXPECT_EQ(Sub(x.text, s->speaker_spans[0]), "a local reporter");

  x = ExtractText("The measure was supported by 61 percent of the voters surveyed.");
  s = Find(x, "The measure");
  ASSERT_NE(s, nullptr) << Dump(x);
  ASSERT_EQ(s->speaker_spans.size(), 1u);
  EXPECT_EQ(Sub(x.text, s->speaker_spans[0]), "61 percent of the voters surveyed");
}

// A passive speech or report cue with no agent: a statement with no speaker whose
// content is the subject, or the whole clause when a complement carries on ("is
// accused of ..."); "it is said" frames what follows instead.
TEST(RecallTest, AgentlessPassiveCue) {
  Extraction x = ExtractText("On Friday, the closure of the county library was announced.");
  const Statement* s = Find(x, "the closure of the county library");
  ASSERT_NE(s, nullptr) << Dump(x);
  EXPECT_EQ(s->text, "the closure of the county library");
  EXPECT_EQ(s->cue, "was announced");
  EXPECT_TRUE(s->speaker_spans.empty());

  x = ExtractText("The treasurer is accused of moving the funds to a private account.");
  s = Find(x, "moving the funds");
  ASSERT_NE(s, nullptr) << Dump(x);
  EXPECT_EQ(s->text, "The treasurer is accused of moving the funds to a private account");
  EXPECT_TRUE(s->speaker_spans.empty());

  x = ExtractText("The town, it is said, was founded by two brothers.");
  for (const auto& st : x.statements) EXPECT_NE(st.text, "it") << Dump(x);
}

// A participle opening its sentence with a that-clause reports what the main clause's
// subject says; "Echoing a recent statement, ..." (no that-clause) does not.
TEST(RecallTest, OpeningParticipleWithAThatClause) {
  Extraction x = ExtractText(
      "Declaring that he alone can fix the roads, the candidate promised a new budget.");
  const Statement* s = Find(x, "he alone can fix the roads");
  ASSERT_NE(s, nullptr) << Dump(x);
  EXPECT_EQ(s->text, "that he alone can fix the roads");
  EXPECT_EQ(s->cue, "Declaring");
  ASSERT_EQ(s->speaker_spans.size(), 1u);
  EXPECT_EQ(Sub(x.text, s->speaker_spans[0]), "the candidate");
  EXPECT_NE(Find(x, "a new budget"), nullptr) << Dump(x);
}

// "plans" is a noun cue (after a possessive); after a subject and before "to" it is
// the verb: "The senator also plans to ...", "Maria Lopez plans to ...".
TEST(RecallTest, NounCueUsedAsAVerb) {
  Extraction x = ExtractText("The senator also plans to visit the flooded towns next week.");
  const Statement* s = Find(x, "visit the flooded towns");
  ASSERT_NE(s, nullptr) << Dump(x);
  ASSERT_EQ(s->speaker_spans.size(), 1u);
  EXPECT_EQ(Sub(x.text, s->speaker_spans[0]), "The senator");
  x = ExtractText("Maria Lopez plans to run for the open seat.");
  s = Find(x, "run for the open seat");
  ASSERT_NE(s, nullptr) << Dump(x);
  ASSERT_EQ(s->speaker_spans.size(), 1u);
  EXPECT_EQ(Sub(x.text, s->speaker_spans[0]), "Maria Lopez");
  x = ExtractText("The county campaign plans to knock on every door.");
  s = Find(x, "knock on every door");
  ASSERT_NE(s, nullptr) << Dump(x);
  ASSERT_EQ(s->speaker_spans.size(), 1u);
  EXPECT_EQ(Sub(x.text, s->speaker_spans[0]), "The county campaign");
  // "1 percent support": a base-form cue after a quantity noun has its subject
  x = ExtractText("While 4 percent support a new tax, most voters back the levy.");
  s = Find(x, "a new tax");
  ASSERT_NE(s, nullptr) << Dump(x);
  ASSERT_EQ(s->speaker_spans.size(), 1u);
  EXPECT_EQ(Sub(x.text, s->speaker_spans[0]), "4 percent");
  // a determiner before it keeps the noun: no statement without a possessor
  x = ExtractText("The plans to widen the road were shelved.");
  EXPECT_EQ(Find(x, "widen the road"), nullptr) << Dump(x);
}

// News outlets and documents as sources: ", Fox News reported." in an article no
// outlet syndicates (a syndication line says "via"), "..., the email read.", and "As
// reported by X, ...".
TEST(RecallTest, OutletsAndDocumentsAsSources) {
  Extraction x = ExtractText(
      "Rents rose again.\n\n\"Most tenants will pay more next year,\" Fox News reported.\n\n"
      "\"Please vote on Tuesday,\" the email read.\n\n"
      "As reported by the Daily Planet, the council will meet again in May.");
  const Statement* a = Find(x, "Most tenants will pay more");
  ASSERT_NE(a, nullptr) << Dump(x);
  ASSERT_EQ(a->speaker_spans.size(), 1u);
  EXPECT_EQ(Sub(x.text, a->speaker_spans[0]), "Fox News");
  const Statement* b = Find(x, "Please vote on Tuesday");
  ASSERT_NE(b, nullptr) << Dump(x);
  ASSERT_EQ(b->speaker_spans.size(), 1u);
  EXPECT_EQ(Sub(x.text, b->speaker_spans[0]), "the email");
  const Statement* c = Find(x, "the council will meet again in May");
  ASSERT_NE(c, nullptr) << Dump(x);
  EXPECT_EQ(c->cue, "As reported by");
  ASSERT_EQ(c->speaker_spans.size(), 1u);
  EXPECT_EQ(Sub(x.text, c->speaker_spans[0]), "the Daily Planet");
}

// A party and state tag in parentheses ("(R-S.C.)", "(D-N.Y.)") does not end the
// sentence at its inner period: the speaker keeps its cue, PolNeAR's span takes the
// tag, and the name is the person's, not a letter of the tag. A spaced parenthesis
// that holds a sentence of its own still ends it.
TEST(RecallTest, PartyTagInParenthesesKeepsTheSpeaker) {
  Extraction x = ExtractText(
      "Sen. Mara Pell (R-S.C.) said the bridge would close in March.\n\n"
      "Gov. Ida Brandt (D-Mass.) argued the budget was too small.");
  const Statement* a = Find(x, "the bridge would close in March");
  ASSERT_NE(a, nullptr) << Dump(x);
  ASSERT_EQ(a->speaker_spans.size(), 1u) << Dump(x);
  EXPECT_EQ(Sub(x.text, a->speaker_spans[0]), "Sen. Mara Pell (R-S.C.)");
  EXPECT_EQ(a->speaker, "Mara Pell");
  const Statement* c = Find(x, "the budget was too small");
  ASSERT_NE(c, nullptr) << Dump(x);
  EXPECT_EQ(c->speaker, "Ida Brandt");

  // sentence splitting alone, with no abbreviation list
  internal::WordSet abbrev;
  internal::ScannedText st;
  internal::ScanText("Pell (R-S.C.) Spoke first. (The vote was held in May.) Critics said so.", abbrev, &st);
  ASSERT_EQ(st.sentences.size(), 3u);
  EXPECT_EQ(st.toks[st.sentences[1].tb].low, "(");
  EXPECT_EQ(st.toks[st.sentences[2].tb].low, "critics");
}

// A question put as a clause after "when asked" ("whether ...", "why", "to ...") is a
// statement with no source, wherever it stands; "when asked about X" before the
// answer's frame names a topic, and only the answer is a statement.
TEST(RecallTest, QuestionClauseAfterWhenAsked) {
  Extraction x = ExtractText(
      "When asked whether the ferry would run in winter, the mayor said the budget was too small.");
  const Statement* q = Find(x, "the ferry would run in winter");
  ASSERT_NE(q, nullptr) << Dump(x);
  EXPECT_EQ(q->text, "whether the ferry would run in winter");
  EXPECT_EQ(q->cue, "asked");
  EXPECT_TRUE(q->speaker_spans.empty());
  EXPECT_FALSE(q->speaker.has_value());
  const Statement* a = Find(x, "the budget was too small");
  ASSERT_NE(a, nullptr) << Dump(x);
  ASSERT_EQ(a->speaker_spans.size(), 1u);
  EXPECT_EQ(Sub(x.text, a->speaker_spans[0]), "the mayor");

  x = ExtractText("But when asked why, Tom Reyes smiled and said the count was accurate.");
  q = Find(x, "why");
  ASSERT_NE(q, nullptr) << Dump(x);
  EXPECT_EQ(q->text, "why");
  EXPECT_TRUE(q->speaker_spans.empty());

  x = ExtractText("When asked about the harbour, Mara Tolle said the repairs would take a year.");
  ASSERT_EQ(x.statements.size(), 1u) << Dump(x);
  EXPECT_EQ(x.statements[0].text, "the repairs would take a year");
}

// A participle opening its sentence, with any complement up to its comma, is a
// statement of the main clause's subject beside the main clause's own ("Noting X,
// Allen said Y": two statements); an object naming its own source ("Echoing a
// statement from X,") is that source's, and no statement of the subject's.
TEST(RecallTest, OpeningParticipleAdjunctIsTheSubjectsStatement) {
  Extraction x = ExtractText(
      "Noting he grew up near the harbour, Tom Reyes said the ferry matters to everyone.");
  const Statement* a = Find(x, "he grew up near the harbour");
  ASSERT_NE(a, nullptr) << Dump(x);
  EXPECT_EQ(a->text, "he grew up near the harbour");
  EXPECT_EQ(a->cue, "Noting");
  ASSERT_EQ(a->speaker_spans.size(), 1u);
  EXPECT_EQ(Sub(x.text, a->speaker_spans[0]), "Tom Reyes");
  EXPECT_EQ(a->speaker.value_or(""), "Tom Reyes");
  const Statement* b = Find(x, "the ferry matters to everyone");
  ASSERT_NE(b, nullptr) << Dump(x);
  EXPECT_EQ(b->speaker.value_or(""), "Tom Reyes");

  x = ExtractText("Commenting on the flood of 1998, the mayor said the bridge would close.");
  a = Find(x, "the flood of 1998");
  ASSERT_NE(a, nullptr) << Dump(x);
  EXPECT_EQ(a->text, "the flood of 1998");
  EXPECT_EQ(a->cue, "Commenting on");
  ASSERT_EQ(a->speaker_spans.size(), 1u);
  EXPECT_EQ(Sub(x.text, a->speaker_spans[0]), "the mayor");

  x = ExtractText("Echoing a recent statement from Mayor Ann Lee, the treasurer said the budget was balanced.");
  EXPECT_EQ(Find(x, "a recent statement"), nullptr) << Dump(x);
  EXPECT_NE(Find(x, "the budget was balanced"), nullptr) << Dump(x);
}

// A cue in a relative clause whose relative word is its object, with nothing after
// the cue: the subject between them speaks, the relative word is the content. A
// quotation after the cue is the content as before.
TEST(RecallTest, ObjectRelativeIsTheContent) {
  Extraction x = ExtractText("The council passed the new tax, which Mayor Ann Lee strongly opposed.");
  const Statement* s = nullptr;
  for (const auto& st : x.statements) {
    if (st.cue == "strongly opposed") s = &st;
  }
  ASSERT_NE(s, nullptr) << Dump(x);
  EXPECT_EQ(s->text, "which");
  ASSERT_EQ(s->speaker_spans.size(), 1u);
  EXPECT_EQ(Sub(x.text, s->speaker_spans[0]), "Mayor Ann Lee");
  EXPECT_EQ(s->speaker.value_or(""), "Ann Lee");

  x = ExtractText("He asked whether the tax would pass. To which she said, \"We will see.\"");
  s = Find(x, "We will see");
  ASSERT_NE(s, nullptr) << Dump(x);
  EXPECT_EQ(s->cue, "said");
  for (const auto& st : x.statements) EXPECT_NE(st.text, "which") << Dump(x);
}

// A cue used as a noun with its source after "from" or "among": the source speaks;
// the content is a clause after the source, else the sentence's subject.
TEST(RecallTest, NounCueWithItsSourceAfterFrom) {
  Extraction x = ExtractText("The mayor received strong support from union members.");
  const Statement* s = nullptr;
  for (const auto& st : x.statements) {
    if (st.cue == "support") s = &st;
  }
  ASSERT_NE(s, nullptr) << Dump(x);
  EXPECT_EQ(s->text, "The mayor");
  ASSERT_EQ(s->speaker_spans.size(), 1u);
  EXPECT_EQ(Sub(x.text, s->speaker_spans[0]), "union members");

  x = ExtractText("The mayor has faced criticism from rivals that her new toll was unfair.");
  s = Find(x, "her new toll was unfair");
  ASSERT_NE(s, nullptr) << Dump(x);
  EXPECT_EQ(s->text, "that her new toll was unfair");
  ASSERT_EQ(s->speaker_spans.size(), 1u);
  EXPECT_EQ(Sub(x.text, s->speaker_spans[0]), "rivals");

  x = ExtractText("The threat from the storm grew on Monday.");
  EXPECT_TRUE(x.statements.empty()) << Dump(x);
}

// The cue trace (cue_trace.h, scripts/eval-frames): every accepted cue with what
// became of it, and the same extraction as Extract().
TEST(RecallTest, CueTraceListsAcceptedCuesAndTheirStatements) {
  Document d;
  d.id = "t";
  d.text = "The mayor said the bridge would close in March. Officials later denied it.";
  d.date = "2025-10-25";
  Extraction traced;
  auto trace = internal::TraceCues(testing::SharedExtractor(), d, &traced);
  Extraction plain = testing::SharedExtractor().Extract(d);
  ASSERT_EQ(traced.statements.size(), plain.statements.size());
  for (size_t i = 0; i < plain.statements.size(); ++i) {
    EXPECT_EQ(traced.statements[i].text, plain.statements[i].text);
  }
  const internal::CueTrace* said = nullptr;
  for (const auto& t : trace) {
    if (Sub(d.text, t.cue) == "said") said = &t;
  }
  ASSERT_NE(said, nullptr);
  EXPECT_FALSE(said->learned);
  EXPECT_FALSE(said->quoted);
  EXPECT_GE(said->candidates, 1);
  EXPECT_EQ(said->kept, 1);
  for (size_t i = 1; i < trace.size(); ++i) EXPECT_LT(trace[i - 1].cue.begin, trace[i].cue.begin);
}

}  // namespace
}  // namespace parley::extractors

namespace parley::extractors {
namespace {

// Doubled apostrophes as quotation marks (the New York Times' style) with a single
// quotation closing inside: `,'''` is the single mark then the closing double one, so
// the quotation ends there and the inverted speaker after it is found.
TEST(RecallTest, DoubledApostrophesClosingASingleQuotation) {
  const std::string text =
      "Rates held.\n\n''I tell other banks, 'the Fed does not care about you at all,''' said Mr. Meyer, "
      "who runs a research firm. ''You can say what you want.''";
  Extraction x = testing::ExtractText(text);
  const Statement* s = testing::Find(x, "I tell other banks");
  ASSERT_NE(s, nullptr) << testing::Dump(x);
  EXPECT_EQ(s->type, "direct") << testing::Dump(x);
  EXPECT_EQ(s->speaker.value_or(""), "Meyer") << testing::Dump(x);
  // the quotation is interrupted by its frame: two pieces, neither holding the frame
  ASSERT_EQ(s->content_spans.size(), 2u) << testing::Dump(x);
  for (const auto& piece : s->content_spans) {
    EXPECT_EQ(testing::Sub(text, piece).find("said"), std::string::npos) << testing::Sub(text, piece);
  }

  internal::WordSet abbrev;
  internal::ScannedText st;
  internal::ScanText("''A 'b,''' he said.", abbrev, &st);
  std::vector<std::string> marks;
  for (const auto& t : st.toks) {
    if (t.kind == internal::TokKind::kQuote) marks.push_back(std::to_string(t.e - t.b) + (t.qdir < 0 ? "-" : "+"));
  }
  // the doubled opening mark, and the doubled closing one after the single mark
  EXPECT_EQ(marks, (std::vector<std::string>{"2+", "2-"}));
}

}  // namespace
}  // namespace parley::extractors

namespace parley::extractors {
namespace {

// Manners of speaking frame a quotation as "said" does ("'...,' scoffed Arianna Gil"),
// and doubled-consonant forms are the lexicon's, with its speech act ("slammed" is a
// negative criticism, not a cue the model found with no act).
TEST(RecallTest, MannersOfSpeakingAndDoubledConsonants) {
  Extraction x = testing::ExtractText(
      "The park was busy.\n\n\"Silly boys acting like they have never seen a girl,\" scoffed Arianna Gil, "
      "22, who helped found the group. Tom Reed bragged that the ferry was the fastest in the state. "
      "Mara Pell slammed the plan as a waste of money.");
  EXPECT_EQ(testing::SpeakerOf(x, "Silly boys"), "Arianna Gil") << testing::Dump(x);
  EXPECT_EQ(testing::SpeakerOf(x, "the ferry was the fastest"), "Tom Reed") << testing::Dump(x);
  EXPECT_EQ(testing::SpeakerOf(x, "the plan as a waste"), "Mara Pell") << testing::Dump(x);
  const Statement* slam = testing::Find(x, "the plan as a waste");
  ASSERT_NE(slam, nullptr) << testing::Dump(x);
  EXPECT_EQ(slam->speech_act, "criticize") << testing::Dump(x);
  EXPECT_TRUE(slam->negative) << testing::Dump(x);
  const Statement* brag = testing::Find(x, "the ferry was the fastest");
  ASSERT_NE(brag, nullptr) << testing::Dump(x);
  EXPECT_EQ(brag->speech_act, "assert") << testing::Dump(x);
}

}  // namespace
}  // namespace parley::extractors

namespace parley::extractors {
namespace {

// "No." abbreviates only before a number ("No. 1"); "he said no. But ..." ends a
// sentence, so the statement after it stands apart.
TEST(RecallTest, NoEndsASentenceUnlessANumberFollows) {
  internal::WordSet abbrev;
  internal::WordSet numbered;
  numbered.insert("no");
  internal::ScannedText st;
  internal::ScanText("The candidate said no. But he said bullying happens. No. 1 was taxes.", abbrev, &st, &numbered);
  ASSERT_EQ(st.sentences.size(), 3u);
  EXPECT_EQ(st.toks[st.sentences[1].tb].low, "but");
  EXPECT_EQ(st.toks[st.sentences[2].tb].low, "no");
  Extraction x = testing::ExtractText(
      "The vote was held.\n\nAsked whether he was bullied, the candidate said no. But he said bullying "
      "does happen.");
  const Statement* s = testing::Find(x, "bullying does happen");
  ASSERT_NE(s, nullptr) << testing::Dump(x);
  EXPECT_EQ(s->text, "bullying does happen") << testing::Dump(x);
}

}  // namespace
}  // namespace parley::extractors
