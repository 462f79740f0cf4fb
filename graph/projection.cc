// The CSR base of a snapshot is two Boost.Graph compressed_sparse_row_graphs over the
// same dense vertex numbering (vertex = rank of the NodeId among all ids, so the
// store's out_edges order is already CSR order): one of out-edges, one of in-edges,
// each edge carrying its kind (about 10 bytes per edge for both directions together).
// Out-edge rows are sorted by (kind, target), so a long row can be searched instead
// of scanned (ForEachEdgeAmong). A directory over the ids' top bits makes VertexOf
// one bucket search. The delta is small hash maps keyed by vertex; a change copies
// the delta, never the base. At 1M statements (1.4M vertices, 5M edges) the base
// holds 84 MB (docs/BENCHMARKS.md, "At 1M statements").
#include "graph/projection.h"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <string_view>
#include <boost/graph/compressed_sparse_row_graph.hpp>
#include <boost/range/iterator_range.hpp>
#include <functional>
#include <thread>
#include <tuple>
#include <unordered_map>
#include <unordered_set>
#include <utility>

#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace parley::graph {

namespace {

struct EdgeProp {
  EdgeKind kind = EdgeKind::kSaid;
};

using Csr = boost::compressed_sparse_row_graph<boost::directedS, boost::no_property, EdgeProp,
                                               boost::no_property, Vertex, Vertex>;

struct Adj {
  Vertex v;
  EdgeKind kind;
  bool operator==(const Adj&) const = default;
};

struct Triple {
  Vertex src;
  EdgeKind kind;
  Vertex dst;
  bool operator==(const Triple&) const = default;
};

struct TripleHash {
  size_t operator()(const Triple& t) const noexcept {
    uint64_t h = (static_cast<uint64_t>(t.src) << 32) ^ t.dst;
    h ^= static_cast<uint64_t>(t.kind) << 56;
    return std::hash<uint64_t>()(h * 0x9e3779b97f4a7c15ULL);
  }
};

constexpr NodeKind kUnknownKind = static_cast<NodeKind>(0);
// Vertex and edge counts a saved projection may claim (Vertex is 32 bits).
constexpr uint64_t kNoSavedLimit = uint64_t{1} << 32;

}  // namespace

struct GraphSnapshot::Base {
  std::vector<NodeId> ids;  // sorted; the index is the Vertex
  std::vector<NodeKind> kinds;
  std::vector<uint32_t> dates;
  Csr out;
  Csr in;
  size_t edges = 0;
  // Ids are hashes, spread evenly over 64 bits: `directory[b]` is the first vertex
  // whose id has b as its top bits, so Find reads one directory entry and searches
  // a bucket of about two ids (instead of ~20 probes of a binary search over all).
  // Skewed ids (small test ids) only make the buckets larger; Find stays exact.
  std::vector<Vertex> directory;  // buckets + 1 entries
  int shift = 64;                 // id >> shift is the bucket

  void BuildDirectory() {
    int bits = 0;
    while (bits < 24 && (size_t{1} << bits) < ids.size() / 2) ++bits;
    shift = 64 - bits;
    const size_t buckets = size_t{1} << bits;
    directory.assign(buckets + 1, 0);
    size_t i = 0;
    for (size_t b = 0; b < buckets; ++b) {
      directory[b] = static_cast<Vertex>(i);
      while (i < ids.size() && Bucket(ids[i]) == b) ++i;
    }
    directory[buckets] = static_cast<Vertex>(ids.size());
  }
  size_t Bucket(NodeId id) const { return shift >= 64 ? 0 : id.value() >> shift; }

  std::optional<Vertex> Find(NodeId id) const {
    const size_t b = Bucket(id);
    auto first = ids.begin() + directory[b], last = ids.begin() + directory[b + 1];
    auto it = std::lower_bound(first, last, id);
    if (it == last || *it != id) return std::nullopt;
    return static_cast<Vertex>(it - ids.begin());
  }
  bool HasEdge(Vertex src, EdgeKind kind, Vertex dst) const {
    if (src >= ids.size() || dst >= ids.size()) return false;
    for (auto e : boost::make_iterator_range(boost::out_edges(src, out))) {
      if (boost::target(e, out) == dst && out[e].kind == kind) return true;
    }
    return false;
  }
};

struct GraphSnapshot::Delta {
  std::vector<NodeId> ids;  // vertices base.ids.size() + i
  std::vector<NodeKind> kinds;
  std::vector<uint32_t> dates;
  std::unordered_map<NodeId, Vertex> index;
  // Attributes of base vertices rewritten since the build (a re-extracted statement).
  std::unordered_map<Vertex, std::pair<NodeKind, uint32_t>> overrides;
  std::unordered_map<Vertex, std::vector<Adj>> out, in;  // added edges
  std::unordered_set<Triple, TripleHash> removed;        // retracted base edges
  // How many edges of `removed` leave / enter each vertex (for Degree()).
  std::unordered_map<Vertex, uint32_t> removed_out, removed_in;
  size_t added = 0;

  size_t MemoryBytes() const {
    size_t bytes = ids.capacity() * (sizeof(NodeId) + sizeof(NodeKind) + sizeof(uint32_t));
    bytes += index.size() * (sizeof(NodeId) + sizeof(Vertex) + 16);
    bytes += overrides.size() * 32;
    for (const auto* m : {&out, &in}) {
      for (const auto& [v, list] : *m) bytes += 48 + list.capacity() * sizeof(Adj);
    }
    bytes += removed.size() * (sizeof(Triple) + 16);
    bytes += (removed_out.size() + removed_in.size()) * (2 * sizeof(uint32_t) + 16);
    return bytes;
  }
};

namespace {

// The edges as read, before the vertices are numbered: sources run-length coded
// (the store lists edges by source), so about 9 bytes an edge.
struct ReadEdges {
  std::vector<std::pair<NodeId, uint32_t>> sources;  // a source and how many edges follow
  std::vector<NodeId> targets;
  std::vector<EdgeKind> kinds;
  Status status;
};

void ReadAllEdges(store::EdgeIterator& edges, ReadEdges* out) {
  for (; edges.Valid(); edges.Next()) {
    const store::EdgeRecord& e = edges.edge();
    if (out->sources.empty() || out->sources.back().first != e.src) {
      out->sources.emplace_back(e.src, 0);
    }
    ++out->sources.back().second;
    out->targets.push_back(e.dst);
    out->kinds.push_back(e.kind);
  }
  out->status = edges.status();
}

}  // namespace

Result<std::shared_ptr<const GraphSnapshot>> GraphSnapshot::Build(store::NodeIterator& nodes,
                                                                  store::EdgeIterator& edges) {
  // Time: the two scans run at once (the edges on a second thread); the node scan,
  // which decodes every record, is the longer. Memory: besides the final arrays,
  // 16 bytes a node and about 9 bytes an edge while reading, 8 bytes an edge while
  // the CSR arrays are made; freed before returning.
  ReadEdges read;
  std::thread edge_reader(ReadAllEdges, std::ref(edges), &read);
  std::vector<store::NodeInfo> infos;
  for (; nodes.Valid(); nodes.Next()) infos.push_back(nodes.node());
  Status node_status = nodes.status();
  edge_reader.join();
  PARLEY_RETURN_IF_ERROR(node_status);
  PARLEY_RETURN_IF_ERROR(read.status);

  // By id; of two records with one id (not in a sound store) the later one wins.
  std::stable_sort(infos.begin(), infos.end(),
                   [](const store::NodeInfo& a, const store::NodeInfo& b) { return a.id < b.id; });
  auto base = std::make_shared<Base>();
  for (size_t i = 0; i < infos.size(); ++i) {
    if (i + 1 < infos.size() && infos[i + 1].id == infos[i].id) continue;
    base->ids.push_back(infos[i].id);
    base->kinds.push_back(infos[i].kind);
    base->dates.push_back(infos[i].date);
  }
  infos = {};
  const size_t known = base->ids.size();
  base->BuildDirectory();

  // An edge end without a record (a damaged store) still gets a vertex: numbered
  // after the known ones first, renumbered into id order below.
  std::unordered_map<NodeId, Vertex> orphans;
  std::vector<NodeId> orphan_ids;
  auto vertex = [&](NodeId id) -> Vertex {
    if (auto v = base->Find(id)) return *v;
    auto [it, inserted] = orphans.try_emplace(id, static_cast<Vertex>(known + orphan_ids.size()));
    if (inserted) orphan_ids.push_back(id);
    return it->second;
  };
  // Numbering the edge ends (a directory lookup each, ~10M at 1M statements) on two
  // threads, each over half the sources; an end without a record is left kNoVertex
  // and numbered afterwards, in edge order, by `vertex` (so as on one thread).
  constexpr Vertex kNoVertex = ~Vertex{0};
  std::vector<std::pair<Vertex, Vertex>> pairs(read.targets.size());
  {
    const Base& b = *base;
    auto number = [&](size_t first_source, size_t last_source, size_t first_edge) {
      size_t i = first_edge;
      for (size_t s = first_source; s < last_source; ++s) {
        const Vertex v = b.Find(read.sources[s].first).value_or(kNoVertex);
        for (uint32_t j = 0; j < read.sources[s].second; ++j, ++i) {
          pairs[i] = {v, b.Find(read.targets[i]).value_or(kNoVertex)};
        }
      }
    };
    const size_t half = read.sources.size() / 2;
    size_t half_edge = 0;
    for (size_t s = 0; s < half; ++s) half_edge += read.sources[s].second;
    std::thread second(number, half, read.sources.size(), half_edge);
    number(0, half, 0);
    second.join();
    size_t i = 0;
    for (const auto& [src, count] : read.sources) {
      for (uint32_t j = 0; j < count; ++j, ++i) {
        if (pairs[i].first == kNoVertex) pairs[i].first = vertex(src);
        if (pairs[i].second == kNoVertex) pairs[i].second = vertex(read.targets[i]);
      }
    }
  }
  read.sources = {};
  read.targets = {};
  if (!orphan_ids.empty()) {
    std::vector<NodeId> all = base->ids;
    all.insert(all.end(), orphan_ids.begin(), orphan_ids.end());
    std::sort(all.begin(), all.end());
    std::vector<Vertex> renumber(all.size());
    std::vector<NodeKind> kinds(all.size(), kUnknownKind);
    std::vector<uint32_t> dates(all.size(), 0);
    for (size_t old = 0; old < all.size(); ++old) {
      const NodeId id = old < known ? base->ids[old] : orphan_ids[old - known];
      const auto v = static_cast<Vertex>(std::lower_bound(all.begin(), all.end(), id) - all.begin());
      renumber[old] = v;
      if (old < known) {
        kinds[v] = base->kinds[old];
        dates[v] = base->dates[old];
      }
    }
    for (auto& p : pairs) p = {renumber[p.first], renumber[p.second]};
    base->ids = std::move(all);
    base->kinds = std::move(kinds);
    base->dates = std::move(dates);
    base->BuildDirectory();
  }
  const size_t n = base->ids.size();

  static_assert(sizeof(EdgeProp) == sizeof(EdgeKind));
  std::vector<EdgeProp> props(read.kinds.size());
  for (size_t i = 0; i < props.size(); ++i) props[i].kind = read.kinds[i];
  read.kinds = {};
  // Each out-edge row sorted by (kind, target), which ForEachEdgeAmong searches: the
  // store lists edges in that order already (ids in byte order are vertices in
  // order); other iterators (tests) may not.
  auto key = [&](size_t i) { return std::tuple(pairs[i].first, props[i].kind, pairs[i].second); };
  bool sorted = true;
  for (size_t i = 1; i < pairs.size() && sorted; ++i) sorted = !(key(i) < key(i - 1));
  if (!sorted) {
    std::vector<size_t> order(pairs.size());
    for (size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::sort(order.begin(), order.end(), [&](size_t a, size_t b) { return key(a) < key(b); });
    std::vector<std::pair<Vertex, Vertex>> sorted_pairs(pairs.size());
    std::vector<EdgeProp> sorted_props(props.size());
    for (size_t i = 0; i < order.size(); ++i) {
      sorted_pairs[i] = pairs[order[i]];
      sorted_props[i] = props[order[i]];
    }
    pairs = std::move(sorted_pairs);
    props = std::move(sorted_props);
  }
  base->edges = pairs.size();
  base->out = Csr(boost::edges_are_unsorted_multi_pass, pairs.begin(), pairs.end(), props.begin(),
                  static_cast<Vertex>(n));
  for (auto& p : pairs) std::swap(p.first, p.second);
  base->in = Csr(boost::edges_are_unsorted_multi_pass, pairs.begin(), pairs.end(), props.begin(),
                 static_cast<Vertex>(n));
  pairs = {};
  props = {};
#if defined(__GLIBC__)
  // Hand the build's freed scratch back to the system: glibc keeps large freed
  // blocks in the heap once its mmap threshold has risen, which would leave the
  // process resident well above what the projection holds.
  malloc_trim(0);
#endif
  return std::make_shared<const GraphSnapshot>(std::move(base), std::make_shared<Delta>());
}

Result<std::shared_ptr<const GraphSnapshot>> GraphSnapshot::Build(store::Store& store) {
  // Two iterators, two store snapshots: a write between them could leave an edge end
  // without its node info; Build gives such an end a vertex of unknown kind.
  // The projection iterators: node records only (no article texts), kind and date
  // decoded, the block cache left to queries.
  std::unique_ptr<store::NodeIterator> nodes = store.NewProjectionNodeIterator();
  std::unique_ptr<store::EdgeIterator> edges = store.NewProjectionEdgeIterator();
  return Build(*nodes, *edges);
}

namespace {

// The saved base: "parley-projection 1\n", then little-endian fields: stamp length
// (u64) and bytes, vertices n (u64), edges m (u64), ids (n x u64), kinds (n x u8),
// dates (n x u32), then for out and in: row starts ((n + 1) x u32), targets (m x u32),
// kinds (m x u8); last a u64 checksum of everything before it. About 14 bytes a node
// and 10 an edge (84 MB at 1M statements).
constexpr char kSavedMagic[] = "parley-projection 1\n";

uint64_t Checksum(std::string_view bytes) {
  uint64_t h = 0x9e3779b97f4a7c15ULL ^ bytes.size();
  size_t i = 0;
  for (; i + 8 <= bytes.size(); i += 8) {
    uint64_t w;
    std::memcpy(&w, bytes.data() + i, 8);
    h = (h ^ w) * 0xff51afd7ed558ccdULL;
    h ^= h >> 29;
  }
  for (; i < bytes.size(); ++i) h = (h ^ static_cast<uint8_t>(bytes[i])) * 0xc4ceb9fe1a85ec53ULL;
  return h;
}

template <typename T>
void PutRaw(std::string* out, const T* data, size_t count) {
  out->append(reinterpret_cast<const char*>(data), count * sizeof(T));
}

// Reads fields off the front of a saved projection; false once it runs short.
class RawReader {
 public:
  explicit RawReader(std::string_view in) : in_(in) {}
  template <typename T>
  bool Get(T* data, size_t count) {
    const size_t bytes = count * sizeof(T);
    if (count > in_.size() / sizeof(T)) return false;
    std::memcpy(data, in_.data(), bytes);
    in_.remove_prefix(bytes);
    return true;
  }
  template <typename T>
  bool Vec(std::vector<T>* v, size_t count) {
    if (count > in_.size() / sizeof(T)) return false;
    v->resize(count);
    return Get(v->data(), count);
  }
  bool Str(std::string* s, size_t count) {
    if (count > in_.size()) return false;
    s->assign(in_.data(), count);
    in_.remove_prefix(count);
    return true;
  }
  bool Done() const { return in_.empty(); }

 private:
  std::string_view in_;
};

void PutCsr(std::string* out, const Csr& g) {
  PutRaw(out, g.m_forward.m_rowstart.data(), g.m_forward.m_rowstart.size());
  PutRaw(out, g.m_forward.m_column.data(), g.m_forward.m_column.size());
  std::vector<EdgeKind> kinds;
  kinds.reserve(g.m_forward.m_column.size());
  for (auto e : boost::make_iterator_range(boost::edges(g))) kinds.push_back(g[e].kind);
  PutRaw(out, kinds.data(), kinds.size());
}

// One direction's CSR from its saved arrays, checked: rows ascending and ending at
// m, targets below n, kinds known.
bool GetCsr(RawReader& r, size_t n, size_t m, Csr* g) {
  std::vector<Vertex> rowstart, column;
  std::vector<EdgeKind> kinds;
  if (!r.Vec(&rowstart, n + 1) || !r.Vec(&column, m) || !r.Vec(&kinds, m)) return false;
  if (rowstart[0] != 0 || rowstart[n] != m) return false;
  for (size_t v = 0; v < n; ++v) {
    if (rowstart[v] > rowstart[v + 1]) return false;
  }
  for (size_t i = 0; i < m; ++i) {
    const int k = static_cast<int>(kinds[i]);
    if (column[i] >= n || k < 1 || k > store::kMaxEdgeKind) return false;
  }
  // (source, target) in row order: the sorted-edges constructor copies them as given.
  std::vector<std::pair<Vertex, Vertex>> pairs(m);
  for (size_t v = 0; v < n; ++v) {
    for (Vertex i = rowstart[v]; i < rowstart[v + 1]; ++i) pairs[i] = {static_cast<Vertex>(v), column[i]};
  }
  static_assert(sizeof(EdgeProp) == sizeof(EdgeKind));
  std::vector<EdgeProp> props(m);
  for (size_t i = 0; i < m; ++i) props[i].kind = kinds[i];
  *g = Csr(boost::edges_are_sorted, pairs.begin(), pairs.end(), props.begin(),
           static_cast<Vertex>(n));
  return true;
}

}  // namespace

Status GraphSnapshot::Save(const std::string& path, const std::string& stamp) const {
  if (delta_->ids.size() + DeltaEdgeCount() + delta_->overrides.size() > 0) {
    return Status::InvalidArgument("only a snapshot without changes since its build is saved");
  }
  const Base& b = *base_;
  const uint64_t n = b.ids.size(), m = b.edges, stamp_size = stamp.size();
  std::string out(kSavedMagic);
  PutRaw(&out, &stamp_size, 1);
  out += stamp;
  PutRaw(&out, &n, 1);
  PutRaw(&out, &m, 1);
  static_assert(sizeof(NodeId) == sizeof(uint64_t) && sizeof(NodeKind) == 1);
  PutRaw(&out, b.ids.data(), n);
  PutRaw(&out, b.kinds.data(), n);
  PutRaw(&out, b.dates.data(), n);
  PutCsr(&out, b.out);
  PutCsr(&out, b.in);
  const uint64_t sum = Checksum(out);
  PutRaw(&out, &sum, 1);

  const std::string tmp = path + ".tmp";
  std::FILE* f = std::fopen(tmp.c_str(), "wb");
  if (f == nullptr) return Status::IOError("cannot write " + tmp + ": " + std::strerror(errno));
  const bool written = std::fwrite(out.data(), 1, out.size(), f) == out.size();
  const bool closed = std::fclose(f) == 0;
  if (!written || !closed || std::rename(tmp.c_str(), path.c_str()) != 0) {
    const std::string why = std::strerror(errno);
    std::remove(tmp.c_str());
    return Status::IOError("cannot write " + path + ": " + why);
  }
  return Status::OK();
}

Result<std::shared_ptr<const GraphSnapshot>> GraphSnapshot::Load(const std::string& path,
                                                                 const std::string& stamp) {
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (f == nullptr) return Status::NotFound("no saved projection at " + path);
  std::string in;
  char buf[1 << 16];
  size_t got;
  while ((got = std::fread(buf, 1, sizeof(buf), f)) > 0) in.append(buf, got);
  const bool failed = std::ferror(f) != 0;
  std::fclose(f);
  if (failed) return Status::IOError("cannot read " + path);
  const size_t magic = sizeof(kSavedMagic) - 1;
  auto damaged = [&](const char* what) {
    return Status::Corruption("saved projection " + path + " is damaged: " + what);
  };
  if (in.size() < magic + 8 || in.compare(0, magic, kSavedMagic) != 0) {
    return damaged("no projection header");
  }
  uint64_t sum = 0;
  std::memcpy(&sum, in.data() + in.size() - 8, 8);
  if (Checksum(std::string_view(in).substr(0, in.size() - 8)) != sum) {
    return damaged("checksum mismatch");
  }
  RawReader r(std::string_view(in).substr(magic, in.size() - magic - 8));
  uint64_t stamp_size = 0, n = 0, m = 0;
  std::string saved_stamp;
  if (!r.Get(&stamp_size, 1) || !r.Str(&saved_stamp, stamp_size)) return damaged("short stamp");
  if (stamp.empty() || saved_stamp != stamp) {
    return Status::NotFound("saved projection " + path + " is of another state of the store");
  }
  auto base = std::make_shared<Base>();
  if (!r.Get(&n, 1) || !r.Get(&m, 1) || n >= kNoSavedLimit || m >= kNoSavedLimit ||
      !r.Vec(&base->ids, n) || !r.Vec(&base->kinds, n) || !r.Vec(&base->dates, n)) {
    return damaged("short node arrays");
  }
  for (size_t i = 1; i < n; ++i) {
    if (!(base->ids[i - 1] < base->ids[i])) return damaged("ids out of order");
  }
  base->edges = m;
  if (!GetCsr(r, n, m, &base->out) || !GetCsr(r, n, m, &base->in) || !r.Done()) {
    return damaged("bad edge arrays");
  }
  base->BuildDirectory();
#if defined(__GLIBC__)
  in = {};
  malloc_trim(0);
#endif
  return std::make_shared<const GraphSnapshot>(std::move(base), std::make_shared<Delta>());
}

Result<std::shared_ptr<const GraphSnapshot>> GraphSnapshot::BuildOrLoad(
    store::Store& store, const std::string& path, std::function<Status()>* save) {
  *save = nullptr;
  const std::string stamp = store.ContentStamp();
  if (!stamp.empty()) {
    auto loaded = Load(path, stamp);
    if (loaded.ok()) return loaded;
    if (!loaded.status().IsNotFound()) {
      std::fprintf(stderr, "parley: %s; rebuilding it from the store\n",
                   loaded.status().ToString().c_str());
    }
  }
  auto built = Build(store);
  if (built.ok() && !stamp.empty() && store.ContentStamp() == stamp) {
    *save = [snapshot = *built, path, stamp] { return snapshot->Save(path, stamp); };
  }
  return built;
}

Result<std::shared_ptr<const GraphSnapshot>> GraphSnapshot::BuildOrLoad(store::Store& store,
                                                                        const std::string& path) {
  std::function<Status()> save;
  auto result = BuildOrLoad(store, path, &save);
  if (save) {
    Status saved = save();
    if (!saved.ok()) {
      std::fprintf(stderr, "parley: the projection is not saved: %s\n", saved.ToString().c_str());
    }
  }
  return result;
}

GraphSnapshot::GraphSnapshot(std::shared_ptr<const Base> base, std::shared_ptr<const Delta> delta)
    : base_(std::move(base)), delta_(std::move(delta)) {}

GraphSnapshot::~GraphSnapshot() = default;

size_t GraphSnapshot::VertexCount() const { return base_->ids.size() + delta_->ids.size(); }

size_t GraphSnapshot::EdgeCount() const {
  return base_->edges - delta_->removed.size() + delta_->added;
}

size_t GraphSnapshot::DeltaEdgeCount() const { return delta_->removed.size() + delta_->added; }

size_t GraphSnapshot::BaseMemoryBytes() const {
  const size_t n = base_->ids.size();
  return n * (sizeof(NodeId) + sizeof(NodeKind) + sizeof(uint32_t)) +
         base_->directory.size() * sizeof(Vertex) +
         2 * ((n + 1) * sizeof(Vertex) + base_->edges * (sizeof(Vertex) + sizeof(EdgeProp)));
}

size_t GraphSnapshot::DeltaMemoryBytes() const { return delta_->MemoryBytes(); }

std::optional<Vertex> GraphSnapshot::VertexOf(NodeId id) const {
  if (auto v = base_->Find(id)) return v;
  auto it = delta_->index.find(id);
  if (it == delta_->index.end()) return std::nullopt;
  return it->second;
}

NodeId GraphSnapshot::IdOf(Vertex v) const {
  const size_t n = base_->ids.size();
  return v < n ? base_->ids[v] : delta_->ids[v - n];
}

NodeKind GraphSnapshot::KindOf(Vertex v) const {
  const size_t n = base_->ids.size();
  if (v >= n) return delta_->kinds[v - n];
  if (!delta_->overrides.empty()) {
    if (auto it = delta_->overrides.find(v); it != delta_->overrides.end()) return it->second.first;
  }
  return base_->kinds[v];
}

uint32_t GraphSnapshot::DateOf(Vertex v) const {
  const size_t n = base_->ids.size();
  if (v >= n) return delta_->dates[v - n];
  if (!delta_->overrides.empty()) {
    if (auto it = delta_->overrides.find(v); it != delta_->overrides.end()) {
      return it->second.second;
    }
  }
  return base_->dates[v];
}

void GraphSnapshot::ForEachAdjacent(Vertex v, Direction direction, EdgeKindSet kinds,
                                    AdjacentFn f) const {
  const Base& b = *base_;
  const Delta& d = *delta_;
  const bool check_removed = !d.removed.empty();
  const bool in_base = v < b.ids.size();
  if (static_cast<int>(direction) & static_cast<int>(Direction::kOut)) {
    if (in_base) {
      for (auto e : boost::make_iterator_range(boost::out_edges(v, b.out))) {
        const EdgeKind k = b.out[e].kind;
        if (!kinds.Contains(k)) continue;
        const Vertex t = boost::target(e, b.out);
        if (check_removed && d.removed.count({v, k, t})) continue;
        if (!f(t, k, true)) return;
      }
    }
    if (auto it = d.out.find(v); it != d.out.end()) {
      for (const Adj& a : it->second) {
        if (kinds.Contains(a.kind) && !f(a.v, a.kind, true)) return;
      }
    }
  }
  if (static_cast<int>(direction) & static_cast<int>(Direction::kIn)) {
    if (in_base) {
      for (auto e : boost::make_iterator_range(boost::out_edges(v, b.in))) {
        const EdgeKind k = b.in[e].kind;
        if (!kinds.Contains(k)) continue;
        const Vertex s = boost::target(e, b.in);
        if (check_removed && d.removed.count({s, k, v})) continue;
        if (!f(s, k, false)) return;
      }
    }
    if (auto it = d.in.find(v); it != d.in.end()) {
      for (const Adj& a : it->second) {
        if (kinds.Contains(a.kind) && !f(a.v, a.kind, false)) return;
      }
    }
  }
}

size_t GraphSnapshot::Degree(Vertex v, Direction direction) const {
  const Base& b = *base_;
  const Delta& d = *delta_;
  const bool in_base = v < b.ids.size();
  auto side = [&](const Csr& csr, const std::unordered_map<Vertex, uint32_t>& removed,
                  const std::unordered_map<Vertex, std::vector<Adj>>& added) {
    size_t n = 0;
    if (in_base) {
      n = boost::out_degree(v, csr);
      if (!removed.empty()) {
        if (auto it = removed.find(v); it != removed.end()) n -= it->second;
      }
    }
    if (!added.empty()) {
      if (auto it = added.find(v); it != added.end()) n += it->second.size();
    }
    return n;
  };
  size_t n = 0;
  if (static_cast<int>(direction) & static_cast<int>(Direction::kOut)) {
    n += side(b.out, d.removed_out, d.out);
  }
  if (static_cast<int>(direction) & static_cast<int>(Direction::kIn)) {
    n += side(b.in, d.removed_in, d.in);
  }
  return n;
}

void GraphSnapshot::ForEachEdgeAmong(
    const std::vector<Vertex>& among, EdgeKindSet kinds,
    const std::function<void(Vertex src, EdgeKind kind, Vertex dst)>& f) const {
  const Base& b = *base_;
  const Delta& d = *delta_;
  std::vector<Vertex> set = among;
  std::sort(set.begin(), set.end());
  set.erase(std::unique(set.begin(), set.end()), set.end());
  auto in_set = [&](Vertex v) { return std::binary_search(set.begin(), set.end(), v); };
  auto live = [&](Vertex u, EdgeKind k, Vertex t) {
    return d.removed.empty() || !d.removed.count({u, k, t});
  };
  // Scanning a row costs its length; probing costs ~log(length) per member.
  const size_t probe_cost = set.size() * 16;
  for (Vertex u : set) {
    if (u < b.ids.size()) {
      auto [first, last] = boost::out_edges(u, b.out);
      if (static_cast<size_t>(last - first) <= probe_cost) {
        for (auto it = first; it != last; ++it) {
          const EdgeKind k = b.out[*it].kind;
          const Vertex t = boost::target(*it, b.out);
          if (kinds.Contains(k) && in_set(t) && live(u, k, t)) f(u, k, t);
        }
      } else {
        // The row is sorted by (kind, target): find each kind's run, then each member.
        auto row_key = [&](const auto& e) { return std::pair(b.out[e].kind, boost::target(e, b.out)); };
        auto it = first;
        while (it != last) {
          const EdgeKind k = b.out[*it].kind;
          auto run_end = std::partition_point(it, last, [&](const auto& e) {
            return b.out[e].kind == k;
          });
          if (kinds.Contains(k)) {
            auto from = it;
            for (Vertex t : set) {  // ascending, so each search starts where the last ended
              from = std::partition_point(from, run_end, [&](const auto& e) {
                return row_key(e) < std::pair(k, t);
              });
              if (from == run_end) break;
              if (boost::target(*from, b.out) == t && live(u, k, t)) f(u, k, t);
            }
          }
          it = run_end;
        }
      }
    }
    if (!d.out.empty()) {
      if (auto it = d.out.find(u); it != d.out.end()) {
        for (const Adj& a : it->second) {
          if (kinds.Contains(a.kind) && in_set(a.v)) f(u, a.kind, a.v);
        }
      }
    }
  }
}

void GraphSnapshot::ForEachEdge(
    const std::function<void(Vertex src, EdgeKind kind, Vertex dst)>& f) const {
  const Base& b = *base_;
  const Delta& d = *delta_;
  for (Vertex v = 0; v < b.ids.size(); ++v) {
    for (auto e : boost::make_iterator_range(boost::out_edges(v, b.out))) {
      const Vertex t = boost::target(e, b.out);
      const EdgeKind k = b.out[e].kind;
      if (!d.removed.empty() && d.removed.count({v, k, t})) continue;
      f(v, k, t);
    }
  }
  for (const auto& [v, list] : d.out) {
    for (const Adj& a : list) f(v, a.kind, a.v);
  }
}

std::shared_ptr<const GraphSnapshot> GraphSnapshot::WithArticleChange(
    const store::ArticleGraph* before, const store::ArticleGraph* after) const {
  auto delta = std::make_shared<Delta>(*delta_);
  const Base& b = *base_;
  const size_t n = b.ids.size();

  auto vertex = [&](NodeId id) -> Vertex {
    if (auto v = b.Find(id)) return *v;
    if (auto it = delta->index.find(id); it != delta->index.end()) return it->second;
    const Vertex v = static_cast<Vertex>(n + delta->ids.size());
    delta->ids.push_back(id);
    delta->kinds.push_back(kUnknownKind);
    delta->dates.push_back(0);
    delta->index.emplace(id, v);
    return v;
  };
  auto in_delta = [&](Vertex src, EdgeKind kind, Vertex dst) {
    auto it = delta->out.find(src);
    if (it == delta->out.end()) return false;
    return std::find(it->second.begin(), it->second.end(), Adj{dst, kind}) != it->second.end();
  };
  auto erase = [](std::unordered_map<Vertex, std::vector<Adj>>& m, Vertex at, Adj a) {
    auto it = m.find(at);
    if (it == m.end()) return;
    std::erase(it->second, a);
    if (it->second.empty()) m.erase(it);
  };

  if (after != nullptr) {
    for (const store::NodeInfo& info : after->nodes) {
      const Vertex v = vertex(info.id);
      if (v >= n) {
        delta->kinds[v - n] = info.kind;
        delta->dates[v - n] = info.date;
      } else if (b.kinds[v] != info.kind || b.dates[v] != info.date) {
        delta->overrides[v] = {info.kind, info.date};
      } else {
        delta->overrides.erase(v);
      }
    }
  }
  std::unordered_set<Triple, TripleHash> kept;
  if (after != nullptr) {
    for (const store::EdgeRecord& e : after->edges) {
      kept.insert({vertex(e.src), e.kind, vertex(e.dst)});
    }
  }
  if (before != nullptr) {
    for (const store::EdgeRecord& e : before->edges) {
      if (e.articles > 1) continue;  // another article holds it too
      const Vertex src = vertex(e.src), dst = vertex(e.dst);
      if (kept.count({src, e.kind, dst})) continue;
      if (in_delta(src, e.kind, dst)) {
        erase(delta->out, src, {dst, e.kind});
        erase(delta->in, dst, {src, e.kind});
        --delta->added;
      } else if (b.HasEdge(src, e.kind, dst)) {
        if (delta->removed.insert({src, e.kind, dst}).second) {
          ++delta->removed_out[src];
          ++delta->removed_in[dst];
        }
      }
    }
  }
  for (const Triple& t : kept) {
    if (b.HasEdge(t.src, t.kind, t.dst)) {
      if (delta->removed.erase(t) > 0) {
        for (auto [m, at] : {std::pair{&delta->removed_out, t.src}, {&delta->removed_in, t.dst}}) {
          if (--(*m)[at] == 0) m->erase(at);
        }
      }
    } else if (!in_delta(t.src, t.kind, t.dst)) {
      delta->out[t.src].push_back({t.dst, t.kind});
      delta->in[t.dst].push_back({t.src, t.kind});
      ++delta->added;
    }
  }
  return std::make_shared<const GraphSnapshot>(base_, std::move(delta));
}

GraphProjection::GraphProjection(std::shared_ptr<const GraphSnapshot> initial)
    : current_(std::move(initial)) {}

std::shared_ptr<const GraphSnapshot> GraphProjection::Current() const {
  std::lock_guard<std::mutex> lock(mu_);
  return current_;
}

void GraphProjection::ApplyArticleChange(const store::ArticleGraph* before,
                                         const store::ArticleGraph* after) {
  std::lock_guard<std::mutex> change(change_mu_);
  std::shared_ptr<const GraphSnapshot> next = Current()->WithArticleChange(before, after);
  std::lock_guard<std::mutex> lock(mu_);
  current_ = std::move(next);
}

Status GraphProjection::Rebuild(store::Store& store) {
  std::lock_guard<std::mutex> change(change_mu_);
  auto fresh = GraphSnapshot::Build(store);
  if (!fresh.ok()) return fresh.status();
  std::lock_guard<std::mutex> lock(mu_);
  current_ = std::move(*fresh);
  return Status::OK();
}

}  // namespace parley::graph
