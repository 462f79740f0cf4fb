// The extractor speed-ups of session 8 that keep its output (extractors/cue_model.h,
// extractors/content_bounds.h): the end ranker's context reads prefix counts within
// the window the models were trained with, and the weight table keeps a 32-bit key
// per slot. The sentences are written for these tests.
#include <gtest/gtest.h>

#include <cstdint>
#include <cstdio>
#include <string>
#include <vector>

#include "extractors/content_bounds.h"
#include "extractors/cue_model.h"
#include "extractors/text_scan.h"
#include "schema/schema.h"
#include "tests/extractors/scanned_for_testing.h"

namespace parley::extractors::internal {
namespace {

TEST(Model4Test, PrefixCountsOfDashesParenthesesAndQuotations) {
  Scanned s;
  Scan("Ann Lee said the plan -- a \"giveaway\" ( costly ) -- would fail.", &s);
  const int32_t n = s.End();
  ASSERT_EQ(s.ctx.dash_prefix.size(), static_cast<size_t>(n + 1));
  EXPECT_EQ(s.ctx.dash_prefix[n], 2);
  EXPECT_EQ(s.ctx.dash_prefix[s.Index("a")], 1);
  EXPECT_EQ(s.ctx.paren_prefix[s.Index("costly")], 1);
  EXPECT_EQ(s.ctx.paren_prefix[n], 0);
  EXPECT_EQ(s.ctx.open_quote_prefix[s.Index("plan")], 0);
  EXPECT_EQ(s.ctx.open_quote_prefix[s.Index("giveaway")], 1);
  EXPECT_EQ(s.ctx.open_quote_prefix[n], 1);
}

TEST(Model4Test, EndContextSeesAQuotationOpenedInsideTheContent) {
  // the same candidate end after a content that opens a quotation or does not
  Scanned quoted, plain;
  Scan("Ann Lee said the plan was a \"giveaway and a scandal\" , in June.", &quoted);
  Scan("Ann Lee said the plan was a giveaway and a scandal , in June.", &plain);
  const int32_t h = quoted.Index("said"), r = quoted.Index("the");
  std::vector<uint64_t> a, b;
  EndContextFeatures(quoted.ctx, h, r, quoted.Index(","), quoted.End(), &a);
  EndContextFeatures(plain.ctx, h, r, plain.Index(","), plain.End(), &b);
  // "," is one token later in the quoted one; the quotation state differs
  ASSERT_EQ(a.size(), b.size());
  EXPECT_GE(Differing(a, b), 1);
  // ending well before the quotation opens ("the plan | was"), both read alike
  a.clear();
  b.clear();
  EndContextFeatures(quoted.ctx, h, r, quoted.Index("was"), quoted.End(), &a);
  EndContextFeatures(plain.ctx, h, r, plain.Index("was"), plain.End(), &b);
  EXPECT_EQ(Differing(a, b), 0);
}

TEST(Model4Test, EndContextReadsTheContentsFirstSixtyTokensOnly) {
  // A parenthesis opened inside the content and not closed is a feature, but only
  // within the first kContextScan (60) tokens of the content, as the models were
  // trained: a longer content reads like one without the parenthesis.
  auto text = [](int paren_at) {
    std::string t = "Ann Lee said the";
    for (int i = 1; i <= 70; ++i) t += i == paren_at ? " (" : " word";
    return t + " today.";
  };
  for (const auto& [at, differs] : {std::pair{10, true}, std::pair{62, false}}) {
    Scanned with, without;
    Scan(text(at), &with);
    Scan(text(0), &without);
    ASSERT_EQ(with.End(), without.End());
    const int32_t h = with.Index("said"), r = with.Index("the"), e = r + 66;
    ASSERT_EQ(with.st.toks[r + at].low, "(");
    std::vector<uint64_t> a, b;
    EndContextFeatures(with.ctx, h, r, e, with.End(), &a);
    EndContextFeatures(without.ctx, h, r, e, without.End(), &b);
    EXPECT_EQ(Differing(a, b), differs ? 1 : 0) << "parenthesis at " << at;
  }
}

// A model text with n weights whose hashes come from a fixed sequence.
std::string ModelText(int n, uint64_t seed, std::vector<uint64_t>* hashes) {
  std::string text = "parley-cue-model 1\nthreshold 0.0000\n";
  uint64_t x = seed;
  for (int i = 0; i < n; ++i) {
    x = x * 6364136223846793005ULL + 1442695040888963407ULL;
    const uint64_t f = x | 1;
    hashes->push_back(f);
    char line[64];
    std::snprintf(line, sizeof line, "w %llx %.1f\n", static_cast<unsigned long long>(f), i % 7 - 3 + 0.5);
    text += line;
  }
  return text;
}

TEST(Model4Test, ScoreReadsEveryWeightOfTheTable) {
  std::vector<uint64_t> in, out;
  CueModel m;
  ASSERT_TRUE(m.Parse(ModelText(500, 17, &in)).ok());
  ModelText(500, 99, &out);  // hashes the model does not hold
  float total = 0;
  for (size_t i = 0; i < in.size(); ++i) {
    const float w = static_cast<float>(static_cast<int>(i % 7) - 3) + 0.5f;
    EXPECT_EQ(m.Score({in[i]}), w) << i;
    total += w;
  }
  EXPECT_FLOAT_EQ(m.Score(in), total);
  for (uint64_t f : out) EXPECT_EQ(m.Score({f}), 0.0f);
  // a hash that differs from a weight's in its high half only is another feature
  for (size_t i = 0; i < 50; ++i) EXPECT_EQ(m.Score({in[i] ^ (uint64_t{1} << 45)}), 0.0f) << i;
}

TEST(Model4Test, AModelWhoseWeightsShareASlotAndKeyIsRejected) {
  // two hashes that differ in bit 20 only: the same high half (key) and, in a table
  // of 16 slots (two weights), the same first slot
  const uint64_t f1 = 0xABCDEF0100000001ULL, f2 = f1 | (uint64_t{1} << 20);
  ASSERT_EQ(f1 >> 32, f2 >> 32);
  ASSERT_EQ((f1 ^ (f1 >> 29)) & 15, (f2 ^ (f2 >> 29)) & 15);
  char text[128];
  std::snprintf(text, sizeof text, "parley-cue-model 1\nw %llx 1.5\nw %llx -2\n",
                static_cast<unsigned long long>(f1), static_cast<unsigned long long>(f2));
  CueModel m;
  const Status s = m.Parse(text);
  EXPECT_FALSE(s.ok());
  EXPECT_NE(s.ToString().find("32-bit key"), std::string::npos) << s.ToString();
  EXPECT_NE(m.key_clash(), 0u);
}

TEST(Model4Test, TheCommittedModelsReadBackEveryWeight) {
  // the 8-byte slots keep every committed weight apart: Score of a weight's hash
  // alone is that weight, as with the full 64-bit hashes
  for (const char* name : {"cue", "end", "start"}) {
    const std::string_view text = name[0] == 'c' ? EmbeddedCueModel() : name[0] == 'e' ? EmbeddedEndModel()
                                                                                       : EmbeddedStartModel();
    CueModel m;
    ASSERT_TRUE(m.Parse(text).ok()) << name;
    EXPECT_EQ(m.key_clash(), 0u) << name;
    const auto& weights = m.mutable_weights();
    EXPECT_GT(weights.size(), 1000u) << name;
    int wrong = 0;
    for (const auto& [f, v] : weights) wrong += m.Score({f}) != v;
    EXPECT_EQ(wrong, 0) << name;
  }
}

}  // namespace
}  // namespace parley::extractors::internal
