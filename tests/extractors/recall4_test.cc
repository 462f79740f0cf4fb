// Recall of the rule extractor (issue 3, session 8): frames that found the wrong
// content or none, on sentences written for these tests.
#include <gtest/gtest.h>

#include <string>
#include <utility>

#include "extractors/extractor.h"
#include "tests/extractors/test_extractor.h"

namespace parley::extractors {
namespace {

using testing::Dump;
using testing::ExtractText;
using testing::Find;
using testing::Sub;

// The statement whose text is exactly `text`, else null.
const Statement* FindExact(const Extraction& x, const std::string& text) {
  for (const auto& s : x.statements) {
    if (s.text == text) return &s;
  }
  return nullptr;
}

// A prepositional phrase between a speech cue and its that-clause belongs to the
// frame: the content is the clause from "that", whatever the phrase holds (a noun that
// is also a cue form, "the hearing"; a quoted title; a time).
TEST(Recall4Test, PrepositionalPhraseBeforeThatClause) {
  struct Case {
    std::string text, content, speaker;
  };
  const Case cases[] = {
      {"Councillor Brandt said at the hearing that the ferry budget was far too small.",
       "that the ferry budget was far too small", "Councillor Brandt"},
      {"The harbour master wrote in a memo to the board last week that two cranes had failed.",
       "that two cranes had failed", "The harbour master"},
      {"She argued on the radio show \"Dockside Hour\" that the tolls hurt small growers.",
       "that the tolls hurt small growers", "She"},
      {"Ms. Lindqvist agreed with the inspectors that the pier was unsafe.", "that the pier was unsafe",
       "Ms. Lindqvist"},
  };
  for (const Case& c : cases) {
    Extraction x = ExtractText(c.text);
    const Statement* s = FindExact(x, c.content);
    ASSERT_NE(s, nullptr) << c.text << "\n" << Dump(x);
    ASSERT_EQ(s->speaker_spans.size(), 1u) << c.text;
    EXPECT_EQ(Sub(x.text, s->speaker_spans[0]), c.speaker) << c.text;
  }
  // "that" as a determiner after the preposition is no complementiser, and a phrase
  // that is the cue's object ("about his claims that") is left to the other rules
  Extraction x = ExtractText("Councillor Brandt said at that meeting that the ferry budget was far too small.");
  EXPECT_NE(FindExact(x, "that the ferry budget was far too small"), nullptr) << Dump(x);
  EXPECT_EQ(Find(x, "that meeting"), nullptr) << Dump(x);
  x = ExtractText("The clerk asked about his claims that the ferry had sunk twice.");
  EXPECT_EQ(FindExact(x, "that the ferry had sunk twice"), nullptr) << Dump(x);
}

// A noun cue with no possessor before its that-clause frames the clause; the source is
// a name modifying the noun or the sentence's subject, else none. After a copula or
// a light verb, or before a relative "that", the rule stays out.
TEST(Recall4Test, NounCueBeforeThatClause) {
  struct Case {
    std::string text, content, speaker;  // speaker "" for none
  };
  const Case cases[] = {
      {"Mr. Lund also came close to an admission that the mill had been sold.",
       "that the mill had been sold", "Mr. Lund"},
      {"The vote came amid allegations that the mill had been sold.", "that the mill had been sold", ""},
      {"It was a reply to Liberal criticism that the mill had been sold.", "that the mill had been sold",
       "Liberal"},
  };
  for (const Case& c : cases) {
    Extraction x = ExtractText(c.text);
    const Statement* s = FindExact(x, c.content);
    ASSERT_NE(s, nullptr) << c.text << "\n" << Dump(x);
    if (c.speaker.empty()) {
      EXPECT_TRUE(s->speaker_spans.empty()) << c.text << "\n" << Dump(x);
    } else {
      ASSERT_EQ(s->speaker_spans.size(), 1u) << c.text << "\n" << Dump(x);
      EXPECT_EQ(Sub(x.text, s->speaker_spans[0]), c.speaker) << c.text;
    }
  }
  Extraction x = ExtractText("The odd thing in the village was a belief that the mill had been sold.");
  EXPECT_EQ(FindExact(x, "that the mill had been sold"), nullptr) << Dump(x);
  x = ExtractText("The board read out the statement that was sent by the mill owners.");
  EXPECT_EQ(FindExact(x, "that was sent by the mill owners"), nullptr) << Dump(x);
}

// An infinitive cue after the object of a verb like "led" or "prompted" is spoken by
// that object, not by the sentence's subject nor by nobody.
TEST(Recall4Test, ObjectOfControlVerbSpeaks) {
  struct Case {
    std::string text, content, speaker;
  };
  const Case cases[] = {
      {"The flood report led some farmers to argue that the dam was unsafe.", "that the dam was unsafe",
       "some farmers"},
      {"The long delay prompted Mayor Okonjo to argue that the survey was flawed.", "that the survey was flawed",
       "Mayor Okonjo"},
      {"The closure is leaving many to wonder whether the ferry will run again.",
       "whether the ferry will run again", "many"},
  };
  for (const Case& c : cases) {
    Extraction x = ExtractText(c.text);
    const Statement* s = FindExact(x, c.content);
    ASSERT_NE(s, nullptr) << c.text << "\n" << Dump(x);
    ASSERT_EQ(s->speaker_spans.size(), 1u) << c.text << "\n" << Dump(x);
    EXPECT_EQ(Sub(x.text, s->speaker_spans[0]), c.speaker) << c.text;
  }
  // a verb outside the list ("asked") leaves the infinitive to the other rules
  Extraction x = ExtractText("The clerk asked the farmers to argue that the dam was unsafe.");
  for (const auto& s : x.statements) {
    for (const auto& sp : s.speaker_spans) EXPECT_NE(Sub(x.text, sp), "the farmers") << Dump(x);
  }
}

// A possessive noun cue before a copula with auxiliaries or adverbs ("has long been
// that", "remains that") frames the that-clause as it does after a bare "is".
TEST(Recall4Test, PossessiveNounCueBeforeLongCopula) {
  const std::pair<std::string, std::string> cases[] = {
      {"Her view has long been that the mill must close.", "Her"},
      {"The union's view remains that the mill must close.", "union's"},
  };
  for (const auto& [text, speaker] : cases) {
    Extraction x = ExtractText(text);
    const Statement* s = FindExact(x, "that the mill must close");
    ASSERT_NE(s, nullptr) << text << "\n" << Dump(x);
    ASSERT_EQ(s->speaker_spans.size(), 1u) << text << "\n" << Dump(x);
    EXPECT_EQ(Sub(x.text, s->speaker_spans[0]), speaker) << text;
  }
}

// "plans to" after a relative clause or an appositive is the verb: its subject before
// the comma speaks.
TEST(Recall4Test, PlansAfterRelativeClause) {
  Extraction x = ExtractText("Ms. Berg, who runs a small bakery, plans to close the shop in May.");
  const Statement* s = FindExact(x, "to close the shop in May");
  ASSERT_NE(s, nullptr) << Dump(x);
  ASSERT_EQ(s->speaker_spans.size(), 1u) << Dump(x);
  EXPECT_EQ(Sub(x.text, s->speaker_spans[0]).rfind("Ms. Berg", 0), 0u) << Dump(x);
  // a noun after a determiner stays a noun
  x = ExtractText("The council, in turn, shelved the plans to close the shop in May.");
  EXPECT_EQ(FindExact(x, "to close the shop in May"), nullptr) << Dump(x);
}

}  // namespace
}  // namespace parley::extractors
