// Frames and speaker phrases of the rule extractor, session 19 (issue 3): the person a
// speaker phrase names only as a modifier or an object is not its speaker, the last
// person of a phrase heads it, an as-frame after a quotation, and "one" before a noun.
// Sentences written for these tests.
#include <gtest/gtest.h>

#include <string>

#include "extractors/extractor.h"
#include "tests/extractors/test_extractor.h"

namespace parley::extractors {
namespace {

using testing::Dump;
using testing::ExtractText;
using testing::FindCue;
using testing::SpeakerOf;
using testing::SpeakerPhrase;
using testing::TextOfCue;

constexpr char kOpening[] = "Plant vote.\n\nAnn Ruiz toured the plant on Monday. ";

// "Ruiz supporters", "Ruiz's aides", "Critics of Ruiz", "The son of Ann Ruiz" are
// other people: the statement keeps its speaker phrase and names no speaker, where
// before it was Ann Ruiz's.
TEST(ExtractSpeakerPhraseTest, APersonWhoOnlyModifiesTheHeadIsNoSpeaker) {
  for (const char* phrase : {"Ruiz supporters", "Ruiz's aides", "Critics of Ruiz",
                             "The son of Ann Ruiz", "Aides to Ms. Ruiz"}) {
    Extraction x = ExtractText(std::string(kOpening) + phrase + " said the plant was unsafe.");
    EXPECT_EQ(SpeakerPhrase(x, "said"), phrase) << Dump(x);
    EXPECT_EQ(SpeakerOf(x, "the plant was unsafe"), "<null>") << phrase << "\n" << Dump(x);
  }
  // the person herself, with a reflexive or coordinated, still speaks
  Extraction y = ExtractText(std::string(kOpening) + "Ruiz herself said the plant was unsafe.");
  EXPECT_EQ(SpeakerOf(y, "the plant was unsafe"), "Ann Ruiz") << Dump(y);
}

// A title phrase naming one person before another's name is headed by the name:
// "Ruiz adviser Tom Reed" is Reed (it was Ann Ruiz), "Jo Lin of the Ann Ruiz Center"
// is Lin, "Secretary of State Tom Reed" and "master of ceremonies Tom Reed" are Reed.
TEST(ExtractSpeakerPhraseTest, TheLastPersonOfATitlePhraseIsItsHead) {
  Extraction x =
      ExtractText(std::string(kOpening) + "Ruiz adviser Tom Reed said the plant was unsafe.");
  EXPECT_EQ(SpeakerOf(x, "the plant was unsafe"), "Tom Reed") << Dump(x);

  Extraction y = ExtractText(std::string(kOpening) +
                             "Jo Lin of the Ann Ruiz Center for Safety said the plant was unsafe.");
  EXPECT_EQ(SpeakerOf(y, "the plant was unsafe"), "Jo Lin") << Dump(y);

  Extraction z =
      ExtractText(std::string(kOpening) +
                  "\"It was unsafe,\" said master of ceremonies Tom Reed, a local engineer.");
  EXPECT_EQ(SpeakerOf(z, "It was unsafe"), "Tom Reed") << Dump(z);

  // coordinated persons: the first, past a title before the second
  Extraction w =
      ExtractText(std::string(kOpening) + "Tom Reed and Sen. Jo Lin said the plant was unsafe.");
  EXPECT_EQ(SpeakerOf(w, "the plant was unsafe"), "Tom Reed") << Dump(w);
}

// A spokesman or a source speaks for the person it names, as before: "A spokeswoman
// for Ruiz", "Ruiz's spokesman", "Ruiz's statement"; a person's campaign is an
// organisation of its own.
TEST(ExtractSpeakerPhraseTest, ASpokesmanSpeaksForThePersonACampaignIsAnOrganisation) {
  for (const char* phrase : {"A spokeswoman for Ruiz", "Ruiz's spokesman", "Ruiz's statement"}) {
    Extraction x = ExtractText(std::string(kOpening) + phrase + " said the plant was unsafe.");
    EXPECT_EQ(SpeakerOf(x, "the plant was unsafe"), "Ann Ruiz") << phrase << "\n" << Dump(x);
  }
  Extraction y = ExtractText(std::string(kOpening) + "Ruiz's campaign said the plant was unsafe.");
  EXPECT_EQ(SpeakerOf(y, "the plant was unsafe"), "Ann Ruiz campaign") << Dump(y);
  Extraction z =
      ExtractText(std::string(kOpening) + "The Ruiz campaign said the plant was unsafe.");
  EXPECT_EQ(SpeakerOf(z, "the plant was unsafe"), "Ann Ruiz campaign") << Dump(z);
}

// ", as X put it" after a quotation: the quotation (or the clause holding it) is X's,
// with the comma inside the closing mark or before it. Before, nothing was found.
TEST(ExtractFrames9Test, AnAsFrameAfterAQuotationReportsIt) {
  Extraction x =
      ExtractText(std::string(kOpening) + "\"It is a lawful plant,\" as the inspector put it.");
  const Statement* s = FindCue(x, "put it");
  ASSERT_NE(s, nullptr) << Dump(x);
  EXPECT_EQ(s->text, "\"It is a lawful plant,\"") << Dump(x);
  EXPECT_EQ(s->type, "direct") << Dump(x);
  EXPECT_EQ(SpeakerPhrase(x, "put it"), "the inspector") << Dump(x);

  Extraction y = ExtractText(std::string(kOpening) +
                             "The plant is \"a lawful source of power\", as Ruiz noted.");
  EXPECT_EQ(TextOfCue(y, "noted"), "The plant is \"a lawful source of power\"") << Dump(y);
  EXPECT_EQ(SpeakerOf(y, "lawful source"), "Ann Ruiz") << Dump(y);
}

// "one" before a noun is a determiner of the subject ("as one inspector noted", "one
// official said"), not a pronoun that ends it; "sometimes" is an adverb between the
// auxiliary and the cue, no subject.
TEST(ExtractFrames9Test, OneOpensASubjectAndSometimesIsAnAdverb) {
  Extraction x =
      ExtractText(std::string(kOpening) + "The plant is unsafe, as one inspector noted.");
  EXPECT_EQ(TextOfCue(x, "noted"), "The plant is unsafe") << Dump(x);
  EXPECT_EQ(SpeakerPhrase(x, "noted"), "one inspector") << Dump(x);

  Extraction y =
      ExtractText(std::string(kOpening) + "Yesterday, one inspector said the plant was unsafe.");
  EXPECT_EQ(SpeakerPhrase(y, "said"), "one inspector") << Dump(y);

  Extraction z = ExtractText(std::string(kOpening) +
                             "Ruiz has sometimes acknowledged that the plant was unsafe.");
  EXPECT_EQ(SpeakerOf(z, "the plant was unsafe"), "Ann Ruiz") << Dump(z);
}

// A capitalised run after "of" or "for" that follows an organisation's word goes on
// with its name: "the Bureau of Labor Statistics" is one organisation, not a person
// "Labor Statistics"; "Chief of Staff Jo Lin" is Jo Lin, not "Staff Jo Lin".
TEST(ExtractSpeakerPhraseTest, AnOrganisationsNameRunsPastOfAndFor) {
  Extraction x = ExtractText(
      "Jobs report.\n\nThe Bureau of Labor Statistics said the rate fell. The Center for Safer "
      "Plants "
      "said it was glad. Chief of Staff Jo Lin said the plant was unsafe.");
  const auto orgs = testing::EntityNames(x, "organization");
  const auto people = testing::EntityNames(x, "person");
  EXPECT_TRUE(orgs.count("Bureau of Labor Statistics")) << Dump(x);
  EXPECT_TRUE(orgs.count("Center for Safer Plants")) << Dump(x);
  EXPECT_FALSE(people.count("Labor Statistics")) << Dump(x);
  EXPECT_FALSE(people.count("Safer Plants")) << Dump(x);
  EXPECT_EQ(SpeakerOf(x, "the rate fell"), "Bureau of Labor Statistics") << Dump(x);
  EXPECT_EQ(SpeakerOf(x, "the plant was unsafe"), "Jo Lin") << Dump(x);
}

// One capitalised word that is no first name before a listed full name is no part of
// it ("Rival Hillary Clinton" was a person of its own), nor a participle before a listed
// name ("Injecting Clinton into ...").
TEST(ExtractSpeakerPhraseTest, AWordBeforeAListedNameIsNoPartOfIt) {
  Extraction x = ExtractText(
      "Debate.\n\nThe nominee complained. Rival Hillary Clinton mocked the complaint, saying it "
      "was "
      "silly. Injecting Clinton into the race, he left.");
  const auto people = testing::EntityNames(x, "person");
  EXPECT_TRUE(people.count("Hillary Clinton")) << Dump(x);
  EXPECT_FALSE(people.count("Rival Hillary Clinton")) << Dump(x);
  EXPECT_FALSE(people.count("Injecting Clinton")) << Dump(x);
  EXPECT_EQ(SpeakerOf(x, "it was silly"), "Hillary Clinton") << Dump(x);
}

// A home town in an apposition before a relative clause is no speaker: "Jo Lin, 59, of
// Ashton, Md., who watched ..., said" is Jo Lin's (it was a person "Md"), and so are the
// pronouns after it.
TEST(ExtractSpeakerPhraseTest, AHomeTownBeforeARelativeClauseIsNoSpeaker) {
  Extraction x = ExtractText(
      "Museum.\n\nJo Lin, 59, of Ashton, Md., who watched the ceremony on a screen, said it was "
      "moving. \"It was great,\" she said.");
  EXPECT_EQ(SpeakerOf(x, "it was moving"), "Jo Lin") << Dump(x);
  EXPECT_EQ(SpeakerOf(x, "It was great"), "Jo Lin") << Dump(x);
  EXPECT_FALSE(testing::EntityNames(x, "person").count("Md")) << Dump(x);
}

// "The mayor" names the person named shortly before with that role, also one who did
// not speak ("Mayor Jo Lin visited ...") or whose role stood in apposition ("Jo Lin, the
// mayor,"); a role of another party, or whose head is another word, does not fit.
TEST(ExtractSpeakerPhraseTest, ADefiniteNominalNamesThePersonWithThatRole) {
  Extraction x =
      ExtractText("Plant.\n\nMayor Jo Lin visited the plant. The mayor said taxes were high.");
  EXPECT_EQ(SpeakerOf(x, "taxes were high"), "Jo Lin") << Dump(x);

  Extraction y = ExtractText(
      "Plant.\n\nJo Lin, the mayor, said the plant was unsafe. The mayor said taxes were high.");
  EXPECT_EQ(SpeakerOf(y, "taxes were high"), "Jo Lin") << Dump(y);

  Extraction z = ExtractText(
      "Plant.\n\nRepublican nominee Tom Reed visited Ohio. The Democratic nominee said taxes were "
      "high. The nominee said the plant was unsafe. The campaign said it was glad.");
  EXPECT_EQ(SpeakerOf(z, "taxes were high"), "<null>") << Dump(z);
  EXPECT_EQ(SpeakerOf(z, "the plant was unsafe"), "Tom Reed") << Dump(z);
  EXPECT_NE(SpeakerOf(z, "it was glad"), "Tom Reed") << Dump(z);
}

// A role the gazetteer dates must be held on the article's date: in 2016 "the
// president" is Barack Obama, not Donald Trump (president from 2017), and neither is
// "the former president"; in 2018 it is Trump.
TEST(ExtractSpeakerPhraseTest, ADatedRoleMustBeHeldOnTheArticlesDate) {
  const std::string text =
      "Summit.\n\nBarack Obama and Donald Trump met on Monday. The president said the talks were "
      "useful. The former president said the talks were long.";
  Extraction x = ExtractText(text, "2016-11-10");
  EXPECT_EQ(SpeakerOf(x, "the talks were useful"), "Barack Obama") << Dump(x);
  EXPECT_NE(SpeakerOf(x, "the talks were long"), "Donald Trump") << Dump(x);
  Extraction y = ExtractText(text, "2018-11-10");
  EXPECT_EQ(SpeakerOf(y, "the talks were useful"), "Donald Trump") << Dump(y);
  EXPECT_EQ(SpeakerOf(y, "the talks were long"), "Barack Obama") << Dump(y);
}

// An apposition between a name and a relative clause does not hide the name ("Tom Reed,
// a former director of the Plant Board, whose roots are local, said": it was nobody's);
// a person inside a relative clause of the phrase is no speaker ("Older people, who
// support Jo Lin, said": it was Jo Lin's); nor is a capitalised modifier ("Social
// conservatives say": it was a person "Social").
TEST(ExtractSpeakerPhraseTest, AppositionsRelativeClausesAndModifiersInAPhrase) {
  Extraction x =
      ExtractText(std::string(kOpening) +
                  "Tom Reed, a former director of the Plant Board, whose roots are local, said "
                  "the plant was unsafe.");
  EXPECT_EQ(SpeakerOf(x, "the plant was unsafe"), "Tom Reed") << Dump(x);

  Extraction y =
      ExtractText(std::string(kOpening) +
                  "Older people, who strongly support Ms. Ruiz, said the plant was unsafe.");
  EXPECT_EQ(SpeakerOf(y, "the plant was unsafe"), "<null>") << Dump(y);

  Extraction z =
      ExtractText(std::string(kOpening) + "Social conservatives say the plant is unsafe.");
  EXPECT_EQ(SpeakerOf(z, "the plant is unsafe"), "<null>") << Dump(z);
  EXPECT_FALSE(testing::EntityNames(z, "person").count("Social")) << Dump(z);
}

// One unknown capitalised word opening a sentence is a person's name only when it reads
// like one: "Scholars have long debated", "Video of the incident shows", "Deeply divided,
// ..." made persons "Scholars", "Video"; "Smbatyan added" still names Smbatyan.
TEST(ExtractSpeakerPhraseTest, ACommonWordOpeningASentenceIsNoName) {
  Extraction x = ExtractText(
      "Plant.\n\nScholars have long debated the plant's safety. Video of the incident shows the "
      "plant on fire. Smbatyan added that the plant was unsafe.");
  const auto people = testing::EntityNames(x, "person");
  EXPECT_FALSE(people.count("Scholars")) << Dump(x);
  EXPECT_FALSE(people.count("Video")) << Dump(x);
  EXPECT_EQ(SpeakerOf(x, "safety"), "<null>") << Dump(x);
  EXPECT_EQ(SpeakerOf(x, "the plant was unsafe"), "Smbatyan") << Dump(x);
}

// A run in capitals with no first name is a heading, not a person ("SAVE A QUARTER Let's
// say ..." made a person "SAVE A QUARTER").
TEST(ExtractSpeakerPhraseTest, AHeadingInCapitalsIsNoPerson) {
  Extraction x = ExtractText(
      "Plant.\n\nTom Reed said the plant was unsafe.\n\nSAVE A QUARTER Let's say the plant costs "
      "$160,000.");
  const auto people = testing::EntityNames(x, "person");
  EXPECT_TRUE(people.count("Tom Reed")) << Dump(x);
  EXPECT_FALSE(people.count("SAVE A QUARTER")) << Dump(x);
}

// "the fund", "the Times": the organisation named shortly before whose name (or an
// alias) ends with the head (they named nobody).
TEST(ExtractSpeakerPhraseTest, TheFundIsTheOrganisationNamedBefore) {
  Extraction x = ExtractText(
      "Forecast.\n\nThe International Monetary Fund cut its forecast. Still, the fund warned that "
      "the exit will raise questions. The Plainfield Times covered it. The Times said the fund was "
      "right.");
  EXPECT_EQ(SpeakerOf(x, "the exit will raise questions"), "IMF") << Dump(x);
  EXPECT_EQ(SpeakerOf(x, "the fund was right"), "Plainfield Times") << Dump(x);
}

// A Korean-style name ("Ban Ki-moon": a hyphenated given name with a lower-case second
// part) puts its surname first: "Mr. Ban" is Ban Ki-moon (it was a person "Ban").
TEST(ExtractSpeakerPhraseTest, AKoreanStyleNameHasItsSurnameFirst) {
  Extraction x = ExtractText(
      "Talks.\n\nSecretary General Kim Se-jin spoke on Monday. Mr. Kim said the talks were "
      "useful.");
  EXPECT_EQ(SpeakerOf(x, "the talks were useful"), "Kim Se-jin") << Dump(x);
}

// An occupation written like a title before a name is no part of it ("Comedian Sarah
// Lin" was a person "Comedian Sarah Lin"); an initial or another name before a first name
// stays ("J. Tom Reed", "Norbert Tom Reed").
TEST(ExtractSpeakerPhraseTest, AnOccupationBeforeANameIsItsRole) {
  Extraction x = ExtractText(
      "Plant.\n\nComedian Sarah Lin said the plant was unsafe. J. Tom Reed said it was not.");
  const auto people = testing::EntityNames(x, "person");
  EXPECT_EQ(SpeakerOf(x, "the plant was unsafe"), "Sarah Lin") << Dump(x);
  EXPECT_FALSE(people.count("Comedian Sarah Lin")) << Dump(x);
  EXPECT_EQ(SpeakerOf(x, "it was not"), "J. Tom Reed") << Dump(x);
}

}  // namespace
}  // namespace parley::extractors
