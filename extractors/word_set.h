// WordSet and WordMap: the extractor's lookup tables keyed by short lower-case
// words ("said", "minister", ","). Internal to parley::extractors.
//
// The extractor asks dozens of "is this token in that word list?" questions per
// token; std::unordered_set<std::string> spent most of that time in
// std::_Hash_bytes, bucket modulo and node chasing. These tables hash with an
// inline FNV-1a, probe one flat power-of-two array, compare a 32-bit hash before
// the bytes, and look up by std::string_view (no temporary strings).
//
// Built once (insert/operator[]), then read-only: concurrent const lookups are
// safe, mutation is not.
#ifndef PARLEY_EXTRACTORS_WORD_SET_H_
#define PARLEY_EXTRACTORS_WORD_SET_H_

#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace parley::extractors::internal {

inline uint64_t WordHash(std::string_view s) {
  uint64_t h = 1469598103934665603ULL;
  for (unsigned char c : s) {
    h ^= c;
    h *= 1099511628211ULL;
  }
  return h ^ (h >> 31);
}

// Byte equality in a loop: words are a few bytes, shorter than a memcmp call costs.
inline bool SameWord(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (a[i] != b[i]) return false;
  }
  return true;
}

// A map from words to V with insertion-ordered entries (iteration visits them in
// the order they were first inserted).
template <typename V>
class WordMap {
 public:
  using Entry = std::pair<std::string, V>;

  // Nullptr when absent.
  const V* Find(std::string_view key) const { return Find(key, WordHash(key)); }
  // The same, with h == WordHash(key) computed by the caller (a Token's hash).
  const V* Find(std::string_view key, uint64_t h) const {
    if (slots_.empty()) return nullptr;
    const uint32_t tag = static_cast<uint32_t>(h);
    for (size_t i = h & mask_;; i = (i + 1) & mask_) {
      const Slot& s = slots_[i];
      if (s.index < 0) return nullptr;
      if (s.tag == tag && SameWord(entries_[s.index].first, key)) return &entries_[s.index].second;
    }
  }
  V* Find(std::string_view key) {
    return const_cast<V*>(static_cast<const WordMap*>(this)->Find(key));
  }
  size_t count(std::string_view key) const { return Find(key) != nullptr ? 1 : 0; }
  // Whether a token's word (its `low`, whose WordHash is its `hash`) is a key.
  template <typename Tok>
  bool Has(const Tok& t) const {
    return Find(t.low, t.hash) != nullptr;
  }

  // The value for key, default-constructed when new.
  V& operator[](std::string_view key) {
    if (V* v = Find(key)) return *v;
    if ((entries_.size() + 1) * 2 > slots_.size()) Rehash(slots_.empty() ? 16 : slots_.size() * 2);
    entries_.emplace_back(std::string(key), V());
    Place(static_cast<int32_t>(entries_.size() - 1));
    return entries_.back().second;
  }

  size_t size() const { return entries_.size(); }
  bool empty() const { return entries_.empty(); }
  typename std::vector<Entry>::iterator begin() { return entries_.begin(); }
  typename std::vector<Entry>::iterator end() { return entries_.end(); }
  typename std::vector<Entry>::const_iterator begin() const { return entries_.begin(); }
  typename std::vector<Entry>::const_iterator end() const { return entries_.end(); }

 private:
  struct Slot {
    uint32_t tag = 0;
    int32_t index = -1;  // into entries_, -1 when empty
  };
  void Place(int32_t index) {
    const uint64_t h = WordHash(entries_[index].first);
    size_t i = h & mask_;
    while (slots_[i].index >= 0) i = (i + 1) & mask_;
    slots_[i] = Slot{static_cast<uint32_t>(h), index};
  }
  void Rehash(size_t cap) {
    slots_.assign(cap, Slot{});
    mask_ = cap - 1;
    for (int32_t i = 0; i < static_cast<int32_t>(entries_.size()); ++i) Place(i);
  }

  std::vector<Entry> entries_;
  std::vector<Slot> slots_;
  size_t mask_ = 0;
};

// A set of words.
class WordSet {
 public:
  WordSet() = default;
  WordSet(std::initializer_list<const char*> words) {
    for (const char* w : words) insert(w);
  }
  size_t count(std::string_view w) const { return map_.count(w); }
  // Whether a token's word (its `low`, whose WordHash is its `hash`) is in the set.
  template <typename Tok>
  bool Has(const Tok& t) const {
    return map_.Has(t);
  }
  void insert(std::string_view w) { map_[w]; }
  size_t size() const { return map_.size(); }
  bool empty() const { return map_.empty(); }

 private:
  struct Unit {};
  WordMap<Unit> map_;
};

}  // namespace parley::extractors::internal

#endif  // PARLEY_EXTRACTORS_WORD_SET_H_
