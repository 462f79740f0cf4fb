// Pronoun speakers (issue 3: "he", "she" resolve to the right named person): the person
// who is the subject of the sentence just before the pronoun's, named after the last
// speaker, is the antecedent; never a person whose title or first name says the other
// gender (lexicon.yaml male_titles, female_titles, male_first_names,
// female_first_names); sentences written for these tests.
#include <gtest/gtest.h>

#include <initializer_list>
#include <map>
#include <string>

#include "extractors/extractor.h"
#include "tests/extractors/test_extractor.h"

namespace parley::extractors {
namespace {

using testing::Dump;
using testing::ExtractText;
using testing::Find;

struct Case {
  const char* text;
  const char* needle;   // in the pronoun's statement
  const char* speaker;  // the person it must resolve to, nullptr: none
};

void ExpectSpeakers(std::initializer_list<Case> cases) {
  for (const auto& c : cases) {
    const std::string text = c.text;
    Extraction x = ExtractText(text);
    const Statement* s = Find(x, c.needle);
    ASSERT_NE(s, nullptr) << text << "\n" << Dump(x);
    if (c.speaker == nullptr) {
      EXPECT_FALSE(s->speaker.has_value()) << text << "\n" << Dump(x);
    } else {
      EXPECT_EQ(s->speaker, c.speaker) << text << "\n" << Dump(x);
    }
  }
}

TEST(ExtractPronounTest, TheSubjectOfThePreviousSentenceIsTheAntecedent) {
  ExpectSpeakers({
      // a person who spoke earlier, then another as the next sentence's subject
      {"Harbour master Ivo Brandt said the quay would close for repairs.\n\n"
       "Mayor Lena Ortiz toured the quay on Monday. \"We will keep the ferries running,\" "
       "she said.",
       "keep the ferries", "Lena Ortiz"},
      // the subject after a title, and with its possessive noun
      {"Ivo Brandt said the quay would close.\n\n"
       "Senator Rosa Fenn's letter arrived on Tuesday. She said the repairs were overdue.",
       "repairs were overdue", "Rosa Fenn"},
  });
}

TEST(ExtractPronounTest, NoSubjectOrAnotherKindOfOpeningKeepsTheLastSpeaker) {
  ExpectSpeakers({
      // a prepositional phrase opens the sentence: its name is no subject
      {"Ivo Brandt said the quay would close for repairs.\n\n"
       "With Lena Ortiz, the council chose a cautious plan. \"It will take a year,\" he said.",
       "take a year", "Ivo Brandt"},
      // a coordinated subject names nobody alone
      {"Ivo Brandt said the quay would close for repairs.\n\n"
       "Lena Ortiz and Rosa Fenn visited the site. \"It will take a year,\" he said.",
       "take a year", "Ivo Brandt"},
      // the sentence before is the speaker's own
      {"Lena Ortiz toured the quay. Ivo Brandt said the quay would close for repairs. "
       "\"It will take a year,\" he said.",
       "take a year", "Ivo Brandt"},
  });
}

TEST(ExtractPronounTest, APersonOfTheOtherGenderIsNeverTheAntecedent) {
  ExpectSpeakers({
      // the last speaker is a man: "she" is the woman who spoke before him
      {"Lena Ortiz said the quay would close for repairs.\n\n"
       "Peter Brandt said the work would start in May. \"We will keep the ferries running,\" "
       "she said.",
       "keep the ferries", "Lena Ortiz"},
      // the previous sentence's subject is a woman: "he" is the last speaker
      {"Peter Brandt said the quay would close for repairs.\n\n"
       "Mayor Lena Ortiz toured the quay on Monday. \"It will take a year,\" he said.",
       "take a year", "Peter Brandt"},
      // titles alone tell: "Mrs." and "Mr."
      {"Mrs. Haldane said the talks had stalled. Mr. Corrigan said they would resume. "
       "\"The deal is close,\" she said.",
       "deal is close", "Haldane"},
      // nobody of her gender: no speaker, rather than the man
      {"Peter Brandt said the quay would close for repairs. \"It will take a year,\" she said.",
       "take a year", nullptr},
      // people.yaml's gender, where no list knows the first name
      {"Sanae Takaichi said the talks had stalled.\n\n"
       "Peter Brandt said they would resume. \"The deal is close,\" she said.",
       "deal is close", "Sanae Takaichi"},
      // a first name in neither list fits either pronoun
      {"Ivo Brandt said the quay would close for repairs. \"It will take a year,\" she said.",
       "take a year", "Ivo Brandt"},
  });
}

TEST(ExtractPronounTest, AGenderedTitleChoosesAmongPeopleOfOneSurname) {
  ExpectSpeakers({
      // the gazetteer gives "Clinton" alone to Hillary Clinton; "Mr. Clinton" is not her
      {"Hillary Clinton and Bill Clinton campaigned in Ohio on Monday. Mr. Clinton said the "
       "economy was strong.",
       "economy was strong", "Bill Clinton"},
      {"Bill Clinton and Hillary Clinton campaigned in Ohio on Monday. Mrs. Clinton said the "
       "economy was strong.",
       "economy was strong", "Hillary Clinton"},
      // names of the article alone: the first met, unless the title says otherwise
      {"Rent doubles\n\nMaria Haldane said the shop opened in 1990. Peter Haldane said it "
       "would close.\n\nMr. Haldane said the rent had doubled.",
       "rent had doubled", "Peter Haldane"},
      {"Rent doubles\n\nMaria Haldane said the shop opened in 1990. Peter Haldane said it "
       "would close.\n\nHaldane said the rent had doubled.",
       "rent had doubled", "Maria Haldane"},
  });
}

TEST(ExtractPronounTest, AnotherPersonsFullNameBeatsTheGazetteersSurname) {
  ExpectSpeakers({
      // people.yaml lists Boris Johnson, with "Johnson" alone; this article is about Gary
      {"Third party\n\nGary Johnson said the debate rules were unfair.\n\n"
       "Johnson said he would sue.",
       "would sue", "Gary Johnson"},
      // the listed person named by another spelling stays the listed person
      {"Trade\n\nDonald J. Trump said the deal was bad.\n\nTrump said he would walk away.",
       "walk away", "Donald Trump"},
      // and with both named, the surname keeps to the gazetteer
      {"London\n\nBoris Johnson and Gary Johnson met on Monday.\n\n"
       "Johnson said the talks went well.",
       "talks went well", "Boris Johnson"},
  });
}

TEST(ExtractPronounTest, AnAbbreviatedTitleLeavesNoPeriodInTheName) {
  // "Gov." after a place: the period is the title's; the person is the listed one
  // (people.yaml) or, unlisted, named without it
  const std::string text =
      "Budget fight\n\nOhio Gov. John Kasich said the budget was balanced. Montana Sen. Jon "
      "Tester said it was not.";
  ExpectSpeakers({{text.c_str(), "budget was balanced", "John Kasich"},
                  {text.c_str(), "it was not", "Jon Tester"}});
  for (const Entity& e : ExtractText(text).entities) EXPECT_NE(e.name.substr(0, 1), ".") << e.name;
}

TEST(ExtractPronounTest, AStateIsNoPerson) {
  // "Arizona Gov. Jan Brewer": the governor speaks, the state is no person; a state
  // alone as a source stays unresolved (lexicon.yaml `places`)
  const std::string text =
      "Border talks\n\nArizona Gov. Jan Brewer said the border was not secure. Texas said "
      "it would sue.";
  ExpectSpeakers({{text.c_str(), "border was not secure", "Jan Brewer"},
                  {text.c_str(), "would sue", nullptr}});
  for (const Entity& e : ExtractText(text).entities) {
    EXPECT_FALSE(e.type == "person" && (e.name == "Arizona" || e.name == "Texas")) << e.name;
  }
}

TEST(ExtractPronounTest, EachPersonCarriesTheGenderTheArticleTells) {
  const std::string text =
      "Rent doubles\n\nMrs. Haldane said the rent had doubled. Peter Brandt said the shop "
      "would close. Ivo Brandt said nothing was decided.";
  Extraction x = ExtractText(text);
  std::map<std::string, std::string> gender;
  for (const Entity& e : x.entities) gender[e.name] = e.gender;
  EXPECT_EQ(gender["Haldane"], "female") << Dump(x);  // her title
  EXPECT_EQ(gender["Peter Brandt"], "male") << Dump(x);  // his first name
  ASSERT_TRUE(gender.count("Ivo Brandt")) << Dump(x);
  EXPECT_EQ(gender["Ivo Brandt"], "") << Dump(x);  // a first name neither list holds
}

}  // namespace
}  // namespace parley::extractors
