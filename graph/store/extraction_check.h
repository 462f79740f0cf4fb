// The invariants an Extraction must meet before the store writes it. Internal to
// graph/store. A pure function: thread-safe.
#ifndef PARLEY_GRAPH_STORE_EXTRACTION_CHECK_H_
#define PARLEY_GRAPH_STORE_EXTRACTION_CHECK_H_

#include "graph/core/extraction.h"
#include "graph/core/status.h"

namespace parley::store {

// OK, or InvalidArgument naming the article, the item and what is wrong
// (`article "a1": statement "s2": speaker_entity "e9" is not an entity of the article`).
// Checked: a non-empty article id; non-empty, unique local ids of statements,
// entities and events; entity types person|country|organization with a non-empty
// name; speaker_entity, reported_by, event participants and relation ends naming
// local items; relation types known to the store (key_format.h); every span with
// 0 <= begin <= end (and end within the text when the text is given); dates
// YYYY-MM-DD (or YYYY-MM, YYYY).
Status ValidateExtraction(const Extraction& x);

}  // namespace parley::store

#endif  // PARLEY_GRAPH_STORE_EXTRACTION_CHECK_H_
