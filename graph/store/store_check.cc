// The invariants checked, in the order of the scan (each problem names its key):
//   records    every key is <tag><be64> with a known tag and a value that decodes;
//              each article has its text and each text its article.
//   out_edges  17-byte keys with a known kind, a refcount >= 1, both ends a live
//              record, and the same entry (same refcount) in in_edges; in_edges holds
//              nothing else.
//   indexes    'P' names a live statement made by that speaker, 'M' one that
//              mentions that entity (a `mentions` edge), 'D' any live statement, each
//              at the statement's <order> with its PostingValue; 'A' a live statement
//              of that article, 'T' a live entity holding that token; every statement
//              has its 'A' and 'D' entries (its 'P' entry when it has a speaker, an 'M'
//              entry per entity it mentions), every entity all its tokens.
//              'R' names a live reference of that speaker, holding the refcount of
//              its refers_to edge (which must exist) when it has a target;
//              'K' names a live statement of that speaker and merge key, and every
//              merged statement has its 'K' entry; an 'A' entry per report.
//   ledger     each entry decodes, names a live article with that external id and
//              content hash, lists live statements and events of that article, edges
//              that exist, index keys that exist; the ledgers' edge contributions add
//              up to each refcount, their entity contributions to each entity's
//              article and statement counts; every statement and event belongs to one
//              ledger, every article has one.
//   statements the said edge from a statement's speaker counts its reports, and each
//              mentions edge the reports that mention that entity (writes derive
//              these refcounts from the statement's head instead of reading them).
//   counters   agree with the recount, total and by edge kind.
#include "graph/store/store_check.h"

#include <rocksdb/db.h>
#include <rocksdb/iterator.h>
#include <rocksdb/snapshot.h>

#include <algorithm>
#include <array>
#include <functional>
#include <memory>
#include <set>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <utility>

#include "graph/store/key_format.h"

namespace parley::store {

namespace {

std::string_view View(const rocksdb::Slice& s) { return std::string_view(s.data(), s.size()); }

std::string DescribeEdge(const EdgeKey& e) {
  return e.src.ToHex() + " " + std::string(EdgeKindName(e.kind)) + " " + e.dst.ToHex();
}

struct ArticleSeen {
  std::string external_id;
  std::string content_hash;
  bool has_text = false;
  bool has_ledger = false;
};
struct StatementSeen {
  NodeId article;
  NodeId speaker;
  std::vector<NodeId> report_articles;  // the articles of its 'r' entries
  uint32_t report_count = 0;            // as its head says
  std::vector<std::pair<NodeId, uint32_t>> mention_counts;
  size_t article_index_entries = 0;
  bool in_speaker_index = false;
  bool in_date_index = false;
  NodeId same_words;  // its merge key's words, or invalid
  bool in_merge_index = false;
  int ledgers = 0;
  // Its place in the 'P', 'M' and 'D' lists (fixed size: no heap block per statement).
  std::array<char, kOrderSize> order{};
  uint32_t posting = 0;          // what those entries hold: an index into Checker::postings_
  std::vector<NodeId> mentions;  // entities its `mentions` edges name
  size_t mentions_indexed = 0;
};
struct EntitySeen {
  EntityValue value;
  std::vector<std::string> tokens;  // sorted, distinct
  size_t tokens_indexed = 0;
  uint64_t ledger_articles = 0;
  uint64_t ledger_statements = 0;
};
struct EventSeen {
  NodeId article;
  int ledgers = 0;
};
// One edge of out_edges as the check sees it: its key and what the scans found. 32 bytes
// (the key's fields laid out without the padding EdgeKey has).
struct EdgeSeen {
  NodeId src;
  NodeId dst;
  uint64_t refcount = 0;
  uint32_t ledger = 0;  // ledger entries listing the edge
  EdgeKind kind{};
  bool mirrored = false;
  EdgeKey key() const { return EdgeKey{src, kind, dst}; }
};
static_assert(sizeof(EdgeSeen) == 32);

// The edges out_edges holds, in its key order (which is EdgeKey's), found by binary
// search: a flat array takes 32 bytes an edge where a hash map took ~90 (a 300k-article
// store has 16M edges, and Check held 3.5 GB). Reserved from RocksDB's estimate of the
// column family's keys, so that the array does not double (and hold both copies) while
// the scan fills it.
class EdgesSeen {
 public:
  void Reserve(size_t n) { edges_.reserve(n); }
  // `e` must come after every edge added before (a scan of out_edges).
  EdgeSeen& Add(const EdgeKey& e) {
    EdgeSeen& seen = edges_.emplace_back();
    seen.src = e.src;
    seen.dst = e.dst;
    seen.kind = e.kind;
    return seen;
  }
  EdgeSeen* Find(const EdgeKey& e) {
    auto it = std::lower_bound(
        edges_.begin(), edges_.end(), e,
        [](const EdgeSeen& entry, const EdgeKey& key) { return entry.key() < key; });
    return it != edges_.end() && it->key() == e ? &*it : nullptr;
  }
  size_t size() const { return edges_.size(); }
  auto begin() const { return edges_.begin(); }
  auto end() const { return edges_.end(); }

 private:
  std::vector<EdgeSeen> edges_;
};

// A set of keys added in increasing order (a scan), their bytes end to end in one
// string, found by binary search: exact, and about a third of the memory of a hash
// set of strings.
class SortedKeys {
 public:
  // Room for about `keys` keys of `bytes` bytes in all: reserved address space that
  // pages in only as keys are added, so that the arrays do not double (and hold both
  // copies) as a scan fills them.
  void Reserve(size_t keys, size_t bytes) {
    starts_.reserve(keys);
    bytes_.reserve(bytes);
  }
  // `key` must be greater than every key added before.
  void Add(std::string_view key) {
    starts_.push_back(bytes_.size());
    bytes_.append(key);
  }
  bool Contains(std::string_view key) const {
    size_t lo = 0, hi = starts_.size();
    while (lo < hi) {
      const size_t mid = lo + (hi - lo) / 2;
      const int c = Key(mid).compare(key);
      if (c == 0) return true;
      if (c < 0) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return false;
  }

 private:
  std::string_view Key(size_t i) const {
    const size_t end = i + 1 < starts_.size() ? starts_[i + 1] : bytes_.size();
    return std::string_view(bytes_).substr(starts_[i], end - starts_[i]);
  }

  std::string bytes_;
  std::vector<size_t> starts_;
};

class Checker {
 public:
  Checker(rocksdb::DB* db, const std::vector<rocksdb::ColumnFamilyHandle*>& cfs,
          const rocksdb::Snapshot* snapshot, const std::string& dir)
      : db_(db), cfs_(cfs), dir_(dir) {
    ro_.snapshot = snapshot;
  }

  Result<CheckReport> Run() {
    PARLEY_RETURN_IF_ERROR(ScanRecords());
    PARLEY_RETURN_IF_ERROR(ScanEdges());
    PARLEY_RETURN_IF_ERROR(ScanIndexes());
    PARLEY_RETURN_IF_ERROR(ScanLedger());
    Reconcile();
    PARLEY_RETURN_IF_ERROR(CheckCounters());
    return std::move(report_);
  }

 private:
  void Problem(std::string what) {
    ++report_.problem_count;
    if (report_.problems.size() < kMaxCheckProblems) report_.problems.push_back(std::move(what));
  }

  Status Scan(Cf cf, const std::function<void(std::string_view, std::string_view)>& visit) {
    std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(ro_, cfs_[cf]));
    for (it->SeekToFirst(); it->Valid(); it->Next()) visit(View(it->key()), View(it->value()));
    if (!it->status().ok()) {
      return Status::IOError("database " + dir_ + ": scanning " + kColumnFamilies[cf] + ": " +
                             it->status().ToString());
    }
    return Status::OK();
  }

  bool Live(NodeId id) const {
    return articles_.count(id) || statements_.count(id) || entities_.count(id) || events_.count(id);
  }

  Status ScanRecords() {
    return Scan(kCfRecords, [&](std::string_view key, std::string_view value) {
      ++report_.records;
      if (key.size() != 9) {
        Problem("records: malformed key " + HexEncode(key));
        return;
      }
      const NodeId id(GetBe64(key.data() + 1));
      const std::string where = std::string("records: ") + key[0] + " " + id.ToHex();
      switch (key[0]) {
        case kArticleTag: {
          ArticleRecord r;
          if (!DecodeArticle(value, &r)) return Problem(where + ": article cannot be decoded");
          if (r.id != id) Problem(where + ": article record names id " + r.id.ToHex());
          auto& a = articles_[id];
          a.external_id = r.external_id;
          a.content_hash = r.content_hash;
          if (ArticleNodeId(r.external_id) != id) {
            Problem(where + ": article id does not derive from its external id \"" + r.external_id +
                    "\"");
          }
          return;
        }
        case kArticleTextTag:
          texts_.insert(id);
          return;
        case kStatementTag: {
          StatementHead head;
          if (!DecodeStatementHead(value, &head)) {
            return Problem(where + ": statement cannot be decoded");
          }
          const StatementRecord& r = head.record;
          StatementSeen& seen = statements_[id];
          seen.article = r.article_id;
          seen.speaker = r.speaker_id;
          const std::string order =
              StatementOrder(r.date ? DateNumber(*r.date) : std::nullopt,
                             r.published ? DateNumber(*r.published) : std::nullopt, r.article_id,
                             static_cast<uint32_t>(std::max<int64_t>(r.content.begin, 0)), id);
          std::copy_n(order.begin(), std::min(order.size(), kOrderSize), seen.order.begin());
          // Types and speech acts are a few dozen pairs: each distinct value is kept once.
          auto [posting, added] =
              posting_ids_.try_emplace(PostingValue(r.type, r.speech_act),
                                       static_cast<uint32_t>(postings_.size()));
          if (added) postings_.push_back(posting->first);
          seen.posting = posting->second;
          seen.same_words = r.same_words;
          seen.report_count = head.report_count;
          seen.mention_counts = head.mentions;
          return;
        }
        case kEntityTag: {
          EntitySeen e;
          if (!DecodeEntity(value, &e.value)) return Problem(where + ": entity cannot be decoded");
          if (e.value.article_count == 0) Problem(where + ": entity has an article count of 0");
          std::set<std::string> tokens;
          for (auto& t : SearchTokens(e.value.name)) tokens.insert(std::move(t));
          for (const auto& a : e.value.aliases) {
            for (auto& t : SearchTokens(a.value)) tokens.insert(std::move(t));
          }
          e.tokens.assign(tokens.begin(), tokens.end());
          entities_.emplace(id, std::move(e));
          return;
        }
        case kEventTag: {
          EventValue v;
          if (!DecodeEvent(value, &v)) return Problem(where + ": event cannot be decoded");
          events_[id] = {v.article};
          return;
        }
        default:
          Problem("records: key " + HexEncode(key) + " has an unknown tag");
      }
    });
  }

  Status ScanEdges() {
    uint64_t estimate = 0;
    if (db_->GetIntProperty(cfs_[kCfOutEdges], "rocksdb.estimate-num-keys", &estimate)) {
      edges_.Reserve(static_cast<size_t>(estimate + estimate / 16));
    }
    PARLEY_RETURN_IF_ERROR(Scan(kCfOutEdges, [&](std::string_view key, std::string_view value) {
      ++report_.edges;
      std::optional<EdgeKey> e = ParseOutEdgeKey(key);
      const int code = e ? static_cast<int>(e->kind) : 0;
      if (!e || code < 1 || code > kMaxEdgeKind) {
        Problem("out_edges: malformed key " + HexEncode(key));
        return;
      }
      const std::string where = "edge " + DescribeEdge(*e);
      uint64_t refcount = 0;
      if (!DecodeRefcount(value, &refcount) || refcount == 0) {
        Problem(where + ": refcount " + HexEncode(value) + " is not a count >= 1");
      }
      if (!Live(e->src)) Problem(where + ": its source " + e->src.ToHex() + " has no record");
      if (!Live(e->dst)) Problem(where + ": its target " + e->dst.ToHex() + " has no record");
      edges_.Add(*e).refcount = refcount;
      ++edges_by_kind_[code];
      if (e->kind == EdgeKind::kMentions) {
        auto s = statements_.find(e->src);
        if (s != statements_.end() && !statements_.count(e->dst) && !events_.count(e->dst) &&
            !articles_.count(e->dst)) {
          s->second.mentions.push_back(e->dst);
        }
      }
    }));
    return Scan(kCfInEdges, [&](std::string_view key, std::string_view value) {
      if (key.size() != kEdgeKeySize) {
        Problem("in_edges: malformed key " + HexEncode(key));
        return;
      }
      const EdgeKey e{NodeId(GetBe64(key.data() + 9)), static_cast<EdgeKind>(key[8]),
                      NodeId(GetBe64(key.data()))};
      EdgeSeen* seen = edges_.Find(e);
      if (seen == nullptr) {
        Problem("edge " + DescribeEdge(e) + ": in in_edges but not in out_edges");
        return;
      }
      seen->mirrored = true;
      uint64_t refcount = 0;
      if (!DecodeRefcount(value, &refcount) || refcount != seen->refcount) {
        Problem("edge " + DescribeEdge(e) + ": in_edges refcount differs from out_edges");
      }
    });
  }

  // Whether a posting list entry of statement `s` sits at its <order> and holds its
  // PostingValue; a problem naming `where` when not.
  bool Posted(const std::string& where, std::string_view order, std::string_view value,
              const StatementSeen& s) {
    const std::string sid = StatementOfOrder(order).ToHex();
    if (order != std::string_view(s.order.data(), s.order.size())) {
      Problem(where + ": statement " + sid + " is filed out of its date order");
      return false;
    }
    if (value != postings_[s.posting]) {
      Problem(where + ": statement " + sid + " is filed with a wrong type or speech act");
      return false;
    }
    return true;
  }

  std::vector<std::pair<NodeId, NodeId>> article_entries_;  // 'A': (article, statement)

  static bool Reports(const StatementSeen& s, NodeId article) {
    return std::find(s.report_articles.begin(), s.report_articles.end(), article) !=
           s.report_articles.end();
  }

  Status ScanIndexes() {
    // (an index key is 17 to 38 bytes; RocksDB's count is an estimate, hence the margin)
    constexpr size_t kMaxIndexKeyBytes = 40;
    uint64_t estimate = 0;
    if (db_->GetIntProperty(cfs_[kCfIndexes], "rocksdb.estimate-num-keys", &estimate)) {
      const size_t keys = static_cast<size_t>(estimate + estimate / 16);
      ledger_keys_.Reserve(keys, keys * kMaxIndexKeyBytes);
    }
    PARLEY_RETURN_IF_ERROR(ScanIndexEntries());
    for (const auto& [article, sid] : article_entries_) {
      StatementSeen& s = statements_[sid];
      if (!Reports(s, article)) {
        Problem("index A " + article.ToHex() + ": statement " + sid.ToHex() +
                " has no report from that article");
      } else {
        ++s.article_index_entries;
      }
    }
    return Status::OK();
  }

  Status ScanIndexEntries() {
    return Scan(kCfIndexes, [&](std::string_view key, std::string_view value) {
      ++report_.index_entries;
      const char tag = key.empty() ? '\0' : key[0];
      if (tag != kTokenIndexTag) {
        // What the ledgers list is looked up here rather than by a Get per key (random
        // reads made Check of a 20k-article store take ~50 s).
        ledger_keys_.Add(key);
      }
      if (tag == kSpeakerIndexTag && key.size() == kSpeakerIndexKeySize) {
        const NodeId speaker(GetBe64(key.data() + 1));
        const NodeId sid = StatementOfSpeakerIndexKey(key);
        auto it = statements_.find(sid);
        if (it == statements_.end()) {
          Problem("index P " + speaker.ToHex() + ": names missing statement " + sid.ToHex());
        } else if (it->second.speaker != speaker) {
          Problem("index P " + speaker.ToHex() + ": statement " + sid.ToHex() + " was made by " +
                  it->second.speaker.ToHex());
        } else if (Posted("index P " + speaker.ToHex(), key.substr(9), value, it->second)) {
          it->second.in_speaker_index = true;
        }
      } else if (tag == kMentionIndexTag && key.size() == kMentionIndexKeySize) {
        const NodeId entity(GetBe64(key.data() + 1));
        const NodeId sid = StatementOfOrder(key.substr(9));
        const std::string where = "index M " + entity.ToHex();
        auto it = statements_.find(sid);
        if (it == statements_.end()) {
          Problem(where + ": names missing statement " + sid.ToHex());
        } else if (std::find(it->second.mentions.begin(), it->second.mentions.end(), entity) ==
                   it->second.mentions.end()) {
          Problem(where + ": statement " + sid.ToHex() + " has no mentions edge to it");
        } else if (Posted(where, key.substr(9), value, it->second)) {
          ++it->second.mentions_indexed;
        }
      } else if (tag == kDateIndexTag && key.size() == kDateIndexKeySize) {
        const NodeId sid = StatementOfOrder(key.substr(1));
        auto it = statements_.find(sid);
        if (it == statements_.end()) {
          Problem("index D: names missing statement " + sid.ToHex());
        } else if (Posted("index D", key.substr(1), value, it->second)) {
          it->second.in_date_index = true;
        }
      } else if (tag == kArticleIndexTag && key.size() == 17) {
        const NodeId article(GetBe64(key.data() + 1));
        const NodeId sid(GetBe64(key.data() + 9));
        auto it = statements_.find(sid);
        if (!articles_.count(article)) {
          Problem("index A " + article.ToHex() + ": names missing article");
        }
        if (it == statements_.end()) {
          Problem("index A " + article.ToHex() + ": names missing statement " + sid.ToHex());
        } else {
          article_entries_.emplace_back(article, sid);  // checked once 'r' is read
        }
      } else if (tag == kReportIndexTag && key.size() == kReportIndexKeySize) {
        const NodeId sid(GetBe64(key.data() + 1));
        const NodeId article(GetBe64(key.data() + 9));
        const std::string where = "index r " + sid.ToHex() + " " + article.ToHex();
        StatementReport p;
        auto it = statements_.find(sid);
        if (it == statements_.end()) {
          Problem(where + ": names missing statement");
        } else if (!DecodeReport(value, &p) || p.article_id != article) {
          Problem(where + ": report cannot be decoded or names another article");
        } else {
          if (!articles_.count(article)) Problem(where + ": its article has no record");
          it->second.report_articles.push_back(article);
        }
      } else if (tag == kReferenceIndexTag && key.size() == kReferenceIndexKeySize) {
        const NodeId speaker(GetBe64(key.data() + 1));
        const NodeId ref = ReferenceOfIndexKey(key);
        const std::string where = "index R " + ref.ToHex();
        ReferenceValue v;
        auto it = statements_.find(ref);
        if (!DecodeReference(value, &v)) {
          Problem(where + ": value cannot be decoded");
        } else if (it == statements_.end()) {
          Problem(where + ": names missing statement");
        } else if (it->second.speaker != speaker) {
          Problem(where + ": the reference was made by " + it->second.speaker.ToHex());
        } else if (v.target.valid()) {
          // The reference holds its refers_to edge's one refcount, as a ledger would.
          EdgeSeen* e = edges_.Find({ref, EdgeKind::kRefersTo, v.target});
          if (e == nullptr) {
            Problem(where + ": its refers_to edge to " + v.target.ToHex() + " is missing");
          } else {
            ++e->ledger;
          }
        }
      } else if (tag == kMergeIndexTag && key.size() == kMergeIndexKeySize) {
        const NodeId speaker(GetBe64(key.data() + 1));
        const NodeId words(GetBe64(key.data() + 9));
        const NodeId sid = value.size() == 8 ? NodeId(GetBe64(value.data())) : NodeId();
        auto it = statements_.find(sid);
        if (it == statements_.end()) {
          Problem("index K " + HexEncode(key) + ": names missing statement " + sid.ToHex());
        } else if (it->second.speaker != speaker || it->second.same_words != words) {
          Problem("index K " + HexEncode(key) + ": statement " + sid.ToHex() +
                  " has another speaker or words");
        } else {
          it->second.in_merge_index = true;
        }
      } else if (tag == kTokenIndexTag && EntityOfTokenIndexKey(key).valid()) {
        const NodeId eid = EntityOfTokenIndexKey(key);
        const std::string token(key.substr(1, key.size() - 10));
        auto it = entities_.find(eid);
        if (it == entities_.end()) {
          Problem("index T \"" + token + "\": names missing entity " + eid.ToHex());
        } else if (!std::binary_search(it->second.tokens.begin(), it->second.tokens.end(), token)) {
          Problem("index T \"" + token + "\": entity " + eid.ToHex() +
                  " has no such word in its name or aliases");
        } else {
          ++it->second.tokens_indexed;
        }
      } else {
        Problem("indexes: malformed key " + HexEncode(key));
      }
    });
  }

  Status ScanLedger() {
    return Scan(kCfLedger, [&](std::string_view key, std::string_view value) {
      ++report_.ledger_entries;
      LedgerValue v;
      if (!DecodeLedger(value, &v)) {
        Problem("ledger \"" + std::string(key) + "\": entry cannot be decoded");
        return;
      }
      CheckLedger(std::string(key), v);
    });
  }

  void CheckLedger(const std::string& external_id, const LedgerValue& v) {
    const std::string where = "ledger \"" + external_id + "\"";
    auto a = articles_.find(v.article);
    if (a == articles_.end()) {
      Problem(where + ": its article " + v.article.ToHex() + " has no record");
    } else {
      a->second.has_ledger = true;
      if (a->second.external_id != external_id) {
        Problem(where + ": its article record has external id \"" + a->second.external_id + "\"");
      }
      if (a->second.content_hash != v.content_hash) {
        Problem(where + ": content hash " + v.content_hash + " differs from the article's " +
                a->second.content_hash);
      }
    }
    for (NodeId sid : v.statements) {
      auto it = statements_.find(sid);
      if (it == statements_.end()) {
        Problem(where + ": lists missing statement " + sid.ToHex());
      } else {
        ++it->second.ledgers;
        if (!Reports(it->second, v.article)) {
          Problem(where + ": lists statement " + sid.ToHex() + " that it does not report");
        }
      }
    }
    for (NodeId vid : v.events) {
      auto it = events_.find(vid);
      if (it == events_.end()) {
        Problem(where + ": lists missing event " + vid.ToHex());
      } else {
        ++it->second.ledgers;
      }
    }
    for (const EdgeKey& e : v.edges) {
      EdgeSeen* seen = edges_.Find(e);
      if (seen == nullptr) {
        Problem(where + ": lists missing edge " + DescribeEdge(e));
      } else {
        ++seen->ledger;
      }
    }
    for (const std::string& key : v.index_keys) {
      if (!ledger_keys_.Contains(key)) {
        Problem(where + ": lists missing index entry " + HexEncode(key));
      }
    }
    for (const EntityContribution& c : v.entities) {
      auto it = entities_.find(c.entity);
      if (it == entities_.end()) {
        Problem(where + ": lists missing entity " + c.entity.ToHex());
      } else {
        ++it->second.ledger_articles;
        it->second.ledger_statements += c.statements;
      }
    }
  }

  void Reconcile() {
    for (const auto& [id, a] : articles_) {
      const std::string where = "article " + id.ToHex() + " (\"" + a.external_id + "\")";
      if (!texts_.count(id)) Problem(where + ": has no text record");
      if (!a.has_ledger) Problem(where + ": has no ledger entry");
    }
    for (NodeId id : texts_) {
      if (!articles_.count(id)) Problem("text " + id.ToHex() + ": has no article record");
    }
    for (const auto& [id, s] : statements_) {
      const std::string where = "statement " + id.ToHex();
      if (s.report_count != s.report_articles.size()) {
        Problem(where + ": counts " + std::to_string(s.report_count) + " reports but has " +
                std::to_string(s.report_articles.size()));
      }
      if (!Reports(s, s.article)) Problem(where + ": its first report has no 'r' entry");
      // Every report of a node has its speaker (they share the merge key), so the said
      // edge counts them all; writes derive the edge's refcount from this.
      if (s.speaker.valid()) {
        const EdgeSeen* e = edges_.Find({s.speaker, EdgeKind::kSaid, id});
        if (e == nullptr || e->refcount != s.report_count) {
          Problem(where + ": has " + std::to_string(s.report_count) +
                  " reports but its said edge from " + s.speaker.ToHex() + " says otherwise");
        }
      }
      for (const auto& [entity, count] : s.mention_counts) {
        const EdgeSeen* e = edges_.Find({id, EdgeKind::kMentions, entity});
        if (e == nullptr || e->refcount != count) {
          Problem(where + ": " + std::to_string(count) + " reports mention " + entity.ToHex() +
                  " but its mentions edge says otherwise");
        }
      }
      if (s.article_index_entries != s.report_articles.size()) {
        Problem(where + ": missing from the article index");
      }
      if (s.same_words.valid() && !s.in_merge_index) {
        Problem(where + ": missing from the merge index");
      }
      if (s.speaker.valid() && !s.in_speaker_index) {
        Problem(where + ": missing from the speaker index of " + s.speaker.ToHex());
      }
      if (!s.in_date_index) Problem(where + ": missing from the date index");
      if (s.mentions_indexed != s.mentions.size()) {
        Problem(where + ": " + std::to_string(s.mentions.size() - s.mentions_indexed) + " of the " +
                std::to_string(s.mentions.size()) +
                " entities it mentions missing from the mention index");
      }
      if (static_cast<size_t>(s.ledgers) != s.report_articles.size()) {
        Problem(where + ": listed by " + std::to_string(s.ledgers) + " ledger entries, not " +
                std::to_string(s.report_articles.size()) + " (its reports)");
      }
    }
    for (const auto& [id, v] : events_) {
      if (v.ledgers != 1) {
        Problem("event " + id.ToHex() + ": listed by " + std::to_string(v.ledgers) +
                " ledger entries, not 1");
      }
    }
    for (const auto& [id, e] : entities_) {
      const std::string where = "entity " + id.ToHex() + " (\"" + e.value.name + "\")";
      if (e.tokens_indexed != e.tokens.size()) {
        Problem(where + ": " + std::to_string(e.tokens.size() - e.tokens_indexed) + " of its " +
                std::to_string(e.tokens.size()) + " words missing from the token index");
      }
      if (e.ledger_articles != e.value.article_count) {
        Problem(where + ": article count " + std::to_string(e.value.article_count) +
                " but the ledger lists " + std::to_string(e.ledger_articles));
      }
      if (e.ledger_statements != e.value.statement_count) {
        Problem(where + ": statement count " + std::to_string(e.value.statement_count) +
                " but the ledger lists " + std::to_string(e.ledger_statements));
      }
    }
    for (const EdgeSeen& seen : edges_) {
      const std::string where = "edge " + DescribeEdge(seen.key());
      if (!seen.mirrored) Problem(where + ": missing from in_edges");
      if (seen.ledger != seen.refcount) {
        Problem(where + ": refcount " + std::to_string(seen.refcount) + " but " +
                std::to_string(seen.ledger) + " ledger entries list it");
      }
    }
  }

  Status CheckCounters() {
    std::string raw;
    rocksdb::Status s = db_->Get(ro_, cfs_[kCfDefault], kCountersKey, &raw);
    Counters c;
    if (s.ok()) {
      if (!DecodeCounters(raw, &c)) {
        Problem("counters: value cannot be decoded");
        return Status::OK();
      }
    } else if (!s.IsNotFound()) {
      return Status::IOError("database " + dir_ + ": reading the counters: " + s.ToString());
    }
    auto compare = [&](const std::string& what, int64_t stored, uint64_t counted) {
      if (stored < 0 || static_cast<uint64_t>(stored) != counted) {
        Problem("counters: " + what + " is " + std::to_string(stored) + ", recount " +
                std::to_string(counted));
      }
    };
    compare("articles", c.articles, articles_.size());
    compare("statements", c.statements, statements_.size());
    compare("entities", c.entities, entities_.size());
    compare("events", c.events, events_.size());
    compare("edges", c.edges, edges_.size());
    if (c.has_edges_by_kind) {
      for (int k = 1; k <= kMaxEdgeKind; ++k) {
        compare("edges " + std::string(EdgeKindName(static_cast<EdgeKind>(k))), c.edges_by_kind[k],
                edges_by_kind_[k]);
      }
    }
    return Status::OK();
  }

  rocksdb::DB* db_;
  const std::vector<rocksdb::ColumnFamilyHandle*>& cfs_;
  const std::string& dir_;
  rocksdb::ReadOptions ro_;
  CheckReport report_;
  std::unordered_map<NodeId, ArticleSeen> articles_;
  std::unordered_set<NodeId> texts_;
  std::unordered_map<NodeId, StatementSeen> statements_;
  std::unordered_map<NodeId, EntitySeen> entities_;
  std::unordered_map<NodeId, EventSeen> events_;
  EdgesSeen edges_;
  std::array<uint64_t, kMaxEdgeKind + 1> edges_by_kind_{};
  SortedKeys ledger_keys_;  // the index keys present, but the 'T' ones
  std::unordered_map<std::string, uint32_t> posting_ids_;  // PostingValue -> its index
  std::vector<std::string> postings_;                      // by index
};

}  // namespace

Result<CheckReport> CheckDatabase(rocksdb::DB* db,
                                  const std::vector<rocksdb::ColumnFamilyHandle*>& cfs,
                                  const rocksdb::Snapshot* snapshot, const std::string& dir) {
  return Checker(db, cfs, snapshot, dir).Run();
}

Result<Counters> RecountEdges(rocksdb::DB* db, const std::vector<rocksdb::ColumnFamilyHandle*>& cfs,
                              const rocksdb::Snapshot* snapshot, const std::string& dir) {
  rocksdb::ReadOptions ro;
  ro.snapshot = snapshot;
  Counters c;
  std::unique_ptr<rocksdb::Iterator> it(db->NewIterator(ro, cfs[kCfOutEdges]));
  for (it->SeekToFirst(); it->Valid(); it->Next()) {
    std::optional<EdgeKey> e = ParseOutEdgeKey(View(it->key()));
    const int code = e ? static_cast<int>(e->kind) : 0;
    if (code < 1 || code > kMaxEdgeKind) {
      return Status::Corruption("database " + dir + ": malformed out_edges key " +
                                HexEncode(View(it->key())));
    }
    ++c.edges;
    ++c.edges_by_kind[code];
  }
  if (!it->status().ok()) {
    return Status::IOError("database " + dir + ": scanning out_edges: " + it->status().ToString());
  }
  return c;
}

}  // namespace parley::store
