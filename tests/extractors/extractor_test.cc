// Tests of the rule extractor (extractors/extractor.h) on short texts written for
// each layout it must read, on the seed article, and on hostile input.
#include "extractors/extractor.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "schema/schema.h"
#include "tests/extractors/test_extractor.h"

namespace parley::extractors {
namespace {

using testing::Sub;
using testing::Find;
using testing::Dump;
using testing::ExtractText;
using testing::EntityNames;
using testing::SpeakerOf;
using testing::TypeOf;

const Extractor& Ex() { return testing::SharedExtractor(); }

// The rules' closed-class words come from lexicon.yaml word_lists: a schema without
// one is refused by name, and the lists change what the rules read.
TEST(ExtractorTest, ReadsItsClosedClassWordsFromTheSchema) {
  auto schema = schema::LoadSchema(std::string(PARLEY_SOURCE_DIR) + "/schema");
  ASSERT_TRUE(schema.ok()) << schema.status().ToString();
  schema::Schema no_weekdays = *schema;
  no_weekdays.lexicon.word_lists.erase("weekdays");
  auto refused = NewExtractor(no_weekdays);
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.status().message().find("\"weekdays\""), std::string::npos) << refused.status().ToString();
  schema::Schema short_months = *schema;
  short_months.lexicon.word_lists["months"].pop_back();
  EXPECT_FALSE(NewExtractor(short_months).ok());

  // The schema as shipped reads "on Monday" before the cue as the statement's day
  // (utterance dates themselves are the graph pass's, from time.yaml).
  Document d;
  d.id = "t";
  d.text = "Officials said on Monday that the talks would resume.";
  d.date = "2025-10-25";  // a Saturday
  auto real = NewExtractor(*schema);
  ASSERT_TRUE(real.ok());
  Extraction x = (*real)->Extract(d);
  ASSERT_EQ(x.statements.size(), 1u);
  EXPECT_EQ(x.statements[0].date, "2025-10-20");
}

// PolNeAR's convention: the complementiser opens the reported clause.
// Attributions PolNeAR annotates beyond "X said": headlines, prepositional sources and
// sources nobody is named for.
TEST(ExtractorTest, HeadlineColonAndTitleCaseCues) {
  Extraction x = ExtractText("Graham: Trump Rhetoric Is Destroying the Party\n\nThe senator spoke in Columbia on Friday.");
  const Statement* s = Find(x, "Trump Rhetoric Is Destroying the Party");
  ASSERT_NE(s, nullptr);
  EXPECT_EQ(s->text, "Trump Rhetoric Is Destroying the Party");
  ASSERT_EQ(s->speaker_spans.size(), 1u);
  EXPECT_EQ(Sub(x.text, s->speaker_spans[0]), "Graham");
  // "The Latest:" labels a live blog; it says nothing
  Extraction latest = ExtractText("The Latest: Sanders Wins Minnesota Caucuses\n\nVoters met on Tuesday.");
  EXPECT_EQ(Find(latest, "Sanders Wins Minnesota"), nullptr);

  Extraction t = ExtractText("Harbour Town Says Lund Should Win Seat\n\nThe town has picked every winner.");
  const Statement* h = Find(t, "Lund Should Win Seat");
  ASSERT_NE(h, nullptr);
  EXPECT_EQ(h->cue, "Says");
  ASSERT_EQ(h->speaker_spans.size(), 1u);
  EXPECT_EQ(Sub(t.text, h->speaker_spans[0]), "Harbour Town");
}

TEST(ExtractorTest, PrepositionalSourcesAndAgentlessAttributions) {
  Extraction x = ExtractText(
      "Voting ended on Tuesday.\n\nIn a Gallup poll released Monday, most voters chose the senator.\n\n"
      "The governor is expected to sign the budget next week.\n\nFor years, the budget was late.");
  const Statement* poll = Find(x, "most voters chose the senator");
  ASSERT_NE(poll, nullptr);
  EXPECT_EQ(poll->cue, "In");
  ASSERT_EQ(poll->speaker_spans.size(), 1u);
  EXPECT_EQ(Sub(x.text, poll->speaker_spans[0]), "a Gallup poll released Monday");
  const Statement* exp = Find(x, "to sign the budget");
  ASSERT_NE(exp, nullptr);
  EXPECT_EQ(exp->text.rfind("The governor is expected to sign the budget", 0), 0u) << exp->text;
  EXPECT_TRUE(exp->speaker_spans.empty());  // nobody is named as expecting it
  EXPECT_FALSE(exp->speaker.has_value());
  EXPECT_EQ(Find(x, "the budget was late"), nullptr);  // "For years," is no source

  Extraction q = ExtractText("Asked about the tariffs on Friday, the minister said talks would go on.");
  const Statement* asked = Find(q, "the tariffs");
  ASSERT_NE(asked, nullptr);
  EXPECT_EQ(asked->text, "the tariffs");  // "on Friday" dates the asking (CutObjectTime)
  EXPECT_TRUE(asked->speaker_spans.empty());
  EXPECT_NE(Find(q, "talks would go on"), nullptr);
}

// An attribution inside another's reported clause is part of that clause (PolNeAR
// annotates none): only the outer statement is emitted, and its content keeps the
// inner cue. Attributions inside quotations keep their own rule (below).
TEST(ExtractorTest, AttributionInsideAReportedClauseIsPartOfIt) {
  Extraction x = ExtractText(
      "The ministry also met the mayor and cited a list of concerns about the new bridge, officials said.\n\n"
      "The mayor said the plan was sound.");
  const Statement* outer = Find(x, "cited a list of concerns");
  ASSERT_NE(outer, nullptr);
  EXPECT_EQ(outer->cue, "said");
  EXPECT_NE(outer->text.find("The ministry also met the mayor"), std::string::npos) << outer->text;
  for (const auto& s : x.statements) {
    EXPECT_FALSE(s.cue == "cited") << "embedded statement kept: " << s.text;
  }
  ASSERT_NE(Find(x, "the plan was sound"), nullptr);
  EXPECT_EQ(x.statements.size(), 2u);
}

// After a closing quotation mark, the speaker phrase of "said X" may be a loose
// nominal ("election lawyer X", "a 2008 campaign veteran") or a name that starts
// with a modal ("Will"): the quotation is the statement, the phrase its speaker.
TEST(ExtractorTest, InvertedSaidTakesTheLooseSpeakerPhraseAfterAQuotation) {
  for (const std::string speaker : {"election lawyer Joe Birkenstock", "a 2008 campaign veteran", "Will Doyle"}) {
    Extraction x = ExtractText("Prices went up again.\n\n\"That is a yellow light,\" said " + speaker +
                               ".\n\nThe hearing ends Friday.");
    const Statement* s = Find(x, "That is a yellow light");
    ASSERT_NE(s, nullptr) << speaker;
    EXPECT_EQ(s->type, "direct") << speaker;
    EXPECT_EQ(s->text, "\"That is a yellow light,\"") << speaker;
    ASSERT_EQ(s->speaker_spans.size(), 1u) << speaker;
    EXPECT_EQ(Sub(x.text, s->speaker_spans[0]), speaker);
  }
  // an indefinite nominal names nobody: a modifier name is not the speaker
  Extraction x = ExtractText("Hillary Clinton spoke first.\n\n\"She did not like that,\" said a 2008 Clinton veteran.");
  const Statement* s = Find(x, "She did not like that");
  ASSERT_NE(s, nullptr);
  EXPECT_FALSE(s->speaker.has_value()) << *s->speaker;
  ASSERT_EQ(s->speaker_spans.size(), 1u);
  EXPECT_EQ(Sub(x.text, s->speaker_spans[0]), "a 2008 Clinton veteran");
}

// Inside a quotation, an attribution counts when its speaker is known: "President
// Donald Trump stated that ..." is Trump's statement reported by Peskov; "Officials
// say ..." stays part of Peskov's words.
TEST(ExtractorTest, NestedAttributionNeedsAKnownSpeaker) {
  Extraction x = ExtractText(
      "Kremlin spokesman Dmitry Peskov spoke on Friday.\n\n\"Officials say the talks have failed. President Donald "
      "Trump stated that the summit would go ahead,\" Peskov said.");
  const Statement* outer = Find(x, "Officials say the talks");
  ASSERT_NE(outer, nullptr);
  EXPECT_EQ(outer->speaker, "Dmitry Peskov");
  const Statement* inner = nullptr;
  for (const auto& s : x.statements) {
    if (s.text == "that the summit would go ahead") inner = &s;
  }
  ASSERT_NE(inner, nullptr);
  EXPECT_EQ(inner->speaker, "Donald Trump");
  EXPECT_EQ(inner->reported_by, outer->id);
  for (const auto& s : x.statements) {
    EXPECT_FALSE(!s.reported_by.empty() && !s.speaker.has_value()) << s.text;
  }
  EXPECT_EQ(x.statements.size(), 2u);
}

// Indirect speech reporting indirect speech gives two statements, the inner one
// reported_by the outer, when the outer's that-clause opens with a named person and a
// plain report verb ("had stated that", "said the ..."); "tells so many lies that"
// is no inner report, and a pronoun inner speaker is left to the outer statement.
TEST(ExtractorTest, IndirectSpeechInsideIndirectSpeechIsReportedByIt) {
  Extraction x = ExtractText(
      "Talks Stall.\n\nKremlin spokesman Dmitry Peskov said that Donald Trump had stated that a summit "
      "was still possible.\n\nPeskov told reporters that Trump said the meeting would take place in "
      "Budapest.\n\nPeskov said that Trump tells so many lies that nobody listens. He added that he "
      "said the talks would resume.");
  const Statement* outer = Find(x, "that Donald Trump had stated");
  const Statement* inner = nullptr;
  const Statement* outer2 = Find(x, "that Trump said the meeting");
  const Statement* inner2 = nullptr;
  for (const auto& s : x.statements) {
    if (s.text == "that a summit was still possible") inner = &s;
    if (s.text == "the meeting would take place in Budapest") inner2 = &s;
  }
  ASSERT_TRUE(outer && inner && outer2 && inner2) << Dump(x);
  EXPECT_EQ(outer->speaker.value_or(""), "Dmitry Peskov");
  EXPECT_EQ(inner->speaker.value_or(""), "Donald Trump");
  EXPECT_EQ(inner->reported_by, outer->id);
  EXPECT_EQ(inner2->speaker.value_or(""), "Donald Trump");
  EXPECT_EQ(inner2->reported_by, outer2->id);
  int reported = 0;
  for (const auto& s : x.statements) reported += !s.reported_by.empty();
  EXPECT_EQ(reported, 2) << Dump(x);
}

TEST(ExtractorTest, IndirectSpeechWithThatKeepsTheComplementiserAndTheClause) {
  auto x = ExtractText("Hugh Hill said that the bridge will reopen next week.");
  ASSERT_EQ(x.statements.size(), 1u) << Dump(x);
  const auto& s = x.statements[0];
  EXPECT_EQ(s.text, "that the bridge will reopen next week");
  EXPECT_EQ(s.type, "indirect");
  EXPECT_EQ(s.speaker.value_or(""), "Hugh Hill");
  EXPECT_EQ(s.cue, "said");
  EXPECT_EQ(s.speech_act, "assert");
  ASSERT_EQ(s.speaker_spans.size(), 1u);
  EXPECT_EQ(Sub(x.text, s.speaker_spans[0]), "Hugh Hill");
}

TEST(ExtractorTest, DirectQuoteWithCueAfterAndPronounResolvesToEarlierSpeaker) {
  auto x = ExtractText("Maria Lopez, the mayor, spoke on Monday.\n\n\"We will not give up,\" she said.");
  const Statement* s = Find(x, "We will not give up");
  ASSERT_NE(s, nullptr) << Dump(x);
  EXPECT_EQ(s->type, "direct");
  EXPECT_EQ(s->speaker.value_or(""), "Maria Lopez");
  ASSERT_EQ(s->speaker_spans.size(), 1u);
  EXPECT_EQ(Sub(x.text, s->speaker_spans[0]), "she");
}

TEST(ExtractorTest, InvertedCueSaidXWithCurlyQuotes) {
  auto x = ExtractText("\u201CThe department is committed to transparency,\u201D said spokesman John Kirby.");
  ASSERT_EQ(x.statements.size(), 1u) << Dump(x);
  EXPECT_EQ(x.statements[0].type, "direct");
  EXPECT_EQ(x.statements[0].speaker.value_or(""), "John Kirby");
}

TEST(ExtractorTest, InterruptedQuoteGivesTwoContentPieces) {
  auto x = ExtractText("\"I have seen him fight for his family,\" she said, \"and now for the country.\"");
  ASSERT_EQ(x.statements.size(), 1u) << Dump(x);
  EXPECT_EQ(x.statements[0].content_spans.size(), 2u);
  EXPECT_EQ(x.statements[0].type, "direct");
}

TEST(ExtractorTest, CueBeforeQuoteWithColon) {
  auto x = ExtractText("Larry David explained: \"The young people love me because I'm like them.\"");
  const Statement* s = Find(x, "young people love me");
  ASSERT_NE(s, nullptr) << Dump(x);
  EXPECT_EQ(s->type, "direct");
  EXPECT_EQ(s->speaker.value_or(""), "Larry David");
}

TEST(ExtractorTest, ShortPartialQuoteMakesAMixedStatement) {
  auto x = ExtractText("Dmitry Peskov met reporters. He described the talks as a \"prolonged pause\".");
  const Statement* s = Find(x, "prolonged pause");
  ASSERT_NE(s, nullptr) << Dump(x);
  EXPECT_EQ(s->type, "mixed");
  EXPECT_EQ(s->speaker.value_or(""), "Dmitry Peskov");
  EXPECT_EQ(s->cue, "described");
}

TEST(ExtractorTest, AccordingToBeforeAndAfterTheContent) {
  auto x = ExtractText("According to the ministry, the plant will close in May. Prices will rise, according to Jane Smith.");
  const Statement* a = Find(x, "the plant will close in May");
  const Statement* b = Find(x, "Prices will rise");
  ASSERT_NE(a, nullptr) << Dump(x);
  ASSERT_NE(b, nullptr) << Dump(x);
  EXPECT_EQ(a->cue, "According to");
  EXPECT_EQ(b->speaker.value_or(""), "Jane Smith");
  EXPECT_EQ(b->text, "Prices will rise");
}

TEST(ExtractorTest, AppositiveSpeakerResolvesToTheName) {
  auto x = ExtractText("Hugh Hill, a doctor at the clinic, said the wards were full.");
  const Statement* s = Find(x, "the wards were full");
  ASSERT_NE(s, nullptr) << Dump(x);
  EXPECT_EQ(s->speaker.value_or(""), "Hugh Hill");
}

TEST(ExtractorTest, NominalSpeakerResolvesToThePersonHoldingTheRole) {
  auto x = ExtractText("Kremlin spokesperson Dmitry Peskov said talks were over. The spokesman added that a new round was possible.");
  const Statement* s = Find(x, "a new round was possible");
  ASSERT_NE(s, nullptr) << Dump(x);
  EXPECT_EQ(s->speaker.value_or(""), "Dmitry Peskov");
  ASSERT_EQ(s->speaker_spans.size(), 1u);
  EXPECT_EQ(Sub(x.text, s->speaker_spans[0]), "The spokesman");
}

TEST(ExtractorTest, UnresolvablePronounGivesNoSpeakerRatherThanTheNearestName) {
  auto x = ExtractText("The weather in Paris was cold.\n\nShe said the vote would be delayed.");
  const Statement* s = Find(x, "the vote would be delayed");
  ASSERT_NE(s, nullptr) << Dump(x);
  EXPECT_FALSE(s->speaker.has_value()) << *s->speaker;
  EXPECT_EQ(s->speaker_spans.size(), 1u);
}

// Its speaker span is the mention the statement it follows names (PolNeAR's source
// span for a floating quotation).
TEST(ExtractorTest, FloatingQuoteBelongsToThePreviousSpeaker) {
  const std::string text =
      "\"We are ready,\" Jane Smith said.\n\nThe council meets in May.\n\n"
      "\"The rest is up to the council and its members.\"";
  auto x = ExtractText(text);
  const Statement* s = Find(x, "The rest is up to the council");
  ASSERT_NE(s, nullptr) << Dump(x);
  EXPECT_EQ(s->speaker.value_or(""), "Jane Smith");
  ASSERT_EQ(s->speaker_spans.size(), 1u) << Dump(x);
  EXPECT_EQ(Sub(text, s->speaker_spans[0]), "Jane Smith");
}

// PolNeAR's convention: a quotation opening the paragraph after `"A," X said.`
// continues X's statement (one statement, one piece per quotation).
TEST(ExtractorTest, QuoteAfterAQuotedStatementContinuesIt) {
  auto x = ExtractText(
      "\"We are ready,\" Jane Smith said.\n\n"
      "\"The rest is up to the council and its members.\"\n\nThe council meets in May.");
  const Statement* s = Find(x, "We are ready");
  ASSERT_NE(s, nullptr) << Dump(x);
  ASSERT_EQ(s->content_spans.size(), 2u) << Dump(x);
  EXPECT_NE(s->text.find("The rest is up to the council"), std::string::npos) << s->text;
  EXPECT_EQ(s->speaker.value_or(""), "Jane Smith");
  EXPECT_EQ(x.statements.size(), 1u) << Dump(x);
}

TEST(ExtractorTest, QuoteOverSeveralParagraphsIsOneStatement) {
  auto x = ExtractText("Jane Smith said: \"The first part of the plan is done.\n\n\"The second part starts in May.\"\n\nThe end.");
  const Statement* s = Find(x, "first part of the plan");
  ASSERT_NE(s, nullptr) << Dump(x);
  EXPECT_NE(s->text.find("second part starts in May"), std::string::npos) << s->text;
}

// PolNeAR: a raising verb names no source, and the content runs from its subject.
TEST(ExtractorTest, RaisingVerbHasNoSpeakerAndKeepsItsSubject) {
  auto x = ExtractText(
      "The Lund team appeared stunned. Brook is expected to join Marsh on the road soon.");
  const Statement* a = Find(x, "stunned");
  const Statement* b = Find(x, "join Marsh");
  ASSERT_NE(a, nullptr) << Dump(x);
  ASSERT_NE(b, nullptr) << Dump(x);
  EXPECT_EQ(a->text.rfind("The Lund team", 0), 0u) << a->text;
  EXPECT_TRUE(a->speaker_spans.empty());
  EXPECT_FALSE(a->speaker.has_value());
  EXPECT_EQ(b->text.rfind("Brook", 0), 0u) << b->text;
  EXPECT_TRUE(b->speaker_spans.empty());
}

// A participle speaks for the sentence's subject, not for the noun before it.
TEST(ExtractorTest, ParticipleSpeaksForTheSentenceSubject) {
  auto x = ExtractText(
      "Ada Brook sharply rebuked Mr. Lund, saying that he lacked the patience to "
      "govern.");
  const Statement* s = Find(x, "he lacked the patience");
  ASSERT_NE(s, nullptr) << Dump(x);
  ASSERT_EQ(s->speaker_spans.size(), 1u) << Dump(x);
  EXPECT_EQ(Sub(x.text, s->speaker_spans[0]), "Ada Brook");
}

// `He said:` ending its paragraph takes the quotation that opens the next one.
TEST(ExtractorTest, ColonAtParagraphEndTakesTheNextQuotation) {
  auto x = ExtractText(
      "Jane Smith said the vote was fair. She said:\n\n\"The council will meet again in "
      "May.\"\n\nThe end.");
  const Statement* s = Find(x, "The council will meet again");
  ASSERT_NE(s, nullptr) << Dump(x);
  EXPECT_EQ(s->cue, "said");
  ASSERT_EQ(s->speaker_spans.size(), 1u) << Dump(x);
  EXPECT_EQ(Sub(x.text, s->speaker_spans[0]), "She");
  EXPECT_EQ(s->speaker.value_or(""), "Jane Smith");
}

// After a closing quotation mark the speaker phrase may run on.
TEST(ExtractorTest, SpeakerAfterAQuoteMayRunOn) {
  auto x = ExtractText(
      "\"There is no secret plan,\" said party spokesman Tom Reed in a Friday post.");
  const Statement* s = Find(x, "There is no secret plan");
  ASSERT_NE(s, nullptr) << Dump(x);
  ASSERT_EQ(s->speaker_spans.size(), 1u) << Dump(x);
  EXPECT_NE(Sub(x.text, s->speaker_spans[0]).find("Tom Reed"), std::string::npos);
}

TEST(ExtractorTest, ColonAndDashAttributions) {
  auto x = ExtractText("From Chairwoman Ann Lee: \"The budget is balanced this year.\"\n\n"
               "\"Never give up on the people you serve.\" - Tom Baker");
  const Statement* a = Find(x, "budget is balanced");
  const Statement* b = Find(x, "Never give up");
  ASSERT_NE(a, nullptr) << Dump(x);
  ASSERT_NE(b, nullptr) << Dump(x);
  EXPECT_EQ(a->speaker.value_or(""), "Ann Lee");
  EXPECT_EQ(b->speaker.value_or(""), "Tom Baker");
}

TEST(ExtractorTest, WhenAskedAboutDoesNotMakeAStatement) {
  auto x = ExtractText("When asked about the budget, Jane Smith described the plan as \"a mess\".");
  ASSERT_EQ(x.statements.size(), 1u) << Dump(x);
  EXPECT_EQ(x.statements[0].cue, "described");
}

TEST(ExtractorTest, NonSpeechAttributionsArePolNeARStatements) {
  auto x = ExtractText("Most voters believe the economy is improving. Polls show the race is tight.");
  EXPECT_NE(Find(x, "the economy is improving"), nullptr) << Dump(x);
  EXPECT_NE(Find(x, "the race is tight"), nullptr) << Dump(x);
}

TEST(ExtractorTest, SubjectWithAgeAndAppositiveBeforeTheCueIsTheSpeaker) {
  auto x = ExtractText("Nora Field, 34, a nurse in Leeds, said the strike came up at every shift.");
  ASSERT_EQ(x.statements.size(), 1u) << Dump(x);
  const auto& s = x.statements[0];
  EXPECT_EQ(s.text, "the strike came up at every shift");
  EXPECT_EQ(s.speaker.value_or(""), "Nora Field");
  ASSERT_EQ(s.speaker_spans.size(), 1u);
  EXPECT_EQ(Sub(x.text, s.speaker_spans[0]), "Nora Field, 34, a nurse in Leeds");
}

TEST(ExtractorTest, InterruptingFrameSplitsOneReportedClauseInTwoPieces) {
  auto x = ExtractText("Over the next decade, many engineers say, this design could spread through the trade.");
  ASSERT_EQ(x.statements.size(), 1u) << Dump(x);
  const auto& s = x.statements[0];
  ASSERT_EQ(s.content_spans.size(), 2u) << Dump(x);
  EXPECT_EQ(Sub(x.text, s.content_spans[0]), "Over the next decade");
  EXPECT_EQ(Sub(x.text, s.content_spans[1]), "this design could spread through the trade");
  ASSERT_EQ(s.speaker_spans.size(), 1u);
  EXPECT_EQ(Sub(x.text, s.speaker_spans[0]), "many engineers");
}

TEST(ExtractorTest, NegativeCueCarriesItsSpeechAct) {
  auto x = ExtractText("Peskov denied that troops had crossed the border.");
  ASSERT_EQ(x.statements.size(), 1u) << Dump(x);
  EXPECT_EQ(x.statements[0].speech_act, "deny");
}

TEST(ExtractorTest, WeekdayIsTheLastSuchDayOnOrBeforePublication) {
  auto x = ExtractText("Speaking on Friday, Peskov said talks would go on.", "2025-10-25");
  ASSERT_EQ(x.statements.size(), 1u) << Dump(x);
  EXPECT_EQ(x.statements[0].date.value_or(""), "2025-10-24");
  auto y = ExtractText("Speaking on Saturday, Peskov said talks would go on.", "2025-10-25");
  EXPECT_EQ(y.statements[0].date.value_or(""), "2025-10-25");
}

TEST(ExtractorTest, OffsetsAreCodePoints) {
  auto x = ExtractText("Caf\u00e9 owner Jos\u00e9 Garc\u00eda said \u201Cprices are up\u201D.");
  const Statement* s = Find(x, "prices are up");
  ASSERT_NE(s, nullptr) << Dump(x);
  EXPECT_EQ(Sub(x.text, s->content), s->text);
}

TEST(ExtractorTest, HostileInputNeverCrashesOrSwallowsTheArticle) {
  EXPECT_TRUE(ExtractText("").statements.empty());
  EXPECT_TRUE(ExtractText("\"").statements.empty());
  // an odd number of marks: the unclosed one is bounded by its paragraph
  auto x = ExtractText("He said \"this never closes.\n\nJane Smith said the next paragraph is separate.");
  const Statement* s = Find(x, "next paragraph is separate");
  ASSERT_NE(s, nullptr) << Dump(x);
  EXPECT_EQ(s->text.find("never closes"), std::string::npos);
  // straight quotes used as apostrophes and nested single quotes
  auto y = ExtractText("The leaders' meeting was 'fine', he said, and the 'deal' was 'done'.");
  (void)y;
  // 1 MB of quotation marks
  std::string marks(1 << 20, '"');
  auto z = ExtractText(marks);
  EXPECT_TRUE(z.statements.empty());
  std::string curly;
  for (int i = 0; i < 200000; ++i) curly += (i % 3 == 0) ? "\u201C" : "\u201D";
  EXPECT_TRUE(ExtractText(curly).statements.empty());
  // invalid UTF-8 bytes
  auto w = ExtractText(std::string("Peskov said \xff\xfe the talks \xc3 failed."));
  EXPECT_LE(w.statements.size(), 1u);
}

TEST(ExtractorTest, ExtractIsThreadSafe) {
  const std::string text = "\"We are ready,\" Jane Smith said. Peskov said that talks would go on.";
  auto expected = ExtractText(text);
  std::vector<std::thread> threads;
  std::vector<size_t> counts(4);
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 200; ++i) counts[t] = ExtractText(text).statements.size();
    });
  }
  for (auto& th : threads) th.join();
  for (size_t c : counts) EXPECT_EQ(c, expected.statements.size());
}

// --- the seed article -----------------------------------------------------------------

Document SeedDocument() {
  std::string path = std::string(PARLEY_SHARED_DIR) + "/seed/menafn-peskov-summit.txt";
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  Document d;
  d.id = "menafn-peskov-summit";
  d.text = ss.str();
  return d;
}

class SeedTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!std::filesystem::exists(std::string(PARLEY_SHARED_DIR) + "/seed/menafn-peskov-summit.txt")) {
      GTEST_SKIP() << "../shared/seed is absent: the seed article is not part of the repository";
    }
    x_ = Ex().Extract(SeedDocument());
  }
  Extraction x_;
};

TEST_F(SeedTest, AttributesAtLeastTwelveStatementsToPeskov) {
  int peskov = 0;
  for (const auto& s : x_.statements) peskov += s.speaker.value_or("") == "Dmitry Peskov";
  EXPECT_GE(peskov, 12) << Dump(x_);
  // "The spokesman", "the Kremlin spokesperson", "The official" all resolve to him
  EXPECT_EQ(Find(x_, "for a leaders' meeting")->speaker.value_or(""), "Dmitry Peskov");
  EXPECT_EQ(Find(x_, "to assess the impact")->speaker.value_or(""), "Dmitry Peskov");
  EXPECT_EQ(Find(x_, "virtually ceased")->speaker.value_or(""), "Dmitry Peskov");
}

// "have not ruled out the possibility of a future summit" is not "will meet": hedged;
// "Russia will respond" is a commitment; none of Peskov's answers is a denial.
TEST_F(SeedTest, NotRuledOutIsHedgedAndWillRespondIsNot) {
  const Statement* open = Find(x_, "have not ruled out the possibility");
  ASSERT_NE(open, nullptr) << Dump(x_);
  EXPECT_TRUE(open->hedged);
  EXPECT_FALSE(open->negative);
  const Statement* respond = Find(x_, "Russia will respond");
  ASSERT_NE(respond, nullptr) << Dump(x_);
  EXPECT_FALSE(respond->hedged);
  EXPECT_FALSE(respond->negative);
  const Statement* exclude = Find(x_, "does not exclude such a summit");  // Trump, nested
  ASSERT_NE(exclude, nullptr) << Dump(x_);
  EXPECT_TRUE(exclude->hedged);
}

TEST_F(SeedTest, NestedTrumpStatementsAreReportedByPeskovsQuote) {
  const Statement* outer = Find(x_, "Yes, President Trump stated");
  ASSERT_NE(outer, nullptr) << Dump(x_);
  int nested = 0;
  for (const auto& s : x_.statements) {
    if (s.reported_by == outer->id) {
      ++nested;
      EXPECT_EQ(s.speaker.value_or(""), "Donald Trump") << s.text;
    }
  }
  EXPECT_EQ(nested, 2) << Dump(x_);
}

TEST_F(SeedTest, LegalDisclaimerProducesNothing) {
  size_t disclaimer = x_.text.find("Legal Disclaimer");
  ASSERT_NE(disclaimer, std::string::npos);
  for (const auto& s : x_.statements) {
    EXPECT_EQ(s.text.find("warranty"), std::string::npos);
    EXPECT_EQ(s.text.find("complaints"), std::string::npos);
  }
}

TEST_F(SeedTest, DatesOutletsAndTitle) {
  EXPECT_EQ(x_.article.title, "Putin, Trump Still Open To Meeting: Russia");
  EXPECT_EQ(x_.article.published.value_or(""), "2025-10-25");  // the MENAFN id date
  EXPECT_FALSE(x_.article.warnings.empty());
  EXPECT_EQ(x_.article.outlets, (std::vector<std::string>{"MENAFN", "AzerNews", "TRT World"}));
  const Statement* s = Find(x_, "this understanding is based");
  ASSERT_NE(s, nullptr);
  EXPECT_EQ(s->date.value_or(""), "2025-10-24");  // "on Friday", published Saturday
  EXPECT_EQ(x_.content_hash.size(), 16u);
  EXPECT_EQ(x_.extractor_version, kExtractorVersion);
}

TEST_F(SeedTest, SpeakerEntitiesCarryMentionsAndAliases) {
  const Entity* peskov = nullptr;
  for (const auto& e : x_.entities) {
    if (e.name == "Dmitry Peskov") peskov = &e;
  }
  ASSERT_NE(peskov, nullptr);
  EXPECT_EQ(peskov->type, "person");
  EXPECT_GE(peskov->mentions.size(), 5u);
  for (const auto& s : x_.statements) {
    if (s.speaker.value_or("") == "Dmitry Peskov") {
      EXPECT_EQ(s.speaker_entity, peskov->id);
    }
  }
}

// Issue 4: aliases are names only, one per case-folded form; "The official" and
// "the spokesman" are descriptions (a search for "official" must not find him), and
// the title before the name is not part of an alias.
TEST_F(SeedTest, AliasesAreNamesAndDescriptionsAreApart) {
  const Entity* peskov = nullptr;
  for (const auto& e : x_.entities) {
    if (e.name == "Dmitry Peskov") peskov = &e;
  }
  ASSERT_NE(peskov, nullptr) << Dump(x_);
  std::set<std::string> folded;
  for (const auto& a : peskov->aliases) {
    std::string l = a;
    for (char& c : l) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    EXPECT_TRUE(folded.insert(l).second) << "case duplicate alias " << a;
    EXPECT_EQ(l.find("spokes"), std::string::npos) << a;
    EXPECT_EQ(l.find("official"), std::string::npos) << a;
    EXPECT_NE(l.find("peskov"), std::string::npos) << a;
  }
  EXPECT_TRUE(folded.count("peskov")) << Dump(x_);
  EXPECT_TRUE(folded.count("dmitry peskov")) << Dump(x_);
  auto has_description = [&](const char* d) {
    return std::find(peskov->descriptions.begin(), peskov->descriptions.end(), d) !=
           peskov->descriptions.end();
  };
  EXPECT_TRUE(has_description("The official")) << Dump(x_);
  EXPECT_TRUE(has_description("the Kremlin spokesperson")) << Dump(x_);
  // The mentions stay: seven in the gold file, nominal ones included.
  EXPECT_GE(peskov->mentions.size(), 7u);
  // A country's short name is a name, not a description.
  for (const auto& e : x_.entities) {
    if (e.name != "United States") continue;
    EXPECT_NE(std::find(e.aliases.begin(), e.aliases.end(), "US"), e.aliases.end()) << Dump(x_);
  }
}

TEST(ExtractorTest, TitledNamesGiveTheNameAsAlias) {
  auto x = ExtractText(
      "Port Talks Stall\n\nHarbour commissioner Olu Bankole said the port would stay shut until "
      "March.\n\nThe commissioner said repairs had begun. Bankole added that \"no ship will dock\" before "
      "then.\n\nOfficials said the harbour commissioner had warned them.");
  const Entity* b = nullptr;
  for (const auto& e : x.entities) {
    if (e.name == "Olu Bankole") b = &e;
  }
  ASSERT_NE(b, nullptr) << Dump(x);
  for (const auto& a : b->aliases) {
    EXPECT_TRUE(a == "Olu Bankole" || a == "Bankole") << "alias " << a << "\n" << Dump(x);
  }
  EXPECT_NE(std::find(b->aliases.begin(), b->aliases.end(), "Bankole"), b->aliases.end()) << Dump(x);
}

// Capitalised runs that name a place, a law, a street or a day are no persons, nor are
// runs in capitals (a dateline, "FULL TEXT"), a quantifier opening a subject
// ("Several aides") or a word after a stripped "The" or "Now" ("The Latest", "Now
// I’m"); a transcript's label in capitals ("JANE DOE:"), a first name
// before a listed head ("Michael Bay") and a surname a full name gave ("Day said")
// stay persons.
TEST(ExtractorTest, PlacesLawsAndDaysAreNoPersons) {
  auto x = ExtractText(
      "DES MOINES, Iowa - Ferry plans split the county.\n\nWall Street banks and San Diego "
      "officials backed the plan in New Hampshire, under the Affordable Care Act rules, before "
      "Election Day. New Yorkers were not asked.\n\nKristen Day, who leads the ferry board, spoke "
      "first. Day said the plan was sound. Several aides said it would fail. Director Michael Bay "
      "said he liked it.\n\nThe Latest on the ferry vote follows. Now I\u2019m sure it will pass, "
      "she wrote.\n\nFULL TEXT.\n\nJANE DOE: We will win.");
  EXPECT_EQ(EntityNames(x, "person"), (std::set<std::string>{"Kristen Day", "Michael Bay", "JANE DOE"}))
      << Dump(x);
  // a name after a party adjective, a generation's numeral, a surname that is a compass
  // word ("West added"), a byline's "Follow"; common words opening a sentence
  // ("Investors", written in lower case elsewhere), quantities and regions ("South
  // Florida") are none
  auto y = ExtractText(
      "Ferry plans split the county.\n\nPresumptive Democratic nominee Jane Roe said the plan was "
      "sound. Investors say the ferry will lose money, and some investors have left. Nearly half said "
      "they would not vote. World War II veterans marched. Charles Elliott III said he would march too. "
      "Voters in South Florida and Western Europe watched. Marty West said the vote was fair, and West "
      "added that it was close.\n\nFollow Ian Hanchett on Twitter.");
  EXPECT_EQ(EntityNames(y, "person"),
            (std::set<std::string>{"Jane Roe", "Charles Elliott III", "Marty West", "Ian Hanchett"}))
      << Dump(y);
  EXPECT_EQ(SpeakerOf(y, "it was close"), "Marty West") << Dump(y);
  EXPECT_EQ(SpeakerOf(y, "the plan was sound"), "Jane Roe") << Dump(y);
  EXPECT_EQ(SpeakerOf(x, "it would fail"), "<null>") << Dump(x);
  EXPECT_EQ(SpeakerOf(x, "the plan was sound"), "Kristen Day") << Dump(x);
}

// An acronym no list knows, with or without its article, is an organisation ("The NLRB
// said"); a country that is also a given name opens a person's name before a surname
// ("Jordan Blake", "Chad Smith") and stays the country alone ("Jordan said").
TEST(ExtractorTest, AcronymsAreOrganisationsAndGivenNameCountriesOpenNames) {
  auto x = ExtractText(
      "Talks resumed.\n\nThe NLRB said it would look into the donations. Jordan Blake, a ferry "
      "captain, said the talks would fail. Jordan said it would send aid. Chad Smith said he agreed.");
  EXPECT_EQ(SpeakerOf(x, "look into the donations"), "NLRB") << Dump(x);
  EXPECT_EQ(SpeakerOf(x, "talks would fail"), "Jordan Blake") << Dump(x);
  EXPECT_EQ(SpeakerOf(x, "send aid"), "Jordan") << Dump(x);
  EXPECT_EQ(SpeakerOf(x, "he agreed"), "Chad Smith") << Dump(x);
  EXPECT_EQ(TypeOf(x, "NLRB"), "organization") << Dump(x);
  EXPECT_EQ(TypeOf(x, "Jordan"), "country") << Dump(x);
  EXPECT_EQ(TypeOf(x, "Jordan Blake"), "person") << Dump(x);
}

// A lower-case particle belongs to the name around it ("Bill de Blasio", "Osama bin
// Laden"), and opening a sentence it still names the person ("De Blasio added"); after
// an honorific a surname that is also a title stays a name ("Mr. King").
TEST(ExtractorTest, NameParticlesAndSurnamesThatAreTitles) {
  auto x = ExtractText(
      "The city voted.\n\nMayor Bill de Blasio said the city was safe. De Blasio added that the "
      "police were ready. Osama bin Laden was killed in 2011.\n\n''We need money,'' Mr. King said. "
      "Later, the mayor said he was proud.");
  EXPECT_EQ(EntityNames(x, "person"), (std::set<std::string>{"Bill de Blasio", "Osama bin Laden", "King"}))
      << Dump(x);
  for (const char* needle : {"the city was safe", "the police were ready", "he was proud"}) {
    EXPECT_EQ(SpeakerOf(x, needle), "Bill de Blasio") << needle << "\n" << Dump(x);
  }
  EXPECT_EQ(SpeakerOf(x, "We need money"), "King") << Dump(x);
}

// A definite description of a person holding no office ("The retired neurosurgeon",
// "the real estate mogul") names the subject of the sentence before, else the last
// speaker when the text names no one more often; never a newspaper ("the Daily Star"),
// and nobody when another person is as present ("never guess the nearest name"); "the
// <person> campaign" is that person's campaign.
TEST(ExtractorTest, EpithetsNameThePersonTheTextIsAbout) {
  auto x = ExtractText(
      "Carson Tours Iowa.\n\nBen Carson spoke in Des Moines on Monday. Carson said the debt was a "
      "threat.\n\nBen Carson rejected the notion that the episode was over. The retired neurosurgeon "
      "added that he would fix it. The Daily Star reported the crowd was large.");
  EXPECT_EQ(SpeakerOf(x, "he would fix it"), "Ben Carson") << Dump(x);
  auto y = ExtractText(
      "Two Candidates.\n\nMara Pell said taxes were too high. Ida Brandt said taxes were too low.\n\n"
      "Pell and Brandt met in March. Brandt and Pell disagreed.\n\nThe candidate added that the vote "
      "would be close.");
  EXPECT_EQ(SpeakerOf(y, "the vote would be close"), "<null>") << Dump(y);
  // "the Jeb Bush campaign", "the Bush campaign": the person's campaign, an organisation;
  // a listed campaign keeps its name ("the Clinton campaign" is Hillary for America)
  auto z = ExtractText(
      "Jeb Bush Fades.\n\nJeb Bush spoke in Iowa. The Jeb Bush campaign said it would spend more. The "
      "Bush campaign added that it had raised $10 million. The Clinton campaign said it was not worried.",
      "2016-01-05");
  EXPECT_EQ(SpeakerOf(z, "it would spend more"), "Jeb Bush campaign") << Dump(z);
  EXPECT_EQ(SpeakerOf(z, "it had raised"), "Jeb Bush campaign") << Dump(z);
  EXPECT_EQ(SpeakerOf(z, "it was not worried"), "Hillary for America") << Dump(z);
  EXPECT_EQ(TypeOf(z, "Jeb Bush campaign"), "organization") << Dump(z);
}

// Agencies, companies, advocacy groups, pollsters, armed groups and media listed in
// organizations.yaml are organisations under their canonical names, whatever alias
// the text uses ("the Fed", "ISIS", "Pew"), and a pronoun never takes them.
TEST(ExtractorTest, ListedOrganisationsTakeTheirCanonicalNames) {
  auto x = ExtractText(
      "Markets Fell.\n\nThe Fed said rates would stay low. ISIS claimed the attack. A Pew survey "
      "found voters split. Maria Lane said she was worried.");
  EXPECT_EQ(TypeOf(x, "Federal Reserve"), "organization") << Dump(x);
  EXPECT_EQ(TypeOf(x, "Islamic State"), "organization") << Dump(x);
  EXPECT_EQ(TypeOf(x, "Pew Research Center"), "organization") << Dump(x);
  EXPECT_EQ(SpeakerOf(x, "rates would stay low"), "Federal Reserve") << Dump(x);
  EXPECT_EQ(SpeakerOf(x, "she was worried"), "Maria Lane") << Dump(x);
}

// A military rank before a listed person's lone surname that none of their roles
// holds names someone else ("Admiral Harris" is no Kamala Harris), and the surname
// alone keeps naming that person in the rest of the text; "in the private Trump Tower
// suite" is no rank.
TEST(ExtractorTest, ARankTheListedPersonNeverHeldNamesSomeoneElse) {
  auto x = ExtractText(
      "Tensions Rose.\n\nAdmiral Harris said the islands were bases. Harris added that the fleet was "
      "ready.");
  EXPECT_EQ(SpeakerOf(x, "islands were bases"), "Harris") << Dump(x);
  EXPECT_EQ(SpeakerOf(x, "fleet was ready"), "Harris") << Dump(x);
  auto y = ExtractText("Talks Resumed.\n\nVice President Harris said the talks would resume.");
  EXPECT_EQ(SpeakerOf(y, "talks would resume"), "Kamala Harris") << Dump(y);
}

// A hyphenated title is a title ("Secretary-General Mark Rutte" is Mark Rutte), and
// a surname one person of the gazetteer has names him, first where names put it
// first ("Lin said" is Lin Jian, a Chinese name).
TEST(ExtractorTest, HyphenatedTitlesAndGazetteerSurnamesGiveOneEntity) {
  auto x = ExtractText(
      "Allies Meet\n\nThe ministers will meet NATO Secretary-General Mark Rutte next week, the "
      "ministry said.\n\n\"China has never provided lethal weapons to any party,\" Lin said on "
      "Thursday.");
  std::set<std::string> people;
  for (const auto& e : x.entities) {
    if (e.type == "person") people.insert(e.name);
  }
  EXPECT_TRUE(people.count("Mark Rutte")) << Dump(x);
  EXPECT_FALSE(people.count("Secretary-General Mark Rutte")) << Dump(x);
  const Statement* s = Find(x, "lethal weapons");
  ASSERT_NE(s, nullptr) << Dump(x);
  EXPECT_EQ(s->speaker.value_or(""), "Lin Jian") << Dump(x);
  EXPECT_FALSE(people.count("Lin")) << Dump(x);
}

// A time adjunct between the subject and the cue is the frame's: the subject is the
// name before it ("Macron on Tuesday called for"), not the day.
TEST(ExtractorTest, SubjectBeforeADayAdjunctIsTheSpeaker) {
  auto x = ExtractText(
      "Paris Wants Talks\n\nFrench President Emmanuel Macron on Tuesday called for a summit with China early next "
      "year.\n\nEU foreign policy chief Kaja Kallas on Sunday dismissed the idea of new talks with Moscow.");
  const Statement* s = Find(x, "a summit with China");
  ASSERT_NE(s, nullptr) << Dump(x);
  EXPECT_EQ(s->speaker.value_or(""), "Emmanuel Macron") << Dump(x);
  ASSERT_EQ(s->speaker_spans.size(), 1u);
  EXPECT_EQ(Sub(x.text, s->speaker_spans[0]), "French President Emmanuel Macron");
  const Statement* k = Find(x, "the idea of new talks");
  ASSERT_NE(k, nullptr) << Dump(x);
  EXPECT_EQ(k->speaker.value_or(""), "Kaja Kallas") << Dump(x);
}

// "said on Tuesday that ...": the content opens at "that", not at the day.
TEST(ExtractorTest, ContentDoesNotOpenWithTheDayOfTheStatement) {
  auto x = ExtractText(
      "Kremlin Answers\n\nKremlin spokesman Dmitry Peskov said on Tuesday that Moscow would study the proposal.\n\n"
      "Peskov told reporters Wednesday night that no date had been set.");
  const Statement* s = Find(x, "Moscow would study");
  ASSERT_NE(s, nullptr) << Dump(x);
  EXPECT_EQ(s->text, "that Moscow would study the proposal") << Dump(x);
  const Statement* t = Find(x, "no date had been set");
  ASSERT_NE(t, nullptr) << Dump(x);
  EXPECT_EQ(t->text, "that no date had been set") << Dump(x);
  for (const auto& st : x.statements) {
    EXPECT_NE(st.text.rfind("Tuesday", 0), 0u) << Dump(x);
    EXPECT_NE(st.text.rfind("Wednesday", 0), 0u) << Dump(x);
  }
}

// A quotation over three paragraphs (opening marks on each, one closing mark) is one
// direct statement with a piece per paragraph, not its last paragraph alone.
TEST(ExtractorTest, QuotationOverThreeParagraphsKeepsEveryParagraph) {
  auto x = ExtractText(
      "Minister Speaks\n\nThe minister spoke at a forum in Abuja on Wednesday.\n\n"
      "\"We are not asking for favours. We are asking for the same treatment.\n\n"
      "\"Every container that leaves Lagos means more work for Nigerians.\n\n"
      "\"We are ready to sign as soon as they are,\" the minister said.");
  const Statement* s = Find(x, "We are not asking for favours");
  ASSERT_NE(s, nullptr) << Dump(x);
  EXPECT_EQ(s->type, "direct");
  EXPECT_EQ(s->cue, "said");
  ASSERT_EQ(s->content_spans.size(), 3u) << Dump(x);
  EXPECT_EQ(Sub(x.text, s->content_spans[1]), "\"Every container that leaves Lagos means more work for Nigerians.");
  EXPECT_NE(s->text.find("ready to sign"), std::string::npos);
  int with_last = 0;
  for (const auto& st : x.statements) with_last += st.text.find("ready to sign") != std::string::npos;
  EXPECT_EQ(with_last, 1) << Dump(x);
}

// "The European Commission on Thursday proposed": the article does not hide the name.
TEST(ExtractorTest, NameAfterTheArticleResolves) {
  auto x = ExtractText(
      "EU Offer\n\nBRUSSELS (Reuters) - The European Commission on Thursday proposed a joint framework with Chile "
      "for refining lithium.");
  const Statement* s = Find(x, "a joint framework");
  ASSERT_NE(s, nullptr) << Dump(x);
  EXPECT_EQ(s->speaker.value_or(""), "European Commission") << Dump(x);
}

// A phrasal verb keeps its particle: the content is not "out the possibility".
TEST(ExtractorTest, PhrasalParticleBelongsToTheCue) {
  auto x = ExtractText(
      "Summit Hopes\n\nBoth leaders have not ruled out the possibility of a future summit, Peskov said.\n\n"
      "A senior official, who asked not to be named, said the talks were over.");
  const Statement* s = Find(x, "the possibility of a future summit");
  ASSERT_NE(s, nullptr) << Dump(x);
  EXPECT_EQ(s->text.rfind("out ", 0), std::string::npos) << Dump(x);
  EXPECT_EQ(Find(x, "not to be named"), nullptr) << Dump(x);
}

// An addressee longer than the start model's window is the cue's, not the content's:
// "told a packed hall at a school in Leeds on Friday that ..." opens at "that", a
// quotation after the addressee's comma opens at its mark, and "told him to ..."
// (an infinitive) stays as it was.
TEST(ExtractorTest, LongAddresseeBelongsToTheCue) {
  auto x = ExtractText(
      "Campaign Trail\n\nThe senator told a packed hall at a secondary school in northern Leeds on Friday "
      "that the railway would be rebuilt.\n\n"
      "The mayor told the teachers who came from the old mining towns of the valley, \"We will fund every "
      "school.\"\n\n"
      "The governor told the editors of three regional papers before he flew to Lagos that taxes would fall.");
  const Statement* s = Find(x, "railway would be rebuilt");
  ASSERT_NE(s, nullptr) << Dump(x);
  EXPECT_EQ(s->text, "that the railway would be rebuilt") << Dump(x);
  const Statement* q = Find(x, "We will fund every school");
  ASSERT_NE(q, nullptr) << Dump(x);
  EXPECT_EQ(q->text.find("teachers"), std::string::npos) << Dump(x);
  EXPECT_EQ(q->text.rfind("\"We will fund", 0), 0u) << Dump(x);
  const Statement* t = Find(x, "taxes would fall");
  ASSERT_NE(t, nullptr) << Dump(x);
  EXPECT_EQ(t->text, "that taxes would fall") << Dump(x);
}

// Content before its frame keeps a sentence-initial "But"/"And" (PolNeAR's usual
// reading of this layout on train).
TEST(ExtractorTest, ContentBeforeItsFrameKeepsAnOpeningConjunction) {
  auto x = ExtractText(
      "Port Talks\n\nThe union voted to strike last week. But the harbour plan has stalled, the mayor said.\n\n"
      "And the council would meet again in March, she added.");
  const Statement* s = Find(x, "harbour plan has stalled");
  ASSERT_NE(s, nullptr) << Dump(x);
  EXPECT_EQ(s->text, "But the harbour plan has stalled") << Dump(x);
  const Statement* t = Find(x, "council would meet again");
  ASSERT_NE(t, nullptr) << Dump(x);
  EXPECT_EQ(t->text, "And the council would meet again in March") << Dump(x);
}

// An expletive "it" before a raising verb is no part of the content ("It seems
// unlikely that ..."), a referring one before "to" is ("it appeared to stall").
TEST(ExtractorTest, ExpletiveItStaysOutOfARaisingVerbsContent) {
  auto x = ExtractText(
      "Budget Vote\n\nIt seems unlikely that the budget will pass this month. The bill was sent back in May, "
      "and it appeared to stall in committee.");
  const Statement* s = Find(x, "the budget will pass");
  ASSERT_NE(s, nullptr) << Dump(x);
  EXPECT_EQ(s->text, "unlikely that the budget will pass this month") << Dump(x);
  const Statement* t = Find(x, "to stall in committee");
  ASSERT_NE(t, nullptr) << Dump(x);
  EXPECT_EQ(t->text, "it appeared to stall in committee") << Dump(x);
}

// An opening "According to X" keeps X's modifiers out of the content, up to the comma.
TEST(ExtractorTest, OpeningAccordingToRunsToItsComma) {
  auto x = ExtractText(
      "Exit Polls\n\nAccording to surveys taken for the regional papers and two radio stations by a Leeds firm, "
      "most voters backed the new harbour.");
  const Statement* s = Find(x, "most voters backed");
  ASSERT_NE(s, nullptr) << Dump(x);
  EXPECT_EQ(s->text, "most voters backed the new harbour") << Dump(x);
}

// "X known as Y" describes X: the content is the whole description and names no source.
TEST(ExtractorTest, NamingParticipleKeepsItsNounPhrase) {
  auto x = ExtractText(
      "Spring Votes\n\nThe mayor won again in the string of contests known as Spring Tuesday.");
  const Statement* s = Find(x, "Spring Tuesday");
  ASSERT_NE(s, nullptr) << Dump(x);
  EXPECT_EQ(s->text, "the string of contests known as Spring Tuesday") << Dump(x);
  EXPECT_TRUE(s->speaker_spans.empty()) << Dump(x);
}

// A quotation framed twice ("released a statement saying, \"...\"") is one statement,
// the first frame's: PolNeAR annotates it once, and a second copy only adds a
// prediction that matches nothing.
TEST(ExtractorTest, ContentFramedTwiceGivesOneStatement) {
  auto x = ExtractText(
      "Officials met on Monday.\n\nLater that day, Smith released a statement saying, \"We will keep "
      "fighting for every family in this state.\"\n\nJones went on to say, \"We will not give up on "
      "the people of this town.\"");
  int fighting = 0, town = 0;
  for (const auto& s : x.statements) {
    fighting += s.text.find("keep fighting for every family") != std::string::npos;
    town += s.text.find("give up on the people") != std::string::npos;
  }
  EXPECT_EQ(fighting, 1) << Dump(x);
  EXPECT_EQ(town, 1) << Dump(x);
  const Statement* s = Find(x, "keep fighting");
  ASSERT_NE(s, nullptr) << Dump(x);
  EXPECT_EQ(s->speaker.value_or(""), "Smith");
}

// A content that would end inside a parenthesis ends past its closing mark.
TEST(ExtractorTest, ContentEndingInAParenthesisKeepsItsClosingMark) {
  auto x = ExtractText(
      "Officials met on Monday.\n\nMary Jones said the deal would hurt workers in the Trans-Pacific "
      "Partnership (TPP). Others disagreed.\n\nJones later said she would back Rep. Don Beyer (D-Va.).");
  const Statement* a = Find(x, "the deal would hurt");
  const Statement* b = Find(x, "she would back");
  ASSERT_NE(a, nullptr) << Dump(x);
  ASSERT_NE(b, nullptr) << Dump(x);
  EXPECT_EQ(a->text, "the deal would hurt workers in the Trans-Pacific Partnership (TPP)");
  EXPECT_EQ(b->text, "she would back Rep. Don Beyer (D-Va.)");
}

// A time phrase between the subject and its cue ("this week", "last month", after a
// party tag too) is not the speaker: the subject before it is.
TEST(ExtractorTest, TimePhraseBeforeTheCueIsNotTheSpeaker) {
  const std::string text =
      "Officials met on Monday.\n\nThe city council this week urged the mayor to resign over the "
      "budget.\n\nRep. Jane Doe (D-Calif.) last month warned that the plan would fail.";
  auto x = ExtractText(text);
  const Statement* a = Find(x, "the mayor to resign");
  const Statement* b = Find(x, "the plan would fail");
  ASSERT_NE(a, nullptr) << Dump(x);
  ASSERT_NE(b, nullptr) << Dump(x);
  ASSERT_EQ(a->speaker_spans.size(), 1u) << Dump(x);
  ASSERT_EQ(b->speaker_spans.size(), 1u) << Dump(x);
  EXPECT_EQ(Sub(text, a->speaker_spans[0]), "The city council");
  EXPECT_EQ(Sub(text, b->speaker_spans[0]), "Rep. Jane Doe");
  EXPECT_EQ(b->speaker.value_or(""), "Jane Doe");
}

// A poll share is the subject of its cue: "four in 10 said", "42% say".
TEST(ExtractorTest, PollSharesSpeak) {
  const std::string text =
      "The poll was taken last week.\n\nAbout four in 10 said they were angry with the government. On "
      "taxes, 42% say they are worried.";
  auto x = ExtractText(text);
  const Statement* a = Find(x, "they were angry");
  const Statement* b = Find(x, "they are worried");
  ASSERT_NE(a, nullptr) << Dump(x);
  ASSERT_NE(b, nullptr) << Dump(x);
  ASSERT_EQ(a->speaker_spans.size(), 1u) << Dump(x);
  ASSERT_EQ(b->speaker_spans.size(), 1u) << Dump(x);
  EXPECT_EQ(Sub(text, a->speaker_spans[0]), "four in 10");
  EXPECT_EQ(Sub(text, b->speaker_spans[0]), "42%");
}

// A raising verb's subject is its topic, not a source, whichever frame found it (here
// the appositive one); an active "expected that" still has its speaker.
TEST(ExtractorTest, RaisingVerbNamesNoSpeaker) {
  auto x = ExtractText(
      "The rally ended early.\n\nThe concert, in an old warehouse, seemed a gift to the "
      "town.\n\nMary Jones expected that the council would vote no.");
  const Statement* a = Find(x, "a gift to the town");
  const Statement* b = Find(x, "the council would vote no");
  ASSERT_NE(a, nullptr) << Dump(x);
  ASSERT_NE(b, nullptr) << Dump(x);
  EXPECT_TRUE(a->speaker_spans.empty()) << Dump(x);
  EXPECT_FALSE(a->speaker.has_value()) << Dump(x);
  EXPECT_EQ(b->speaker.value_or(""), "Mary Jones");
}

// Whichever frame found a raising verb, the subject it took for a speaker goes into the
// content as a piece of its own before the cue (PolNeAR's discontinuous content); a
// prepositional use ("appeared on") is no raising one and keeps its subject out.
TEST(ExtractorTest, RaisingVerbSubjectJoinsTheContent) {
  const std::string text =
      "Harbour Plans\n\nThe new ferry, after two years of delays, seemed ready to sail in "
      "June.\n\nThe harbour master appeared on a radio show in Leeds.";
  auto x = ExtractText(text);
  const Statement* a = Find(x, "ready to sail");
  ASSERT_NE(a, nullptr) << Dump(x);
  EXPECT_EQ(a->text.rfind("The new ferry", 0), 0u) << Dump(x);
  ASSERT_EQ(a->content_spans.size(), 2u) << Dump(x);
  EXPECT_EQ(Sub(text, a->content_spans[0]).rfind("The new ferry", 0), 0u) << Dump(x);
  EXPECT_EQ(Sub(text, a->content_spans[1]), "ready to sail in June");
  EXPECT_TRUE(a->speaker_spans.empty()) << Dump(x);
  for (const Statement& s : x.statements) EXPECT_EQ(s.text.find("The harbour master"), std::string::npos) << Dump(x);
}

// A time phrase ending a bare noun phrase after its cue dates the cue, not the content
// ("endorsed | the mayor last week"); a clause keeps its own ("that the ferry sailed on
// Tuesday").
TEST(ExtractorTest, TimePhraseAfterAnObjectStaysOutOfTheContent) {
  auto x = ExtractText(
      "Harbour Vote\n\nThe dockers' union endorsed the mayor last week.\n\nThe harbour master said "
      "that the ferry sailed on Tuesday.");
  const Statement* a = Find(x, "the mayor");
  ASSERT_NE(a, nullptr) << Dump(x);
  EXPECT_EQ(a->text, "the mayor") << Dump(x);
  const Statement* b = Find(x, "the ferry sailed");
  ASSERT_NE(b, nullptr) << Dump(x);
  EXPECT_EQ(b->text, "that the ferry sailed on Tuesday") << Dump(x);
}

// A progressive cue ("is planning", "is telling") is active, not passive: its subject
// speaks and stays out of the content.
TEST(ExtractorTest, ProgressiveCueSubjectSpeaks) {
  const std::string text =
      "The race tightened in March.\n\nThe Smith campaign is planning to air new ads in Ohio next "
      "week.\n\nMary Jones is telling reporters that she will win the state.";
  auto x = ExtractText(text);
  const Statement* a = Find(x, "to air new ads");
  const Statement* b = Find(x, "she will win the state");
  ASSERT_NE(a, nullptr) << Dump(x);
  ASSERT_NE(b, nullptr) << Dump(x);
  EXPECT_EQ(a->text, "to air new ads in Ohio next week");
  ASSERT_EQ(a->speaker_spans.size(), 1u) << Dump(x);
  EXPECT_EQ(Sub(text, a->speaker_spans[0]), "The Smith campaign");
  EXPECT_EQ(b->text, "that she will win the state");
  EXPECT_EQ(b->speaker.value_or(""), "Mary Jones");
}

// A person whose first name opens a listed name ("John" of "John Kerry") is a name of
// their own; a nominal with its name in apposition names that person, and an
// organisation before a title does not take the speaker from the name after it.
TEST(ExtractorTest, NamesAfterOrganisationsAndInAppositionSpeak) {
  auto x = ExtractText(
      "Harbour Plan Will Fail\n\nThe vote is close. Pentagon spokesman John Harland said the "
      "plan would fail.\n\nA Navy spokesman, Donald Pryce, said the ships were ready.\n\nThe "
      "company's lawyer, Ann Lee, said the contract was void.");
  const Statement* a = Find(x, "the plan would fail");
  const Statement* b = Find(x, "the ships were ready");
  const Statement* c = Find(x, "the contract was void");
  ASSERT_TRUE(a && b && c) << Dump(x);
  EXPECT_EQ(a->speaker.value_or(""), "John Harland") << Dump(x);
  EXPECT_EQ(b->speaker.value_or(""), "Donald Pryce") << Dump(x);
  EXPECT_EQ(c->speaker.value_or(""), "Ann Lee") << Dump(x);
}

TEST(ExtractorTest, EditorsNotesAreBoilerplateWhateverTheirApostropheAndPlace) {
  // A typographic apostrophe and a no-break space: still the note, not a statement.
  Extraction x = ExtractText(
      "Talks resume\n\nMaria Lopez said the talks would resume on Monday.\n\n"
      "Editor\xE2\x80\x99s\xC2\xA0note: Peter Brandt is a serial liar who has said he "
      "would ban all imports.");
  EXPECT_NE(Find(x, "talks would resume"), nullptr) << Dump(x);
  EXPECT_EQ(Find(x, "ban all imports"), nullptr) << Dump(x);
  // A note that opens the article excludes itself, not the article after it.
  for (const char* note : {"Editor\xE2\x80\x99s Note:", "Editor's Note:"}) {
    x = ExtractText(std::string("Talks resume\n\n") + note +
                    " The following is part 2 of 3.\n\n"
                    "Maria Lopez said the talks would resume on Monday.");
    EXPECT_NE(Find(x, "talks would resume"), nullptr) << note << "\n" << Dump(x);
  }
}

TEST(ExtractorTest, ALedeOpeningTheTextKeepsItsNames) {
  // Who said "the talks went well" in the document, and its title.
  auto said_well = [](const std::string& title, const std::string& text) {
    Document d;
    d.id = "t";
    d.title = title;
    d.date = "2025-10-25";
    d.text = text;
    const Extraction x = testing::SharedExtractor().Extract(d);
    const Statement* s = Find(x, "talks went well");
    EXPECT_NE(s, nullptr) << Dump(x);
    EXPECT_EQ(Find(x, "Talks go well"), nullptr) << Dump(x);  // a headline says nothing
    return std::pair(s != nullptr ? s->speaker.value_or("") : "(none)", x.article.title);
  };
  // No title, and a first paragraph of two sentences: a lede, not a headline, so its
  // names are people and "She" finds the woman among them.
  EXPECT_EQ(said_well("", "John Miller met Anna Berg on Monday. She said the talks went well."),
            std::pair(std::string("Anna Berg"), std::string("")));
  // A title given apart from a text that opens with the lede: the same.
  EXPECT_EQ(said_well("Talks go well",
                      "John Miller met Anna Berg in Oslo on Monday.\n\nShe said the talks went "
                      "well.")
                .first,
            "Anna Berg");
  // A text that repeats its title first: that paragraph stays the headline.
  EXPECT_EQ(said_well("Talks go well",
                      "Talks go well.\n\nJohn Miller met Anna Berg in Oslo on Monday. She said "
                      "the talks went well.")
                .first,
            "Anna Berg");
}

}  // namespace
}  // namespace parley::extractors
