// Tests of schema/loader.cc: the real schema/ directory, a minimal valid one
// (tests/schema/data/minimal) and broken copies of it, each refused with the exact
// "file:line:col: what" message.
#include "schema/schema.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <string>
#include <vector>

namespace parley::schema {
namespace {

namespace fs = std::filesystem;

const std::string kDataDir = std::string(PARLEY_SOURCE_DIR) + "/tests/schema/data";
const std::string kMinimalDir = kDataDir + "/minimal";
const std::string kTestIso = kDataDir + "/iso_3166-1.json";

bool Contains(const std::vector<std::string>& list, const std::string& item) {
  return std::find(list.begin(), list.end(), item) != list.end();
}

const CountryDef* FindCountry(const Schema& s, const std::string& code) {
  for (const auto& c : s.countries) {
    if (c.code == code) return &c;
  }
  return nullptr;
}

const PersonDef* FindPerson(const Schema& s, const std::string& name) {
  for (const auto& p : s.people) {
    if (p.name == name) return &p;
  }
  return nullptr;
}

// A copy of the minimal schema in a fresh temporary directory, removed afterwards.
class SchemaCopy {
 public:
  SchemaCopy() {
    char tmpl[] = "/tmp/parley_schema_test_XXXXXX";
    dir_ = mkdtemp(tmpl);
    for (const auto& entry : fs::directory_iterator(kMinimalDir)) {
      fs::copy_file(entry.path(), fs::path(dir_) / entry.path().filename());
    }
  }
  ~SchemaCopy() { fs::remove_all(dir_); }

  void Write(const std::string& name, const std::string& content) {
    std::ofstream(fs::path(dir_) / name, std::ios::trunc) << content;
  }
  void Remove(const std::string& name) { fs::remove(fs::path(dir_) / name); }
  const std::string& dir() const { return dir_; }
  std::string Path(const std::string& name) const { return dir_ + "/" + name; }

  // Loads the copy with the test iso-codes; returns the error message ("" when OK).
  std::string LoadError() const {
    auto r = LoadSchema(dir_, kTestIso);
    if (r.ok()) return "";
    EXPECT_TRUE(r.status().IsInvalidArgument()) << r.status().ToString();
    return r.status().message();
  }

 private:
  std::string dir_;
};

TEST(SchemaLoaderTest, LoadsMinimalSchema) {
  auto r = LoadSchema(kMinimalDir, kTestIso);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  const Schema& s = *r;
  ASSERT_EQ(s.node_kinds.size(), 2u);
  EXPECT_EQ(s.node_kinds[1].description, "What someone said.");
  const EdgeKindDef* said = s.FindEdgeKind("said");
  ASSERT_NE(said, nullptr);
  EXPECT_EQ(said->from, std::vector<std::string>{"person"});
  EXPECT_EQ(said->to, std::vector<std::string>{"statement"});
  EXPECT_EQ(s.FindEdgeKind("sayd"), nullptr);
  EXPECT_NE(s.FindNodeKind("person"), nullptr);
  EXPECT_EQ(s.FindNodeKind("article"), nullptr);
  // cues.yaml's `acts` extends graph.yaml's speech_acts.
  EXPECT_EQ(s.speech_acts, (std::vector<std::string>{"assert", "deny", "warn", "ask"}));

  ASSERT_EQ(s.cues.size(), 4u);
  EXPECT_EQ(s.cues[0].lemma, "say");
  EXPECT_EQ(s.cues[0].forms, (std::vector<std::string>{"said", "says", "say"}));  // lower-cased
  EXPECT_EQ(s.cues[0].kind, "speech");
  EXPECT_FALSE(s.cues[0].negative);
  EXPECT_TRUE(s.cues[1].negative);
  EXPECT_EQ(s.cues[2].forms, std::vector<std::string>{"according to"});  // defaults to the lemma
  EXPECT_EQ(s.cues[2].kind, "report");
  EXPECT_TRUE(s.cues[2].hedged);

  EXPECT_EQ(s.lexicon.pronouns, (std::vector<std::string>{"he", "she"}));
  EXPECT_EQ(s.lexicon.abbreviations, std::vector<std::string>{"Mr."});
  EXPECT_TRUE(s.lexicon.outlets.empty());

  ASSERT_EQ(s.organizations.size(), 2u);
  EXPECT_EQ(s.organizations[0].type, "government");
  EXPECT_EQ(s.organizations[0].country, "RU");
  EXPECT_EQ(s.organizations[1].country, "");

  ASSERT_EQ(s.people.size(), 2u);
  const PersonDef& peskov = s.people[0];
  EXPECT_EQ(peskov.aliases, std::vector<std::string>{"Peskov"});
  ASSERT_EQ(peskov.roles.size(), 1u);
  EXPECT_EQ(peskov.roles[0].title, "Kremlin spokesperson");
  EXPECT_EQ(peskov.roles[0].org, "the Kremlin");
  EXPECT_EQ(peskov.roles[0].from, std::optional<std::string>("2012-05-22"));
  EXPECT_EQ(peskov.roles[0].to, std::nullopt);
  EXPECT_TRUE(s.people[1].roles.empty());
}

TEST(SchemaLoaderTest, MergesIsoCodesWithCountryAliases) {
  auto r = LoadSchema(kMinimalDir, kTestIso);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  // Every iso-codes country is there, sorted by code, listed in countries.yaml or not.
  ASSERT_EQ(r->countries.size(), 4u);
  EXPECT_EQ(r->countries[0].code, "IR");
  EXPECT_EQ(r->countries[1].code, "KR");
  EXPECT_EQ(r->countries[2].code, "RU");
  EXPECT_EQ(r->countries[3].code, "US");

  const CountryDef& iran = r->countries[0];  // not in countries.yaml
  EXPECT_EQ(iran.name, "Iran");              // common_name wins over name
  EXPECT_EQ(iran.official_name, "Islamic Republic of Iran");
  // No inverted "Iran, Islamic Republic of".
  EXPECT_EQ(iran.aliases, std::vector<std::string>{"Islamic Republic of Iran"});

  const CountryDef& korea = r->countries[1];  // no official_name, an inverted name
  EXPECT_EQ(korea.name, "South Korea");
  EXPECT_EQ(korea.official_name, "South Korea");
  EXPECT_TRUE(korea.aliases.empty());

  const CountryDef& russia = r->countries[2];
  EXPECT_EQ(russia.name, "Russia");  // countries.yaml's name beats iso "Russian Federation"
  EXPECT_EQ(russia.official_name, "Russian Federation");
  EXPECT_EQ(russia.aliases,
            (std::vector<std::string>{"Russian", "Moscow", "the Kremlin", "Russian Federation"}));

  const CountryDef& us = r->countries[3];
  EXPECT_EQ(us.name, "United States");
  EXPECT_TRUE(Contains(us.aliases, "Washington"));
  EXPECT_TRUE(Contains(us.aliases, "United States of America"));
  EXPECT_FALSE(Contains(us.aliases, "United States"));  // the name is not its own alias
}

TEST(SchemaLoaderTest, LoadsTheRealSchemaDirectory) {
  const std::string dir = std::string(PARLEY_SOURCE_DIR) + "/schema";
  for (const char* f : {"cues.yaml", "lexicon.yaml"}) {
    if (!fs::exists(dir + "/" + f)) GTEST_SKIP() << dir << "/" << f << " is not written yet";
  }
  if (!fs::exists(kIsoCodesPath)) GTEST_SKIP() << kIsoCodesPath << " absent (Debian iso-codes)";
  auto r = LoadSchema(dir);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  const Schema& s = *r;

  for (const char* kind : {"person", "country", "organization", "event", "statement", "article"}) {
    EXPECT_NE(s.FindNodeKind(kind), nullptr) << kind;
  }
  for (const char* edge : {"said", "responded_to", "proposed", "mentions", "reported_by",
                           "published_in", "participated_in", "holds_role"}) {
    EXPECT_NE(s.FindEdgeKind(edge), nullptr) << edge;
  }
  EXPECT_FALSE(s.cues.empty());

  EXPECT_GE(s.countries.size(), 240u);
  const CountryDef* ru = FindCountry(s, "RU");
  ASSERT_NE(ru, nullptr);
  EXPECT_EQ(ru->name, "Russia");
  for (const char* a : {"Moscow", "Kremlin", "the Kremlin", "Russian", "Russian Federation"}) {
    EXPECT_TRUE(Contains(ru->aliases, a)) << a;
  }
  const CountryDef* us = FindCountry(s, "US");
  ASSERT_NE(us, nullptr);
  for (const char* a : {"US", "U.S.", "USA", "America", "Washington", "the White House"}) {
    EXPECT_TRUE(Contains(us->aliases, a)) << a;
  }
  const CountryDef* ua = FindCountry(s, "UA");
  ASSERT_NE(ua, nullptr);
  EXPECT_TRUE(Contains(ua->aliases, "Kiev"));
  EXPECT_TRUE(Contains(ua->aliases, "Kyiv"));
  EXPECT_EQ(FindCountry(s, "GB")->name, "United Kingdom");
  EXPECT_TRUE(Contains(FindCountry(s, "GB")->aliases, "Britain"));
  EXPECT_EQ(FindCountry(s, "IR")->name, "Iran");
  EXPECT_EQ(FindCountry(s, "JP")->name, "Japan");
  EXPECT_TRUE(Contains(FindCountry(s, "JP")->aliases, "Tokyo"));
  EXPECT_TRUE(Contains(FindCountry(s, "CN")->aliases, "Beijing"));
  // Brussels means the EU, an organisation, not Belgium.
  EXPECT_FALSE(Contains(FindCountry(s, "BE")->aliases, "Brussels"));
  // At least 60 countries carry more than their iso names (demonyms, capitals).
  int rich = 0;
  for (const auto& c : s.countries) rich += c.aliases.size() >= 3 ? 1 : 0;
  EXPECT_GE(rich, 60);

  const PersonDef* putin = FindPerson(s, "Vladimir Putin");
  ASSERT_NE(putin, nullptr);
  EXPECT_EQ(putin->country, "RU");
  int president_terms = 0;
  for (const auto& role : putin->roles) president_terms += role.title == "President of Russia";
  EXPECT_EQ(president_terms, 2);
  const PersonDef* takaichi = FindPerson(s, "Sanae Takaichi");
  ASSERT_NE(takaichi, nullptr);
  ASSERT_FALSE(takaichi->roles.empty());
  EXPECT_EQ(takaichi->roles[0].title, "Prime Minister of Japan");
  EXPECT_EQ(takaichi->roles[0].from, std::optional<std::string>("2025-10-21"));
  const PersonDef* rubio = FindPerson(s, "Marco Rubio");
  ASSERT_NE(rubio, nullptr);
  bool secretary = false;
  for (const auto& role : rubio->roles) {
    secretary |= role.title == "US Secretary of State" && role.from == "2025-01-21" && !role.to;
  }
  EXPECT_TRUE(secretary);
  EXPECT_TRUE(Contains(FindPerson(s, "Volodymyr Zelensky")->aliases, "Zelenskyy"));
  for (const char* name : {"Dmitry Peskov",
                           "Sergey Lavrov",
                           "Donald Trump",
                           "Joe Biden",
                           "Barack Obama",
                           "Hillary Clinton",
                           "Mike Pence",
                           "Antony Blinken",
                           "Shigeru Ishiba",
                           "Fumio Kishida",
                           "Emmanuel Macron",
                           "Olaf Scholz",
                           "Friedrich Merz",
                           "Keir Starmer",
                           "Rishi Sunak",
                           "Xi Jinping",
                           "Recep Tayyip Erdogan",
                           "Ursula von der Leyen",
                           "Mark Rutte",
                           "Jens Stoltenberg",
                           "Kaja Kallas",
                           "Antonio Guterres",
                           "Narendra Modi",
                           "Benjamin Netanyahu",
                           "Mohammed bin Salman",
                           "Ilham Aliyev",
                           "Maria Zakharova",
                           "Karoline Leavitt",
                           "Wang Yi",
                           "Lin Jian",
                           "Andrii Sybiha",
                           "Dmytro Kuleba",
                           "Ted Cruz",
                           "Bernie Sanders",
                           "Paul Ryan",
                           "Mitch McConnell",
                           "Ben Carson",
                           "Jeb Bush",
                           "John Kasich",
                           "Chris Christie",
                           "Carly Fiorina",
                           "Rand Paul",
                           "Tim Kaine",
                           "Reince Priebus",
                           "Kellyanne Conway",
                           "Josh Earnest",
                           "Elizabeth Warren",
                           "Nancy Pelosi",
                           "Chuck Schumer",
                           "Elena Marsh",
                           "Tomas Reyes",
                           "Amara Okafor",
                           "Chidi Nwosu"}) {
    EXPECT_NE(FindPerson(s, name), nullptr) << name;
  }
  std::set<std::string> orgs;
  for (const auto& o : s.organizations) orgs.insert(o.name);
  for (const char* name : {"NATO",
                           "European Union",
                           "European Commission",
                           "United Nations",
                           "UN Security Council",
                           "G7",
                           "G20",
                           "OPEC",
                           "WTO",
                           "IAEA",
                           "MENAFN",
                           "AzerNews",
                           "TRT World",
                           "Reuters",
                           "Associated Press",
                           "AFP",
                           "TASS",
                           "RIA Novosti",
                           "Interfax",
                           "BBC",
                           "CNN",
                           "Fox News",
                           "The New York Times",
                           "The Washington Post",
                           "Politico",
                           "Bloomberg",
                           "Al Jazeera",
                           "Kyodo",
                           "Xinhua",
                           "Kremlin",
                           "White House",
                           "US State Department",
                           "Pentagon"}) {
    EXPECT_TRUE(orgs.count(name)) << name;
  }
}

// --- Refusals: exact messages -------------------------------------------------------

TEST(SchemaLoaderTest, RefusesBadYamlSyntaxWithLineAndColumn) {
  SchemaCopy copy;
  copy.Write("people.yaml", "people:\n  - name: Dmitry Peskov\n    aliases: [Peskov\n");
  EXPECT_EQ(copy.LoadError(),
            copy.Path("people.yaml") + ":4:1: bad YAML: end of sequence flow not found");
  copy.Write("people.yaml",
             "people:\n"
             "  - name: Dmitry Peskov\n"
             "    aliases: [Peskov]\n"
             "   roles: []\n");
  EXPECT_EQ(copy.LoadError(),
            copy.Path("people.yaml") + ":4:4: bad YAML: end of sequence not found");
  copy.Write("people.yaml", "people:\n  - name: Dmitry: Peskov\n");
  EXPECT_EQ(copy.LoadError(), copy.Path("people.yaml") + ":2:17: bad YAML: illegal map value");
}

TEST(SchemaLoaderTest, RefusesAMissingRequiredField) {
  SchemaCopy copy;
  copy.Write("people.yaml",
             "people:\n"
             "  - name: Dmitry Peskov\n"
             "    roles:\n"
             "      - country: RU\n"
             "        from: 2012-05-22\n");
  EXPECT_EQ(copy.LoadError(), copy.Path("people.yaml") + ":4:9: missing required field \"title\"");
}

TEST(SchemaLoaderTest, RefusesAFieldOfTheWrongType) {
  SchemaCopy copy;
  copy.Write("people.yaml", "people:\n  - name: Dmitry Peskov\n    aliases: Peskov\n");
  EXPECT_EQ(copy.LoadError(),
            copy.Path("people.yaml") + ":3:14: \"aliases\" must be a list of strings");
  copy.Write("people.yaml", "people:\n  - name: [Dmitry, Peskov]\n");
  EXPECT_EQ(copy.LoadError(), copy.Path("people.yaml") + ":2:11: \"name\" must be a string");
  copy.Write("cues.yaml", "cues:\n  - {lemma: say, act: assert, hedged: maybe}\n");
  EXPECT_EQ(copy.LoadError(), copy.Path("cues.yaml") + ":2:39: \"hedged\" must be true or false");
  copy.Write("cues.yaml", "cues: say\n");
  EXPECT_EQ(copy.LoadError(), copy.Path("cues.yaml") + ":1:7: \"cues\" must be a list");
}

TEST(SchemaLoaderTest, RefusesAnUnknownField) {
  SchemaCopy copy;
  copy.Write("people.yaml", "people:\n  - name: Dmitry Peskov\n    alias: [Peskov]\n");
  EXPECT_EQ(copy.LoadError(),
            copy.Path("people.yaml") +
                ":3:5: unknown field \"alias\" in a person (expected one of: name, aliases, "
                "country, gender, roles, note)");
}

TEST(SchemaLoaderTest, RefusesAnUnknownNodeKindInAnEdge) {
  SchemaCopy copy;
  copy.Write("graph.yaml",
             "node_kinds:\n"
             "  - name: person\n"
             "  - name: statement\n"
             "edge_kinds:\n"
             "  - name: said\n"
             "    from: [persn]\n"
             "    to: [statement]\n"
             "speech_acts: [assert, deny, warn]\n");
  EXPECT_EQ(copy.LoadError(), copy.Path("graph.yaml") +
                                  ":6:12: unknown node kind \"persn\" in edge \"said\" (known: "
                                  "person, statement)");
}

TEST(SchemaLoaderTest, RefusesAnUnknownCueAct) {
  SchemaCopy copy;
  copy.Write("cues.yaml", "cues:\n  - lemma: say\n    act: asert\n");
  EXPECT_EQ(copy.LoadError(), copy.Path("cues.yaml") +
                                  ":3:10: unknown act \"asert\" of cue \"say\" (allowed: assert, "
                                  "deny, warn)");
  copy.Write("cues.yaml", "cues:\n  - {lemma: say, act: assert, kind: speach}\n");
  EXPECT_EQ(copy.LoadError(), copy.Path("cues.yaml") +
                                  ":2:37: unknown cue kind \"speach\" (allowed: speech, belief, "
                                  "perception, report)");
}

std::string PeopleWithRole(const std::string& from, const std::string& to) {
  return "people:\n"
         "  - name: Dmitry Peskov\n"
         "    roles:\n"
         "      - title: Kremlin spokesperson\n"
         "        from: " +
         from +
         "\n"
         "        to: " +
         to + "\n";
}

TEST(SchemaLoaderTest, ChecksRoleDatesAgainstTheCalendar) {
  SchemaCopy copy;
  const std::string people = copy.Path("people.yaml");
  copy.Write("people.yaml", PeopleWithRole("2024-02-29", "2025-02-28"));  // leap day: fine
  EXPECT_EQ(copy.LoadError(), "");
  copy.Write("people.yaml", PeopleWithRole("2012-05-22", "2025-02-30"));
  EXPECT_EQ(copy.LoadError(),
            people + ":6:13: \"to\" is not a valid date (YYYY-MM-DD): \"2025-02-30\"");
  copy.Write("people.yaml", PeopleWithRole("2023-02-29", "null"));  // not a leap year
  EXPECT_EQ(copy.LoadError(),
            people + ":5:15: \"from\" is not a valid date (YYYY-MM-DD): \"2023-02-29\"");
  copy.Write("people.yaml", PeopleWithRole("1900-02-29", "null"));  // centuries are not leap years
  EXPECT_NE(copy.LoadError(), "");
  copy.Write("people.yaml", PeopleWithRole("2000-02-29", "null"));  // ...unless divisible by 400
  EXPECT_EQ(copy.LoadError(), "");
  copy.Write("people.yaml", PeopleWithRole("2012-5-22", "null"));
  EXPECT_EQ(copy.LoadError(),
            people + ":5:15: \"from\" is not a valid date (YYYY-MM-DD): \"2012-5-22\"");
  copy.Write("people.yaml", PeopleWithRole("2012-13-01", "null"));
  EXPECT_NE(copy.LoadError(), "");
  copy.Write("people.yaml", PeopleWithRole("'May 2012'", "null"));
  EXPECT_EQ(copy.LoadError(),
            people + ":5:15: \"from\" is not a valid date (YYYY-MM-DD): \"May 2012\"");
}

TEST(SchemaLoaderTest, RefusesARoleThatStartsAfterItEnds) {
  SchemaCopy copy;
  copy.Write("people.yaml", PeopleWithRole("2025-01-21", "2017-01-20"));
  EXPECT_EQ(copy.LoadError(),
            copy.Path("people.yaml") +
                ":5:15: role \"Kremlin spokesperson\" of \"Dmitry Peskov\" starts "
                "(2025-01-21) after it ends (2017-01-20)");
  copy.Write("people.yaml", PeopleWithRole("2025-01-21", "2025-01-21"));  // one day is fine
  EXPECT_EQ(copy.LoadError(), "");
}

TEST(SchemaLoaderTest, APersonsGenderIsMaleOrFemale) {
  SchemaCopy copy;
  copy.Write("people.yaml", "people:\n  - name: Elena Marsh\n    gender: female\n");
  EXPECT_EQ(copy.LoadError(), "");
  copy.Write("people.yaml", "people:\n  - name: Elena Marsh\n    gender: f\n");
  EXPECT_EQ(copy.LoadError(), copy.Path("people.yaml") +
                                  ":3:13: gender of \"Elena Marsh\" must be male or female, not "
                                  "\"f\"");
}

TEST(SchemaLoaderTest, RefusesDuplicateNames) {
  SchemaCopy copy;
  copy.Write("people.yaml", "people:\n  - name: Dmitry Peskov\n  - name: Dmitry Peskov\n");
  EXPECT_EQ(copy.LoadError(),
            copy.Path("people.yaml") + ":3:11: duplicate person \"Dmitry Peskov\"");
  copy.Remove("people.yaml");
  copy.Write("people.yaml", "people: []\n");
  copy.Write("organizations.yaml",
             "types: [media]\norganizations:\n  - {name: TASS, type: media}\n  - {name: TASS, "
             "type: media}\n");
  EXPECT_EQ(copy.LoadError(),
            copy.Path("organizations.yaml") + ":4:12: duplicate organization \"TASS\"");
  copy.Write("countries.yaml", "countries:\n  - code: RU\n  - code: RU\n");
  EXPECT_EQ(copy.LoadError(), copy.Path("countries.yaml") + ":3:11: duplicate country \"RU\"");
  copy.Write("countries.yaml", "countries: []\n");
  copy.Write("cues.yaml",
             "cues:\n  - {lemma: say, forms: [said], act: assert}\n  - {lemma: tell, forms: "
             "[said], act: assert}\n");
  EXPECT_EQ(copy.LoadError(),
            copy.Path("cues.yaml") +
                ":3:26: form \"said\" of cue \"tell\" already belongs to cue \"say\"");
}

TEST(SchemaLoaderTest, RefusesUnknownCountriesOrganisationsAndTypes) {
  SchemaCopy copy;
  copy.Write("countries.yaml", "countries:\n  - code: XX\n");
  EXPECT_EQ(copy.LoadError(),
            copy.Path("countries.yaml") +
                ":2:11: unknown country code \"XX\" (not an ISO 3166-1 alpha-2 code)");
  copy.Write("countries.yaml", "countries: []\n");
  copy.Write("people.yaml",
             "people:\n  - name: A\n    roles:\n      - {title: Spokesman, org: Kremlinn}\n");
  EXPECT_EQ(copy.LoadError(),
            copy.Path("people.yaml") +
                ":4:33: unknown organization \"Kremlinn\" (not a name or alias in "
                "organizations.yaml)");
  copy.Write("people.yaml", "people:\n  - name: A\n    country: GB\n");
  EXPECT_EQ(copy.LoadError(),
            copy.Path("people.yaml") +
                ":3:14: unknown country code \"GB\" (not an ISO 3166-1 alpha-2 code)");
  copy.Write("people.yaml", "people: []\n");
  copy.Write("organizations.yaml",
             "types: [media]\norganizations:\n  - {name: TASS, type: medya}\n");
  EXPECT_EQ(copy.LoadError(), copy.Path("organizations.yaml") +
                                  ":3:24: unknown organization type \"medya\" (allowed: media)");
}

TEST(SchemaLoaderTest, NamesAMissingFile) {
  SchemaCopy copy;
  copy.Remove("cues.yaml");
  auto r = LoadSchema(copy.dir(), kTestIso);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), Status::Code::kIOError);
  EXPECT_EQ(r.status().message(),
            copy.Path("cues.yaml") + ": cannot open: No such file or directory");
  auto no_iso = LoadSchema(kMinimalDir, kDataDir + "/no_such_iso.json");
  ASSERT_FALSE(no_iso.ok());
  EXPECT_EQ(no_iso.status().code(), Status::Code::kIOError);
  EXPECT_NE(no_iso.status().message().find("no_such_iso.json"), std::string::npos);
}

TEST(SchemaLoaderTest, RefusesAFileThatIsNotAMapping) {
  SchemaCopy copy;
  copy.Write("lexicon.yaml", "");
  EXPECT_EQ(copy.LoadError(),
            copy.Path("lexicon.yaml") + ":1:1: the file must hold a mapping of top-level fields");
  copy.Write("lexicon.yaml", "- he\n- she\n");
  EXPECT_EQ(copy.LoadError(),
            copy.Path("lexicon.yaml") + ":1:1: the file must hold a mapping of top-level fields");
  copy.Write("lexicon.yaml", "pronouns: [he]\nweekdays: [monday]\n");
  EXPECT_EQ(copy.LoadError(),
            copy.Path("lexicon.yaml") +
                ":2:1: unknown field \"weekdays\" in lexicon.yaml (expected one of: "
                "pronouns, speaker_nouns, titles, abbreviations, number_abbreviations, boilerplate, "
                "reporting_verbs, outlets, raising_verbs, word_lists)");
}

TEST(SchemaLoaderTest, LoadsNamedWordListsInFileOrder) {
  SchemaCopy copy;
  copy.Write("lexicon.yaml",
             "pronouns: [he]\n"
             "word_lists:\n"
             "  weekdays: [sunday, monday, tuesday]\n"
             "  aux_adverbs: [has, \"n't\", \"'ve\"]\n"
             "  empty: []\n");
  auto r = LoadSchema(copy.dir(), kTestIso);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  const auto& wl = r->lexicon.word_lists;
  ASSERT_EQ(wl.size(), 3u);
  EXPECT_EQ(wl.at("weekdays"), (std::vector<std::string>{"sunday", "monday", "tuesday"}));
  EXPECT_EQ(wl.at("aux_adverbs"), (std::vector<std::string>{"has", "n't", "'ve"}));
  EXPECT_TRUE(wl.at("empty").empty());
  // absent: no lists
  copy.Write("lexicon.yaml", "pronouns: [he]\n");
  auto none = LoadSchema(copy.dir(), kTestIso);
  ASSERT_TRUE(none.ok()) << none.status().ToString();
  EXPECT_TRUE(none->lexicon.word_lists.empty());
}

TEST(SchemaLoaderTest, RefusesBrokenWordListsWithLineAndColumn) {
  SchemaCopy copy;
  copy.Write("lexicon.yaml", "pronouns: [he]\nword_lists: [a, b]\n");
  EXPECT_EQ(copy.LoadError(), copy.Path("lexicon.yaml") +
                                  ":2:13: \"word_lists\" must be a mapping of list names to lists of words");
  copy.Write("lexicon.yaml", "word_lists:\n  months: january\n");
  EXPECT_EQ(copy.LoadError(),
            copy.Path("lexicon.yaml") + ":2:11: word list \"months\" must be a list of strings");
  copy.Write("lexicon.yaml", "word_lists:\n  months: [january,\n    [february]]\n");
  EXPECT_EQ(copy.LoadError(), copy.Path("lexicon.yaml") +
                                  ":3:5: every item of word list \"months\" must be a non-empty string");
  copy.Write("lexicon.yaml", "word_lists:\n  months: [january, \"\"]\n");
  EXPECT_EQ(copy.LoadError(), copy.Path("lexicon.yaml") +
                                  ":2:21: every item of word list \"months\" must be a non-empty string");
}

TEST(SchemaLoaderTest, RefusesABrokenIsoCodesFile) {
  SchemaCopy copy;
  copy.Write("iso.json", "{\"3166-1\": [ {\"alpha_2\": \"RU\", }");
  auto r = LoadSchema(copy.dir(), copy.Path("iso.json"));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message().rfind(copy.Path("iso.json") + ": not JSON: ", 0), 0u)
      << r.status().message();
}

TEST(SchemaLoaderTest, LoadsTheEventLexiconAndRelationCues) {
  const std::string dir = std::string(PARLEY_SOURCE_DIR) + "/schema";
  if (!fs::exists(kIsoCodesPath)) GTEST_SKIP() << kIsoCodesPath << " absent (Debian iso-codes)";
  auto r = LoadSchema(dir);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  std::set<std::string> types;
  for (const auto& t : r->event_types) {
    types.insert(t.type);
    EXPECT_FALSE(t.triggers.empty()) << t.type;
  }
  for (const char* t : {"meeting", "negotiation", "sanctions", "treaty", "arms_transfer", "strike",
                        "election", "visit", "press_conference", "proposal"}) {
    EXPECT_TRUE(types.count(t)) << t;
  }
  const EventTypeDef* meeting = nullptr;
  for (const auto& t : r->event_types) {
    if (t.type == "meeting") meeting = &t;
  }
  ASSERT_NE(meeting, nullptr);
  EXPECT_EQ(meeting->plover, "CONSULT");
  EXPECT_EQ(meeting->participants, "people");
  EXPECT_TRUE(Contains(meeting->triggers, "summit"));
  bool echoing = false, desire = false;
  for (const auto& c : r->relation_cues) {
    if (c.relation == "responded_to" && c.phrase == "echoing" && c.target == "scope")
      echoing = true;
    if (c.relation == "proposed" && c.phrase == "desire to conclude" && c.target == "after")
      desire = true;
  }
  EXPECT_TRUE(echoing);
  EXPECT_TRUE(desire);
  EXPECT_TRUE(Contains(r->reference_nouns, "warning"));
}

TEST(SchemaLoaderTest, EventLexiconIsOptional) {
  SchemaCopy copy;
  copy.Remove("events.yaml");
  auto r = LoadSchema(copy.dir(), kTestIso);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_TRUE(r->event_types.empty());
  EXPECT_TRUE(r->relation_cues.empty());
}

TEST(SchemaLoaderTest, RefusesABrokenEventLexiconWithLineAndColumn) {
  SchemaCopy copy;
  copy.Write("events.yaml",
             "plover_categories: [CONSULT]\n"
             "event_types:\n"
             "  - {type: meeting, plover: CONSLUT, triggers: [summit]}\n");
  EXPECT_EQ(copy.LoadError(), copy.Path("events.yaml") +
                                  ":3:29: unknown PLOVER category \"CONSLUT\" of \"meeting\" "
                                  "(allowed: CONSULT)");
  copy.Write("events.yaml",
             "event_types:\n"
             "  - {type: meeting, triggers: [summit]}\n"
             "  - {type: treaty, triggers: [pact, Summit]}\n");
  EXPECT_EQ(copy.LoadError(), copy.Path("events.yaml") +
                                  ":3:30: trigger \"summit\" of \"treaty\" already belongs to "
                                  "\"meeting\"");
  copy.Write("events.yaml",
             "event_types:\n"
             "  - {type: meeting, participants: everyone, triggers: [summit]}\n");
  EXPECT_EQ(copy.LoadError(), copy.Path("events.yaml") +
                                  ":2:35: participants must be people or states, not \"everyone\"");
  copy.Write("events.yaml",
             "event_types:\n"
             "  - {type: meeting, triggers: [summit]}\n"
             "relation_cues:\n"
             "  - {relation: answered, phrase: in reply to}\n");
  EXPECT_EQ(copy.LoadError(), copy.Path("events.yaml") +
                                  ":4:16: unknown relation \"answered\" (allowed: responded_to, "
                                  "proposed)");
  copy.Write("events.yaml",
             "event_types:\n"
             "  - {type: meeting, triggers: [summit]}\n"
             "relation_cues:\n"
             "  - {relation: proposed, phrase: called for, target: after}\n");
  // The minimal graph.yaml has no "proposed" edge.
  EXPECT_EQ(copy.LoadError(), copy.Path("events.yaml") +
                                  ":4:16: relation \"proposed\" is not an edge kind of "
                                  "graph.yaml");
  copy.Write("events.yaml", "event_types:\n  - {type: meeting, trigers: [summit]}\n");
  EXPECT_EQ(copy.LoadError(),
            copy.Path("events.yaml") +
                ":2:21: unknown field \"trigers\" in an event type (expected one of: type, "
                "plover, participants, min_parties, anaphoric, setting, triggers, verbs, note)");
}

TEST(SchemaLoaderTest, DefaultSchemaDirHonoursTheEnvironment) {
  const char* old = std::getenv("PARLEY_SCHEMA_DIR");
  std::string saved = old ? old : "";
  setenv("PARLEY_SCHEMA_DIR", "/elsewhere/schema", 1);
  EXPECT_EQ(DefaultSchemaDir(), "/elsewhere/schema");
  unsetenv("PARLEY_SCHEMA_DIR");
  EXPECT_EQ(DefaultSchemaDir(), std::string(PARLEY_SOURCE_DIR) + "/schema");
  if (old) setenv("PARLEY_SCHEMA_DIR", saved.c_str(), 1);
}

}  // namespace
}  // namespace parley::schema
