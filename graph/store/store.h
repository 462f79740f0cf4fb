// Store: where extractions live. One Extraction (one article) is applied as one
// atomic write covering its article, statement, entity and event records, its
// edges, its index entries and its ledger entry; a reader never sees half of an
// article. Two implementations share this interface and one conformance suite:
// RocksDB in a local folder (the default) and an in-memory map (tests, tools).
//
// Thread-safety: all methods may be called concurrently; writes are serialised
// inside the store; each read sees one consistent snapshot.
#ifndef PARLEY_GRAPH_STORE_STORE_H_
#define PARLEY_GRAPH_STORE_STORE_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "graph/core/extraction.h"
#include "graph/core/ids.h"
#include "graph/core/status.h"

namespace parley::store {

struct StoreOptions {
  bool create_if_missing = true;  // create the folder and database when absent
  bool sync = false;              // fsync each article's write (survives power loss, slower)
  bool read_only = false;         // open without taking the write lock (a second reader)
};

struct ArticleRecord {
  NodeId id;
  std::string external_id;  // the id given by the input ("menafn-peskov-summit")
  std::string title;
  std::optional<std::string> published;
  std::vector<std::string> outlets;
  std::vector<std::string> warnings;
  std::string content_hash;
  std::string extractor_version;
  uint32_t statement_count = 0;
};

struct EntityRecord {
  NodeId id;
  std::string type;  // person | country | organization
  std::string name;
  std::vector<std::string> aliases;
  std::vector<std::string> roles;
  std::string country;
  uint32_t article_count = 0;    // articles that mention it
  uint32_t statement_count = 0;  // statements it made
};

struct StatementRecord {
  NodeId id;
  std::string local_id;  // "s3" within its article
  std::string text;
  std::string type;
  std::string cue;
  std::string speech_act;
  std::optional<std::string> date;  // utterance date
  NodeId speaker_id;                // invalid (0) when unresolved
  std::string speaker_name;         // "" when unresolved
  NodeId article_id;
  std::string article_external_id;
  std::string article_title;
  std::optional<std::string> published;
  Span content;
  NodeId reported_by;  // statement reporting this one, or invalid
};

struct StoreStats {
  uint64_t articles = 0;
  uint64_t statements = 0;
  uint64_t entities = 0;
  uint64_t events = 0;
  uint64_t edges = 0;
};

enum class PutOutcome {
  kStored,     // a new article
  kUnchanged,  // same content hash and extractor version: nothing written
  kReplaced,   // the article's earlier extraction was replaced
};

// Filters of StatementsBy*: limit is 1..1000; `cursor` is the next_cursor of the
// previous page, or "" for the first page. Cursors are opaque strings.
struct StatementQuery {
  NodeId speaker;  // required for StatementsBySpeaker
  size_t limit = 50;
  std::string cursor;
};

struct StatementPage {
  std::vector<StatementRecord> items;
  std::string next_cursor;  // "" when there is no further page
};

class Store {
 public:
  virtual ~Store() = default;

  // Applies one article atomically. Errors: InvalidArgument for an extraction that
  // breaks an invariant (a statement naming an unknown speaker entity, an empty id),
  // IOError when the write fails (nothing is then stored).
  virtual Result<PutOutcome> PutArticle(const Extraction& extraction) = 0;

  // NotFound when absent.
  virtual Result<ArticleRecord> GetArticle(NodeId id) = 0;
  virtual Result<EntityRecord> GetEntity(NodeId id) = 0;
  virtual Result<StatementRecord> GetStatement(NodeId id) = 0;

  // Entities whose name or an alias contains every word of `q` (case-insensitive,
  // whole words, the last word as a prefix); best matches (exact name, then most
  // statements) first; at most `limit`.
  virtual Result<std::vector<EntityRecord>> FindEntities(const std::string& q, size_t limit) = 0;

  // Statements made by `query.speaker`, newest utterance date first (undated last).
  // InvalidArgument for a cursor this store did not make.
  virtual Result<StatementPage> StatementsBySpeaker(const StatementQuery& query) = 0;

  virtual Result<StoreStats> Stats() = 0;
};

// Opens (or creates) a RocksDB store in `dir`. IOError when the folder cannot be
// opened or another process holds it; Corruption when the data is damaged.
Result<std::unique_ptr<Store>> OpenRocksDbStore(const std::string& dir, const StoreOptions& options);

// A store kept in memory, lost on exit.
std::unique_ptr<Store> NewMemoryStore();

}  // namespace parley::store

#endif  // PARLEY_GRAPH_STORE_STORE_H_
