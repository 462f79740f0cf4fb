// Tests of extractors/document_reader.cc on real files in a temporary directory:
// plain-text articles, JSONL, standard input, and every kind of bad input, each
// skipped with a message naming the file (and line) while the rest goes on.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "extractors/document_reader.h"
#include "extractors/extraction_json.h"

namespace parley::extractors {
namespace {

namespace fs = std::filesystem;

class ReaderTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/parley_reader_test_XXXXXX";
    dir_ = mkdtemp(tmpl);
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::string Write(const std::string& name, const std::string& bytes) {
    std::string path = dir_ + "/" + name;
    std::ofstream(path, std::ios::binary | std::ios::trunc) << bytes;
    return path;
  }

  // Reads `path`; the documents go to docs_, the problems to problems_.
  Status Read(const std::string& path, ReadOptions options = {}) {
    docs_.clear();
    problems_.clear();
    return ReadDocuments(
        path, options, [this](Document&& d) { docs_.push_back(std::move(d)); }, &problems_);
  }

  // "where | message" per problem, for one EXPECT_EQ.
  std::vector<std::string> Problems() const {
    std::vector<std::string> out;
    for (const auto& p : problems_) out.push_back(p.where + " | " + p.status.message());
    return out;
  }

  std::string dir_;
  std::vector<Document> docs_;
  std::vector<ReadProblem> problems_;
};

// --- Plain-text articles ---------------------------------------------------------------

TEST_F(ReaderTest, ReadsATextArticleWholeWithTitleAfterTheDateline) {
  const std::string text =
      "Tuesday, 02 January 2024 12:17 GMT\n\n"
      "Putin, Trump Still Open To Meeting: Russia\n\n\n"
      "(MENAFN- AzerNews) Kremlin spokesperson Dmitry Peskov has said ...\n";
  std::string path = Write("menafn-peskov.txt", text);
  ASSERT_TRUE(Read(path).ok());
  EXPECT_TRUE(problems_.empty()) << ::testing::PrintToString(Problems());
  ASSERT_EQ(docs_.size(), 1u);
  EXPECT_EQ(docs_[0].id, "menafn-peskov");
  EXPECT_EQ(docs_[0].title, "Putin, Trump Still Open To Meeting: Russia");
  EXPECT_EQ(docs_[0].text, text);  // whole, dateline included
  EXPECT_EQ(docs_[0].date, std::nullopt);
  EXPECT_EQ(docs_[0].origin, path);
}

TEST_F(ReaderTest, ReadsTheSeedArticle) {
  const std::string seed = std::string(PARLEY_SHARED_DIR) + "/seed/menafn-peskov-summit.txt";
  if (!fs::exists(seed)) GTEST_SKIP() << seed << " is absent (../shared not laid out)";
  ASSERT_TRUE(Read(seed).ok());
  ASSERT_EQ(docs_.size(), 1u);
  EXPECT_EQ(docs_[0].id, "menafn-peskov-summit");
  EXPECT_EQ(docs_[0].title, "Putin, Trump Still Open To Meeting: Russia");
  std::ifstream in(seed, std::ios::binary);
  std::stringstream whole;
  whole << in.rdbuf();
  EXPECT_EQ(docs_[0].text, whole.str());
}

TEST_F(ReaderTest, RecognisesDatelinesButNotTitlesThatMentionMonths) {
  struct Case {
    std::string first_line;
    std::string title;  // what the title must be
  };
  const std::vector<Case> cases = {
      {"October 25, 2025", "Headline"},
      {"Oct. 25, 2025 10:00 AM ET", "Headline"},
      {"2025-10-25 10:00 GMT", "Headline"},
      {"Updated: Sat 25 Oct 2025, 14:03 BST", "Headline"},
      {"25th October 2025", "Headline"},
      {"May Day Protests Grow In 2025", "May Day Protests Grow In 2025"},
      {"March 2025: Talks Resume", "March 2025: Talks Resume"},
      {"Monday", "Monday"},  // no number: a one-word title, not a dateline
  };
  for (const auto& c : cases) {
    std::string path = Write("a.txt", "\n  " + c.first_line + "  \n\nHeadline\n\nBody.\n");
    ASSERT_TRUE(Read(path).ok());
    ASSERT_EQ(docs_.size(), 1u) << c.first_line;
    EXPECT_EQ(docs_[0].title, c.title) << c.first_line;
  }
}

TEST_F(ReaderTest, NormalisesCrlfAndDropsAByteOrderMark) {
  std::string path = Write("crlf.text", "\xEF\xBB\xBFTitle line\r\n\r\nBody \"quoted\".\r\n");
  ASSERT_TRUE(Read(path).ok());
  ASSERT_EQ(docs_.size(), 1u);
  EXPECT_EQ(docs_[0].id, "crlf");
  EXPECT_EQ(docs_[0].title, "Title line");
  EXPECT_EQ(docs_[0].text, "Title line\n\nBody \"quoted\".\n");
}

TEST_F(ReaderTest, SkipsAnEmptyTextFile) {
  std::string empty = Write("empty.txt", "");
  ASSERT_TRUE(Read(empty).ok());
  EXPECT_TRUE(docs_.empty());
  EXPECT_EQ(Problems(), std::vector<std::string>{empty + " | " + empty + ": empty file; skipped"});
  std::string blank = Write("blank.txt", " \n\t\r\n\n");
  ASSERT_TRUE(Read(blank).ok());
  EXPECT_TRUE(docs_.empty());
  EXPECT_EQ(Problems(), std::vector<std::string>{blank + " | " + blank + ": empty file; skipped"});
}

TEST_F(ReaderTest, SkipsABinaryFile) {
  std::string path = Write("image.txt", std::string("GIF\0\x01\x02 binary", 13));
  ASSERT_TRUE(Read(path).ok());
  EXPECT_TRUE(docs_.empty());
  EXPECT_EQ(Problems(),
            std::vector<std::string>{path + " | " + path +
                                     ": binary data (NUL byte at byte offset 3); skipped"});
}

TEST_F(ReaderTest, SkipsInvalidUtf8NamingTheByteOffset) {
  struct Case {
    std::string bytes;
    size_t offset;
  };
  const std::vector<Case> cases = {
      {"Caf\xE9 au lait", 3},               // Latin-1
      {"ok \xC3\xA9 then \xC0\x80", 11},    // overlong NUL
      {"surrogate \xED\xA0\x80 here", 10},  // UTF-16 surrogate
      {"cut short \xE2\x82", 10},           // truncated sequence at the end
      {"too high \xF4\x90\x80\x80", 9},     // above U+10FFFF
  };
  for (const auto& c : cases) {
    std::string path = Write("latin1.txt", c.bytes);
    ASSERT_TRUE(Read(path).ok());
    EXPECT_TRUE(docs_.empty());
    EXPECT_EQ(Problems(),
              std::vector<std::string>{path + " | " + path + ": invalid UTF-8 at byte offset " +
                                       std::to_string(c.offset) + "; skipped"});
  }
  // Valid multi-byte text passes: 2, 3 and 4-byte sequences.
  std::string ok = Write(
      "utf8.txt",
      "Zelensky \xE2\x80\x94 \xD0\x9F\xD0\xB5\xD1\x81\xD0\xBA\xD0\xBE\xD0\xB2 \xF0\x9F\x87\xBA\n");
  ASSERT_TRUE(Read(ok).ok());
  EXPECT_EQ(docs_.size(), 1u);
  EXPECT_TRUE(problems_.empty());
}

TEST_F(ReaderTest, RefusesAGiantTextArticleWithoutReadingIt) {
  std::string path = dir_ + "/giant.txt";
  { std::ofstream(path) << "x"; }
  // 50 MB, sparse: measured by its size, never read.
  fs::resize_file(path, 50u << 20);
  ASSERT_TRUE(Read(path).ok());
  EXPECT_TRUE(docs_.empty());
  ASSERT_EQ(problems_.size(), 1u);
  EXPECT_EQ(problems_[0].status.code(), Status::Code::kTooLarge);
  EXPECT_EQ(problems_[0].status.message(),
            path + ": article of 52428800 bytes is over the limit of 4194304 bytes; skipped");
  // The limit is the option's.
  std::string small = Write("small.txt", "Twelve bytes");
  ReadOptions options;
  options.max_article_bytes = 11;
  ASSERT_TRUE(Read(small, options).ok());
  EXPECT_TRUE(docs_.empty());
  ASSERT_EQ(problems_.size(), 1u);
  EXPECT_EQ(problems_[0].status.code(), Status::Code::kTooLarge);
  options.max_article_bytes = 12;
  ASSERT_TRUE(Read(small, options).ok());
  EXPECT_EQ(docs_.size(), 1u);
}

TEST_F(ReaderTest, FailsOnlyWhenTheFileCannotBeOpened) {
  Status missing = Read(dir_ + "/nope.txt");
  EXPECT_EQ(missing.code(), Status::Code::kIOError);
  EXPECT_EQ(missing.message(), dir_ + "/nope.txt: cannot open: No such file or directory");
  Status missing_jsonl = Read(dir_ + "/nope.jsonl");
  EXPECT_EQ(missing_jsonl.code(), Status::Code::kIOError);
  EXPECT_EQ(Read(dir_).code(), Status::Code::kIOError);  // a directory
  fs::create_directory(dir_ + "/d.jsonl");
  EXPECT_EQ(Read(dir_ + "/d.jsonl").code(), Status::Code::kIOError);
}

// --- JSONL ------------------------------------------------------------------------------

TEST_F(ReaderTest, ReadsJsonlSkippingBadLinesAndGoingOn) {
  std::string path = Write(
      "batch.jsonl",
      "{\"id\": \"a1\", \"text\": \"Peskov said \\\"yes\\\".\", \"date\": \"2025-10-24\", "
      "\"title\": \"T\", \"source\": \"seed\", \"annotator\": \"x\"}\n"  // 1: fine, extra key
                                                                         // ignored
      "\n"                                                               // 2: blank
      "   \n"                                                            // 3: blank
      "not json at all\n"                                                // 4
      "[1, 2]\n"                                                         // 5
      "{\"text\": \"no id\"}\n"                                          // 6
      "{\"id\": \"b\"}\n"                                                // 7
      "{\"id\": \"c\", \"text\": \"  \"}\n"                              // 8
      "{\"id\": 5, \"text\": \"x\"}\n"                                   // 9
      "{\"id\": \"d\", \"text\": [\"x\"]}\n"                             // 10
      "{\"id\": \"e\", \"text\": \"caf\xE9\"}\n"                         // 11: Latin-1 byte
      "{\"id\": \"f\", \"text\": \"bad\", \"date\": \"yesterday\"}\n"    // 12
      "{\"id\": \"\", \"text\": \"x\"}\n"                                // 13
      "{\"id\": \"g\", \"text\": \"line one\\r\\nline two\", \"date\": \"2016-09-12T10:00:00Z\", "
      "\"title\": null}\r\n"                                               // 14: CRLF, timestamp
      "{\"id\": \"h\", \"text\": \"x\", \"date\": null, \"source\": 3}\n"  // 15
      "{\"id\": \"i\", \"text\": \"x\"} trailing\n"                        // 16
      "{\"id\": \"j\", \"text\": \"\\ud800\"}\n"                           // 17: lone surrogate
      "{\"id\": \"k\", \"text\": \"last\"}");                              // 18: no final newline
  ASSERT_TRUE(Read(path).ok());
  ASSERT_EQ(docs_.size(), 3u);
  EXPECT_EQ(docs_[0].id, "a1");
  EXPECT_EQ(docs_[0].text, "Peskov said \"yes\".");
  EXPECT_EQ(docs_[0].date, std::optional<std::string>("2025-10-24"));
  EXPECT_EQ(docs_[0].title, "T");
  EXPECT_EQ(docs_[0].source, "seed");
  EXPECT_EQ(docs_[0].origin, path + ":1");
  EXPECT_EQ(docs_[1].id, "g");
  EXPECT_EQ(docs_[1].text, "line one\nline two");
  EXPECT_EQ(docs_[1].date, std::optional<std::string>("2016-09-12"));
  EXPECT_EQ(docs_[1].title, "");
  EXPECT_EQ(docs_[1].origin, path + ":14");
  EXPECT_EQ(docs_[2].id, "k");
  EXPECT_EQ(docs_[2].origin, path + ":18");

  auto at = [&](int line, const std::string& what) {
    std::string where = path + ":" + std::to_string(line);
    return where + " | " + where + ": " + what + "; skipped";
  };
  EXPECT_EQ(
      Problems(),
      (std::vector<std::string>{
          at(4, "not JSON: Invalid value. (at byte 1)"),
          at(5, "not a JSON object"),
          at(6, "missing \"id\""),
          at(7, "missing \"text\" (document \"b\")"),
          at(8, "empty \"text\" (document \"c\")"),
          at(9, "\"id\" is not a string"),
          at(10, "\"text\" is not a string"),
          at(11, "invalid UTF-8 at byte offset 24"),
          at(12, "\"date\" is not a YYYY-MM-DD day: \"yesterday\" (document \"f\")"),
          at(13, "empty \"id\""),
          at(15, "\"source\" is not a string"),
          at(16, "not JSON: The document root must not be followed by other values. (at byte 25)"),
          at(17, "not JSON: The surrogate pair in string is invalid. (at byte 21)"),
      }));
  for (const auto& p : problems_) EXPECT_TRUE(p.status.IsInvalidArgument()) << p.where;
}

// A plain line is read with simdjson, one with a \u escape with rapidjson (which
// also names every problem): the same document either way, the first of duplicate
// keys, nested members with the same names ignored, nulls of optional fields absent.
TEST_F(ReaderTest, ReadsAJsonlDocumentTheSameWithEitherParser) {
  const std::string path = Write(
      "both.jsonl",
      "{\"id\": \"p\", \"meta\": {\"id\": \"inner\", \"text\": 1}, "
      "\"text\": \"She said \\\"no\\\"\\n\\tthen left/\", \"id\": \"second\", \"title\": null, "
      "\"date\": \"2024-01-02\", \"n\": [1.5e3, -2, true, null]}\n"
      "{\"id\": \"\\u0070\", \"meta\": {\"id\": \"inner\", \"text\": 1}, "
      "\"text\": \"She said \\\"no\\\"\\n\\tthen left\\/\", \"id\": \"second\", \"title\": null, "
      "\"date\": \"2024-01-02\", \"n\": [1.5e3, -2, true, null]}\n");
  ASSERT_TRUE(Read(path).ok());
  EXPECT_EQ(Problems(), std::vector<std::string>{});
  ASSERT_EQ(docs_.size(), 2u);
  for (const Document& d : docs_) {
    SCOPED_TRACE(d.origin);
    EXPECT_EQ(d.id, "p");
    EXPECT_EQ(d.text, "She said \"no\"\n\tthen left/");
    EXPECT_EQ(d.title, "");
    EXPECT_EQ(d.date, std::optional<std::string>("2024-01-02"));
    EXPECT_EQ(d.source, "");
  }
}

TEST_F(ReaderTest, RefusesAGiantJsonlLineWithoutHoldingItAndGoesOn) {
  ReadOptions options;
  options.max_article_bytes =
      1000;  // lines up to 4 x 256 KiB are read; texts up to 1000 bytes kept
  std::string giant = "{\"id\": \"giant\", \"text\": \"" + std::string(3u << 20, 'a') + "\"}";
  std::string big_text = "{\"id\": \"big\", \"text\": \"" + std::string(1001, 'b') + "\"}";
  std::string path =
      Write("giant.ndjson", "{\"id\": \"before\", \"text\": \"x\"}\n" + giant + "\n" + big_text +
                                "\n{\"id\": \"after\", \"text\": \"y\"}\n");
  ASSERT_TRUE(Read(path, options).ok());
  ASSERT_EQ(docs_.size(), 2u);
  EXPECT_EQ(docs_[0].id, "before");
  EXPECT_EQ(docs_[1].id, "after");
  EXPECT_EQ(docs_[1].origin, path + ":4");
  ASSERT_EQ(problems_.size(), 2u);
  EXPECT_EQ(problems_[0].where, path + ":2");
  EXPECT_EQ(problems_[0].status.code(), Status::Code::kTooLarge);
  EXPECT_EQ(problems_[0].status.message(),
            path + ":2: line of " + std::to_string(giant.size()) +
                " bytes is over the limit of 1048576 bytes; skipped");
  EXPECT_EQ(problems_[1].status.code(), Status::Code::kTooLarge);
  EXPECT_EQ(problems_[1].status.message(),
            path + ":3: text of document \"big\" has 1001 bytes, over the limit of 1000; skipped");
}

TEST_F(ReaderTest, SkipsAnEmptyOrBinaryJsonlFileWithOneMessage) {
  std::string empty = Write("empty.jsonl", "\n\n  \n");
  ASSERT_TRUE(Read(empty).ok());
  EXPECT_TRUE(docs_.empty());
  EXPECT_EQ(Problems(),
            std::vector<std::string>{empty + " | " + empty + ": empty file: no documents"});

  std::string binary_bytes(5000, '\0');
  for (size_t i = 0; i < binary_bytes.size(); i += 7) binary_bytes[i] = '\n';
  binary_bytes[1] = 'P';
  std::string binary = Write("dump.JSONL", binary_bytes);
  ASSERT_TRUE(Read(binary).ok());
  EXPECT_TRUE(docs_.empty());
  EXPECT_EQ(Problems(),
            std::vector<std::string>{
                binary + ":2 | " + binary +
                ":2: binary file (NUL byte at byte offset 1 of the line); whole file skipped"});
}

TEST_F(ReaderTest, ReadsJsonlFromStandardInput) {
  std::istringstream input("\xEF\xBB\xBF{\"id\": \"s1\", \"text\": \"from stdin\"}\n\n{oops}\n");
  std::streambuf* old = std::cin.rdbuf(input.rdbuf());
  Status status = Read("-");
  std::cin.rdbuf(old);
  ASSERT_TRUE(status.ok());
  ASSERT_EQ(docs_.size(), 1u);
  EXPECT_EQ(docs_[0].id, "s1");
  EXPECT_EQ(docs_[0].origin, "<stdin>:1");
  ASSERT_EQ(problems_.size(), 1u);
  EXPECT_EQ(problems_[0].where, "<stdin>:3");
}

TEST_F(ReaderTest, ReadsThePolnearDevSet) {
  const std::string dev = (fs::path(PARLEY_SHARED_DIR) / "eval" / "polnear" / "dev.jsonl").string();
  if (!fs::exists(dev)) GTEST_SKIP() << dev << " is absent (../shared not laid out)";
  ASSERT_TRUE(Read(dev).ok());
  EXPECT_TRUE(problems_.empty()) << ::testing::PrintToString(Problems());
  EXPECT_EQ(docs_.size(), 84u);
  for (const auto& d : docs_) {
    EXPECT_FALSE(d.id.empty());
    EXPECT_FALSE(d.text.empty());
    EXPECT_TRUE(d.date.has_value()) << d.id;
  }
}

// A hostile line nested hundreds of thousands deep is refused with a message, not a
// stack overflow: the JSONL parsers are iterative.
TEST_F(ReaderTest, RefusesADeeplyNestedLineWithoutCrashing) {
  const std::string deep(300000, '[');
  std::string path = Write("deep.jsonl", deep + std::string(300000, ']') + "\n" +
                                             "{\"id\": \"ok\", \"text\": \"Fine.\"}\n");
  ASSERT_TRUE(Read(path).ok());
  ASSERT_EQ(docs_.size(), 1u);
  EXPECT_EQ(docs_[0].id, "ok");
  ASSERT_EQ(problems_.size(), 1u);
  EXPECT_NE(problems_[0].status.message().find("not a JSON object"), std::string::npos)
      << problems_[0].status.ToString();
  auto x = ExtractionFromJson("{\"id\": \"x\", \"deep\": " + deep + "}");
  EXPECT_FALSE(x.ok());
}

}  // namespace
}  // namespace parley::extractors
