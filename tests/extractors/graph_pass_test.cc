// Tests of the graph pass (extractors/graph_pass.h) through the extractor, on short
// texts written for each rule: utterance dates from schema/time.yaml, people no
// gazetteer lists, aliases that are names, and event participants from syntax.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <memory>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "extractors/extractor.h"
#include "schema/schema.h"

namespace parley::extractors {
namespace {

namespace fs = std::filesystem;

const std::string kSchemaDir = std::string(PARLEY_SOURCE_DIR) + "/schema";

const Extractor& Ex() {
  static std::unique_ptr<Extractor> ex = [] {
    auto schema = schema::LoadSchema(kSchemaDir);
    EXPECT_TRUE(schema.ok()) << schema.status().ToString();
    auto e = NewExtractor(*schema);
    EXPECT_TRUE(e.ok()) << e.status().ToString();
    return std::move(e.value());
  }();
  return *ex;
}

// Published Thursday 2025-11-13 unless told otherwise.
Extraction Extract(const std::string& text, std::optional<std::string> date = "2025-11-13") {
  Document d;
  d.id = "t";
  d.text = text;
  d.date = std::move(date);
  return Ex().Extract(d);
}

std::string Dump(const Extraction& x) {
  std::ostringstream o;
  o << "published " << x.article.published.value_or("null") << "\n";
  for (const auto& s : x.statements) {
    o << s.id << " [" << s.type << "] " << s.speaker.value_or("null") << " | " << s.cue << " | "
      << s.date.value_or("null") << " | " << s.text << "\n";
  }
  for (const auto& e : x.entities) {
    o << e.id << " " << e.type << " " << e.name << " roles:";
    for (const auto& r : e.roles) o << " [" << r << "]";
    o << " aliases:";
    for (const auto& a : e.aliases) o << " [" << a << "]";
    o << "\n";
  }
  for (const auto& v : x.events) {
    o << v.id << " " << v.type << " " << v.name << " " << v.date.value_or("null") << "\n";
  }
  return o.str();
}

const Statement* BySpeaker(const Extraction& x, const std::string& speaker) {
  for (const auto& s : x.statements) {
    if (s.speaker.value_or("") == speaker && s.type != "reference") return &s;
  }
  return nullptr;
}

const Entity* ByName(const Extraction& x, const std::string& name) {
  for (const auto& e : x.entities) {
    if (e.name == name) return &e;
  }
  return nullptr;
}

std::set<std::string> Participants(const Extraction& x, const Event& v) {
  std::set<std::string> names;
  for (const auto& id : v.participants) {
    for (const auto& e : x.entities) {
      if (e.id == id) names.insert(e.name);
    }
  }
  return names;
}

bool HasEvent(const Extraction& x, const std::string& type, const std::set<std::string>& parts) {
  return std::any_of(x.events.begin(), x.events.end(),
                     [&](const Event& v) { return v.type == type && Participants(x, v) == parts; });
}

// One statement per speaker, each with its own time expression; published Thursday.
TEST(GraphPassTest, UtteranceDatesResolveAgainstThePublishedDate) {
  const Extraction x = Extract(
      "Talks Update\n\n"
      "Ukrainian Foreign Minister Andrii Sybiha said yesterday that Kyiv was ready.\n\n"
      "Russian Foreign Ministry spokeswoman Maria Zakharova told reporters on Tuesday that "
      "Moscow had no invitation.\n\n"
      "Kremlin spokesperson Dmitry Peskov said last week that no decisions had been taken.\n\n"
      "EU foreign policy chief Kaja Kallas said earlier this month that the bloc backed the "
      "effort.\n\n"
      "NATO Secretary-General Mark Rutte said last month that allies were united.\n\n"
      "Chinese Foreign Ministry spokesperson Lin Jian said on October 3 that Beijing was "
      "neutral.\n\n"
      "\"We are in contact with both sides,\" Turkish President Recep Tayyip Erdogan told "
      "reporters today.\n\n"
      "German Chancellor Friedrich Merz said three days ago that Berlin would help.");
  const std::vector<std::pair<std::string, std::string>> want = {
      {"Andrii Sybiha", "2025-11-12"}, {"Maria Zakharova", "2025-11-11"},
      {"Dmitry Peskov", "2025-11-03"},  // last week: its Monday
      {"Kaja Kallas", "2025-11-01"},    // earlier this month: the 1st
      {"Mark Rutte", "2025-10-01"},     // last month: the 1st of October
      {"Lin Jian", "2025-10-03"},      {"Recep Tayyip Erdogan", "2025-11-13"},
      {"Friedrich Merz", "2025-11-10"}};
  for (const auto& [speaker, date] : want) {
    const Statement* s = BySpeaker(x, speaker);
    ASSERT_NE(s, nullptr) << speaker << "\n" << Dump(x);
    EXPECT_EQ(s->date.value_or("null"), date) << speaker << "\n" << Dump(x);
  }
  EXPECT_EQ(x.article.published.value_or(""), "2025-11-13");  // the published date stays apart
}

TEST(GraphPassTest, DaysAfterThePublishedDateBelongToTheYearBefore) {
  const Extraction x = Extract(
      "Year End\n\nKremlin spokesperson Dmitry Peskov said on December 30 that talks would "
      "resume.\n\nUkrainian President Volodymyr Zelensky said over the past two days that "
      "Kyiv wanted peace.",
      "2026-01-05");
  const Statement* peskov = BySpeaker(x, "Dmitry Peskov");
  ASSERT_NE(peskov, nullptr) << Dump(x);
  EXPECT_EQ(peskov->date.value_or("null"), "2025-12-30") << Dump(x);
  const Statement* zelensky = BySpeaker(x, "Volodymyr Zelensky");
  ASSERT_NE(zelensky, nullptr) << Dump(x);
  EXPECT_EQ(zelensky->date.value_or("null"), "2026-01-03") << Dump(x);  // the range's first day
}

// A day inside what someone reports is not when it was said; a speaker's other
// statements share the day found for him; a quote reported inside another one keeps
// none; a statement with no day anywhere has none (never the published date).
TEST(GraphPassTest, DaysInContentDoNotDateTheStatementAndSpeakersShareTheirDay) {
  const Extraction x = Extract(
      "Talks\n\n"
      "Kremlin spokesperson Dmitry Peskov said yesterday that talks had resumed last month.\n\n"
      "\"We are ready,\" Peskov added.\n\n"
      "Ukrainian President Volodymyr Zelensky said the talks of last week had failed.");
  const Statement* first = nullptr;
  const Statement* added = nullptr;
  for (const auto& s : x.statements) {
    if (s.text.find("talks had resumed") != std::string::npos) first = &s;
    if (s.text.find("We are ready") != std::string::npos) added = &s;
  }
  ASSERT_NE(first, nullptr) << Dump(x);
  ASSERT_NE(added, nullptr) << Dump(x);
  EXPECT_EQ(first->date.value_or("null"), "2025-11-12") << Dump(x);
  EXPECT_EQ(added->date.value_or("null"), "2025-11-12") << Dump(x);
  const Statement* zelensky = BySpeaker(x, "Volodymyr Zelensky");
  ASSERT_NE(zelensky, nullptr) << Dump(x);
  EXPECT_FALSE(zelensky->date.has_value()) << Dump(x);
}

TEST(GraphPassTest, TitledUnknownPersonIsAPersonWithTheCountrysRole) {
  const Extraction x = Extract(
      "Plan Dismissed\n\n"
      "MOSCOW (AP) - Russian Foreign Minister Sergei Dumont said on Wednesday that Western "
      "governments wanted to help Ukraine at Russia's expense.\n\n"
      "South African President Cyril Ramaphosa said the plan was a start.\n\n"
      "Hugh Hill, a doctor, said the hospitals were full.\n\n"
      "Dumont added that Moscow would not take part.");
  const Entity* dumont = ByName(x, "Sergei Dumont");
  ASSERT_NE(dumont, nullptr) << Dump(x);
  EXPECT_EQ(dumont->type, "person");
  EXPECT_EQ(dumont->roles, std::vector<std::string>{"Foreign Minister of Russia"}) << Dump(x);
  EXPECT_EQ(dumont->country, "RU");
  const Statement* said = BySpeaker(x, "Sergei Dumont");
  ASSERT_NE(said, nullptr) << Dump(x);
  EXPECT_EQ(said->date.value_or("null"), "2025-11-12");
  int dumont_statements = 0;
  for (const auto& s : x.statements) dumont_statements += s.speaker.value_or("") == "Sergei Dumont";
  EXPECT_EQ(dumont_statements, 2) << "\"Dumont added\" is the same man\n" << Dump(x);
  const Entity* ramaphosa = ByName(x, "Cyril Ramaphosa");
  ASSERT_NE(ramaphosa, nullptr) << Dump(x);
  EXPECT_EQ(ramaphosa->roles, std::vector<std::string>{"President of South Africa"}) << Dump(x);
  const Entity* hill = ByName(x, "Hugh Hill");
  ASSERT_NE(hill, nullptr) << Dump(x);
  EXPECT_EQ(hill->type, "person");
  ASSERT_NE(BySpeaker(x, "Hugh Hill"), nullptr) << Dump(x);
  // Aliases are names: no title, no verb phrase, no appositive.
  for (const auto& e : x.entities) {
    for (const auto& a : e.aliases) {
      EXPECT_EQ(a.find(','), std::string::npos) << e.name << ": " << a;
      EXPECT_EQ(a.find("help"), std::string::npos) << e.name << ": " << a;
      EXPECT_EQ(a.find("Minister"), std::string::npos) << e.name << ": " << a;
      if (e.type == "country") {
        EXPECT_EQ(a.find("Dumont"), std::string::npos) << e.name << ": " << a;
      }
    }
  }
  const Entity* russia = ByName(x, "Russia");
  ASSERT_NE(russia, nullptr) << Dump(x);
  EXPECT_EQ(russia->type, "country");
}

TEST(GraphPassTest, ParticipantsComeFromTheSyntaxAroundTheEventNoun) {
  const Extraction x = Extract(
      "Diplomacy\n\n"
      "Chinese Foreign Ministry spokesperson Lin Jian criticised Washington's sanctions on "
      "Iran, saying they hurt people in Iran and in Turkey.\n\n"
      "Lin said talks between China and Brazil would begin soon, and that a meeting of "
      "President Xi Jinping with British Prime Minister Keir Starmer was planned.\n\n"
      "Japanese Prime Minister Sanae Takaichi and French President Emmanuel Macron met in "
      "Tokyo on Saturday, officials said.");
  EXPECT_TRUE(HasEvent(x, "sanctions", {"United States", "Iran"})) << Dump(x);
  EXPECT_TRUE(HasEvent(x, "negotiation", {"China", "Brazil"})) << Dump(x);
  EXPECT_TRUE(HasEvent(x, "meeting", {"Xi Jinping", "Keir Starmer"})) << Dump(x);
  bool tokyo = false;
  for (const auto& v : x.events) {
    if (v.type == "meeting" &&
        Participants(x, v) == std::set<std::string>{"Sanae Takaichi", "Emmanuel Macron"}) {
      tokyo = true;
      EXPECT_EQ(v.date.value_or("null"), "2025-11-08") << "met ... on Saturday\n" << Dump(x);
      EXPECT_EQ(v.name.find(" met"), std::string::npos) << v.name;
    }
  }
  EXPECT_TRUE(tokyo) << Dump(x);
}

// The verb names a meeting only when people are its subject.
TEST(GraphPassTest, AnEventVerbWithoutPartiesNamesNoEvent) {
  const Extraction x = Extract(
      "Plan\n\nThe proposal met strong resistance in parliament, Ukrainian President Volodymyr "
      "Zelensky said.");
  for (const auto& v : x.events) EXPECT_NE(v.type, "meeting") << Dump(x);
}

// Who proposed a thing: the passive ("was put forward by X") and a state named before
// the noun ("a US offer"); "responded to X's remarks" answers the remarks, and the
// day after them ("remarks on Monday") is theirs, not the answer's.
TEST(GraphPassTest, ProposersAndAnswersFromTheWordsAroundTheNoun) {
  const Extraction x = Extract(
      "Tariffs\n\n"
      "BRUSSELS (AFP) - European Commission President Ursula von der Leyen on Wednesday "
      "rejected a US offer to cut tariffs on steel.\n\n"
      "The offer was put forward by US Commerce Secretary Howard Lutnick last week.\n\n"
      "Responding to Lutnick's remarks on Monday, Trade Commissioner Maros Sefcovic said the "
      "bloc would not be rushed.",
      "2025-12-03");
  const Event* offer = nullptr;
  for (const auto& v : x.events) {
    if (v.type == "proposal") offer = &v;
  }
  ASSERT_NE(offer, nullptr) << Dump(x);
  std::set<std::string> proposers;
  for (const auto& r : x.relations) {
    if (r.type != "proposed" || r.target != offer->id) continue;
    for (const auto& e : x.entities) {
      if (e.id == r.source) proposers.insert(e.name);
    }
  }
  EXPECT_EQ(proposers, (std::set<std::string>{"United States", "Howard Lutnick"})) << Dump(x);
  const Statement* answer = BySpeaker(x, "Maros Sefcovic");
  ASSERT_NE(answer, nullptr) << Dump(x);
  EXPECT_NE(answer->date.value_or("null"), "2025-12-01") << "Monday is the remarks' day\n" << Dump(x);
  bool answers_remarks = false;
  for (const auto& r : x.relations) {
    if (r.type != "responded_to" || r.source != answer->id) continue;
    for (const auto& s : x.statements) {
      answers_remarks = answers_remarks || (s.id == r.target && s.type == "reference" &&
                                            s.speaker.value_or("") == "Howard Lutnick");
    }
  }
  EXPECT_TRUE(answers_remarks) << Dump(x);
}

// time.yaml is optional, and a broken one is refused with file:line:col.
class TimeLexiconTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ =
        fs::temp_directory_path() /
        ("parley_time_test_" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) +
         "_" + ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    for (const auto& f : fs::directory_iterator(kSchemaDir)) {
      if (f.path().extension() == ".yaml") fs::copy_file(f.path(), dir_ / f.path().filename());
    }
  }
  void TearDown() override { fs::remove_all(dir_); }
  void Write(const std::string& text) {
    std::ofstream out(dir_ / "time.yaml", std::ios::trunc);
    out << text;
  }
  fs::path dir_;
};

TEST_F(TimeLexiconTest, LoadsTheRealFileAndIsOptional) {
  auto real = schema::LoadSchema(dir_.string());
  ASSERT_TRUE(real.ok()) << real.status().ToString();
  EXPECT_EQ(real->time.weekdays.size(), 7u);
  EXPECT_EQ(real->time.months.size(), 12u);
  EXPECT_FALSE(real->time.expressions.empty());
  fs::remove(dir_ / "time.yaml");
  auto none = schema::LoadSchema(dir_.string());
  ASSERT_TRUE(none.ok()) << none.status().ToString();
  EXPECT_TRUE(none->time.expressions.empty());
}

TEST_F(TimeLexiconTest, RefusesABrokenFileWithLineAndColumn) {
  const std::string head =
      "weekdays: [sunday, monday, tuesday, wednesday, thursday, friday, saturday]\n"
      "months: [[january], [february], [march], [april], [may], [june], [july], [august],\n"
      "  [september], [october], [november], [december]]\n";
  Write(head + "expressions:\n  - {phrase: yesterday, unit: fortnight, offset: -1}\n");
  auto r = schema::LoadSchema(dir_.string());
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(),
            (dir_ / "time.yaml").string() +
                ":5:31: unknown unit \"fortnight\" (allowed: day, week, month, year)");
  Write(head + "expressions:\n  - {phrase: yesterday, unit: day, offset: many}\n");
  r = schema::LoadSchema(dir_.string());
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("time.yaml:5:44: \"offset\" must be a whole number"),
            std::string::npos)
      << r.status().message();
  Write("weekdays: [sunday, monday]\nmonths: []\nexpressions: []\n");
  r = schema::LoadSchema(dir_.string());
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("time.yaml:1:11: \"weekdays\" must list 7 names"),
            std::string::npos)
      << r.status().message();
}

}  // namespace
}  // namespace parley::extractors
