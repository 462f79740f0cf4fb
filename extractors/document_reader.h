// Reading articles from files: JSONL documents ({"id","text","date","title",
// "source"} a line) and plain-text articles (dateline, title, body; the id is the
// file name without its extension). Every problem names the file and, for JSONL,
// the line; a bad item is skipped and the rest of the batch goes on.
// Stateless functions: thread-safe.
#ifndef PARLEY_EXTRACTORS_DOCUMENT_READER_H_
#define PARLEY_EXTRACTORS_DOCUMENT_READER_H_

#include <cstddef>
#include <functional>
#include <string>
#include <vector>

#include "graph/core/extraction.h"
#include "graph/core/status.h"

namespace parley::extractors {

struct ReadOptions {
  size_t max_article_bytes = 4 << 20;  // a larger article is refused (TooLarge)
};

// A skipped input: "fixtures/bad.jsonl:3: not JSON: missing a closing brace".
struct ReadProblem {
  std::string where;  // "path" or "path:line"
  Status status;
};

// Reads `path` ("-" is standard input; .jsonl/.ndjson are JSONL, anything else a
// text article) and calls `sink` for every valid document, in order. Problems with
// single items go to `problems` and reading goes on. Returns IOError only when the
// file itself cannot be opened or read.
Status ReadDocuments(const std::string& path, const ReadOptions& options,
                     const std::function<void(Document&&)>& sink,
                     std::vector<ReadProblem>* problems);

}  // namespace parley::extractors

#endif  // PARLEY_EXTRACTORS_DOCUMENT_READER_H_
