// Where one statement ends and the next begins: coordinated frames, participles that
// add a quotation, and the boundaries PolNeAR draws around a reported clause. The
// sentences are written for these tests.
#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <vector>

#include "extractors/extractor.h"
#include "schema/schema.h"
#include "tests/extractors/test_extractor.h"

namespace parley::extractors {
namespace {

Extraction ExtractText(const std::string& text) {
  return testing::ExtractText(text, "2024-03-14");
}

// The statements' texts, in order.
std::vector<std::string> Texts(const Extraction& x) {
  std::vector<std::string> out;
  for (const auto& s : x.statements) out.push_back(s.text);
  return out;
}

std::string Dump(const Extraction& x) {
  std::ostringstream o;
  for (const auto& s : x.statements)
    o << s.id << " [" << s.type << "] " << s.cue << " / " << s.text << "\n";
  return o.str();
}

// "X said A and said B": two statements, the first ending before the coordinator.
TEST(StatementSplitTest, CoordinatedSpeechCueOpensASecondStatement) {
  auto x = ExtractText(
      "The mayor praised the volunteers for their patience and said the bridge would reopen "
      "in the spring.");
  EXPECT_EQ(Texts(x), (std::vector<std::string>{"the volunteers for their patience",
                                                "the bridge would reopen in the spring"}))
      << Dump(x);
  // a clause with its own subject and speech cue after ", but"
  x = ExtractText(
      "Ms. Ortega argued that the budget should pass this week, but the treasurer insisted "
      "that the audit must come first.");
  EXPECT_EQ(Texts(x), (std::vector<std::string>{"that the budget should pass this week",
                                                "that the audit must come first"}))
      << Dump(x);
  // "but" coordinates a frame as "and" does
  x = ExtractText(
      "The mayor said it is too early to vote but noted that the bridge reopened in May.");
  EXPECT_EQ(Texts(x), (std::vector<std::string>{"it is too early to vote",
                                                "that the bridge reopened in May"}))
      << Dump(x);
}

// A belief verb coordinated inside the reported clause belongs to that clause's own
// subject: one statement.
TEST(StatementSplitTest, CoordinatedBeliefVerbStaysInsideTheClause) {
  auto x = ExtractText("The coach said he is proud of the team and expects to win the final.");
  EXPECT_EQ(Texts(x),
            (std::vector<std::string>{"he is proud of the team and expects to win the final"}))
      << Dump(x);
}

// `"A," he said, adding, "B."`: the participle reports B alone, the cue before it A.
TEST(StatementSplitTest, AddingAfterAQuotationReportsOnlyWhatFollows) {
  auto x = ExtractText(
      "\"The harbor is safe again,\" the captain said, adding, \"We will sail at dawn.\"");
  EXPECT_EQ(Texts(x), (std::vector<std::string>{"\"The harbor is safe again,\"",
                                                "\"We will sail at dawn.\""}))
      << Dump(x);
}

// A leading participle phrase or a lone sentence adverb before an interrupting frame
// is no part of what was said.
TEST(StatementSplitTest, LeadingAdjunctBeforeAnInterruptingFrameIsLeftOut) {
  auto x = ExtractText(
      "Tasting the soup, the chef said, \"This needs more salt and a little patience.\"");
  EXPECT_EQ(Texts(x), (std::vector<std::string>{"\"This needs more salt and a little patience.\""}))
      << Dump(x);
  x = ExtractText("Still, she said, the ferry will run on time tomorrow.");
  EXPECT_EQ(Texts(x), (std::vector<std::string>{"the ferry will run on time tomorrow"})) << Dump(x);
  // a gerund subject stays: the rest opens with its verb
  x = ExtractText("Raising the fares so soon, the economists say, hurt the ferry's recovery.");
  ASSERT_EQ(x.statements.size(), 1u) << Dump(x);
  EXPECT_EQ(x.statements[0].content_spans.size(), 2u) << Dump(x);
  EXPECT_EQ(x.statements[0].text.rfind("Raising the fares", 0), 0u) << Dump(x);
}

// `"...," Name, 34, said`: an age between the name and the cue keeps the name the speaker.
TEST(StatementSplitTest, AgeAppositiveBeforeTheCueKeepsTheSpeaker) {
  auto x = ExtractText("\"We planted every tree in this park ourselves,\" Maria Lopez, 34, said.");
  ASSERT_EQ(x.statements.size(), 1u) << Dump(x);
  EXPECT_EQ(x.statements[0].text, "\"We planted every tree in this park ourselves,\"");
  EXPECT_EQ(x.statements[0].speaker.value_or(""), "Maria Lopez") << Dump(x);
}

// A lexicon form that ends in "that" ("concluded that") leaves the complementiser to
// the content, as for "said that".
TEST(StatementSplitTest, ComplementiserOfACueFormOpensTheContent) {
  auto x = ExtractText("The engineers concluded that the old dam was still safe.");
  ASSERT_EQ(x.statements.size(), 1u) << Dump(x);
  EXPECT_EQ(x.statements[0].text, "that the old dam was still safe");
  EXPECT_EQ(x.statements[0].cue, "concluded");
}

// "X, according to Y, where ...": a relative clause after the source is no part of X.
TEST(StatementSplitTest, RelativeClauseAfterAccordingToEndsTheContent) {
  auto x = ExtractText(
      "The ferry carried 300 passengers a day, according to the port authority, where the "
      "records are kept.");
  EXPECT_EQ(Texts(x), (std::vector<std::string>{"The ferry carried 300 passengers a day"}))
      << Dump(x);
  x = ExtractText("The ferry, according to the port authority, carried 300 passengers a day.");
  ASSERT_EQ(x.statements.size(), 1u) << Dump(x);
  ASSERT_EQ(x.statements[0].content_spans.size(), 2u) << Dump(x);
}

// `"...," Sen. X, R-Ky., said Tuesday.`: the party tag is an appositive of the speaker
// and the weekday after the cue is no speaker; the quotation alone is the content.
TEST(StatementSplitTest, PartyTagAppositiveAndWeekdayAfterTheCue) {
  auto x = ExtractText(
      "\"The levee will hold through the storm,\" Senator Dana Whitfield, R-Ky., said Tuesday.");
  ASSERT_EQ(x.statements.size(), 1u) << Dump(x);
  EXPECT_EQ(x.statements[0].text, "\"The levee will hold through the storm,\"");
  EXPECT_EQ(x.statements[0].speaker.value_or(""), "Dana Whitfield") << Dump(x);
}

// "Asked about X, Y said, "..."": the question is a statement of its own, not part of
// the answer's content.
TEST(StatementSplitTest, QuestionFrameBeforeTheAnswerIsAStatementOfItsOwn) {
  auto x = ExtractText(
      "Asked to explain the delay, the harbor master said, \"The cranes are broken again.\"");
  EXPECT_EQ(Texts(x),
            (std::vector<std::string>{"to explain the delay", "\"The cranes are broken again.\""}))
      << Dump(x);
}

// A relative pronoun subject ("people who feel") does not make the text before it the
// content of its frame.
TEST(StatementSplitTest, RelativePronounSubjectTakesNoContentBeforeIt) {
  auto x = ExtractText(
      "The mayor acknowledged that there are still \"some residents\" who feel that way, "
      "\"but not most of them.\"");
  ASSERT_FALSE(x.statements.empty()) << Dump(x);
  EXPECT_EQ(x.statements[0].cue, "acknowledged") << Dump(x);
  EXPECT_EQ(x.statements[0].text.rfind("that there are still", 0), 0u) << Dump(x);
}

// "X is reportedly Y": a report adverb names no source; the content runs from the
// subject, as for a raising verb.
TEST(StatementSplitTest, ReportAdverbKeepsItsSubjectInTheContent) {
  auto x = ExtractText("The orchestra is reportedly planning a tour of five cities next spring.");
  ASSERT_EQ(x.statements.size(), 1u) << Dump(x);
  EXPECT_EQ(x.statements[0].text.rfind("The orchestra is", 0), 0u) << Dump(x);
  EXPECT_TRUE(x.statements[0].speaker_spans.empty()) << Dump(x);
}

// "X is seen as Y": an agentless passive belief keeps its subject in the content and
// takes "as" into the cue.
TEST(StatementSplitTest, AgentlessPassiveBeliefKeepsItsSubject) {
  auto x = ExtractText("The new ferry schedule is widely seen as a gift to commuters.");
  ASSERT_EQ(x.statements.size(), 1u) << Dump(x);
  EXPECT_EQ(x.statements[0].text, "The new ferry schedule is widely seen as a gift to commuters");
  EXPECT_EQ(x.statements[0].cue, "is widely seen as");
  EXPECT_TRUE(x.statements[0].speaker_spans.empty()) << Dump(x);
}

// "X is said to be Y": no source is named and the subject is part of what is said.
TEST(StatementSplitTest, PassiveSaidToKeepsItsSubject) {
  auto x = ExtractText("The harbor master was said to be furious with the ferry company.");
  ASSERT_EQ(x.statements.size(), 1u) << Dump(x);
  EXPECT_EQ(x.statements[0].text,
            "The harbor master was said to be furious with the ferry company");
  EXPECT_TRUE(x.statements[0].speaker_spans.empty()) << Dump(x);
}

// "in which he predicted that ...": the relative word is the preposition's object, so
// the content is the clause after the cue alone; the cue's own object ("in what
// officials called a hate crime") still opens the content.
TEST(StatementSplitTest, RelativeAfterAPrepositionIsNoContent) {
  Extraction x = ExtractText("The council met on Monday, in which the mayor predicted that taxes would rise.");
  ASSERT_EQ(x.statements.size(), 1u) << Dump(x);
  EXPECT_EQ(x.statements[0].text.rfind("which", 0), std::string::npos) << Dump(x);
  EXPECT_NE(x.statements[0].text.find("taxes would rise"), std::string::npos) << Dump(x);
  x = ExtractText("The rifle was used in what officials called a hate crime.");
  ASSERT_EQ(x.statements.size(), 1u) << Dump(x);
  EXPECT_EQ(x.statements[0].cue, "called") << Dump(x);
  EXPECT_EQ(x.statements[0].text, "what officials called a hate crime") << Dump(x);
}

// `In a letter ..., X wrote, "..."`: a setting phrase before an interrupting frame
// that a quotation follows is no content (setting_prepositions in lexicon.yaml); the
// quotation alone is the statement.
TEST(StatementSplitTest, SettingBeforeAFrameAndItsQuotationIsLeftOut) {
  Extraction x = ExtractText(
      "In a letter to members last week, the chairman wrote, \"The club will close in June.\"");
  ASSERT_EQ(x.statements.size(), 1u) << Dump(x);
  EXPECT_EQ(x.statements[0].text, "\"The club will close in June.\"") << Dump(x);
}

}  // namespace
}  // namespace parley::extractors
