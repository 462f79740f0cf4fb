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

#include <array>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "graph/core/extraction.h"
#include "graph/core/ids.h"
#include "graph/core/status.h"
#include "graph/store/edge_kind.h"

namespace parley::store {

struct StoreOptions {
  bool create_if_missing = true;  // create the folder and database when absent
  bool sync = false;              // fsync each article's write (survives power loss, slower)
  bool read_only = false;         // open without taking the write lock (a second reader)
  // Index entries one FindStatements call may step over before it returns a (possibly
  // short) page with a cursor: bounds the time of a query whose filters rarely meet.
  size_t find_scan_budget = 50000;
  // A PutArticles call of at least this many articles (0: never) writes them in chunks
  // of about bulk_chunk_articles, each as one table file per column family ingested
  // at once (atomic, as a batch is) instead of through the write-ahead log and
  // memtables: `parley load` and `ingest` pass 1,024 articles a call. Every article
  // of a chunk is acknowledged together, once the chunk is ingested; while it is
  // being ingested, a reader of this process may see one column family with it and
  // another without it for a moment.
  size_t bulk_min_articles = 256;
  size_t bulk_chunk_articles = 512;
  // Keep, across writes, how many statements each reference window (a speaker's
  // statements of a day or a week) holds, so that a write re-deciding a reference
  // whose window is within its cap needs no scan of it. false scans every window: the
  // same joins, more slowly (for tests that compare the two).
  bool count_reference_windows = true;
  // The most statements of a reference's window (its speaker's statements of the day,
  // or the week, it names; newest first) it is matched against. A store opened with
  // another cap decides its later joins with that one.
  size_t reference_window_cap = 200;
  // Counts each kept window count again in the store when it is used, and fails the
  // write (Corruption) where they differ. For tests: it costs the scans the counts save.
  bool verify_reference_window_counts = false;
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
  std::string gender;            // persons: "male", "female", "" when unknown
  uint32_t article_count = 0;    // articles that mention it
  uint32_t statement_count = 0;  // statements it made
};

// One article's report of a statement: what that article wrote and where.
struct StatementReport {
  NodeId article_id;
  std::string article_external_id;
  std::string article_title;
  std::optional<std::string> published;
  std::string local_id;  // "s3" within that article
  std::string text;
  std::string type;
  std::string cue;
  std::string speech_act;
  bool negative = false;  // the act's polarity there: a denial or a negated cue
  bool hedged = false;    // a hedged cue or a hedge in what it says there ("may")
  std::optional<std::string> date;  // utterance date as that article gives it
  Span content;
  NodeId reported_by;            // statement reporting this one there, or invalid
  std::vector<NodeId> mentions;  // entities named inside what it says there
};

// A statement node. The same words said by the same (resolved) speaker in several
// articles (a syndicated quote, one speech covered by several outlets) are one node
// with one report per article; its other fields are those of its first report
// (reports[0]), the earliest stored that is still there. The node keeps the id it got
// from the article that first reported it, and lives while any article reports it.
struct StatementRecord {
  NodeId id;
  std::string local_id;  // "s3" within its article
  std::string text;
  std::string type;
  std::string cue;
  std::string speech_act;
  bool negative = false;  // polarity and hedging as its first report gives them
  bool hedged = false;
  std::optional<std::string> date;  // utterance date
  NodeId speaker_id;                // invalid (0) when unresolved
  std::string speaker_name;         // "" when unresolved
  NodeId article_id;
  std::string article_external_id;
  std::string article_title;
  std::optional<std::string> published;
  Span content;
  NodeId reported_by;                    // statement reporting this one, or invalid
  std::vector<StatementReport> reports;  // one per article reporting it, first = the above
  // The speaker + words key its reports share (the store's merge key), or invalid when
  // it is never merged (unresolved speaker, a reference, fewer than 5 words).
  NodeId same_words;
};

struct StoreStats {
  uint64_t articles = 0;
  uint64_t statements = 0;
  uint64_t entities = 0;
  uint64_t events = 0;
  uint64_t edges = 0;
  // Edges of each kind, indexed by EdgeKind code ([0] unused); they sum to `edges`.
  std::array<uint64_t, kMaxEdgeKind + 1> edges_by_kind{};
};

// One edge as stored: `articles` is the number of articles that contributed it.
struct EdgeRecord {
  NodeId src;
  EdgeKind kind = EdgeKind::kSaid;
  NodeId dst;
  uint64_t articles = 0;
};

// A cursor over every edge of one snapshot, in (src, kind, dst) order, leveldb-style:
//   for (; it->Valid(); it->Next()) Use(it->edge());
//   if (!it->status().ok()) ...   // always check after the loop
// Not thread-safe: one iterator per thread. It pins its snapshot until destroyed.
class EdgeIterator {
 public:
  virtual ~EdgeIterator() = default;
  virtual bool Valid() const = 0;
  virtual void Next() = 0;                     // requires Valid()
  virtual const EdgeRecord& edge() const = 0;  // requires Valid()
  // Not OK when the scan stopped on an error (IOError) or a malformed key (Corruption).
  virtual Status status() const = 0;
};

// What a graph needs to know of a node besides its edges.
struct NodeInfo {
  NodeId id;
  NodeKind kind = NodeKind::kArticle;
  // YYYYMMDD (month/day 00 when unknown), 0 when undated: an article's publication
  // date, a statement's utterance date (else its article's), an event's date.
  uint32_t date = 0;
};

// A cursor over every article, statement, entity and event record of one snapshot;
// the same contract as EdgeIterator.
class NodeIterator {
 public:
  virtual ~NodeIterator() = default;
  virtual bool Valid() const = 0;
  virtual void Next() = 0;
  virtual const NodeInfo& node() const = 0;
  virtual Status status() const = 0;
};

// The part of the graph one article contributed: its edges (each with the number of
// articles contributing it now) and the nodes they touch, with kinds and dates.
struct ArticleGraph {
  std::vector<EdgeRecord> edges;
  std::vector<NodeInfo> nodes;
};

// The outcome of Store::Check: what was looked at and each broken invariant found.
struct CheckReport {
  uint64_t records = 0;  // article, text, statement, entity and event records
  uint64_t edges = 0;    // out_edges entries
  uint64_t index_entries = 0;
  uint64_t ledger_entries = 0;
  uint64_t problem_count = 0;         // every problem found
  std::vector<std::string> problems;  // the first kMaxCheckProblems, each naming the key
  bool ok() const { return problem_count == 0; }
};
inline constexpr size_t kMaxCheckProblems = 200;

enum class PutOutcome {
  kStored,     // a new article
  kUnchanged,  // same content hash and extractor version: nothing written
  kReplaced,   // the article's earlier extraction was replaced
};

// Filters of FindStatements (all given filters must hold) and StatementsBySpeaker
// (speaker only, required): limit is 1..1000; `cursor` is the next_cursor of the
// previous page of the same query, or "" for the first page. Cursors are opaque.
struct StatementQuery {
  NodeId speaker;          // invalid = any
  NodeId mentioned;        // entity mentioned in what was said, invalid = any
  NodeId article;          // invalid = any
  std::string type;        // direct | indirect | mixed | reference, "" = any
  std::string speech_act;  // assert, deny, warn, ... "" = any
  // Utterance date bounds, YYYY-MM-DD, inclusive, "" = open. A bound excludes undated
  // statements; a statement dated to a month or year only ("2025-10") sorts as day 00
  // of it (before "2025-10-01").
  std::string from, to;
  size_t limit = 50;
  std::string cursor;
};

struct StatementPage {
  std::vector<StatementRecord> items;
  std::string next_cursor;  // "" when there is no further page
};

// An event record (an event node belongs to the one article that named it) and the
// nodes linked to it by edges into it, read on one snapshot.
struct EventLink {
  NodeId id;  // the statement, article or entity at the other end
  EdgeKind kind = EdgeKind::kMentions;
  NodeKind node_kind = NodeKind::kStatement;
};
struct EventRecord {
  NodeId id;
  std::string type;  // meeting, sanctions, ... (schema/events.yaml)
  std::string name;
  std::optional<std::string> date;   // as the article gives it ("2025-10", "2025-10-21")
  NodeId article;                    // the article that named it
  std::string local_id;              // "v1" within that article
  std::vector<NodeId> participants;  // entities
  // Edges into the event (mentions, responded_to, about, proposed, participated_in),
  // at most kMaxEventLinks of them, in (kind, id) order; GetEvent only.
  std::vector<EventLink> links;
  bool links_truncated = false;
};
inline constexpr size_t kMaxEventLinks = 1000;

// Filters of FindEvents (all given filters must hold). Events come in id order.
struct EventQuery {
  std::string type;    // "" = any
  NodeId participant;  // entity, invalid = any
  // Event date bounds, YYYY-MM-DD, inclusive, "" = open; a bound excludes undated
  // events; an event dated to a month only sorts as day 00 of it.
  std::string from, to;
  std::string q;       // every word must be a word of the name (SearchTokens folding), "" = any
  size_t limit = 50;   // 1..1000
  std::string cursor;  // next_cursor of the previous page, "" for the first
};

struct EventPage {
  std::vector<EventRecord> items;  // without links
  std::string next_cursor;         // "" when there is no further page
};

class Store {
 public:
  virtual ~Store() = default;

  // Applies one article atomically. Errors: InvalidArgument for an extraction that
  // breaks an invariant (a statement naming an unknown speaker entity, an empty id),
  // IOError when the write fails (nothing is then stored).
  virtual Result<PutOutcome> PutArticle(const Extraction& extraction) = 0;

  // Applies several articles in order, with the same outcome for each as PutArticle
  // on each in turn, in fewer writes: consecutive articles are grouped into one
  // atomic write (never splitting an article), so after a crash each article is
  // stored whole or not at all. Returns one result per article, in order; when this
  // returns, every article with an OK result is stored (as StoreOptions::sync says),
  // so it may be acknowledged. A write that fails fails every article of its group
  // (or of its chunk: StoreOptions::bulk_min_articles).
  std::vector<Result<PutOutcome>> PutArticles(std::span<const Extraction> articles) {
    return PutArticles(articles, nullptr);
  }

  // The same, calling `stored(i)` (on the calling thread) for each article i stored by
  // a write as soon as that write has returned OK, before the call returns: a caller
  // may acknowledge it then. Articles left unchanged get no call. The default
  // implementation calls PutArticle on each.
  using StoredCallback = std::function<void(size_t index)>;
  virtual std::vector<Result<PutOutcome>> PutArticles(std::span<const Extraction> articles,
                                                      const StoredCallback& stored) {
    std::vector<Result<PutOutcome>> results;
    results.reserve(articles.size());
    for (const Extraction& x : articles) {
      results.push_back(PutArticle(x));
      if (stored && results.back().ok() && *results.back() != PutOutcome::kUnchanged) {
        stored(results.size() - 1);
      }
    }
    return results;
  }

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

  // Statements matching every filter of `query`, newest utterance date first (undated
  // last; then newest publication date, then text order), driven by the most
  // selective index (article, speaker and/or entity mentioned, else every statement)
  // and exact. One call examines a bounded number of index entries: a page may then
  // hold fewer than `limit` items (even none) and still have a next_cursor; follow it
  // until it is "". InvalidArgument for a bad limit, date (naming `from` or `to`) or a
  // cursor this store did not make for this query.
  virtual Result<StatementPage> FindStatements(const StatementQuery& query) = 0;

  virtual Result<StoreStats> Stats() = 0;

  // Retracts the article whose external id is `article_id` exactly as a
  // re-extraction would replace it, in one atomic write: its records, index entries,
  // ledger entry and its share of edge refcounts and entity counts go; what other
  // articles contributed stays. NotFound when no such article is stored.
  virtual Status RemoveArticle(const std::string& article_id) = 0;

  // Verifies every invariant of the stored graph on one snapshot: each edge has both
  // ends and its mirror in in_edges with the same refcount, each index entry points
  // to a live record, the counters agree with a recount, each ledger entry matches
  // the records, edges and entity counts it claims. Broken invariants are reported
  // (not returned as an error); the Status is an error only when the scan itself
  // fails (IOError). Reads the whole database: a maintenance operation.
  virtual Result<CheckReport> Check() = 0;

  // Every edge / node of one snapshot (see EdgeIterator, NodeIterator).
  virtual std::unique_ptr<EdgeIterator> NewEdgeIterator() = 0;
  virtual std::unique_ptr<NodeIterator> NewNodeIterator() = 0;

  // What the article `article_id` contributed to the graph (its ledger), read on one
  // snapshot, for keeping a graph projection current after a write. NotFound when
  // the article is not stored.
  virtual Result<ArticleGraph> GetArticleGraph(const std::string& article_id) = 0;

  // The same as NewNodeIterator / NewEdgeIterator, made for building a graph
  // projection at startup: they read only the node records (never the article
  // texts), do not fill the block cache, read ahead, and decode only the fields
  // NodeInfo needs (each record is still walked whole, so a malformed one is the same
  // Corruption). By default, the plain iterators.
  virtual std::unique_ptr<NodeIterator> NewProjectionNodeIterator() { return NewNodeIterator(); }
  virtual std::unique_ptr<EdgeIterator> NewProjectionEdgeIterator() { return NewEdgeIterator(); }
  // Names the store's current content: equal stamps mean no write in between (the
  // database's identity and its last sequence number), for keeping something derived
  // from the store (a saved graph projection) beside it. "" when the store cannot
  // tell (then nothing derived may be trusted).
  virtual std::string ContentStamp() { return std::string(); }

  // The event `id` with its links. NotFound when absent.
  virtual Result<EventRecord> GetEvent(NodeId id) = 0;

  // Events matching every filter of `query`, in id order. A scan over the event
  // records (see key_format.h): one call reads at most StoreOptions::find_scan_budget
  // of them, so a page may hold fewer than `limit` items and still have a
  // next_cursor. InvalidArgument for a bad limit, date (naming `from` or `to`) or a
  // cursor this store did not make.
  virtual Result<EventPage> FindEvents(const EventQuery& query) = 0;
};

// Opens (or creates) a RocksDB store in `dir`. IOError when the folder cannot be
// opened or another process holds it; Corruption when the data is damaged.
Result<std::unique_ptr<Store>> OpenRocksDbStore(const std::string& dir,
                                                const StoreOptions& options);

// A store kept in memory, lost on exit.
std::unique_ptr<Store> NewMemoryStore();

}  // namespace parley::store

#endif  // PARLEY_GRAPH_STORE_STORE_H_
