#include "graph/core/ids.h"

#include <gtest/gtest.h>

namespace parley {
namespace {

TEST(IdsTest, HexRoundTripsAndRejectsMalformedIds) {
  NodeId id(0x00c0ffee12345678ULL);
  EXPECT_EQ(id.ToHex(), "00c0ffee12345678");
  ASSERT_TRUE(NodeId::FromHex("00c0ffee12345678").has_value());
  EXPECT_EQ(*NodeId::FromHex("00C0FFEE12345678"), id);
  EXPECT_FALSE(NodeId::FromHex("00c0ffee1234567").has_value());   // 15 digits
  EXPECT_FALSE(NodeId::FromHex("00c0ffee1234567g").has_value());  // not hex
  EXPECT_FALSE(NodeId::FromHex("0000000000000000").has_value());  // the invalid id
}

TEST(IdsTest, EntityIdIgnoresCaseAndSpacingButNotKind) {
  EXPECT_EQ(EntityNodeId(NodeKind::kPerson, "Dmitry  Peskov"),
            EntityNodeId(NodeKind::kPerson, "dmitry peskov"));
  EXPECT_NE(EntityNodeId(NodeKind::kPerson, "Georgia"), EntityNodeId(NodeKind::kCountry, "Georgia"));
}

TEST(IdsTest, PartsAreSeparatedInHashes) {
  EXPECT_NE(StatementNodeId("ab", "c"), StatementNodeId("a", "bc"));
  EXPECT_NE(ArticleNodeId("x"), EventNodeId("x", ""));
}

}  // namespace
}  // namespace parley
