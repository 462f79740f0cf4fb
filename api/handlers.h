// The REST API of Parley as plain functions on our own types: an ApiRequest (method,
// decoded path, decoded query parameters, body) goes in, an ApiResponse (status,
// content type, JSON body, extra headers) comes out. No HTTP library appears here;
// api/http_server.h puts these handlers behind a socket, and tests may call them
// directly.
//
// Endpoints (GET unless said otherwise, JSON unless said otherwise, ids are 16 hex
// digits; api/openapi.json describes each, and Routes() lists them):
//   /v1/health                                   {"status":"ok","version":..,"counts":{..}}
//   /v1/entities?q=NAME&limit=N&cursor=C         {"items":[{id,type,name,aliases,statement_count}],
//                                                 "next_cursor":".." | null} (the best 1,000
//                                                 matches)
//   /v1/entities/{id}                            the entity
//   /v1/entities/{id}/statements?limit=N&cursor=C  what the entity said, as /v1/statements?speaker=
//   /v1/statements?speaker=ID&entity=ID&article=ID&type=T&speech_act=A&q=WORDS
//                 &from=D&to=D&limit=N&cursor=C  {"items":[..],"next_cursor":".." | null}
//        statements matching every filter given (none: all), newest utterance date
//        first (Store::FindStatements). entity = mentioned in what was said; q = every
//        word in the text (folded as the entity search), checked on the store's
//        candidates: at most 10,000 read per page, then a short page with a cursor.
//        A short page (even empty) with a next_cursor is not the end.
//   /v1/statements/{id}, /v1/articles/{id}       the record; a statement also lists, when
//        the Api has a graph, responds_to and responded_by (its responded_to edges
//        out and in) and reports (its reported_by edges in)
//   /v1/timeline?speaker=ID&entity=ID&q=WORDS&from=D&to=D&format=F&limit=N
//        statements made by speaker, mentioning entity and/or holding every word of q
//        (at least one of the three), oldest first, dated by utterance (else
//        publication), within [from, to] (YYYY-MM-DD, inclusive); format json
//        (default), csv (text/csv), md (text/markdown) or timelinejs
//        (application/json); at most limit (1..10000, default 1000). When more match,
//        the first `limit` in the store's order are kept (newest utterance date first,
//        statements without one last) and the header X-Parley-Truncated: true is set
//        (also when more than 100,000 candidates would have to be read).
//   /v1/graph/neighborhood?node=ID&depth=1..3&edges=K,K&from=D&to=D&limit=N&cursor=C
//   /v1/graph/path?from=ID&to=ID&max_hops=1..6
//   /v1/graph/thread?statement=ID
//        {"nodes":[{id,kind,label,date,hops}],"edges":[{source,target,kind}],
//         "truncated":bool,"truncated_reason":"limit"|"cap"|"deadline"|null,
//         "next_cursor":".."|null} read from one snapshot of the graph projection
//        (503 when the Api has none). A neighbourhood keeps nodes within depth hops
//        over the edge kinds listed (default all) whose date is within [from, to]
//        (undated nodes pass), a page of at most limit (1..1000, default 50) besides
//        the start, in traversal order; next_cursor continues it. Each graph request
//        has a deadline (ApiOptions::traversal_deadline): past it a neighbourhood or
//        thread is partial (truncated_reason "deadline"), a path is 503 + Retry-After.
//   /v1/export/graph?format=graphml|gexf|cytoscape|dot&node=ID&depth=&edges=&from=&to=&limit=
//        the neighbourhood (limit default 200, no pages) as a file for Gephi, yEd,
//        Cytoscape or Graphviz; 503 + Retry-After past the deadline.
//   POST /v1/articles  {"id","text","title","date"} or {"documents":[...]} (at most
//        ApiOptions::max_ingest_documents): extracts, stores and adds each article to
//        the projection; answers {"results":[{id,article_id,outcome,statements,
//        statement_ids}]}. Needs "Authorization: Bearer TOKEN" (401 otherwise, the
//        token compared in constant time); 403 when no token is configured; 413 for a
//        body over ApiOptions::max_ingest_body_bytes.
//   /v1/openapi.json                             the OpenAPI 3.0 description
// Errors are {"error":{"code":"not_found","message":"no entity 00ab..."}}, with a
// "parameter" member naming the offending parameter of a 400. Status codes map to HTTP
// in one place (HttpStatusFor). Bad input never yields a 5xx.
//
// Thread-safety: Api::Handle is const and may be called from many threads at once
// (the Store and the GraphProjection are thread-safe; ingests are serialised inside
// the Api so that each one's projection update sees the store before and after it).
// ParseRequestTarget is a pure function.
#ifndef PARLEY_API_HANDLERS_H_
#define PARLEY_API_HANDLERS_H_

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "graph/core/status.h"
#include "graph/store/store.h"

namespace parley::graph {
class GraphProjection;
}  // namespace parley::graph
namespace parley::extractors {
class Extractor;
}  // namespace parley::extractors
namespace parley::schema {
struct PersonDef;
}  // namespace parley::schema

namespace parley::api {

struct ApiRequest {
  std::string method;                             // "GET", "POST", ...
  std::string path;                               // percent-decoded, no query: "/v1/health"
  std::multimap<std::string, std::string> query;  // percent-decoded names and values
  std::string body;                               // empty for the GET endpoints
  std::string authorization;                      // the Authorization header, "" when absent
};

struct ApiResponse {
  int status = 200;
  std::string content_type = "application/json; charset=utf-8";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;  // extra headers, e.g. Allow
};

// The HTTP status for a Status code (kOk -> 200, kNotFound -> 404, kInvalidArgument ->
// 400, kTooLarge -> 413, kUnavailable -> 503, the rest -> 500), and the snake_case
// code written in error bodies ("not_found").
int HttpStatusFor(Status::Code code);
std::string_view ErrorCodeName(Status::Code code);

// A JSON error response for `status` (which must not be OK). `parameter`, when not
// empty, is written as "parameter" so a client knows which input to fix.
ApiResponse ErrorResponse(const Status& status, std::string_view parameter = {});
// An error response with an explicit HTTP status and code, for the statuses that are
// not a Status (405 method_not_allowed, 411 length_required).
ApiResponse ErrorResponse(int http_status, std::string_view code, std::string_view message);

// Splits a request target ("/v1/entities?q=Dmitry%20Peskov&limit=5") into `method`,
// the decoded path and the decoded query parameters ('+' is a space in the query).
// InvalidArgument for a malformed percent escape (naming where), a target not
// starting with '/'. A fragment ("#...") is dropped. On error, `failed_input` (when
// given) is set to what to name in the error body: the query parameter's name (when
// printable), "query" or "path".
Result<ApiRequest> ParseRequestTarget(std::string_view method, std::string_view target,
                                      std::string* failed_input = nullptr);

// Decodes %XX escapes (and '+' as a space when `plus_is_space`). InvalidArgument for
// '%' not followed by two hex digits.
Result<std::string> PercentDecode(std::string_view s, bool plus_is_space);

// One endpoint of the router: its method, its path as OpenAPI writes it
// ("/v1/entities/{id}") and every query parameter it accepts (the router answers any
// other with 400 "unknown parameter").
struct RouteInfo {
  std::string_view method;
  std::string_view path;
  std::vector<std::string_view> query_parameters;
};

// Every endpoint Api::Handle serves. The OpenAPI test holds api/openapi.json to it.
const std::vector<RouteInfo>& Routes();

// The OpenAPI 3.0 description (api/openapi.json, embedded at build time).
std::string_view OpenApiJson();

struct ApiOptions {
  // The graph the /v1/graph and /v1/export endpoints read, kept current by POST
  // /v1/articles; nullptr: those endpoints answer 503 and statements carry no
  // responds_to / responded_by / reports.
  graph::GraphProjection* projection = nullptr;
  // Extracts the articles of POST /v1/articles; nullptr: ingest answers 403.
  const extractors::Extractor* extractor = nullptr;
  // The people of schema/people.yaml, whose dated roles /v1/entities/{id} gives as
  // "dated_roles" (the store keeps roles as plain strings); nullptr: [] for all.
  const std::vector<schema::PersonDef>* people = nullptr;
  // The bearer token POST /v1/articles requires; "": ingest disabled (403).
  std::string ingest_token;
  size_t max_ingest_documents = 100;       // documents in one POST /v1/articles
  size_t max_ingest_body_bytes = 8 << 20;  // a larger body is refused with 413
  // Delta edges past which an ingest folds the projection's delta into a new base.
  size_t rebuild_delta_edges = 50000;
  // The wall-clock budget of one graph request (/v1/graph/*, /v1/export/graph),
  // counted from when its parameters are parsed: the traversal and the label reads
  // stop when it has passed. A neighbourhood then answers the nodes found so far
  // (truncated "deadline", with a cursor to continue); a thread the chains found so
  // far; a path and an export answer 503 with Retry-After. 0: every graph request's
  // deadline has passed at once (to try a client's handling of it).
  std::chrono::milliseconds traversal_deadline{2000};
  // Tests only: when >= 0, each graph request's deadline passes at this check
  // instead (graph::Deadline::AfterChecks), whatever the clock: deterministic.
  int64_t traversal_deadline_checks = -1;
};

class Api {
 public:
  // `store` (and options.projection, options.extractor) must outlive the Api.
  explicit Api(store::Store& store, ApiOptions options = {});
  ~Api();

  // Routes `request` and answers it. Never throws for bad input; every answer,
  // error or not, is a JSON body.
  ApiResponse Handle(const ApiRequest& request) const;

 private:
  ApiResponse ListStatements(const ApiRequest& request) const;
  // A speaker's statements, one page (/v1/statements?speaker=,
  // /v1/entities/{id}/statements); `parameter` names the speaker in errors.
  ApiResponse SpeakerStatements(const ApiRequest& request, NodeId speaker,
                                std::string_view parameter) const;
  ApiResponse Timeline(const ApiRequest& request) const;
  ApiResponse Graph(const ApiRequest& request, int route) const;
  ApiResponse Ingest(const ApiRequest& request) const;
  // /v1/events (filters, store cursor) and /v1/events/{id}.
  ApiResponse ListEvents(const ApiRequest& request) const;
  ApiResponse EventDetail(NodeId id) const;

  store::Store& store_;
  ApiOptions options_;
  // Serialises ingests: a projection change needs the article's graph just before
  // and just after its write.
  mutable std::mutex ingest_mu_;
};

}  // namespace parley::api

#endif  // PARLEY_API_HANDLERS_H_
