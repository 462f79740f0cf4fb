// The context features of the clause-start and clause-end rankers
// (extractors/content_bounds.h): each test builds two sentences that differ in one
// property only and checks that exactly the features reading that property change.
#include "extractors/content_bounds.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <vector>

#include "extractors/cue_model.h"
#include "extractors/text_scan.h"
#include "schema/schema.h"
#include "tests/extractors/scanned_for_testing.h"

namespace parley::extractors::internal {
namespace {

std::vector<uint64_t> EndContext(const Scanned& s, int32_t h, int32_t r, int32_t e) {
  std::vector<uint64_t> f;
  EndContextFeatures(s.ctx, h, r, e, s.End(), &f);
  return f;
}

TEST(ContentBoundsTest, EndFeaturesSeeAFrameAfterTheCandidate) {
  // the same comma, followed by a speech verb or by another verb
  Scanned framed, plain;
  Scan("Ann Lee said the mill would close , Tom Reyes said today", &framed);
  Scan("Ann Lee said the mill would close , Tom Reyes slept today", &plain);
  ASSERT_NE(framed.ctx.lex_kind[framed.Index("said", 1)], 0);
  ASSERT_EQ(plain.ctx.lex_kind[plain.Index("slept")], 0);
  const int32_t h = framed.Index("said"), r = framed.Index("the"), e = framed.Index(",");
  // the frame's kind and distance, and the distance of the first cue later on
  EXPECT_EQ(Differing(EndContext(framed, h, r, e), EndContext(plain, h, r, e)), 2);
  // a candidate with no cue after it reads the same in both
  const int32_t last = framed.Index("today");
  EXPECT_EQ(Differing(EndContext(framed, h, r, last), EndContext(plain, h, r, last)), 0);
}

TEST(ContentBoundsTest, EndFeaturesSeeAnOpenDashAsideOrParenthesis) {
  // "--" or "(" opens an aside the comma does not close; "is" in its place opens nothing
  Scanned dash, paren, none;
  Scan("Ann Lee said the plan -- costly , and late -- would fail", &dash);
  Scan("Ann Lee said the plan ( costly , and late ) would fail", &paren);
  Scan("Ann Lee said the plan is costly , and late -- would fail", &none);
  const int32_t h = dash.Index("said"), r = dash.Index("the"), e = dash.Index(",");
  EXPECT_EQ(Differing(EndContext(dash, h, r, e), EndContext(none, h, r, e)), 1);
  EXPECT_EQ(Differing(EndContext(paren, h, r, e), EndContext(none, h, r, e)), 1);
  EXPECT_EQ(Differing(EndContext(paren, h, r, e), EndContext(dash, h, r, e)), 1);
}

TEST(ContentBoundsTest, EndFeaturesSeeACutQuotation) {
  // a comma inside a quotation that opened after the content's start, or no quotation
  Scanned quoted, bare;
  Scan("Ann Lee said the plan was \u201Ccostly , and late\u201D today", &quoted);
  Scan("Ann Lee said the plan was x costly , and late x today", &bare);
  const int32_t h = quoted.Index("said"), r = quoted.Index("the"), e = quoted.Index(",");
  ASSERT_GE(quoted.st.toks[e].quote, 0);
  // the quotation state (inside one, opened on the way) and the cut
  EXPECT_EQ(Differing(EndContext(quoted, h, r, e), EndContext(bare, h, r, e)), 2);
}

std::vector<uint64_t> Start(const Scanned& s, int32_t h, int32_t ce, int32_t at) {
  std::vector<uint64_t> f;
  StartFeatures(s.ctx, h, ce, at, s.End(), &f);
  return f;
}

TEST(ContentBoundsTest, StartFeaturesSeeANameBetweenCueAndCandidate) {
  // "Reuters" and "reuters" lower-case alike; only the capital differs
  Scanned name, lower;
  Scan("Ann Lee told Reuters about the plan to close the mill", &name);
  Scan("Ann Lee told reuters about the plan to close the mill", &lower);
  const int32_t h = name.Index("told"), ce = h + 1, s = name.Index("the");
  EXPECT_EQ(Differing(Start(name, h, ce, s), Start(lower, h, ce, s)), 1);
}

TEST(ContentBoundsTest, StartFeaturesSeeTheQuotationState) {
  // the candidate "plan" inside a quotation or not; the clause is read from "the"
  Scanned quoted, bare;
  Scan("Ann Lee said \u201Cthe plan is dead\u201D today", &quoted);
  Scan("Ann Lee said x the plan is dead x today", &bare);
  const int32_t h = quoted.Index("said"), ce = quoted.Index("the"), s = quoted.Index("plan");
  ASSERT_GE(quoted.st.toks[s].quote, 0);
  EXPECT_EQ(Differing(Start(quoted, h, ce, s), Start(bare, h, ce, s)), 1);
}

}  // namespace
}  // namespace parley::extractors::internal
