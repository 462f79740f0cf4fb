#include "api/handlers.h"

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <algorithm>
#include <cstdint>
#include <iterator>
#include <map>
#include <optional>
#include <set>
#include <unordered_map>

#include "api/exports.h"
#include "api/json_write.h"
#include "api/openapi_json.h"
#include "api/queries.h"
#include "api/utf8.h"
#include "extractors/extractor.h"
#include "graph/core/ids.h"
#include "graph/projection.h"
#include "graph/store/key_format.h"
#include "graph/traversal.h"
#include "schema/schema.h"

#ifndef PARLEY_VERSION
#define PARLEY_VERSION "unknown"
#endif

namespace parley::api {

namespace {

constexpr size_t kMaxQueryChars = 200;    // code points of the q parameter
constexpr size_t kMaxCursorBytes = 1024;  // store cursors are far shorter
constexpr size_t kMaxLimit = 1000;
constexpr size_t kDefaultStatementLimit = 50;
constexpr size_t kDefaultEntityLimit = 20;
constexpr size_t kDefaultExportNodes = 200;  // nodes of an exported neighbourhood
constexpr size_t kMaxTimelineLimit = 10000;
constexpr size_t kDefaultTimelineLimit = 1000;
// Statements of one speaker read at most for one timeline: bounds the work of a
// request for a speaker with a huge record (the answer is then marked truncated).
constexpr size_t kMaxTimelineScan = 100000;
// /v1/statements: store calls one page may make to fill itself when the store returns
// short pages (its own scan budget), and candidates one page may read to match q.
constexpr size_t kMaxStoreCallsPerPage = 8;
constexpr size_t kMaxTextCandidatesPerPage = 10000;

using Writer = JsonWriter;

ApiResponse JsonResponse(rapidjson::StringBuffer& buffer) {
  ApiResponse response;
  response.status = 200;
  response.body.assign(buffer.GetString(), buffer.GetSize());
  return response;
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::vector<std::string_view> SplitPath(std::string_view path) {
  std::vector<std::string_view> parts;
  // The path starts with '/': skip it, keep every segment (empty ones too).
  size_t start = 1;
  while (start <= path.size()) {
    size_t slash = path.find('/', start);
    if (slash == std::string_view::npos) slash = path.size();
    parts.push_back(path.substr(start, slash - start));
    start = slash + 1;
  }
  return parts;
}

// The single value of query parameter `name`: nullopt when absent, InvalidArgument
// when given more than once.
Result<std::optional<std::string>> SingleParam(const ApiRequest& request, const std::string& name) {
  auto [begin, end] = request.query.equal_range(name);
  if (begin == end) return std::optional<std::string>();
  if (std::next(begin) != end) {
    return Status::InvalidArgument(name + " is given more than once");
  }
  return std::optional<std::string>(begin->second);
}

// The first query parameter not in `allowed`, if any.
std::optional<std::string> UnknownParam(const ApiRequest& request,
                                        const std::vector<std::string_view>& allowed) {
  for (const auto& [name, value] : request.query) {
    bool known = false;
    for (auto a : allowed) known = known || name == a;
    if (!known) return name;
  }
  return std::nullopt;
}

Result<size_t> ParseLimit(const ApiRequest& request, size_t default_limit,
                          size_t max_limit = kMaxLimit) {
  auto raw = SingleParam(request, "limit");
  if (!raw.ok()) return raw.status();
  if (!raw->has_value()) return default_limit;
  const std::string& s = **raw;
  const std::string message = "limit must be an integer from 1 to " + std::to_string(max_limit);
  if (s.empty() || s.size() > 9) return Status::InvalidArgument(message);
  size_t v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return Status::InvalidArgument(message);
    v = v * 10 + static_cast<size_t>(c - '0');
  }
  if (v < 1 || v > max_limit) return Status::InvalidArgument(message);
  return v;
}

// An optional YYYY-MM-DD parameter (a real calendar day).
Result<std::optional<std::string>> ParseDayParam(const ApiRequest& request,
                                                 const std::string& name) {
  auto raw = SingleParam(request, name);
  if (!raw.ok()) return raw.status();
  if (!raw->has_value()) return std::optional<std::string>();
  const std::string& s = **raw;
  std::optional<std::string> day = s.size() == 10 ? NormalizeDate(s) : std::nullopt;
  if (!day || *day != s) {
    return Status::InvalidArgument(name + " must be a date YYYY-MM-DD");
  }
  return day;
}

// The from/to days of a query (inclusive bounds; nullopt = open).
struct DayWindow {
  std::optional<std::string> from, to;
};

// Fills `out` from the from/to parameters; the error response names the parameter at
// fault (a malformed day, or from after to).
std::optional<ApiResponse> ParseDayWindow(const ApiRequest& request, DayWindow* out) {
  auto from = ParseDayParam(request, "from");
  if (!from.ok()) return ErrorResponse(from.status(), "from");
  auto to = ParseDayParam(request, "to");
  if (!to.ok()) return ErrorResponse(to.status(), "to");
  if (from->has_value() && to->has_value() && **from > **to) {
    return ErrorResponse(Status::InvalidArgument("from " + **from + " is after to " + **to),
                         "from");
  }
  out->from = std::move(*from);
  out->to = std::move(*to);
  return std::nullopt;
}

// The q parameter of a search in texts: valid UTF-8 with no control character, at most
// kMaxQueryChars code points, holding a word. Fills `text` and its search tokens
// (`words`) when present; the error response names q.
std::optional<ApiResponse> ParseWordsParam(const ApiRequest& request, std::string* text,
                                           std::vector<std::string>* words) {
  auto q = SingleParam(request, "q");
  if (!q.ok()) return ErrorResponse(q.status(), "q");
  if (!q->has_value()) return std::nullopt;
  const std::string message =
      "q must be 1 to " + std::to_string(kMaxQueryChars) + " characters holding a word";
  if (!IsValidUtf8(**q)) {
    return ErrorResponse(Status::InvalidArgument("q must be valid UTF-8"), "q");
  }
  if (HasControlCharacter(**q)) {
    return ErrorResponse(Status::InvalidArgument("q must not contain control characters"), "q");
  }
  if (CodePointCount(**q) > kMaxQueryChars) {
    return ErrorResponse(Status::InvalidArgument(message), "q");
  }
  *words = store::SearchTokens(**q);
  if (words->empty()) return ErrorResponse(Status::InvalidArgument(message), "q");
  *text = std::move(**q);
  return std::nullopt;
}

// The polarity and hedged parameters of a statement list: an error response naming
// the parameter when one is not a value it takes.
std::optional<ApiResponse> ParseActParams(const ApiRequest& request, ActFilter* filter) {
  for (const char* name : {"polarity", "hedged"}) {
    auto raw = SingleParam(request, name);
    if (!raw.ok()) return ErrorResponse(raw.status(), name);
    if (!raw->has_value()) continue;
    Status s = ParseActParam(name, **raw, filter);
    if (!s.ok()) return ErrorResponse(s, name);
  }
  return std::nullopt;
}

Result<NodeId> ParseId(std::string_view name, std::string_view s) {
  auto id = NodeId::FromHex(s);
  if (!id) return Status::InvalidArgument(std::string(name) + " must be 16 hex digits");
  return *id;
}

// An optional integer parameter within [min, max]; `fallback` when absent.
Result<int> ParseIntParam(const ApiRequest& request, const std::string& name, int fallback, int min,
                          int max) {
  auto raw = SingleParam(request, name);
  if (!raw.ok()) return raw.status();
  if (!raw->has_value()) return fallback;
  const std::string& s = **raw;
  const std::string message =
      name + " must be an integer from " + std::to_string(min) + " to " + std::to_string(max);
  if (s.empty() || s.size() > 6) return Status::InvalidArgument(message);
  int v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return Status::InvalidArgument(message);
    v = v * 10 + (c - '0');
  }
  if (v < min || v > max) return Status::InvalidArgument(message);
  return v;
}

// An offset cursor (the entity search, neighbourhood pages): "o" + the decimal offset of
// the next item, below `max`; "o0" only when `allow_zero` (a neighbourhood cut by its
// deadline before its first node asks to start again).
Result<size_t> ParseOffsetCursor(const std::string& c, size_t max, bool allow_zero = false) {
  const Status bad = Status::InvalidArgument("cursor must be the next_cursor of a previous page");
  if (c.size() < 2 || c.size() > 8 || c[0] != 'o') return bad;
  size_t v = 0;
  for (size_t i = 1; i < c.size(); ++i) {
    if (c[i] < '0' || c[i] > '9') return bad;
    v = v * 10 + static_cast<size_t>(c[i] - '0');
  }
  if ((v == 0 && !allow_zero) || v >= max) return bad;
  return v;
}

// The cursor parameter of a store-paged list: "" when absent; InvalidArgument for a
// value no store could have made.
Result<std::string> StoreCursorParam(const ApiRequest& request) {
  auto cursor = SingleParam(request, "cursor");
  if (!cursor.ok()) return cursor.status();
  if (!cursor->has_value()) return std::string();
  const std::string& c = **cursor;
  if (c.empty() || c.size() > kMaxCursorBytes || !IsValidUtf8(c) || HasControlCharacter(c)) {
    return Status::InvalidArgument("cursor must be the next_cursor of a previous page");
  }
  return c;
}

void WritePage(JsonWriter& w, const store::StatementPage& page) {
  w.StartObject();
  Key(w, "items");
  w.StartArray();
  for (const auto& s : page.items) WriteStatement(w, s);
  w.EndArray();
  Key(w, "next_cursor");
  if (page.next_cursor.empty()) {
    w.Null();
  } else {
    Str(w, page.next_cursor);
  }
  w.EndObject();
}

// A required id parameter.
Result<NodeId> RequiredIdParam(const ApiRequest& request, const std::string& name) {
  auto raw = SingleParam(request, name);
  if (!raw.ok()) return raw.status();
  if (!raw->has_value()) {
    return Status::InvalidArgument(name + " is required: the 16-hex-digit id of a node");
  }
  return ParseId(name, **raw);
}

// The statement's links in the graph: what it responds to and what responds to it
// (responded_to edges out and in), and the statements it reports (reported_by edges
// in). Nothing when there is no projection.
void WriteStatementLinks(JsonWriter& w, graph::GraphProjection* projection, NodeId id) {
  if (projection == nullptr) return;
  std::shared_ptr<const graph::GraphSnapshot> g = projection->Current();
  auto ids = [&](const char* name, store::EdgeKind kind, bool outgoing) {
    Key(w, name);
    w.StartArray();
    for (NodeId other : Adjacent(*g, id, kind, outgoing)) Str(w, other.ToHex());
    w.EndArray();
  };
  ids("responds_to", store::EdgeKind::kRespondedTo, true);
  ids("responded_by", store::EdgeKind::kRespondedTo, false);
  ids("reports", store::EdgeKind::kReportedBy, false);
}

// Every article reporting the statement (the same words by the same speaker in
// several articles are one statement): where and how each wrote it.
void WriteReports(JsonWriter& w, const store::StatementRecord& s) {
  Key(w, "reported_in");
  w.StartArray();
  for (const store::StatementReport& r : s.reports) {
    w.StartObject();
    Key(w, "article");
    w.StartObject();
    Key(w, "id");
    Str(w, r.article_id.ToHex());
    Key(w, "external_id");
    Str(w, r.article_external_id);
    Key(w, "title");
    Str(w, r.article_title);
    Key(w, "published");
    OptStr(w, r.published);
    w.EndObject();
    Key(w, "local_id");
    Str(w, r.local_id);
    Key(w, "text");
    Str(w, r.text);
    Key(w, "cue");
    Str(w, r.cue);
    Key(w, "polarity");
    Str(w, r.negative ? "negative" : "positive");
    Key(w, "hedged");
    w.Bool(r.hedged);
    Key(w, "date");
    OptStr(w, r.date);
    Key(w, "start");
    w.Int64(r.content.begin);
    Key(w, "end");
    w.Int64(r.content.end);
    w.EndObject();
  }
  w.EndArray();
}

// Compares in time independent of where the strings differ (the length of `secret`
// leaks, not its content).
bool ConstantTimeEquals(std::string_view given, std::string_view secret) {
  unsigned char diff = given.size() == secret.size() ? 0 : 1;
  for (size_t i = 0; i < secret.size(); ++i) {
    const unsigned char g = i < given.size() ? static_cast<unsigned char>(given[i]) : 0;
    diff |= static_cast<unsigned char>(g ^ static_cast<unsigned char>(secret[i]));
  }
  return diff == 0;
}

// A store's NotFound carries the store's wording; the API names the resource itself.
ApiResponse StoreError(const Status& status, std::string_view what, NodeId id,
                       std::string_view parameter = {}) {
  if (status.IsNotFound()) {
    return ErrorResponse(Status::NotFound("no " + std::string(what) + " " + id.ToHex()), parameter);
  }
  return ErrorResponse(status, parameter);
}

}  // namespace

int HttpStatusFor(Status::Code code) {
  switch (code) {
    case Status::Code::kOk:
      return 200;
    case Status::Code::kNotFound:
      return 404;
    case Status::Code::kInvalidArgument:
      return 400;
    case Status::Code::kTooLarge:
      return 413;
    case Status::Code::kUnavailable:
      return 503;
    case Status::Code::kCorruption:
    case Status::Code::kIOError:
    case Status::Code::kInternal:
      return 500;
  }
  return 500;
}

std::string_view ErrorCodeName(Status::Code code) {
  switch (code) {
    case Status::Code::kOk:
      return "ok";
    case Status::Code::kNotFound:
      return "not_found";
    case Status::Code::kInvalidArgument:
      return "invalid_argument";
    case Status::Code::kTooLarge:
      return "too_large";
    case Status::Code::kUnavailable:
      return "unavailable";
    case Status::Code::kCorruption:
      return "corruption";
    case Status::Code::kIOError:
      return "io_error";
    case Status::Code::kInternal:
      return "internal";
  }
  return "internal";
}

namespace {

ApiResponse BuildError(int http_status, std::string_view code, std::string_view parameter,
                       std::string_view message) {
  rapidjson::StringBuffer buffer;
  Writer w(buffer);
  w.StartObject();
  Key(w, "error");
  w.StartObject();
  Key(w, "code");
  Str(w, code);
  if (!parameter.empty()) {
    Key(w, "parameter");
    Str(w, parameter);
  }
  Key(w, "message");
  Str(w, message);
  w.EndObject();
  w.EndObject();
  ApiResponse response = JsonResponse(buffer);
  response.status = http_status;
  return response;
}

}  // namespace

ApiResponse ErrorResponse(const Status& status, std::string_view parameter) {
  Status::Code code = status.ok() ? Status::Code::kInternal : status.code();
  std::string message =
      status.ok() ? std::string("error response built from an OK status") : status.message();
  return BuildError(HttpStatusFor(code), ErrorCodeName(code), parameter, message);
}

ApiResponse ErrorResponse(int http_status, std::string_view code, std::string_view message) {
  return BuildError(http_status, code, {}, message);
}

Result<std::string> PercentDecode(std::string_view s, bool plus_is_space) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (c == '%') {
      int hi = i + 1 < s.size() ? HexValue(s[i + 1]) : -1;
      int lo = i + 2 < s.size() ? HexValue(s[i + 2]) : -1;
      if (hi < 0 || lo < 0) {
        return Status::InvalidArgument("invalid percent escape at offset " + std::to_string(i) +
                                       ": '%' must be followed by two hex digits");
      }
      out.push_back(static_cast<char>(hi * 16 + lo));
      i += 2;
    } else if (c == '+' && plus_is_space) {
      out.push_back(' ');
    } else {
      out.push_back(c);
    }
  }
  return out;
}

Result<ApiRequest> ParseRequestTarget(std::string_view method, std::string_view target,
                                      std::string* failed_input) {
  std::string ignored;
  std::string& failed = failed_input != nullptr ? *failed_input : ignored;
  ApiRequest request;
  request.method = std::string(method);
  if (size_t hash = target.find('#'); hash != std::string_view::npos) {
    target = target.substr(0, hash);
  }
  if (target.empty() || target[0] != '/') {
    failed = "path";
    return Status::InvalidArgument("request target must start with '/'");
  }
  std::string_view path = target;
  std::string_view query;
  if (size_t q = target.find('?'); q != std::string_view::npos) {
    path = target.substr(0, q);
    query = target.substr(q + 1);
  }
  auto decoded_path = PercentDecode(path, /*plus_is_space=*/false);
  if (!decoded_path.ok()) {
    failed = "path";
    return decoded_path.status().WithContext("path");
  }
  request.path = std::move(*decoded_path);

  while (!query.empty()) {
    size_t amp = query.find('&');
    std::string_view pair = query.substr(0, amp);
    query = amp == std::string_view::npos ? std::string_view() : query.substr(amp + 1);
    if (pair.empty()) continue;  // "a=1&&b=2"
    size_t eq = pair.find('=');
    std::string_view raw_name = pair.substr(0, eq);
    std::string_view raw_value = eq == std::string_view::npos ? "" : pair.substr(eq + 1);
    auto name = PercentDecode(raw_name, /*plus_is_space=*/true);
    if (!name.ok()) {
      failed = "query";
      return name.status().WithContext("query parameter name");
    }
    auto value = PercentDecode(raw_value, /*plus_is_space=*/true);
    if (!value.ok()) {
      // Decoded name is safe to echo only if it is printable UTF-8.
      const bool printable =
          IsValidUtf8(*name) && !HasControlCharacter(*name) && name->size() <= 64;
      failed = printable ? *name : "query";
      std::string where = printable ? "query parameter " + *name : "query parameter";
      return value.status().WithContext(where);
    }
    request.query.emplace(std::move(*name), std::move(*value));
  }
  return request;
}

namespace {

// The router's endpoints; the order of Routes() follows this enum.
enum class Route {
  kHealth,
  kEntitySearch,
  kEntity,
  kStatementList,
  kStatement,
  kArticle,
  kTimeline,
  kOpenApi,
  kGraphNeighbourhood,
  kGraphPath,
  kGraphThread,
  kExportGraph,
  kIngest,
  kEntityStatements,
  kEventList,
  kEvent,
  kNone,  // not a route: the count, and "no match"
};

}  // namespace

const std::vector<RouteInfo>& Routes() {
  static const std::vector<RouteInfo> kRoutes = {
      {"GET", "/v1/health", {}},
      {"GET", "/v1/entities", {"q", "limit", "cursor"}},
      {"GET", "/v1/entities/{id}", {}},
      {"GET",
       "/v1/statements",
       {"speaker", "entity", "article", "type", "speech_act", "polarity", "hedged", "q", "from",
        "to", "limit", "cursor"}},
      {"GET", "/v1/statements/{id}", {}},
      {"GET", "/v1/articles/{id}", {}},
      {"GET",
       "/v1/timeline",
       {"speaker", "entity", "q", "polarity", "hedged", "from", "to", "format", "limit"}},
      {"GET", "/v1/openapi.json", {}},
      {"GET",
       "/v1/graph/neighborhood",
       {"node", "depth", "edges", "from", "to", "limit", "cursor"}},
      {"GET", "/v1/graph/path", {"from", "to", "max_hops"}},
      {"GET", "/v1/graph/thread", {"statement"}},
      {"GET", "/v1/export/graph", {"format", "node", "depth", "edges", "from", "to", "limit"}},
      {"POST", "/v1/articles", {}},
      {"GET", "/v1/entities/{id}/statements", {"limit", "cursor"}},
      {"GET", "/v1/events", {"type", "participant", "from", "to", "q", "limit", "cursor"}},
      {"GET", "/v1/events/{id}", {}},
  };
  return kRoutes;
}

std::string_view OpenApiJson() {
  return std::string_view(reinterpret_cast<const char*>(generated::kOpenApiJson),
                          sizeof(generated::kOpenApiJson));
}

Api::Api(store::Store& store, ApiOptions options) : store_(store), options_(std::move(options)) {}

Api::~Api() = default;

ApiResponse Api::Handle(const ApiRequest& request) const {
  // Route on the path first: an unknown path is 404 whatever the method.
  std::vector<std::string_view> seg = !request.path.empty() && request.path[0] == '/'
                                          ? SplitPath(request.path)
                                          : std::vector<std::string_view>();
  Route route = Route::kNone;
  if (seg.size() >= 2 && seg[0] == "v1") {
    if (seg.size() == 2) {
      if (seg[1] == "health") route = Route::kHealth;
      if (seg[1] == "entities") route = Route::kEntitySearch;
      if (seg[1] == "statements") route = Route::kStatementList;
      if (seg[1] == "timeline") route = Route::kTimeline;
      if (seg[1] == "openapi.json") route = Route::kOpenApi;
      if (seg[1] == "articles") route = Route::kIngest;
      if (seg[1] == "events") route = Route::kEventList;
    } else if (seg.size() == 3 && seg[1] == "graph") {
      if (seg[2] == "neighborhood") route = Route::kGraphNeighbourhood;
      if (seg[2] == "path") route = Route::kGraphPath;
      if (seg[2] == "thread") route = Route::kGraphThread;
    } else if (seg.size() == 3 && seg[1] == "export" && seg[2] == "graph") {
      route = Route::kExportGraph;
    } else if (seg.size() == 3 && !seg[2].empty()) {
      if (seg[1] == "entities") route = Route::kEntity;
      if (seg[1] == "statements") route = Route::kStatement;
      if (seg[1] == "articles") route = Route::kArticle;
      if (seg[1] == "events") route = Route::kEvent;
    } else if (seg.size() == 4 && seg[1] == "entities" && !seg[2].empty() &&
               seg[3] == "statements") {
      route = Route::kEntityStatements;
    }
  }
  if (route == Route::kNone) {
    std::string shown = IsValidUtf8(request.path) && !HasControlCharacter(request.path) &&
                                request.path.size() <= 200
                            ? request.path
                            : std::string("the requested path");
    return ErrorResponse(Status::NotFound("no such endpoint: " + shown +
                                          " (see /v1/openapi.json for the endpoints)"));
  }
  // /v1/articles is POST; /v1/articles/{id} is GET.
  const std::string_view allowed = Routes()[static_cast<size_t>(route)].method;
  if (request.method != allowed) {
    ApiResponse response =
        ErrorResponse(405, "method_not_allowed",
                      "only " + std::string(allowed) + " is allowed on " + request.path);
    response.headers.emplace_back("Allow", std::string(allowed));
    return response;
  }

  rapidjson::StringBuffer buffer;
  Writer w(buffer);

  auto reject_unknown = [&]() -> std::optional<ApiResponse> {
    auto unknown = UnknownParam(request, Routes()[static_cast<size_t>(route)].query_parameters);
    if (!unknown) return std::nullopt;
    bool printable =
        IsValidUtf8(*unknown) && !HasControlCharacter(*unknown) && unknown->size() <= 64;
    std::string message =
        printable ? "unknown parameter \"" + *unknown + "\"" : std::string("unknown parameter");
    return ErrorResponse(Status::InvalidArgument(message), printable ? *unknown : "");
  };

  switch (route) {
    case Route::kNone:
      break;

    case Route::kHealth: {
      if (auto r = reject_unknown()) return *r;
      auto stats = store_.Stats();
      if (!stats.ok()) return ErrorResponse(stats.status());
      w.StartObject();
      Key(w, "status");
      Str(w, "ok");
      Key(w, "version");
      Str(w, PARLEY_VERSION);
      Key(w, "counts");
      w.StartObject();
      Key(w, "articles");
      w.Uint64(stats->articles);
      Key(w, "statements");
      w.Uint64(stats->statements);
      Key(w, "entities");
      w.Uint64(stats->entities);
      Key(w, "events");
      w.Uint64(stats->events);
      Key(w, "edges");
      w.Uint64(stats->edges);
      w.EndObject();
      w.EndObject();
      return JsonResponse(buffer);
    }

    case Route::kEntitySearch: {
      if (auto r = reject_unknown()) return *r;
      auto q = SingleParam(request, "q");
      if (!q.ok()) return ErrorResponse(q.status(), "q");
      static const std::string kQMessage =
          "q must be a name of 1 to " + std::to_string(kMaxQueryChars) + " characters";
      if (!q->has_value() || (*q)->find_first_not_of(' ') == std::string::npos) {
        return ErrorResponse(Status::InvalidArgument(kQMessage), "q");
      }
      const std::string& text = **q;
      if (!IsValidUtf8(text)) {
        return ErrorResponse(Status::InvalidArgument("q must be valid UTF-8"), "q");
      }
      if (HasControlCharacter(text)) {
        return ErrorResponse(Status::InvalidArgument("q must not contain control characters"), "q");
      }
      if (CodePointCount(text) > kMaxQueryChars) {
        return ErrorResponse(Status::InvalidArgument(kQMessage), "q");
      }
      auto limit = ParseLimit(request, kDefaultEntityLimit);
      if (!limit.ok()) return ErrorResponse(limit.status(), "limit");
      // The store ranks the best kMaxLimit matches; a cursor is an offset into them
      // ("o" + decimal), so paging costs O(offset + limit) per page, bounded.
      auto cursor = SingleParam(request, "cursor");
      if (!cursor.ok()) return ErrorResponse(cursor.status(), "cursor");
      size_t offset = 0;
      if (cursor->has_value()) {
        auto parsed = ParseOffsetCursor(**cursor, kMaxLimit);
        if (!parsed.ok()) return ErrorResponse(parsed.status(), "cursor");
        offset = *parsed;
      }
      const size_t want = std::min(kMaxLimit, offset + *limit + 1);
      auto found = store_.FindEntities(text, want);
      if (!found.ok())
        return ErrorResponse(found.status(), found.status().IsInvalidArgument() ? "q" : "");
      const size_t end = std::min(found->size(), offset + *limit);
      w.StartObject();
      Key(w, "items");
      w.StartArray();
      for (size_t i = offset; i < end; ++i) WriteEntitySummary(w, (*found)[i]);
      w.EndArray();
      Key(w, "next_cursor");
      if (found->size() > end) {
        Str(w, "o" + std::to_string(end));
      } else {
        w.Null();
      }
      w.EndObject();
      return JsonResponse(buffer);
    }

    case Route::kEntity:
    case Route::kStatement:
    case Route::kArticle: {
      if (auto r = reject_unknown()) return *r;
      auto id = ParseId("id", seg[2]);
      if (!id.ok()) return ErrorResponse(id.status(), "id");
      if (route == Route::kEntity) {
        auto e = store_.GetEntity(*id);
        if (!e.ok()) return StoreError(e.status(), "entity", *id, "id");
        WriteEntity(w, *e);
        // The schema's dated roles of this person, appended as "dated_roles" to the
        // object WriteEntity closed (its last byte is the closing brace).
        rapidjson::StringBuffer roles_buffer;
        Writer roles(roles_buffer);
        roles.StartArray();
        if (options_.people != nullptr && e->type == "person") {
          for (const schema::PersonDef& person : *options_.people) {
            if (person.name != e->name) continue;
            for (const schema::RoleDef& role : person.roles) {
              roles.StartObject();
              Key(roles, "title");
              Str(roles, role.title);
              Key(roles, "country");
              OptStr(roles, role.country.empty() ? std::nullopt
                                                 : std::optional<std::string>(role.country));
              Key(roles, "org");
              OptStr(roles, role.org.empty() ? std::nullopt : std::optional<std::string>(role.org));
              Key(roles, "from");
              OptStr(roles, role.from);
              Key(roles, "to");
              OptStr(roles, role.to);
              roles.EndObject();
            }
          }
        }
        roles.EndArray();
        std::string body(buffer.GetString(), buffer.GetSize());
        body.pop_back();
        body += ",\"dated_roles\":";
        body.append(roles_buffer.GetString(), roles_buffer.GetSize());
        body += '}';
        ApiResponse response;
        response.body = std::move(body);
        return response;
      } else if (route == Route::kStatement) {
        auto s = store_.GetStatement(*id);
        if (!s.ok()) return StoreError(s.status(), "statement", *id, "id");
        WriteStatement(w, *s, [&](Writer& out) {
          WriteStatementLinks(out, options_.projection, *id);
          WriteReports(out, *s);
        });
      } else {
        auto a = store_.GetArticle(*id);
        if (!a.ok()) return StoreError(a.status(), "article", *id, "id");
        WriteArticle(w, *a);
      }
      return JsonResponse(buffer);
    }

    case Route::kStatementList:
      if (auto r = reject_unknown()) return *r;
      return ListStatements(request);

    case Route::kEntityStatements: {
      if (auto r = reject_unknown()) return *r;
      auto id = ParseId("id", seg[2]);
      if (!id.ok()) return ErrorResponse(id.status(), "id");
      return SpeakerStatements(request, *id, "id");
    }

    case Route::kOpenApi: {
      if (auto r = reject_unknown()) return *r;
      ApiResponse response;
      response.body = std::string(OpenApiJson());
      return response;
    }

    case Route::kTimeline:
      if (auto r = reject_unknown()) return *r;
      return Timeline(request);

    case Route::kGraphNeighbourhood:
    case Route::kGraphPath:
    case Route::kGraphThread:
    case Route::kExportGraph:
      if (auto r = reject_unknown()) return *r;
      return Graph(request, static_cast<int>(route));

    case Route::kIngest:
      if (auto r = reject_unknown()) return *r;
      return Ingest(request);

    case Route::kEventList:
      if (auto r = reject_unknown()) return *r;
      return ListEvents(request);

    case Route::kEvent: {
      if (auto r = reject_unknown()) return *r;
      auto id = ParseId("id", seg[2]);
      if (!id.ok()) return ErrorResponse(id.status(), "id");
      return EventDetail(*id);
    }
  }
  return ErrorResponse(Status::Internal("unrouted request"));
}

namespace {

// A statement filter word list: every word of `q` must be a word of the text, with the
// folding of the entity search (store::SearchTokens: case, compatibility forms).
bool TextHasWords(const std::string& text, const std::vector<std::string>& words) {
  const std::vector<std::string> tokens = store::SearchTokens(text);
  for (const std::string& w : words) {
    if (std::find(tokens.begin(), tokens.end(), w) == tokens.end()) return false;
  }
  return true;
}

// The cursor of a /v1/statements?q= page: where the page stopped inside the store's
// candidate pages. "q" <skip> "." <size> "." <store cursor>: re-read the store page of
// `size` candidates at <store cursor> ("" = the first) and skip its first <skip>.
struct TextCursor {
  size_t skip = 0;
  size_t size = 0;
  std::string store_cursor;
};

std::string EncodeTextCursor(const TextCursor& c) {
  return "q" + std::to_string(c.skip) + "." + std::to_string(c.size) + "." + c.store_cursor;
}

std::optional<TextCursor> DecodeTextCursor(std::string_view s) {
  auto number = [&](size_t max) -> std::optional<size_t> {
    size_t dot = s.find('.');
    if (dot == 0 || dot == std::string_view::npos || dot > 4) return std::nullopt;
    size_t v = 0;
    for (char c : s.substr(0, dot)) {
      if (c < '0' || c > '9') return std::nullopt;
      v = v * 10 + static_cast<size_t>(c - '0');
    }
    s.remove_prefix(dot + 1);
    if (v > max) return std::nullopt;
    return v;
  };
  if (s.empty() || s[0] != 'q') return std::nullopt;
  s.remove_prefix(1);
  TextCursor c;
  auto skip = number(kMaxLimit);
  if (!skip) return std::nullopt;
  auto size = number(kMaxLimit);
  if (!size || *size == 0 || *skip >= *size) return std::nullopt;
  c.skip = *skip;
  c.size = *size;
  c.store_cursor = std::string(s);
  return c;
}

}  // namespace

ApiResponse Api::ListStatements(const ApiRequest& request) const {
  store::StatementQuery query;
  // Ids: each must name something stored (a mistyped id is a 404, not an empty list).
  for (const char* name : {"speaker", "entity", "article"}) {
    auto raw = SingleParam(request, name);
    if (!raw.ok()) return ErrorResponse(raw.status(), name);
    if (!raw->has_value()) continue;
    auto id = ParseId(name, **raw);
    if (!id.ok()) return ErrorResponse(id.status(), name);
    const std::string_view n(name);
    if (n == "article") {
      auto a = store_.GetArticle(*id);
      if (!a.ok()) return StoreError(a.status(), "article", *id, name);
      query.article = *id;
    } else {
      auto e = store_.GetEntity(*id);
      if (!e.ok()) return StoreError(e.status(), "entity", *id, name);
      (n == "speaker" ? query.speaker : query.mentioned) = *id;
    }
  }
  for (const char* name : {"type", "speech_act"}) {
    auto raw = SingleParam(request, name);
    if (!raw.ok()) return ErrorResponse(raw.status(), name);
    if (!raw->has_value()) continue;
    const std::string& v = **raw;
    const bool word = !v.empty() && v.size() <= 32 && std::all_of(v.begin(), v.end(), [](char c) {
      return c == '_' || (c >= 'a' && c <= 'z');
    });
    if (!word) {
      return ErrorResponse(
          Status::InvalidArgument(
              std::string(name) + " must be a lower-case word of 1 to 32 letters or '_' (" +
              (std::string_view(name) == "type" ? "direct, indirect, mixed or reference"
                                                : "a speech act: assert, deny, warn, ...") +
              ")"),
          name);
    }
    (std::string_view(name) == "type" ? query.type : query.speech_act) = v;
  }
  DayWindow window;
  if (auto bad = ParseDayWindow(request, &window)) return *bad;
  query.from = window.from.value_or("");
  query.to = window.to.value_or("");

  std::string q_text;
  std::vector<std::string> words;
  if (auto bad = ParseWordsParam(request, &q_text, &words)) return *bad;
  ActFilter act;
  if (auto bad = ParseActParams(request, &act)) return *bad;
  auto limit = ParseLimit(request, kDefaultStatementLimit);
  if (!limit.ok()) return ErrorResponse(limit.status(), "limit");
  auto cursor = StoreCursorParam(request);
  if (!cursor.ok()) return ErrorResponse(cursor.status(), "cursor");
  const Status bad_cursor =
      Status::InvalidArgument("cursor must be the next_cursor of a previous page of this query");
  // The store refuses a cursor of another query (or none of its own) as InvalidArgument;
  // every other parameter was checked above.
  auto find = [&](const store::StatementQuery& qq) -> Result<store::StatementPage> {
    auto page = store_.FindStatements(qq);
    if (!page.ok() && page.status().IsInvalidArgument()) return bad_cursor;
    return page;
  };

  store::StatementPage out;
  if (words.empty() && act.empty()) {
    // Every candidate matches: ask for what is missing, follow short pages a little.
    query.cursor = std::move(*cursor);
    for (size_t calls = 0; calls < kMaxStoreCallsPerPage; ++calls) {
      query.limit = *limit - out.items.size();
      auto page = find(query);
      if (!page.ok())
        return ErrorResponse(page.status(), page.status().IsInvalidArgument() ? "cursor" : "");
      for (auto& s : page->items) out.items.push_back(std::move(s));
      out.next_cursor = page->next_cursor;
      if (out.items.size() == *limit || page->next_cursor.empty()) break;
      query.cursor = page->next_cursor;
    }
  } else {
    // q, polarity, hedged: read candidate pages and keep those whose text has every
    // word and whose act passes. The cost is the candidates read (each a stored
    // record), at most kMaxTextCandidatesPerPage; past it the page is returned short,
    // with a cursor.
    TextCursor at;
    at.size = std::clamp<size_t>(*limit * 4, 100, kMaxLimit);
    if (!cursor->empty()) {
      auto decoded = DecodeTextCursor(*cursor);
      if (!decoded) return ErrorResponse(bad_cursor, "cursor");
      at = *decoded;
    }
    size_t read = 0;
    for (;;) {
      query.cursor = at.store_cursor;
      query.limit = at.size;
      auto page = find(query);
      if (!page.ok())
        return ErrorResponse(page.status(), page.status().IsInvalidArgument() ? "cursor" : "");
      if (at.skip > page->items.size()) return ErrorResponse(bad_cursor, "cursor");
      bool full = false;
      for (size_t i = at.skip; i < page->items.size(); ++i) {
        ++read;
        if (!act.Matches(page->items[i]) || !TextHasWords(page->items[i].text, words)) continue;
        out.items.push_back(std::move(page->items[i]));
        if (out.items.size() == *limit) {
          full = true;
          if (i + 1 < page->items.size()) {
            out.next_cursor = EncodeTextCursor({i + 1, at.size, at.store_cursor});
          } else if (!page->next_cursor.empty()) {
            out.next_cursor = EncodeTextCursor({0, at.size, page->next_cursor});
          }
          break;
        }
      }
      if (full) break;
      if (page->next_cursor.empty()) break;  // no more candidates
      at = {0, at.size, page->next_cursor};
      if (read >= kMaxTextCandidatesPerPage) {
        out.next_cursor = EncodeTextCursor(at);
        break;
      }
    }
  }
  rapidjson::StringBuffer buffer;
  Writer w(buffer);
  WritePage(w, out);
  return JsonResponse(buffer);
}

ApiResponse Api::SpeakerStatements(const ApiRequest& request, NodeId speaker,
                                   std::string_view parameter) const {
  auto limit = ParseLimit(request, kDefaultStatementLimit);
  if (!limit.ok()) return ErrorResponse(limit.status(), "limit");
  auto cursor = StoreCursorParam(request);
  if (!cursor.ok()) return ErrorResponse(cursor.status(), "cursor");
  store::StatementQuery query;
  query.speaker = speaker;
  query.limit = *limit;
  query.cursor = std::move(*cursor);
  // An unknown speaker is a 404, not an empty list: a mistyped id should say so.
  auto entity = store_.GetEntity(speaker);
  if (!entity.ok()) return StoreError(entity.status(), "entity", speaker, parameter);
  auto page = store_.StatementsBySpeaker(query);
  if (!page.ok()) {
    if (page.status().IsInvalidArgument()) {
      // Speaker and limit are checked above: what the store refuses is the cursor.
      return ErrorResponse(
          Status::InvalidArgument("cursor must be the next_cursor of a previous page"), "cursor");
    }
    return ErrorResponse(page.status());
  }
  rapidjson::StringBuffer buffer;
  Writer w(buffer);
  WritePage(w, *page);
  return JsonResponse(buffer);
}

ApiResponse Api::Timeline(const ApiRequest& request) const {
  TimelineRequest query;
  for (const char* name : {"speaker", "entity"}) {
    auto raw = SingleParam(request, name);
    if (!raw.ok()) return ErrorResponse(raw.status(), name);
    if (!raw->has_value()) continue;
    auto id = ParseId(name, **raw);
    if (!id.ok()) return ErrorResponse(id.status(), name);
    (std::string_view(name) == "speaker" ? query.speaker : query.entity) = *id;
  }
  auto q = SingleParam(request, "q");
  if (!q.ok()) return ErrorResponse(q.status(), "q");
  if (q->has_value()) {
    const std::string& text = **q;
    if (!IsValidUtf8(text) || HasControlCharacter(text) || CodePointCount(text) > kMaxQueryChars ||
        store::SearchTokens(text).empty()) {
      return ErrorResponse(
          Status::InvalidArgument("q must be 1 to " + std::to_string(kMaxQueryChars) +
                                  " characters of UTF-8 holding a word, without control "
                                  "characters"),
          "q");
    }
    query.q = text;
  }
  if (!query.speaker.valid() && !query.entity.valid() && query.q.empty()) {
    return ErrorResponse(Status::InvalidArgument("give speaker=ID, entity=ID or q=WORDS (ids of "
                                                 "entities from /v1/entities)"),
                         "speaker");
  }
  if (auto bad = ParseActParams(request, &query.act)) return *bad;
  DayWindow window;
  if (auto bad = ParseDayWindow(request, &window)) return *bad;
  auto format = SingleParam(request, "format");
  if (!format.ok()) return ErrorResponse(format.status(), "format");
  std::string fmt = format->value_or("json");
  if (fmt != "json" && fmt != "csv" && fmt != "md" && fmt != "timelinejs") {
    return ErrorResponse(Status::InvalidArgument("format must be json, csv, md or timelinejs"),
                         "format");
  }
  auto limit = ParseLimit(request, kDefaultTimelineLimit, kMaxTimelineLimit);
  if (!limit.ok()) return ErrorResponse(limit.status(), "limit");

  query.from = window.from;
  query.to = window.to;
  query.limit = *limit;
  query.max_scan = kMaxTimelineScan;
  auto data = CollectTimeline(store_, query);
  if (!data.ok()) {
    std::string_view parameter;
    if (data.status().IsNotFound()) {
      parameter = query.speaker.valid() &&
                          data.status().message().find(query.speaker.ToHex()) != std::string::npos
                      ? "speaker"
                      : "entity";
    }
    return ErrorResponse(data.status(), parameter);
  }
  auto rendered = RenderTimeline(*data, fmt);
  if (!rendered.ok()) return ErrorResponse(rendered.status(), "format");
  const bool truncated = data->truncated;
  ApiResponse response;
  response.content_type = rendered->content_type;
  response.body = std::move(rendered->body);
  if (fmt == "csv" || fmt == "md") {
    response.headers.emplace_back("Content-Disposition",
                                  "inline; filename=\"timeline-" +
                                      (query.speaker.valid()  ? query.speaker.ToHex()
                                       : query.entity.valid() ? query.entity.ToHex()
                                                              : std::string("q")) +
                                      "." + fmt + "\"");
  }
  if (truncated) response.headers.emplace_back("X-Parley-Truncated", "true");
  return response;
}

ApiResponse Api::Graph(const ApiRequest& request, int route_number) const {
  const Route route = static_cast<Route>(route_number);
  // Parameters first, so a bad request is a 400 whether or not a graph is loaded.
  std::string format = "json";
  if (route == Route::kExportGraph) {
    auto raw = SingleParam(request, "format");
    if (!raw.ok()) return ErrorResponse(raw.status(), "format");
    if (!raw->has_value()) {
      return ErrorResponse(
          Status::InvalidArgument("format is required: graphml, gexf, cytoscape or dot"), "format");
    }
    format = **raw;
    bool known = false;
    for (std::string_view f : kGraphFormats) known = known || f == format;
    if (!known) {
      return ErrorResponse(
          Status::InvalidArgument("format must be graphml, gexf, cytoscape or dot"), "format");
    }
  }

  NeighbourhoodRequest hood;
  NodeId path_from, path_to, statement;
  int max_hops = graph::kMaxHops;
  if (route == Route::kGraphNeighbourhood || route == Route::kExportGraph) {
    auto node = RequiredIdParam(request, "node");
    if (!node.ok()) return ErrorResponse(node.status(), "node");
    hood.node = *node;
    auto depth = ParseIntParam(request, "depth", 1, 1, kMaxViewDepth);
    if (!depth.ok()) return ErrorResponse(depth.status(), "depth");
    hood.depth = *depth;
    auto edges = SingleParam(request, "edges");
    if (!edges.ok()) return ErrorResponse(edges.status(), "edges");
    if (edges->has_value()) {
      auto kinds = ParseEdgeKinds(**edges);
      if (!kinds.ok()) return ErrorResponse(kinds.status().WithContext("edges"), "edges");
      hood.kinds = *kinds;
    }
    for (const char* name : {"from", "to"}) {
      auto day = SingleParam(request, name);
      if (!day.ok()) return ErrorResponse(day.status(), name);
      if (!day->has_value()) continue;
      auto date = ParseGraphDate(**day);
      if (!date.ok()) {
        return ErrorResponse(
            Status::InvalidArgument(std::string(name) + " must be a date YYYY-MM-DD"), name);
      }
      (std::string_view(name) == "from" ? hood.date_from : hood.date_to) = *date;
    }
    if (hood.date_from != 0 && hood.date_to != 0 && hood.date_from > hood.date_to) {
      return ErrorResponse(Status::InvalidArgument("from is after to"), "from");
    }
    // A page of the default size of every list; an export is one file, not pages.
    auto limit = ParseLimit(request, route == Route::kExportGraph ? kDefaultExportNodes
                                                                  : kDefaultStatementLimit,
                            kMaxViewNodes);
    if (!limit.ok()) return ErrorResponse(limit.status(), "limit");
    hood.limit = *limit;
    if (route == Route::kGraphNeighbourhood) {
      auto cursor = SingleParam(request, "cursor");
      if (!cursor.ok()) return ErrorResponse(cursor.status(), "cursor");
      if (cursor->has_value()) {
        auto offset = ParseOffsetCursor(**cursor, kMaxNeighbourhoodReach, /*allow_zero=*/true);
        if (!offset.ok()) return ErrorResponse(offset.status(), "cursor");
        if (*offset + hood.limit > kMaxNeighbourhoodReach) {
          return ErrorResponse(
              Status::InvalidArgument("cursor and limit reach past the first " +
                                      std::to_string(kMaxNeighbourhoodReach) +
                                      " nodes a neighbourhood pages through"),
              "limit");
        }
        hood.offset = *offset;
      }
    }
  } else if (route == Route::kGraphPath) {
    auto from = RequiredIdParam(request, "from");
    if (!from.ok()) return ErrorResponse(from.status(), "from");
    auto to = RequiredIdParam(request, "to");
    if (!to.ok()) return ErrorResponse(to.status(), "to");
    auto hops = ParseIntParam(request, "max_hops", graph::kMaxHops, 1, graph::kMaxHops);
    if (!hops.ok()) return ErrorResponse(hops.status(), "max_hops");
    path_from = *from;
    path_to = *to;
    max_hops = *hops;
  } else {
    auto id = RequiredIdParam(request, "statement");
    if (!id.ok()) return ErrorResponse(id.status(), "statement");
    statement = *id;
  }

  if (options_.projection == nullptr) {
    return ErrorResponse(Status::Unavailable("no graph is loaded by this server"));
  }
  const graph::Deadline deadline =
      options_.traversal_deadline_checks >= 0
          ? graph::Deadline::AfterChecks(static_cast<uint64_t>(options_.traversal_deadline_checks))
          : graph::Deadline::In(options_.traversal_deadline);
  // Past the deadline, where a partial answer would mislead: 503, try again later.
  auto too_slow = [&](const std::string& what) {
    ApiResponse response = ErrorResponse(Status::Unavailable(
        what + " passed the " + std::to_string(options_.traversal_deadline.count()) +
        " ms deadline of a graph request; retry after the delay in Retry-After"));
    response.headers.emplace_back("Retry-After", "1");
    return response;
  };
  std::shared_ptr<const graph::GraphSnapshot> g = options_.projection->Current();
  Result<GraphView> view = Status::Internal("unrouted graph request");
  std::string_view parameter;
  if (route == Route::kGraphNeighbourhood || route == Route::kExportGraph) {
    hood.deadline = deadline;
    view = NeighbourhoodView(store_, g, hood);
    parameter = "node";
  } else if (route == Route::kGraphPath) {
    view = PathView(store_, *g, path_from, path_to, max_hops, deadline);
    if (!view.ok() && view.status().IsNotFound()) {
      parameter = g->VertexOf(path_from) ? "to" : "from";
    }
    if (!view.ok() && view.status().code() == Status::Code::kUnavailable) {
      return too_slow("the path search");
    }
  } else {
    view = ThreadView(store_, *g, statement, deadline);
    parameter = "statement";
  }
  if (!view.ok()) {
    const Status& st = view.status();
    return ErrorResponse(st, st.IsNotFound() || st.IsInvalidArgument() ? parameter : "");
  }

  if (route == Route::kExportGraph) {
    // A file is read whole by Gephi or networkx, where a cut no header shows would
    // pass unnoticed; a cap cuts the same way every time, the deadline does not.
    if (view->truncated_reason == "deadline") return too_slow("the neighbourhood to export");
    auto rendered = ExportGraphView(*view, format);
    if (!rendered.ok()) return ErrorResponse(rendered.status(), "format");
    ApiResponse response;
    response.content_type = rendered->content_type;
    response.body = std::move(rendered->body);
    const std::string extension = format == "cytoscape" ? "json" : format;
    response.headers.emplace_back(
        "Content-Disposition",
        "attachment; filename=\"graph-" + hood.node.ToHex() + "." + extension + "\"");
    if (view->truncated) response.headers.emplace_back("X-Parley-Truncated", "true");
    return response;
  }

  // Sized for the answer up front (about 150 bytes a node and 90 an edge), so the
  // buffer is not regrown and copied while it is written.
  rapidjson::StringBuffer buffer(nullptr, 256 + 160 * view->nodes.size() + 96 * view->edges.size());
  Writer w(buffer);
  w.StartObject();
  Key(w, "nodes");
  w.StartArray();
  for (const ViewNode& n : view->nodes) {
    w.StartObject();
    Key(w, "id");
    Id(w, n.id);
    Key(w, "kind");
    Ascii(w, NodeKindName(n.kind));
    Key(w, "label");
    Str(w, n.label);
    Key(w, "date");
    if (n.date) {
      Ascii(w, *n.date);
    } else {
      w.Null();
    }
    Key(w, "hops");
    w.Int(n.hops);
    if (n.kind == NodeKind::kPerson) {
      Key(w, "gender");
      if (n.gender.empty()) {
        w.Null();
      } else {
        Ascii(w, n.gender);
      }
    }
    w.EndObject();
  }
  w.EndArray();
  Key(w, "edges");
  w.StartArray();
  for (const ViewEdge& e : view->edges) {
    w.StartObject();
    Key(w, "source");
    Id(w, e.source);
    Key(w, "target");
    Id(w, e.target);
    Key(w, "kind");
    Ascii(w, store::EdgeKindName(e.kind));
    w.EndObject();
  }
  w.EndArray();
  Key(w, "truncated");
  w.Bool(view->truncated);
  Key(w, "truncated_reason");
  if (view->truncated_reason.empty()) {
    w.Null();
  } else {
    Str(w, view->truncated_reason);
  }
  Key(w, "next_cursor");
  if (view->next_offset) {
    Str(w, "o" + std::to_string(*view->next_offset));
  } else {
    w.Null();
  }
  w.EndObject();
  ApiResponse response = JsonResponse(buffer);
  if (view->truncated) response.headers.emplace_back("X-Parley-Truncated", "true");
  return response;
}

namespace {

constexpr size_t kMaxIngestIdBytes = 256;

// One document of a POST /v1/articles body; `where` names it in messages
// ("documents[2]").
Result<Document> DocumentFromJson(const rapidjson::Value& v, const std::string& where) {
  if (!v.IsObject()) return Status::InvalidArgument(where + " must be a JSON object");
  Document doc;
  doc.origin = "POST /v1/articles " + where;
  bool has_id = false, has_text = false;
  for (const auto& m : v.GetObject()) {
    std::string name(m.name.GetString(), m.name.GetStringLength());
    auto string_of = [&](std::string* out, bool nullable) -> Status {
      if (nullable && m.value.IsNull()) return Status::OK();
      if (!m.value.IsString()) {
        return Status::InvalidArgument(where + "." + name + " must be a string");
      }
      out->assign(m.value.GetString(), m.value.GetStringLength());
      return Status::OK();
    };
    if (name == "id") {
      PARLEY_RETURN_IF_ERROR(string_of(&doc.id, false));
      has_id = true;
    } else if (name == "text") {
      PARLEY_RETURN_IF_ERROR(string_of(&doc.text, false));
      has_text = true;
    } else if (name == "title") {
      PARLEY_RETURN_IF_ERROR(string_of(&doc.title, true));
    } else if (name == "source") {
      PARLEY_RETURN_IF_ERROR(string_of(&doc.source, true));
    } else if (name == "date") {
      std::string date;
      PARLEY_RETURN_IF_ERROR(string_of(&date, true));
      if (date.empty()) continue;
      std::optional<std::string> day = NormalizeDate(date);
      if (!day || day->size() != 10) {
        return Status::InvalidArgument(where + ".date must be a day YYYY-MM-DD");
      }
      doc.date = *day;
    } else {
      bool printable = IsValidUtf8(name) && !HasControlCharacter(name) && name.size() <= 64;
      return Status::InvalidArgument(
          where +
          (printable ? " has an unknown member \"" + name + "\"" : " has an unknown member") +
          " (known: id, text, title, date, source)");
    }
  }
  if (!has_id || doc.id.empty() || doc.id.size() > kMaxIngestIdBytes || !IsValidUtf8(doc.id) ||
      HasControlCharacter(doc.id)) {
    return Status::InvalidArgument(where + ".id must be a string of 1 to " +
                                   std::to_string(kMaxIngestIdBytes) +
                                   " bytes without control characters");
  }
  if (!has_text || doc.text.find_first_not_of(" \t\r\n") == std::string::npos) {
    return Status::InvalidArgument(where + ".text must be a non-empty string");
  }
  return doc;
}

std::string_view OutcomeName(store::PutOutcome outcome) {
  switch (outcome) {
    case store::PutOutcome::kStored:
      return "stored";
    case store::PutOutcome::kUnchanged:
      return "unchanged";
    case store::PutOutcome::kReplaced:
      return "replaced";
  }
  return "stored";
}

}  // namespace

ApiResponse Api::Ingest(const ApiRequest& request) const {
  if (options_.ingest_token.empty() || options_.extractor == nullptr) {
    return ErrorResponse(403, "forbidden",
                         "ingest disabled: start the server with --token-file FILE or "
                         "PARLEY_API_TOKEN to enable POST /v1/articles");
  }
  constexpr std::string_view kBearer = "Bearer ";
  const std::string& auth = request.authorization;
  const bool bearer = auth.size() > kBearer.size() && auth.compare(0, kBearer.size(), kBearer) == 0;
  if (!bearer ||
      !ConstantTimeEquals(std::string_view(auth).substr(kBearer.size()), options_.ingest_token)) {
    ApiResponse response =
        ErrorResponse(401, "unauthorized",
                      bearer ? "the bearer token is not the one this server was given"
                             : "POST /v1/articles needs an \"Authorization: Bearer TOKEN\" header");
    response.headers.emplace_back("WWW-Authenticate", "Bearer realm=\"parley\"");
    return response;
  }
  if (request.body.size() > options_.max_ingest_body_bytes) {
    return ErrorResponse(
        Status::TooLarge("request body of " + std::to_string(request.body.size()) +
                         " bytes is over the " + std::to_string(options_.max_ingest_body_bytes) +
                         "-byte limit"),
        "body");
  }

  rapidjson::Document json;
  // Iterative: a body of nested arrays must not recurse once per level (a stack
  // overflow, not a 400).
  json.Parse<rapidjson::kParseValidateEncodingFlag | rapidjson::kParseIterativeFlag>(
      request.body.data(), request.body.size());
  if (json.HasParseError()) {
    return ErrorResponse(Status::InvalidArgument("the body is not JSON (or not UTF-8) at offset " +
                                                 std::to_string(json.GetErrorOffset())),
                         "body");
  }
  std::vector<Document> docs;
  if (json.IsObject() && json.HasMember("documents")) {
    if (json.MemberCount() != 1) {
      return ErrorResponse(
          Status::InvalidArgument("a body with \"documents\" must have no other member"), "body");
    }
    const rapidjson::Value& list = json["documents"];
    if (!list.IsArray() || list.Empty()) {
      return ErrorResponse(Status::InvalidArgument("documents must be a non-empty array"),
                           "documents");
    }
    if (list.Size() > options_.max_ingest_documents) {
      return ErrorResponse(
          Status::TooLarge("at most " + std::to_string(options_.max_ingest_documents) +
                           " documents per request; got " + std::to_string(list.Size())),
          "documents");
    }
    for (rapidjson::SizeType i = 0; i < list.Size(); ++i) {
      std::string where = "documents[" + std::to_string(i) + "]";
      auto doc = DocumentFromJson(list[i], where);
      if (!doc.ok()) return ErrorResponse(doc.status(), where);
      docs.push_back(std::move(*doc));
    }
  } else {
    auto doc = DocumentFromJson(json, "document");
    if (!doc.ok()) return ErrorResponse(doc.status(), "body");
    docs.push_back(std::move(*doc));
  }
  for (size_t i = 0; i < docs.size(); ++i) {
    for (size_t j = 0; j < i; ++j) {
      if (docs[i].id == docs[j].id) {
        return ErrorResponse(
            Status::InvalidArgument("documents[" + std::to_string(i) +
                                    "] repeats the id of documents[" + std::to_string(j) + "]"),
            "documents[" + std::to_string(i) + "]");
      }
    }
  }

  // Extraction needs no lock; the write and the projection change do.
  std::vector<Extraction> extractions;
  extractions.reserve(docs.size());
  for (const Document& doc : docs) extractions.push_back(options_.extractor->Extract(doc));

  rapidjson::StringBuffer buffer;
  Writer w(buffer);
  w.StartObject();
  Key(w, "results");
  w.StartArray();
  Status first_error;
  std::string error_parameter;
  for (size_t i = 0; i < extractions.size(); ++i) {
    const Extraction& x = extractions[i];
    Result<store::PutOutcome> outcome = Status::Internal("not stored");
    {
      std::lock_guard<std::mutex> lock(ingest_mu_);
      std::optional<store::ArticleGraph> before;
      Status read_before;
      if (options_.projection != nullptr) {
        auto graph = store_.GetArticleGraph(x.id);
        if (graph.ok()) {
          before = std::move(*graph);
        } else if (!graph.status().IsNotFound()) {
          read_before = graph.status();
        }
      }
      if (read_before.ok()) {
        outcome = store_.PutArticle(x);
      } else {
        outcome = read_before.WithContext("not stored: the graph could not be read");
      }
      if (outcome.ok() && *outcome != store::PutOutcome::kUnchanged &&
          options_.projection != nullptr) {
        auto after = store_.GetArticleGraph(x.id);
        if (after.ok()) {
          options_.projection->ApplyArticleChange(before ? &*before : nullptr, &*after);
          if (options_.projection->Current()->DeltaEdgeCount() > options_.rebuild_delta_edges) {
            // Writes are paused (ingest_mu_): no change can be lost by the rebuild.
            options_.projection->Rebuild(store_).IgnoreError();  // the delta stays usable
          }
        } else {
          outcome = after.status().WithContext("stored, but the graph could not be updated");
        }
      }
    }
    w.StartObject();
    Key(w, "id");
    Str(w, x.id);
    Key(w, "article_id");
    Str(w, ArticleNodeId(x.id).ToHex());
    if (!outcome.ok()) {
      Key(w, "outcome");
      Str(w, "failed");
      Key(w, "error");
      Str(w, outcome.status().ToString());
      if (first_error.ok()) {
        first_error = outcome.status();
        error_parameter = docs.size() == 1 ? "body" : "documents[" + std::to_string(i) + "]";
      }
    } else {
      Key(w, "outcome");
      Str(w, OutcomeName(*outcome));
    }
    Key(w, "title");
    Str(w, x.article.title);
    Key(w, "published");
    OptStr(w, x.article.published);
    Key(w, "statements");
    w.Uint64(x.statements.size());
    Key(w, "statement_ids");
    w.StartArray();
    for (const Statement& s : x.statements) Str(w, StatementNodeId(x.id, s.id).ToHex());
    w.EndArray();
    w.EndObject();
  }
  w.EndArray();
  if (!first_error.ok()) {
    Key(w, "error");
    w.StartObject();
    Key(w, "code");
    Str(w, ErrorCodeName(first_error.code()));
    if (first_error.IsInvalidArgument()) {
      Key(w, "parameter");
      Str(w, error_parameter);
    }
    Key(w, "message");
    Str(w, first_error.message());
    w.EndObject();
  }
  w.EndObject();
  ApiResponse response = JsonResponse(buffer);
  if (!first_error.ok()) response.status = HttpStatusFor(first_error.code());
  return response;
}

}  // namespace parley::api

// ---- /v1/events ----

namespace parley::api {

namespace {

constexpr size_t kDefaultEventLimit = 50;

// The article an event or statement came from, as a small object; null when gone.
void WriteArticleRef(JsonWriter& w, store::Store& store, NodeId id) {
  auto a = store.GetArticle(id);
  if (!a.ok()) {
    w.Null();
    return;
  }
  w.StartObject();
  Key(w, "id");
  Str(w, a->id.ToHex());
  Key(w, "external_id");
  Str(w, a->external_id);
  Key(w, "title");
  Str(w, a->title);
  Key(w, "published");
  OptStr(w, a->published);
  w.EndObject();
}

// An event's own fields and its participants with their names; `names` caches the
// entities read for one response.
void WriteEventFields(JsonWriter& w, store::Store& store, const store::EventRecord& v,
                      std::map<NodeId, std::optional<store::EntityRecord>>* names) {
  Key(w, "id");
  Str(w, v.id.ToHex());
  Key(w, "type");
  Str(w, v.type);
  Key(w, "name");
  Str(w, v.name);
  Key(w, "date");
  OptStr(w, v.date);
  Key(w, "article_id");
  Str(w, v.article.ToHex());
  Key(w, "participants");
  w.StartArray();
  for (NodeId p : v.participants) {
    auto it = names->find(p);
    if (it == names->end()) {
      auto e = store.GetEntity(p);
      it = names
               ->emplace(p,
                         e.ok() ? std::optional<store::EntityRecord>(std::move(*e)) : std::nullopt)
               .first;
    }
    w.StartObject();
    Key(w, "id");
    Str(w, p.ToHex());
    Key(w, "name");
    if (it->second) {
      Str(w, it->second->name);
    } else {
      w.Null();
    }
    Key(w, "type");
    if (it->second) {
      Str(w, it->second->type);
    } else {
      w.Null();
    }
    w.EndObject();
  }
  w.EndArray();
}

}  // namespace

ApiResponse Api::ListEvents(const ApiRequest& request) const {
  store::EventQuery query;
  {
    auto raw = SingleParam(request, "type");
    if (!raw.ok()) return ErrorResponse(raw.status(), "type");
    if (raw->has_value()) {
      const std::string& v = **raw;
      const bool word = !v.empty() && v.size() <= 32 && std::all_of(v.begin(), v.end(), [](char c) {
        return c == '_' || (c >= 'a' && c <= 'z');
      });
      if (!word) {
        return ErrorResponse(
            Status::InvalidArgument("type must be a lower-case word of 1 to 32 letters or '_' "
                                    "(an event type of schema/events.yaml: meeting, ...)"),
            "type");
      }
      query.type = v;
    }
  }
  {
    auto raw = SingleParam(request, "participant");
    if (!raw.ok()) return ErrorResponse(raw.status(), "participant");
    if (raw->has_value()) {
      auto id = ParseId("participant", **raw);
      if (!id.ok()) return ErrorResponse(id.status(), "participant");
      auto e = store_.GetEntity(*id);
      if (!e.ok()) return StoreError(e.status(), "entity", *id, "participant");
      query.participant = *id;
    }
  }
  DayWindow window;
  if (auto bad = ParseDayWindow(request, &window)) return *bad;
  query.from = window.from.value_or("");
  query.to = window.to.value_or("");
  std::vector<std::string> q_words;
  if (auto bad = ParseWordsParam(request, &query.q, &q_words)) return *bad;
  auto limit = ParseLimit(request, kDefaultEventLimit);
  if (!limit.ok()) return ErrorResponse(limit.status(), "limit");
  auto cursor = StoreCursorParam(request);
  if (!cursor.ok()) return ErrorResponse(cursor.status(), "cursor");
  query.cursor = std::move(*cursor);

  // The store scans a bounded number of events per call: follow short pages a little.
  store::EventPage out;
  for (size_t call = 0; call < kMaxStoreCallsPerPage; ++call) {
    query.limit = *limit - out.items.size();
    auto page = store_.FindEvents(query);
    if (!page.ok()) {
      if (page.status().IsInvalidArgument()) {
        return ErrorResponse(
            Status::InvalidArgument("cursor must be the next_cursor of a previous page"), "cursor");
      }
      return ErrorResponse(page.status());
    }
    for (auto& v : page->items) out.items.push_back(std::move(v));
    out.next_cursor = std::move(page->next_cursor);
    if (out.next_cursor.empty() || out.items.size() == *limit) break;
    query.cursor = out.next_cursor;
  }

  rapidjson::StringBuffer buffer;
  JsonWriter w(buffer);
  std::map<NodeId, std::optional<store::EntityRecord>> names;
  w.StartObject();
  Key(w, "items");
  w.StartArray();
  for (const store::EventRecord& v : out.items) {
    w.StartObject();
    WriteEventFields(w, store_, v, &names);
    w.EndObject();
  }
  w.EndArray();
  Key(w, "next_cursor");
  if (out.next_cursor.empty()) {
    w.Null();
  } else {
    Str(w, out.next_cursor);
  }
  w.EndObject();
  return JsonResponse(buffer);
}

ApiResponse Api::EventDetail(NodeId id) const {
  auto v = store_.GetEvent(id);
  if (!v.ok()) return StoreError(v.status(), "event", id, "id");
  rapidjson::StringBuffer buffer;
  JsonWriter w(buffer);
  std::map<NodeId, std::optional<store::EntityRecord>> names;
  w.StartObject();
  WriteEventFields(w, store_, *v, &names);
  Key(w, "article");
  WriteArticleRef(w, store_, v->article);

  // Statements linked to the event (mentions, responded_to, about, proposed), each
  // once with the kinds of its links; articles mentioning it; other entities linked.
  std::map<NodeId, std::vector<store::EdgeKind>> statements;
  std::set<NodeId> articles = {v->article};
  for (const store::EventLink& link : v->links) {
    if (link.node_kind == NodeKind::kStatement) {
      statements[link.id].push_back(link.kind);
    } else if (link.node_kind == NodeKind::kArticle) {
      articles.insert(link.id);
    }
  }
  Key(w, "statements");
  w.StartArray();
  for (const auto& [sid, kinds] : statements) {
    auto s = store_.GetStatement(sid);
    if (!s.ok()) continue;  // retracted since the event was read
    w.StartObject();
    Key(w, "id");
    Str(w, sid.ToHex());
    Key(w, "links");
    w.StartArray();
    for (store::EdgeKind k : kinds) Str(w, store::EdgeKindName(k));
    w.EndArray();
    Key(w, "text");
    Str(w, s->text);
    Key(w, "type");
    Str(w, s->type);
    Key(w, "date");
    OptStr(w, s->date);
    Key(w, "speaker");
    if (s->speaker_id.valid()) {
      w.StartObject();
      Key(w, "id");
      Str(w, s->speaker_id.ToHex());
      Key(w, "name");
      Str(w, s->speaker_name);
      w.EndObject();
    } else {
      w.Null();
    }
    Key(w, "article_id");
    Str(w, s->article_id.ToHex());
    w.EndObject();
  }
  w.EndArray();
  Key(w, "articles");
  w.StartArray();
  for (NodeId a : articles) WriteArticleRef(w, store_, a);
  w.EndArray();
  Key(w, "links_truncated");
  w.Bool(v->links_truncated);
  w.EndObject();
  return JsonResponse(buffer);
}

}  // namespace parley::api
