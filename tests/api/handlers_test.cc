// The HTTP-agnostic half of the API: request-target parsing, percent-decoding and
// the Status -> HTTP mapping, without a socket.
#include "api/handlers.h"

#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include <string>

namespace parley::api {
namespace {

TEST(PercentDecodeTest, DecodesEscapesAndPlusOnlyWhereAsked) {
  EXPECT_EQ(*PercentDecode("Dmitry%20Peskov", true), "Dmitry Peskov");
  EXPECT_EQ(*PercentDecode("a+b", true), "a b");
  EXPECT_EQ(*PercentDecode("a+b", false), "a+b");
  EXPECT_EQ(*PercentDecode("%D0%9F%d0%b5", true), "\xD0\x9F\xD0\xB5");
  EXPECT_EQ(*PercentDecode("%00", true), std::string(1, '\0'));
  EXPECT_EQ(*PercentDecode("%2B", true), "+");
}

TEST(PercentDecodeTest, RejectsMalformedEscapesNamingTheOffset) {
  for (const char* bad : {"%", "%4", "%zz", "ab%g1", "%%"}) {
    auto r = PercentDecode(bad, true);
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_TRUE(r.status().IsInvalidArgument());
    EXPECT_NE(r.status().message().find("offset"), std::string::npos) << r.status().ToString();
  }
}

TEST(ParseRequestTargetTest, SplitsPathAndDecodedQuery) {
  auto r = ParseRequestTarget("GET", "/v1/entities?q=Dmitry%20Peskov&limit=5&&flag#frag");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->method, "GET");
  EXPECT_EQ(r->path, "/v1/entities");
  ASSERT_EQ(r->query.size(), 3u);
  EXPECT_EQ(r->query.find("q")->second, "Dmitry Peskov");
  EXPECT_EQ(r->query.find("limit")->second, "5");
  EXPECT_EQ(r->query.find("flag")->second, "");

  r = ParseRequestTarget("GET", "/v1/entities/%30%31");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->path, "/v1/entities/01");
  EXPECT_TRUE(r->query.empty());
}

TEST(ParseRequestTargetTest, RejectsBadTargets) {
  EXPECT_FALSE(ParseRequestTarget("GET", "").ok());
  EXPECT_FALSE(ParseRequestTarget("GET", "v1/health").ok());
  EXPECT_FALSE(ParseRequestTarget("GET", "http://host/v1/health").ok());
  auto r = ParseRequestTarget("GET", "/v1/entities?q=%zz");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("query parameter q"), std::string::npos)
      << r.status().ToString();
}

TEST(HttpStatusForTest, MapsEveryCode) {
  EXPECT_EQ(HttpStatusFor(Status::Code::kOk), 200);
  EXPECT_EQ(HttpStatusFor(Status::Code::kNotFound), 404);
  EXPECT_EQ(HttpStatusFor(Status::Code::kInvalidArgument), 400);
  EXPECT_EQ(HttpStatusFor(Status::Code::kTooLarge), 413);
  EXPECT_EQ(HttpStatusFor(Status::Code::kUnavailable), 503);
  EXPECT_EQ(HttpStatusFor(Status::Code::kCorruption), 500);
  EXPECT_EQ(HttpStatusFor(Status::Code::kIOError), 500);
  EXPECT_EQ(HttpStatusFor(Status::Code::kInternal), 500);
}

TEST(ErrorResponseTest, WritesCodeParameterAndMessageAsJson) {
  ApiResponse r = ErrorResponse(Status::InvalidArgument("limit must be \"small\"\n"), "limit");
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.content_type.rfind("application/json", 0), 0u);
  rapidjson::Document doc;
  doc.Parse(r.body.c_str());
  ASSERT_FALSE(doc.HasParseError()) << r.body;
  EXPECT_STREQ(doc["error"]["code"].GetString(), "invalid_argument");
  EXPECT_STREQ(doc["error"]["parameter"].GetString(), "limit");
  EXPECT_STREQ(doc["error"]["message"].GetString(), "limit must be \"small\"\n");

  // Invalid UTF-8 in a message still gives valid JSON.
  r = ErrorResponse(Status::NotFound("bad \xff byte"));
  doc.Parse(r.body.c_str());
  ASSERT_FALSE(doc.HasParseError()) << r.body;
  EXPECT_FALSE(doc["error"].HasMember("parameter"));
  EXPECT_EQ(r.status, 404);
}

}  // namespace
}  // namespace parley::api
