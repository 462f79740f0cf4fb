#include "api/queries.h"

#include <algorithm>
#include <array>
#include <cstdio>
#include <deque>
#include <memory>
#include <mutex>
#include <tuple>
#include <unordered_map>
#include <utility>

#include "api/json_write.h"
#include "api/utf8.h"
#include "graph/store/key_format.h"
#include "graph/traversal.h"

namespace parley::api {

namespace {

constexpr size_t kTimelinePageSize = 1000;  // the store's largest page
constexpr size_t kNeighbourhoodExpansions = 10000;
constexpr size_t kPathExpansions = 100000;
constexpr size_t kThreadNodes = 1000;

// The first and last day a timeline date ("2025", "2025-10", "2025-10-24") covers,
// as strings that compare like dates.
std::pair<std::string, std::string> DateBounds(const std::string& date) {
  if (date.size() == 4) return {date + "-01-01", date + "-12-31"};
  if (date.size() == 7) return {date + "-01", date + "-31"};
  return {date, date};
}

// The first `max` code points of valid UTF-8 `s`, with "…" when cut.
std::string Truncate(std::string_view s, size_t max) {
  size_t i = 0, count = 0;
  while (i < s.size() && count < max) {
    size_t len = Utf8SequenceLength(s, i);
    i += len == 0 ? 1 : len;
    ++count;
  }
  if (i >= s.size()) return ToValidUtf8(s);
  return ToValidUtf8(s.substr(0, i)) + "\u2026";
}

// What a view shows of a node besides its id and hops: kind, date and label, kept
// together so that a node met again costs one lookup (not one each in the kind,
// date and label tables of the snapshot and the cache).
struct Dressing {
  NodeKind kind = NodeKind::kArticle;
  std::optional<std::string> date;
  std::string label;
  std::string gender;  // persons
};

// Process-wide, for the latest snapshot asked about: the dressing of the nodes shown,
// at most kMaxLabels of them. The server writes the store only through ingests, each
// of which makes a new snapshot, so a label read under one snapshot stays true for it.
// Shared by every worker thread, so that a node's label is read from the store once
// per snapshot, not once per thread (a per-thread cache left each thread's first pass
// over the hubs cold: those requests, reading labels one by one, were the p99 tail).
//
// Each snapshot gets an epoch when it is first met; the cache is split into kShards
// shards, each behind its own mutex and tagged with the epoch its entries belong to.
// A shard of an older epoch is emptied when a request of a newer one keeps a label in
// it; a request of an older snapshot (still running while an ingest made a new one)
// neither finds nor keeps anything in a newer shard. The snapshot is held as a
// weak_ptr: the cache never keeps an old snapshot alive, and its control block (kept
// by the weak_ptr) cannot be reused by a new snapshot, so identity is exact.
class LabelCache {
 public:
  static constexpr size_t kMaxLabels = 200000;  // ~40 MiB at most (~200 B each)

  static LabelCache& Get() {
    static LabelCache* cache = new LabelCache;  // never destroyed: worker threads may outlive main
    return *cache;
  }

  // The epoch of `g`: the current one when `g` is the latest snapshot met, else a new
  // one (`g` becomes the latest). A snapshot met again after another gets a new epoch,
  // which only empties the shards once more.
  uint64_t EpochOf(const std::shared_ptr<const graph::GraphSnapshot>& g) {
    std::lock_guard<std::mutex> lock(mu_);
    if (!snapshot_.owner_before(g) && !g.owner_before(snapshot_)) {
      return epoch_;
    }
    snapshot_ = g;
    return ++epoch_;
  }

  // Copies the dressing kept for `id` under `epoch` into `n`; false when none.
  bool Find(uint64_t epoch, NodeId id, ViewNode& n) {
    Shard& shard = ShardOf(id);
    std::lock_guard<std::mutex> lock(shard.mu);
    if (shard.epoch != epoch || shard.slots.empty()) return false;
    for (size_t i = SlotOf(id);; i = (i + 1) & (kSlots - 1)) {
      const Slot& slot = shard.slots[i];
      if (slot.id == id.value()) {
        const Dressing& d = shard.dressings[slot.index];
        n.kind = d.kind;
        n.date = d.date;
        n.label = d.label;
        n.gender = d.gender;
        return true;
      }
      if (slot.id == 0) return false;
    }
  }

  // Keeps the dressing of `n` under `epoch`, if the shard has room.
  void Keep(uint64_t epoch, const ViewNode& n) {
    if (!n.id.valid()) return;
    Shard& shard = ShardOf(n.id);
    std::lock_guard<std::mutex> lock(shard.mu);
    if (shard.epoch > epoch) return;  // a newer snapshot's shard
    if (shard.epoch < epoch) {
      if (!shard.slots.empty()) std::fill(shard.slots.begin(), shard.slots.end(), Slot{});
      shard.dressings.clear();
      shard.epoch = epoch;
    }
    if (shard.dressings.size() >= kMaxPerShard) return;
    if (shard.slots.empty()) shard.slots.resize(kSlots);
    size_t i = SlotOf(n.id);
    for (; shard.slots[i].id != 0; i = (i + 1) & (kSlots - 1)) {
      if (shard.slots[i].id == n.id.value()) return;
    }
    shard.slots[i] = {n.id.value(), static_cast<uint32_t>(shard.dressings.size())};
    shard.dressings.push_back(Dressing{n.kind, n.date, n.label, n.gender});
  }

 private:
  // The dressings of a shard are found through an open-addressing table over node ids
  // (an id is never 0, which marks a free slot), at least twice as many slots as
  // dressings: a lookup is one slot read, where a node-based hash map cost a division
  // and two or three dependent cache misses (the largest cost of a hub view, by perf).
  static constexpr size_t kShardBits = 4;
  static constexpr size_t kShards = size_t{1} << kShardBits;
  static constexpr size_t kMaxPerShard = kMaxLabels / kShards;
  static constexpr size_t kSlotBits = 15;
  static constexpr size_t kSlots = size_t{1} << kSlotBits;  // 512 KiB a shard, 8 MiB in all
  static_assert(kSlots >= 2 * kMaxPerShard);
  struct Slot {
    uint64_t id = 0;
    uint32_t index = 0;  // into dressings
  };
  // Aligned so that two shards' mutexes never share a cache line.
  struct alignas(64) Shard {
    std::mutex mu;
    uint64_t epoch = 0;
    std::vector<Slot> slots;  // empty until the first label is kept
    std::vector<Dressing> dressings;
  };
  // The shard from the hash's top bits, the slot from the bits below them.
  static uint64_t Hash(NodeId id) { return id.value() * 0x9E3779B97F4A7C15ull; }
  Shard& ShardOf(NodeId id) { return shards_[Hash(id) >> (64 - kShardBits)]; }
  static size_t SlotOf(NodeId id) {
    return static_cast<size_t>((Hash(id) << kShardBits) >> (64 - kSlotBits));
  }

  std::mutex mu_;
  std::weak_ptr<const graph::GraphSnapshot> snapshot_;
  uint64_t epoch_ = 0;
  std::array<Shard, kShards> shards_;
};

// Per thread, for the snapshot of the last request: the outgoing edges of each hub
// (a vertex with at least kMinDegree of them) met so far, as sorted (target, kind)
// keys, so the edges from a hub into a view are found by binary search per view node
// instead of reading every edge of the hub on every request. The snapshot is held
// (a shared_ptr), so a new snapshot can never be mistaken for the cached one; a new
// one empties the cache. At most kMaxEntries keys per thread. The labels of the nodes
// shown are kept process-wide, in the LabelCache, under `label_epoch_`, and copied
// into a per-thread table of at most kMaxLabels as they are met.
class HubAdjacencyCache {
 public:
  static constexpr size_t kMinDegree = 256;
  static constexpr size_t kMaxEntries = size_t{1} << 21;  // 16 MiB of keys per thread

  static HubAdjacencyCache& ForThread() {
    thread_local HubAdjacencyCache cache;
    return cache;
  }

  // Points the cache at `g`, emptying it when `g` is another snapshot.
  void Use(const std::shared_ptr<const graph::GraphSnapshot>& g) {
    label_epoch_ = LabelCache::Get().EpochOf(g);
    if (snapshot_ == g) return;
    snapshot_ = g;
    out_.clear();
    hubs_.clear();
    entries_ = 0;
    if (!label_slots_.empty()) std::fill(label_slots_.begin(), label_slots_.end(), LabelSlot{});
    dressings_.clear();
  }

  // Copies the dressing kept for `id` into `n`: from this thread's copy, else from the
  // shared LabelCache (then copied here); false when neither has it.
  bool Label(NodeId id, ViewNode& n) {
    if (!label_slots_.empty()) {
      for (size_t i = SlotOf(id);; i = (i + 1) & (kLabelSlots - 1)) {
        const LabelSlot& slot = label_slots_[i];
        if (slot.id == id.value()) {
          const Dressing& d = dressings_[slot.index];
          n.kind = d.kind;
          n.date = d.date;
          n.label = d.label;
          n.gender = d.gender;
          return true;
        }
        if (slot.id == 0) break;
      }
    }
    if (!LabelCache::Get().Find(label_epoch_, id, n)) return false;
    KeepHere(n);
    return true;
  }
  // Keeps the dressing of `n` (read from the store) here and in the shared LabelCache.
  void KeepLabel(const ViewNode& n) {
    LabelCache::Get().Keep(label_epoch_, n);
    KeepHere(n);
  }

  // The sorted keys of `u`'s outgoing edges, nullptr when `u` is not cached. A vertex
  // that is no kept hub (most are) is told by a search of the short sorted hub list.
  const std::vector<uint64_t>* Find(graph::Vertex u) const {
    if (!std::binary_search(hubs_.begin(), hubs_.end(), u)) return nullptr;
    auto it = out_.find(u);
    return it == out_.end() ? nullptr : &it->second;
  }

  // Reads and keeps `u`'s outgoing edges (every kind) if the budget allows.
  void Add(graph::Vertex u) {
    if (!snapshot_ || entries_ >= kMaxEntries) return;
    std::vector<uint64_t> keys;
    snapshot_->ForEachAdjacent(
        u, graph::Direction::kOut, graph::EdgeKindSet::All(),
        [&](graph::Vertex v, store::EdgeKind kind, bool) { keys.push_back(Key(v, kind)); });
    std::sort(keys.begin(), keys.end());
    entries_ += keys.size();
    if (out_.emplace(u, std::move(keys)).second) {
      hubs_.insert(std::upper_bound(hubs_.begin(), hubs_.end(), u), u);
    }
  }

  static uint64_t Key(graph::Vertex v, store::EdgeKind kind) {
    return (static_cast<uint64_t>(v) << 8) | static_cast<uint8_t>(kind);
  }

 private:
  // This thread's copy of the labels it met, so that a warm lookup takes no lock and
  // reads no cache line another core writes: an open-addressing table over node ids
  // (an id is never 0, which marks a free slot), twice as many slots as dressings.
  static constexpr size_t kMaxLabels = 50000;
  static constexpr size_t kLabelSlotBits = 17;
  static constexpr size_t kLabelSlots = size_t{1} << kLabelSlotBits;  // 2 MiB a thread
  static_assert(kLabelSlots >= 2 * kMaxLabels);
  struct LabelSlot {
    uint64_t id = 0;
    uint32_t index = 0;  // into dressings_
  };
  static size_t SlotOf(NodeId id) {
    return static_cast<size_t>((id.value() * 0x9E3779B97F4A7C15ull) >> (64 - kLabelSlotBits));
  }
  void KeepHere(const ViewNode& n) {
    if (dressings_.size() >= kMaxLabels || !n.id.valid()) return;
    if (label_slots_.empty()) label_slots_.resize(kLabelSlots);
    size_t i = SlotOf(n.id);
    for (; label_slots_[i].id != 0; i = (i + 1) & (kLabelSlots - 1)) {
      if (label_slots_[i].id == n.id.value()) return;
    }
    label_slots_[i] = {n.id.value(), static_cast<uint32_t>(dressings_.size())};
    dressings_.push_back(Dressing{n.kind, n.date, n.label, n.gender});
  }

  uint64_t label_epoch_ = 0;  // of snapshot_ in the LabelCache
  std::vector<LabelSlot> label_slots_;  // empty until the first label is kept
  std::vector<Dressing> dressings_;
  std::shared_ptr<const graph::GraphSnapshot> snapshot_;
  std::unordered_map<graph::Vertex, std::vector<uint64_t>> out_;
  std::vector<graph::Vertex> hubs_;  // the keys of out_, sorted
  size_t entries_ = 0;
};

// Fills label and date of each node from the store and the snapshot. With a
// `deadline`, checked before each node after the first: when it has passed, the
// nodes not yet dressed are dropped (nodes keep their order, so what remains is a
// prefix).
// `vertices`, when given, holds the vertex of each node (VertexOf is not asked again).
Status Dress(store::Store& store, const graph::GraphSnapshot& g, std::vector<ViewNode>& nodes,
             HubAdjacencyCache* cache = nullptr, const graph::Deadline* deadline = nullptr,
             const std::vector<graph::Vertex>* vertices = nullptr) {
  for (size_t i = 0; i < nodes.size(); ++i) {
    if (i > 0 && deadline != nullptr && deadline->IsSet() && deadline->Expired()) {
      nodes.resize(i);
      break;
    }
    ViewNode& n = nodes[i];
    if (cache != nullptr && cache->Label(n.id, n)) continue;
    if (auto v = vertices ? std::optional<graph::Vertex>((*vertices)[i]) : g.VertexOf(n.id)) {
      n.kind = g.KindOf(*v);
      n.date = FormatGraphDate(g.DateOf(*v));
    }
    n.label.clear();
    n.gender.clear();
    switch (n.kind) {
      case NodeKind::kPerson:
      case NodeKind::kCountry:
      case NodeKind::kOrganization: {
        auto e = store.GetEntity(n.id);
        if (e.ok()) {
          n.label = e->name;
          n.gender = e->gender;
        } else if (!e.status().IsNotFound()) {
          return e.status();
        }
        break;
      }
      case NodeKind::kStatement: {
        auto s = store.GetStatement(n.id);
        if (s.ok()) {
          n.label = Truncate(s->text, kLabelChars);
        } else if (!s.status().IsNotFound()) {
          return s.status();
        }
        break;
      }
      case NodeKind::kArticle: {
        auto a = store.GetArticle(n.id);
        if (a.ok()) {
          n.label = a->title.empty() ? a->external_id : a->title;
        } else if (!a.status().IsNotFound()) {
          return a.status();
        }
        break;
      }
      case NodeKind::kEvent:
        n.label = "event";  // the store keeps no event record to read a name from
        break;
    }
    if (n.label.empty()) n.label = n.id.ToHex();
    if (cache != nullptr) cache->KeepLabel(n);
  }
  return Status::OK();
}

// Per-thread marks of the vertices in a view, stamped with an epoch so that a
// request never clears (or allocates) an array over every vertex: membership is one
// array read, where a hash set cost a hash and a bucket walk per edge scanned.
struct ViewMarks {
  std::vector<uint32_t> stamp;
  uint32_t epoch = 0;

  void Begin(size_t vertices) {
    if (stamp.size() < vertices) stamp.resize(vertices, 0);
    if (++epoch == 0) {  // wrapped: an old stamp could equal the new epoch
      std::fill(stamp.begin(), stamp.end(), 0);
      epoch = 1;
    }
  }
  // False when `v` was already marked in this epoch.
  bool Mark(graph::Vertex v) {
    if (stamp[v] == epoch) return false;
    stamp[v] = epoch;
    return true;
  }
  bool Marked(graph::Vertex v) const { return v < stamp.size() && stamp[v] == epoch; }
};


// The edges of `g` between the view's nodes, of the kinds in `kinds`. A node's
// outgoing edges are read and checked against the view's marks in O(1) each; with a
// `cache` (for `g`), a hub's are looked up per view node instead, once the hub has
// been read on this thread.
// `vertices`, when given, holds the vertex of each node of the view, in its order.
void AddInducedEdges(const graph::GraphSnapshot& g, graph::EdgeKindSet kinds, GraphView& view,
                     HubAdjacencyCache* cache = nullptr,
                     const std::vector<graph::Vertex>* vertices = nullptr) {
  thread_local ViewMarks marks;
  marks.Begin(g.VertexCount());
  std::vector<graph::Vertex> order;
  order.reserve(view.nodes.size());
  for (size_t i = 0; i < view.nodes.size(); ++i) {
    auto v = vertices ? std::optional<graph::Vertex>((*vertices)[i]) : g.VertexOf(view.nodes[i].id);
    if (v && marks.Mark(*v)) order.push_back(*v);
  }
  auto add = [&](NodeId source, store::EdgeKind kind, graph::Vertex target) {
    if (view.edges.size() == kMaxViewEdges) {
      view.truncated = true;
      return;
    }
    view.edges.push_back({source, kind, g.IdOf(target)});
  };
  for (graph::Vertex u : order) {
    const NodeId source = g.IdOf(u);
    if (const std::vector<uint64_t>* keys = cache ? cache->Find(u) : nullptr) {
      for (graph::Vertex v : order) {
        auto it = std::lower_bound(keys->begin(), keys->end(), HubAdjacencyCache::Key(v, {}));
        for (; it != keys->end() && (*it >> 8) == v; ++it) {
          const auto kind = static_cast<store::EdgeKind>(*it & 0xff);
          if (kinds.Contains(kind)) add(source, kind, v);
        }
      }
      continue;
    }
    size_t degree = 0;
    g.ForEachAdjacent(u, graph::Direction::kOut, kinds,
                      [&](graph::Vertex v, store::EdgeKind kind, bool /*outgoing*/) {
                        ++degree;
                        if (marks.Marked(v)) add(source, kind, v);
                      });
    if (cache != nullptr && degree >= HubAdjacencyCache::kMinDegree) cache->Add(u);
  }
  // The same graph gives the same bytes whether its snapshot is a fresh build or a
  // base plus delta (whose adjacency orders differ).
  std::sort(view.edges.begin(), view.edges.end(), [](const ViewEdge& a, const ViewEdge& b) {
    return std::tuple(a.source, a.kind, a.target) < std::tuple(b.source, b.kind, b.target);
  });
}

// Nodes by hops (the start first), then by id: an order independent of the snapshot.
void SortNodes(GraphView& view) {
  std::stable_sort(view.nodes.begin(), view.nodes.end(), [](const ViewNode& a, const ViewNode& b) {
    return std::pair(a.hops, a.id) < std::pair(b.hops, b.id);
  });
}

Status NotInGraph(const Status& status, std::string_view what, NodeId id) {
  if (status.IsNotFound()) {
    return Status::NotFound("no " + std::string(what) + " " + id.ToHex() + " in the graph");
  }
  return status;
}

}  // namespace

// ---------------------------------------------------------------------------
// Timelines

Status ParseActParam(std::string_view name, std::string_view value, ActFilter* filter) {
  const bool polarity = name == "polarity";
  const char* yes = polarity ? "negative" : "true";
  const char* no = polarity ? "positive" : "false";
  if (value != yes && value != no) {
    return Status::InvalidArgument(std::string(name) + " must be " + no + " or " + yes +
                                   ", not \"" + std::string(value.substr(0, 40)) + "\"");
  }
  (polarity ? filter->negative : filter->hedged) = value == yes;
  return Status::OK();
}

Result<TimelineData> CollectTimeline(store::Store& store, const TimelineRequest& request) {
  TimelineData data;
  for (auto [id, out] :
       {std::pair{request.speaker, &data.speaker}, std::pair{request.entity, &data.entity}}) {
    if (!id.valid()) continue;
    auto entity = store.GetEntity(id);
    if (!entity.ok()) {
      if (entity.status().IsNotFound()) return Status::NotFound("no entity " + id.ToHex());
      return entity.status();
    }
    *out = std::move(*entity);
  }
  std::vector<std::string> words;
  if (!request.q.empty()) {
    words = store::SearchTokens(request.q);
    if (words.empty()) return Status::InvalidArgument("q has no word to look for");
  }
  if (!data.speaker && !data.entity && words.empty()) {
    return Status::InvalidArgument("a timeline needs a speaker, an entity or q");
  }
  data.q = request.q;
  data.act = request.act;
  data.from = request.from;
  data.to = request.to;

  // The store gives statements newest utterance first, undated last: keep the first
  // `limit` that fall in the window, then look for one more to know whether the answer
  // is cut.
  size_t scanned = 0;
  store::StatementQuery query;
  query.speaker = request.speaker;
  query.mentioned = request.entity;
  query.limit = kTimelinePageSize;
  const bool by_speaker_only = !request.entity.valid() && words.empty();
  bool done = false;
  while (!done) {
    auto page = by_speaker_only ? store.StatementsBySpeaker(query) : store.FindStatements(query);
    if (!page.ok()) return page.status();
    for (auto& s : page->items) {
      ++scanned;
      if (!request.act.Matches(s)) continue;
      if (!words.empty()) {
        const std::vector<std::string> tokens = store::SearchTokens(s.text);
        bool all = true;
        for (const std::string& w : words) {
          all = all && std::find(tokens.begin(), tokens.end(), w) != tokens.end();
        }
        if (!all) continue;
      }
      std::optional<std::string> date = TimelineDate(s);
      bool in_window = true;
      if (request.from || request.to) {
        if (!date) {
          in_window = false;
        } else {
          auto [first, last] = DateBounds(*date);
          in_window =
              (!request.from || last >= *request.from) && (!request.to || first <= *request.to);
        }
      }
      if (!in_window) continue;
      if (data.items.size() == request.limit) {
        data.truncated = done = true;
        break;
      }
      data.items.push_back(std::move(s));
    }
    if (done || page->next_cursor.empty()) break;
    if (scanned >= request.max_scan) {
      data.truncated = true;
      break;
    }
    query.cursor = page->next_cursor;
  }
  SortForTimeline(data.items);

  for (const auto& s : data.items) {
    if (!s.article_id.valid() || data.outlets.count(s.article_id)) continue;
    auto article = store.GetArticle(s.article_id);
    if (article.ok()) {
      data.outlets[s.article_id] = article->outlets;
    } else if (article.status().IsNotFound()) {
      data.outlets[s.article_id] = {};  // removed meanwhile: no outlets to show
    } else {
      return article.status();
    }
  }
  return data;
}

Result<Rendered> RenderTimeline(const TimelineData& data, std::string_view format) {
  TimelineTitle title;
  if (data.speaker) {
    title.headline = data.speaker->name;
    if (data.entity) title.headline += " on " + data.entity->name;
  } else if (data.entity) {
    title.headline = "About " + data.entity->name;
  }
  if (!data.q.empty()) {
    title.headline +=
        (title.headline.empty() ? "" : ": ") + std::string("\u201c") + data.q + "\u201d";
  }
  // "Negative, hedged statements from ...": the act filters, then the window.
  std::string what;
  if (data.act.negative) what = *data.act.negative ? "Negative" : "Positive";
  if (data.act.hedged) {
    const bool first = what.empty();
    what += *data.act.hedged ? (first ? "Hedged" : ", hedged") : (first ? "Unhedged" : ", unhedged");
  }
  what += what.empty() ? "Statements" : " statements";
  if (data.from && data.to) {
    title.text = what + " from " + *data.from + " to " + *data.to;
  } else if (data.from) {
    title.text = what + " from " + *data.from;
  } else if (data.to) {
    title.text = what + " up to " + *data.to;
  } else {
    title.text = what;
  }
  title.text += " (" + std::to_string(data.items.size()) + (data.truncated ? ", truncated)" : ")");

  Rendered out;
  if (format == "csv") {
    out.content_type = "text/csv; charset=utf-8";
    out.body = TimelineToCsv(data.items, data.outlets);
  } else if (format == "md") {
    out.content_type = "text/markdown; charset=utf-8";
    out.body = TimelineToMarkdown(data.items, title, data.outlets);
  } else if (format == "timelinejs") {
    out.content_type = "application/json; charset=utf-8";
    out.body = TimelineToTimelineJs(data.items, title, data.outlets);
  } else if (format == "json") {
    rapidjson::StringBuffer buffer;
    JsonWriter w(buffer);
    w.StartObject();
    Key(w, "speaker");
    if (data.speaker) {
      WriteEntitySummary(w, *data.speaker);
    } else {
      w.Null();
    }
    Key(w, "entity");
    if (data.entity) {
      WriteEntitySummary(w, *data.entity);
    } else {
      w.Null();
    }
    Key(w, "q");
    if (data.q.empty()) {
      w.Null();
    } else {
      Str(w, data.q);
    }
    Key(w, "polarity");
    if (data.act.negative) {
      Str(w, *data.act.negative ? "negative" : "positive");
    } else {
      w.Null();
    }
    Key(w, "hedged");
    if (data.act.hedged) {
      w.Bool(*data.act.hedged);
    } else {
      w.Null();
    }
    Key(w, "from");
    OptStr(w, data.from);
    Key(w, "to");
    OptStr(w, data.to);
    Key(w, "count");
    w.Uint64(data.items.size());
    Key(w, "truncated");
    w.Bool(data.truncated);
    Key(w, "items");
    w.StartArray();
    for (const auto& s : data.items) WriteStatement(w, s);
    w.EndArray();
    w.EndObject();
    out.content_type = "application/json; charset=utf-8";
    out.body.assign(buffer.GetString(), buffer.GetSize());
  } else {
    return Status::InvalidArgument("format must be json, csv, md or timelinejs");
  }
  return out;
}

// ---------------------------------------------------------------------------
// Graph views

namespace {

Result<GraphView> NeighbourhoodViewImpl(store::Store& store, const graph::GraphSnapshot& g,
                                        const NeighbourhoodRequest& request,
                                        HubAdjacencyCache* cache) {
  if (request.depth < 1 || request.depth > kMaxViewDepth) {
    return Status::InvalidArgument("depth must be an integer from 1 to " +
                                   std::to_string(kMaxViewDepth));
  }
  if (request.limit < 1 || request.limit > kMaxViewNodes) {
    return Status::InvalidArgument("limit must be an integer from 1 to " +
                                   std::to_string(kMaxViewNodes));
  }
  if (request.offset + request.limit > kMaxNeighbourhoodReach) {
    return Status::InvalidArgument("a neighbourhood pages through its first " +
                                   std::to_string(kMaxNeighbourhoodReach) + " nodes at most");
  }
  graph::NeighbourhoodQuery q;
  q.start = request.node;
  q.hops = request.depth;
  q.kinds = request.kinds;
  q.date_from = request.date_from;
  q.date_to = request.date_to;
  q.max_expansions = kNeighbourhoodExpansions;
  q.max_results = request.offset + request.limit;
  q.deadline = request.deadline;
  auto reached = graph::KHopNeighbourhood(g, q);
  if (!reached.ok()) return NotInGraph(reached.status(), "node", request.node);

  // The page, in traversal order, so that a page cut by the deadline is a prefix of
  // it and the next one starts where it stopped.
  GraphView view;
  std::vector<graph::Vertex> vertices;  // of view.nodes, looked up once
  view.nodes.reserve(reached->nodes.size() - std::min(request.offset, reached->nodes.size()) + 1);
  vertices.reserve(view.nodes.capacity());
  view.nodes.push_back(ViewNode{request.node, NodeKind::kArticle, "", std::nullopt, 0, ""});
  vertices.push_back(*g.VertexOf(request.node));  // the traversal found it
  for (size_t i = request.offset; i < reached->nodes.size(); ++i) {
    const graph::Reached& r = reached->nodes[i];
    view.nodes.push_back(ViewNode{r.id, NodeKind::kArticle, "", std::nullopt, r.hops, ""});
    vertices.push_back(*g.VertexOf(r.id));
  }
  const size_t found = view.nodes.size() - 1;
  PARLEY_RETURN_IF_ERROR(Dress(store, g, view.nodes, cache, &request.deadline, &vertices));
  const size_t shown = view.nodes.size() - 1;
  vertices.resize(view.nodes.size());
  const size_t next = request.offset + shown;
  if (reached->truncation == graph::Truncation::kDeadline || shown < found) {
    view.truncated = true;
    view.truncated_reason = "deadline";
    view.next_offset = next;
  } else if (reached->truncation == graph::Truncation::kResults) {
    view.truncated = true;
    // A full page with more behind it; past the reach, no further page is served.
    if (next < kMaxNeighbourhoodReach) {
      view.truncated_reason = "limit";
      view.next_offset = next;
    } else {
      view.truncated_reason = "cap";
    }
  } else if (reached->truncated) {
    view.truncated = true;
    view.truncated_reason = "cap";
  }
  // Nodes by hops, then id (SortNodes), their vertices alongside.
  std::vector<size_t> by_order(view.nodes.size());
  for (size_t i = 0; i < by_order.size(); ++i) by_order[i] = i;
  std::stable_sort(by_order.begin(), by_order.end(), [&](size_t a, size_t b) {
    return std::pair(view.nodes[a].hops, view.nodes[a].id) <
           std::pair(view.nodes[b].hops, view.nodes[b].id);
  });
  std::vector<ViewNode> sorted_nodes;
  std::vector<graph::Vertex> sorted_vertices;
  sorted_nodes.reserve(by_order.size());
  sorted_vertices.reserve(by_order.size());
  for (size_t i : by_order) {
    sorted_nodes.push_back(std::move(view.nodes[i]));
    sorted_vertices.push_back(vertices[i]);
  }
  view.nodes = std::move(sorted_nodes);
  AddInducedEdges(g, request.kinds, view, cache, &sorted_vertices);
  if (view.truncated && view.truncated_reason.empty()) view.truncated_reason = "cap";  // edges
  return view;
}

}  // namespace

Result<GraphView> NeighbourhoodView(store::Store& store, const graph::GraphSnapshot& g,
                                    const NeighbourhoodRequest& request) {
  return NeighbourhoodViewImpl(store, g, request, nullptr);
}

Result<GraphView> NeighbourhoodView(store::Store& store,
                                    const std::shared_ptr<const graph::GraphSnapshot>& g,
                                    const NeighbourhoodRequest& request) {
  HubAdjacencyCache& cache = HubAdjacencyCache::ForThread();
  cache.Use(g);
  return NeighbourhoodViewImpl(store, *g, request, &cache);
}

Result<GraphView> PathView(store::Store& store, const graph::GraphSnapshot& g, NodeId from,
                           NodeId to, int max_hops, const graph::Deadline& deadline) {
  if (max_hops < 1 || max_hops > graph::kMaxHops) {
    return Status::InvalidArgument("max_hops must be an integer from 1 to " +
                                   std::to_string(graph::kMaxHops));
  }
  graph::PathQuery q;
  q.from = from;
  q.to = to;
  q.max_hops = max_hops;
  q.max_expansions = kPathExpansions;
  q.deadline = deadline;
  auto found = graph::ShortestPath(g, q);
  if (!found.ok()) {
    if (found.status().IsNotFound()) {
      NodeId missing = g.VertexOf(from) ? to : from;
      return Status::NotFound("no node " + missing.ToHex() + " in the graph");
    }
    return found.status();
  }
  if (found->truncation == graph::Truncation::kDeadline) {
    return Status::Unavailable("the path search passed the request's deadline before it ended");
  }
  GraphView view;
  view.truncated = found->truncated;
  if (view.truncated) view.truncated_reason = "cap";
  if (!found->path) return view;
  int hops = 0;
  for (NodeId id : found->path->nodes) {
    view.nodes.push_back(ViewNode{id, NodeKind::kArticle, "", std::nullopt, hops++, ""});
  }
  for (const graph::PathStep& step : found->path->steps) {
    view.edges.push_back({step.src, step.kind, step.dst});
  }
  PARLEY_RETURN_IF_ERROR(Dress(store, g, view.nodes));
  return view;
}

Result<GraphView> ThreadView(store::Store& store, const graph::GraphSnapshot& g, NodeId statement,
                             const graph::Deadline& deadline) {
  auto v = g.VertexOf(statement);
  if (!v) return Status::NotFound("no statement " + statement.ToHex() + " in the graph");
  if (g.KindOf(*v) != NodeKind::kStatement) {
    return Status::InvalidArgument("node " + statement.ToHex() + " is a " +
                                   std::string(NodeKindName(g.KindOf(*v))) + ", not a statement");
  }
  auto thread = graph::ResponseThreadOf(g, statement, kThreadNodes, deadline);
  if (!thread.ok()) return NotInGraph(thread.status(), "statement", statement);

  GraphView view;
  view.truncated = thread->truncated;
  if (view.truncated) {
    view.truncated_reason =
        thread->truncation == graph::Truncation::kDeadline ? "deadline" : "cap";
  }
  view.nodes.push_back(ViewNode{statement, NodeKind::kStatement, "", std::nullopt, 0, ""});
  for (const auto* list : {&thread->answers, &thread->responses}) {
    for (NodeId id : *list) {
      if (id == statement) continue;
      view.nodes.push_back(ViewNode{id, NodeKind::kStatement, "", std::nullopt, -1, ""});
    }
  }
  AddInducedEdges(g, graph::EdgeKindSet::Of({store::EdgeKind::kRespondedTo}), view);
  if (view.truncated && view.truncated_reason.empty()) view.truncated_reason = "cap";  // edges

  // Hops along the thread, either way, from the statement.
  std::unordered_map<NodeId, std::vector<NodeId>> adjacent;
  for (const ViewEdge& e : view.edges) {
    adjacent[e.source].push_back(e.target);
    adjacent[e.target].push_back(e.source);
  }
  std::unordered_map<NodeId, int> hops = {{statement, 0}};
  std::deque<NodeId> queue = {statement};
  while (!queue.empty()) {
    NodeId at = queue.front();
    queue.pop_front();
    for (NodeId next : adjacent[at]) {
      if (hops.emplace(next, hops[at] + 1).second) queue.push_back(next);
    }
  }
  for (ViewNode& n : view.nodes) {
    auto it = hops.find(n.id);
    n.hops = it == hops.end() ? 0 : it->second;
  }
  SortNodes(view);
  PARLEY_RETURN_IF_ERROR(Dress(store, g, view.nodes));
  return view;
}

std::vector<NodeId> Adjacent(const graph::GraphSnapshot& g, NodeId node, store::EdgeKind kind,
                             bool outgoing) {
  std::vector<NodeId> out;
  auto v = g.VertexOf(node);
  if (!v) return out;
  g.ForEachAdjacent(*v, outgoing ? graph::Direction::kOut : graph::Direction::kIn,
                    graph::EdgeKindSet::Of({kind}),
                    [&](graph::Vertex u, store::EdgeKind, bool) { out.push_back(g.IdOf(u)); });
  return out;
}

// ---------------------------------------------------------------------------
// Parsers

Result<graph::EdgeKindSet> ParseEdgeKinds(std::string_view list) {
  if (list.empty() || list == "all") return graph::EdgeKindSet::All();
  std::vector<store::EdgeKind> kinds;
  size_t start = 0;
  while (start <= list.size()) {
    size_t comma = list.find(',', start);
    if (comma == std::string_view::npos) comma = list.size();
    std::string_view name = list.substr(start, comma - start);
    while (!name.empty() && name.front() == ' ') name.remove_prefix(1);
    while (!name.empty() && name.back() == ' ') name.remove_suffix(1);
    auto kind = store::EdgeKindFromName(name);
    if (!kind) {
      bool printable = IsValidUtf8(name) && !HasControlCharacter(name) && name.size() <= 64;
      return Status::InvalidArgument((name.empty() ? std::string("an empty edge kind")
                                      : printable
                                          ? "unknown edge kind \"" + std::string(name) + "\""
                                          : std::string("an unknown edge kind")) +
                                     " (known: " + store::KnownEdgeKindNames() + ")");
    }
    kinds.push_back(*kind);
    start = comma + 1;
  }
  // EdgeKindSet is built from a list only: pad the distinct kinds to the 14 slots
  // with repeats of the first (a set ignores them).
  static_assert(store::kMaxEdgeKind == 14, "ParseEdgeKinds lists 14 slots");
  std::sort(kinds.begin(), kinds.end());
  kinds.erase(std::unique(kinds.begin(), kinds.end()), kinds.end());
  std::array<store::EdgeKind, 14> k;
  for (size_t i = 0; i < k.size(); ++i) k[i] = i < kinds.size() ? kinds[i] : kinds[0];
  return graph::EdgeKindSet::Of(
      {k[0], k[1], k[2], k[3], k[4], k[5], k[6], k[7], k[8], k[9], k[10], k[11], k[12], k[13]});
}

Result<uint32_t> ParseGraphDate(std::string_view day) {
  std::optional<std::string> normal = day.size() == 10 ? NormalizeDate(day) : std::nullopt;
  if (!normal || *normal != day) {
    return Status::InvalidArgument("a date must be YYYY-MM-DD");
  }
  auto num = [&](size_t at, size_t len) {
    uint32_t v = 0;
    for (size_t i = at; i < at + len; ++i) v = v * 10 + static_cast<uint32_t>(day[i] - '0');
    return v;
  };
  return num(0, 4) * 10000 + num(5, 2) * 100 + num(8, 2);
}

std::optional<std::string> FormatGraphDate(uint32_t d) {
  if (d == 0) return std::nullopt;
  const uint32_t year = d / 10000 % 10000, month = d / 100 % 100, day = d % 100;
  // By hand, not snprintf: a view formats a date for each of its nodes.
  char buf[10] = {static_cast<char>('0' + year / 1000), static_cast<char>('0' + year / 100 % 10),
                  static_cast<char>('0' + year / 10 % 10), static_cast<char>('0' + year % 10),
                  '-', static_cast<char>('0' + month / 10), static_cast<char>('0' + month % 10),
                  '-', static_cast<char>('0' + day / 10), static_cast<char>('0' + day % 10)};
  return std::string(buf, month == 0 ? 4 : day == 0 ? 7 : 10);
}

// ---------------------------------------------------------------------------
// Graph export

Subgraph ToSubgraph(const GraphView& view) {
  Subgraph out;
  out.nodes.reserve(view.nodes.size());
  for (const ViewNode& n : view.nodes) {
    Subgraph::Node node;
    node.id = n.id.ToHex();
    node.kind = std::string(NodeKindName(n.kind));
    node.label = n.label;
    node.date = n.date;
    node.attrs["hops"] = std::to_string(n.hops);
    if (!n.gender.empty()) node.attrs["gender"] = n.gender;
    out.nodes.push_back(std::move(node));
  }
  out.edges.reserve(view.edges.size());
  for (const ViewEdge& e : view.edges) {
    out.edges.push_back(Subgraph::Edge{e.source.ToHex(), e.target.ToHex(),
                                       std::string(store::EdgeKindName(e.kind)), std::nullopt});
  }
  return out;
}

Result<Rendered> ExportGraphView(const GraphView& view, std::string_view format) {
  Subgraph graph = ToSubgraph(view);
  Rendered out;
  Result<std::string> body =
      Status::InvalidArgument("format must be graphml, gexf, cytoscape or dot");
  if (format == "graphml") {
    out.content_type = "application/graphml+xml; charset=utf-8";
    body = SubgraphToGraphMl(graph);
  } else if (format == "gexf") {
    out.content_type = "application/gexf+xml; charset=utf-8";
    body = SubgraphToGexf(graph);
  } else if (format == "cytoscape") {
    out.content_type = "application/json; charset=utf-8";
    body = SubgraphToCytoscapeJson(graph);
  } else if (format == "dot") {
    out.content_type = "text/vnd.graphviz; charset=utf-8";
    body = SubgraphToDot(graph);
  }
  if (!body.ok()) return body.status();
  out.body = std::move(*body);
  return out;
}

}  // namespace parley::api
