// Where one statement ends and the next begins: coordinated frames, participles that
// add a quotation, and the boundaries PolNeAR draws around a reported clause. The
// sentences are written for these tests.
#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <vector>

#include "extractors/extractor.h"
#include "schema/schema.h"

namespace parley::extractors {
namespace {

const Extractor& Ex() {
  static std::unique_ptr<Extractor> ex = [] {
    auto schema = schema::LoadSchema(std::string(PARLEY_SOURCE_DIR) + "/schema");
    EXPECT_TRUE(schema.ok()) << schema.status().ToString();
    auto e = NewExtractor(*schema);
    EXPECT_TRUE(e.ok()) << e.status().ToString();
    return std::move(e.value());
  }();
  return *ex;
}

Extraction ExtractText(const std::string& text) {
  Document d;
  d.id = "t";
  d.text = text;
  d.date = "2024-03-14";
  return Ex().Extract(d);
}

// The statements' texts, in order.
std::vector<std::string> Texts(const Extraction& x) {
  std::vector<std::string> out;
  for (const auto& s : x.statements) out.push_back(s.text);
  return out;
}

std::string Dump(const Extraction& x) {
  std::ostringstream o;
  for (const auto& s : x.statements) o << s.id << " [" << s.type << "] " << s.cue << " / " << s.text << "\n";
  return o.str();
}

// "X said A and said B": two statements, the first ending before the coordinator.
TEST(StatementSplitTest, CoordinatedSpeechCueOpensASecondStatement) {
  auto x = ExtractText(
      "The mayor praised the volunteers for their patience and said the bridge would reopen "
      "in the spring.");
  EXPECT_EQ(Texts(x), (std::vector<std::string>{"the volunteers for their patience",
                                                "the bridge would reopen in the spring"}))
      << Dump(x);
  // a clause with its own subject and speech cue after ", but"
  x = ExtractText(
      "Ms. Ortega argued that the budget should pass this week, but the treasurer insisted "
      "that the audit must come first.");
  EXPECT_EQ(Texts(x), (std::vector<std::string>{"that the budget should pass this week",
                                                "that the audit must come first"}))
      << Dump(x);
}

// A belief verb coordinated inside the reported clause belongs to that clause's own
// subject: one statement.
TEST(StatementSplitTest, CoordinatedBeliefVerbStaysInsideTheClause) {
  auto x = ExtractText("The coach said he is proud of the team and expects to win the final.");
  EXPECT_EQ(Texts(x), (std::vector<std::string>{"he is proud of the team and expects to win the final"}))
      << Dump(x);
}

// `"A," he said, adding, "B."`: the participle reports B alone, the cue before it A.
TEST(StatementSplitTest, AddingAfterAQuotationReportsOnlyWhatFollows) {
  auto x = ExtractText(
      "\"The harbor is safe again,\" the captain said, adding, \"We will sail at dawn.\"");
  EXPECT_EQ(Texts(x), (std::vector<std::string>{"\"The harbor is safe again,\"", "\"We will sail at dawn.\""}))
      << Dump(x);
}

}  // namespace
}  // namespace parley::extractors
