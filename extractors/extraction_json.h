// The extraction JSONL of ../shared/eval/FORMAT.md: one Extraction <-> one line.
// Offsets are code-point offsets. Stateless: thread-safe.
#ifndef PARLEY_EXTRACTORS_EXTRACTION_JSON_H_
#define PARLEY_EXTRACTORS_EXTRACTION_JSON_H_

#include <string>
#include <string_view>

#include "graph/core/extraction.h"
#include "graph/core/status.h"

namespace parley::extractors {

// One line of JSON, no trailing newline. `text` is included unless include_text is false.
std::string ExtractionToJson(const Extraction& extraction, bool include_text = true);

// Parses a line written by ExtractionToJson (or by another machine's `parley extract`).
// InvalidArgument naming the field at fault.
Result<Extraction> ExtractionFromJson(std::string_view line);

}  // namespace parley::extractors

#endif  // PARLEY_EXTRACTORS_EXTRACTION_JSON_H_
