// GraphProjection: the stored graph held in memory for traversals. A projection is
// read through GraphSnapshot objects: immutable, shared (std::shared_ptr), each one a
// consistent epoch of the graph. A snapshot is a compressed sparse row graph built
// from the store's edges (Boost.Graph, private to graph/*.cc) plus a small delta of
// what was written after the build (articles added, replaced or removed). Applying a
// change makes a new snapshot and swaps it in atomically; readers holding an older
// snapshot keep reading it unchanged. When the delta grows, Rebuild() folds it into a
// fresh CSR base (off the request path).
//
// Vertices of a snapshot are numbered densely (Vertex); a Vertex is valid within one
// snapshot only and is never persisted or returned by the public traversals (they
// speak NodeId, see traversal.h).
//
// Thread-safety: GraphSnapshot is immutable: any number of threads may read one.
// GraphProjection's methods may be called concurrently; changes are serialised.
#ifndef PARLEY_GRAPH_PROJECTION_H_
#define PARLEY_GRAPH_PROJECTION_H_

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <type_traits>
#include <vector>

#include "graph/core/ids.h"
#include "graph/core/status.h"
#include "graph/store/edge_kind.h"
#include "graph/store/store.h"

namespace parley::graph {

using store::EdgeKind;

// A set of edge kinds, for filtering traversals.
class EdgeKindSet {
 public:
  constexpr EdgeKindSet() = default;
  static constexpr EdgeKindSet All() { return EdgeKindSet(~0u); }
  static constexpr EdgeKindSet Of(std::initializer_list<EdgeKind> kinds) {
    uint32_t bits = 0;
    for (EdgeKind k : kinds) bits |= 1u << static_cast<int>(k);
    return EdgeKindSet(bits);
  }
  constexpr bool Contains(EdgeKind k) const { return (bits_ >> static_cast<int>(k)) & 1u; }
  constexpr bool operator==(const EdgeKindSet&) const = default;

 private:
  constexpr explicit EdgeKindSet(uint32_t bits) : bits_(bits) {}
  uint32_t bits_ = 0;
};

enum class Direction : uint8_t {
  kOut = 1,   // src -> dst
  kIn = 2,    // dst <- src
  kBoth = 3,  // either way
};

// Dense vertex number within one snapshot.
using Vertex = uint32_t;

// A lightweight, non-owning reference to a callable (Vertex, EdgeKind, bool outgoing)
// returning void or bool: the per-edge callback of GraphSnapshot::ForEachAdjacent. A
// callable returning bool stops the walk by returning false (a void one never does).
class AdjacentFn {
 public:
  template <typename F>
  requires(!std::is_same_v<std::remove_cvref_t<F>, AdjacentFn>)
      AdjacentFn(F&& f)  // NOLINT: implicit by design, like std::function_ref
      : obj_(static_cast<void*>(&f)), call_([](void* o, Vertex v, EdgeKind k, bool out) {
          auto& fn = *static_cast<std::remove_reference_t<F>*>(o);
          if constexpr (std::is_same_v<decltype(fn(v, k, out)), bool>) {
            return fn(v, k, out);
          } else {
            fn(v, k, out);
            return true;
          }
        }) {}
  // False when the callable asked to stop.
  bool operator()(Vertex v, EdgeKind k, bool out) const { return call_(obj_, v, k, out); }

 private:
  void* obj_;
  bool (*call_)(void*, Vertex, EdgeKind, bool);
};

class GraphSnapshot {
 public:
  struct Base;   // the CSR part (graph/projection.cc)
  struct Delta;  // what changed since the base was built

  // Builds a snapshot from every node and edge of one store snapshot. The two
  // iterators are read at the same time, `edges` on a thread of its own (they must
  // not share state). Errors: those of the iterators (IOError, Corruption).
  static Result<std::shared_ptr<const GraphSnapshot>> Build(store::NodeIterator& nodes,
                                                            store::EdgeIterator& edges);
  // Convenience: Build from a store's iterators.
  static Result<std::shared_ptr<const GraphSnapshot>> Build(store::Store& store);

  // A snapshot saved beside the store: Save writes this snapshot's base (its delta
  // must be empty: FailedPrecondition-like InvalidArgument otherwise) to `path`
  // (through a temporary file and a rename, so `path` is never half-written),
  // stamped with `stamp` (Store::ContentStamp). Load reads it back: NotFound when
  // there is no file or its stamp is not `stamp`; Corruption when it is damaged.
  Status Save(const std::string& path, const std::string& stamp) const;
  static Result<std::shared_ptr<const GraphSnapshot>> Load(const std::string& path,
                                                           const std::string& stamp);
  // Load(path, store.ContentStamp()) when that is current; else Build(store), then
  // Save it to `path` when no write happened during the build (a failed save only
  // loses the shortcut: it is reported on stderr, not returned). A restart with no
  // write since the last one loads instead of scanning the whole store.
  static Result<std::shared_ptr<const GraphSnapshot>> BuildOrLoad(store::Store& store,
                                                                  const std::string& path);
  // The same, except that a snapshot it built is not saved here: when it should be,
  // `*save` is set to a callable that saves it (else left empty), so a caller such as
  // `parley serve` can start answering first and save on a thread of its own.
  static Result<std::shared_ptr<const GraphSnapshot>> BuildOrLoad(
      store::Store& store, const std::string& path, std::function<Status()>* save);

  GraphSnapshot(std::shared_ptr<const Base> base, std::shared_ptr<const Delta> delta);
  ~GraphSnapshot();

  // A new snapshot: this one with one article's change applied. `before` is the
  // article's graph before the write (nullptr for a new article), `after` its graph
  // after it (nullptr for a removal); both as Store::GetArticleGraph returns them. An
  // edge of `before` missing from `after` is dropped only when no other article holds
  // it (its count in `before` was 1).
  std::shared_ptr<const GraphSnapshot> WithArticleChange(const store::ArticleGraph* before,
                                                         const store::ArticleGraph* after) const;

  size_t VertexCount() const;     // base + delta vertices (removed nodes stay, edgeless)
  size_t EdgeCount() const;       // live edges
  size_t DeltaEdgeCount() const;  // edges added or removed since the base was built
  // Bytes held by the base (CSR arrays, ids, attributes) and by the delta; their sum
  // is MemoryBytes(), the projection's own memory (not counting the allocator's).
  size_t BaseMemoryBytes() const;
  size_t DeltaMemoryBytes() const;
  size_t MemoryBytes() const { return BaseMemoryBytes() + DeltaMemoryBytes(); }

  std::optional<Vertex> VertexOf(NodeId id) const;
  NodeId IdOf(Vertex v) const;
  NodeKind KindOf(Vertex v) const;
  uint32_t DateOf(Vertex v) const;  // YYYYMMDD, 0 when undated

  // Calls f(neighbour, kind, outgoing) once per live edge at `v` of a kind in
  // `kinds`, outgoing edges first (direction kOut/kBoth), then incoming ones; stops
  // at once when f returns false (a hub's remaining edges are not read).
  void ForEachAdjacent(Vertex v, Direction direction, EdgeKindSet kinds, AdjacentFn f) const;

  // The number of live edges at `v` of any kind: outgoing (kOut), incoming (kIn) or
  // both (kBoth), each edge once per direction it counts in. O(1) plus a hash lookup
  // when the delta touches `v`: lets a caller walk the lower-degree side of a pair.
  size_t Degree(Vertex v, Direction direction) const;

  // Every live edge of a kind in `kinds` whose two ends are both in `among`
  // (duplicates in it ignored), once each, in no particular order: the edges of a
  // view (a neighbourhood, a path) between the nodes it shows. Cost per vertex u of
  // `among`: the smaller of u's out-degree and ~|among| binary-search probes of
  // u's out-edges, so a hub in the set costs O(|among| log degree), not O(degree).
  void ForEachEdgeAmong(const std::vector<Vertex>& among, EdgeKindSet kinds,
                        const std::function<void(Vertex src, EdgeKind kind, Vertex dst)>& f) const;

  // Every live edge, in no particular order (off the request path: O(E)).
  void ForEachEdge(const std::function<void(Vertex src, EdgeKind kind, Vertex dst)>& f) const;

 private:
  std::shared_ptr<const Base> base_;
  std::shared_ptr<const Delta> delta_;
};

// Holds the current snapshot and swaps in new ones.
class GraphProjection {
 public:
  explicit GraphProjection(std::shared_ptr<const GraphSnapshot> initial);

  // The current snapshot: one consistent epoch for as long as the caller holds it.
  std::shared_ptr<const GraphSnapshot> Current() const;

  // Applies one article's change (see GraphSnapshot::WithArticleChange) and swaps the
  // result in.
  void ApplyArticleChange(const store::ArticleGraph* before, const store::ArticleGraph* after);

  // Replaces the snapshot by a fresh build from `store` (folding the delta into the
  // base). Changes applied while it builds are lost unless re-applied: call it from
  // the writer, or while writes are paused.
  Status Rebuild(store::Store& store);

 private:
  mutable std::mutex mu_;  // guards current_ (held only to copy or swap the pointer)
  std::shared_ptr<const GraphSnapshot> current_;
  std::mutex change_mu_;  // one change at a time
};

}  // namespace parley::graph

#endif  // PARLEY_GRAPH_PROJECTION_H_
