// The cue model's file format and candidate rules (extractors/cue_model.h): the
// optional "stems", "open", "open-threshold" and "stop" records.
#include "extractors/cue_model.h"

#include <gtest/gtest.h>

#include <string>

#include "extractors/text_scan.h"

namespace parley::extractors::internal {
namespace {

constexpr const char* kModel =
    "parley-cue-model 1\n"
    "threshold -1.5\n"
    "vocab endorsed\n"
    "w 1f 0.5\n";

TEST(ExtractorCueModelTest, StemsMakeOtherFormsOfAVocabularyWordCandidates) {
  CueModel plain;
  ASSERT_TRUE(plain.Parse(kModel).ok());
  EXPECT_TRUE(plain.IsCandidate("endorsed"));
  EXPECT_FALSE(plain.IsCandidate("endorses"));
  CueModel stems;
  ASSERT_TRUE(stems.Parse(std::string(kModel) + "stems 1\n").ok());
  EXPECT_TRUE(stems.IsCandidate("endorses"));
  EXPECT_TRUE(stems.IsCandidate("endorsing"));
  EXPECT_FALSE(stems.IsCandidate("endless"));
  EXPECT_FLOAT_EQ(stems.threshold(), -1.5f);
}

TEST(ExtractorCueModelTest, OpenCandidatesFollowTheirRecords) {
  ScannedText st;
  ScanText("Officials voiced alarm about the plan, and the critique of it grew.", WordSet(), &st);
  auto index_of = [&](const std::string& w) {
    for (size_t k = 0; k < st.toks.size(); ++k) {
      if (st.toks[k].low == w) return static_cast<int32_t>(k);
    }
    return int32_t{-1};
  };
  const int32_t alarm = index_of("alarm"), critique = index_of("critique"), plan = index_of("plan"),
                officials = index_of("officials"), the = index_of("the");
  ASSERT_GE(alarm, 0);
  ASSERT_GE(critique, 0);
  CueModel closed;
  ASSERT_TRUE(closed.Parse(kModel).ok());
  EXPECT_FALSE(closed.IsOpenCandidate(st, alarm));

  CueModel open;
  ASSERT_TRUE(open.Parse(std::string(kModel) + "open 1\nopen-threshold -7\nstop critique\n").ok());
  EXPECT_FLOAT_EQ(open.open_threshold(), -7.0f);
  EXPECT_TRUE(open.IsOpenCandidate(st, alarm));      // "alarm about"
  EXPECT_TRUE(open.IsOpenCandidate(st, plan));       // followed by a comma
  EXPECT_FALSE(open.IsOpenCandidate(st, critique));  // on the stop list
  EXPECT_FALSE(open.IsOpenCandidate(st, officials)); // capitalised
  EXPECT_FALSE(open.IsOpenCandidate(st, the));       // shorter than four letters

  // the records survive a round trip through Serialize
  CueModel again;
  ASSERT_TRUE(again.Parse(open.Serialize()).ok());
  EXPECT_TRUE(again.IsOpenCandidate(st, alarm));
  EXPECT_FALSE(again.IsOpenCandidate(st, critique));
  EXPECT_FLOAT_EQ(again.open_threshold(), -7.0f);
}

TEST(ExtractorCueModelTest, BadOpenThresholdNamesTheLine) {
  CueModel m;
  Status s = m.Parse(std::string(kModel) + "open-threshold x\n");
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find("line 5"), std::string::npos) << s.message();
}

}  // namespace
}  // namespace parley::extractors::internal
