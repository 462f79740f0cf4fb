// What the rule extractor did with each cue it accepted: a development aid for
// finding the layouts in which an accepted cue yields no statement
// (extractors/tools/eval_extract.cc --cue-trace, scripts/eval-frames). Internal to
// parley::extractors; the extractor's output is the same with or without a trace.
#ifndef PARLEY_EXTRACTORS_CUE_TRACE_H_
#define PARLEY_EXTRACTORS_CUE_TRACE_H_

#include <vector>

#include "extractors/extractor.h"
#include "graph/core/extraction.h"

namespace parley::extractors::internal {

struct CueTrace {
  Span cue;               // code points of the cue words as the lexicon or the model found them
  float score = 0;        // the cue model's score; -1e30 when it did not score the word
  bool learned = false;   // a cue word the lexicon lacks, added by the model
  bool quoted = false;    // inside a quotation (only nested attributions frame there)
  int candidates = 0;     // candidate statements whose cue covers it
  int kept = 0;           // of those, the ones emitted
};

// Extracts doc like extractor.Extract(doc) and lists the accepted cues in text
// order. extractor must come from NewExtractor; for any other, an empty list.
std::vector<CueTrace> TraceCues(const Extractor& extractor, const Document& doc, Extraction* out);

}  // namespace parley::extractors::internal

#endif  // PARLEY_EXTRACTORS_CUE_TRACE_H_
