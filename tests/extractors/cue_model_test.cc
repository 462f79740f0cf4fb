// The cue model's file format and candidate rules (extractors/cue_model.h): the
// optional "stems", "open", "open-threshold" and "stop" records.
#include "extractors/cue_model.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include "extractors/content_bounds.h"
#include "extractors/text_scan.h"
#include "tests/extractors/scanned_for_testing.h"

namespace parley::extractors::internal {
namespace {

constexpr const char* kModel =
    "parley-cue-model 1\n"
    "threshold -1.5\n"
    "vocab endorsed\n"
    "w 1f 0.5\n";

// The hash the models were trained with: FNV-1a over the tag and each value, every
// one followed by a 0x1f separator.
uint64_t TrainedHash(std::initializer_list<std::string_view> parts) {
  uint64_t h = 1469598103934665603ULL;
  for (std::string_view p : parts) {
    for (unsigned char c : p) {
      h ^= c;
      h *= 1099511628211ULL;
    }
    h ^= 0x1f;
    h *= 1099511628211ULL;
  }
  return h;
}

bool Has(const std::vector<uint64_t>& feats, uint64_t f) {
  return std::find(feats.begin(), feats.end(), f) != feats.end();
}

// The features of a few fixed values (a lexicon kind, a flag, a bucket, a distance)
// are read from tables hashed at compile time: they must be the hashes of the
// values, as the committed models were trained with.
TEST(ExtractorCueModelTest, FixedValueFeaturesAreTheHashesOfTheirValues) {
  Scanned s;
  Scan(
      "Officials said on Monday that the bridge, which costs more, would open; \"it will\", "
      "aides said.",
      &s);
  const int32_t said = s.Index("said");
  std::vector<uint64_t> f;
  CueFeatures(s.ctx, said, &f);
  EXPECT_TRUE(Has(f, TrainedHash({"lex", "speech"})));
  EXPECT_TRUE(Has(f, TrainedHash({"lex|n1", "speech", "on"})));
  EXPECT_TRUE(Has(f, TrainedHash({"lex|sn1", "speech", "<low>"})));
  EXPECT_TRUE(Has(f, TrainedHash({"lex|sp1", "speech", "<Cap>"})));
  EXPECT_TRUE(Has(f, TrainedHash({"q", "q0"})));
  EXPECT_TRUE(Has(f, TrainedHash({"hq", "hq1"})));
  EXPECT_TRUE(Has(f, TrainedHash({"cap", "c0", "s0"})));
  EXPECT_TRUE(Has(f, TrainedHash({"pos", "2"})));
  EXPECT_TRUE(Has(f, TrainedHash({"that@", "3"})));
  f.clear();
  CueFeatures(s.ctx, 0, &f);  // "Officials": capitalised, opening the sentence, no cue
  EXPECT_TRUE(Has(f, TrainedHash({"lex", "-"})));
  EXPECT_TRUE(Has(f, TrainedHash({"cap", "c1", "s1"})));
  EXPECT_TRUE(Has(f, TrainedHash({"pos", "0"})));
  f.clear();
  const int32_t aides = s.Index("aides");
  CueFeatures(s.ctx, aides - 3, &f);  // "will", two tokens before the closing quotation mark
  EXPECT_TRUE(Has(f, TrainedHash({"q", "q1"})));
  f.clear();
  CueFeatures(s.ctx, s.Index(";"), &f);
  EXPECT_TRUE(Has(f, TrainedHash({"q+@", "1"})));

  // "the bridge" up to its comma: two tokens, no comma or cue inside, two clause
  // boundaries (the second comma, the semicolon) after it in the sentence
  const int32_t the = s.Index("the");
  const int32_t comma = s.Index(",");
  f.clear();
  EndFeatures(s.ctx, said, the, comma, s.End(), &f);
  EXPECT_TRUE(Has(f, TrainedHash({"e:len", "2"})));
  EXPECT_TRUE(Has(f, TrainedHash({"e:commas", "0"})));
  EXPECT_TRUE(Has(f, TrainedHash({"e:after", "2+"})));
  EXPECT_TRUE(Has(f, TrainedHash({"e:cues", "0"})));
  EXPECT_TRUE(Has(f, TrainedHash({"e:inq", "0"})));
  // to the end of the sentence: a long content with commas and a cue inside
  f.clear();
  EndFeatures(s.ctx, said, the, s.End() - 1, s.End(), &f);
  EXPECT_TRUE(Has(f, TrainedHash({"e:len", "20"})));
  EXPECT_TRUE(Has(f, TrainedHash({"e:commas", "3+"})));
  EXPECT_TRUE(Has(f, TrainedHash({"e:after", "0"})));
  EXPECT_TRUE(Has(f, TrainedHash({"e:cues", "1"})));
}

// The extractor scores features where they are written; the trainer and the tests
// read them from vectors: the same features either way.
TEST(ExtractorCueModelTest, FeaturesWrittenToABufferEqualThoseAppendedToAVector) {
  Scanned s;
  Scan("Aides said the vote, they believed, would be close \"before the recess\", she added.", &s);
  const int32_t said = s.Index("said");
  for (int32_t k = 0; k < s.End(); ++k) {
    std::vector<uint64_t> v;
    uint64_t buf[kMaxFeatures];
    CueFeatures(s.ctx, k, &v);
    EXPECT_EQ(std::vector<uint64_t>(buf, buf + CueFeatures(s.ctx, k, buf)), v) << k;
    if (k <= said + 1) continue;
    v.clear();
    EndFeatures(s.ctx, said, said + 1, k, s.End(), &v);
    EXPECT_EQ(std::vector<uint64_t>(buf, buf + EndFeatures(s.ctx, said, said + 1, k, s.End(), buf)),
              v)
        << k;
    v.clear();
    EndContextFeatures(s.ctx, said, said + 1, k, s.End(), &v);
    const size_t n = EndContextFeatures(s.ctx, said, said + 1, k, s.End(), buf);
    EXPECT_EQ(std::vector<uint64_t>(buf, buf + n), v) << k;
  }
}

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
