// The averaged perceptron ranker both trainers share (train_cue_model's clause-end
// model, train_start_model's clause-start model): each example is a list of
// candidates' feature hashes with the index of the gold candidate; training moves
// weights towards the gold candidate's features and away from the predicted one's.
// Header-only, for the two dev tools only.
#ifndef PARLEY_EXTRACTORS_TOOLS_RANKER_TRAINING_H_
#define PARLEY_EXTRACTORS_TOOLS_RANKER_TRAINING_H_

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <random>
#include <unordered_map>
#include <vector>

#include "extractors/cue_model.h"

namespace parley::extractors::tools {

// One ranking problem: the candidates of one reported clause, and the gold one.
struct RankExample {
  std::vector<std::vector<uint64_t>> cands;
  size_t gold = 0;
};

// The index of the best-scoring candidate (the first on ties).
inline size_t BestCandidate(const std::unordered_map<uint64_t, float>& w, const RankExample& ex) {
  size_t best = 0;
  float bs = -1e30f;
  for (size_t i = 0; i < ex.cands.size(); ++i) {
    float s = 0;
    for (uint64_t f : ex.cands[i]) {
      auto it = w.find(f);
      if (it != w.end()) s += it->second;
    }
    if (s > bs) {
      bs = s;
      best = i;
    }
  }
  return best;
}

// Trains for `epochs` shuffled passes (deterministic for `seed`), printing the errors of
// each pass as "<name> model epoch N"; keeps the averaged weights beyond +-prune.
inline internal::CueModel TrainRanker(const char* name, const std::vector<RankExample>& ex, int epochs,
                                      float prune, uint32_t seed) {
  std::unordered_map<uint64_t, float> w, u;
  std::mt19937 rng(seed);
  std::vector<size_t> order(ex.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  float c = 1;
  for (int ep = 0; ep < epochs; ++ep) {
    std::shuffle(order.begin(), order.end(), rng);
    int errors = 0;
    for (size_t i : order) {
      const RankExample& e = ex[i];
      size_t p = BestCandidate(w, e);
      if (p != e.gold) {
        ++errors;
        for (uint64_t f : e.cands[e.gold]) {
          w[f] += 1;
          u[f] += c;
        }
        for (uint64_t f : e.cands[p]) {
          w[f] -= 1;
          u[f] -= c;
        }
      }
      c += 1;
    }
    std::fprintf(stderr, "%s model epoch %d: %d/%zu errors\n", name, ep + 1, errors, ex.size());
  }
  internal::CueModel m;
  for (const auto& [f, v] : w) {
    float avg = v - u[f] / c;
    if (avg > prune || avg < -prune) m.mutable_weights()[f] = avg;
  }
  return m;
}

}  // namespace parley::extractors::tools

#endif  // PARLEY_EXTRACTORS_TOOLS_RANKER_TRAINING_H_
