// The learned cue detector of the statement extractor: an averaged perceptron that
// decides, token by token, whether a word is the head of an attribution cue
// ("said", "endorsed", "focuses", "according"), from the words around it, the
// cue lexicon and the quotation state. Internal to parley::extractors.
//
// The weights are trained by extractors/tools/train_cue_model.cc on PolNeAR's
// train split and committed as extractors/model/cue_model.txt (hashed features,
// text); the build embeds that file, and NewExtractor parses it once. Only words
// in the model's candidate vocabulary (heads seen in training, plus the lexicon's
// first words) are scored, so the detector costs little per article; a model may
// widen that to the vocabulary's other word forms ("stems 1") and to open
// candidates ("open 1", IsOpenCandidate), which the committed model does not.
//
// Model file format (text, one record a line):
//   parley-cue-model 1
//   threshold <float>
//   vocab <word>                 a candidate head word (lower case)
//   stems 1                      (optional) words sharing a vocab word's CueStem are candidates too
//   open 1                       (optional) IsOpenCandidate words are scored too
//   open-threshold <float>       (optional) their threshold
//   stop <word>                  a frequent word that is never an open candidate
//   w <feature-hash-hex> <float> a non-zero weight
//
// A CueModel is immutable after Parse(): Score() may be called from many threads.
#ifndef PARLEY_EXTRACTORS_CUE_MODEL_H_
#define PARLEY_EXTRACTORS_CUE_MODEL_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "extractors/text_scan.h"
#include "extractors/word_set.h"
#include "graph/core/status.h"
#include "schema/schema.h"

namespace parley::extractors::internal {

// Per-token context the features read, computed once per document.
struct CueContext {
  const ScannedText* st = nullptr;
  std::vector<uint8_t> lex_kind;   // 0: no lexicon cue starts here; else 1 + kind index
  std::vector<char> sent_start;    // the token opens a sentence
  std::vector<char> sent_has_quote;
  // Prefix counts over tokens (entry k counts tokens [0, k)), so that EndFeatures
  // reads a span's commas, lexicon cues and clause boundaries in O(1).
  std::vector<int32_t> comma_prefix, cue_prefix, boundary_prefix;
  // The same for EndContextFeatures: dashes ("--", em dash), parentheses opened minus
  // closed, opening quotation marks.
  std::vector<int32_t> dash_prefix, paren_prefix, open_quote_prefix;
};

// Lexicon kinds in the order lex_kind codes them (1 + index).
inline constexpr const char* kCueKinds[] = {"speech", "belief", "perception", "report", "noun"};

// The schema's cue forms, longest first under their first word, for lex_kind.
class CueLexIndex {
 public:
  explicit CueLexIndex(const schema::Schema& schema);
  // lex_kind per token: the kind code of the longest form starting at each word.
  void Mark(const ScannedText& st, std::vector<uint8_t>* lex_kind) const;

 private:
  struct Form {
    std::vector<std::string> words;
    uint8_t kind = 0;
  };
  WordMap<std::vector<Form>> index_;
};

// Fills sent_start, sent_has_quote and the prefix counts from st and lex_kind
// (lex_kind is the caller's and must be filled first).
void FillSentenceContext(CueContext* ctx);

// The most features CueFeatures, EndFeatures or EndContextFeatures writes at once.
inline constexpr size_t kMaxFeatures = 64;

// Appends the hashed features of token k to out.
// With unk, the word itself is hidden (an open candidate, see CueModel).
void CueFeatures(const CueContext& ctx, int32_t k, std::vector<uint64_t>* out, bool unk = false);
// The same written to out[0, n) (room for kMaxFeatures), n returned: the extractor
// scores them where they are (a vector insert per candidate cost a memmove call).
size_t CueFeatures(const CueContext& ctx, int32_t k, uint64_t* out, bool unk = false);

// Whether token e may end a reported clause that runs right of its cue: the
// sentence end se, punctuation, a closing quotation mark or a clause word.
bool IsEndCandidate(const ScannedText& st, int32_t e, int32_t se);

// Appends the hashed features of ending content [r, e) (of the cue headed at h,
// in the sentence ending at se) to out; e is an IsEndCandidate position.
void EndFeatures(const CueContext& ctx, int32_t h, int32_t r, int32_t e, int32_t se, std::vector<uint64_t>* out);
// The same written to out[0, n) (room for kMaxFeatures), n returned.
size_t EndFeatures(const CueContext& ctx, int32_t h, int32_t r, int32_t e, int32_t se,
                   uint64_t* out);

// A crude suffix-stripping stem ("endorsed", "endorses" -> "endors"): shares
// evidence between a word's forms, and with "stems 1" makes every form of a
// vocabulary word a candidate.
std::string_view CueStem(std::string_view w);

// An auxiliary, an adverb or "to": a word CueHead skips ("has repeatedly said").
bool IsCueFiller(std::string_view w);

// The token index of the head of a cue covering code points [b, e): its first word
// that is not an auxiliary, adverb or "to"; -1 when none.
int32_t CueHead(const ScannedText& st, int32_t b, int32_t e);

class CueModel {
 public:
  // InvalidArgument naming the line when the text is not a model file.
  [[nodiscard]] Status Parse(std::string_view text);

  bool empty() const { return weights_.empty(); }
  // Reads the table Freeze() built from the vocabulary.
  bool IsCandidate(std::string_view low) const {
    return frozen_vocab_.count(low) > 0 || (stems_ && frozen_stems_.count(CueStem(low)) > 0);
  }
  bool IsCandidate(const Token& t) const {
    return frozen_vocab_.Has(t) || (stems_ && frozen_stems_.count(CueStem(t.low)) > 0);
  }
  // With "open 1", a word outside the vocabulary and the stop list, lower case, of four
  // letters or more and followed by punctuation, a quotation or a short lower-case
  // word is scored too, by CueFeatures(..., unk = true).
  bool IsOpenCandidate(const ScannedText& st, int32_t k) const;
  float threshold() const { return threshold_; }
  // The threshold of open candidates (their words unseen, their scores lower).
  float open_threshold() const { return open_threshold_; }
  float Score(const std::vector<uint64_t>& feats) const {
    return Score(feats.data(), feats.size());
  }
  // The same for feats[0, n).
  float Score(const uint64_t* feats, size_t n) const;

  // For the trainer.
  std::unordered_map<uint64_t, float>& mutable_weights() { return weights_; }
  std::unordered_set<std::string>& mutable_vocab() { return vocab_; }
  void set_threshold(float t) { threshold_ = t; }
  void set_stems(bool on) { stems_ = on; }
  void set_open(bool on) { open_ = on; }
  void set_open_threshold(float t) { open_threshold_ = t; }
  std::unordered_set<std::string>& mutable_stop() { return stop_; }
  std::string Serialize() const;
  // Builds the open-addressing table Score() reads (Parse() calls it).
  void Freeze();
  // The first weight Freeze() could not keep apart from another (its 32-bit key
  // matched one on its probe path, so Score() would read the other's weight), or 0.
  uint64_t key_clash() const { return clash_; }

 private:
  // Open addressing over 8-byte slots: a feature's slot comes from its low bits and
  // its key from its high 32 (slots of the full 64-bit hash, 16 bytes with padding,
  // doubled Score's cache misses). Freeze() notes a weight whose key another weight
  // on its probe path shares (Parse() rejects that model); a feature absent from the
  // model is read as one present only if it agrees with it in the slot bits and all
  // 31 key bits, a chance of about 2^-31 per probe.
  struct TableSlot {
    uint32_t key = 0;  // 0: empty
    float weight = 0;
  };
  size_t Slot(uint64_t f) const { return (f ^ (f >> 29)) & mask_; }
  static uint32_t Key(uint64_t f) { return static_cast<uint32_t>(f >> 32) | 1u; }
  std::vector<TableSlot> table_;
  size_t mask_ = 0;
  uint64_t clash_ = 0;  // the first weight whose key clashed in Freeze(), or 0
  std::unordered_map<uint64_t, float> weights_;
  std::unordered_set<std::string> vocab_;
  WordSet frozen_vocab_;  // vocab_, for IsCandidate
  WordSet frozen_stems_;  // CueStem of vocab_ when stems_
  bool stems_ = false;    // a word whose CueStem a vocabulary word shares is a candidate
  bool open_ = false;     // IsOpenCandidate words are scored too
  std::unordered_set<std::string> stop_;  // frequent words that never head a cue
  WordSet frozen_stop_;
  float threshold_ = 0;
  float open_threshold_ = 0;
};

// The models embedded at build time (extractors/model/cue_model.txt and
// end_model.txt, same format: the end model ranks IsEndCandidate positions); empty
// text when the build had none.
std::string_view EmbeddedCueModel();
std::string_view EmbeddedEndModel();

}  // namespace parley::extractors::internal

#endif  // PARLEY_EXTRACTORS_CUE_MODEL_H_
