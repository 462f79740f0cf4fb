// Recall of the rule extractor (issue 3, session 7): layouts that yielded no statement,
// on sentences written for these tests.
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
using testing::Sub;

// Modifiers between a possessor and its noun cue ("his recent claim that") no longer
// hide the possessor: the possessor speaks, the complement is the content.
TEST(Recall3Test, PossessiveNounCueAfterModifiers) {
  struct Case {
    std::string text, content, speaker;
  };
  const Case cases[] = {
      {"The mayor's recent claim that the budget was balanced drew laughter in the chamber.",
       "the budget was balanced", "mayor's"},
      {"Senator Okafor's controversial proposal to close the port angered the dockworkers.",
       "to close the port", "Senator Okafor's"},
      {"In March her oft-repeated promise to cut fares was still unkept.", "to cut fares", "her"},
  };
  for (const Case& c : cases) {
    Extraction x = ExtractText(c.text);
    const Statement* s = Find(x, c.content);
    ASSERT_NE(s, nullptr) << c.text << "\n" << Dump(x);
    ASSERT_EQ(s->speaker_spans.size(), 1u) << c.text;
    EXPECT_EQ(Sub(x.text, s->speaker_spans[0]), c.speaker) << c.text;
  }
  // a contraction is no possessor ("that's most telling"), and a word outside the
  // modifier list ends the walk ("his team plans")
  Extraction x = ExtractText("The result that's most telling to the analysts came late.");
  EXPECT_EQ(Find(x, "to the analysts came late"), nullptr) << Dump(x);
  x = ExtractText("His parking permit statement that nobody read was filed late.");
  EXPECT_EQ(Find(x, "that nobody read"), nullptr) << Dump(x);
}

// After a quotation, an inverted speaker phrase followed by a restrictive relative
// clause ("said a veteran organizer who has run ...") names the speaker; the phrase is
// not taken for the content.
TEST(Recall3Test, InvertedSpeakerBeforeRelativeClause) {
  Extraction x = ExtractText(
      "The council met on Monday.\n\n\"It is going to be hard to do it in a week,\" said a veteran "
      "organizer who has run three campaigns in the county.");
  const Statement* s = Find(x, "\"It is going to be hard to do it in a week,\"");
  ASSERT_NE(s, nullptr) << Dump(x);
  ASSERT_EQ(s->speaker_spans.size(), 1u) << Dump(x);
  EXPECT_EQ(Sub(x.text, s->speaker_spans[0]), "a veteran organizer");
  EXPECT_EQ(Find(x, "a veteran organizer who has run three campaigns in the county"), nullptr) << Dump(x);
}

// A cue closing a relative clause whose object is the word or noun phrase before its
// subject: the subject speaks, and the object is the content. "what" and "than" count
// as relative words ("more votes than the organizers expected"), so do "nothing"
// and the like, and a contact clause has its head noun phrase ("an offer he opposed";
// lexicon.yaml object_relatives).
TEST(Recall3Test, ObjectOfARelativeClause) {
  struct Case {
    std::string text, content, speaker;
  };
  const Case cases[] = {
      {"The rally drew more people than the organizers expected.", "than", "the organizers"},
      {"The voters heard nothing she promised.", "nothing", "she"},
      {"The deal rests on an offer he opposed.", "an offer", "he"},
      {"The film missed the lesson they intended.", "the lesson", "they"},
  };
  for (const Case& c : cases) {
    Extraction x = ExtractText(c.text);
    const Statement* s = nullptr;
    for (const auto& st : x.statements) {
      if (st.text == c.content) s = &st;
    }
    ASSERT_NE(s, nullptr) << c.text << "\n" << Dump(x);
    ASSERT_EQ(s->speaker_spans.size(), 1u) << c.text;
    EXPECT_EQ(Sub(x.text, s->speaker_spans[0]), c.speaker) << c.text;
  }
  // an object after the cue closes no relative clause, and a common noun subject may
  // belong to the head ("the budget plan critics")
  for (const char* text : {"The voters heard nothing she promised about the city.",
                           "They read the budget plan critics opposed."}) {
    Extraction x = ExtractText(text);
    for (const auto& st : x.statements) {
      EXPECT_NE(st.text, "nothing") << text;
      EXPECT_NE(st.text, "the budget plan") << text;
    }
  }
}

// An infinitive cue completing a word of lexicon.yaml infinitive_catenatives ("has yet
// to endorse", "was quick to note") speaks for that word's subject; not in an adverbial
// clause, nor after a participle with no auxiliary ("spent the week trying to tell").
TEST(Recall3Test, InfinitiveCueAfterCatenative) {
  Extraction x = ExtractText("The governor has yet to endorse the nominee.");
  const Statement* s = Find(x, "the nominee");
  ASSERT_NE(s, nullptr) << Dump(x);
  ASSERT_EQ(s->speaker_spans.size(), 1u) << Dump(x);
  EXPECT_EQ(Sub(x.text, s->speaker_spans[0]), "The governor");
  EXPECT_EQ(s->cue, "has yet to endorse");

  x = ExtractText("The senators spent the week trying to tell voters that the bill was dead.");
  s = Find(x, "the bill was dead");
  if (s != nullptr) {
    for (Span sp : s->speaker_spans) EXPECT_NE(Sub(x.text, sp), "the week") << Dump(x);
  }
  x = ExtractText("As the mayor tried to discuss the budget, the council chairman left the room.");
  EXPECT_EQ(Find(x, "the budget, the council chairman"), nullptr) << Dump(x);
}

// A subject with an appositive before a cue and "that" ("X, a talent agency, says that
// Walker, who ...") is no inverted frame: "that" opens the content, the subject speaks.
TEST(Recall3Test, ThatAfterAnAppositiveSubjectOpensTheContent) {
  Extraction x = ExtractText(
      "Harbor Booking, a small concert agency, says that Mara Tolle, who sings at weddings, has lost "
      "half her bookings this year.");
  const Statement* s = Find(x, "that Mara Tolle, who sings at weddings, has lost");
  ASSERT_NE(s, nullptr) << Dump(x);
  ASSERT_EQ(s->speaker_spans.size(), 1u) << Dump(x);
  EXPECT_EQ(Sub(x.text, s->speaker_spans[0]).rfind("Harbor Booking", 0), 0u) << Dump(x);
  EXPECT_EQ(Find(x, "a small concert agency"), nullptr) << Dump(x);
}

// "X, according to Y, Z" reports X and Z also when the source phrase runs on to its
// comma ("according to aides who sat in on the later sessions,") or an amount follows
// it ("according to one filing, $57 million"); not when the part before has a frame of
// its own or the source runs over a parenthesis.
TEST(Recall3Test, AccordingToBetweenCommasWithALongSource) {
  const char* texts[] = {
      "Missing from the talks, according to aides who sat in on the later sessions, was any mention "
      "of the budget.",
      "His complaint, according to an interview with a local paper at the time, was the cost of the "
      "bridge.",
      "The ferry company earns, according to one filing, $57 million in fares from the county.",
  };
  for (const char* text : texts) {
    Extraction x = ExtractText(text);
    const Statement* s = FindCue(x, "according to");
    ASSERT_NE(s, nullptr) << text << "\n" << Dump(x);
    ASSERT_EQ(s->content_spans.size(), 2u) << text << "\n" << Dump(x);
    std::string second = Sub(x.text, s->content_spans[1]);
    EXPECT_TRUE(second.rfind("was ", 0) == 0 || second.rfind("$57 million", 0) == 0) << second;
  }
  Extraction x = ExtractText(
      "The gazette reported that, according to a review of his diary and travel receipts, 31 of the 90 "
      "trips were paid by lobbyists.");
  const Statement* s = FindCue(x, "reported");
  ASSERT_NE(s, nullptr) << Dump(x);
}

}  // namespace
}  // namespace parley::extractors
