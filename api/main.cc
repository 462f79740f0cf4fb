// parley: the command-line entry point and the one place that wires the libraries
// together (schema -> extractor -> store -> API). Subcommands:
//   extract [FILE|-]...          extraction JSONL to stdout, one line per article
//   ingest  --db DIR FILE...     extract and store, one atomic write per article
//   load    --db DIR FILE...     store extraction JSONL made elsewhere (`parley extract`)
//   serve   --db DIR [--listen] [--token-file FILE]  the REST API (POST /v1/articles
//           with a token from FILE or $PARLEY_API_TOKEN)
//   timeline --db DIR --speaker ID|NAME [--from --to --polarity --hedged]
//            --format json|csv|md|timelinejs
//   export  --db DIR --node ID [--depth N] --format graphml|gexf|cytoscape|dot
//   stats   --db DIR             counts (edges by kind too) as one JSON object
//   remove  --db DIR ARTICLE_ID...  retract articles, one atomic write each
//   check   --db DIR [--expect-articles FILE]  verify every invariant of the database
// Exit status: 0 success; 1 fatal error (nothing or not everything could be done; for
// check: the database breaks an invariant); 2 bad usage; 3 some inputs were skipped
// (each named on stderr), the rest was done.
#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <functional>
#include <future>
#include <iostream>
#include <memory>
#include <span>
#include <optional>
#include <string>
#include <thread>
#include <tuple>
#include <vector>

#include "api/handlers.h"
#include "api/http_server.h"
#include "api/queries.h"
#include "extractors/document_reader.h"
#include "extractors/extraction_json.h"
#include "extractors/extractor.h"
#include "graph/core/ids.h"
#include "graph/projection.h"
#include "graph/store/store.h"
#include "schema/schema.h"

namespace parley {
namespace {

constexpr int kExitOk = 0;
constexpr int kExitFatal = 1;
constexpr int kExitUsage = 2;
constexpr int kExitSkipped = 3;

struct GlobalFlags {
  std::string schema_dir;
  int threads = 0;  // 0: one per core
};

int Threads(const GlobalFlags& flags) {
  if (flags.threads > 0) return flags.threads;
  unsigned n = std::thread::hardware_concurrency();
  return n == 0 ? 1 : static_cast<int>(n);
}

void PrintError(const std::string& what) { std::fprintf(stderr, "parley: %s\n", what.c_str()); }

// A progress line on stderr, redrawn at most five times a second, only on a terminal.
class Progress {
 public:
  explicit Progress(const char* verb) : verb_(verb), tty_(isatty(STDERR_FILENO) == 1) {
    start_ = last_ = std::chrono::steady_clock::now();
  }
  void Update(size_t done, size_t skipped, bool force = false) {
    if (!tty_) return;
    auto now = std::chrono::steady_clock::now();
    if (!force && now - last_ < std::chrono::milliseconds(200)) return;
    last_ = now;
    double secs = std::chrono::duration<double>(now - start_).count();
    std::fprintf(stderr, "\r%s %zu articles (%.0f/s), %zu skipped   ", verb_, done,
                 secs > 0 ? static_cast<double>(done) / secs : 0.0, skipped);
    std::fflush(stderr);
  }
  void Finish(size_t done, size_t skipped) {
    if (!tty_) return;
    Update(done, skipped, true);
    std::fputc('\n', stderr);
  }

 private:
  const char* verb_;
  bool tty_;
  std::chrono::steady_clock::time_point start_, last_;
};

Result<std::unique_ptr<extractors::Extractor>> MakeExtractor(const GlobalFlags& flags) {
  std::string dir = flags.schema_dir.empty() ? schema::DefaultSchemaDir() : flags.schema_dir;
  Result<schema::Schema> schema = schema::LoadSchema(dir);
  if (!schema.ok()) return schema.status();
  return extractors::NewExtractor(*schema);
}

// Calls fn(i) for every i in [0, n) on up to `threads` threads (the caller's included).
void ParallelFor(size_t n, int threads, const std::function<void(size_t)>& fn) {
  std::atomic<size_t> next{0};
  auto work = [&] {
    for (size_t i; (i = next.fetch_add(1)) < n;) fn(i);
  };
  int extra = std::min<int>(threads, static_cast<int>(n)) - 1;
  std::vector<std::thread> pool;
  for (int t = 0; t < extra; ++t) pool.emplace_back(work);
  work();
  for (auto& t : pool) t.join();
}

// Extracts `docs` on `threads` threads; out[i] is the extraction of docs[i].
std::vector<Extraction> ExtractAll(const extractors::Extractor& extractor,
                                   const std::vector<Document>& docs, int threads) {
  std::vector<Extraction> out(docs.size());
  ParallelFor(docs.size(), threads, [&](size_t i) { out[i] = extractor.Extract(docs[i]); });
  return out;
}

// Articles per batch of extract, ingest and load. Each PutArticles call drains the
// store's write pipeline at its end (the last group's write overlaps no building), so
// larger batches leave fewer such gaps.
constexpr size_t kBatch = 1024;

// Reads every input in order and hands documents to `flush` in batches, so that a
// large corpus is never held in memory whole. Returns the number of skipped inputs.
size_t ReadInBatches(const std::vector<std::string>& inputs,
                     const std::function<void(std::vector<Document>&)>& flush) {
  size_t skipped = 0;
  std::vector<Document> batch;
  extractors::ReadOptions options;
  for (const std::string& path : inputs) {
    std::vector<extractors::ReadProblem> problems;
    Status st = extractors::ReadDocuments(
        path, options,
        [&](Document&& doc) {
          batch.push_back(std::move(doc));
          if (batch.size() >= kBatch) {
            flush(batch);
            batch.clear();
          }
        },
        &problems);
    for (const auto& p : problems) {
      // the reader's messages mostly name the place and say "skipped" already
      const std::string& m = p.status.message();
      PrintError(m.starts_with(p.where) ? m : "skipped " + p.where + ": " + m);
      ++skipped;
    }
    if (!st.ok()) {
      PrintError("skipped " + path + ": " + st.message());
      ++skipped;
    }
  }
  if (!batch.empty()) flush(batch);
  return skipped;
}

int RunExtract(const GlobalFlags& flags, std::vector<std::string> inputs) {
  if (inputs.empty()) inputs.push_back("-");
  auto extractor = MakeExtractor(flags);
  if (!extractor.ok()) {
    PrintError(extractor.status().ToString());
    return kExitFatal;
  }
  int threads = Threads(flags);
  std::string line;
  size_t skipped = ReadInBatches(inputs, [&](std::vector<Document>& docs) {
    for (const Extraction& x : ExtractAll(**extractor, docs, threads)) {
      line = extractors::ExtractionToJson(x);
      line.push_back('\n');
      std::fwrite(line.data(), 1, line.size(), stdout);
    }
  });
  std::fflush(stdout);
  if (std::ferror(stdout)) {
    PrintError("could not write to standard output");
    return kExitFatal;
  }
  return skipped ? kExitSkipped : kExitOk;
}

// `chunk`: StoreOptions::bulk_chunk_articles of ingest and load (`--chunk`); 0 turns
// the table-file writes off (one WriteBatch per group of articles).
Result<std::unique_ptr<store::Store>> OpenStore(const std::string& dir, bool create = true,
                                                std::optional<size_t> chunk = std::nullopt) {
  store::StoreOptions options;
  options.create_if_missing = create;
  if (chunk && *chunk == 0) {
    options.bulk_min_articles = 0;
  } else if (chunk) {
    options.bulk_chunk_articles = *chunk;
  }
  return store::OpenRocksDbStore(dir, options);
}

struct PutCounts {
  size_t stored = 0, unchanged = 0, replaced = 0, failed = 0, statements = 0;
  size_t done() const { return stored + unchanged + replaced; }
};

// Where `--ack-file` sends the id of each article once its write has returned: one
// line per article, flushed at once, so a process killed at any point has
// acknowledged only articles the store holds (a crash test relies on it).
class AckFile {
 public:
  Status Open(const std::string& path) {
    if (path.empty()) return Status::OK();
    fd_ = ::open(path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
    if (fd_ < 0) return Status::IOError("--ack-file " + path + ": " + std::strerror(errno));
    path_ = path;
    return Status::OK();
  }
  ~AckFile() {
    if (fd_ >= 0) ::close(fd_);
  }
  // One write(2) per line: the kernel keeps it even if this process dies next.
  Status Ack(const std::string& id) {
    if (fd_ < 0) return Status::OK();
    std::string line = id + "\n";
    for (size_t done = 0; done < line.size();) {
      ssize_t n = ::write(fd_, line.data() + done, line.size() - done);
      if (n < 0 && errno == EINTR) continue;
      if (n < 0) return Status::IOError("--ack-file " + path_ + ": " + std::strerror(errno));
      done += static_cast<size_t>(n);
    }
    return Status::OK();
  }

 private:
  int fd_ = -1;
  std::string path_;
};

// Stores `batch` (several whole articles per atomic write), counting what happened;
// an article is acknowledged as soon as its write has returned OK (not at the end of
// the batch), an unchanged one at the end, and a refused one is named on stderr.
void PutAll(store::Store& db, std::span<const Extraction> batch, PutCounts* counts, AckFile* ack) {
  enum : char { kPending, kAcked, kAckFailed };
  std::vector<char> acks(batch.size(), kPending);
  auto acknowledge = [&](size_t i) {
    Status st = ack->Ack(batch[i].id);
    if (!st.ok()) PrintError(st.ToString());
    acks[i] = st.ok() ? kAcked : kAckFailed;
  };
  std::vector<Result<store::PutOutcome>> results = db.PutArticles(batch, acknowledge);
  for (size_t i = 0; i < batch.size(); ++i) {
    const Extraction& x = batch[i];
    const Result<store::PutOutcome>& r = results[i];
    if (!r.ok()) {
      PrintError("skipped article " + x.id + ": " + r.status().ToString());
      ++counts->failed;
      continue;
    }
    if (acks[i] == kPending) acknowledge(i);
    if (acks[i] == kAckFailed) ++counts->failed;
    switch (*r) {
      case store::PutOutcome::kStored:
        ++counts->stored;
        break;
      case store::PutOutcome::kUnchanged:
        ++counts->unchanged;
        break;
      case store::PutOutcome::kReplaced:
        ++counts->replaced;
        break;
    }
    counts->statements += x.statements.size();
  }
}

void PrintSummary(const char* verb, const PutCounts& c, size_t skipped) {
  std::fprintf(stderr,
               "%s %zu articles: %zu stored, %zu replaced, %zu unchanged; %zu statements; "
               "%zu inputs skipped\n",
               verb, c.done(), c.stored, c.replaced, c.unchanged, c.statements, skipped + c.failed);
}

int RunIngest(const GlobalFlags& flags, const std::string& db_dir, std::optional<size_t> chunk,
              const std::vector<std::string>& inputs, const std::string& ack_path) {
  AckFile ack;
  if (Status st = ack.Open(ack_path); !st.ok()) {
    PrintError(st.ToString());
    return kExitFatal;
  }
  auto extractor = MakeExtractor(flags);
  if (!extractor.ok()) {
    PrintError(extractor.status().ToString());
    return kExitFatal;
  }
  auto db = OpenStore(db_dir, /*create=*/true, chunk);
  if (!db.ok()) {
    PrintError(db.status().ToString());
    return kExitFatal;
  }
  int threads = Threads(flags);
  PutCounts counts;
  Progress progress("ingested");
  // A pipeline of two stages: batch i+1 is extracted (on its own threads) while batch
  // i is stored, in input order. Storing is the slower stage (~2x extraction, here).
  std::future<std::vector<Extraction>> previous;
  auto store_previous = [&] {
    if (!previous.valid()) return;
    std::vector<Extraction> extracted = previous.get();
    PutAll(**db, extracted, &counts, &ack);
    progress.Update(counts.done(), counts.failed);
  };
  const size_t skipped = ReadInBatches(inputs, [&](std::vector<Document>& docs) {
    auto batch = std::make_shared<std::vector<Document>>(std::move(docs));
    std::future<std::vector<Extraction>> next = std::async(
        std::launch::async,
        [&extractor, batch, threads] { return ExtractAll(**extractor, *batch, threads); });
    store_previous();
    previous = std::move(next);
  });
  store_previous();
  progress.Finish(counts.done(), skipped + counts.failed);
  PrintSummary("ingested", counts, skipped);
  return skipped + counts.failed ? kExitSkipped : kExitOk;
}

// One line of extraction JSONL, with where it came from for messages.
struct JsonlLine {
  std::string where;  // "path:line"
  std::string text;
};

// Parses `lines` on `threads` threads; out[i] is the parse of lines[i].
std::vector<Result<Extraction>> ParseAll(const std::vector<JsonlLine>& lines, int threads) {
  std::vector<Result<Extraction>> out(lines.size(),
                                      Result<Extraction>(Status::Internal("unparsed")));
  ParallelFor(lines.size(), threads,
              [&](size_t i) { out[i] = extractors::ExtractionFromJson(lines[i].text); });
  return out;
}

int RunLoad(const GlobalFlags& flags, const std::string& db_dir, std::optional<size_t> chunk,
            const std::vector<std::string>& inputs, const std::string& ack_path) {
  AckFile ack;
  if (Status st = ack.Open(ack_path); !st.ok()) {
    PrintError(st.ToString());
    return kExitFatal;
  }
  auto db = OpenStore(db_dir, /*create=*/true, chunk);
  if (!db.ok()) {
    PrintError(db.status().ToString());
    return kExitFatal;
  }
  const int threads = Threads(flags);
  PutCounts counts;
  size_t skipped = 0;
  Progress progress("loaded");
  // Two stages, as in ingest: batch i+1 is parsed (on every core) while batch i is
  // stored, in input order.
  std::future<std::vector<Result<Extraction>>> parsed;
  std::shared_ptr<std::vector<JsonlLine>> parsed_lines;
  auto store_parsed = [&] {
    if (!parsed.valid()) return;
    std::vector<Result<Extraction>> results = parsed.get();
    std::vector<Extraction> good;
    good.reserve(results.size());
    for (size_t i = 0; i < results.size(); ++i) {
      if (results[i].ok()) {
        good.push_back(std::move(results[i]).value());
      } else {
        PrintError("skipped " + (*parsed_lines)[i].where + ": " + results[i].status().message());
        ++skipped;
      }
    }
    PutAll(**db, good, &counts, &ack);
    progress.Update(counts.done(), skipped + counts.failed);
  };
  auto lines = std::make_shared<std::vector<JsonlLine>>();
  auto flush = [&] {
    if (lines->empty()) return;
    auto batch = std::move(lines);
    lines = std::make_shared<std::vector<JsonlLine>>();
    auto next =
        std::async(std::launch::async, [batch, threads] { return ParseAll(*batch, threads); });
    store_parsed();
    parsed = std::move(next);
    parsed_lines = std::move(batch);
  };
  for (const std::string& path : inputs) {
    FILE* f = path == "-" ? stdin : std::fopen(path.c_str(), "rb");
    if (f == nullptr) {
      PrintError("skipped " + path + ": cannot open: " + std::strerror(errno));
      ++skipped;
      continue;
    }
    char* buf = nullptr;
    size_t cap = 0;
    ssize_t len;
    for (size_t line_no = 1; (len = getline(&buf, &cap, f)) >= 0; ++line_no) {
      std::string_view line(buf, static_cast<size_t>(len));
      while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) line.remove_suffix(1);
      if (line.find_first_not_of(" \t") == std::string_view::npos) continue;
      lines->push_back({path + ":" + std::to_string(line_no), std::string(line)});
      if (lines->size() >= kBatch) flush();
    }
    std::free(buf);
    if (f != stdin) std::fclose(f);
  }
  flush();
  store_parsed();
  progress.Finish(counts.done(), skipped + counts.failed);
  PrintSummary("loaded", counts, skipped);
  return skipped + counts.failed ? kExitSkipped : kExitOk;
}

int RunStats(const std::string& db_dir) {
  auto db = OpenStore(db_dir);
  if (!db.ok()) {
    PrintError(db.status().ToString());
    return kExitFatal;
  }
  Result<store::StoreStats> s = (*db)->Stats();
  if (!s.ok()) {
    PrintError(s.status().ToString());
    return kExitFatal;
  }
  std::string by_kind;
  for (int k = 1; k <= store::kMaxEdgeKind; ++k) {
    if (!by_kind.empty()) by_kind += ", ";
    by_kind += "\"" + std::string(store::EdgeKindName(static_cast<store::EdgeKind>(k))) +
               "\": " + std::to_string(s->edges_by_kind[k]);
  }
  std::printf(
      "{\"articles\": %llu, \"statements\": %llu, \"entities\": %llu, \"events\": %llu, "
      "\"edges\": %llu, \"edges_by_kind\": {%s}}\n",
      static_cast<unsigned long long>(s->articles), static_cast<unsigned long long>(s->statements),
      static_cast<unsigned long long>(s->entities), static_cast<unsigned long long>(s->events),
      static_cast<unsigned long long>(s->edges), by_kind.c_str());
  return kExitOk;
}

int RunRemove(const std::string& db_dir, const std::vector<std::string>& ids) {
  auto db = OpenStore(db_dir, /*create=*/false);
  if (!db.ok()) {
    PrintError(db.status().ToString());
    return kExitFatal;
  }
  size_t removed = 0, missing = 0;
  for (const std::string& id : ids) {
    Status st = (*db)->RemoveArticle(id);
    if (st.IsNotFound()) {
      PrintError("skipped " + st.message());
      ++missing;
    } else if (!st.ok()) {
      PrintError(st.ToString());
      return kExitFatal;
    } else {
      ++removed;
    }
  }
  std::fprintf(stderr, "removed %zu articles; %zu not found\n", removed, missing);
  if (missing == 0) return kExitOk;
  return removed == 0 ? kExitFatal : kExitSkipped;
}

// Adds a problem to `report` for each article id listed in `path` (one a line) that
// `db` does not hold.
Status CheckExpectedArticles(store::Store& db, const std::string& path, store::CheckReport* report,
                             uint64_t* expected) {
  FILE* f = std::fopen(path.c_str(), "rb");
  if (f == nullptr)
    return Status::IOError("--expect-articles " + path + ": " + std::strerror(errno));
  char* buf = nullptr;
  size_t cap = 0;
  ssize_t len;
  Status status;
  while ((len = getline(&buf, &cap, f)) >= 0) {
    std::string id(buf, static_cast<size_t>(len));
    while (!id.empty() && (id.back() == '\n' || id.back() == '\r')) id.pop_back();
    if (id.empty()) continue;
    ++*expected;
    Result<store::ArticleRecord> a = db.GetArticle(ArticleNodeId(id));
    if (a.ok() && a->external_id == id) continue;
    if (!a.ok() && !a.status().IsNotFound()) {
      status = a.status();
      break;
    }
    ++report->problem_count;
    if (report->problems.size() < store::kMaxCheckProblems) {
      report->problems.push_back("article \"" + id + "\" (listed in " + path + ") is not stored");
    }
  }
  std::free(buf);
  std::fclose(f);
  return status;
}

int RunCheck(const std::string& db_dir, const std::string& expect_path) {
  auto db = OpenStore(db_dir, /*create=*/false);
  if (!db.ok()) {
    PrintError(db.status().ToString());
    return kExitFatal;
  }
  Result<store::CheckReport> r = (*db)->Check();
  if (!r.ok()) {
    PrintError(r.status().ToString());
    return kExitFatal;
  }
  uint64_t expected = 0;
  if (!expect_path.empty()) {
    if (Status st = CheckExpectedArticles(**db, expect_path, &*r, &expected); !st.ok()) {
      PrintError(st.ToString());
      return kExitFatal;
    }
  }
  for (const std::string& p : r->problems) PrintError("check: " + p);
  if (r->problem_count > r->problems.size()) {
    PrintError("check: ... and " + std::to_string(r->problem_count - r->problems.size()) +
               " more problems");
  }
  std::printf(
      "{\"ok\": %s, \"problems\": %llu, \"records\": %llu, \"edges\": %llu, "
      "\"index_entries\": %llu, \"ledger_entries\": %llu, \"expected_articles\": %llu}\n",
      r->ok() ? "true" : "false", static_cast<unsigned long long>(r->problem_count),
      static_cast<unsigned long long>(r->records), static_cast<unsigned long long>(r->edges),
      static_cast<unsigned long long>(r->index_entries),
      static_cast<unsigned long long>(r->ledger_entries),
      static_cast<unsigned long long>(expected));
  if (!r->ok()) {
    PrintError("database " + db_dir + " breaks " + std::to_string(r->problem_count) +
               " invariants (listed above)");
    return kExitFatal;
  }
  return kExitOk;
}

// Splits "HOST:PORT" ("127.0.0.1:8080", "[::1]:8080", ":8080").
Status ParseListen(const std::string& listen, std::string* host, uint16_t* port) {
  size_t colon = listen.rfind(':');
  if (colon == std::string::npos) return Status::InvalidArgument("--listen wants HOST:PORT");
  std::string h = listen.substr(0, colon);
  if (h.size() >= 2 && h.front() == '[' && h.back() == ']') h = h.substr(1, h.size() - 2);
  std::string p = listen.substr(colon + 1);
  char* end = nullptr;
  long v = std::strtol(p.c_str(), &end, 10);
  if (p.empty() || *end != '\0' || v < 1 || v > 65535) {
    return Status::InvalidArgument("--listen: port \"" + p + "\" is not a number from 1 to 65535");
  }
  *host = h.empty() ? "127.0.0.1" : h;
  *port = static_cast<uint16_t>(v);
  return Status::OK();
}

// The ingest token: the first line of `token_file` (trailing white space dropped),
// else $PARLEY_API_TOKEN, else "" (ingest disabled).
Result<std::string> ReadToken(const std::string& token_file) {
  std::string token;
  if (!token_file.empty()) {
    std::ifstream in(token_file, std::ios::binary);
    if (!in) return Status::IOError("--token-file " + token_file + ": " + std::strerror(errno));
    std::getline(in, token);
    while (!token.empty() && std::isspace(static_cast<unsigned char>(token.back())))
      token.pop_back();
    if (token.empty()) return Status::InvalidArgument("--token-file " + token_file + " is empty");
  } else if (const char* env = std::getenv("PARLEY_API_TOKEN"); env != nullptr) {
    token = env;
  }
  if (!token.empty() && token.size() < 16) {
    return Status::InvalidArgument("the API token must be at least 16 characters");
  }
  for (char c : token) {
    if (static_cast<unsigned char>(c) <= 0x20 || c == 0x7f) {
      return Status::InvalidArgument("the API token must not hold spaces or control characters");
    }
  }
  return token;
}

// `parley serve` flags besides --db.
struct ServeFlags {
  std::string listen = "127.0.0.1:8080";
  std::string token_file;
  size_t max_body_bytes = 8 << 20;
  size_t max_in_flight = 0;  // 0: the server's default (64 per worker thread)
  int timeout_seconds = 10;
  std::vector<std::string> cors_origins;
  int traversal_deadline_ms = 2000;  // see api::ApiOptions::traversal_deadline
};

int RunServe(const GlobalFlags& flags, const std::string& db_dir, const ServeFlags& serve) {
  const std::string& listen = serve.listen;
  const std::string& token_file = serve.token_file;
  const size_t max_body_bytes = serve.max_body_bytes;
  api::ServerOptions options;
  options.max_in_flight = serve.max_in_flight;
  options.timeout_seconds = serve.timeout_seconds;
  options.cors_origins = serve.cors_origins;
  Status st = ParseListen(listen, &options.host, &options.port);
  if (!st.ok()) {
    PrintError(st.message());
    return kExitUsage;
  }
  if (flags.threads > 0) options.threads = flags.threads;
  options.max_body_bytes = max_body_bytes;
  Result<std::string> token = ReadToken(token_file);
  if (!token.ok()) {
    PrintError(token.status().ToString());
    return kExitUsage;
  }
  api::ApiOptions api_options;
  api_options.ingest_token = *token;
  api_options.max_ingest_body_bytes = max_body_bytes;
  api_options.traversal_deadline = std::chrono::milliseconds(serve.traversal_deadline_ms);
  std::unique_ptr<extractors::Extractor> extractor;
  if (!token->empty()) {
    auto made = MakeExtractor(flags);
    if (!made.ok()) {
      PrintError(made.status().ToString());
      return kExitFatal;
    }
    extractor = std::move(*made);
    api_options.extractor = extractor.get();
  }
  // The people's dated roles for /v1/entities/{id}; without a schema, none are given.
  Result<schema::Schema> people_schema =
      schema::LoadSchema(flags.schema_dir.empty() ? schema::DefaultSchemaDir() : flags.schema_dir);
  if (people_schema.ok()) {
    api_options.people = &people_schema->people;
  } else {
    PrintError("no dated roles in /v1/entities/{id}: " + people_schema.status().ToString());
  }
  // Block the stop signals before any thread starts, so that every thread inherits the
  // mask and only sigwait() below receives them.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

  auto db = OpenStore(db_dir);
  if (!db.ok()) {
    PrintError(db.status().ToString());
    return kExitFatal;
  }
  // Saved in the database folder (RocksDB ignores it): a restart with no write since
  // loads it instead of scanning the store.
  // A snapshot built here is saved after the server is listening (on a thread of its
  // own): a restart after a crash mid-ingest answers sooner.
  std::function<Status()> save_projection;
  auto snapshot =
      graph::GraphSnapshot::BuildOrLoad(**db, db_dir + "/graph.projection", &save_projection);
  if (!snapshot.ok()) {
    PrintError("cannot load the graph: " + snapshot.status().ToString());
    return kExitFatal;
  }
  std::fprintf(stderr, "parley: graph of %zu nodes and %zu edges loaded\n",
               (*snapshot)->VertexCount(), (*snapshot)->EdgeCount());
  graph::GraphProjection projection(std::move(*snapshot));
  api_options.projection = &projection;
  api::Api handlers(**db, std::move(api_options));
  auto server = api::HttpServer::Start(handlers, options);
  if (!server.ok()) {
    PrintError(server.status().ToString());
    return server.status().IsInvalidArgument() ? kExitUsage : kExitFatal;
  }
  std::string base = "http://" + options.host + ":" + std::to_string((*server)->port());
  std::printf(
      "parley: serving %s on %s (Ctrl-C stops)\n"
      "try:\n"
      "  curl '%s/v1/health'\n"
      "  curl '%s/v1/entities?q=Peskov'\n"
      "  curl '%s/v1/statements?speaker=<id from the entity search>&limit=20'\n"
      "  curl '%s/v1/graph/neighborhood?node=<id>&depth=2'\n"
      "ingest (POST /v1/articles) is %s\n",
      db_dir.c_str(), base.c_str(), base.c_str(), base.c_str(), base.c_str(), base.c_str(),
      token->empty() ? "disabled (no --token-file or PARLEY_API_TOKEN)" : "enabled");
  std::fflush(stdout);
  std::thread saver;
  if (save_projection) {
    saver = std::thread([&save_projection] {
      Status saved = save_projection();
      if (!saved.ok()) {
        std::fprintf(stderr, "parley: the projection is not saved: %s\n",
                     saved.ToString().c_str());
      }
    });
  }
  int sig = 0;
  sigwait(&stop_signals, &sig);
  std::fprintf(stderr, "parley: stopping (signal %d)\n", sig);
  (*server)->Stop();
  if (saver.joinable()) saver.join();
  return kExitOk;
}

// Opens a database for reading only: the CLI queries work beside a running server.
Result<std::unique_ptr<store::Store>> OpenForReading(const std::string& dir) {
  store::StoreOptions options;
  options.create_if_missing = false;
  options.read_only = true;
  return store::OpenRocksDbStore(dir, options);
}

// A --speaker value: 16 hex digits, else a name looked up like /v1/entities?q=.
// An entity given as an id or a name (the best match of the entity search); `flag`
// names it in messages ("--speaker").
Result<NodeId> ResolveEntity(store::Store& db, const std::string& flag, const std::string& given) {
  if (auto id = NodeId::FromHex(given)) return *id;
  auto found = db.FindEntities(given, 1);
  if (!found.ok()) return found.status();
  if (found->empty()) return Status::NotFound("no entity matches " + flag + " \"" + given + "\"");
  std::fprintf(stderr, "parley: %s \"%s\" is %s (%s)\n", flag.c_str(), given.c_str(),
               (*found)[0].name.c_str(), (*found)[0].id.ToHex().c_str());
  return (*found)[0].id;
}

// Writes `body` to stdout; false (after saying so) when it cannot.
bool PrintBody(const std::string& body) {
  std::fwrite(body.data(), 1, body.size(), stdout);
  std::fflush(stdout);
  if (std::ferror(stdout)) {
    PrintError("could not write to standard output");
    return false;
  }
  return true;
}

struct TimelineFlags {
  std::string speaker, entity, q, polarity, hedged, from, to, format = "json";
  size_t limit = 1000;
};

int RunTimeline(const std::string& db_dir, const TimelineFlags& f) {
  api::TimelineRequest request;
  request.limit = f.limit;
  for (auto [flag, value, out] :
       {std::tuple{"--from", &f.from, &request.from}, std::tuple{"--to", &f.to, &request.to}}) {
    if (value->empty()) continue;
    if (!api::ParseGraphDate(*value).ok()) {
      PrintError(std::string(flag) + " must be a date YYYY-MM-DD, not \"" + *value + "\"");
      return kExitUsage;
    }
    *out = *value;
  }
  if (request.from && request.to && *request.from > *request.to) {
    PrintError("--from " + *request.from + " is after --to " + *request.to);
    return kExitUsage;
  }
  auto db = OpenForReading(db_dir);
  if (!db.ok()) {
    PrintError(db.status().ToString());
    return kExitFatal;
  }
  for (auto [flag, given, out] : {std::tuple{"--speaker", &f.speaker, &request.speaker},
                                  std::tuple{"--entity", &f.entity, &request.entity}}) {
    if (given->empty()) continue;
    auto id = ResolveEntity(**db, flag, *given);
    if (!id.ok()) {
      PrintError(id.status().ToString());
      return kExitFatal;
    }
    *out = *id;
  }
  request.q = f.q;
  if (!f.polarity.empty()) request.act.negative = f.polarity == "negative";
  if (!f.hedged.empty()) request.act.hedged = f.hedged == "true";
  auto data = api::CollectTimeline(**db, request);
  if (!data.ok()) {
    PrintError(data.status().ToString());
    return data.status().IsInvalidArgument() ? kExitUsage : kExitFatal;
  }
  auto rendered = api::RenderTimeline(*data, f.format);
  if (!rendered.ok()) {
    PrintError(rendered.status().ToString());
    return kExitUsage;
  }
  if (data->truncated) {
    PrintError("timeline truncated to " + std::to_string(data->items.size()) +
               " statements (raise --limit)");
  }
  return PrintBody(rendered->body) ? kExitOk : kExitFatal;
}

struct ExportFlags {
  std::string node, edges, from, to, format;
  int depth = 1;
  size_t limit = 200;
};

int RunExport(const std::string& db_dir, const ExportFlags& f) {
  api::NeighbourhoodRequest request;
  auto node = NodeId::FromHex(f.node);
  if (!node) {
    PrintError("--node must be 16 hex digits, not \"" + f.node + "\"");
    return kExitUsage;
  }
  request.node = *node;
  request.depth = f.depth;
  request.limit = f.limit;
  auto kinds = api::ParseEdgeKinds(f.edges);
  if (!kinds.ok()) {
    PrintError("--edges: " + kinds.status().message());
    return kExitUsage;
  }
  request.kinds = *kinds;
  for (auto [flag, value, out] : {std::tuple{"--from", &f.from, &request.date_from},
                                  std::tuple{"--to", &f.to, &request.date_to}}) {
    if (value->empty()) continue;
    auto date = api::ParseGraphDate(*value);
    if (!date.ok()) {
      PrintError(std::string(flag) + " must be a date YYYY-MM-DD, not \"" + *value + "\"");
      return kExitUsage;
    }
    *out = *date;
  }
  auto db = OpenForReading(db_dir);
  if (!db.ok()) {
    PrintError(db.status().ToString());
    return kExitFatal;
  }
  // The graph `parley serve` saved beside the store when nothing was written since
  // (as serve loads it); else built from the store, not saved (this command only reads).
  const std::string saved = db_dir + "/graph.projection";
  const std::string stamp = (*db)->ContentStamp();
  Result<std::shared_ptr<const graph::GraphSnapshot>> snapshot =
      Status::NotFound("the store gives no content stamp");
  if (!stamp.empty()) snapshot = graph::GraphSnapshot::Load(saved, stamp);
  if (!snapshot.ok()) {
    if (!snapshot.status().IsNotFound()) {
      PrintError("the saved graph " + saved + " cannot be used (" + snapshot.status().ToString() +
                 "); building the graph from the store");
    }
    snapshot = graph::GraphSnapshot::Build(**db);
  }
  if (!snapshot.ok()) {
    PrintError("cannot load the graph: " + snapshot.status().ToString());
    return kExitFatal;
  }
  auto view = api::NeighbourhoodView(**db, **snapshot, request);
  if (!view.ok()) {
    PrintError(view.status().ToString());
    return view.status().IsInvalidArgument() ? kExitUsage : kExitFatal;
  }
  auto rendered = api::ExportGraphView(*view, f.format);
  if (!rendered.ok()) {
    PrintError(rendered.status().ToString());
    return kExitUsage;
  }
  if (view->truncated) {
    PrintError("export truncated to " + std::to_string(view->nodes.size()) +
               " nodes (raise --limit or lower --depth)");
  }
  return PrintBody(rendered->body) ? kExitOk : kExitFatal;
}

}  // namespace
}  // namespace parley

int main(int argc, char** argv) {
  using namespace parley;
  CLI::App app{
      "parley: who said what, to whom, in answer to what, and when.\n"
      "Exit status: 0 ok, 1 fatal error, 2 bad usage, 3 some inputs skipped (named on stderr)."};
  app.require_subcommand(1);
  // Global options (--threads, --schema) are accepted after the subcommand too.
  app.fallthrough();
  GlobalFlags flags;
  app.add_option("--schema", flags.schema_dir,
                 "schema folder (default: $PARLEY_SCHEMA_DIR, else the source tree's schema/)");
  app.add_option("--threads", flags.threads, "worker threads (default: one per core)")
      ->check(CLI::Range(1, 256));

  std::vector<std::string> extract_inputs;
  CLI::App* extract = app.add_subcommand(
      "extract",
      "Extract statements, entities and dates from articles; print one extraction JSON line per "
      "article (../shared/eval/FORMAT.md). Inputs: .jsonl documents ({\"id\",\"text\",...} a "
      "line), '-' for JSONL on stdin, or plain-text articles (id = file name without extension).");
  extract->add_option("inputs", extract_inputs, "FILE|- ... (default: -)");

  std::string db_dir = "./data/parley.db";
  std::vector<std::string> ingest_inputs;
  CLI::App* ingest = app.add_subcommand(
      "ingest",
      "Extract articles and store them: one atomic write per article; an unchanged article is "
      "left as it is (content hash).");
  ingest->add_option("--db", db_dir, "database folder (created if missing)")->capture_default_str();
  ingest->add_option("inputs", ingest_inputs, "FILE|- ...")->required();
  std::string ack_path;
  ingest->add_option("--ack-file", ack_path,
                     "append the id of each article to FILE as soon as its write returns");
  std::optional<size_t> chunk;
  const char* chunk_help =
      "articles per atomic chunk of table files (default 512: fewer uses less memory, "
      "acknowledges sooner and loads slower; 0: one write batch per 64 articles instead)";
  ingest->add_option("--chunk", chunk, chunk_help)->check(CLI::Range(0, 1000000));

  std::vector<std::string> load_inputs;
  CLI::App* load = app.add_subcommand(
      "load", "Store extraction JSONL produced by `parley extract` (here or on other machines).");
  load->add_option("--db", db_dir, "database folder (created if missing)")->capture_default_str();
  load->add_option("inputs", load_inputs, "EXTRACTION.jsonl|- ...")->required();
  load->add_option("--ack-file", ack_path,
                   "append the id of each article to FILE as soon as its write returns");
  load->add_option("--chunk", chunk, chunk_help)->check(CLI::Range(0, 1000000));

  ServeFlags serve_flags;
  CLI::App* serve = app.add_subcommand("serve", "Serve the REST API (/v1) over a database.");
  serve->add_option("--db", db_dir, "database folder")->capture_default_str();
  serve->add_option("--listen", serve_flags.listen, "HOST:PORT to listen on")
      ->capture_default_str();
  serve->add_option("--token-file", serve_flags.token_file,
                    "enable POST /v1/articles with the bearer token on FILE's first line "
                    "(else $PARLEY_API_TOKEN; neither: ingest disabled)");
  serve->add_option("--max-body-bytes", serve_flags.max_body_bytes, "largest request body accepted")
      ->capture_default_str()
      ->check(CLI::Range(size_t{1024}, size_t{1} << 30));
  serve
      ->add_option("--max-in-flight", serve_flags.max_in_flight,
                   "requests in flight before new ones get an immediate 503 (0: 64 per worker "
                   "thread)")
      ->capture_default_str()
      ->check(CLI::Range(size_t{0}, size_t{1} << 20));
  serve
      ->add_option("--timeout-seconds", serve_flags.timeout_seconds,
                   "listener send/receive timeout")
      ->capture_default_str()
      ->check(CLI::Range(1, 300));
  serve->add_option("--cors-origin", serve_flags.cors_origins,
                    "an origin browsers may read answers from (scheme://host[:port], or *); "
                    "repeatable; none: CORS off");
  serve
      ->add_option("--traversal-deadline-ms", serve_flags.traversal_deadline_ms,
                   "wall-clock budget of one graph request; past it a neighbourhood or thread "
                   "answers what it found (truncated_reason \"deadline\"), a path or export 503 "
                   "(0: every graph request is past its deadline at once, to try a client)")
      ->capture_default_str()
      ->check(CLI::Range(0, 600000));

  TimelineFlags timeline_flags;
  CLI::App* timeline = app.add_subcommand(
      "timeline",
      "Print the statements of a speaker, about an entity or with words, oldest first, as "
      "/v1/timeline answers (at least one of --speaker, --entity, --q).");
  timeline->add_option("--db", db_dir, "database folder")->capture_default_str();
  timeline->add_option("--speaker", timeline_flags.speaker,
                       "who said them: entity id (16 hex digits) or name");
  timeline->add_option("--entity", timeline_flags.entity,
                       "an entity they mention: entity id or name");
  timeline->add_option("--q", timeline_flags.q, "words every statement's text holds");
  timeline->add_option("--polarity", timeline_flags.polarity, "positive or negative only")
      ->check(CLI::IsMember({"positive", "negative"}));
  timeline->add_option("--hedged", timeline_flags.hedged, "true: hedged only; false: unhedged only")
      ->check(CLI::IsMember({"true", "false"}));
  timeline->add_option("--from", timeline_flags.from, "first day YYYY-MM-DD (inclusive)");
  timeline->add_option("--to", timeline_flags.to, "last day YYYY-MM-DD (inclusive)");
  timeline->add_option("--format", timeline_flags.format, "json, csv, md or timelinejs")
      ->capture_default_str()
      ->check(CLI::IsMember({"json", "csv", "md", "timelinejs"}));
  timeline->add_option("--limit", timeline_flags.limit, "statements at most")
      ->capture_default_str()
      ->check(CLI::Range(size_t{1}, size_t{1000000}));

  ExportFlags export_flags;
  CLI::App* export_cmd = app.add_subcommand(
      "export",
      "Print the neighbourhood of a node as a graph file (as /v1/export/graph answers): "
      "GraphML and GEXF for Gephi, yEd, networkx; Cytoscape.js JSON; DOT for Graphviz.");
  export_cmd->add_option("--db", db_dir, "database folder")->capture_default_str();
  export_cmd->add_option("--node", export_flags.node, "start node id (16 hex digits)")->required();
  export_cmd->add_option("--depth", export_flags.depth, "hops from the node")
      ->capture_default_str()
      ->check(CLI::Range(1, api::kMaxViewDepth));
  export_cmd->add_option("--edges", export_flags.edges, "edge kinds to follow: said,mentions,...");
  export_cmd->add_option("--from", export_flags.from, "keep nodes dated from YYYY-MM-DD");
  export_cmd->add_option("--to", export_flags.to, "keep nodes dated up to YYYY-MM-DD");
  export_cmd->add_option("--limit", export_flags.limit, "nodes at most besides the start")
      ->capture_default_str()
      ->check(CLI::Range(size_t{1}, api::kMaxViewNodes));
  export_cmd->add_option("--format", export_flags.format, "graphml, gexf, cytoscape or dot")
      ->required()
      ->check(CLI::IsMember({"graphml", "gexf", "cytoscape", "dot"}));

  CLI::App* stats = app.add_subcommand("stats", "Print the database's counts as one JSON object.");
  stats->add_option("--db", db_dir, "database folder")->capture_default_str();

  std::vector<std::string> remove_ids;
  CLI::App* remove = app.add_subcommand(
      "remove",
      "Retract articles (by the id they were stored under) as a re-extraction would replace "
      "them: one atomic write each; what other articles contributed stays.");
  remove->add_option("--db", db_dir, "database folder")->capture_default_str();
  remove->add_option("ids", remove_ids, "ARTICLE_ID ...")->required();

  CLI::App* check = app.add_subcommand(
      "check",
      "Verify every invariant of a database (edges, indexes, counters, ledger); print a JSON "
      "summary, name each problem on stderr, exit 1 when any is found.");
  check->add_option("--db", db_dir, "database folder")->capture_default_str();
  std::string expect_path;
  check->add_option("--expect-articles", expect_path,
                    "also require every article id listed in FILE (one a line, as written by "
                    "--ack-file) to be stored");

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? 0 : 2;  // --help is a success; anything else is bad usage
  }

  if (extract->parsed()) return RunExtract(flags, extract_inputs);
  if (ingest->parsed()) return RunIngest(flags, db_dir, chunk, ingest_inputs, ack_path);
  if (load->parsed()) return RunLoad(flags, db_dir, chunk, load_inputs, ack_path);
  if (serve->parsed()) return RunServe(flags, db_dir, serve_flags);
  if (timeline->parsed()) return RunTimeline(db_dir, timeline_flags);
  if (export_cmd->parsed()) return RunExport(db_dir, export_flags);
  if (stats->parsed()) return RunStats(db_dir);
  if (remove->parsed()) return RunRemove(db_dir, remove_ids);
  if (check->parsed()) return RunCheck(db_dir, expect_path);
  return 2;
}
