// The on-disk layout of the RocksDB store: column families, key codecs and the
// small fixed code of each edge kind. Internal to graph/store. Pure functions on
// values: thread-safe.
//
// Every id is a NodeId of graph/core/ids.h written as 8 bytes big-endian, so that
// byte order is numeric order. "be32"/"be64" are big-endian fixed-width integers;
// "~x" is the bitwise complement (newest first). Keys are raw bytes.
//
// clang-format off
// | cf        | key                                              | value                         |
// |-----------|--------------------------------------------------|-------------------------------|
// | default   | "format_version"                                 | "3"                           |
// | default   | "counters"                                       | 5 x be64: articles,           |
// |           |                                                  | statements, entities, events, |
// |           |                                                  | edges; then 14 x be64: edges  |
// |           |                                                  | of each kind, code 1..14      |
// | records   | 'a' <article:be64>                               | ArticleValue                  |
// | records   | 'x' <article:be64>                               | the article text (UTF-8)      |
// | records   | 's' <statement:be64>                             | StatementHead                 |
// | records   | 'e' <entity:be64>                                | EntityValue                   |
// | records   | 'v' <event:be64>                                 | EventValue                    |
// | out_edges | <src:be64> <kind:u8> <dst:be64>                  | varint refcount               |
// | in_edges  | <dst:be64> <kind:u8> <src:be64>                  | varint refcount               |
// | indexes   | 'P' <speaker:be64> <order>                       | PostingValue                  |
// | indexes   | 'M' <entity:be64> <order>                        | PostingValue                  |
// | indexes   | 'D' <order>                                      | PostingValue                  |
// |           |   <order> = <undated:u8> <~said:be32>            |                               |
// |           |     <~published:be32> <article:be64>             |                               |
// |           |     <begin:be32> <statement:be64> (29 bytes)     |                               |
// | indexes   | 'A' <article:be64> <statement:be64>              | ""                            |
// | indexes   | 'K' <speaker:be64> <words:be64>                  | <statement:be64>              |
// | indexes   | 'R' <speaker:be64> <when:be32> <reference:be64>  | ReferenceValue                |
// | indexes   | 'r' <statement:be64> <article:be64>              | that article's report         |
// | indexes   | 'T' <token bytes> 0x00 <entity:be64>             | ""                            |
// | ledger    | <external article id bytes>                      | LedgerValue                   |
// clang-format on
//
// - Dates are YYYYMMDD as a number (missing month/day = 00; "YYYY" and "YYYY-MM" are
//   accepted). 'P' orders a speaker's statements by utterance date, newest first,
//   undated (flag 1) last; then by publication date, newest first; then in text order.
// - <order> is one statement's place in that order, the same bytes in every posting
//   list: 'P' (by speaker), 'M' (by entity mentioned: the statement's `mentions`
//   edges to entities) and 'D' (every statement). So FindStatements intersects lists
//   by seeking each to the largest <order> of the others (a zig-zag join), a date
//   range is a range of <order>, and an article is a fixed field of it.
// - PostingValue: <type length:u8> <type> <speech act length:u8> <speech act>, so
//   type and speech-act filters need no record read. They are not lists of their own:
//   4 types and a few dozen acts are rarely selective, and two more entries per
//   statement would slow every write; a rare value costs a longer scan, bounded per
//   call by StoreOptions::find_scan_budget.
// - 'K' (merge key): a statement of a resolved speaker, not a reference, of 5 words or
//   more, is one node with every other statement of that speaker in the same words
//   in an article of the same publication day (search tokens of its content pieces and
//   the day, hashed): 'K' names that node while it lives.
// - A statement node: 's' holds its first report, its number of reports and how many
//   mention each entity (record_codec.h StatementHead); each report is an 'r' entry,
//   so a quote carried by hundreds of outlets is not one record rewritten by each.
// - 'R': each reference statement ("Zakharova's remarks on Monday", type reference)
//   with a resolved speaker; ReferenceValue = <target:be64> <said:be32> <bound:be32>
//   <article:be64> <words>; <when> = the date it gives, else its article's date. The
//   store keeps each joined to the best matching statement of that speaker (most
//   content words shared with the reference's sentence, then the longest) on that
//   date, else in the week before its article's (refers_to edge), among the window's
//   first 200 statements (newest first; StoreOptions::reference_window_cap) as the
//   store holds them after each write, re-deciding the references a write's statements
//   fall in the window of (found by <when>), so the join does not depend on which
//   article came first while windows stay within the cap. The writer keeps each
//   window's count across writes (in memory), so a window within the cap is re-decided
//   from its stored target and the write's own statements without a scan.
// - Format version 2 added 'M', 'D' and the PostingValue of 'P' (1 had "" there);
//   version 3 put the publication day into the 'K' merge key;
//   a store of an older version is refused with a message saying to load it again.
// - Events ('v') have no index of their own: Store::FindEvents scans the 'v' records
//   in id order (a cursor is the next event id), filtering each on its value. Events
//   are a few per article against tens of statements, so the scan is bounded by
//   the event count, O(events) per full walk, find_scan_budget records per call;
//   GetEvent reads the event's in_edges to list what links to it.
// - 'T' holds the search tokens of an entity: the words (runs of Unicode letters and
//   digits) of its name and of each alias, NFKD-decomposed without combining marks and
//   case-folded (ICU): "Erdoğan" -> "erdogan", "ПЕСКОВ" -> "песков".
// - Edge refcounts count the articles that contributed the edge; an edge whose count
//   reaches 0 is deleted from both out_edges and in_edges.
// - The ledger value lists everything an article wrote (statement and event ids, edges,
//   index keys, per-entity contributions), so a re-extraction can retract it exactly.
// - "counters" written before the edges-by-kind counts existed is 5 x be64 only; a
//   read-write open recounts the edges by kind once and rewrites it.
// - Values (see record_codec.h) are a compact binary codec: a leading format byte (1),
//   then fields in a fixed order; strings and lists are varint-length-prefixed, ids
//   be64, counts varint, optional fields a presence byte.
#ifndef PARLEY_GRAPH_STORE_KEY_FORMAT_H_
#define PARLEY_GRAPH_STORE_KEY_FORMAT_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "graph/core/ids.h"
#include "graph/store/edge_kind.h"  // EdgeKind, persisted in the edge keys

namespace parley::store {

// Column family names, in the order the store opens them (index 0 = default).
inline constexpr const char* kColumnFamilies[] = {"default",  "records", "out_edges",
                                                  "in_edges", "indexes", "ledger"};
enum Cf : int { kCfDefault = 0, kCfRecords, kCfOutEdges, kCfInEdges, kCfIndexes, kCfLedger };
inline constexpr int kNumColumnFamilies = 6;

inline constexpr char kFormatVersionKey[] = "format_version";
inline constexpr char kFormatVersion[] = "3";
inline constexpr char kCountersKey[] = "counters";

// Big-endian fixed-width integers.
void PutBe32(std::string* dst, uint32_t v);
void PutBe64(std::string* dst, uint64_t v);
uint32_t GetBe32(const char* p);
uint64_t GetBe64(const char* p);

// records
inline constexpr char kArticleTag = 'a';
inline constexpr char kArticleTextTag = 'x';
inline constexpr char kStatementTag = 's';
inline constexpr char kEntityTag = 'e';
inline constexpr char kEventTag = 'v';
std::string RecordKey(char tag, NodeId id);

// out_edges / in_edges: 17 bytes each.
struct EdgeKey {
  NodeId src;
  EdgeKind kind;
  NodeId dst;
  auto operator<=>(const EdgeKey&) const = default;
};
inline constexpr size_t kEdgeKeySize = 17;
std::string OutEdgeKey(const EdgeKey& e);
std::string InEdgeKey(const EdgeKey& e);
// Parses an out_edges key; nullopt when malformed.
std::optional<EdgeKey> ParseOutEdgeKey(std::string_view key);

// indexes
inline constexpr char kSpeakerIndexTag = 'P';
inline constexpr char kArticleIndexTag = 'A';
inline constexpr char kTokenIndexTag = 'T';
inline constexpr char kMentionIndexTag = 'M';
inline constexpr char kMergeIndexTag = 'K';
inline constexpr char kReferenceIndexTag = 'R';
inline constexpr char kReportIndexTag = 'r';
inline constexpr size_t kReportIndexKeySize = 1 + 8 + 8;
inline constexpr size_t kReferenceIndexKeySize = 1 + 8 + 4 + 8;
inline constexpr size_t kMergeIndexKeySize = 1 + 8 + 8;
inline constexpr char kDateIndexTag = 'D';
inline constexpr size_t kOrderSize = 1 + 4 + 4 + 8 + 4 + 8;
inline constexpr size_t kSpeakerIndexKeySize = 1 + 8 + kOrderSize;
inline constexpr size_t kMentionIndexKeySize = 1 + 8 + kOrderSize;
inline constexpr size_t kDateIndexKeySize = 1 + kOrderSize;

// YYYYMMDD of "YYYY-MM-DD", "YYYY-MM" or "YYYY"; nullopt for anything else.
std::optional<uint32_t> DateNumber(std::string_view date);

std::string SpeakerIndexPrefix(NodeId speaker);
std::string SpeakerIndexKey(NodeId speaker, std::optional<uint32_t> said,
                            std::optional<uint32_t> published, NodeId article, uint32_t begin,
                            NodeId statement);
// The statement id at the end of a 'P' key (which must be kSpeakerIndexKeySize long).
NodeId StatementOfSpeakerIndexKey(std::string_view key);

// A statement's <order> (see the table).
std::string StatementOrder(std::optional<uint32_t> said, std::optional<uint32_t> published,
                           NodeId article, uint32_t begin, NodeId statement);
// The fields of an <order> (which must be kOrderSize long).
NodeId StatementOfOrder(std::string_view order);
NodeId ArticleOfOrder(std::string_view order);
std::string MentionIndexPrefix(NodeId entity);
std::string MentionIndexKey(NodeId entity, std::string_view order);
std::string DateIndexKey(std::string_view order);
// 'K': the statement node holding what `speaker` said in these words (a words hash).
std::string MergeIndexKey(NodeId speaker, NodeId words);
// 'r': one article's report of a statement node.
std::string ReportIndexPrefix(NodeId statement);
std::string ReportIndexKey(NodeId statement, NodeId article);
// 'R': a reference statement naming `speaker`, and what it is joined to.
std::string ReferenceIndexPrefix(NodeId speaker);
// `when`: the date the reference gives, else its article's date (YYYYMMDD), else 0.
std::string ReferenceIndexKey(NodeId speaker, uint32_t when, NodeId reference);
NodeId ReferenceOfIndexKey(std::string_view key);  // kReferenceIndexKeySize long
struct ReferenceValue {
  NodeId target;       // the statement it refers to (refers_to edge), or invalid
  uint32_t said = 0;   // the date the reference gives (YYYYMMDD), 0 when none
  uint32_t bound = 0;  // its article's publication date, 0 when none
  NodeId article;      // its article
  std::string words;   // its context's words (see the store), space-separated
};
std::string EncodeReference(const ReferenceValue& v);
bool DecodeReference(std::string_view in, ReferenceValue* v);
// The PostingValue of a 'P', 'M' or 'D' entry; ParsePostingValue is false when malformed.
std::string PostingValue(std::string_view type, std::string_view speech_act);
bool ParsePostingValue(std::string_view value, std::string_view* type,
                       std::string_view* speech_act);

std::string ArticleIndexKey(NodeId article, NodeId statement);

// The search tokens of `text` (see the table above), in order, with repeats.
std::vector<std::string> SearchTokens(std::string_view text);
std::string TokenIndexKey(std::string_view token, NodeId entity);
// 'T' + token + 0x00: every entry of exactly that token.
std::string TokenIndexExactPrefix(std::string_view token);
// 'T' + prefix: every entry of a token starting with `prefix`.
std::string TokenIndexPrefix(std::string_view prefix);
// The entity at the end of a 'T' key; invalid NodeId when malformed.
NodeId EntityOfTokenIndexKey(std::string_view key);

// The smallest key greater than every key starting with `prefix` ("" when none: a
// prefix of 0xff bytes only).
std::string PrefixSuccessor(std::string prefix);

std::string HexEncode(std::string_view bytes);
std::optional<std::string> HexDecode(std::string_view hex);

}  // namespace parley::store

#endif  // PARLEY_GRAPH_STORE_KEY_FORMAT_H_
