#include "graph/core/status.h"

#include <gtest/gtest.h>

namespace parley {
namespace {

TEST(StatusTest, OkStatusHasNoMessage) {
  Status s = Status::OK();
  EXPECT_TRUE(s.ok());
  EXPECT_EQ(s.ToString(), "OK");
}

TEST(StatusTest, ErrorNamesCodeAndMessageAndKeepsContext) {
  Status s = Status::InvalidArgument("unknown edge kind \"sayd\"").WithContext("schema/graph.yaml:12:3");
  EXPECT_FALSE(s.ok());
  EXPECT_TRUE(s.IsInvalidArgument());
  EXPECT_EQ(s.ToString(), "InvalidArgument: schema/graph.yaml:12:3: unknown edge kind \"sayd\"");
}

TEST(StatusTest, ResultHoldsValueOrError) {
  Result<int> good(42);
  ASSERT_TRUE(good.ok());
  EXPECT_EQ(*good, 42);
  Result<int> bad(Status::NotFound("entity 1"));
  EXPECT_FALSE(bad.ok());
  EXPECT_TRUE(bad.status().IsNotFound());
}

}  // namespace
}  // namespace parley
