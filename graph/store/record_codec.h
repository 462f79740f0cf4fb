// The values stored under the keys of key_format.h, and their binary codec.
// Internal to graph/store.
//
// Encoding: a format byte (kValueFormat = 1), then the fields in the order they are
// declared below. Integers are varints (LEB128) unless noted; NodeIds are be64;
// strings are a varint length then the bytes; lists are a varint count then the
// items; an optional is a presence byte (0/1) then the value. Decoding checks every
// length against the bytes left and fails on any trailing byte.
// Pure functions on values: thread-safe.
#ifndef PARLEY_GRAPH_STORE_RECORD_CODEC_H_
#define PARLEY_GRAPH_STORE_RECORD_CODEC_H_

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "graph/core/ids.h"
#include "graph/store/key_format.h"
#include "graph/store/store.h"

namespace parley::store {

inline constexpr uint8_t kValueFormat = 1;

// A string with the number of articles that contributed it.
struct CountedString {
  std::string value;
  uint32_t count = 0;
};

// An entity as stored: aliases and roles carry the number of articles that gave them,
// so retracting an article removes exactly what it alone contributed.
struct EntityValue {
  NodeKind kind = NodeKind::kPerson;
  std::string name;     // as first written
  std::string country;  // first non-empty country given; never retracted
  // persons: "male" or "female", the first an article gave; never retracted. Encoded
  // last as one byte (1 male, 2 female) only when known, so an entity without it has
  // the bytes it had before the field existed.
  std::string gender;
  std::vector<CountedString> aliases;
  std::vector<CountedString> roles;
  uint32_t article_count = 0;
  uint32_t statement_count = 0;
};
EntityRecord ToEntityRecord(NodeId id, const EntityValue& value);

struct EventValue {
  NodeId article;
  std::string local_id;
  std::string type;
  std::string name;
  std::optional<std::string> date;
  std::vector<NodeId> participants;
};

// What one article contributed to one entity.
struct EntityContribution {
  NodeId entity;
  uint32_t statements = 0;
  std::vector<std::string> aliases;  // distinct
  std::vector<std::string> roles;    // distinct
};

// The ledger entry of one article: how to recognise it and everything it wrote.
struct LedgerValue {
  std::string content_hash;
  std::string extractor_version;
  NodeId article;
  std::vector<NodeId> statements;
  std::vector<NodeId> events;
  std::vector<EdgeKey> edges;           // distinct; each holds one refcount
  std::vector<std::string> index_keys;  // 'P', 'M', 'D', 'A' keys (tokens follow entities)
  std::vector<EntityContribution> entities;
};

// Exact totals kept in the same batch as the writes they count.
struct Counters {
  int64_t articles = 0;
  int64_t statements = 0;
  int64_t entities = 0;
  int64_t events = 0;
  int64_t edges = 0;
  std::array<int64_t, kMaxEdgeKind + 1> edges_by_kind{};  // indexed by EdgeKind code; [0] unused
  bool has_edges_by_kind = true;  // false when decoded from a value written before they existed
};

std::string EncodeArticle(const ArticleRecord& r);
bool DecodeArticle(std::string_view in, ArticleRecord* r);
// A statement node as stored under 's': its record with its first report only
// (record.reports = {first}), how many reports it has (each under 'r' in indexes), and
// how many of them mention each entity. Reports live apart so that a quote carried by
// hundreds of outlets is not one record rewritten by each.
struct StatementHead {
  StatementRecord record;
  uint32_t report_count = 0;
  std::vector<std::pair<NodeId, uint32_t>> mentions;  // entity -> reports mentioning it
};
std::string EncodeStatementHead(const StatementHead& h);  // needs record.reports.size() == 1
bool DecodeStatementHead(std::string_view in, StatementHead* h);
// The record of a head (reports = {first}).
bool DecodeStatement(std::string_view in, StatementRecord* r);
// A report ends with a flags byte (bit 0 negative, bit 1 hedged) only when one is set:
// values written before the flags existed decode as positive and unhedged.
std::string EncodeReport(const StatementReport& p);
bool DecodeReport(std::string_view in, StatementReport* p);
// Copies reports[0] into the record's own fields (nothing when it has no report).
void SetFirstReport(StatementRecord* r);
std::string EncodeEntity(const EntityValue& v);
bool DecodeEntity(std::string_view in, EntityValue* v);
std::string EncodeEvent(const EventValue& v);
bool DecodeEvent(std::string_view in, EventValue* v);
std::string EncodeLedger(const LedgerValue& v);
bool DecodeLedger(std::string_view in, LedgerValue* v);
std::string EncodeCounters(const Counters& c);  // (5 + 13) x be64, no format byte
bool DecodeCounters(std::string_view in, Counters* c);
std::string EncodeRefcount(uint64_t count);  // a bare varint
bool DecodeRefcount(std::string_view in, uint64_t* count);

}  // namespace parley::store

#endif  // PARLEY_GRAPH_STORE_RECORD_CODEC_H_
