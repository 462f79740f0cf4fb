// The extractor: turns one Document into one Extraction (statements with their
// speakers and cues, entities, events, relations, the article's dates and
// outlets). It never writes anything: whoever holds the store applies the value.
//
// An Extractor is built once from a loaded Schema (it compiles the lexicons into
// its own lookup tables) and is then immutable: Extract() may be called from many
// threads at once.
#ifndef PARLEY_EXTRACTORS_EXTRACTOR_H_
#define PARLEY_EXTRACTORS_EXTRACTOR_H_

#include <memory>
#include <string>

#include "graph/core/extraction.h"
#include "graph/core/status.h"
#include "schema/schema.h"

namespace parley::extractors {

// Bumped whenever a change to the rules may change what is extracted: the store
// re-extracts an article whose ledger names another version.
inline constexpr char kExtractorVersion[] = "parley-rules-0.72";

class Extractor {
 public:
  virtual ~Extractor() = default;

  // Never fails on text: odd quotation marks, huge paragraphs or no sentences at
  // all give fewer statements, not an error. The document's text must be valid UTF-8.
  virtual Extraction Extract(const Document& doc) const = 0;
};

// InvalidArgument when the schema's lexicons cannot be compiled (an empty cue form).
Result<std::unique_ptr<Extractor>> NewExtractor(const schema::Schema& schema);

}  // namespace parley::extractors

#endif  // PARLEY_EXTRACTORS_EXTRACTOR_H_
