// The one implementation of Store: RocksDB, on a folder (OpenRocksDbStore) or on an
// in-memory Env (NewMemoryStore, leveldb's memenv idea), so one code path and one
// conformance suite cover both. The layout is in key_format.h, the values in
// record_codec.h.
//
// Writes: PutArticle(s) validates, then under write_mu_ (one writer) reads the current
// state, builds the whole article (and the retraction of its earlier extraction), or
// a group of whole articles, as one WriteBatch across column families, counters
// included, and writes it once. The writer keeps the counters, recently written
// entity values and the merge-key entries it wrote in memory (exact: it is the only
// writer; forgotten after a failed write), and, when the folder held no statement,
// entity, merge key or ledger entry at its first write, a Bloom filter of those it has
// written since (AbsentKeys), so a key new to the store needs no read; it derives the
// refcounts of an article's own edges from its ledger. PutArticles pipelines
// its groups: one group's batch is written on another thread while the next one is
// built, reading through the operations of the write in flight (PendingOps,
// PendingView, OverlayIterator). A large call (a load) writes chunks of groups as
// table files ingested at once instead of batches (WriteTables), and reads the keys
// each group reads first (PlanReads, ReadAhead) on another thread while the group
// before it is built.
// Reads: a single Get is consistent by itself; a read made of several Gets or an
// iteration pins one snapshot.
#include <rocksdb/cache.h>
#include <rocksdb/convenience.h>
#include <rocksdb/db.h>
#include <rocksdb/env.h>
#include <rocksdb/filter_policy.h>
#include <rocksdb/memtablerep.h>
#include <rocksdb/options.h>
#include <rocksdb/slice_transform.h>
#include <rocksdb/snapshot.h>
#include <rocksdb/sst_file_writer.h>
#include <rocksdb/table.h>
#include <rocksdb/write_batch.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <filesystem>
#include <functional>
#include <future>
#include <iterator>
#include <limits>
#include <map>
#include <mutex>
#include <queue>
#include <set>
#include <span>
#include <tuple>
#include <unordered_map>
#include <unordered_set>
#include <utility>

#include "graph/store/extraction_check.h"
#include "graph/store/key_format.h"
#include "graph/store/record_codec.h"
#include "graph/store/store.h"
#include "graph/store/store_check.h"

namespace parley::store {

namespace {

constexpr size_t kMaxLimit = 1000;
// A one-word search ranks at most this many prefix matches (the first in token
// order): a one-letter query must not read every entity of a large graph.
constexpr size_t kMaxPrefixCandidates = 20000;
constexpr char kCursorPrefix[] = "p1.";
constexpr char kMemoryStoreDir[] = "/parley-memory-store";
// The subfolder of a database folder where bulk writes put their table files until
// they are ingested (PutArticles); what a crash left there is deleted at the next open.
constexpr char kBulkFolder[] = "bulk";

bool ContainsNoCase(std::string_view haystack, std::string_view needle) {
  auto it = std::search(haystack.begin(), haystack.end(), needle.begin(), needle.end(),
                        [](char a, char b) {
                          return std::tolower(static_cast<unsigned char>(a)) ==
                                 std::tolower(static_cast<unsigned char>(b));
                        });
  return it != haystack.end();
}

// Maps a RocksDB status to ours, prefixed with what we were doing.
Status FromRocks(const rocksdb::Status& s, const std::string& context) {
  if (s.ok()) return Status::OK();
  std::string msg = context + ": " + s.ToString();
  if (s.IsNotFound()) return Status::NotFound(msg);
  if (s.IsCorruption()) return Status::Corruption(msg);
  if (s.IsBusy() || s.IsTryAgain() || s.IsShutdownInProgress()) return Status::Unavailable(msg);
  return Status::IOError(msg);
}

std::string ComputeContentHash(const Extraction& x) {
  return NodeId(HashParts({x.id, x.article.title, x.article.published.value_or(""), x.text}))
      .ToHex();
}

// Adds `s` to `v` once.
void AddDistinct(std::vector<std::string>* v, const std::string& s) {
  if (!s.empty() && std::find(v->begin(), v->end(), s) == v->end()) v->push_back(s);
}

void AddCounted(std::vector<CountedString>* v, const std::string& s) {
  for (auto& c : *v) {
    if (c.value == s) {
      ++c.count;
      return;
    }
  }
  v->push_back({s, 1});
}

void RemoveCounted(std::vector<CountedString>* v, const std::string& s) {
  for (auto it = v->begin(); it != v->end(); ++it) {
    if (it->value == s) {
      if (--it->count == 0) v->erase(it);
      return;
    }
  }
}

std::set<std::string> TokensOf(const EntityValue& v) {
  std::set<std::string> out;
  for (auto& t : SearchTokens(v.name)) out.insert(std::move(t));
  for (const auto& a : v.aliases) {
    for (auto& t : SearchTokens(a.value)) out.insert(std::move(t));
  }
  return out;
}

// Whether two values of one entity have the same name and alias strings (counts aside).
bool SameWords(const EntityValue& a, const EntityValue& b) {
  if (a.name != b.name || a.aliases.size() != b.aliases.size()) return false;
  for (size_t i = 0; i < a.aliases.size(); ++i) {
    if (a.aliases[i].value != b.aliases[i].value) return false;
  }
  return true;
}

std::set<NodeId> Intersect(const std::set<NodeId>& a, const std::set<NodeId>& b) {
  std::set<NodeId> both;
  std::set_intersection(a.begin(), a.end(), b.begin(), b.end(), std::inserter(both, both.end()));
  return both;
}

bool SpanInside(const Span& inner, const Span& outer) {
  return inner.begin >= outer.begin && inner.end <= outer.end && inner.begin < inner.end;
}

// Slices of a text by code points (spans count code points). The byte offset of each
// code point is found once per text (walking the text for each span of an article
// was 5% of a load's instructions); an ASCII text needs none.
class CodePoints {
 public:
  explicit CodePoints(std::string_view text) : text_(text) {
    ascii_ = std::all_of(text.begin(), text.end(),
                         [](char c) { return static_cast<unsigned char>(c) < 0x80; });
    if (ascii_) return;
    for (size_t i = 0;;) {
      offsets_.push_back(i);
      if (i == text.size()) break;
      const unsigned char c = static_cast<unsigned char>(text[i]);
      i += c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : 4;
      i = std::min(i, text.size());
    }
  }
  // Code points [begin, end); empty when begin >= end; a bound past the end is the end.
  std::string_view Slice(int64_t begin, int64_t end) const {
    const size_t from = Offset(begin), to = Offset(end);
    return from < to ? text_.substr(from, to - from) : std::string_view();
  }

 private:
  size_t Offset(int64_t cp) const {
    if (cp < 0) return text_.size();
    if (ascii_) return std::min(static_cast<size_t>(cp), text_.size());
    return static_cast<size_t>(cp) < offsets_.size() ? offsets_[cp] : text_.size();
  }

  std::string_view text_;
  bool ascii_ = true;
  std::vector<size_t> offsets_;  // of code point i, then text_.size()
};

// The words a statement's content pieces say (search tokens: folded case, no
// punctuation or quotation marks, so a quote split around its cue has the same words
// as the whole) and the day its article was published, hashed; invalid when fewer
// than kMinMergeWords. The day keeps a line repeated on other days ("we have nothing
// to add") apart while the copies outlets carry the same day join.
constexpr size_t kMinMergeWords = 5;
NodeId SameWordsKey(const CodePoints& text, const Statement& s, std::string_view day) {
  const std::vector<Span> pieces =
      s.content_spans.empty() ? std::vector<Span>{s.content} : s.content_spans;
  std::string words;
  size_t count = 0;
  for (const Span& p : pieces) {
    for (const std::string& t : SearchTokens(text.Slice(p.begin, p.end))) {
      words += t;
      words += ' ';
      ++count;
    }
  }
  if (count < kMinMergeWords) return NodeId();
  const uint64_t h = HashParts({"same-words", day, words});
  return NodeId(h == 0 ? 1 : h);
}

// What the write of an article needs that depends on the article alone, not on what is
// stored: worked out before its group is built. For a large call a thread of its own
// works it out ahead of the building thread, which it spared a fifth of its
// instructions (validation, content hashes, merge-key words, entity ids, mentions).
struct ArticlePrep {
  Status valid;                    // ValidateExtraction's verdict; the rest only when ok
  std::string hash;                // the content hash
  std::vector<NodeId> entity_ids;  // EntityNodeId of x.entities[i]
  std::vector<NodeId> speakers;    // the entity id of x.statements[i]'s speaker, or invalid
  // SameWordsKey of x.statements[i] when it has a resolved speaker and is not a
  // reference, else invalid.
  std::vector<NodeId> same_words;
  // Of x.statements[i]: the x.entities and x.events indexes whose mentions lie inside
  // what it says (its content pieces).
  std::vector<std::vector<uint32_t>> mentioned_entities, mentioned_events;
};

ArticlePrep PrepareArticle(const Extraction& x) {
  ArticlePrep p;
  p.valid = ValidateExtraction(x);
  if (!p.valid.ok()) return p;
  p.hash = x.content_hash.empty() ? ComputeContentHash(x) : x.content_hash;
  std::unordered_map<std::string_view, NodeId> by_local;
  p.entity_ids.reserve(x.entities.size());
  for (const parley::Entity& e : x.entities) {
    p.entity_ids.push_back(EntityNodeId(*NodeKindFromName(e.type), e.name));
    by_local.emplace(e.id, p.entity_ids.back());
  }
  const CodePoints text(x.text);
  const std::string_view day = x.article.published ? *x.article.published : std::string_view();
  const size_t n = x.statements.size();
  p.speakers.resize(n);
  p.same_words.resize(n);
  p.mentioned_entities.resize(n);
  p.mentioned_events.resize(n);
  for (size_t i = 0; i < n; ++i) {
    const Statement& s = x.statements[i];
    if (auto speaker = by_local.find(s.speaker_entity); speaker != by_local.end()) {
      p.speakers[i] = speaker->second;
      if (s.type != "reference") p.same_words[i] = SameWordsKey(text, s, day);
    }
    const std::vector<Span> pieces =
        s.content_spans.empty() ? std::vector<Span>{s.content} : s.content_spans;
    auto inside = [&](const std::vector<Span>& mentions) {
      for (const Span& m : mentions) {
        for (const Span& piece : pieces) {
          if (SpanInside(m, piece)) return true;
        }
      }
      return false;
    };
    for (uint32_t k = 0; k < x.entities.size(); ++k) {
      if (inside(x.entities[k].mentions)) p.mentioned_entities[i].push_back(k);
    }
    for (uint32_t k = 0; k < x.events.size(); ++k) {
      if (inside(x.events[k].mentions)) p.mentioned_events[i].push_back(k);
    }
  }
  return p;
}

// A reference without a date of its own ("her remarks") names a statement of at most
// this many days before its article.
constexpr int kReferenceDays = 7;

// YYYYMMDD + `days` (a month or day of 00 counts as 01).
uint32_t AddDays(uint32_t date, int days) {
  using namespace std::chrono;
  const unsigned m = std::max(1u, date / 100 % 100), d = std::max(1u, date % 100);
  const year_month_day ymd{year(static_cast<int>(date / 10000)), month(m), day(d)};
  if (!ymd.ok()) return date;
  const year_month_day out{sys_days(ymd) + std::chrono::days(days)};
  return static_cast<uint32_t>(static_cast<int>(out.year())) * 10000 +
         static_cast<unsigned>(out.month()) * 100 + static_cast<unsigned>(out.day());
}

// The words a reference is matched on: search tokens of 4 letters or more (shorter
// ones are mostly function words), cut to 5 (a crude stem: "interest", "interested"),
// distinct and sorted, space-separated.
std::string ContentWords(std::string_view text) {
  std::set<std::string> words;
  for (std::string& t : SearchTokens(text)) {
    if (t.size() < 4) continue;
    if (t.size() > 5) t.resize(5);
    words.insert(std::move(t));
  }
  std::string out;
  for (const std::string& w : words) {
    if (!out.empty()) out += ' ';
    out += w;
  }
  return out;
}

// ContentWords as numbers, for counting shared words: each word (at most 5 bytes, no
// NUL: see ContentWords) packed big-endian into a uint64_t, so the list stays sorted
// as the string was and a shared word is one integer compare, where comparing the
// strings word by word took a quarter of the writer's time at 300k articles (perf).
// A longer word (none is written so) is hashed instead, and the list sorted again.
using WordKeys = std::vector<uint64_t>;

WordKeys PackWords(std::string_view words) {
  WordKeys out;
  bool sorted = true;
  while (!words.empty()) {
    const size_t sp = words.find(' ');
    const std::string_view w = words.substr(0, sp);
    words.remove_prefix(sp == std::string_view::npos ? words.size() : sp + 1);
    if (w.empty()) continue;
    uint64_t key = 0;
    if (w.size() <= 8) {
      for (size_t i = 0; i < 8; ++i) {
        key = key << 8 | (i < w.size() ? static_cast<unsigned char>(w[i]) : 0);
      }
    } else {
      key = HashParts({w});
      sorted = false;
    }
    out.push_back(key);
  }
  if (!sorted) {
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
  }
  return out;
}

// The words two PackWords lists share (each is sorted and distinct, so one merge walk
// counts them).
size_t SharedWords(const WordKeys& a, const WordKeys& b) {
  size_t n = 0;
  auto x = a.begin(), y = b.begin();
  while (x != a.end() && y != b.end()) {
    if (*x == *y) ++n;
    const uint64_t vx = *x, vy = *y;
    if (vx <= vy) ++x;
    if (vx >= vy) ++y;
  }
  return n;
}

rocksdb::Options BaseOptions() {
  rocksdb::Options o;
  // Two cores, shared with the API threads: two background jobs (one flush, one
  // compaction) are enough and keep compaction from starving requests.
  o.IncreaseParallelism(2);
  o.max_background_jobs = 2;
  o.create_missing_column_families = true;
  // One writer (write_mu_), and in_edges' vector memtable cannot take concurrent inserts.
  o.allow_concurrent_memtable_write = false;
  o.max_open_files = 512;
  o.keep_log_file_num = 4;
  o.info_log_level = rocksdb::InfoLogLevel::WARN_LEVEL;
  o.bytes_per_sync = 1 << 20;
  o.max_total_wal_size = 64 << 20;
  // Small memtables: a memtable insert is a random skiplist insert whose cost is its
  // cache misses, and a 4 MB skiplist stays far more in cache than a 16 MB one (load
  // 1.15x faster per CPU second of the writer, measured with store_bench).
  o.write_buffer_size = 4 << 20;
  o.max_write_buffer_number = 3;
  // Universal (tiered) compaction: keys are hashes, so every flushed file spans its
  // column family's whole key range and leveled compaction rewrote each level again and
  // again. Sorted runs merged by size write each byte far fewer times: ingesting 300k
  // generated articles took 493 s of user CPU against 677 s with leveled, both with
  // jemalloc (docs/BENCHMARKS.md, "Session 5"). Eight sorted runs before a merge, as the
  // L0 trigger was. A leveled store opens as it is: its levels are sorted runs to
  // universal compaction. A merge needs free disk up to the size of what it merges.
  o.compaction_style = rocksdb::kCompactionStyleUniversal;
  o.level0_file_num_compaction_trigger = 8;
  // A bloom filter over memtable keys: a write looks up each article's ledger entry
  // (most are new), entities missing from the writer's cache and entity-to-entity
  // edges, so most lookups can skip the memtable's skiplist search.
  o.memtable_prefix_bloom_size_ratio = 0.05;
  o.memtable_whole_key_filtering = true;
  // A batch's operations come in key order per column family (BatchBuilder), so each
  // memtable insert starts from the previous one's place in the skiplist (a hint per
  // first key byte: the record or index tag) instead of searching from the top.
  o.memtable_insert_with_hint_prefix_extractor.reset(rocksdb::NewFixedPrefixTransform(1));

  rocksdb::BlockBasedTableOptions table;
  // Half the cache is reserved for index and filter blocks (high priority).
  table.block_cache = rocksdb::NewLRUCache(64 << 20, /*num_shard_bits=*/4,
                                           /*strict_capacity_limit=*/false,
                                           /*high_pri_pool_ratio=*/0.5);
  table.filter_policy.reset(rocksdb::NewBloomFilterPolicy(10));
  // Charge index and filter blocks to the cache so memory stays bounded. Partitioned
  // (two-level) so that a lookup reads one small partition: with whole-file filters a
  // filter block of a large SST outgrew its cache shard and was re-read and
  // checksummed from the file on every Get, which made loading 20k articles ~3x
  // slower than 8k (half the load's time, measured with perf).
  table.cache_index_and_filter_blocks = true;
  table.cache_index_and_filter_blocks_with_high_priority = true;
  table.pin_l0_filter_and_index_blocks_in_cache = true;
  table.pin_top_level_index_and_filter = true;
  table.index_type = rocksdb::BlockBasedTableOptions::kTwoLevelIndexSearch;
  table.partition_filters = true;
  table.metadata_block_size = 4096;
  // 16 KB data blocks (4 KB before): a 2k-article load took 4.5% fewer instructions
  // (LZ4 sets up a stream per block) and its store was 18% smaller.
  table.block_size = 16 << 10;
  table.format_version = 5;
  o.table_factory.reset(rocksdb::NewBlockBasedTableFactory(table));

  auto supported = rocksdb::GetSupportedCompressions();
  auto has = [&](rocksdb::CompressionType t) {
    return std::find(supported.begin(), supported.end(), t) != supported.end();
  };
  o.compression = has(rocksdb::kLZ4Compression)      ? rocksdb::kLZ4Compression
                  : has(rocksdb::kSnappyCompression) ? rocksdb::kSnappyCompression
                                                     : rocksdb::kNoCompression;
  // No ZSTD for the bottommost level (it was level 1): compressing with it took half of
  // the compactions' CPU during a load (9% of all of load's samples, perf), for files 12%
  // smaller than LZ4's (20k generated articles: 227 MB against 255 MB).
  return o;
}

class RocksDbStore;

// Entity values as last written by this process, so that a write need not read back
// what an earlier write of the same process stored. Owned by the store and used only
// under its write mutex (the one writer of the database): it stays exact as long as
// it is updated after each successful write and cleared after a failed one. Bounded:
// it is emptied when full (a cold entry costs one Get, as without the cache).
class EntityCache {
 public:
  static constexpr size_t kMaxEntries = 50000;  // ~15 MB at a few hundred bytes each

  const EntityValue* Find(NodeId id) const {
    auto it = values_.find(id);
    return it == values_.end() ? nullptr : &it->second;
  }
  void Put(NodeId id, EntityValue value) {
    if (values_.size() >= kMaxEntries && !values_.count(id)) values_.clear();
    values_.insert_or_assign(id, std::move(value));
  }
  void Erase(NodeId id) { values_.erase(id); }
  void Clear() { values_.clear(); }

 private:
  std::unordered_map<NodeId, EntityValue> values_;
};

// What BestTarget needs of a stored statement node, as the database holds it, so that
// re-deciding a reference does not read and tokenize the same candidates again and
// again. Like EntityCache: used only under the write mutex; after each successful write
// the nodes it changed are erased (their heads may have changed), after a failed one
// everything is; emptied when full.
class CandidateCache {
 public:
  static constexpr size_t kMaxEntries = 100000;  // ~15 MB
  struct Info {
    bool reference = false;     // a statement of type reference
    uint32_t report_count = 0;  // articles reporting it
    NodeId article;             // its first report's article
    WordKeys words;             // PackWords(ContentWords(its text))
    std::string order;          // its 'P' <order>
    NodeId speaker;             // whose 'P' list holds it
  };
  // The most statements of a window BestTarget looks at (StoreOptions::reference_window_cap).
  size_t window_cap() const { return window_cap_; }
  uint32_t count_cap() const { return static_cast<uint32_t>(window_cap_ + 1); }
  void set_window_cap(size_t cap) {
    window_cap_ = std::max<size_t>(cap, 1);
    ClearCounts();
  }
  // Window counts: how many dated 'P' entries of a speaker have an utterance date in
  // [from, to] (a BestTarget window), as the store and the writes in flight hold them,
  // up to count_cap() ("that many or more"). A batch's window is complete when its count
  // after the batch is within BestTarget's cap, which it then knows without scanning the
  // window. Filled by BestTarget, kept by ApplyCounts after each built batch.
  static constexpr size_t kMaxCounts = 400000;  // ~25 MB
  struct Said {
    NodeId speaker;
    uint32_t said = 0;
    int delta = 0;  // +1 an entry added, -1 removed
  };
  bool counts_enabled() const { return counts_enabled_; }
  // Whether each count used is also counted again in the store (StoreOptions).
  bool verify_counts() const { return verify_counts_; }
  void set_verify_counts(bool on) { verify_counts_ = on; }
  void set_counts_enabled(bool on) {
    counts_enabled_ = on;
    ClearCounts();
  }
  std::optional<uint32_t> Count(NodeId speaker, uint32_t from, uint32_t to) const {
    auto s = counts_.find(speaker);
    if (s == counts_.end()) return std::nullopt;
    auto c = s->second.find({from, to});
    if (c == s->second.end()) return std::nullopt;
    return c->second;
  }
  void PutCount(NodeId speaker, uint32_t from, uint32_t to, uint32_t count) {
    if (num_counts_ >= kMaxCounts) ClearCounts();
    if (counts_[speaker].insert_or_assign({from, to}, std::min(count, count_cap())).second)
      ++num_counts_;
  }
  void ApplyCounts(const std::vector<Said>& changes) {
    for (const Said& c : changes) {
      auto s = counts_.find(c.speaker);
      if (s == counts_.end()) continue;
      for (auto it = s->second.begin(); it != s->second.end();) {
        const auto [from, to] = it->first;
        uint32_t& n = it->second;
        if (c.said < from || c.said > to) {
          ++it;
        } else if (c.delta > 0) {
          n = std::min(n + 1, count_cap());
          ++it;
        } else if (n == 0 || n == count_cap()) {  // "that many or more" minus one: unknown
          it = s->second.erase(it);
          --num_counts_;
        } else {
          --n;
          ++it;
        }
      }
    }
  }

  const Info* Find(NodeId id) const {
    auto it = values_.find(id);
    return it == values_.end() ? nullptr : &it->second;
  }
  const Info* Put(NodeId id, Info info) {
    if (values_.size() >= kMaxEntries) values_.clear();
    return &values_.insert_or_assign(id, std::move(info)).first->second;
  }
  void Erase(NodeId id) { values_.erase(id); }
  void Clear() {
    values_.clear();
    ClearCounts();
  }

 private:
  void ClearCounts() {
    counts_.clear();
    num_counts_ = 0;
  }

  std::unordered_map<NodeId, Info> values_;
  std::unordered_map<NodeId, std::map<std::pair<uint32_t, uint32_t>, uint32_t>> counts_;
  size_t num_counts_ = 0;
  bool counts_enabled_ = true;
  bool verify_counts_ = false;
  size_t window_cap_ = StoreOptions().reference_window_cap;
};

// Bytes [from, from + 8) of `key` as a big-endian number, zero-padded past its end: two
// keys compare as these numbers do wherever the numbers differ (sorting and merging
// operations without reading whole keys from the heap).
uint64_t KeyBytesAsNumber(const std::string& key, size_t from) {
  uint64_t v = 0;
  for (size_t b = from; b < from + 8; ++b) {
    v = (v << 8) | (b < key.size() ? static_cast<unsigned char>(key[b]) : 0u);
  }
  return v;
}

// One operation of a batch: a Put of `value`, or a Delete.
struct Op {
  Cf cf;
  std::string key;
  std::string value;
  bool is_delete;
};

// The final operations of a built batch, sorted by (cf, key), one per key. A batch
// built while the one before it is still being written reads through them first, so
// that it sees the database as it will be once that write is done.
class PendingOps {
 public:
  explicit PendingOps(std::vector<Op> ops) : ops_(std::move(ops)) {}
  const std::vector<Op>& ops() const { return ops_; }
  // The operation on `key`, or nullptr.
  const Op* Find(Cf cf, std::string_view key) const {
    auto it = LowerBound(cf, key);
    return it != ops_.end() && it->cf == cf && it->key == key ? &*it : nullptr;
  }
  // The first operation at or after (cf, key).
  std::vector<Op>::const_iterator LowerBound(Cf cf, std::string_view key) const {
    return std::lower_bound(ops_.begin(), ops_.end(), std::pair<Cf, std::string_view>(cf, key),
                            [](const Op& op, const std::pair<Cf, std::string_view>& k) {
                              return op.cf != k.first ? op.cf < k.first
                                                      : std::string_view(op.key) < k.second;
                            });
  }

 private:
  std::vector<Op> ops_;
};

// The final operations of several batches built one after another (oldest first) and
// written together (a bulk chunk, see PutArticles), read as one: a later batch's
// operation on a key replaces an earlier one's. Point lookups of the kinds of keys a
// build reads by key go through a hash index (open addressing, newest operation per
// key) once there is more than one batch: a binary search in each batch would cost a
// chunk of 16 batches ~200 key comparisons a read. Other keys are looked up batch by
// batch, newest first: indexing them too (in_edges, texts, postings: 60% of the
// operations) cost a 20k-article load 1.2 s of the building thread.
class OpRuns {
 public:
  void Add(const PendingOps* run) {
    runs_.push_back(run);
    if (runs_.size() == 1) return;
    if (runs_.size() == 2) Index(*runs_[0]);
    Index(*run);
  }
  const std::vector<const PendingOps*>& runs() const { return runs_; }
  // The newest operation on `key`, or nullptr.
  const Op* Find(Cf cf, std::string_view key) const {
    if (runs_.size() == 1) return runs_[0]->Find(cf, key);
    if (!Indexed(cf, key)) {
      for (auto it = runs_.rbegin(); it != runs_.rend(); ++it) {
        if (const Op* op = (*it)->Find(cf, key)) return op;
      }
      return nullptr;
    }
    if (slots_.empty()) return nullptr;
    const uint64_t h = Hash(cf, key);
    const size_t mask = slots_.size() - 1;
    for (size_t i = h & mask;; i = (i + 1) & mask) {
      const Slot& slot = slots_[i];
      if (slot.op == nullptr) return nullptr;
      if (slot.hash == h && slot.op->cf == cf && slot.op->key == key) return slot.op;
    }
  }

 private:
  struct Slot {
    uint64_t hash = 0;
    const Op* op = nullptr;  // null: empty
  };
  // The kinds a build reads by key (BatchBuilder::Read, Prefetch): ledger entries,
  // entity and statement heads, merge keys, references, edge refcounts.
  static bool Indexed(Cf cf, std::string_view key) {
    switch (cf) {
      case kCfLedger:
      case kCfOutEdges:
        return true;
      case kCfRecords:
        return !key.empty() && (key[0] == kEntityTag || key[0] == kStatementTag);
      case kCfIndexes:
        return !key.empty() && (key[0] == kMergeIndexTag || key[0] == kReferenceIndexTag);
      default:
        return false;
    }
  }
  // Eight bytes at a time (std::hash's byte loop was 2% of a load).
  static uint64_t Hash(Cf cf, std::string_view key) {
    uint64_t h = 0x9e3779b97f4a7c15ULL * (key.size() + 1) + static_cast<uint64_t>(cf);
    for (size_t i = 0; i < key.size(); i += 8) {
      uint64_t w = 0;
      std::memcpy(&w, key.data() + i, std::min<size_t>(8, key.size() - i));
      h = (h ^ w) * 0xff51afd7ed558ccdULL;
      h ^= h >> 32;
    }
    h *= 0xc4ceb9fe1a85ec53ULL;
    return h ^ (h >> 29);
  }
  void Index(const PendingOps& run) {
    const size_t adding = run.ops().size();
    if ((used_ + adding) * 2 > slots_.size()) {
      size_t size = std::max<size_t>(slots_.size(), 4096);
      while ((used_ + adding) * 4 > size) size *= 2;  // room for a few more batches
      std::vector<Slot> old(size);
      old.swap(slots_);
      used_ = 0;
      for (const Slot& slot : old) {
        if (slot.op != nullptr) Insert(slot.hash, slot.op);
      }
    }
    for (const Op& op : run.ops()) {
      if (Indexed(op.cf, op.key)) Insert(Hash(op.cf, op.key), &op);
    }
  }
  void Insert(uint64_t h, const Op* op) {
    const size_t mask = slots_.size() - 1;
    for (size_t i = h & mask;; i = (i + 1) & mask) {
      Slot& slot = slots_[i];
      if (slot.op == nullptr) {
        slot = {h, op};
        ++used_;
        return;
      }
      if (slot.hash == h && slot.op->cf == op->cf && slot.op->key == op->key) {
        slot.op = op;  // the newer batch's
        return;
      }
    }
  }

  std::vector<const PendingOps*> runs_;
  std::vector<Slot> slots_;  // a power of two, at most half full
  size_t used_ = 0;
};

// What a build reads through: the operations of the writes not yet done, oldest
// first (at most two: the write in flight and, in a bulk chunk, the batches of the
// chunk being built). A later one's operation on a key replaces an earlier one's.
class PendingView {
 public:
  void Add(const OpRuns* runs) {
    if (runs != nullptr && !runs->runs().empty()) parts_.push_back(runs);
  }
  const Op* Find(Cf cf, std::string_view key) const {
    for (auto it = parts_.rbegin(); it != parts_.rend(); ++it) {
      if (const Op* op = (*it)->Find(cf, key)) return op;
    }
    return nullptr;
  }
  // Every batch, oldest first.
  std::vector<const PendingOps*> Runs() const {
    std::vector<const PendingOps*> out;
    for (const OpRuns* p : parts_) out.insert(out.end(), p->runs().begin(), p->runs().end());
    return out;
  }

 private:
  std::vector<const OpRuns*> parts_;
};

// The merge-key ('K') entries this process has written: the statement node of each,
// or none (deleted). Repeating a statement another article of the same day carried
// reads its 'K' entry, which is mostly in table files by then. Like EntityCache: used
// only under the write mutex, updated with each batch's final operations as soon as it
// is built, forgotten after a failed write; emptied when full.
class MergeKeyCache {
 public:
  static constexpr size_t kMaxEntries = 500000;  // ~25 MB

  // True when known: `*id` is the node, invalid when the key is not stored.
  bool Find(std::string_view key, NodeId* id) const {
    if (key.size() != kMergeIndexKeySize) return false;
    auto it = ids_.find(Key(key));
    if (it == ids_.end()) return false;
    *id = NodeId(it->second);
    return true;
  }
  void Apply(const std::vector<Op>& ops) {
    for (const Op& op : ops) {
      if (op.cf != kCfIndexes || op.key.size() != kMergeIndexKeySize ||
          op.key[0] != kMergeIndexTag || (!op.is_delete && op.value.size() != 8)) {
        continue;
      }
      if (ids_.size() >= kMaxEntries) ids_.clear();
      ids_.insert_or_assign(Key(op.key), op.is_delete ? 0 : GetBe64(op.value.data()));
    }
  }
  void Clear() { ids_.clear(); }

 private:
  struct Hash {
    size_t operator()(const std::pair<uint64_t, uint64_t>& k) const {
      return k.first * 0x9e3779b97f4a7c15ULL ^ k.second;
    }
  };
  static std::pair<uint64_t, uint64_t> Key(std::string_view key) {
    return {GetBe64(key.data() + 1), GetBe64(key.data() + 9)};
  }
  std::unordered_map<std::pair<uint64_t, uint64_t>, uint64_t, Hash> ids_;
};

// The speakers with 'R' entries (references naming them), so that a write joins
// references only for those: most speakers have none, and each range scanned for one
// costs an iterator and a seek into every sorted run (at 20k generated articles,
// 47,755 scans found 17,266 entries). Read from the index on the first write, then
// kept up to date with each batch's final operations under the write mutex; a deleted
// entry leaves its speaker in the set (only scanned for nothing). Forgotten after a
// failed write and read again.
class ReferenceSpeakers {
 public:
  bool loaded() const { return loaded_; }
  // False only when `speaker` certainly has no 'R' entry (and the set is loaded).
  bool MayHave(NodeId speaker) const { return !loaded_ || speakers_.count(speaker.value()) > 0; }
  // Reads the set from the index as the database holds it, plus `pending` (the
  // operations of a write in flight, or null).
  Status Load(rocksdb::DB* db, rocksdb::ColumnFamilyHandle* indexes, const PendingView* pending) {
    speakers_.clear();
    const std::string prefix(1, kReferenceIndexTag);
    std::unique_ptr<rocksdb::Iterator> it(db->NewIterator(rocksdb::ReadOptions(), indexes));
    for (it->Seek(prefix); it->Valid() && it->key().starts_with(prefix);) {
      if (it->key().size() < 9) {
        return Status::Corruption("index R: malformed key " + HexEncode(it->key().ToStringView()));
      }
      const uint64_t speaker = GetBe64(it->key().data() + 1);
      speakers_.insert(speaker);
      it->Seek(PrefixSuccessor(ReferenceIndexPrefix(NodeId(speaker))));  // the next speaker
    }
    PARLEY_RETURN_IF_ERROR(FromRocks(it->status(), "reading the reference index"));
    loaded_ = true;
    if (pending != nullptr) {
      for (const PendingOps* run : pending->Runs()) Apply(run->ops());
    }
    return Status::OK();
  }
  void Apply(const std::vector<Op>& ops) {
    if (!loaded_) return;
    for (const Op& op : ops) {
      if (op.cf == kCfIndexes && !op.is_delete && op.key.size() == kReferenceIndexKeySize &&
          op.key[0] == kReferenceIndexTag) {
        speakers_.insert(GetBe64(op.key.data() + 1));
      }
    }
  }
  void Forget() {
    loaded_ = false;
    speakers_.clear();
  }

 private:
  bool loaded_ = false;
  std::unordered_set<uint64_t> speakers_;
};

// The keys of the kinds a write looks up most and mostly does not find (statement
// heads 's' of new nodes, merge keys 'K' said for the first time, ledger entries of
// new articles, entity records), when the database held none of them as this process
// began writing to it: a Bloom filter over every such key this process has written
// since. A key it does not hold is not in the database (a Get would search every
// table file's filter to find nothing); one it holds is read as before. Used only
// under the write mutex, filled with each batch's final operations as soon as it is
// built; after a failed write it is turned off for good (deletes need nothing: a key
// deleted but still in the filter is only read).
class AbsentKeys {
 public:
  static constexpr size_t kBits = size_t{1} << 26;  // 8 MB; ~1% false hits at 6M keys

  bool enabled() const { return !bits_.empty(); }
  void Enable() { bits_.assign(kBits / 64, 0); }
  void Disable() { bits_ = {}; }
  // True when `key` is certainly not stored.
  bool Absent(Cf cf, std::string_view key) const {
    if (bits_.empty() || !Kept(cf, key)) return false;
    const uint64_t h = Hash(cf, key);
    const uint64_t* block = &bits_[(h >> 40) % (kBits / 512) * 8];
    uint64_t probe = h;
    for (int i = 0; i < kProbes; ++i, probe = probe * 0x9e3779b97f4a7c15ULL + 1) {
      const unsigned bit = static_cast<unsigned>(probe >> 55);  // 0..511
      if ((block[bit / 64] & (uint64_t{1} << (bit % 64))) == 0) return true;
    }
    return false;
  }
  void Apply(const std::vector<Op>& ops) {
    if (bits_.empty()) return;
    for (const Op& op : ops) {
      if (op.is_delete || !Kept(op.cf, op.key)) continue;
      const uint64_t h = Hash(op.cf, op.key);
      uint64_t* block = &bits_[(h >> 40) % (kBits / 512) * 8];
      uint64_t probe = h;
      for (int i = 0; i < kProbes; ++i, probe = probe * 0x9e3779b97f4a7c15ULL + 1) {
        const unsigned bit = static_cast<unsigned>(probe >> 55);
        block[bit / 64] |= uint64_t{1} << (bit % 64);
      }
    }
  }
  // Whether the filter covers keys of this kind: its prefixes are what Enable's
  // caller must find empty in the database.
  static bool Kept(Cf cf, std::string_view key) {
    if (cf == kCfLedger) return true;
    if (key.empty()) return false;
    if (cf == kCfRecords) return key[0] == kStatementTag || key[0] == kEntityTag;
    return cf == kCfIndexes && key[0] == kMergeIndexTag;
  }

 private:
  static constexpr int kProbes = 6;
  static uint64_t Hash(Cf cf, std::string_view key) {
    uint64_t h = std::hash<std::string_view>()(key) ^ (static_cast<uint64_t>(cf) << 59);
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdULL;
    h ^= h >> 33;
    return h;
  }

  std::vector<uint64_t> bits_;
};

// A forward iteration over [Seek target, upper) of one column family of the database
// with `pending` (may be null) laid over it: its puts replace or add entries, its
// deletes hide them, a later batch's operation on a key replacing an earlier one's.
// The database is read through `base`, an iterator of that column family with no
// upper bound, borrowed for the life of this one (one at a time: a build seeks one
// iterator again and again instead of making one per range, each merging a dozen
// sorted runs: 493k of them in a 300k-article load).
class OverlayIterator {
 public:
  OverlayIterator(rocksdb::Iterator* base, Cf cf, const PendingView* pending, std::string upper)
      : cf_(cf), upper_(std::move(upper)), upper_slice_(upper_), base_(base) {
    if (pending != nullptr) runs_ = pending->Runs();
    pos_.resize(runs_.size());
    end_.resize(runs_.size());
  }
  void Seek(std::string_view target) {
    base_->Seek(rocksdb::Slice(target.data(), target.size()));
    base_valid_ = BaseValid();
    for (size_t r = 0; r < runs_.size(); ++r) {
      pos_[r] = runs_[r]->LowerBound(cf_, target);
      end_[r] = runs_[r]->LowerBound(cf_, upper_);
    }
    Settle();
  }
  bool Valid() const { return valid_; }
  void Next() {
    if (from_base_) {
      base_->Next();
      base_valid_ = BaseValid();
    } else {
      SkipPendingKey();
    }
    Settle();
  }
  std::string_view key() const {
    return from_base_ ? std::string_view(base_->key().data(), base_->key().size())
                      : std::string_view(pos_[current_]->key);
  }
  std::string_view value() const {
    return from_base_ ? std::string_view(base_->value().data(), base_->value().size())
                      : std::string_view(pos_[current_]->value);
  }
  rocksdb::Status status() const { return base_->status(); }

 private:
  bool BaseValid() const { return base_->Valid() && base_->key().compare(upper_slice_) < 0; }
  void Settle() {
    for (;;) {
      // The smallest pending key, from the newest batch that has it.
      int best = -1;
      for (int r = static_cast<int>(runs_.size()) - 1; r >= 0; --r) {
        if (pos_[r] != end_[r] && (best < 0 || pos_[r]->key < pos_[best]->key)) best = r;
      }
      const bool b = base_valid_;
      if (!b && best < 0) {
        valid_ = false;
        return;
      }
      const int c = !b ? 1 : best < 0 ? -1 : base_->key().compare(rocksdb::Slice(pos_[best]->key));
      valid_ = true;
      if (c < 0) {
        from_base_ = true;
        return;
      }
      current_ = static_cast<size_t>(best);
      shadows_base_ = c == 0;
      from_base_ = false;
      if (!pos_[current_]->is_delete) return;
      SkipPendingKey();  // a delete hides the same key of the database, if there
    }
  }
  // Steps past the current pending key: in every batch that has it, and in the
  // database when it shadows it there.
  void SkipPendingKey() {
    const std::string& key = pos_[current_]->key;  // stays valid: the ops do not move
    if (shadows_base_) {
      base_->Next();
      base_valid_ = BaseValid();
    }
    for (size_t r = 0; r < runs_.size(); ++r) {
      if (r != current_ && pos_[r] != end_[r] && pos_[r]->key == key) ++pos_[r];
    }
    ++pos_[current_];
  }

  const Cf cf_;
  const std::string upper_;
  const rocksdb::Slice upper_slice_;
  rocksdb::Iterator* const base_;
  std::vector<const PendingOps*> runs_;  // oldest first
  std::vector<std::vector<Op>::const_iterator> pos_, end_;
  size_t current_ = 0;
  bool valid_ = false, from_base_ = false, shadows_base_ = false, base_valid_ = false;
};

// Values read from the database ahead of a build, by PrefetchKey; nullopt: not stored.
using Prefetched = std::unordered_map<std::string, std::optional<std::string>>;

// The key of (cf, key) in a Prefetched map.
std::string PrefetchKey(Cf cf, std::string_view key) {
  std::string out(1, static_cast<char>(cf));
  out += key;
  return out;
}

// What a build of some articles will read first (PlanReads): keys read
// as they are, and merge keys ('K') read first, then the statement nodes they name.
struct ReadPlan {
  std::vector<std::pair<Cf, std::string>> keys;
  std::vector<std::string> merge_keys;
};

// What a build of `articles` reads first (their ledger entries, entities, statement
// nodes and merge keys, then the nodes those merge keys name), less what the writer's
// caches (each may be null) know: cached entities and merge keys, keys known absent.
// preps[i] is PrepareArticle(articles[i]).
ReadPlan PlanReads(std::span<const Extraction> articles, std::span<const ArticlePrep> preps,
                   const EntityCache* cache, const MergeKeyCache* merge_keys,
                   const AbsentKeys* absent) {
  ReadPlan plan;
  auto want = [&](Cf cf, std::string key) {
    if (absent != nullptr && absent->Absent(cf, key)) return;
    plan.keys.emplace_back(cf, std::move(key));
  };
  for (size_t a = 0; a < articles.size(); ++a) {
    const Extraction& x = articles[a];
    const ArticlePrep& prep = preps[a];
    want(kCfLedger, x.id);
    for (const NodeId id : prep.entity_ids) {
      if (cache == nullptr || cache->Find(id) == nullptr) {
        want(kCfRecords, RecordKey(kEntityTag, id));
      }
    }
    for (size_t i = 0; i < x.statements.size(); ++i) {
      const Statement& st = x.statements[i];
      want(kCfRecords, RecordKey(kStatementTag, StatementNodeId(x.id, st.id)));
      const NodeId words = prep.same_words[i];
      if (!words.valid()) continue;
      std::string key = MergeIndexKey(prep.speakers[i], words);
      if (NodeId cached; merge_keys != nullptr && merge_keys->Find(key, &cached)) {
        if (cached.valid()) want(kCfRecords, RecordKey(kStatementTag, cached));
        continue;
      }
      if (absent != nullptr && absent->Absent(kCfIndexes, key)) continue;
      plan.merge_keys.push_back(std::move(key));
    }
  }
  return plan;
}

// Reads `keys` that `prefetched` lacks into it, one MultiGet per column family.
// False on a read error (other than not found): `prefetched` may then be partial.
bool MultiGetInto(rocksdb::DB* db, const std::vector<rocksdb::ColumnFamilyHandle*>& cfs,
                  const std::vector<std::pair<Cf, std::string>>& keys, Prefetched* prefetched) {
  std::vector<const std::string*> by_cf[kNumColumnFamilies];
  for (const auto& [cf, key] : keys) {
    if (!prefetched->try_emplace(PrefetchKey(cf, key)).second) continue;
    by_cf[cf].push_back(&key);
  }
  for (int cf = 0; cf < kNumColumnFamilies; ++cf) {
    const std::vector<const std::string*>& wanted = by_cf[cf];
    if (wanted.empty()) continue;
    std::vector<rocksdb::Slice> slices;
    slices.reserve(wanted.size());
    for (const std::string* key : wanted) slices.emplace_back(*key);
    std::vector<rocksdb::PinnableSlice> values(wanted.size());
    std::vector<rocksdb::Status> statuses(wanted.size());
    db->MultiGet(rocksdb::ReadOptions(), cfs[cf], wanted.size(), slices.data(), values.data(),
                 statuses.data());
    for (size_t i = 0; i < wanted.size(); ++i) {
      std::optional<std::string>& slot =
          (*prefetched)[PrefetchKey(static_cast<Cf>(cf), *wanted[i])];
      if (statuses[i].ok()) {
        slot = values[i].ToString();
      } else if (!statuses[i].IsNotFound()) {
        return false;
      }
    }
  }
  return true;
}

// Reads `plan`: its keys, then the statement nodes its merge keys name. Keys that
// `pending` (may be null) holds are not read (a build reads them there), and a merge
// key it holds names its node from there. Any thread when `pending` is null: it then
// reads only the database as it is, for a build that starts later once every key a
// write landed since has been erased from the result (PutArticles). Empty after a read
// error (the build then reads each key itself and reports the error).
Prefetched ReadAhead(rocksdb::DB* db, const std::vector<rocksdb::ColumnFamilyHandle*>& cfs,
                     ReadPlan plan, const PendingView* pending) {
  auto not_pending = [&](std::vector<std::pair<Cf, std::string>>* keys) {
    if (pending == nullptr) return;
    std::erase_if(*keys, [&](const auto& k) { return pending->Find(k.first, k.second) != nullptr; });
  };
  Prefetched out;
  std::vector<std::pair<Cf, std::string>> keys = std::move(plan.keys);
  for (const std::string& key : plan.merge_keys) keys.emplace_back(kCfIndexes, key);
  not_pending(&keys);
  if (!MultiGetInto(db, cfs, keys, &out)) return {};
  keys.clear();
  for (const std::string& key : plan.merge_keys) {
    const Op* op = pending != nullptr ? pending->Find(kCfIndexes, key) : nullptr;
    const std::optional<std::string> raw =
        op != nullptr ? (op->is_delete ? std::nullopt : std::optional<std::string>(op->value))
                      : out[PrefetchKey(kCfIndexes, key)];
    if (raw && raw->size() == 8) {
      keys.emplace_back(kCfRecords, RecordKey(kStatementTag, NodeId(GetBe64(raw->data()))));
    }
  }
  not_pending(&keys);
  if (!MultiGetInto(db, cfs, keys, &out)) return {};
  return out;
}

// Builds the WriteBatch of one write: the retraction of each article's earlier
// extraction (if any) and the new one, for one article or a group of articles with
// distinct ids, with entity records, edge refcounts, token index entries and counters
// reconciled at the end so each key is written once. The operations are emitted in
// key order per column family: RocksDB then inserts them into its memtable skiplists
// from a hint (memtable_insert_with_hint_prefix_extractor) instead of from the top.
class BatchBuilder {
 public:
  // `pending`: the operations of the writes not yet done, to read through (or null).
  BatchBuilder(rocksdb::DB* db, const std::vector<rocksdb::ColumnFamilyHandle*>& cfs,
               Counters counters, const EntityCache* cache, CandidateCache* candidates,
               const AbsentKeys* absent, const MergeKeyCache* merge_keys,
               const ReferenceSpeakers* reference_speakers, const PendingView* pending)
      : db_(db),
        cfs_(cfs),
        counters_(counters),
        cache_(cache),
        candidates_(candidates),
        absent_(absent),
        merge_keys_(merge_keys),
        reference_speakers_(reference_speakers),
        pending_(pending) {}

  // Reads `key` as the database will hold it once the pending batch is written.
  Status Read(Cf cf, const std::string& key, std::string* value, bool* found);
  // Reads at once, with a few MultiGets, what Add will read of `articles` one key at a
  // time otherwise: their ledger entries, entities, statement nodes and merge keys, then
  // the nodes those merge keys name (at 60k generated articles a third of the
  // statements join a node already stored). The database does not change under a
  // build (the write in flight is read through PendingOps), so Read returns the same.
  // preps[i] is PrepareArticle(articles[i]).
  void PrefetchFor(std::span<const Extraction> articles, std::span<const ArticlePrep> preps);
  // Takes values read ahead (ReadAhead) in place of PrefetchFor: each must be what the
  // database holds now, or be pending (read through `pending` first).
  void AdoptPrefetched(Prefetched prefetched) { prefetched_ = std::move(prefetched); }

  // `old` must be the ledger entry as stored in the database (not one written earlier
  // in the same batch): edge refcounts of the article's own nodes are derived from it.
  Status Retract(const LedgerValue& old);
  // `prep`: PrepareArticle(x).
  Status Add(const Extraction& x, const ArticlePrep& prep);
  // Also deletes the ledger entry of `article_id` (RemoveArticle).
  void DeleteLedger(const std::string& article_id) { Delete(kCfLedger, article_id); }
  // Ends the batch: its operations, sorted and one per key, are then ops().
  Status Finish();
  const PendingOps& ops() const { return *final_; }
  // Hands over ops() (the builder's other state may then be freed).
  std::unique_ptr<PendingOps> TakeOps() { return std::move(final_); }
  const Counters& counters() const { return counters_; }
  // After a successful write: records the entities as written in `cache` and forgets
  // the statement nodes this batch changed in `candidates`.
  void UpdateCache(EntityCache* cache, CandidateCache* candidates) const;

 private:
  struct EntityState {
    bool existed = false;
    EntityValue original;
    EntityValue value;
  };
  // A statement node as stored before this batch (if it was) and as it will be.
  // Heads only (record.reports = {first} or, in `value`, {} while unknown); the
  // reports themselves are 'r' entries written and deleted directly.
  struct StatementState {
    bool existed = false;
    StatementHead original;
    StatementRecord value;  // reports: {first}, or {} when the first one went
    uint32_t count = 0;     // reports after this batch; 0: the node goes
    std::map<NodeId, uint32_t> mentions;
    std::set<NodeId> removed;                 // articles whose report this batch retracts
    std::map<NodeId, StatementReport> added;  // reports this batch adds, by article
  };

  // The entity's pending state, loaded from the cache or database on first use;
  // `created` seeds a new entity when it does not exist yet (nullptr: it must exist).
  Result<EntityState*> Entity(NodeId id, const EntityValue* created);
  // The statement node's pending state, loaded on first use; a new node when absent
  // and `may_create`, else Corruption.
  Result<StatementState*> StatementNode(NodeId id, bool may_create);
  // The node that holds the statement of merge key `key`, or `own` (registered as its
  // node) when none does.
  Result<NodeId> MergedStatement(const std::string& key, NodeId own);
  // The 'P', 'M' and 'D' entries of a statement node as `r` says: (key, value), sorted
  // by key, distinct keys.
  using Postings = std::vector<std::pair<std::string, std::string>>;
  static Postings PostingsOf(
      const StatementRecord& r, const std::vector<std::pair<NodeId, uint32_t>>& mentions);
  // Sets state.value.reports = {the first report} after the first one was retracted.
  Status NextFirstReport(NodeId id, StatementState& state);
  // Joins every reference naming a speaker whose statements this batch changes (and
  // every reference it adds) to its best matching statement (see key_format.h).
  Status ResolveReferences();
  // The stored refcount of a said edge to, or a mentions edge from, a statement node
  // stored before this batch, as its head gives it: every report of a node has the
  // node's speaker (they share its merge key), and the head counts the reports that
  // mention each entity (Store::Check verifies both). Else nullopt: read the edge.
  std::optional<uint64_t> RefcountInHead(const EdgeKey& edge) const;
  // The statement `reference` (of `speaker`) refers to now, or invalid. `stored`: the
  // target stored for it, when this batch only adds (no retraction) and the reference
  // is not one of its own (null otherwise).
  Result<NodeId> BestTarget(NodeId speaker, NodeId reference, const ReferenceValue& v,
                            const NodeId* stored);
  void Put(Cf cf, std::string key, std::string value) {
    ops_.push_back({cf, std::move(key), std::move(value), false});
  }
  void Delete(Cf cf, std::string key) { ops_.push_back({cf, std::move(key), {}, true}); }
  // Reads `keys` that are not pending, one MultiGet per column family, into
  // prefetched_. A failed read leaves nothing prefetched: Read then reads each key
  // by itself and reports the error.
  void Prefetch(const std::vector<std::pair<Cf, std::string>>& keys);
  // The stored refcount of each edge of edge_delta_, in its order (0 where the delta is 0).
  Status CurrentRefcounts(std::vector<uint64_t>* current);

  rocksdb::DB* db_;
  const std::vector<rocksdb::ColumnFamilyHandle*>& cfs_;
  Counters counters_;
  const EntityCache* cache_;
  CandidateCache* candidates_;  // filled with what is read from the database
  const AbsentKeys* absent_;    // may be null
  const MergeKeyCache* merge_keys_;  // may be null
  const ReferenceSpeakers* reference_speakers_;  // may be null
  // This batch's statement nodes of each speaker as BestTarget sees them (set by
  // ResolveReferences): their 'P' <order>, and the words of each; in order.
  struct ChangedCandidate {
    std::string order;
    NodeId id;
    const StatementState* state;
    bool has_words = false;
    WordKeys words;
  };
  std::unordered_map<NodeId, std::vector<ChangedCandidate>> changed_by_speaker_;
  // The dated 'P' entries this batch adds and removes (set by Finish), for the window
  // counts of CandidateCache: BestTarget adds them to a count read before the batch,
  // UpdateCache to the cache's.
  std::vector<CandidateCache::Said> said_changes_;
  void NoteSaid(const std::string& index_key, int delta) {
    if (index_key.size() != 1 + 8 + kOrderSize || index_key[0] != kSpeakerIndexTag ||
        index_key[9] != '\0')
      return;
    said_changes_.push_back(
        {NodeId(GetBe64(index_key.data() + 1)), ~GetBe32(index_key.data() + 10), delta});
  }
  // The number of entries of `speaker` in [from, to] after this batch (at most
  // CandidateCache::count_cap()), from the cache or counted in the store; nullopt
  // without a cache.
  Result<std::optional<uint32_t>> WindowCount(NodeId speaker, uint32_t from, uint32_t to);
  size_t WindowCap() const {
    return candidates_ != nullptr ? candidates_->window_cap() : StoreOptions().reference_window_cap;
  }
  // What BestTarget needs of a stored statement: from the cache, else from its head.
  Result<CandidateCache::Info> StoredInfo(NodeId id);
  // The candidates of one window (speaker + 'P' order range) in this batch: its first
  // WindowCap() statements in order as the store will hold them after this batch,
  // i.e. the stored ones it does not change (`entries`) merged with its own
  // (changed_by_speaker_[speaker][changed_begin, changed_end)). Every reference of
  // that window re-decided in this batch has the same ones (the database and the
  // pending batch do not change while a batch is built), so one scan serves them all;
  // a stored candidate's head is read on first use.
  struct WindowEntry {
    std::string order;
    NodeId id;
    std::optional<CandidateCache::Info> info;  // read on first use
  };
  struct Window {
    std::vector<WindowEntry> entries;
    size_t changed_begin = 0, changed_end = 0;
    bool complete = false;  // the whole range: the cap left nothing out
  };
  Result<Window*> WindowEntries(NodeId speaker, const std::string& lo, const std::string& hi);
  // By speaker + lo's length + lo + hi.
  std::map<std::string, Window> windows_;
  const PendingView* pending_;
  std::vector<Op> ops_;
  std::unique_ptr<PendingOps> final_;  // set by Finish
  std::map<NodeId, EntityState> entities_;
  std::map<NodeId, StatementState> statements_;
  std::unordered_map<std::string, NodeId> merged_;  // 'K' keys read or written
  // 'R' entries read, retracted or added in this batch; `counted` is the target whose
  // refers_to edge the refcounts hold now (with this batch's deltas).
  struct Reference {
    ReferenceValue value;
    NodeId counted;
    bool gone = false;    // retracted and not added again
    bool dirty = false;   // to be written
    bool stored = false;  // read from the database, not retracted or added here
  };
  std::map<std::string, Reference> references_;
  std::map<EdgeKey, int64_t> edge_delta_;
  // Values read ahead by Prefetch, by PrefetchKey; nullopt: not stored.
  Prefetched prefetched_;
  // The article and event nodes of the articles in this batch, and the edges their
  // stored ledgers list (see CurrentRefcount).
  std::unordered_set<NodeId> owned_;
  std::set<EdgeKey> stored_edges_;
  bool retracted_ = false;  // Retract was called: statements may have lost reports
  // The iterator of the indexes column family every OverlayIterator of this build
  // borrows (one at a time), made on first use.
  rocksdb::Iterator* IndexIterator() {
    if (index_iterator_ == nullptr) {
      index_iterator_.reset(db_->NewIterator(rocksdb::ReadOptions(), cfs_[kCfIndexes]));
    }
    return index_iterator_.get();
  }
  std::unique_ptr<rocksdb::Iterator> index_iterator_;
};

void BatchBuilder::Prefetch(const std::vector<std::pair<Cf, std::string>>& keys) {
  std::vector<std::pair<Cf, std::string>> wanted;
  wanted.reserve(keys.size());
  for (const auto& [cf, key] : keys) {
    if (pending_ != nullptr && pending_->Find(cf, key) != nullptr) continue;
    wanted.emplace_back(cf, key);
  }
  if (!MultiGetInto(db_, cfs_, wanted, &prefetched_)) {
    prefetched_.clear();  // Read reads each key again by itself and reports the error
  }
}

void BatchBuilder::PrefetchFor(std::span<const Extraction> articles,
                               std::span<const ArticlePrep> preps) {
  prefetched_ = ReadAhead(db_, cfs_, PlanReads(articles, preps, cache_, merge_keys_, absent_),
                          pending_);
}

Status BatchBuilder::Read(Cf cf, const std::string& key, std::string* value, bool* found) {
  if (absent_ != nullptr && absent_->Absent(cf, key)) {
    *found = false;
    return Status::OK();
  }
  if (pending_ != nullptr) {
    if (const Op* op = pending_->Find(cf, key)) {
      *found = !op->is_delete;
      if (*found) *value = op->value;
      return Status::OK();
    }
  }
  if (!prefetched_.empty()) {
    auto it = prefetched_.find(PrefetchKey(cf, key));
    if (it != prefetched_.end()) {
      *found = it->second.has_value();
      if (*found) *value = *it->second;
      return Status::OK();
    }
  }
  rocksdb::Status s = db_->Get(rocksdb::ReadOptions(), cfs_[cf], key, value);
  *found = s.ok();
  if (s.IsNotFound()) return Status::OK();
  return FromRocks(s, std::string("reading ") + kColumnFamilies[cf]);
}

Result<BatchBuilder::EntityState*> BatchBuilder::Entity(NodeId id, const EntityValue* created) {
  auto it = entities_.find(id);
  if (it != entities_.end()) return &it->second;
  EntityState state;
  if (const EntityValue* cached = cache_ != nullptr ? cache_->Find(id) : nullptr) {
    state.existed = true;
    state.original = *cached;
  } else {
    std::string raw;
    PARLEY_RETURN_IF_ERROR(Read(kCfRecords, RecordKey(kEntityTag, id), &raw, &state.existed));
    if (state.existed && !DecodeEntity(raw, &state.original)) {
      return Status::Corruption("entity " + id.ToHex() + ": record cannot be decoded");
    }
  }
  if (state.existed) {
    state.value = state.original;
  } else if (created != nullptr) {
    state.value = *created;
  } else {
    return Status::Corruption("entity " + id.ToHex() + " is in the ledger but not stored");
  }
  return &entities_.emplace(id, std::move(state)).first->second;
}

Result<BatchBuilder::StatementState*> BatchBuilder::StatementNode(NodeId id, bool may_create) {
  auto it = statements_.find(id);
  if (it != statements_.end()) return &it->second;
  StatementState state;
  std::string raw;
  PARLEY_RETURN_IF_ERROR(Read(kCfRecords, RecordKey(kStatementTag, id), &raw, &state.existed));
  if (state.existed) {
    if (!DecodeStatementHead(raw, &state.original)) {
      return Status::Corruption("statement " + id.ToHex() + ": record cannot be decoded");
    }
    state.value = state.original.record;
    state.count = state.original.report_count;
    state.mentions.insert(state.original.mentions.begin(), state.original.mentions.end());
  } else if (may_create) {
    state.value.id = id;
  } else {
    return Status::Corruption("statement " + id.ToHex() + " is in the ledger but not stored");
  }
  return &statements_.emplace(id, std::move(state)).first->second;
}

Result<NodeId> BatchBuilder::MergedStatement(const std::string& key, NodeId own) {
  auto it = merged_.find(key);
  if (it != merged_.end()) return it->second;
  if (NodeId cached; merge_keys_ != nullptr && merge_keys_->Find(key, &cached)) {
    const NodeId id = cached.valid() ? cached : own;
    merged_.emplace(key, id);
    return id;
  }
  std::string raw;
  bool found = false;
  PARLEY_RETURN_IF_ERROR(Read(kCfIndexes, key, &raw, &found));
  if (found && raw.size() != 8) {
    return Status::Corruption("index K " + HexEncode(key) + ": value is not a statement id");
  }
  const NodeId id = found ? NodeId(GetBe64(raw.data())) : own;
  merged_.emplace(key, id);
  return id;
}

// The 'P', 'M' and 'D' <order> of a statement node: that of its first report
// (r.reports must not be empty).
std::string FirstReportOrder(const StatementRecord& r) {
  const StatementReport& first = r.reports[0];
  return StatementOrder(first.date ? DateNumber(*first.date) : std::nullopt,
                        first.published ? DateNumber(*first.published) : std::nullopt,
                        first.article_id,
                        static_cast<uint32_t>(std::max<int64_t>(first.content.begin, 0)), r.id);
}

BatchBuilder::Postings BatchBuilder::PostingsOf(
    const StatementRecord& r, const std::vector<std::pair<NodeId, uint32_t>>& mentions) {
  Postings out;
  if (r.reports.empty()) return out;
  const StatementReport& first = r.reports[0];
  const std::string order = FirstReportOrder(r);
  const std::string posting = PostingValue(first.type, first.speech_act);
  out.emplace_back(DateIndexKey(order), posting);
  if (r.speaker_id.valid()) out.emplace_back(SpeakerIndexPrefix(r.speaker_id) + order, posting);
  for (const auto& [e, count] : mentions) {
    if (count > 0) out.emplace_back(MentionIndexKey(e, order), posting);
  }
  std::sort(out.begin(), out.end());  // tags differ, and each entity is mentioned once
  return out;
}

Status BatchBuilder::NextFirstReport(NodeId id, StatementState& state) {
  const std::string prefix = ReportIndexPrefix(id);
  auto it = std::make_unique<OverlayIterator>(IndexIterator(), kCfIndexes, pending_,
                                              PrefixSuccessor(prefix));
  for (it->Seek(prefix); it->Valid(); it->Next()) {
    if (it->key().size() != kReportIndexKeySize) continue;
    const NodeId article(GetBe64(it->key().data() + 9));
    if (state.removed.count(article) || state.added.count(article)) continue;
    StatementReport p;
    if (!DecodeReport(it->value(), &p)) {
      return Status::Corruption("report of statement " + id.ToHex() + " cannot be decoded");
    }
    state.value.reports = {std::move(p)};
    return Status::OK();
  }
  PARLEY_RETURN_IF_ERROR(FromRocks(it->status(), "scanning the reports of a statement"));
  if (state.added.empty()) {
    return Status::Corruption("statement " + id.ToHex() + " counts reports it does not have");
  }
  state.value.reports = {state.added.begin()->second};
  return Status::OK();
}

Status BatchBuilder::ResolveReferences() {
  std::sort(said_changes_.begin(), said_changes_.end(),
            [](const CandidateCache::Said& a, const CandidateCache::Said& b) {
              return a.speaker < b.speaker;
            });
  // The references whose window a statement this batch changes falls in: those of its
  // speaker dated that day, or whose article is at most kReferenceDays later, or with
  // no date at all; and every reference this batch adds.
  std::set<std::pair<NodeId, uint32_t>> changed;  // (speaker, utterance date)
  auto note = [&](const StatementRecord& r) {
    if (r.speaker_id.valid() && !r.reports.empty() && r.date) {
      changed.insert({r.speaker_id, DateNumber(*r.date).value_or(0)});
    }
  };
  for (const auto& [id, state] : statements_) {
    note(state.value);
    if (state.existed) note(state.original.record);
  }
  std::set<std::string> affected;
  for (const auto& [key, ref] : references_) {
    if (!ref.gone) affected.insert(key);
  }
  std::set<std::pair<std::string, std::string>> ranges;  // [from, to) of 'R' keys
  for (const auto& [speaker, date] : changed) {
    if (reference_speakers_ != nullptr && !reference_speakers_->MayHave(speaker)) continue;
    const std::string prefix = ReferenceIndexPrefix(speaker);
    std::string none = prefix, from = prefix, to = prefix;
    PutBe32(&none, 0);
    ranges.insert({none, PrefixSuccessor(none)});
    if (date == 0) continue;
    PutBe32(&from, date);
    PutBe32(&to, AddDays(date, kReferenceDays) + 1);
    ranges.insert({from, to});
  }
  for (const auto& [from, to] : ranges) {
    auto it = std::make_unique<OverlayIterator>(IndexIterator(), kCfIndexes, pending_, to);
    for (it->Seek(from); it->Valid(); it->Next()) {
      std::string key(it->key());
      if (references_.count(key)) continue;  // this batch's version
      Reference ref;
      if (key.size() != kReferenceIndexKeySize || !DecodeReference(it->value(), &ref.value)) {
        return Status::Corruption("index R " + HexEncode(key) + ": cannot be decoded");
      }
      // A reference dated by its utterance has the statements of that one day as its
      // window: unless this batch changes one of them, its target stays (the range
      // scanned holds a week of them). Undated ones and those bounded by their
      // article's date are in the window of every statement whose range found them.
      if (ref.value.said != 0 && !changed.count({NodeId(GetBe64(key.data() + 1)), ref.value.said})) {
        continue;
      }
      ref.counted = ref.value.target;
      ref.stored = true;
      affected.insert(key);
      references_.emplace(std::move(key), std::move(ref));
    }
    PARLEY_RETURN_IF_ERROR(FromRocks(it->status(), "scanning the reference index"));
  }
  changed_by_speaker_.clear();
  for (const auto& [sid, state] : statements_) {
    const StatementRecord& r = state.value;
    if (state.count == 0 || !r.speaker_id.valid() || r.reports.empty()) continue;
    ChangedCandidate c;
    c.order = FirstReportOrder(r);
    c.id = sid;
    c.state = &state;
    changed_by_speaker_[r.speaker_id].push_back(std::move(c));
  }
  // In 'P' order, so that BestTarget visits only those in a reference's window: a
  // speaker quoted in many articles of a batch has hundreds of them, and each of its
  // references re-decided looked at every one (at 300k articles BestTarget was a tenth
  // of the building thread).
  for (auto& [speaker, candidates] : changed_by_speaker_) {
    std::sort(candidates.begin(), candidates.end(),
              [](const ChangedCandidate& a, const ChangedCandidate& b) { return a.order < b.order; });
  }
  for (const std::string& key : affected) {
    Reference& ref = references_.at(key);
    const NodeId speaker(GetBe64(key.data() + 1));
    const NodeId reference = ReferenceOfIndexKey(key);
    const bool from_stored = ref.stored && !retracted_;
    auto best = BestTarget(speaker, reference, ref.value, from_stored ? &ref.value.target : nullptr);
    if (!best.ok()) return best.status();
    if (*best != ref.counted) {
      if (ref.counted.valid()) --edge_delta_[{reference, EdgeKind::kRefersTo, ref.counted}];
      if (best->valid()) ++edge_delta_[{reference, EdgeKind::kRefersTo, *best}];
      ref.counted = *best;
    }
    if (ref.value.target != *best) ref.dirty = true;
    ref.value.target = *best;
    if (ref.dirty) Put(kCfIndexes, key, EncodeReference(ref.value));
  }
  return Status::OK();
}

Result<BatchBuilder::Window*> BatchBuilder::WindowEntries(NodeId speaker, const std::string& lo,
                                                          const std::string& hi) {
  const std::string prefix = SpeakerIndexPrefix(speaker);
  auto [slot, inserted] = windows_.try_emplace(prefix + static_cast<char>(lo.size()) + lo + hi);
  if (!inserted) return &slot->second;
  Window& window = slot->second;
  // This batch's statements of the speaker in the range, in order.
  static const std::vector<ChangedCandidate> kNone;
  auto found = changed_by_speaker_.find(speaker);
  const std::vector<ChangedCandidate>& changed =
      found == changed_by_speaker_.end() ? kNone : found->second;
  auto order_less = [](const ChangedCandidate& c, const std::string& order) {
    return c.order < order;
  };
  window.changed_begin =
      std::lower_bound(changed.begin(), changed.end(), lo, order_less) - changed.begin();
  const size_t changed_stop =
      std::lower_bound(changed.begin(), changed.end(), hi, order_less) - changed.begin();
  const size_t cap = WindowCap();
  size_t next = window.changed_begin, taken = 0;
  auto it = std::make_unique<OverlayIterator>(IndexIterator(), kCfIndexes, pending_,
                                              prefix + hi);
  for (it->Seek(prefix + lo); it->Valid() && taken < cap; it->Next()) {
    const std::string_view key = it->key();
    const NodeId sid = StatementOfSpeakerIndexKey(key);
    if (statements_.count(sid)) continue;  // changed: as this batch leaves it, in `changed`
    const std::string_view order = key.substr(prefix.size());
    while (next < changed_stop && taken < cap && changed[next].order < order) {
      ++next;
      ++taken;
    }
    if (taken == cap) break;
    WindowEntry e;
    e.order.assign(order);
    e.id = sid;
    if (const CandidateCache::Info* info =
            candidates_ != nullptr ? candidates_->Find(sid) : nullptr) {
      e.info = *info;
    }
    window.entries.push_back(std::move(e));
    ++taken;
  }
  const bool stored_all = !it->Valid();
  Status st = FromRocks(it->status(), "scanning the speaker index");
  if (!st.ok()) {
    windows_.erase(slot);
    return st;
  }
  while (stored_all && next < changed_stop && taken < cap) {
    ++next;
    ++taken;
  }
  window.changed_end = next;
  window.complete = stored_all && next == changed_stop;
  return &window;
}

Result<NodeId> BatchBuilder::BestTarget(NodeId speaker, NodeId reference, const ReferenceValue& v,
                                        const NodeId* stored) {
  // Candidates: the speaker's dated statements on the reference's date, else in the
  // kReferenceDays before its article's date (any date when it has none), newest first
  // ('P' order), the first WindowCap() of them as the store holds them after this
  // batch (WindowEntries). The best: most words shared with the reference, then the
  // longest (a headline's summary or a short aside loses to the statement it sums up),
  // then the newest (the first in 'P' order); only statements said in another article
  // (not references). Which article came first does not matter.
  std::string lo(1, '\0'), hi(1, '\0');
  if (v.said != 0) {
    PutBe32(&lo, ~v.said);
    hi = PrefixSuccessor(lo);
  } else if (v.bound != 0) {
    PutBe32(&lo, ~v.bound);
    PutBe32(&hi, ~AddDays(v.bound, -kReferenceDays));
    hi = PrefixSuccessor(hi);
  } else {
    hi = std::string(1, '\1');
  }
  const WordKeys reference_words = PackWords(v.words);
  NodeId best;
  std::string_view best_order;
  size_t best_shared = 0, best_length = 0;
  // Offers one candidate; `order` must outlive the call.
  auto offer = [&](std::string_view order, NodeId id, bool is_reference, uint32_t report_count,
                   NodeId article, const WordKeys& words) {
    if (is_reference || !(report_count > 1 || article != v.article)) return;
    const size_t shared = SharedWords(reference_words, words);
    const size_t length = words.size();
    if (best.valid() && (shared < best_shared || (shared == best_shared && length < best_length) ||
                         (shared == best_shared && length == best_length && order > best_order))) {
      return;
    }
    best = id;
    best_shared = shared;
    best_length = length;
    best_order = order;
  };
  // What is needed of a stored candidate: from the cache, else from its head.
  auto info_of = [&](WindowEntry& e) -> Status {
    if (e.info) return Status::OK();
    auto read = StoredInfo(e.id);
    if (!read.ok()) return read.status();
    e.info = std::move(*read);
    return Status::OK();
  };
  // This batch's statements of the speaker (in order), those in [begin, end) offered.
  auto changed_of = changed_by_speaker_.find(speaker);
  std::vector<ChangedCandidate>* changed_here =
      changed_of == changed_by_speaker_.end() ? nullptr : &changed_of->second;
  auto offer_changed = [&](size_t begin, size_t end) {
    for (size_t i = begin; i < end; ++i) {
      ChangedCandidate& c = (*changed_here)[i];
      if (c.id == reference) continue;
      const StatementState& state = *c.state;
      if (!c.has_words) {
        c.has_words = true;
        c.words = PackWords(ContentWords(state.value.text));
      }
      offer(c.order, c.id, state.value.type == "reference", state.count, state.value.article_id,
            c.words);
    }
  };
  if (stored != nullptr) {
    // The window's count after this batch, when it is known without a scan: within the
    // cap, the window is complete, and the best is the stored target (where it still
    // is in the window) or one of this batch's statements, as below.
    uint32_t from = 0, to = std::numeric_limits<uint32_t>::max();
    if (v.said != 0) {
      from = to = v.said;
    } else if (v.bound != 0) {
      from = AddDays(v.bound, -kReferenceDays);
      to = v.bound;
    }
    auto count = WindowCount(speaker, from, to);
    if (!count.ok()) return count.status();
    if (*count && **count <= WindowCap()) {
      std::optional<CandidateCache::Info> target;
      if (stored->valid() && !statements_.count(*stored)) {
        auto info = StoredInfo(*stored);
        if (!info.ok()) return info.status();
        target = std::move(*info);
      }
      if (!target || (target->speaker == speaker && target->order >= lo && target->order < hi)) {
        if (target) {
          offer(target->order, *stored, target->reference, target->report_count, target->article,
                target->words);
        }
        if (changed_here != nullptr) {
          auto order_less = [](const ChangedCandidate& c, const std::string& order) {
            return c.order < order;
          };
          const auto b = changed_here->begin(), e = changed_here->end();
          offer_changed(std::lower_bound(b, e, lo, order_less) - b,
                        std::lower_bound(b, e, hi, order_less) - b);
        }
        return best;
      }
    }
  }
  auto window = WindowEntries(speaker, lo, hi);
  if (!window.ok()) return window.status();
  std::vector<WindowEntry>& entries = (*window)->entries;
  // A batch that only adds statements and reports leaves every stored statement as
  // it was but its own, which only become more eligible. If its window is complete,
  // it was complete before too (it only grew), so the stored target, decided on it as
  // it was then, beats every stored candidate: the best is that target or one of this
  // batch's statements. (At 300k generated articles, 3.9M of the 3.95M decisions.)
  bool from_stored = stored != nullptr && (*window)->complete;
  if (from_stored && stored->valid() && !statements_.count(*stored)) {
    auto e = std::find_if(entries.begin(), entries.end(),
                          [&](const WindowEntry& w) { return w.id == *stored; });
    if (e == entries.end()) {
      from_stored = false;  // not where it should be: decide from every candidate
    } else {
      PARLEY_RETURN_IF_ERROR(info_of(*e));
      const CandidateCache::Info& info = *e->info;
      offer(e->order, e->id, info.reference, info.report_count, info.article, info.words);
    }
  }
  // A candidate can share at most as many words as it and the reference have; entries
  // come in increasing order, so one that cannot share more than the best, nor as
  // many with more words, loses (ties go to the lower order, the best's) and is
  // skipped without counting its shared words.
  for (size_t i = 0; !from_stored && i < entries.size(); ++i) {
    WindowEntry& e = entries[i];
    if (e.id == reference) continue;
    if (e.info) {
      const size_t words = e.info->words.size();
      const size_t bound = std::min(reference_words.size(), words);
      if (best.valid() && (bound < best_shared || (bound == best_shared && words <= best_length))) {
        continue;
      }
    }
    PARLEY_RETURN_IF_ERROR(info_of(e));
    const CandidateCache::Info& info = *e.info;
    offer(e.order, e.id, info.reference, info.report_count, info.article, info.words);
  }
  offer_changed((*window)->changed_begin, (*window)->changed_end);
  return best;
}

Result<CandidateCache::Info> BatchBuilder::StoredInfo(NodeId id) {
  if (candidates_ != nullptr) {
    if (const CandidateCache::Info* info = candidates_->Find(id)) return *info;
  }
  std::string raw;
  bool found = false;
  PARLEY_RETURN_IF_ERROR(Read(kCfRecords, RecordKey(kStatementTag, id), &raw, &found));
  StatementHead h;
  if (!found || !DecodeStatementHead(raw, &h) || h.record.reports.empty()) {
    return Status::Corruption("index P or a reference names missing or unreadable statement " +
                              id.ToHex());
  }
  CandidateCache::Info info;
  info.reference = h.record.type == "reference";
  info.report_count = h.report_count;
  info.article = h.record.article_id;
  info.words = PackWords(ContentWords(h.record.text));
  info.speaker = h.record.speaker_id;
  info.order = FirstReportOrder(h.record);
  if (candidates_ != nullptr) candidates_->Put(id, info);
  return info;
}

Result<std::optional<uint32_t>> BatchBuilder::WindowCount(NodeId speaker, uint32_t from,
                                                          uint32_t to) {
  if (candidates_ == nullptr || !candidates_->counts_enabled()) return std::optional<uint32_t>();
  // Counted as the store and the writes in flight hold the window, before this batch.
  auto count_stored = [&]() -> Result<uint32_t> {
    const std::string prefix = SpeakerIndexPrefix(speaker);
    std::string lo = prefix + '\0', hi = prefix + '\0';
    PutBe32(&lo, ~to);
    PutBe32(&hi, ~from);
    auto it = std::make_unique<OverlayIterator>(IndexIterator(), kCfIndexes, pending_,
                                                PrefixSuccessor(hi));
    uint32_t n = 0;
    for (it->Seek(lo); it->Valid() && n < candidates_->count_cap(); it->Next()) ++n;
    PARLEY_RETURN_IF_ERROR(FromRocks(it->status(), "counting the speaker index"));
    return n;
  };
  std::optional<uint32_t> before = candidates_->Count(speaker, from, to);
  if (!before) {
    auto n = count_stored();
    if (!n.ok()) return n.status();
    candidates_->PutCount(speaker, from, to, *n);
    before = *n;
  } else if (candidates_->verify_counts()) {
    auto n = count_stored();
    if (!n.ok()) return n.status();
    if (*n != *before) {
      return Status::Corruption("window count of speaker " + speaker.ToHex() + " from " +
                                std::to_string(from) + " to " + std::to_string(to) + ": kept " +
                                std::to_string(*before) + ", counted " + std::to_string(*n));
    }
  }
  if (*before >= candidates_->count_cap()) return std::optional<uint32_t>(candidates_->count_cap());
  int64_t n = *before;
  auto first =
      std::lower_bound(said_changes_.begin(), said_changes_.end(), speaker,
                       [](const CandidateCache::Said& c, NodeId s) { return c.speaker < s; });
  for (auto c = first; c != said_changes_.end() && c->speaker == speaker; ++c) {
    if (c->said >= from && c->said <= to) n += c->delta;
  }
  if (n < 0)
    return Status::Corruption("speaker index of " + speaker.ToHex() +
                              ": fewer entries than a write removes");
  return std::optional<uint32_t>(static_cast<uint32_t>(n));
}

std::optional<uint64_t> BatchBuilder::RefcountInHead(const EdgeKey& edge) const {
  if (edge.kind == EdgeKind::kSaid) {
    auto it = statements_.find(edge.dst);
    if (it != statements_.end() && it->second.existed &&
        it->second.original.record.speaker_id == edge.src) {
      return it->second.original.report_count;
    }
  } else if (edge.kind == EdgeKind::kMentions) {
    auto it = statements_.find(edge.src);
    if (it != statements_.end() && it->second.existed) {
      for (const auto& [entity, count] : it->second.original.mentions) {
        if (entity == edge.dst) return count;
      }
    }
  }
  return std::nullopt;
}

// An edge with one end among an article's own nodes (its article and event nodes,
// whose ids derive from its external id) is written by that article only, and its
// stored ledger lists it, holding its one refcount: so its refcount is 1 when the
// stored ledger lists it and 0 otherwise, and need not be read (Check verifies the
// ledgers against the refcounts). An edge of a statement node new in this batch has no
// refcount yet. A said edge to, or a mentions edge from, a statement node stored before
// has its refcount in the node's head (RefcountInHead): at 60k generated articles a
// third of the statements join a node already stored, and reading those edges one Get
// at a time was an eighth of the writer's time (perf). Other edges (between entities,
// of references and reported statements) are read, all of a batch in one MultiGet.
Status BatchBuilder::CurrentRefcounts(std::vector<uint64_t>* current) {
  current->assign(edge_delta_.size(), 0);
  std::vector<size_t> unread;  // positions in `current` of the edges read below
  std::vector<std::pair<Cf, std::string>> keys;
  size_t at = 0;
  for (const auto& [edge, delta] : edge_delta_) {
    const size_t i = at++;
    if (delta == 0) continue;  // retracted and written again: unchanged
    if (owned_.count(edge.src) || owned_.count(edge.dst)) {
      (*current)[i] = stored_edges_.count(edge) ? 1 : 0;
      continue;
    }
    // A statement node that was not stored before this batch has no edge yet.
    bool is_new = false;
    for (NodeId end : {edge.src, edge.dst}) {
      auto it = statements_.find(end);
      if (it != statements_.end() && !it->second.existed) is_new = true;
    }
    if (is_new) continue;
    if (auto known = RefcountInHead(edge)) {
      (*current)[i] = *known;
      continue;
    }
    unread.push_back(i);
    keys.emplace_back(kCfOutEdges, OutEdgeKey(edge));
  }
  Prefetch(keys);
  for (size_t k = 0; k < keys.size(); ++k) {
    std::string raw;
    bool found = false;
    PARLEY_RETURN_IF_ERROR(Read(kCfOutEdges, keys[k].second, &raw, &found));
    if (found && !DecodeRefcount(raw, &(*current)[unread[k]])) {
      return Status::Corruption("edge " + HexEncode(keys[k].second) + ": refcount cannot be decoded");
    }
  }
  return Status::OK();
}

void BatchBuilder::UpdateCache(EntityCache* cache, CandidateCache* candidates) const {
  for (const auto& [id, state] : statements_) candidates->Erase(id);
  candidates->ApplyCounts(said_changes_);
  for (const auto& [id, state] : entities_) {
    if (state.value.article_count == 0) {
      cache->Erase(id);
    } else {
      cache->Put(id, state.value);
    }
  }
}

Status BatchBuilder::Retract(const LedgerValue& old) {
  retracted_ = true;
  std::set<NodeId> old_entities;
  for (const EntityContribution& c : old.entities) old_entities.insert(c.entity);
  for (NodeId id : old.statements) {
    auto found = StatementNode(id, false);
    if (!found.ok()) return found.status();
    StatementState& state = **found;
    if (state.count == 0) return Status::Corruption("statement " + id.ToHex() + ": no report");
    --state.count;
    state.removed.insert(old.article);
    Delete(kCfIndexes, ReportIndexKey(id, old.article));
    if (!state.value.reports.empty() && state.value.reports[0].article_id == old.article) {
      state.value.reports.clear();  // Finish finds the next first report
    }
  }
  for (const EdgeKey& e : old.edges) {
    if (e.kind != EdgeKind::kMentions || !old_entities.count(e.dst)) continue;
    auto it = statements_.find(e.src);
    if (it == statements_.end()) continue;
    auto m = it->second.mentions.find(e.dst);
    if (m != it->second.mentions.end() && m->second > 0) --m->second;
  }
  for (NodeId id : old.events) {
    Delete(kCfRecords, RecordKey(kEventTag, id));
    --counters_.events;
  }
  Delete(kCfRecords, RecordKey(kArticleTag, old.article));
  Delete(kCfRecords, RecordKey(kArticleTextTag, old.article));
  --counters_.articles;
  for (const std::string& key : old.index_keys) {
    Delete(kCfIndexes, key);
    if (key.size() != kReferenceIndexKeySize || key[0] != kReferenceIndexTag) continue;
    std::string raw;
    bool found = false;
    PARLEY_RETURN_IF_ERROR(Read(kCfIndexes, key, &raw, &found));
    Reference ref;
    if (!found || !DecodeReference(raw, &ref.value)) {
      return Status::Corruption("index R " + HexEncode(key) + ": missing or unreadable");
    }
    if (ref.value.target.valid()) {
      --edge_delta_[{ReferenceOfIndexKey(key), EdgeKind::kRefersTo, ref.value.target}];
    }
    ref.gone = true;
    references_.insert_or_assign(key, std::move(ref));
  }
  owned_.insert(old.article);
  owned_.insert(old.events.begin(), old.events.end());
  for (const EdgeKey& e : old.edges) {
    --edge_delta_[e];
    stored_edges_.insert(e);
  }
  for (const EntityContribution& c : old.entities) {
    auto state = Entity(c.entity, nullptr);
    if (!state.ok()) return state.status();
    EntityValue& v = (*state)->value;
    v.article_count = v.article_count > 0 ? v.article_count - 1 : 0;
    v.statement_count = v.statement_count > c.statements ? v.statement_count - c.statements : 0;
    for (const auto& a : c.aliases) RemoveCounted(&v.aliases, a);
    for (const auto& r : c.roles) RemoveCounted(&v.roles, r);
  }
  return Status::OK();
}

Status BatchBuilder::Add(const Extraction& x, const ArticlePrep& prep) {
  const std::string& content_hash = prep.hash;
  const NodeId article = ArticleNodeId(x.id);
  LedgerValue ledger;
  ledger.content_hash = content_hash;
  ledger.extractor_version = x.extractor_version;
  ledger.article = article;

  // Local ids to NodeIds. Two local entities with one canonical name and kind are one
  // entity: their contributions merge.
  // (Keyed by views of x's own ids, which outlive this call.)
  std::unordered_map<std::string_view, NodeId> entity_ids, statement_ids, event_ids;
  std::unordered_map<std::string_view, const parley::Entity*> local_entities;
  std::map<NodeId, EntityContribution> contributions;
  std::map<NodeId, EntityValue> seeds;  // how a new entity starts
  std::set<EdgeKey> edges;
  std::map<NodeId, NodeId> same_words;  // statement node -> its merge key's words hash
  std::map<NodeId, std::pair<NodeId, NodeId>> claimed;  // node -> the speaker and words it takes
  for (size_t k = 0; k < x.entities.size(); ++k) {
    const parley::Entity& e = x.entities[k];
    const NodeKind kind = *NodeKindFromName(e.type);
    const NodeId id = prep.entity_ids[k];
    entity_ids[e.id] = id;
    local_entities[e.id] = &e;
    EntityContribution& c = contributions[id];
    c.entity = id;
    for (const auto& a : e.aliases) AddDistinct(&c.aliases, a);
    for (const auto& r : e.roles) AddDistinct(&c.roles, r);
    auto [seed, inserted] = seeds.try_emplace(id);
    if (inserted) {
      seed->second.kind = kind;
      seed->second.name = e.name;
    }
    if (seed->second.country.empty()) seed->second.country = e.country;
    if (seed->second.gender.empty() && kind == NodeKind::kPerson) seed->second.gender = e.gender;
    edges.insert({article, EdgeKind::kMentions, id});
  }
  // A statement of a resolved speaker (not a reference, five words or more) joins the
  // node already holding the same speaker and words, if any.
  for (size_t i = 0; i < x.statements.size(); ++i) {
    const Statement& s = x.statements[i];
    const NodeId own = StatementNodeId(x.id, s.id);
    NodeId sid = own;
    const NodeId speaker = prep.speakers[i];
    const NodeId words = prep.same_words[i];  // valid only for a speaker's non-reference
    std::string key;
    if (words.valid()) {
      key = MergeIndexKey(speaker, words);
      auto merged = MergedStatement(key, own);
      if (!merged.ok()) return merged.status();
      sid = *merged;
    }
    // The node must be empty or hold these words: its own node may hold what another
    // article said in the words it had before a re-extraction changed them.
    auto node = StatementNode(sid, true);
    if (!node.ok()) return node.status();
    // Nor may it be a node an earlier statement of this article took with other words: a
    // re-extraction whose local ids shifted finds, through an old 'K' entry, the node
    // another of its statements now owns (that statement was lost, and the node's words
    // and speaker mixed).
    const StatementState& held = **node;
    auto taken = claimed.find(sid);
    if ((held.count > 0 && (held.value.same_words != words || held.value.speaker_id != speaker) &&
         !held.added.count(article)) ||
        (taken != claimed.end() && taken->second != std::pair(speaker, words))) {
      sid = NodeId(HashParts({"statement", own.ToHex(), words.ToHex()}));
    }
    claimed.try_emplace(sid, speaker, words);
    if (!key.empty()) merged_[key] = sid;
    if (words.valid()) same_words[sid] = words;
    statement_ids[s.id] = sid;
  }
  for (const parley::Event& v : x.events) event_ids[v.id] = EventNodeId(x.id, v.id);
  owned_.insert(article);
  for (const auto& [local, id] : event_ids) owned_.insert(id);

  ArticleRecord ar;
  ar.id = article;
  ar.external_id = x.id;
  ar.title = x.article.title;
  ar.published = x.article.published;
  ar.outlets = x.article.outlets;
  ar.warnings = x.article.warnings;
  ar.content_hash = content_hash;
  ar.extractor_version = x.extractor_version;
  ar.statement_count = static_cast<uint32_t>(x.statements.size());
  Put(kCfRecords, RecordKey(kArticleTag, article), EncodeArticle(ar));
  Put(kCfRecords, RecordKey(kArticleTextTag, article), x.text);
  ++counters_.articles;

  // This article's report of each statement node (of two local statements on one node,
  // the first).
  std::map<NodeId, StatementReport> reports;
  for (size_t i = 0; i < x.statements.size(); ++i) {
    const Statement& s = x.statements[i];
    const NodeId sid = statement_ids[s.id];
    if (!s.speaker_entity.empty()) {
      const NodeId speaker = entity_ids[s.speaker_entity];
      ++contributions[speaker].statements;
      edges.insert({speaker, EdgeKind::kSaid, sid});
    }
    auto [it, added] = reports.try_emplace(sid);
    if (!added) continue;
    StatementReport& r = it->second;
    r.article_id = article;
    r.article_external_id = x.id;
    r.article_title = x.article.title;
    r.published = x.article.published;
    r.local_id = s.id;
    r.text = s.text;
    r.type = s.type;
    r.cue = s.cue;
    r.speech_act = s.speech_act;
    r.negative = s.negative;
    r.hedged = s.hedged;
    r.date = s.date;
    r.content = s.content;
    if (!s.reported_by.empty()) {
      r.reported_by = statement_ids[s.reported_by];
      if (r.reported_by != sid) edges.insert({sid, EdgeKind::kReportedBy, r.reported_by});
    }
    edges.insert({sid, EdgeKind::kPublishedIn, article});
    // A statement mentions every entity and event named inside what it says.
    for (uint32_t k : prep.mentioned_entities[i]) {
      edges.insert({sid, EdgeKind::kMentions, prep.entity_ids[k]});
    }
    for (uint32_t k : prep.mentioned_events[i]) {
      edges.insert({sid, EdgeKind::kMentions, event_ids[x.events[k].id]});
    }
    std::string akey = ArticleIndexKey(article, sid);
    Put(kCfIndexes, akey, "");
    ledger.index_keys.push_back(std::move(akey));
    ledger.statements.push_back(sid);
  }

  // References naming a resolved speaker: joined in Finish (ResolveReferences). Their
  // words: their own and those of the statements answering them here.
  for (const Statement& s : x.statements) {
    if (s.type != "reference" || s.speaker_entity.empty()) continue;
    const NodeId sid = statement_ids[s.id];
    std::string context = s.text;
    for (const Relation& rel : x.relations) {
      if (rel.type != "responded_to" || rel.target != s.id) continue;
      for (const Statement& t : x.statements) {
        if (t.id == rel.source) context += " " + t.text;
      }
    }
    Reference ref;
    ref.value.said = s.date ? DateNumber(*s.date).value_or(0) : 0;
    ref.value.bound = x.article.published ? DateNumber(*x.article.published).value_or(0) : 0;
    ref.value.article = article;
    ref.value.words = ContentWords(context);
    ref.dirty = true;
    std::string key = ReferenceIndexKey(
        entity_ids[s.speaker_entity], ref.value.said != 0 ? ref.value.said : ref.value.bound, sid);
    if (auto it = references_.find(key); it != references_.end()) ref.counted = it->second.counted;
    ledger.index_keys.push_back(key);
    references_.insert_or_assign(std::move(key), std::move(ref));
  }

  for (const parley::Event& v : x.events) {
    const NodeId vid = event_ids[v.id];
    EventValue ev;
    ev.article = article;
    ev.local_id = v.id;
    ev.type = v.type;
    ev.name = v.name;
    ev.date = v.date;
    for (const auto& p : v.participants) {
      ev.participants.push_back(entity_ids[p]);
      edges.insert({entity_ids[p], EdgeKind::kParticipatedIn, vid});
    }
    edges.insert({article, EdgeKind::kMentions, vid});
    Put(kCfRecords, RecordKey(kEventTag, vid), EncodeEvent(ev));
    ledger.events.push_back(vid);
    ++counters_.events;
  }

  // Relation ends resolve as a statement, else an entity, else an event.
  auto resolve = [&](const std::string& local) {
    if (auto it = statement_ids.find(local); it != statement_ids.end()) return it->second;
    if (auto it = entity_ids.find(local); it != entity_ids.end()) return it->second;
    return event_ids.at(local);
  };
  for (const Relation& rel : x.relations) {
    edges.insert({resolve(rel.source), *EdgeKindFromName(rel.type), resolve(rel.target)});
  }

  for (const EdgeKey& e : edges) {
    ++edge_delta_[e];
    ledger.edges.push_back(e);
    // The entities each statement mentions (found in its text or given as a relation).
    if (e.kind != EdgeKind::kMentions || !contributions.count(e.dst)) continue;
    if (auto it = reports.find(e.src); it != reports.end()) it->second.mentions.push_back(e.dst);
  }
  for (auto& [sid, report] : reports) {
    auto found = StatementNode(sid, true);
    if (!found.ok()) return found.status();
    StatementState& state = **found;
    StatementRecord& v = state.value;
    for (NodeId e : report.mentions) ++state.mentions[e];
    Put(kCfIndexes, ReportIndexKey(sid, article), EncodeReport(report));
    if (state.count++ == 0) {  // a new node, or one whose reports this batch retracted
      const Statement& s =
          *std::find_if(x.statements.begin(), x.statements.end(),
                        [&](const Statement& t) { return t.id == report.local_id; });
      v.speaker_id = s.speaker_entity.empty() ? NodeId() : entity_ids[s.speaker_entity];
      v.speaker_name = s.speaker_entity.empty() ? s.speaker.value_or("")
                                                : local_entities[s.speaker_entity]->name;
      auto w = same_words.find(sid);
      v.same_words = w == same_words.end() ? NodeId() : w->second;
      v.reports.clear();
    }
    if (v.reports.empty()) v.reports.push_back(report);
    state.added.emplace(article, std::move(report));
  }
  for (auto& [id, c] : contributions) {
    auto state = Entity(id, &seeds[id]);
    if (!state.ok()) return state.status();
    EntityValue& v = (*state)->value;
    ++v.article_count;
    v.statement_count += c.statements;
    if (v.country.empty()) v.country = seeds[id].country;
    if (v.gender.empty()) v.gender = seeds[id].gender;
    for (const auto& a : c.aliases) AddCounted(&v.aliases, a);
    for (const auto& r : c.roles) AddCounted(&v.roles, r);
    ledger.entities.push_back(std::move(c));
  }
  Put(kCfLedger, x.id, EncodeLedger(ledger));
  return Status::OK();
}

Status BatchBuilder::Finish() {
  std::map<std::string, std::optional<std::string>> merge_keys;  // 'K': value, or delete
  for (auto& [id, state] : statements_) {
    StatementRecord& v = state.value;
    if (state.count == 0) {
      v.reports.clear();
    } else if (v.reports.empty()) {
      // Its first report went: the next is the stored one of the lowest article id
      // (else one this batch adds).
      PARLEY_RETURN_IF_ERROR(NextFirstReport(id, state));
    }
    SetFirstReport(&v);
    std::vector<std::pair<NodeId, uint32_t>> mentions;
    for (const auto& [e, count] : state.mentions) {
      if (count > 0) mentions.emplace_back(e, count);
    }
    Postings after = PostingsOf(v, mentions);
    if (!state.existed) {
      for (auto& [key, value] : after) {
        NoteSaid(key, +1);
        Put(kCfIndexes, std::move(key), std::move(value));
      }
    } else {
      const Postings before = PostingsOf(state.original.record, state.original.mentions);
      auto find = [](const Postings& in, const std::string& key) -> const std::string* {
        auto it = std::lower_bound(
            in.begin(), in.end(), key,
            [](const auto& entry, const std::string& k) { return entry.first < k; });
        return it != in.end() && it->first == key ? &it->second : nullptr;
      };
      for (const auto& [key, value] : before) {
        if (find(after, key) == nullptr) {
          NoteSaid(key, -1);
          Delete(kCfIndexes, key);
        }
      }
      for (const auto& [key, value] : after) {
        const std::string* was = find(before, key);
        if (was == nullptr) NoteSaid(key, +1);
        if (was == nullptr || *was != value) Put(kCfIndexes, key, value);
      }
    }
    // Its 'K' entry: a node emptied and filled again in this batch (its article
    // re-extracted) may have other words now.
    auto merge_key = [](const StatementRecord& r) {
      return r.same_words.valid() && !r.reports.empty() ? MergeIndexKey(r.speaker_id, r.same_words)
                                                        : std::string();
    };
    const std::string key_before = state.existed ? merge_key(state.original.record) : std::string();
    const std::string key_after = merge_key(v);
    if (key_before != key_after) {
      // A key one node gives up another may take in the same batch: puts win.
      if (!key_before.empty()) merge_keys.try_emplace(key_before, std::nullopt);
      if (!key_after.empty()) {
        std::string value;
        PutBe64(&value, id.value());
        merge_keys.insert_or_assign(key_after, std::move(value));
      }
    }
    if (v.reports.empty()) {
      if (state.existed) {
        Delete(kCfRecords, RecordKey(kStatementTag, id));
        --counters_.statements;
      }
      continue;
    }
    StatementHead head;
    head.record = v;
    head.report_count = state.count;
    head.mentions = std::move(mentions);
    Put(kCfRecords, RecordKey(kStatementTag, id), EncodeStatementHead(head));
    if (!state.existed) ++counters_.statements;
  }
  for (auto& [key, value] : merge_keys) {
    if (value) {
      Put(kCfIndexes, key, std::move(*value));
    } else {
      Delete(kCfIndexes, key);
    }
  }
  for (auto& [id, state] : entities_) {
    if (state.existed && state.value.article_count > 0 && SameWords(state.original, state.value)) {
      // Same name and aliases: the same tokens (folding them is costly).
      Put(kCfRecords, RecordKey(kEntityTag, id), EncodeEntity(state.value));
      continue;
    }
    const std::set<std::string> before =
        state.existed ? TokensOf(state.original) : std::set<std::string>();
    std::set<std::string> after;
    if (state.value.article_count == 0) {
      // No article references the entity any more.
      if (state.existed) {
        Delete(kCfRecords, RecordKey(kEntityTag, id));
        --counters_.entities;
      }
    } else {
      Put(kCfRecords, RecordKey(kEntityTag, id), EncodeEntity(state.value));
      if (!state.existed) ++counters_.entities;
      after = TokensOf(state.value);
    }
    for (const auto& t : before) {
      if (!after.count(t)) Delete(kCfIndexes, TokenIndexKey(t, id));
    }
    for (const auto& t : after) {
      if (!before.count(t)) Put(kCfIndexes, TokenIndexKey(t, id), "");
    }
  }
  PARLEY_RETURN_IF_ERROR(ResolveReferences());
  std::vector<uint64_t> refcounts;
  PARLEY_RETURN_IF_ERROR(CurrentRefcounts(&refcounts));
  size_t edge_index = 0;
  for (const auto& [edge, delta] : edge_delta_) {
    const uint64_t current = refcounts[edge_index++];
    if (delta == 0) continue;  // retracted and written again: unchanged
    const int64_t next = static_cast<int64_t>(current) + delta;
    if (next < 0) {
      return Status::Corruption("edge " + HexEncode(OutEdgeKey(edge)) +
                                ": refcount would drop below zero");
    }
    if (next == 0) {
      Delete(kCfOutEdges, OutEdgeKey(edge));
      Delete(kCfInEdges, InEdgeKey(edge));
      if (current > 0) {
        --counters_.edges;
        --counters_.edges_by_kind[static_cast<int>(edge.kind)];
      }
    } else {
      std::string value = EncodeRefcount(static_cast<uint64_t>(next));
      Put(kCfOutEdges, OutEdgeKey(edge), value);
      Put(kCfInEdges, InEdgeKey(edge), std::move(value));
      if (current == 0) {
        ++counters_.edges;
        ++counters_.edges_by_kind[static_cast<int>(edge.kind)];
      }
    }
  }
  Put(kCfDefault, kCountersKey, EncodeCounters(counters_));

  // Key order per column family; of several operations on one key (a record deleted
  // by a retraction and written again), the last one wins.
  // Sorts positions, not the operations (moving three strings per swap), by the
  // column family and the key's first 16 bytes as two numbers (zero-padded: the same
  // order as the bytes' where they differ), the whole keys only on a tie; ties of
  // equal keys in insertion order, so the last of them is the last in `order`. Keys
  // sharing their first 8 bytes (a node's edges, a speaker's postings) are common, and
  // comparing them whole reads each operation's key from the heap (a cache miss).
  struct Pos {
    uint64_t head;
    uint64_t head2;
    uint32_t index;
    int cf;
  };
  std::vector<Pos> order(ops_.size());
  for (uint32_t i = 0; i < order.size(); ++i) {
    const std::string& key = ops_[i].key;
    order[i] = {KeyBytesAsNumber(key, 0), KeyBytesAsNumber(key, 8), i, ops_[i].cf};
  }
  std::sort(order.begin(), order.end(), [this](const Pos& a, const Pos& b) {
    if (a.cf != b.cf) return a.cf < b.cf;
    if (a.head != b.head) return a.head < b.head;
    if (a.head2 != b.head2) return a.head2 < b.head2;
    const int c = ops_[a.index].key.compare(ops_[b.index].key);
    return c != 0 ? c < 0 : a.index < b.index;
  });
  std::vector<Op> final_ops;
  final_ops.reserve(ops_.size());
  for (size_t i = 0; i < order.size(); ++i) {
    if (i + 1 < order.size()) {
      const Pos& here = order[i];
      const Pos& next = order[i + 1];
      if (next.cf == here.cf && next.head == here.head && next.head2 == here.head2 &&
          ops_[next.index].key == ops_[here.index].key) {
        continue;
      }
    }
    final_ops.push_back(std::move(ops_[order[i].index]));
  }
  ops_.clear();
  index_iterator_.reset();  // done reading: let go of the files it pins
  final_ = std::make_unique<PendingOps>(std::move(final_ops));
  return Status::OK();
}

// Fills a WriteBatch with `ops`.
void FillBatch(const PendingOps& ops, const std::vector<rocksdb::ColumnFamilyHandle*>& cfs,
               rocksdb::WriteBatch* batch) {
  for (const Op& op : ops.ops()) {
    if (op.is_delete) {
      batch->Delete(cfs[op.cf], op.key).PermitUncheckedError();
    } else {
      batch->Put(cfs[op.cf], op.key, op.value).PermitUncheckedError();
    }
  }
}

// The NodeInfo of a records entry: true when it is one (an article text is not);
// false with `error` set when it cannot be decoded.
bool ParseNodeRecord(std::string_view key, std::string_view value, NodeInfo* out, Status* error) {
  if (key.size() != 9) {
    *error = Status::Corruption("malformed records key " + HexEncode(key));
    return false;
  }
  const NodeId id(GetBe64(key.data() + 1));
  auto date = [](const std::optional<std::string>& d) -> uint32_t {
    return d ? DateNumber(*d).value_or(0) : 0;
  };
  bool ok = true;
  switch (key[0]) {
    case kArticleTag: {
      ArticleRecord r;
      ok = DecodeArticle(value, &r);
      *out = {id, NodeKind::kArticle, date(r.published)};
      break;
    }
    case kStatementTag: {
      StatementRecord r;
      ok = DecodeStatement(value, &r);
      *out = {id, NodeKind::kStatement, r.date ? date(r.date) : date(r.published)};
      break;
    }
    case kEntityTag: {
      EntityValue v;
      ok = DecodeEntity(value, &v);
      *out = {id, v.kind, 0};
      break;
    }
    case kEventTag: {
      EventValue v;
      ok = DecodeEvent(value, &v);
      *out = {id, NodeKind::kEvent, date(v.date)};
      break;
    }
    default:
      return false;  // an article text
  }
  if (!ok) *error = Status::Corruption("record " + HexEncode(key) + " cannot be decoded");
  return ok;
}

class RocksDbStore final : public Store {
 public:
  RocksDbStore(std::string dir, StoreOptions options, std::unique_ptr<rocksdb::Env> env,
               rocksdb::DB* db, std::vector<rocksdb::ColumnFamilyHandle*> cfs)
      : dir_(std::move(dir)),
        options_(options),
        env_(std::move(env)),
        db_(db),
        cfs_(std::move(cfs)) {
    candidate_cache_.set_counts_enabled(options_.count_reference_windows);
    candidate_cache_.set_window_cap(options_.reference_window_cap);
    candidate_cache_.set_verify_counts(options_.verify_reference_window_counts);
  }

  ~RocksDbStore() override {
    // A clean close leaves no WAL to replay: the next open (a `parley serve` after a
    // load, say) then holds no memtables it did not write itself.
    if (!options_.read_only) db_->Flush(rocksdb::FlushOptions(), cfs_).PermitUncheckedError();
    for (auto* cf : cfs_) db_->DestroyColumnFamilyHandle(cf).PermitUncheckedError();
    db_->Close().PermitUncheckedError();
    db_.reset();
    env_.reset();  // after the database that uses it
  }

  Result<PutOutcome> PutArticle(const Extraction& x) override;
  using Store::PutArticles;
  std::vector<Result<PutOutcome>> PutArticles(std::span<const Extraction> articles,
                                              const StoredCallback& stored) override;
  Result<ArticleRecord> GetArticle(NodeId id) override;
  Result<EntityRecord> GetEntity(NodeId id) override;
  Result<StatementRecord> GetStatement(NodeId id) override;
  Result<std::vector<EntityRecord>> FindEntities(const std::string& q, size_t limit) override;
  Result<StatementPage> StatementsBySpeaker(const StatementQuery& query) override;
  Result<StatementPage> FindStatements(const StatementQuery& query) override;
  Result<StoreStats> Stats() override;
  Status RemoveArticle(const std::string& article_id) override;
  Result<CheckReport> Check() override;
  std::unique_ptr<EdgeIterator> NewEdgeIterator() override;
  std::unique_ptr<NodeIterator> NewNodeIterator() override;
  Result<ArticleGraph> GetArticleGraph(const std::string& article_id) override;
  Result<EventRecord> GetEvent(NodeId id) override;  // defined at the end of the file
  Result<EventPage> FindEvents(const EventQuery& query) override;

  // Checks (or, on a new read-write database, writes) the format version.
  Status CheckFormat();
  // Rewrites counters written before the edges-by-kind counts existed, with them.
  Status AddEdgeKindCounters();

 private:
  // `found` false and OK when the key is absent.
  Status Read(const rocksdb::ReadOptions& ro, Cf cf, const std::string& key, std::string* value,
              bool* found);
  Result<Counters> ReadCounters(const rocksdb::ReadOptions& ro);
  // The ledger entry of `article_id`; NotFound when absent.
  Result<LedgerValue> ReadLedger(const rocksdb::ReadOptions& ro, const std::string& article_id);
  Result<StatementRecord> ReadStatement(const rocksdb::ReadOptions& ro, NodeId id);
  // FindStatements driven by the posting lists ('P', 'M', else 'D') or by an article's
  // statements ('A'): the <order>s of the matches at or after `lo` and before `hi`
  // ("" = no bound), at most limit + 1 of them; `*resume` is set when the scan budget
  // ran out first (where to go on), else left empty.
  Status JoinPostings(const rocksdb::ReadOptions& ro, const StatementQuery& q,
                      const std::string& lo, const std::string& hi, std::vector<std::string>* out,
                      std::string* resume);
  Status ArticleStatements(const rocksdb::ReadOptions& ro, const StatementQuery& q,
                           const std::string& lo, const std::string& hi,
                           std::vector<std::string>* out);
  // Entity ids of the 'T' keys starting with `prefix`, at most `max` of them.
  Status ScanEntityIds(const rocksdb::ReadOptions& ro, const std::string& prefix, size_t max,
                       std::set<NodeId>* ids);

  const std::string dir_;
  const StoreOptions options_;
  std::unique_ptr<rocksdb::Env> env_;  // the memory Env, or null for the default one
  std::unique_ptr<rocksdb::DB> db_;
  std::vector<rocksdb::ColumnFamilyHandle*> cfs_;
  // Under write_mu_: the counters as stored, read once (nullopt: read them again).
  Result<Counters> WriterCounters();
  // What BuildGroup made of a group of articles.
  struct BuiltGroup {
    std::unique_ptr<BatchBuilder> builder;  // finished; null when there is nothing to write
    std::vector<size_t> written;            // the articles it writes
    bool split = false;                     // one of them failed: build each alone instead
  };
  // Under write_mu_: builds the write of articles[first, last) (distinct ids, each
  // valid, preps[i] = PrepareArticle(articles[i])), setting (*results)[i] for each as
  // it will be once the write succeeds, reading the database through `pending` (the
  // operations of a write not yet done, or null). `ahead`: what was read ahead for
  // these articles (see PutArticles), or null to read it here.
  BuiltGroup BuildGroup(std::span<const Extraction> articles, std::span<const ArticlePrep> preps,
                        size_t first, size_t last, std::vector<Result<PutOutcome>>* results,
                        const PendingView* pending, Prefetched* ahead);
  // Writes a finished batch. Any thread (it reads only the builder's operations).
  Status WriteBuilt(const PendingOps& ops, const std::string& what);
  // Writes the operations of a bulk chunk as one table file per column family, in
  // DIR/bulk/, and ingests them all at once (IngestExternalFiles: atomic, and durable
  // when it returns). Any thread, one at a time (it reads only `runs`).
  Status WriteTables(const OpRuns& runs, const std::string& what);
  // Under write_mu_: records what a finished batch writes in the writer's caches, or
  // forgets them all (after a failed write: the database may hold either).
  void CacheBuilt(const BatchBuilder& builder) {
    counters_cache_ = builder.counters();
    builder.UpdateCache(&entity_cache_, &candidate_cache_);
    absent_keys_.Apply(builder.ops().ops());
    merge_key_cache_.Apply(builder.ops().ops());
    reference_speakers_.Apply(builder.ops().ops());
  }
  void ForgetCaches() {
    counters_cache_.reset();
    entity_cache_.Clear();
    candidate_cache_.Clear();
    absent_keys_.Disable();
    merge_key_cache_.Clear();
    reference_speakers_.Forget();
  }
  // Under write_mu_: writes the batch, then records it in the writer's caches (or
  // forgets them).
  Status WriteAndCache(BatchBuilder& builder, const std::string& what);

  std::mutex write_mu_;  // one writer at a time
  // The writer's caches, guarded by write_mu_ (see EntityCache).
  std::optional<Counters> counters_cache_;
  EntityCache entity_cache_;
  CandidateCache candidate_cache_;
  AbsentKeys absent_keys_;
  MergeKeyCache merge_key_cache_;
  ReferenceSpeakers reference_speakers_;
  std::atomic<uint64_t> table_files_written_{0};  // numbers WriteTables' files
  bool absent_keys_checked_ = false;  // whether the first write looked if it may be on
  // Under write_mu_: turns absent_keys_ on when the database holds no key it covers.
  Status StartAbsentKeys();
  // Under write_mu_: reference_speakers_, read first if need be (with `pending`, the
  // write in flight), or null when it cannot be read (every speaker is then scanned).
  const ReferenceSpeakers* LoadedReferenceSpeakers(const PendingView* pending) {
    if (!reference_speakers_.loaded() &&
        !reference_speakers_.Load(db_.get(), cfs_[kCfIndexes], pending).ok()) {
      return nullptr;
    }
    return &reference_speakers_;
  }

 public:
  std::unique_ptr<NodeIterator> NewProjectionNodeIterator() override;
  std::unique_ptr<EdgeIterator> NewProjectionEdgeIterator() override;
  std::string ContentStamp() override;
};

Status RocksDbStore::Read(const rocksdb::ReadOptions& ro, Cf cf, const std::string& key,
                          std::string* value, bool* found) {
  rocksdb::Status s = db_->Get(ro, cfs_[cf], key, value);
  *found = s.ok();
  if (s.IsNotFound()) return Status::OK();
  return FromRocks(s, "database " + dir_ + ": reading " + kColumnFamilies[cf]);
}

Status RocksDbStore::CheckFormat() {
  std::string value;
  bool found = false;
  PARLEY_RETURN_IF_ERROR(
      Read(rocksdb::ReadOptions(), kCfDefault, kFormatVersionKey, &value, &found));
  if (found) {
    if (value != kFormatVersion) {
      return Status::Corruption(
          "database " + dir_ + " has format version " + value + "; this build reads version " +
          kFormatVersion +
          " (version 2 added the statement indexes by entity mentioned and by date, 3 the "
          "publication day to the merge key): load "
          "the articles again into a new folder (parley load / parley ingest)");
    }
    return options_.read_only ? Status::OK() : AddEdgeKindCounters();
  }
  if (options_.read_only) return Status::OK();  // an empty database: nothing to read yet
  rocksdb::WriteOptions wo;
  wo.sync = options_.sync;
  return FromRocks(db_->Put(wo, cfs_[kCfDefault], kFormatVersionKey, kFormatVersion),
                   "database " + dir_ + ": writing the format version");
}

Result<Counters> RocksDbStore::ReadCounters(const rocksdb::ReadOptions& ro) {
  std::string raw;
  bool found = false;
  PARLEY_RETURN_IF_ERROR(Read(ro, kCfDefault, kCountersKey, &raw, &found));
  Counters c;
  if (found && !DecodeCounters(raw, &c)) {
    return Status::Corruption("database " + dir_ + ": counters cannot be decoded");
  }
  return c;
}

Result<Counters> RocksDbStore::WriterCounters() {
  if (!counters_cache_) {
    auto c = ReadCounters(rocksdb::ReadOptions());
    if (!c.ok()) return c.status();
    counters_cache_ = *c;
  }
  return *counters_cache_;
}

Status RocksDbStore::WriteBuilt(const PendingOps& ops, const std::string& what) {
  size_t bytes = 64;
  for (const Op& op : ops.ops()) bytes += op.key.size() + op.value.size() + 16;
  rocksdb::WriteBatch batch(bytes);
  FillBatch(ops, cfs_, &batch);
  rocksdb::WriteOptions wo;
  wo.sync = options_.sync;
  return FromRocks(db_->Write(wo, &batch), "database " + dir_ + ": " + what);
}

Status RocksDbStore::WriteTables(const OpRuns& runs, const std::string& what) {
  rocksdb::Env* env = db_->GetEnv();
  const std::string folder = dir_ + "/" + kBulkFolder;
  const std::string context = "database " + dir_ + ": " + what;
  PARLEY_RETURN_IF_ERROR(FromRocks(env->CreateDirIfMissing(folder), context));
  const uint64_t number = ++table_files_written_;
  // Per column family, the batches' operations merged in key order, the newest
  // batch's operation on a key replacing the older ones'.
  // Each batch's next operation with its key's first 8 bytes as a number (the same
  // order as the bytes' where they differ): most keys differ there, and comparing
  // them whole read both keys from the heap.
  using It = std::vector<Op>::const_iterator;
  struct Head {
    uint64_t prefix;
    It pos, end;
    size_t run;
  };
  auto after = [](const Head& a, const Head& b) {  // priority_queue: smallest key on top
    if (a.prefix != b.prefix) return a.prefix > b.prefix;
    const int c = a.pos->key.compare(b.pos->key);
    return c != 0 ? c > 0 : a.run < b.run;         // then the newest batch
  };
  const std::vector<const PendingOps*>& all = runs.runs();
  auto range = [&](size_t r, int cf) {
    const std::vector<Op>& ops = all[r]->ops();
    const It lo = all[r]->LowerBound(static_cast<Cf>(cf), "");
    const It hi =
        cf + 1 < kNumColumnFamilies ? all[r]->LowerBound(static_cast<Cf>(cf + 1), "") : ops.end();
    return std::pair<It, It>(lo, hi);
  };
  // Writes column family cf's table file at paths[cf]; "" when it has no operation.
  std::vector<std::string> paths(kNumColumnFamilies);
  auto write = [&](int cf) -> rocksdb::Status {
    std::priority_queue<Head, std::vector<Head>, decltype(after)> heap(after);
    for (size_t r = 0; r < all.size(); ++r) {
      const auto [lo, hi] = range(r, cf);
      if (lo != hi) heap.push({KeyBytesAsNumber(lo->key, 0), lo, hi, r});
    }
    if (heap.empty()) return rocksdb::Status::OK();
    rocksdb::Options options = db_->GetOptions(cfs_[cf]);
    // Uncompressed: every chunk's file is merged by a later compaction, which compresses
    // its output anyway, and reading it then needs no decompression.
    options.compression = rocksdb::kNoCompression;
    rocksdb::SstFileWriter writer(rocksdb::EnvOptions(options), options, cfs_[cf]);
    paths[cf] = folder + "/" + std::to_string(number) + "-" + kColumnFamilies[cf] + ".sst";
    rocksdb::Status s = writer.Open(paths[cf]);
    const std::string* last = nullptr;
    while (s.ok() && !heap.empty()) {
      Head h = heap.top();
      heap.pop();
      const Op& op = *h.pos;
      if (last == nullptr || *last != op.key) {  // else an older batch's, replaced
        s = op.is_delete ? writer.Delete(op.key) : writer.Put(op.key, op.value);
        last = &op.key;
      }
      if (++h.pos != h.end) {
        h.prefix = KeyBytesAsNumber(h.pos->key, 0);
        heap.push(h);
      }
    }
    return s.ok() ? writer.Finish() : s;
  };
  // The files are written on two threads, the column families shared out by their
  // operations: the building thread waits for the last chunk of each call, idle.
  std::vector<std::pair<size_t, int>> sizes;
  for (int cf = 0; cf < kNumColumnFamilies; ++cf) {
    size_t n = 0;
    for (size_t r = 0; r < all.size(); ++r) {
      const auto [lo, hi] = range(r, cf);
      n += static_cast<size_t>(hi - lo);
    }
    sizes.emplace_back(n, cf);
  }
  std::sort(sizes.rbegin(), sizes.rend());
  std::vector<int> here, there;
  size_t here_ops = 0, there_ops = 0;
  for (const auto& [n, cf] : sizes) {
    (here_ops <= there_ops ? here : there).push_back(cf);
    (here_ops <= there_ops ? here_ops : there_ops) += n;
  }
  auto write_all = [&](const std::vector<int>& cfs) {
    for (int cf : cfs) {
      if (rocksdb::Status s = write(cf); !s.ok()) return s;
    }
    return rocksdb::Status::OK();
  };
  std::future<rocksdb::Status> other =
      std::async(std::launch::async, [&] { return write_all(there); });
  rocksdb::Status s = write_all(here);
  rocksdb::Status s2 = other.get();
  if (s.ok()) s = s2;
  std::vector<rocksdb::IngestExternalFileArg> args;
  for (int cf = 0; cf < kNumColumnFamilies && s.ok(); ++cf) {
    if (paths[cf].empty()) continue;
    rocksdb::IngestExternalFileArg arg;
    arg.column_family = cfs_[cf];
    arg.external_files = {paths[cf]};
    arg.options.move_files = true;
    arg.options.write_global_seqno = false;
    args.push_back(std::move(arg));
  }
  if (s.ok() && !args.empty()) s = db_->IngestExternalFiles(args);
  // Moved files are gone; a failure leaves them to delete (nothing of them is stored).
  for (const std::string& path : paths) {
    if (!path.empty()) env->DeleteFile(path).PermitUncheckedError();
  }
  return FromRocks(s, context);
}

Status RocksDbStore::WriteAndCache(BatchBuilder& builder, const std::string& what) {
  Status st = WriteBuilt(builder.ops(), what);
  if (st.ok()) {
    CacheBuilt(builder);
  } else {
    ForgetCaches();
  }
  return st;
}

Status RocksDbStore::StartAbsentKeys() {
  const std::pair<Cf, std::string> kinds[] = {{kCfRecords, std::string(1, kStatementTag)},
                                              {kCfRecords, std::string(1, kEntityTag)},
                                              {kCfIndexes, std::string(1, kMergeIndexTag)},
                                              {kCfLedger, std::string()}};
  for (const auto& [cf, prefix] : kinds) {
    std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(rocksdb::ReadOptions(), cfs_[cf]));
    it->Seek(prefix);
    if (it->Valid() && it->key().starts_with(prefix)) return Status::OK();  // not empty
    PARLEY_RETURN_IF_ERROR(FromRocks(it->status(), "database " + dir_ + ": looking for keys"));
  }
  absent_keys_.Enable();
  return Status::OK();
}

Result<PutOutcome> RocksDbStore::PutArticle(const Extraction& x) {
  return std::move(PutArticles(std::span<const Extraction>(&x, 1))[0]);
}

std::vector<Result<PutOutcome>> RocksDbStore::PutArticles(std::span<const Extraction> articles,
                                                          const StoredCallback& stored) {
  // A group is built as one batch: at most this many articles, or text bytes.
  constexpr size_t kMaxGroupArticles = 64;
  constexpr size_t kMaxGroupBytes = 4 << 20;

  // Each article is prepared (PrepareArticle) before its group is built: by a thread
  // of its own running ahead of this one for a call of several groups, else here.
  // taken(i) waits for articles[0, i] and sets their results: a placeholder when valid
  // (BuildGroup sets it), else the error.
  const size_t n = articles.size();
  std::vector<ArticlePrep> preps(n);
  std::atomic<size_t> prepared{0};
  auto prepare = [&] {
    for (size_t i = 0; i < n; ++i) {
      // An exception must not leave the building thread waiting for this article.
      try {
        preps[i] = PrepareArticle(articles[i]);
      } catch (const std::exception& e) {
        preps[i] = ArticlePrep();
        preps[i].valid =
            Status::Internal("preparing article \"" + articles[i].id + "\": " + e.what());
      }
      if (preps[i].valid.ok() && options_.read_only) {
        preps[i].valid = Status::IOError("database " + dir_ +
                                         " is open read-only: cannot store article \"" +
                                         articles[i].id + "\"");
      }
      prepared.store(i + 1, std::memory_order_release);
      prepared.notify_one();
    }
  };
  std::future<void> preparing;
  constexpr size_t kPrepareAheadMin = 128;
  if (n >= kPrepareAheadMin) {
    preparing = std::async(std::launch::async, prepare);
  } else {
    prepare();
  }
  std::vector<Result<PutOutcome>> results;
  results.reserve(n);
  std::vector<char> valid(n, 0);
  auto taken = [&](size_t i) {
    while (results.size() <= i) {
      const size_t next = results.size();
      for (size_t seen; (seen = prepared.load(std::memory_order_acquire)) <= next;) {
        prepared.wait(seen, std::memory_order_acquire);
      }
      if (preps[next].valid.ok()) {
        valid[next] = 1;
        results.emplace_back(PutOutcome::kStored);
      } else {
        results.emplace_back(preps[next].valid);
      }
    }
  };

  std::lock_guard<std::mutex> lock(write_mu_);
  if (!absent_keys_checked_) {
    absent_keys_checked_ = true;
    // A failure to look only leaves the filter off: every key is then read.
    (void)StartAbsentKeys();
  }
  // A write is one group's batch (a WriteBatch) or, for a call of at least
  // bulk_min_articles articles, a chunk of groups, bulk_chunk_articles articles or so,
  // written as one table file per column family and ingested into the database at
  // once, atomically (IngestExternalFiles): no WAL, no memtable inserts, no flush,
  // which were two thirds of a load's instructions. Either way a pipeline of two
  // stages: while one write is done (on another thread), the next one is built here,
  // reading the database through the operations of the write in flight (and, in a
  // chunk, of the groups before it), with the writer's caches already counting them.
  // When that write fails, its articles fail, the caches are forgotten and the next
  // write is built again from its first article on the database as it is. Every
  // write has returned when this returns.
  const bool bulk =
      options_.bulk_min_articles > 0 && articles.size() >= options_.bulk_min_articles;
  struct Write {
    std::vector<std::unique_ptr<PendingOps>> ops;  // of its batches, oldest first
    OpRuns runs;                                   // the same, read as one
    std::vector<size_t> written;  // the articles it stores
    size_t first = 0;             // the first article it covers
    size_t covered = 0;           // articles it covers (stored, unchanged or failed)
  };
  struct InFlight {
    std::unique_ptr<Write> write;
    std::future<Status> done;
  };
  // A write's operations and its spent builders are freed on this thread, where they
  // were allocated: freed on the write's thread (off the critical path, as until
  // session 9) they cost jemalloc three times the instructions (its thread cache
  // flushing them to their arena): a 2k-article load 0.34 G of 3.82 G, for 0.12 G
  // more on this thread.
  std::optional<InFlight> in_flight;
  // In a bulk write, the keys a group reads first (PlanReads: a load's building thread
  // spent ~30% of its time on them at 300k articles) are read on another thread while
  // the group before it is built. They are read from the database as it is then, not
  // through the writes not yet landed: a build reads those first (Read), and the keys
  // of a write that lands before the group is built are erased from what was read
  // (land), as the database may have been read before or after it landed.
  struct Ahead {
    size_t first = 0, last = 0;  // the group it is for
    std::future<Prefetched> reading;
    std::optional<Prefetched> read;
    Prefetched& Wait() {
      if (!read) read = reading.get();
      return *read;
    }
  };
  std::optional<Ahead> ahead;
  auto land = [&]() -> bool {
    if (!in_flight) return true;
    const Status st = in_flight->done.get();
    if (ahead) {
      const OpRuns& landed = in_flight->write->runs;
      std::erase_if(ahead->Wait(), [&](const auto& entry) {
        const std::string_view key = entry.first;
        return landed.Find(static_cast<Cf>(key[0]), key.substr(1)) != nullptr;
      });
    }
    if (!st.ok()) {
      for (size_t i : in_flight->write->written) results[i] = st;
      ForgetCaches();
    }
    if (st.ok() && stored) {
      for (size_t i : in_flight->write->written) stored(i);
    }
    in_flight.reset();
    return st.ok();
  };
  size_t singles_until = 0;
  // The end of the group that starts at `from`: the longest run of valid articles with
  // distinct ids within the limits (an id seen twice ends the group: its second version
  // replaces the first one written); one article at a time where a group could not be
  // built. `from` itself when that article is invalid.
  auto group_end = [&](size_t from) {
    std::unordered_set<std::string_view> ids;
    size_t last = from, bytes = 0;
    const size_t max_articles = from < singles_until ? 1 : kMaxGroupArticles;
    while (last < n && last - from < max_articles && (last == from || bytes < kMaxGroupBytes) &&
           (taken(last), results[last].ok()) && ids.insert(articles[last].id).second) {
      bytes += articles[last].text.size();
      ++last;
    }
    return last;
  };
  auto read_ahead = [&](size_t from) {
    if (!bulk || from >= n || from < singles_until) return;
    const size_t to = group_end(from);
    if (to == from) return;
    ahead.emplace();
    ahead->first = from;
    ahead->last = to;
    ReadPlan plan = PlanReads(articles.subspan(from, to - from),
                              std::span<const ArticlePrep>(preps).subspan(from, to - from),
                              &entity_cache_, &merge_key_cache_, &absent_keys_);
    ahead->reading = std::async(std::launch::async, [this, plan = std::move(plan)]() mutable {
      return ReadAhead(db_.get(), cfs_, std::move(plan), nullptr);
    });
  };
  auto current = std::make_unique<Write>();
  size_t first = 0;
  while (first < articles.size()) {
    const size_t last = group_end(first);
    if (current->covered == 0) current->first = first;
    if (last == first) {  // an invalid article: its result is already set
      ++first;
      ++current->covered;
    } else {
      std::optional<Prefetched> read;
      if (ahead && ahead->first == first && ahead->last == last) read = std::move(ahead->Wait());
      ahead.reset();  // waits for a read ahead for another group (a split), unused
      read_ahead(last);
      PendingView pending;
      if (in_flight) pending.Add(&in_flight->write->runs);
      pending.Add(&current->runs);
      BuiltGroup group = BuildGroup(articles, preps, first, last, &results, &pending,
                                    read ? &*read : nullptr);
      if (group.split) {
        for (size_t i = first; i < last; ++i) results[i] = PutOutcome::kStored;
        singles_until = last;
        continue;
      }
      if (group.builder != nullptr) {
        CacheBuilt(*group.builder);
        current->ops.push_back(group.builder->TakeOps());
        current->runs.Add(current->ops.back().get());
        current->written.insert(current->written.end(), group.written.begin(),
                                group.written.end());
      }
      current->covered += last - first;
      first = last;
    }
    if (bulk && current->covered < options_.bulk_chunk_articles && first < articles.size()) {
      continue;  // the chunk goes on
    }
    if (!land()) {  // built on a write that failed: build it again
      for (size_t i = current->first; i < first; ++i) {
        if (valid[i]) results[i] = PutOutcome::kStored;
      }
      first = current->first;
      singles_until = 0;
      current = std::make_unique<Write>();
      continue;
    }
    if (!current->ops.empty()) {
      const std::string what =
          current->written.size() == 1
              ? "writing article \"" + articles[current->written[0]].id + "\""
              : "writing " + std::to_string(current->written.size()) + " articles from \"" +
                    articles[current->written[0]].id + "\"";
      const Write* write = current.get();
      const bool as_tables = bulk;
      std::future<Status> done = std::async(std::launch::async, [this, write, as_tables, what] {
        return as_tables ? WriteTables(write->runs, what) : WriteBuilt(*write->ops.front(), what);
      });
      in_flight = InFlight{std::move(current), std::move(done)};
    }
    current = std::make_unique<Write>();
  }
  land();
  return results;
}

RocksDbStore::BuiltGroup RocksDbStore::BuildGroup(std::span<const Extraction> articles,
                                                  std::span<const ArticlePrep> preps,
                                                  size_t first, size_t last,
                                                  std::vector<Result<PutOutcome>>* results,
                                                  const PendingView* pending,
                                                  Prefetched* ahead) {
  BuiltGroup out;
  auto counters = WriterCounters();
  if (!counters.ok()) {
    for (size_t i = first; i < last; ++i) (*results)[i] = counters.status();
    return out;
  }
  auto builder = std::make_unique<BatchBuilder>(db_.get(), cfs_, *counters, &entity_cache_,
                                                &candidate_cache_, &absent_keys_, &merge_key_cache_,
                                                LoadedReferenceSpeakers(pending), pending);
  if (ahead != nullptr) {
    builder->AdoptPrefetched(std::move(*ahead));
  } else {
    builder->PrefetchFor(articles.subspan(first, last - first),
                         preps.subspan(first, last - first));
  }
  for (size_t i = first; i < last; ++i) {
    const Extraction& x = articles[i];
    std::string raw;
    bool replacing = false;
    Status st = builder->Read(kCfLedger, x.id, &raw, &replacing);
    if (!st.ok()) st = st.WithContext("database " + dir_);
    LedgerValue old;
    if (st.ok() && replacing && !DecodeLedger(raw, &old)) {
      st = Status::Corruption("database " + dir_ + ": ledger entry of article \"" + x.id +
                              "\" cannot be decoded");
    }
    if (!st.ok()) {
      (*results)[i] = st;  // nothing of it is in the builder yet
      continue;
    }
    if (replacing && old.content_hash == preps[i].hash &&
        old.extractor_version == x.extractor_version) {
      (*results)[i] = PutOutcome::kUnchanged;
      continue;
    }
    if (replacing) st = builder->Retract(old);
    if (st.ok()) st = builder->Add(x, preps[i]);
    if (!st.ok()) {
      if (last - first > 1) {
        // The builder holds part of this article: store each article alone instead.
        out.split = true;
        return out;
      }
      (*results)[i] = st;
      return out;
    }
    (*results)[i] = replacing ? PutOutcome::kReplaced : PutOutcome::kStored;
    out.written.push_back(i);
  }
  if (out.written.empty()) return out;
  Status st = builder->Finish();
  if (!st.ok()) {
    if (last - first > 1) {
      out.split = true;
      return out;
    }
    for (size_t i : out.written) (*results)[i] = st;
    out.written.clear();
    return out;
  }
  out.builder = std::move(builder);
  return out;
}

Result<ArticleRecord> RocksDbStore::GetArticle(NodeId id) {
  std::string raw;
  bool found = false;
  PARLEY_RETURN_IF_ERROR(
      Read(rocksdb::ReadOptions(), kCfRecords, RecordKey(kArticleTag, id), &raw, &found));
  if (!found) return Status::NotFound("article " + id.ToHex());
  ArticleRecord r;
  if (!DecodeArticle(raw, &r))
    return Status::Corruption("article " + id.ToHex() + ": record cannot be decoded");
  return r;
}

Result<EntityRecord> RocksDbStore::GetEntity(NodeId id) {
  std::string raw;
  bool found = false;
  PARLEY_RETURN_IF_ERROR(
      Read(rocksdb::ReadOptions(), kCfRecords, RecordKey(kEntityTag, id), &raw, &found));
  if (!found) return Status::NotFound("entity " + id.ToHex());
  EntityValue v;
  if (!DecodeEntity(raw, &v))
    return Status::Corruption("entity " + id.ToHex() + ": record cannot be decoded");
  return ToEntityRecord(id, v);
}

Result<StatementRecord> RocksDbStore::ReadStatement(const rocksdb::ReadOptions& ro, NodeId id) {
  std::string raw;
  bool found = false;
  PARLEY_RETURN_IF_ERROR(Read(ro, kCfRecords, RecordKey(kStatementTag, id), &raw, &found));
  if (!found) return Status::NotFound("statement " + id.ToHex());
  StatementHead h;
  if (!DecodeStatementHead(raw, &h)) {
    return Status::Corruption("statement " + id.ToHex() + ": record cannot be decoded");
  }
  StatementRecord r = std::move(h.record);
  if (h.report_count > 1) {
    // Its other reports, by article id, after the first.
    const std::string prefix = ReportIndexPrefix(id);
    const std::string upper = PrefixSuccessor(prefix);
    rocksdb::Slice upper_slice(upper);
    rocksdb::ReadOptions it_ro = ro;
    it_ro.iterate_upper_bound = &upper_slice;
    std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(it_ro, cfs_[kCfIndexes]));
    for (it->Seek(prefix); it->Valid(); it->Next()) {
      StatementReport p;
      if (!DecodeReport(std::string_view(it->value().data(), it->value().size()), &p)) {
        return Status::Corruption("statement " + id.ToHex() + ": a report cannot be decoded");
      }
      if (p.article_id != r.article_id) r.reports.push_back(std::move(p));
    }
    PARLEY_RETURN_IF_ERROR(FromRocks(it->status(), "database " + dir_ + ": reading reports"));
  }
  return r;
}

Result<StatementRecord> RocksDbStore::GetStatement(NodeId id) {
  return ReadStatement(rocksdb::ReadOptions(), id);
}

Status RocksDbStore::ScanEntityIds(const rocksdb::ReadOptions& base, const std::string& prefix,
                                   size_t max, std::set<NodeId>* ids) {
  rocksdb::ReadOptions ro = base;
  const std::string upper = PrefixSuccessor(prefix);
  rocksdb::Slice upper_slice(upper);
  if (!upper.empty()) ro.iterate_upper_bound = &upper_slice;
  std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(ro, cfs_[kCfIndexes]));
  for (it->Seek(prefix); it->Valid() && ids->size() < max; it->Next()) {
    NodeId id = EntityOfTokenIndexKey(std::string_view(it->key().data(), it->key().size()));
    if (!id.valid()) {
      return Status::Corruption("database " + dir_ + ": malformed token index key " +
                                HexEncode(std::string_view(it->key().data(), it->key().size())));
    }
    ids->insert(id);
  }
  return FromRocks(it->status(), "database " + dir_ + ": scanning the token index");
}

Result<std::vector<EntityRecord>> RocksDbStore::FindEntities(const std::string& q, size_t limit) {
  if (limit < 1 || limit > kMaxLimit) {
    return Status::InvalidArgument("limit " + std::to_string(limit) + " is outside 1.." +
                                   std::to_string(kMaxLimit));
  }
  const std::vector<std::string> words = SearchTokens(q);
  if (words.empty()) return Status::InvalidArgument("search query \"" + q + "\" has no words");

  rocksdb::ManagedSnapshot snapshot(db_.get());
  rocksdb::ReadOptions ro;
  ro.snapshot = snapshot.snapshot();

  // Candidates: entities holding every whole word and a word starting with the last
  // one. The prefix scan is capped: when it was cut short it does not narrow the
  // candidates (the check on the record below still applies the last word).
  std::optional<std::set<NodeId>> candidates;
  for (size_t i = 0; i + 1 < words.size(); ++i) {
    std::set<NodeId> ids;
    PARLEY_RETURN_IF_ERROR(ScanEntityIds(ro, TokenIndexExactPrefix(words[i]), SIZE_MAX, &ids));
    if (candidates) ids = Intersect(*candidates, ids);
    candidates = std::move(ids);
    if (candidates->empty()) return std::vector<EntityRecord>{};
  }
  std::set<NodeId> prefixed;
  PARLEY_RETURN_IF_ERROR(
      ScanEntityIds(ro, TokenIndexPrefix(words.back()), kMaxPrefixCandidates, &prefixed));
  if (!candidates) {
    candidates = std::move(prefixed);
  } else if (prefixed.size() < kMaxPrefixCandidates) {
    candidates = Intersect(*candidates, prefixed);
  }

  // Verify on the record: one string (the name or one alias) must hold every word.
  struct Hit {
    bool exact;
    EntityRecord record;
  };
  std::vector<Hit> hits;
  for (NodeId id : *candidates) {
    std::string raw;
    bool found = false;
    PARLEY_RETURN_IF_ERROR(Read(ro, kCfRecords, RecordKey(kEntityTag, id), &raw, &found));
    if (!found) {
      return Status::Corruption("database " + dir_ + ": token index names missing entity " +
                                id.ToHex());
    }
    EntityValue v;
    if (!DecodeEntity(raw, &v)) {
      return Status::Corruption("entity " + id.ToHex() + ": record cannot be decoded");
    }
    auto matches = [&](const std::string& s) {
      const std::vector<std::string> tokens = SearchTokens(s);
      for (size_t i = 0; i + 1 < words.size(); ++i) {
        if (std::find(tokens.begin(), tokens.end(), words[i]) == tokens.end()) return false;
      }
      return std::any_of(tokens.begin(), tokens.end(),
                         [&](const std::string& t) { return t.starts_with(words.back()); });
    };
    bool match = matches(v.name);
    for (size_t i = 0; !match && i < v.aliases.size(); ++i) match = matches(v.aliases[i].value);
    if (match) hits.push_back({SearchTokens(v.name) == words, ToEntityRecord(id, v)});
  }
  std::sort(hits.begin(), hits.end(), [](const Hit& a, const Hit& b) {
    if (a.exact != b.exact) return a.exact;
    if (a.record.statement_count != b.record.statement_count) {
      return a.record.statement_count > b.record.statement_count;
    }
    if (a.record.article_count != b.record.article_count) {
      return a.record.article_count > b.record.article_count;
    }
    if (a.record.name != b.record.name) return a.record.name < b.record.name;
    return a.record.id < b.record.id;
  });
  std::vector<EntityRecord> out;
  for (size_t i = 0; i < hits.size() && i < limit; ++i) out.push_back(std::move(hits[i].record));
  return out;
}

Result<StatementPage> RocksDbStore::StatementsBySpeaker(const StatementQuery& query) {
  if (!query.speaker.valid()) return Status::InvalidArgument("a speaker id is required");
  if (query.limit < 1 || query.limit > kMaxLimit) {
    return Status::InvalidArgument("limit " + std::to_string(query.limit) + " is outside 1.." +
                                   std::to_string(kMaxLimit));
  }
  const std::string prefix = SpeakerIndexPrefix(query.speaker);
  std::string start = prefix;
  if (!query.cursor.empty()) {
    std::optional<std::string> key;
    if (std::string_view(query.cursor).starts_with(kCursorPrefix)) {
      key = HexDecode(std::string_view(query.cursor).substr(sizeof(kCursorPrefix) - 1));
    }
    if (!key || key->size() != kSpeakerIndexKeySize || !key->starts_with(prefix)) {
      return Status::InvalidArgument("cursor \"" + query.cursor +
                                     "\" is not a cursor of this store for speaker " +
                                     query.speaker.ToHex());
    }
    start = std::move(*key);
  }

  rocksdb::ManagedSnapshot snapshot(db_.get());
  rocksdb::ReadOptions ro;
  ro.snapshot = snapshot.snapshot();
  rocksdb::ReadOptions it_ro = ro;
  const std::string upper = PrefixSuccessor(prefix);
  rocksdb::Slice upper_slice(upper);
  it_ro.iterate_upper_bound = &upper_slice;
  std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(it_ro, cfs_[kCfIndexes]));
  it->Seek(start);
  if (!query.cursor.empty() && it->Valid() && it->key() == rocksdb::Slice(start)) it->Next();

  std::vector<std::string> keys;
  for (; it->Valid() && keys.size() <= query.limit; it->Next()) {
    keys.emplace_back(it->key().data(), it->key().size());
  }
  PARLEY_RETURN_IF_ERROR(
      FromRocks(it->status(), "database " + dir_ + ": scanning statements by speaker"));

  StatementPage page;
  for (size_t i = 0; i < keys.size() && i < query.limit; ++i) {
    const NodeId sid = StatementOfSpeakerIndexKey(keys[i]);
    auto r = ReadStatement(ro, sid);
    if (!r.ok()) {
      if (r.status().IsNotFound()) {
        return Status::Corruption("database " + dir_ + ": speaker index names missing statement " +
                                  sid.ToHex());
      }
      return r.status();
    }
    page.items.push_back(std::move(*r));
  }
  if (keys.size() > query.limit)
    page.next_cursor = kCursorPrefix + HexEncode(keys[query.limit - 1]);
  return page;
}

namespace {

constexpr char kFindCursorPrefix[] = "f1.";

// A filter query's fingerprint, so a cursor of one query is refused by another.
std::string QueryFingerprint(const StatementQuery& q) {
  std::string out;
  PutBe32(&out, static_cast<uint32_t>(
                    HashParts({q.speaker.ToHex(), q.mentioned.ToHex(), q.article.ToHex(), q.type,
                               q.speech_act, q.from, q.to})));
  return out;
}

bool PostingMatches(const StatementQuery& q, std::string_view value) {
  if (q.type.empty() && q.speech_act.empty()) return true;
  std::string_view type, act;
  if (!ParsePostingValue(value, &type, &act)) return false;
  return (q.type.empty() || q.type == type) && (q.speech_act.empty() || q.speech_act == act);
}

std::string_view View(const rocksdb::Slice& s) { return std::string_view(s.data(), s.size()); }

// The checks FindStatements and FindEvents share: `limit` within 1..kMaxLimit and the
// `from`/`to` dates (YYYY-MM-DD, either may be "") as day numbers, `from` not after `to`.
Status CheckPageQuery(size_t limit, const std::string& from_text, const std::string& to_text,
                      std::optional<uint32_t>* from, std::optional<uint32_t>* to) {
  if (limit < 1 || limit > kMaxLimit) {
    return Status::InvalidArgument("limit " + std::to_string(limit) + " is outside 1.." +
                                   std::to_string(kMaxLimit));
  }
  for (auto [name, text, number] :
       {std::tuple("from", &from_text, from), std::tuple("to", &to_text, to)}) {
    if (text->empty()) continue;
    *number = text->size() == 10 ? DateNumber(*text) : std::nullopt;
    if (!*number) {
      return Status::InvalidArgument(std::string(name) + " \"" + *text +
                                     "\" is not a date YYYY-MM-DD");
    }
  }
  if (*from && *to && **from > **to) {
    return Status::InvalidArgument("from " + from_text + " is after to " + to_text);
  }
  return Status::OK();
}

}  // namespace

Result<StatementPage> RocksDbStore::FindStatements(const StatementQuery& q) {
  std::optional<uint32_t> from, to;
  PARLEY_RETURN_IF_ERROR(CheckPageQuery(q.limit, q.from, q.to, &from, &to));
  // The dates as a range of <order>: [lo, hi). Newest first: `to` bounds the start.
  std::string lo, hi;
  if (from || to) {
    lo.push_back('\0');
    if (to) PutBe32(&lo, ~*to);
    if (from) {
      hi.push_back('\0');
      PutBe32(&hi, ~*from);
      hi = PrefixSuccessor(std::move(hi));
    } else {
      hi = std::string(1, '\1');  // every dated statement, no undated one
    }
  }
  const std::string fingerprint = QueryFingerprint(q);
  if (!q.cursor.empty()) {
    std::optional<std::string> raw;
    if (std::string_view(q.cursor).starts_with(kFindCursorPrefix)) {
      raw = HexDecode(std::string_view(q.cursor).substr(sizeof(kFindCursorPrefix) - 1));
    }
    if (!raw || raw->size() < fingerprint.size() + 1 ||
        raw->size() > fingerprint.size() + kOrderSize + 1 || !raw->starts_with(fingerprint)) {
      return Status::InvalidArgument("cursor \"" + q.cursor +
                                     "\" is not a cursor of this store for this query");
    }
    std::string at = raw->substr(fingerprint.size());
    if (at > lo) lo = std::move(at);
  }

  rocksdb::ManagedSnapshot snapshot(db_.get());
  rocksdb::ReadOptions ro;
  ro.snapshot = snapshot.snapshot();
  std::vector<std::string> orders;
  std::string resume;
  if (hi.empty() || lo < hi) {
    if (q.article.valid()) {
      PARLEY_RETURN_IF_ERROR(ArticleStatements(ro, q, lo, hi, &orders));
    } else {
      PARLEY_RETURN_IF_ERROR(JoinPostings(ro, q, lo, hi, &orders, &resume));
    }
  }

  StatementPage page;
  for (size_t i = 0; i < orders.size() && i < q.limit; ++i) {
    const NodeId sid = StatementOfOrder(orders[i]);
    auto r = ReadStatement(ro, sid);
    if (!r.ok()) {
      if (r.status().IsNotFound()) {
        return Status::Corruption("database " + dir_ + ": an index names missing statement " +
                                  sid.ToHex());
      }
      return r.status();
    }
    page.items.push_back(std::move(*r));
  }
  if (orders.size() > q.limit) {
    resume = orders[q.limit - 1];
    resume.push_back('\0');  // just after it
  }
  if (!resume.empty()) page.next_cursor = kFindCursorPrefix + HexEncode(fingerprint + resume);
  return page;
}

Status RocksDbStore::JoinPostings(const rocksdb::ReadOptions& ro, const StatementQuery& q,
                                  const std::string& lo, const std::string& hi,
                                  std::vector<std::string>* out, std::string* resume) {
  // One cursor per list to intersect, each bounded to its prefix + [lo, hi).
  struct List {
    std::string prefix;
    std::string upper;
    rocksdb::Slice upper_slice;
    std::unique_ptr<rocksdb::Iterator> it;
  };
  std::vector<std::unique_ptr<List>> lists;
  auto add = [&](std::string prefix) {
    auto l = std::make_unique<List>();
    l->prefix = std::move(prefix);
    l->upper = hi.empty() ? PrefixSuccessor(l->prefix) : l->prefix + hi;
    l->upper_slice = rocksdb::Slice(l->upper);
    rocksdb::ReadOptions lro = ro;
    lro.iterate_upper_bound = &l->upper_slice;
    l->it.reset(db_->NewIterator(lro, cfs_[kCfIndexes]));
    lists.push_back(std::move(l));
  };
  if (q.speaker.valid()) add(SpeakerIndexPrefix(q.speaker));
  if (q.mentioned.valid()) add(MentionIndexPrefix(q.mentioned));
  if (lists.empty()) add(std::string(1, kDateIndexTag));

  size_t steps = 0;
  std::string target = lo;
  // Moves `l` to its first entry at or after `target`: a few Nexts (the usual case
  // when walking one list), else a Seek. False when the list is exhausted.
  auto advance = [&](List& l) -> bool {
    for (int i = 0; i < 4 && l.it->Valid(); ++i) {
      if (View(l.it->key()).substr(l.prefix.size()) >= target) return true;
      l.it->Next();
      ++steps;
    }
    if (!l.it->Valid()) return false;  // exhausted (or an error, checked below)
    if (View(l.it->key()).substr(l.prefix.size()) >= target) return true;
    l.it->Seek(l.prefix + target);
    ++steps;
    return l.it->Valid();
  };
  for (auto& l : lists) {
    l->it->Seek(l->prefix + target);
    ++steps;
  }
  const size_t n = lists.size();
  while (out->size() <= q.limit) {
    if (steps > options_.find_scan_budget && target != lo) {
      *resume = target;
      break;
    }
    // Align every list on one <order>: each list in turn moves to the target, and a
    // list past it raises the target; done when n lists in a row agree.
    bool exhausted = false;
    for (size_t agreed = 0, i = 0; agreed < n; i = (i + 1) % n) {
      if (steps > options_.find_scan_budget && target != lo) {
        // Every <order> before the target is decided: go on from it next time.
        *resume = target;
        exhausted = true;
        break;
      }
      List& l = *lists[i];
      if (!advance(l)) {
        exhausted = true;
        break;
      }
      const std::string_view at = View(l.it->key()).substr(l.prefix.size());
      if (at.size() != kOrderSize) {
        return Status::Corruption("database " + dir_ + ": malformed index key " +
                                  HexEncode(View(l.it->key())));
      }
      if (at != target) {
        target.assign(at);
        agreed = 1;
      } else {
        ++agreed;
      }
    }
    if (exhausted) break;
    if (PostingMatches(q, View(lists[0]->it->value()))) out->push_back(target);
    target.push_back('\0');  // just after this statement
  }
  for (auto& l : lists) {
    PARLEY_RETURN_IF_ERROR(FromRocks(l->it->status(), "database " + dir_ + ": scanning an index"));
  }
  return Status::OK();
}

Status RocksDbStore::ArticleStatements(const rocksdb::ReadOptions& ro, const StatementQuery& q,
                                       const std::string& lo, const std::string& hi,
                                       std::vector<std::string>* out) {
  // An article's statements are few: read them all, filter, sort by <order>.
  const std::string prefix = ArticleIndexKey(q.article, NodeId()).substr(0, 9);
  const std::string upper = PrefixSuccessor(prefix);
  rocksdb::Slice upper_slice(upper);
  rocksdb::ReadOptions it_ro = ro;
  it_ro.iterate_upper_bound = &upper_slice;
  std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(it_ro, cfs_[kCfIndexes]));
  std::vector<std::string> orders;
  for (it->Seek(prefix); it->Valid(); it->Next()) {
    if (it->key().size() != 17) {
      return Status::Corruption("database " + dir_ + ": malformed index key " +
                                HexEncode(View(it->key())));
    }
    const NodeId sid(GetBe64(it->key().data() + 9));
    auto r = ReadStatement(ro, sid);
    if (!r.ok()) {
      if (r.status().IsNotFound()) {
        return Status::Corruption("database " + dir_ + ": article index names missing statement " +
                                  sid.ToHex());
      }
      return r.status();
    }
    if (q.speaker.valid() && r->speaker_id != q.speaker) continue;
    if (!q.type.empty() && r->type != q.type) continue;
    if (!q.speech_act.empty() && r->speech_act != q.speech_act) continue;
    std::string order =
        StatementOrder(r->date ? DateNumber(*r->date) : std::nullopt,
                       r->published ? DateNumber(*r->published) : std::nullopt, r->article_id,
                       static_cast<uint32_t>(std::max<int64_t>(r->content.begin, 0)), sid);
    if (order < lo || (!hi.empty() && order >= hi)) continue;
    if (q.mentioned.valid()) {
      std::string ignored;
      bool found = false;
      PARLEY_RETURN_IF_ERROR(
          Read(ro, kCfIndexes, MentionIndexKey(q.mentioned, order), &ignored, &found));
      if (!found) continue;
    }
    orders.push_back(std::move(order));
  }
  PARLEY_RETURN_IF_ERROR(
      FromRocks(it->status(), "database " + dir_ + ": scanning statements of an article"));
  std::sort(orders.begin(), orders.end());
  if (orders.size() > q.limit + 1) orders.resize(q.limit + 1);
  *out = std::move(orders);
  return Status::OK();
}

Result<StoreStats> RocksDbStore::Stats() {
  rocksdb::ManagedSnapshot snapshot(db_.get());
  rocksdb::ReadOptions ro;
  ro.snapshot = snapshot.snapshot();
  auto c = ReadCounters(ro);
  if (!c.ok()) return c.status();
  if (!c->has_edges_by_kind) {
    // An old database opened read-only: count them (a read-write open stores them).
    auto recount = RecountEdges(db_.get(), cfs_, snapshot.snapshot(), dir_);
    if (!recount.ok()) return recount.status();
    c->edges_by_kind = recount->edges_by_kind;
  }
  StoreStats s;
  s.articles = static_cast<uint64_t>(c->articles);
  s.statements = static_cast<uint64_t>(c->statements);
  s.entities = static_cast<uint64_t>(c->entities);
  s.events = static_cast<uint64_t>(c->events);
  s.edges = static_cast<uint64_t>(c->edges);
  for (int k = 1; k <= kMaxEdgeKind; ++k) {
    s.edges_by_kind[k] = static_cast<uint64_t>(c->edges_by_kind[k]);
  }
  return s;
}

Status RocksDbStore::AddEdgeKindCounters() {
  std::lock_guard<std::mutex> lock(write_mu_);
  counters_cache_.reset();
  auto c = ReadCounters(rocksdb::ReadOptions());
  if (!c.ok()) return c.status();
  if (c->has_edges_by_kind) return Status::OK();
  auto recount = RecountEdges(db_.get(), cfs_, nullptr, dir_);
  if (!recount.ok()) return recount.status();
  c->edges_by_kind = recount->edges_by_kind;
  c->has_edges_by_kind = true;
  rocksdb::WriteOptions wo;
  wo.sync = options_.sync;
  return FromRocks(db_->Put(wo, cfs_[kCfDefault], kCountersKey, EncodeCounters(*c)),
                   "database " + dir_ + ": writing the counters");
}

Result<LedgerValue> RocksDbStore::ReadLedger(const rocksdb::ReadOptions& ro,
                                             const std::string& article_id) {
  std::string raw;
  bool found = false;
  PARLEY_RETURN_IF_ERROR(Read(ro, kCfLedger, article_id, &raw, &found));
  if (!found) return Status::NotFound("article \"" + article_id + "\" is not stored");
  LedgerValue v;
  if (!DecodeLedger(raw, &v)) {
    return Status::Corruption("database " + dir_ + ": ledger entry of article \"" + article_id +
                              "\" cannot be decoded");
  }
  return v;
}

Status RocksDbStore::RemoveArticle(const std::string& article_id) {
  if (options_.read_only) {
    return Status::IOError("database " + dir_ + " is open read-only: cannot remove article \"" +
                           article_id + "\"");
  }
  std::lock_guard<std::mutex> lock(write_mu_);
  const rocksdb::ReadOptions ro;  // the latest state: this is the only writer
  auto old = ReadLedger(ro, article_id);
  if (!old.ok()) return old.status();
  auto counters = WriterCounters();
  if (!counters.ok()) return counters.status();
  BatchBuilder builder(db_.get(), cfs_, *counters, &entity_cache_, &candidate_cache_, &absent_keys_,
                       &merge_key_cache_, LoadedReferenceSpeakers(nullptr), nullptr);
  PARLEY_RETURN_IF_ERROR(builder.Retract(*old));
  builder.DeleteLedger(article_id);
  PARLEY_RETURN_IF_ERROR(builder.Finish());
  return WriteAndCache(builder, "removing article \"" + article_id + "\"");
}

Result<CheckReport> RocksDbStore::Check() {
  rocksdb::ManagedSnapshot snapshot(db_.get());
  return CheckDatabase(db_.get(), cfs_, snapshot.snapshot(), dir_);
}

Result<ArticleGraph> RocksDbStore::GetArticleGraph(const std::string& article_id) {
  rocksdb::ManagedSnapshot snapshot(db_.get());
  rocksdb::ReadOptions ro;
  ro.snapshot = snapshot.snapshot();
  auto ledger = ReadLedger(ro, article_id);
  if (!ledger.ok()) return ledger.status();
  ArticleGraph out;
  out.edges.reserve(ledger->edges.size());
  for (const EdgeKey& e : ledger->edges) {
    std::string raw;
    bool found = false;
    PARLEY_RETURN_IF_ERROR(Read(ro, kCfOutEdges, OutEdgeKey(e), &raw, &found));
    uint64_t refcount = 0;
    if (!found || !DecodeRefcount(raw, &refcount)) {
      return Status::Corruption("database " + dir_ + ": article \"" + article_id +
                                "\" lists edge " + HexEncode(OutEdgeKey(e)) +
                                " that is missing or unreadable");
    }
    out.edges.push_back({e.src, e.kind, e.dst, refcount});
  }
  // refers_to edges are held by the references ('R'), not by a ledger: those of this
  // article's statements, either way, may have been made or moved by this write.
  std::set<NodeId> others;
  for (NodeId sid : ledger->statements) {
    for (Cf cf : {kCfOutEdges, kCfInEdges}) {
      std::string prefix;
      PutBe64(&prefix, sid.value());
      prefix.push_back(static_cast<char>(EdgeKind::kRefersTo));
      const std::string upper = PrefixSuccessor(prefix);
      rocksdb::Slice upper_slice(upper);
      rocksdb::ReadOptions it_ro = ro;
      it_ro.iterate_upper_bound = &upper_slice;
      std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(it_ro, cfs_[cf]));
      for (it->Seek(prefix); it->Valid(); it->Next()) {
        uint64_t refcount = 0;
        if (it->key().size() != kEdgeKeySize ||
            !DecodeRefcount(std::string_view(it->value().data(), it->value().size()), &refcount)) {
          return Status::Corruption("database " + dir_ + ": malformed refers_to edge of " +
                                    sid.ToHex());
        }
        const NodeId other(GetBe64(it->key().data() + 9));
        out.edges.push_back(cf == kCfOutEdges
                                ? EdgeRecord{sid, EdgeKind::kRefersTo, other, refcount}
                                : EdgeRecord{other, EdgeKind::kRefersTo, sid, refcount});
        others.insert(other);
      }
      PARLEY_RETURN_IF_ERROR(FromRocks(it->status(), "database " + dir_ + ": scanning edges"));
    }
  }
  std::vector<std::string> keys = {RecordKey(kArticleTag, ledger->article)};
  for (NodeId id : ledger->statements) keys.push_back(RecordKey(kStatementTag, id));
  for (NodeId id : others) {
    if (std::find(ledger->statements.begin(), ledger->statements.end(), id) ==
        ledger->statements.end()) {
      keys.push_back(RecordKey(kStatementTag, id));
    }
  }
  for (NodeId id : ledger->events) keys.push_back(RecordKey(kEventTag, id));
  for (const EntityContribution& c : ledger->entities) {
    keys.push_back(RecordKey(kEntityTag, c.entity));
  }
  for (const std::string& key : keys) {
    std::string raw;
    bool found = false;
    PARLEY_RETURN_IF_ERROR(Read(ro, kCfRecords, key, &raw, &found));
    NodeInfo info;
    Status error;
    if (!found || !ParseNodeRecord(key, raw, &info, &error)) {
      return Status::Corruption("database " + dir_ + ": article \"" + article_id +
                                "\" lists record " + HexEncode(key) +
                                " that is missing or unreadable");
    }
    out.nodes.push_back(info);
  }
  return out;
}

bool ParseOutEdgeEntry(std::string_view key, std::string_view value, EdgeRecord* out,
                       Status* error) {
  std::optional<EdgeKey> e = ParseOutEdgeKey(key);
  uint64_t refcount = 0;
  const int code = e ? static_cast<int>(e->kind) : 0;
  if (code < 1 || code > kMaxEdgeKind || !DecodeRefcount(value, &refcount)) {
    *error = Status::Corruption("malformed out_edges entry " + HexEncode(key));
    return false;
  }
  *out = {e->src, e->kind, e->dst, refcount};
  return true;
}

// Iterates one column family of a pinned snapshot, below `upper_bound` ("" for none),
// turning each entry into a T with `parse` (which returns false for an entry to skip,
// or sets a Corruption status). A `full_scan` (the projection build's one-off reads)
// bypasses the block cache, keeping it for queries, and reads ahead.
template <typename Base, typename T>
class SnapshotIterator : public Base {
 public:
  using Parse = bool (*)(std::string_view key, std::string_view value, T* out, Status* error);
  SnapshotIterator(rocksdb::DB* db, rocksdb::ColumnFamilyHandle* cf, Parse parse,
                   bool full_scan = false, std::string upper_bound = std::string())
      : snapshot_(db), upper_(std::move(upper_bound)), upper_slice_(upper_), parse_(parse) {
    rocksdb::ReadOptions ro;
    ro.snapshot = snapshot_.snapshot();
    if (full_scan) {
      ro.fill_cache = false;
      ro.readahead_size = 2 << 20;  // large sequential reads
      ro.adaptive_readahead = true;
    }
    if (!upper_.empty()) ro.iterate_upper_bound = &upper_slice_;
    it_.reset(db->NewIterator(ro, cf));
    it_->SeekToFirst();
    Settle();
  }
  bool Valid() const override { return valid_; }
  void Next() override {
    it_->Next();
    Settle();
  }
  Status status() const override { return status_; }

 protected:
  const T& current() const { return current_; }

 private:
  // Moves to the first entry at or after the cursor that parses.
  void Settle() {
    valid_ = false;
    for (; it_->Valid(); it_->Next()) {
      const rocksdb::Slice k = it_->key(), v = it_->value();
      if (parse_(std::string_view(k.data(), k.size()), std::string_view(v.data(), v.size()),
                 &current_, &status_)) {
        valid_ = true;
        return;
      }
      if (!status_.ok()) return;
    }
    if (!it_->status().ok()) status_ = FromRocks(it_->status(), "scanning the store");
  }

  rocksdb::ManagedSnapshot snapshot_;
  std::string upper_;
  rocksdb::Slice upper_slice_;  // points into upper_; must outlive it_
  std::unique_ptr<rocksdb::Iterator> it_;
  Parse parse_;
  T current_;
  bool valid_ = false;
  Status status_;
};

class RocksEdgeIterator final : public SnapshotIterator<EdgeIterator, EdgeRecord> {
 public:
  using SnapshotIterator::SnapshotIterator;
  const EdgeRecord& edge() const override { return current(); }
};

class RocksNodeIterator final : public SnapshotIterator<NodeIterator, NodeInfo> {
 public:
  using SnapshotIterator::SnapshotIterator;
  const NodeInfo& node() const override { return current(); }
};

std::unique_ptr<EdgeIterator> RocksDbStore::NewEdgeIterator() {
  return std::make_unique<RocksEdgeIterator>(db_.get(), cfs_[kCfOutEdges], ParseOutEdgeEntry);
}

std::unique_ptr<NodeIterator> RocksDbStore::NewNodeIterator() {
  return std::make_unique<RocksNodeIterator>(db_.get(), cfs_[kCfRecords], ParseNodeRecord);
}

Result<std::unique_ptr<Store>> OpenStore(const std::string& dir, const StoreOptions& options,
                                         std::unique_ptr<rocksdb::Env> env) {
  rocksdb::Options o = BaseOptions();
  o.create_if_missing = options.create_if_missing && !options.read_only;
  if (env != nullptr) {
    o.env = env.get();
  } else if (!o.create_if_missing && !std::filesystem::exists(dir)) {
    // Checked here: RocksDB would create the folder before finding no database in it.
    return Status::IOError("database " + dir + " does not exist" +
                           (options.read_only ? " (a read-only open never creates it)" : ""));
  } else if (o.create_if_missing) {
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    if (ec) return Status::IOError("cannot create database folder " + dir + ": " + ec.message());
  }

  std::vector<rocksdb::ColumnFamilyDescriptor> descriptors;
  for (int cf = 0; cf < kNumColumnFamilies; ++cf) {
    rocksdb::ColumnFamilyOptions cf_options(o);
    if (cf == kCfInEdges) {
      // Only Check and full scans read in_edges (traversals use the projection built
      // from out_edges), so its memtable can be an unsorted vector, sorted once at
      // flush or scan: an insert is an append instead of a random skiplist insert.
      cf_options.memtable_factory = std::make_shared<rocksdb::VectorRepFactory>();
      // Nor is a key of it ever looked up by itself (reads seek a node's prefix), so
      // its table files need no Bloom filter: building them was work for nothing in
      // every bulk chunk and every compaction of a third of the store's keys.
      rocksdb::BlockBasedTableOptions table =
          *o.table_factory->GetOptions<rocksdb::BlockBasedTableOptions>();
      table.filter_policy.reset();
      cf_options.table_factory.reset(rocksdb::NewBlockBasedTableFactory(table));
    }
    descriptors.emplace_back(kColumnFamilies[cf], cf_options);
  }
  std::vector<rocksdb::ColumnFamilyHandle*> handles;
  rocksdb::DB* raw_db = nullptr;
  rocksdb::Status s =
      options.read_only
          ? rocksdb::DB::OpenForReadOnly(rocksdb::DBOptions(o), dir, descriptors, &handles, &raw_db)
          : rocksdb::DB::Open(rocksdb::DBOptions(o), dir, descriptors, &handles, &raw_db);
  if (!s.ok()) {
    const std::string why = s.ToString();
    if (s.IsIOError() && ContainsNoCase(why, "lock")) {
      return Status::IOError("database " + dir + " is in use by another process");
    }
    if (s.IsCorruption()) return Status::Corruption("database " + dir + " is damaged: " + why);
    if (ContainsNoCase(why, "does not exist") || ContainsNoCase(why, "no such file")) {
      return Status::IOError("database " + dir + " does not exist" +
                             (options.read_only ? " (a read-only open never creates it)" : ""));
    }
    return Status::IOError("cannot open database " + dir + ": " + why);
  }
  if (!options.read_only) {
    // Table files of a bulk write a crash interrupted: never ingested, so not stored.
    const std::string bulk = dir + "/" + kBulkFolder;
    std::vector<std::string> leftovers;
    if (o.env->GetChildren(bulk, &leftovers).ok()) {
      for (const std::string& name : leftovers) {
        if (name == "." || name == "..") continue;
        o.env->DeleteFile(bulk + "/" + name).PermitUncheckedError();
      }
    }
  }
  auto store =
      std::make_unique<RocksDbStore>(dir, options, std::move(env), raw_db, std::move(handles));
  PARLEY_RETURN_IF_ERROR(store->CheckFormat());
  return std::unique_ptr<Store>(std::move(store));
}

}  // namespace

Result<std::unique_ptr<Store>> OpenRocksDbStore(const std::string& dir,
                                                const StoreOptions& options) {
  return OpenStore(dir, options, nullptr);
}

std::unique_ptr<Store> NewMemoryStore() {
  std::unique_ptr<rocksdb::Env> env(rocksdb::NewMemEnv(rocksdb::Env::Default()));
  auto store = OpenStore(kMemoryStoreDir, StoreOptions{}, std::move(env));
  if (!store.ok()) {
    // Only a bug or exhausted memory gets here: there is no disk to fail.
    std::fprintf(stderr, "parley: cannot open the in-memory store: %s\n",
                 store.status().ToString().c_str());
    std::abort();
  }
  return std::move(*store);
}

// Events: GetEvent reads one 'v' record and the event's in_edges; FindEvents scans
// the 'v' records in id order (no index: events are a few per article, far fewer
// than statements; see key_format.h for the cost).

namespace {

constexpr char kEventCursorPrefix[] = "ev";

EventRecord ToEventRecord(NodeId id, EventValue v) {
  EventRecord r;
  r.id = id;
  r.type = std::move(v.type);
  r.name = std::move(v.name);
  r.date = std::move(v.date);
  r.article = v.article;
  r.local_id = std::move(v.local_id);
  r.participants = std::move(v.participants);
  return r;
}

}  // namespace

Result<EventRecord> RocksDbStore::GetEvent(NodeId id) {
  rocksdb::ManagedSnapshot snapshot(db_.get());
  rocksdb::ReadOptions ro;
  ro.snapshot = snapshot.snapshot();
  std::string raw;
  bool found = false;
  PARLEY_RETURN_IF_ERROR(Read(ro, kCfRecords, RecordKey(kEventTag, id), &raw, &found));
  if (!found) return Status::NotFound("event " + id.ToHex());
  EventValue v;
  if (!DecodeEvent(raw, &v))
    return Status::Corruption("event " + id.ToHex() + ": record cannot be decoded");
  EventRecord r = ToEventRecord(id, std::move(v));

  // in_edges: <dst:be64> <kind:u8> <src:be64>.
  std::string prefix;
  PutBe64(&prefix, id.value());
  const std::string end = PrefixSuccessor(prefix);
  rocksdb::Slice upper(end);
  rocksdb::ReadOptions iro = ro;
  if (!end.empty()) iro.iterate_upper_bound = &upper;
  std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(iro, cfs_[kCfInEdges]));
  for (it->Seek(prefix); it->Valid(); it->Next()) {
    const rocksdb::Slice key = it->key();
    if (key.size() != kEdgeKeySize) {
      return Status::Corruption("database " + dir_ + ": in_edges key " +
                                HexEncode(std::string_view(key.data(), key.size())) +
                                " is malformed");
    }
    if (r.links.size() == kMaxEventLinks) {
      r.links_truncated = true;
      break;
    }
    EventLink link;
    link.kind = static_cast<EdgeKind>(static_cast<uint8_t>(key.data()[8]));
    link.id = NodeId(GetBe64(key.data() + 9));
    // The kind of node at the other end: the record that exists (an entity's kind is
    // its type: person, country, organization).
    bool known = false;
    for (auto [tag, kind] :
         {std::pair(kStatementTag, NodeKind::kStatement),
          std::pair(kArticleTag, NodeKind::kArticle), std::pair(kEventTag, NodeKind::kEvent)}) {
      std::string ignored;
      PARLEY_RETURN_IF_ERROR(Read(ro, kCfRecords, RecordKey(tag, link.id), &ignored, &known));
      if (known) {
        link.node_kind = kind;
        break;
      }
    }
    if (!known) {
      std::string entity;
      PARLEY_RETURN_IF_ERROR(Read(ro, kCfRecords, RecordKey(kEntityTag, link.id), &entity, &known));
      EntityValue ev;
      std::optional<NodeKind> kind;
      if (known && DecodeEntity(entity, &ev)) kind = ev.kind;
      if (!kind) {
        return Status::Corruption("database " + dir_ + ": event " + id.ToHex() +
                                  " has an edge from " + link.id.ToHex() +
                                  ", which is no readable record");
      }
      link.node_kind = *kind;
    }
    r.links.push_back(link);
  }
  PARLEY_RETURN_IF_ERROR(FromRocks(it->status(), "database " + dir_ + ": reading in_edges"));
  return r;
}

Result<EventPage> RocksDbStore::FindEvents(const EventQuery& q) {
  std::optional<uint32_t> from, to;
  PARLEY_RETURN_IF_ERROR(CheckPageQuery(q.limit, q.from, q.to, &from, &to));
  const std::vector<std::string> words = SearchTokens(q.q);
  std::string start = RecordKey(kEventTag, NodeId(0));
  if (!q.cursor.empty()) {
    std::optional<std::string> raw;
    if (std::string_view(q.cursor).starts_with(kEventCursorPrefix)) {
      raw = HexDecode(std::string_view(q.cursor).substr(sizeof(kEventCursorPrefix) - 1));
    }
    if (!raw || raw->size() != 8) {
      return Status::InvalidArgument("cursor \"" + q.cursor +
                                     "\" is not an event cursor of this store");
    }
    start = std::string(1, kEventTag) + *raw;
  }

  rocksdb::ManagedSnapshot snapshot(db_.get());
  rocksdb::ReadOptions ro;
  ro.snapshot = snapshot.snapshot();
  const std::string end(1, static_cast<char>(kEventTag + 1));
  rocksdb::Slice upper(end);
  ro.iterate_upper_bound = &upper;
  std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(ro, cfs_[kCfRecords]));
  EventPage page;
  size_t scanned = 0;
  auto cursor_at = [](const rocksdb::Slice& key) {
    return kEventCursorPrefix + HexEncode(std::string_view(key.data() + 1, 8));
  };
  for (it->Seek(start); it->Valid(); it->Next()) {
    const rocksdb::Slice key = it->key();
    if (key.size() != 9) {
      return Status::Corruption("database " + dir_ + ": event key " +
                                HexEncode(std::string_view(key.data(), key.size())) +
                                " is malformed");
    }
    if (page.items.size() == q.limit || scanned == options_.find_scan_budget) {
      page.next_cursor = cursor_at(key);
      break;
    }
    ++scanned;
    const NodeId id(GetBe64(key.data() + 1));
    EventValue v;
    if (!DecodeEvent(std::string_view(it->value().data(), it->value().size()), &v))
      return Status::Corruption("event " + id.ToHex() + ": record cannot be decoded");
    if (!q.type.empty() && v.type != q.type) continue;
    if (q.participant.valid() && std::find(v.participants.begin(), v.participants.end(),
                                           q.participant) == v.participants.end()) {
      continue;
    }
    if (from || to) {
      const std::optional<uint32_t> date = v.date ? DateNumber(*v.date) : std::nullopt;
      if (!date || (from && *date < *from) || (to && *date > *to)) continue;
    }
    if (!words.empty()) {
      const std::vector<std::string> tokens = SearchTokens(v.name);
      bool all = true;
      for (const std::string& w : words) {
        all = all && std::find(tokens.begin(), tokens.end(), w) != tokens.end();
      }
      if (!all) continue;
    }
    page.items.push_back(ToEventRecord(id, std::move(v)));
  }
  PARLEY_RETURN_IF_ERROR(FromRocks(it->status(), "database " + dir_ + ": reading events"));
  return page;
}

}  // namespace parley::store

// ---- Iterators for building a graph projection (Store::NewProjection*Iterator) ----

namespace parley::store {
namespace {

// Walks a records value field by field without copying: each step returns false
// when the input is exhausted or malformed (the same checks as record_codec's
// Decoder, so a value this accepts is one Decode* accepts).
class SkipReader {
 public:
  explicit SkipReader(std::string_view in) : in_(in) {}
  bool Header() { return U8() && last_ == kValueFormat; }
  bool U8() {
    if (in_.empty()) return false;
    last_ = static_cast<uint8_t>(in_[0]);
    in_.remove_prefix(1);
    return true;
  }
  uint8_t last() const { return last_; }
  bool Varint(uint64_t* v) {
    uint64_t result = 0;
    for (int shift = 0; shift <= 63; shift += 7) {
      if (!U8()) return false;
      result |= static_cast<uint64_t>(last_ & 0x7f) << shift;
      if ((last_ & 0x80) == 0) {
        *v = result;
        return true;
      }
    }
    return false;
  }
  bool U32() {
    uint64_t x;
    return Varint(&x) && x <= UINT32_MAX;
  }
  bool Id() { return Skip(8); }
  bool Str(std::string_view* s = nullptr) {
    uint64_t n;
    if (!Varint(&n) || n > in_.size()) return false;
    if (s != nullptr) *s = in_.substr(0, n);
    in_.remove_prefix(n);
    return true;
  }
  // `date` is set to the date's number when present (0 when not a date), left
  // alone when absent; `present` tells which.
  bool OptDate(uint32_t* date, bool* present) {
    if (!U8() || last_ > 1) return false;
    *present = last_ == 1;
    if (!*present) return true;
    std::string_view s;
    if (!Str(&s)) return false;
    *date = DateNumber(s).value_or(0);
    return true;
  }
  bool Count(uint64_t* n) { return Varint(n) && *n <= in_.size(); }
  bool Strs() {
    uint64_t n;
    if (!Count(&n)) return false;
    for (uint64_t i = 0; i < n; ++i) {
      if (!Str()) return false;
    }
    return true;
  }
  bool Ids() {
    uint64_t n;
    return Count(&n) && Skip(8 * n);
  }
  bool Counted() {
    uint64_t n;
    if (!Count(&n)) return false;
    for (uint64_t i = 0; i < n; ++i) {
      if (!Str() || !U32()) return false;
    }
    return true;
  }
  bool SpanField() {
    uint64_t b, e;
    return Varint(&b) && Varint(&e);
  }
  // A report's optional flags byte (record_codec.cc, PutReport): 1 to 3 when present.
  bool ReportFlags() { return in_.empty() || (U8() && last_ >= 1 && last_ <= 3); }
  // An entity's optional gender byte (record_codec.cc, EncodeEntity): 1 or 2 when present.
  bool EntityGender() { return in_.empty() || (U8() && (last_ == 1 || last_ == 2)); }
  bool Done() const { return in_.empty(); }

 private:
  bool Skip(uint64_t n) {
    if (n > in_.size()) return false;
    in_.remove_prefix(n);
    return true;
  }
  std::string_view in_;
  uint8_t last_ = 0;
};

// ParseNodeRecord's result, reading only kind and date (the field orders are those
// of record_codec.cc's Encode*).
bool ParseNodeRecordLean(std::string_view key, std::string_view value, NodeInfo* out,
                         Status* error) {
  if (key.size() != 9) {
    *error = Status::Corruption("malformed records key " + HexEncode(key));
    return false;
  }
  const NodeId id(GetBe64(key.data() + 1));
  SkipReader d(value);
  bool ok = d.Header();
  uint32_t date = 0;
  bool present = false;
  switch (key[0]) {
    case kArticleTag:
      ok = ok && d.Id() && d.Str() && d.Str() && d.OptDate(&date, &present) && d.Strs() &&
           d.Strs() && d.Str() && d.Str() && d.U32() && d.Done();
      *out = {id, NodeKind::kArticle, date};
      break;
    case kStatementTag: {
      // StatementHead: id, speaker, speaker name, same words, report count (>= 1),
      // mention counts, then the first report (whose dates NodeInfo takes).
      uint32_t said = 0, published = 0;
      bool has_said = false;
      uint64_t reports = 0, mentions = 0;
      ok = ok && d.Id() && d.Id() && d.Str() && d.Id() && d.Varint(&reports) &&
           reports >= 1 && reports <= UINT32_MAX && d.Count(&mentions);
      for (uint64_t i = 0; ok && i < mentions; ++i) ok = d.Id() && d.U32();
      ok = ok && d.Id() && d.Str() && d.Str() && d.OptDate(&published, &present) && d.Str() &&
           d.Str() && d.Str() && d.Str() && d.Str() && d.OptDate(&said, &has_said) &&
           d.SpanField() && d.Id() && d.Ids() && d.ReportFlags() && d.Done();
      *out = {id, NodeKind::kStatement, has_said ? said : published};
      break;
    }
    case kEntityTag: {
      ok = ok && d.U8();
      const uint8_t kind = d.last();
      ok = ok && d.Str() && d.Str() && d.Counted() && d.Counted() && d.U32() && d.U32() &&
           d.EntityGender() && d.Done() &&
           (kind == static_cast<uint8_t>(NodeKind::kPerson) ||
            kind == static_cast<uint8_t>(NodeKind::kCountry) ||
            kind == static_cast<uint8_t>(NodeKind::kOrganization));
      *out = {id, static_cast<NodeKind>(kind), 0};
      break;
    }
    case kEventTag:
      ok = ok && d.Id() && d.Str() && d.Str() && d.Str() && d.OptDate(&date, &present) &&
           d.Ids() && d.Done();
      *out = {id, NodeKind::kEvent, date};
      break;
    default:
      return false;  // an article text
  }
  if (!ok) *error = Status::Corruption("record " + HexEncode(key) + " cannot be decoded");
  return ok;
}


// The records tags in byte order are 'a' < 'e' < 's' < 'v' < 'x': the article
// texts ('x') are the last family, so stopping below 'x' skips all of them.
static_assert(kArticleTag < kEntityTag && kEntityTag < kStatementTag &&
              kStatementTag < kEventTag && kEventTag < kArticleTextTag);

std::unique_ptr<NodeIterator> RocksDbStore::NewProjectionNodeIterator() {
  return std::make_unique<RocksNodeIterator>(db_.get(), cfs_[kCfRecords], ParseNodeRecordLean,
                                             /*full_scan=*/true, std::string(1, kArticleTextTag));
}

std::unique_ptr<EdgeIterator> RocksDbStore::NewProjectionEdgeIterator() {
  return std::make_unique<RocksEdgeIterator>(db_.get(), cfs_[kCfOutEdges], ParseOutEdgeEntry,
                                             /*full_scan=*/true);
}

std::string RocksDbStore::ContentStamp() {
  std::string identity;
  if (!db_->GetDbIdentity(identity).ok() || identity.empty()) return std::string();
  return identity + "/" + std::to_string(db_->GetLatestSequenceNumber());
}

}  // namespace
}  // namespace parley::store
