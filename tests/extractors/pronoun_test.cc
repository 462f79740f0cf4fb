// Pronoun speakers (issue 3: "he", "she" resolve to the right named person): the person
// who is the subject of the sentence just before the pronoun's, named after the last
// speaker, is the antecedent; sentences written for these tests.
#include <gtest/gtest.h>

#include <initializer_list>
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
  const char* speaker;  // the person it must resolve to
};

void ExpectSpeakers(std::initializer_list<Case> cases) {
  for (const auto& c : cases) {
    const std::string text = c.text;
    Extraction x = ExtractText(text);
    const Statement* s = Find(x, c.needle);
    ASSERT_NE(s, nullptr) << text << "\n" << Dump(x);
    EXPECT_EQ(s->speaker, c.speaker) << text << "\n" << Dump(x);
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

}  // namespace
}  // namespace parley::extractors
