// Frames of the rule extractor, session 15 (issue 3): where a quotation ends inside a
// sentence, what a frame after a quotation leaves out, and as-frames after their
// clause. Sentences written for these tests.
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
using testing::TextOfCue;

// A quotation ending on a bare word inside a sentence runs on into it: the verb after
// it modifies a noun ("protest suggestions") and inverts no speaker, so the sentence's
// own frame keeps its statement. A quotation opening its sentence still inverts
// (`"We won" said Smith`).
TEST(ExtractFrames5Test, AQuotationEndingOnABareWordInvertsNoCue) {
  Extraction x = ExtractText(
      "The synagogue hosted the rally.\n\nRabbi Salkin said the boycott was an attempt to head off "
      "\"more radical\" protest suggestions, including walkouts and jeers.");
  const Statement* s = FindCue(x, "said");
  ASSERT_NE(s, nullptr) << Dump(x);
  EXPECT_NE(s->text.find("protest suggestions"), std::string::npos) << Dump(x);
  EXPECT_EQ(s->speaker.value_or("<null>"), "Salkin") << Dump(x);
  EXPECT_EQ(FindCue(x, "protest"), nullptr) << Dump(x);

  Extraction y = ExtractText("The count ended at dawn.\n\n\"We won\" said Tom Reed, the party's agent.");
  EXPECT_EQ(SpeakerOf(y, "We won"), "Tom Reed") << Dump(y);
}

// A quotation set off by a dash inside a sentence is the content alone, as after a
// colon or a comma (`... like Saddam Hussein - "He would have loved Stalin," Mr. Biden
// said twice - and ...`); and after a quotation, what follows the frame is the
// writer's (", before insisting ...", ", while arguing ..."), not more of the quote.
TEST(ExtractFrames5Test, AQuotationAfterADashOrBeforeTheWritersAdjunctIsTheContent) {
  Extraction x = ExtractText(
      "The rally ran late.\n\nThe candidate praised strong leaders like the old kings - \"He would have "
      "loved them,\" Mr. Reed said twice - and reminded the crowd of the stakes.");
  const Statement* s = Find(x, "He would have loved them");
  ASSERT_NE(s, nullptr) << Dump(x);
  EXPECT_EQ(s->text, "\"He would have loved them,\"") << Dump(x);
  EXPECT_EQ(s->speaker.value_or("<null>"), "Reed") << Dump(x);

  Extraction y = ExtractText(
      "The rally ran late.\n\n\u201cThere is great danger at the border,\u201d Tom Reed told reporters, "
      "before insisting he had a \u201cgreat relationship\u201d with farmers.");
  const Statement* q = Find(y, "great danger");
  ASSERT_NE(q, nullptr) << Dump(y);
  EXPECT_EQ(q->text.find("insisting"), std::string::npos) << Dump(y);
  EXPECT_EQ(q->type, "direct") << Dump(y);
}

// An as-frame after its clause reports that clause (", as The Ledger reported on
// Tuesday, and ..."; ", as she said at the outset - ..."); one before a clause of its own
// still reports what follows it.
TEST(ExtractFrames5Test, AnAsFrameAfterItsClauseReportsThatClause) {
  Extraction x = ExtractText(
      "The council met on Sunday.\n\nTom Reed, the former mayor, also met with the governor that day, as "
      "the Daily Ledger reported on Tuesday, and he will help prepare the budget.");
  EXPECT_EQ(TextOfCue(x, "reported"), "Tom Reed, the former mayor, also met with the governor that day") << Dump(x);

  Extraction y = ExtractText(
      "The rivals met in the town where both claim roots - Ms. Lane's father also grew up here, as she "
      "said at the outset - and any rancor was well concealed.");
  EXPECT_EQ(SpeakerOf(y, "father also grew up here"), "Lane") << Dump(y);
  const Statement* t = Find(y, "father also grew up here");
  ASSERT_NE(t, nullptr) << Dump(y);
  EXPECT_EQ(t->text.find("rancor"), std::string::npos) << Dump(y);

  Extraction z = ExtractText(
      "The council met on Sunday.\n\nJust a few weeks ago, as the Daily Ledger reported, the mayor was "
      "planning a new ferry route.");
  const Statement* u = FindCue(z, "reported");
  ASSERT_NE(u, nullptr) << Dump(z);
  EXPECT_NE(u->text.find("planning a new ferry route"), std::string::npos) << Dump(z);
}

// An age before an appositive belongs to it: `"...," Cecelia Purner, 67, a retired
// clerk in Allentown, Pa., said` names Cecelia Purner, whose later "she added" is hers
// too; a number opening a capitalised run names no one ("Twenty-four percent said").
TEST(ExtractFrames5Test, AnAgeBeforeAnAppositiveAndANumberOpeningARun) {
  Extraction x = ExtractText(
      "Twenty-four percent said the mayor did nothing wrong.\n\n''I just don't think he has been "
      "truthful,'' Cecelia Purner, 67, a retired clerk in Allentown, Pa., said in a follow-up "
      "interview. But, she added, ''I think he will win.''");
  EXPECT_EQ(SpeakerOf(x, "been truthful"), "Cecelia Purner") << Dump(x);
  EXPECT_EQ(SpeakerOf(x, "he will win"), "Cecelia Purner") << Dump(x);
  EXPECT_EQ(SpeakerOf(x, "did nothing wrong"), "<null>") << Dump(x);
  EXPECT_EQ(testing::TypeOf(x, "Twenty-four"), "<none>") << Dump(x);
}

// An adverbial participle's content ends at the comma before the main clause's own
// frame: "after arguing that X, his team is suggesting that Y" reports X and Y apart.
TEST(ExtractFrames5Test, AnAdverbialParticiplesContentEndsBeforeTheMainFrame) {
  Extraction x = ExtractText(
      "The count ended at dawn.\n\nNow, after arguing that the vote in Leeds narrowed the race to "
      "three, his team is suggesting that the finish in Hull has turned it into a two-man contest.");
  EXPECT_EQ(TextOfCue(x, "arguing"), "that the vote in Leeds narrowed the race to three") << Dump(x);
  EXPECT_EQ(TextOfCue(x, "is suggesting"), "that the finish in Hull has turned it into a two-man contest") << Dump(x);
}

// What stands aside between a cue and its that-clause is the frame's: an adverb and a
// parenthesis between dashes ("argued emphatically - rebuking the mayor by name -
// that"), an adjunct between commas ("stated, while testifying before the council,
// that"). A quotation inside a fronted adjunct ("Citing "obligations at home," the
// spokeswoman told the Ledger that ...") is not the content of the frame after it.
TEST(ExtractFrames5Test, AnAsideBeforeTheThatClauseAndAQuotedFrontedAdjunctAreTheFrames) {
  Extraction x = ExtractText(
      "The council met on Sunday.\n\nIn his speech, Tom Reed argued emphatically - rebuking the mayor "
      "eight times by name - that the ferry plan had failed. The auditor further stated, while "
      "testifying before the council this month, that the accounts were incomplete.");
  EXPECT_EQ(TextOfCue(x, "argued"), "that the ferry plan had failed") << Dump(x);
  const Statement* b = Find(x, "accounts were incomplete");
  ASSERT_NE(b, nullptr) << Dump(x);
  EXPECT_EQ(b->text, "that the accounts were incomplete") << Dump(x);

  Extraction y = ExtractText(
      "The council met on Sunday.\n\nCiting \u201cobligations at home,\u201d Ms. Lane\u2019s "
      "spokeswoman told the Daily Ledger that she would skip the festival in Hull.");
  EXPECT_EQ(TextOfCue(y, "told"), "that she would skip the festival in Hull") << Dump(y);
}

// A quotation after a frame adjunct and its colon is the content ("said in an
// interview: "..."", "wrote on Twitter on Monday: "...""), whole and direct. A question
// put as a "when" clause before the answer's frame is the frame's: "When asked about the
// attacks, de Blasio said, "..."" reports the quotation, said by "de Blasio" (the
// particle opens the surname when no full name came before).
TEST(ExtractFrames5Test, AQuotationAfterAnAdjunctsColonAndAnAnswerAfterAWhenAsked) {
  Extraction x = ExtractText(
      "The pier closed in May.\n\nTom Reed said in an interview: \"We are trying to save the ferry. We "
      "cannot afford to lose it.\"");
  const Statement* s = Find(x, "trying to save the ferry");
  ASSERT_NE(s, nullptr) << Dump(x);
  EXPECT_EQ(s->text, "\"We are trying to save the ferry. We cannot afford to lose it.\"") << Dump(x);
  EXPECT_EQ(s->type, "direct") << Dump(x);
  EXPECT_EQ(s->speaker.value_or("<null>"), "Tom Reed") << Dump(x);

  Extraction y = ExtractText(
      "The pier closed in May.\n\nWhen asked about the attacks, de Blasio said, \u201cI have not heard "
      "that particular concern.\u201d");
  const Statement* t = Find(y, "not heard that particular concern");
  ASSERT_NE(t, nullptr) << Dump(y);
  EXPECT_EQ(t->text.find("When asked"), std::string::npos) << Dump(y);
  EXPECT_EQ(t->speaker.value_or("<null>"), "de Blasio") << Dump(y);
}

// A source holding a quoted title still frames ("according to the "Ferry for all"
// document he released"); a capitalised cue word inside a trailing source's name is no
// clause ("..., Right Wing Watch first reported"); a participle's content ends before a
// coordinated participle cue, which frames its own ("pointing to X and telling viewers
// that ...").
TEST(ExtractFrames5Test, QuotedTitlesAndCueWordsInSourcesAndCoordinatedParticiples) {
  Extraction x = ExtractText(
      "The pier closed in May.\n\nThe plan would cost about $1.3 billion a year, according to the \"Ferry "
      "for all\" document he released.");
  EXPECT_EQ(TextOfCue(x, "according to"), "The plan would cost about $1.3 billion a year") << Dump(x);

  Extraction y = ExtractText(
      "The pier closed in May.\n\nThe mayor resigned on Monday, Right Wing Watch first reported.");
  EXPECT_EQ(SpeakerOf(y, "The mayor resigned on Monday"), "Right Wing Watch") << Dump(y);

  Extraction z = ExtractText(
      "The pier closed in May.\n\nTom Reed wears a suit in his videos, pointing to bottles of cola and "
      "telling viewers that corn syrup is \"destroying the country.\"");
  const Statement* b = FindCue(z, "telling");
  ASSERT_NE(b, nullptr) << Dump(z);
  EXPECT_NE(b->text.find("corn syrup"), std::string::npos) << Dump(z);
  EXPECT_EQ(b->speaker.value_or("<null>"), "Tom Reed") << Dump(z);
  EXPECT_EQ(TextOfCue(z, "pointing to"), "bottles of cola") << Dump(z);
}

// The passive of an object-control verb names who is made to speak: "Mr. Reed was
// prompted to say, "..."" is Reed's, as "led some farmers to argue" is the farmers'.
TEST(ExtractFrames5Test, ThePassiveOfAnObjectControlVerbNamesTheSpeaker) {
  Extraction x = ExtractText(
      "The pier closed in May.\n\nThe debate was so subdued that Mr. Reed was prompted to say, ''So far, "
      "I cannot believe how civil it has been up here.''");
  EXPECT_EQ(SpeakerOf(x, "how civil it has been"), "Reed") << Dump(x);
}

// A capitalised cue word continuing a name belongs to it ("according to Human Rights
// Watch, ..." reports the whole sentence, its source the whole name); an inverted frame
// after a clause takes a lower-case title before a name and what follows it as the
// speaker phrase ("..., says political scientist Dossym Reed in Almaty."), not as the
// content, while "said of Mr. Reed" and "wrote an op-ed" invert nothing.
TEST(ExtractFrames5Test, CueWordsInNamesAndTitledSpeakersAfterAnInvertedCue) {
  Extraction x = ExtractText(
      "The pier closed in May.\n\nSince last November, according to Human Rights Watch, the police have "
      "detained more than 400 protesters in the region.");
  const Statement* a = FindCue(x, "according to");
  ASSERT_NE(a, nullptr) << Dump(x);
  EXPECT_NE(a->text.find("Since last November"), std::string::npos) << Dump(x);
  EXPECT_NE(a->text.find("detained more than 400 protesters"), std::string::npos) << Dump(x);
  EXPECT_EQ(a->speaker.value_or("<null>"), "Human Rights Watch") << Dump(x);

  Extraction y = ExtractText(
      "The pier closed in May.\n\nEven the ferry has more cultural resonance than the bridge, says "
      "political scientist Dossym Reed in Almaty.");
  const Statement* b = FindCue(y, "says");
  ASSERT_NE(b, nullptr) << Dump(y);
  EXPECT_EQ(b->text, "Even the ferry has more cultural resonance than the bridge") << Dump(y);
  EXPECT_EQ(b->speaker.value_or("<null>"), "Dossym Reed") << Dump(y);

  Extraction z = ExtractText(
      "The pier closed in May.\n\n''He is not qualified to run this town,'' Mr. Lane, who is an actor, "
      "said of Mr. Reed.");
  EXPECT_EQ(SpeakerOf(z, "not qualified to run"), "Lane") << Dump(z);
}

// A frame after its content that holds an earlier speech frame of the sentence, ended by
// a comma before a clause of its own, reports that clause only, and both statements
// stay: "Though growers boast of X, there is no correlation ..., economists say."
TEST(ExtractFrames5Test, ATrailingFrameOverAnEarlierFrameReportsItsOwnClause) {
  Extraction x = ExtractText(
      "The pier closed in May.\n\nThough the growers boast of stronger sales by their new farms, there is "
      "no correlation between rainfall and which crop sells best, economists say.");
  EXPECT_EQ(TextOfCue(x, "boast"), "stronger sales by their new farms") << Dump(x);
  EXPECT_EQ(TextOfCue(x, "say"), "there is no correlation between rainfall and which crop sells best") << Dump(x);
}

// A frame inside a parenthesis reports what the parenthesis holds: "He tells voters she
// may lose (the plan, many aides say, was a mistake)." keeps both statements apart.
TEST(ExtractFrames5Test, AFrameInsideAParenthesisReportsWhatItHolds) {
  Extraction x = ExtractText(
      "The pier closed in May.\n\nTom Reed tells voters the mayor may lose her seat (the ferry plan, many "
      "aides say, was a mistake from the start).");
  EXPECT_EQ(TextOfCue(x, "tells"), "the mayor may lose her seat") << Dump(x);
  EXPECT_EQ(TextOfCue(x, "say"), "the ferry plan, many aides say, was a mistake from the start") << Dump(x);
}

// A quotation set off inside its sentence (after "(", a colon or a dash) before an
// inverted cue is that cue's content alone, and the sentence's own frame keeps its
// statement: "When the bishop said X, the paper ran a headline (''Bishop Scolds
// Mayor,'' declared the Ledger), but ...".
TEST(ExtractFrames5Test, AQuotationSetOffBeforeAnInvertedCueIsItsContentAlone) {
  Extraction x = ExtractText(
      "The pier closed in May.\n\nWhen Bishop Reed said the mayor ''is not honest'' in answering a "
      "reporter's question, the town served up red meat for headline writers (''Bishop Scolds Mayor,'' "
      "declared the Daily Ledger), but the bishop kept quiet.");
  EXPECT_EQ(TextOfCue(x, "declared"), "''Bishop Scolds Mayor,''") << Dump(x);
  const Statement* b = FindCue(x, "said");
  ASSERT_NE(b, nullptr) << Dump(x);
  EXPECT_NE(b->text.find("is not honest"), std::string::npos) << Dump(x);
}

// A possessive noun cue reaches its that-clause over a short frame adjunct ("her
// assertion during the debate that ..."), not over a relative clause ("Her assertion
// at the hearing that gives farmers ..." frames nothing).
TEST(ExtractFrames5Test, APossessiveNounCueOverAFrameAdjunct) {
  Extraction x = ExtractText(
      "The pier closed in May.\n\nShe came under fire from the council over her assertion during the "
      "debate that \"we now finally are where we need to be\" on the ferry.");
  const Statement* a = FindCue(x, "assertion");
  ASSERT_NE(a, nullptr) << Dump(x);
  EXPECT_EQ(a->text.rfind("that \"we now finally", 0), 0u) << Dump(x);

  Extraction y = ExtractText(
      "The pier closed in May.\n\nHer assertion at the hearing that gives farmers new incentives drew wide "
      "criticism.");
  EXPECT_EQ(FindCue(y, "assertion"), nullptr) << Dump(y);
}

// An auxiliary before a cue after a comma inverts nothing: in "Morton Reed, the icon who
// ..., has endorsed Sen. Tom Lane for mayor" the name after the cue is the object. And a
// quoted show title after a time and a possessive is the frame's adjunct, not content
// ahead (", he said Wednesday morning on WXYZ's "Morning Ferry."").
TEST(ExtractFrames5Test, AnAuxiliaryInvertsNothingAndAQuotedTitleIsTheFramesAdjunct) {
  Extraction x = ExtractText(
      "The pier closed in May.\n\nMorton Reed, the conservative icon who founded the Harbor Institute in "
      "1979 and is a longtime council member, has endorsed Sen. Tom Lane for mayor.");
  const Statement* a = FindCue(x, "has endorsed");
  ASSERT_NE(a, nullptr) << Dump(x);
  EXPECT_EQ(a->text, "Sen. Tom Lane for mayor") << Dump(x);
  EXPECT_EQ(a->speaker.value_or("<null>"), "Morton Reed") << Dump(x);

  Extraction y = ExtractText(
      "The pier closed in May.\n\nThe ferry was doing well while the old captain was in charge, he said "
      "Wednesday morning on WXYZ's \"Morning Ferry.\"");
  EXPECT_EQ(TextOfCue(y, "said"), "The ferry was doing well while the old captain was in charge") << Dump(y);
}

// An inverted frame interrupting one reported clause: the clause goes on past the
// speaker and the appositive ("The paradox of the ferry, says Carl Reed, historian at
// the harbor museum, is that ..."); an interrupted quotation goes on past an appositive
// naming a capitalised cue word ("... of the Harbor Forecast, "is that ...""). A
// relative clause after the name is no part of what was said.
TEST(ExtractFrames5Test, AnInvertedFrameInterruptingOneClause) {
  Extraction x = ExtractText(
      "The pier closed in May.\n\nThe paradox of the ferry, says Carl Reed, historian at the harbor "
      "museum, is that it was \"one of the most loved boats in the region.\"");
  const Statement* a = FindCue(x, "says");
  ASSERT_NE(a, nullptr) << Dump(x);
  EXPECT_NE(a->text.find("The paradox of the ferry"), std::string::npos) << Dump(x);
  EXPECT_NE(a->text.find("most loved boats"), std::string::npos) << Dump(x);

  Extraction y = ExtractText(
      "The pier closed in May.\n\n\"The risk,\" said Edward Lane, an economist who is the director of "
      "the Harbor Forecast, \"is that we are going to be losing workers.\"");
  const Statement* b = FindCue(y, "said");
  ASSERT_NE(b, nullptr) << Dump(y);
  EXPECT_NE(b->text.find("losing workers"), std::string::npos) << Dump(y);

  Extraction z = ExtractText(
      "The pier closed in May.\n\nThe ferry is the first to cross the bay this year, said Tom Reed, "
      "director of the harbor board, whose members meet on Mondays.");
  const Statement* c = FindCue(z, "said");
  ASSERT_NE(c, nullptr) << Dump(z);
  EXPECT_EQ(c->text.find("members meet"), std::string::npos) << Dump(z);
}

// A cue of taking sides after a comma never inverts: in "The former Heisman winner, now
// a speaker who tours the country, endorsed Tom Reed in 2015" Reed is what was
// endorsed, and the subject before the comma endorses.
TEST(ExtractFrames5Test, ACueOfTakingSidesNeverInverts) {
  Extraction x = ExtractText(
      "The pier closed in May.\n\nThe former Heisman Trophy winner, now a guest speaker who travels around "
      "the country, endorsed Tom Reed for mayor in 2015.");
  const Statement* a = FindCue(x, "endorsed");
  ASSERT_NE(a, nullptr) << Dump(x);
  EXPECT_NE(a->text.find("Tom Reed"), std::string::npos) << Dump(x);
  EXPECT_EQ(a->text.find("Heisman"), std::string::npos) << Dump(x);
}

// A restrictive relative clause in the subject ends at the main clause's cue, which
// frames its own statement spoken by the clause's antecedent: "So even economists who
// favor ferry taxes agree that ...", "Many farmers who favor the ferry plan say they ...".
TEST(ExtractFrames5Test, ARelativeClauseInTheSubjectEndsAtTheMainCue) {
  Extraction x = ExtractText(
      "The pier closed in May.\n\nSo even economists who favor ferry taxes agree that movement toward "
      "them will be slow.");
  EXPECT_EQ(TextOfCue(x, "agree"), "that movement toward them will be slow") << Dump(x);
  EXPECT_EQ(TextOfCue(x, "favor"), "ferry taxes") << Dump(x);

  const std::string text =
      "The pier closed in May.\n\nMany farmers who favor the ferry plan say they will vote for it.";
  Extraction y = ExtractText(text);
  const Statement* c = FindCue(y, "say");
  ASSERT_NE(c, nullptr) << Dump(y);
  ASSERT_FALSE(c->speaker_spans.empty()) << Dump(y);
  EXPECT_EQ(testing::Sub(text, c->speaker_spans[0]), "Many farmers") << Dump(y);
}

// An inverted speaker phrase runs over "of" and a determiner: `"...," said one of those
// advisers, who spoke on the condition of anonymity` names the adviser.
TEST(ExtractFrames5Test, AnInvertedSpeakerOverOfAndADeterminer) {
  const std::string text =
      "The pier closed in May.\n\n\"There will be no path for the ferry to succeed,\" said one of those "
      "advisers, who spoke on the condition of anonymity.";
  Extraction x = ExtractText(text);
  const Statement* a = FindCue(x, "said");
  ASSERT_NE(a, nullptr) << Dump(x);
  EXPECT_EQ(a->type, "direct") << Dump(x);
  ASSERT_FALSE(a->speaker_spans.empty()) << Dump(x);
  EXPECT_EQ(testing::Sub(text, a->speaker_spans[0]), "one of those advisers") << Dump(x);
}

// A frame inside a fronted subordinate clause reports up to the comma closing the
// clause, before the main clause's subject pronoun; a place after a comma ("Hull,
// Ky.") does not end it.
TEST(ExtractFrames5Test, AFrameInAFrontedSubordinateClauseEndsWithTheClause) {
  Extraction x = ExtractText(
      "The pier closed in May.\n\nAlthough in September she said her decision to sell the ferry was a "
      "mistake, at the town hall this week she said she did not believe it amounted to \"an error.\"");
  const Statement* a = Find(x, "decision to sell the ferry");
  ASSERT_NE(a, nullptr) << Dump(x);
  EXPECT_EQ(a->text, "her decision to sell the ferry was a mistake") << Dump(x);
  EXPECT_NE(Find(x, "she did not believe"), nullptr) << Dump(x);

  Extraction y = ExtractText(
      "The pier closed in May.\n\nWhen Ms. Lane said that the mayor would campaign in Hull, Ky., the "
      "crowd cheered.");
  const Statement* b = FindCue(y, "said");
  ASSERT_NE(b, nullptr) << Dump(y);
  EXPECT_NE(b->text.find("Hull, Ky"), std::string::npos) << Dump(y);
}

// An opening double mark typed for a closing one (after a comma or a full stop, before a
// space) closes the quotation: `"...,“ said Jim Clyburn` is a statement, and the
// paragraphs after it are not swallowed.
TEST(ExtractFrames5Test, AnOpeningMarkTypedForAClosingOneClosesTheQuotation) {
  Extraction x = ExtractText(
      "The pier closed in May.\n\n\u201cThe reality is, if the mayor loses Hull, that could create new "
      "problems for her here,\u201c said Jim Lane, a council member.\n\nThe mayor said the ferry would "
      "run.\n\n\u201cWe are ready,\u201d Tom Reed said.");
  EXPECT_EQ(SpeakerOf(x, "The reality is"), "Jim Lane") << Dump(x);
  EXPECT_EQ(SpeakerOf(x, "We are ready"), "Tom Reed") << Dump(x);
  EXPECT_NE(Find(x, "the ferry would run"), nullptr) << Dump(x);
}

// A name after "wrote" at the end of the sentence is whom the letter addresses: "...,
// Kennedy wrote Linick." reports what comes before the frame.
TEST(ExtractFrames5Test, ANameAfterWroteIsTheAddressee) {
  Extraction x = ExtractText(
      "The pier closed in May.\n\nSome paper records are already stored in a safe room, and there is no "
      "need to move them, Tom Reed wrote Lane.");
  const Statement* a = FindCue(x, "wrote");
  ASSERT_NE(a, nullptr) << Dump(x);
  EXPECT_NE(a->text.find("paper records are already stored"), std::string::npos) << Dump(x);
  EXPECT_EQ(a->speaker.value_or("<null>"), "Tom Reed") << Dump(x);
}

// A quotation opening a parenthesis is the content without the parenthesis:
// "(''We have persuaded the creators,'' he said.)".
TEST(ExtractFrames5Test, AQuotationOpeningAParenthesisLeavesItOut) {
  Extraction x = ExtractText(
      "The pier closed in May.\n\nThe council ordered a new ferry only because Mr. Lane agreed. (''We have "
      "persuaded the original builders to finish the job,'' he said.) Tom Reed added more.");
  EXPECT_EQ(TextOfCue(x, "said"), "''We have persuaded the original builders to finish the job,''") << Dump(x);
}

}  // namespace
}  // namespace parley::extractors
