// The key codec and the value codec of graph/store: byte order is the order the
// queries rely on, and values survive a round trip and refuse damage.
#include "graph/store/key_format.h"

#include <gtest/gtest.h>

#include "graph/store/record_codec.h"

namespace parley::store {
namespace {

TEST(KeyFormatTest, BigEndianIdsSortNumerically) {
  EXPECT_LT(RecordKey(kEntityTag, NodeId(0x00ff)), RecordKey(kEntityTag, NodeId(0x0100)));
  EXPECT_LT(RecordKey(kEntityTag, NodeId(1)), RecordKey(kEntityTag, NodeId(0xff00000000000000ULL)));
  EXPECT_EQ(RecordKey(kStatementTag, NodeId(0x0102030405060708ULL)),
            std::string("s\x01\x02\x03\x04\x05\x06\x07\x08", 9));
}

TEST(KeyFormatTest, SpeakerKeysOrderNewestUtteranceFirstAndUndatedLast) {
  const NodeId speaker(7), article(9);
  const std::string newest = SpeakerIndexKey(speaker, 20251024, 20251025, article, 5, NodeId(1));
  const std::string older = SpeakerIndexKey(speaker, 20240101, 20251025, article, 1, NodeId(2));
  const std::string year_only =
      SpeakerIndexKey(speaker, 20230000, std::nullopt, article, 1, NodeId(3));
  const std::string undated =
      SpeakerIndexKey(speaker, std::nullopt, 20251025, article, 0, NodeId(4));
  EXPECT_LT(newest, older);
  EXPECT_LT(older, year_only);
  EXPECT_LT(year_only, undated);
  EXPECT_EQ(newest.size(), kSpeakerIndexKeySize);
  EXPECT_EQ(StatementOfSpeakerIndexKey(undated), NodeId(4));
  // Same utterance date: newer publication first, then text order.
  EXPECT_LT(SpeakerIndexKey(speaker, 20250101, 20250301, article, 9, NodeId(5)),
            SpeakerIndexKey(speaker, 20250101, 20250201, article, 1, NodeId(6)));
  EXPECT_LT(SpeakerIndexKey(speaker, 20250101, 20250301, article, 1, NodeId(8)),
            SpeakerIndexKey(speaker, 20250101, 20250301, article, 9, NodeId(5)));
}

TEST(KeyFormatTest, DateNumberAcceptsFullAndPartialDatesOnly) {
  EXPECT_EQ(DateNumber("2025-10-24"), 20251024u);
  EXPECT_EQ(DateNumber("2025-10"), 20251000u);
  EXPECT_EQ(DateNumber("2025"), 20250000u);
  EXPECT_FALSE(DateNumber("2025-13-01"));
  EXPECT_FALSE(DateNumber("24/10/2025"));
  EXPECT_FALSE(DateNumber("2025-1-1"));
  EXPECT_FALSE(DateNumber(""));
}

TEST(KeyFormatTest, SearchTokensAreCaseAndAccentFoldedUnicodeWords) {
  EXPECT_EQ(SearchTokens("Dmitry  PESKOV's"), (std::vector<std::string>{"dmitry", "peskov", "s"}));
  EXPECT_EQ(SearchTokens("Jean-Claude Juncker"),
            (std::vector<std::string>{"jean", "claude", "juncker"}));
  // Marks go everywhere, so "й" folds to "и" as "ё" to "е": both sides of a search agree.
  EXPECT_EQ(SearchTokens("«ПЕСКОВ» Дмитрий Алёна"),
            (std::vector<std::string>{"песков", "дмитрии", "алена"}));
  EXPECT_EQ(SearchTokens("Recep Tayyip Erdoğan"),
            (std::vector<std::string>{"recep", "tayyip", "erdogan"}));
  EXPECT_EQ(SearchTokens("Ursula von der LEYEN, Édouard"),
            (std::vector<std::string>{"ursula", "von", "der", "leyen", "edouard"}));
  EXPECT_EQ(SearchTokens("Zelenskyy\xe2\x80\x94Kyiv"),
            (std::vector<std::string>{"zelenskyy", "kyiv"}));
  EXPECT_EQ(SearchTokens("bad\xff\xfe"
                         "bytes"),
            (std::vector<std::string>{"bad", "bytes"}));
  EXPECT_TRUE(SearchTokens(" ,. ").empty());
}

TEST(KeyFormatTest, TokenKeysOfOneWordShareTheExactPrefixOnly) {
  const std::string peskov = TokenIndexKey("peskov", NodeId(3));
  const std::string peskova = TokenIndexKey("peskova", NodeId(4));
  EXPECT_TRUE(peskov.starts_with(TokenIndexExactPrefix("peskov")));
  EXPECT_FALSE(peskova.starts_with(TokenIndexExactPrefix("peskov")));
  EXPECT_TRUE(peskova.starts_with(TokenIndexPrefix("pesk")));
  EXPECT_EQ(EntityOfTokenIndexKey(peskova), NodeId(4));
  EXPECT_EQ(PrefixSuccessor("ab"), "ac");
  EXPECT_EQ(PrefixSuccessor(std::string("a\xff", 2)), "b");
  EXPECT_EQ(PrefixSuccessor(std::string("\xff", 1)), "");
}

TEST(KeyFormatTest, EdgeKeysMirrorEachOther) {
  const EdgeKey e{NodeId(1), EdgeKind::kSaid, NodeId(2)};
  EXPECT_EQ(OutEdgeKey(e).size(), kEdgeKeySize);
  EXPECT_EQ(ParseOutEdgeKey(OutEdgeKey(e)), e);
  EXPECT_EQ(InEdgeKey(e).substr(0, 8), OutEdgeKey(e).substr(9, 8));
  EXPECT_EQ(EdgeKindFromName("responded_to"), EdgeKind::kRespondedTo);
  EXPECT_EQ(EdgeKindName(EdgeKind::kPublishedIn), "published_in");
  EXPECT_FALSE(EdgeKindFromName("sayd"));
}

TEST(RecordCodecTest, StatementRoundTripsAndRefusesTruncation) {
  StatementRecord r;
  r.id = NodeId(42);
  r.speaker_id = NodeId(7);
  r.speaker_name = "Dmitry Peskov";
  r.same_words = NodeId(11);
  StatementReport first;
  first.local_id = "s3";
  first.text = std::string("a \"quoted\" text with\0 a nul", 27);
  first.type = "direct";
  first.date = "2025-10-24";
  first.article_id = NodeId(9);
  first.content = {115, 290};
  first.reported_by = NodeId(5);
  first.mentions = {NodeId(3), NodeId(4)};
  r.reports = {first};
  StatementHead head{r, 2, {{NodeId(3), 2}, {NodeId(4), 1}}};
  const std::string bytes = EncodeStatementHead(head);
  StatementHead back_head;
  ASSERT_TRUE(DecodeStatementHead(bytes, &back_head));
  EXPECT_EQ(back_head.report_count, 2u);
  EXPECT_EQ(back_head.mentions, head.mentions);
  StatementRecord back;
  ASSERT_TRUE(DecodeStatement(bytes, &back));
  EXPECT_EQ(back.id, r.id);
  EXPECT_EQ(back.same_words, r.same_words);
  EXPECT_EQ(back.speaker_name, r.speaker_name);
  // The record's own fields are its first report's.
  EXPECT_EQ(back.text, first.text);
  EXPECT_EQ(back.date, first.date);
  EXPECT_EQ(back.article_id, first.article_id);
  EXPECT_EQ(back.published, std::nullopt);
  EXPECT_EQ(back.content, first.content);
  EXPECT_EQ(back.reported_by, first.reported_by);
  ASSERT_EQ(back.reports.size(), 1u);
  EXPECT_EQ(back.reports[0].mentions, first.mentions);
  StatementReport second = first;
  second.article_id = NodeId(10);
  second.published = "2025-10-25";
  second.cue = "told reporters";
  StatementReport back_report;
  ASSERT_TRUE(DecodeReport(EncodeReport(second), &back_report));
  EXPECT_EQ(back_report.article_id, NodeId(10));
  EXPECT_EQ(back_report.published, "2025-10-25");
  EXPECT_EQ(back_report.cue, "told reporters");
  StatementHead none = head;
  none.report_count = 0;
  EXPECT_FALSE(DecodeStatementHead(EncodeStatementHead(none), &back_head))
      << "a statement has a report";
  for (size_t n = 0; n < bytes.size(); ++n) {
    StatementRecord junk;
    EXPECT_FALSE(DecodeStatement(bytes.substr(0, n), &junk)) << "prefix of " << n << " bytes";
  }
  StatementRecord junk;
  EXPECT_FALSE(DecodeStatement(bytes + "x", &junk));
}

TEST(RecordCodecTest, ReportFlagsRoundTripAndAreOptionalForOlderValues) {
  StatementReport plain;
  plain.local_id = "s1";
  plain.text = "the ferry may run";
  plain.article_id = NodeId(9);
  for (auto [negative, hedged] : {std::pair{true, false}, {false, true}, {true, true}}) {
    StatementReport p = plain;
    p.negative = negative;
    p.hedged = hedged;
    StatementReport back;
    ASSERT_TRUE(DecodeReport(EncodeReport(p), &back));
    EXPECT_EQ(back.negative, negative);
    EXPECT_EQ(back.hedged, hedged);
    StatementRecord r;
    r.id = NodeId(42);
    r.reports = {p};
    StatementRecord back_record;
    ASSERT_TRUE(DecodeStatement(EncodeStatementHead(StatementHead{r, 1, {}}), &back_record));
    EXPECT_EQ(back_record.negative, negative);  // the record's are its first report's
    EXPECT_EQ(back_record.hedged, hedged);
    EXPECT_EQ(back_record.reports[0].hedged, hedged);
  }
  // A positive, unhedged report is written as before the flags existed (no flags byte),
  // so values stored then decode, as positive and unhedged.
  const std::string old_bytes = EncodeReport(plain);
  StatementReport flagged = plain;
  flagged.hedged = true;
  EXPECT_EQ(EncodeReport(flagged), old_bytes + std::string(1, '\x02'));
  StatementReport back;
  back.negative = back.hedged = true;
  ASSERT_TRUE(DecodeReport(old_bytes, &back));
  EXPECT_FALSE(back.negative);
  EXPECT_FALSE(back.hedged);
  // A flags byte of 0 or above 3 is no flags byte.
  for (char bad : {'\x00', '\x04', '\xff'}) {
    EXPECT_FALSE(DecodeReport(old_bytes + std::string(1, bad), &back)) << int(bad);
  }
}

TEST(RecordCodecTest, EntityGenderRoundTripsAndIsOptionalForOlderValues) {
  EntityValue plain;
  plain.kind = NodeKind::kPerson;
  plain.name = "Lena Ortiz";
  plain.aliases = {{"Ortiz", 2}};
  plain.article_count = 2;
  const std::string old_bytes = EncodeEntity(plain);
  for (const char* gender : {"male", "female"}) {
    EntityValue v = plain;
    v.gender = gender;
    EntityValue back;
    ASSERT_TRUE(DecodeEntity(EncodeEntity(v), &back));
    EXPECT_EQ(back.gender, gender);
    EXPECT_EQ(back.name, "Lena Ortiz");
    EXPECT_EQ(EncodeEntity(v).size(), old_bytes.size() + 1);
  }
  // Unknown: the bytes of a value written before the field existed, which decode as
  // unknown.
  EntityValue back;
  back.gender = "female";
  ASSERT_TRUE(DecodeEntity(old_bytes, &back));
  EXPECT_EQ(back.gender, "");
  for (char bad : {'\x00', '\x03', '\xff'}) {
    EXPECT_FALSE(DecodeEntity(old_bytes + std::string(1, bad), &back)) << int(bad);
  }
  EXPECT_FALSE(DecodeEntity(old_bytes + std::string("\x01\x01"), &back));
  EXPECT_EQ(ToEntityRecord(NodeId(7), [&] {
              EntityValue v = plain;
              v.gender = "female";
              return v;
            }()).gender,
            "female");
}

TEST(RecordCodecTest, LedgerRoundTrips) {
  LedgerValue v;
  v.content_hash = "00c0ffee00c0ffee";
  v.extractor_version = "rules-1";
  v.article = NodeId(1);
  v.statements = {NodeId(2), NodeId(3)};
  v.edges = {{NodeId(4), EdgeKind::kSaid, NodeId(2)}};
  v.index_keys = {std::string("P\0\1", 3)};
  v.entities = {{NodeId(4), 2, {"Peskov"}, {"spokesman"}}};
  LedgerValue back;
  ASSERT_TRUE(DecodeLedger(EncodeLedger(v), &back));
  EXPECT_EQ(back.statements, v.statements);
  EXPECT_EQ(back.edges, v.edges);
  EXPECT_EQ(back.index_keys, v.index_keys);
  ASSERT_EQ(back.entities.size(), 1u);
  EXPECT_EQ(back.entities[0].statements, 2u);
  EXPECT_EQ(back.entities[0].roles, std::vector<std::string>{"spokesman"});
  uint64_t count = 0;
  ASSERT_TRUE(DecodeRefcount(EncodeRefcount(300), &count));
  EXPECT_EQ(count, 300u);
}

}  // namespace
}  // namespace parley::store
