#include "api/handlers.h"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <algorithm>
#include <cstdint>
#include <iterator>
#include <optional>
#include <unordered_map>

#include "api/exports.h"
#include "api/openapi_json.h"
#include "api/utf8.h"
#include "graph/core/ids.h"

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
constexpr size_t kMaxTimelineLimit = 10000;
constexpr size_t kDefaultTimelineLimit = 1000;
// Statements of one speaker read at most for one timeline: bounds the work of a
// request for a speaker with a huge record (the answer is then marked truncated).
constexpr size_t kMaxTimelineScan = 100000;
constexpr size_t kTimelinePageSize = 1000;  // the store's largest page

using Writer = rapidjson::Writer<rapidjson::StringBuffer>;

void Str(Writer& w, std::string_view s) {
  if (IsValidUtf8(s)) {
    w.String(s.data(), static_cast<rapidjson::SizeType>(s.size()));
  } else {
    std::string fixed = ToValidUtf8(s);
    w.String(fixed.data(), static_cast<rapidjson::SizeType>(fixed.size()));
  }
}

void Key(Writer& w, std::string_view k) {
  w.Key(k.data(), static_cast<rapidjson::SizeType>(k.size()));
}

void OptStr(Writer& w, const std::optional<std::string>& s) {
  if (s) {
    Str(w, *s);
  } else {
    w.Null();
  }
}

void StrArray(Writer& w, const std::vector<std::string>& items) {
  w.StartArray();
  for (const auto& s : items) Str(w, s);
  w.EndArray();
}

// An id written as 16 hex digits, or null when it is invalid (0).
void IdOrNull(Writer& w, NodeId id) {
  if (id.valid()) {
    Str(w, id.ToHex());
  } else {
    w.Null();
  }
}

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

// The first and last day a timeline date ("2025", "2025-10", "2025-10-24") covers,
// as strings that compare like dates.
std::pair<std::string, std::string> DateBounds(const std::string& date) {
  if (date.size() == 4) return {date + "-01-01", date + "-12-31"};
  if (date.size() == 7) return {date + "-01", date + "-31"};
  return {date, date};
}

Result<NodeId> ParseId(std::string_view name, std::string_view s) {
  auto id = NodeId::FromHex(s);
  if (!id) return Status::InvalidArgument(std::string(name) + " must be 16 hex digits");
  return *id;
}

void WriteEntitySummary(Writer& w, const store::EntityRecord& e) {
  w.StartObject();
  Key(w, "id");
  Str(w, e.id.ToHex());
  Key(w, "type");
  Str(w, e.type);
  Key(w, "name");
  Str(w, e.name);
  Key(w, "aliases");
  StrArray(w, e.aliases);
  Key(w, "statement_count");
  w.Uint(e.statement_count);
  w.EndObject();
}

void WriteEntity(Writer& w, const store::EntityRecord& e) {
  w.StartObject();
  Key(w, "id");
  Str(w, e.id.ToHex());
  Key(w, "type");
  Str(w, e.type);
  Key(w, "name");
  Str(w, e.name);
  Key(w, "aliases");
  StrArray(w, e.aliases);
  Key(w, "roles");
  StrArray(w, e.roles);
  Key(w, "country");
  if (e.country.empty()) {
    w.Null();
  } else {
    Str(w, e.country);
  }
  Key(w, "article_count");
  w.Uint(e.article_count);
  Key(w, "statement_count");
  w.Uint(e.statement_count);
  w.EndObject();
}

void WriteStatement(Writer& w, const store::StatementRecord& s) {
  w.StartObject();
  Key(w, "id");
  Str(w, s.id.ToHex());
  Key(w, "local_id");
  Str(w, s.local_id);
  Key(w, "text");
  Str(w, s.text);
  Key(w, "type");
  Str(w, s.type);
  Key(w, "cue");
  Str(w, s.cue);
  Key(w, "speech_act");
  Str(w, s.speech_act);
  Key(w, "speaker");
  if (s.speaker_id.valid() || !s.speaker_name.empty()) {
    w.StartObject();
    Key(w, "id");
    IdOrNull(w, s.speaker_id);
    Key(w, "name");
    Str(w, s.speaker_name);
    w.EndObject();
  } else {
    w.Null();
  }
  Key(w, "date");
  OptStr(w, s.date);
  Key(w, "article");
  w.StartObject();
  Key(w, "id");
  IdOrNull(w, s.article_id);
  Key(w, "external_id");
  Str(w, s.article_external_id);
  Key(w, "title");
  Str(w, s.article_title);
  Key(w, "published");
  OptStr(w, s.published);
  w.EndObject();
  Key(w, "start");
  w.Int64(s.content.begin);
  Key(w, "end");
  w.Int64(s.content.end);
  Key(w, "reported_by");
  IdOrNull(w, s.reported_by);
  w.EndObject();
}

void WriteArticle(Writer& w, const store::ArticleRecord& a) {
  w.StartObject();
  Key(w, "id");
  Str(w, a.id.ToHex());
  Key(w, "external_id");
  Str(w, a.external_id);
  Key(w, "title");
  Str(w, a.title);
  Key(w, "published");
  OptStr(w, a.published);
  Key(w, "outlets");
  StrArray(w, a.outlets);
  Key(w, "warnings");
  StrArray(w, a.warnings);
  Key(w, "content_hash");
  Str(w, a.content_hash);
  Key(w, "extractor_version");
  Str(w, a.extractor_version);
  Key(w, "statement_count");
  w.Uint(a.statement_count);
  w.EndObject();
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

Result<ApiRequest> ParseRequestTarget(std::string_view method, std::string_view target) {
  ApiRequest request;
  request.method = std::string(method);
  if (size_t hash = target.find('#'); hash != std::string_view::npos) {
    target = target.substr(0, hash);
  }
  if (target.empty() || target[0] != '/') {
    return Status::InvalidArgument("request target must start with '/'");
  }
  std::string_view path = target;
  std::string_view query;
  if (size_t q = target.find('?'); q != std::string_view::npos) {
    path = target.substr(0, q);
    query = target.substr(q + 1);
  }
  auto decoded_path = PercentDecode(path, /*plus_is_space=*/false);
  if (!decoded_path.ok()) return decoded_path.status().WithContext("path");
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
    if (!name.ok()) return name.status().WithContext("query parameter name");
    auto value = PercentDecode(raw_value, /*plus_is_space=*/true);
    if (!value.ok()) {
      // Decoded name is safe to echo only if it is printable UTF-8.
      std::string where = IsValidUtf8(*name) && !HasControlCharacter(*name)
                              ? "query parameter " + *name
                              : "query parameter";
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
  kNone,  // not a route: the count, and "no match"
};

}  // namespace

const std::vector<RouteInfo>& Routes() {
  static const std::vector<RouteInfo> kRoutes = {
      {"GET", "/v1/health", {}},
      {"GET", "/v1/entities", {"q", "limit"}},
      {"GET", "/v1/entities/{id}", {}},
      {"GET", "/v1/statements", {"speaker", "limit", "cursor"}},
      {"GET", "/v1/statements/{id}", {}},
      {"GET", "/v1/articles/{id}", {}},
      {"GET", "/v1/timeline", {"speaker", "entity", "q", "from", "to", "format", "limit"}},
      {"GET", "/v1/openapi.json", {}},
  };
  return kRoutes;
}

std::string_view OpenApiJson() {
  return std::string_view(reinterpret_cast<const char*>(generated::kOpenApiJson),
                          sizeof(generated::kOpenApiJson));
}

Api::Api(store::Store& store) : store_(store) {}

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
    } else if (seg.size() == 3 && !seg[2].empty()) {
      if (seg[1] == "entities") route = Route::kEntity;
      if (seg[1] == "statements") route = Route::kStatement;
      if (seg[1] == "articles") route = Route::kArticle;
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
  if (request.method != "GET") {
    ApiResponse response =
        ErrorResponse(405, "method_not_allowed", "only GET is allowed on " + request.path);
    response.headers.emplace_back("Allow", "GET");
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
      auto found = store_.FindEntities(text, *limit);
      if (!found.ok())
        return ErrorResponse(found.status(), found.status().IsInvalidArgument() ? "q" : "");
      w.StartObject();
      Key(w, "items");
      w.StartArray();
      for (const auto& e : *found) WriteEntitySummary(w, e);
      w.EndArray();
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
        if (!e.ok()) return StoreError(e.status(), "entity", *id);
        WriteEntity(w, *e);
      } else if (route == Route::kStatement) {
        auto s = store_.GetStatement(*id);
        if (!s.ok()) return StoreError(s.status(), "statement", *id);
        WriteStatement(w, *s);
      } else {
        auto a = store_.GetArticle(*id);
        if (!a.ok()) return StoreError(a.status(), "article", *id);
        WriteArticle(w, *a);
      }
      return JsonResponse(buffer);
    }

    case Route::kStatementList: {
      if (auto r = reject_unknown()) return *r;
      auto speaker = SingleParam(request, "speaker");
      if (!speaker.ok()) return ErrorResponse(speaker.status(), "speaker");
      if (!speaker->has_value()) {
        return ErrorResponse(
            Status::InvalidArgument("speaker is required: the 16-hex-digit id of an entity"),
            "speaker");
      }
      auto speaker_id = ParseId("speaker", **speaker);
      if (!speaker_id.ok()) return ErrorResponse(speaker_id.status(), "speaker");
      auto limit = ParseLimit(request, kDefaultStatementLimit);
      if (!limit.ok()) return ErrorResponse(limit.status(), "limit");
      auto cursor = SingleParam(request, "cursor");
      if (!cursor.ok()) return ErrorResponse(cursor.status(), "cursor");
      store::StatementQuery query;
      query.speaker = *speaker_id;
      query.limit = *limit;
      if (cursor->has_value()) {
        const std::string& c = **cursor;
        if (c.empty() || c.size() > kMaxCursorBytes || !IsValidUtf8(c) || HasControlCharacter(c)) {
          return ErrorResponse(
              Status::InvalidArgument("cursor must be the next_cursor of a previous page"),
              "cursor");
        }
        query.cursor = c;
      }
      // An unknown speaker is a 404, not an empty list: a mistyped id should say so.
      auto entity = store_.GetEntity(*speaker_id);
      if (!entity.ok()) return StoreError(entity.status(), "entity", *speaker_id, "speaker");
      auto page = store_.StatementsBySpeaker(query);
      if (!page.ok()) {
        if (page.status().IsInvalidArgument()) {
          // Speaker and limit are checked above: what the store refuses is the cursor.
          return ErrorResponse(
              Status::InvalidArgument("cursor must be the next_cursor of a previous page"),
              "cursor");
        }
        return ErrorResponse(page.status());
      }
      w.StartObject();
      Key(w, "items");
      w.StartArray();
      for (const auto& s : page->items) WriteStatement(w, s);
      w.EndArray();
      Key(w, "next_cursor");
      if (page->next_cursor.empty()) {
        w.Null();
      } else {
        Str(w, page->next_cursor);
      }
      w.EndObject();
      return JsonResponse(buffer);
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
  }
  return ErrorResponse(Status::Internal("unrouted request"));
}

ApiResponse Api::Timeline(const ApiRequest& request) const {
  for (const char* reserved : {"entity", "q"}) {
    if (request.query.count(reserved)) {
      return ErrorResponse(
          Status::InvalidArgument(std::string(reserved) +
                                  " is not supported yet: give speaker=ID (the id of an entity "
                                  "from /v1/entities)"),
          reserved);
    }
  }
  auto speaker = SingleParam(request, "speaker");
  if (!speaker.ok()) return ErrorResponse(speaker.status(), "speaker");
  if (!speaker->has_value()) {
    return ErrorResponse(
        Status::InvalidArgument("speaker is required: the 16-hex-digit id of an entity"),
        "speaker");
  }
  auto speaker_id = ParseId("speaker", **speaker);
  if (!speaker_id.ok()) return ErrorResponse(speaker_id.status(), "speaker");
  auto from = ParseDayParam(request, "from");
  if (!from.ok()) return ErrorResponse(from.status(), "from");
  auto to = ParseDayParam(request, "to");
  if (!to.ok()) return ErrorResponse(to.status(), "to");
  if (from->has_value() && to->has_value() && **from > **to) {
    return ErrorResponse(Status::InvalidArgument("from " + **from + " is after to " + **to),
                         "from");
  }
  auto format = SingleParam(request, "format");
  if (!format.ok()) return ErrorResponse(format.status(), "format");
  std::string fmt = format->value_or("json");
  if (fmt != "json" && fmt != "csv" && fmt != "md" && fmt != "timelinejs") {
    return ErrorResponse(Status::InvalidArgument("format must be json, csv, md or timelinejs"),
                         "format");
  }
  auto limit = ParseLimit(request, kDefaultTimelineLimit, kMaxTimelineLimit);
  if (!limit.ok()) return ErrorResponse(limit.status(), "limit");

  auto entity = store_.GetEntity(*speaker_id);
  if (!entity.ok()) return StoreError(entity.status(), "entity", *speaker_id, "speaker");

  // The store gives a speaker's statements newest utterance first, undated last:
  // keep the first `limit` that fall in the window, then look for one more to know
  // whether the answer is cut.
  std::vector<store::StatementRecord> items;
  bool truncated = false;
  size_t scanned = 0;
  store::StatementQuery query;
  query.speaker = *speaker_id;
  query.limit = kTimelinePageSize;
  for (;;) {
    auto page = store_.StatementsBySpeaker(query);
    if (!page.ok()) return ErrorResponse(page.status());
    for (auto& s : page->items) {
      ++scanned;
      std::optional<std::string> date = TimelineDate(s);
      bool in_window = true;
      if (from->has_value() || to->has_value()) {
        if (!date) {
          in_window = false;
        } else {
          auto [first, last] = DateBounds(*date);
          in_window = (!from->has_value() || last >= **from) && (!to->has_value() || first <= **to);
        }
      }
      if (!in_window) continue;
      if (items.size() == *limit) {
        truncated = true;
        break;
      }
      items.push_back(std::move(s));
    }
    if (truncated || page->next_cursor.empty()) break;
    if (scanned >= kMaxTimelineScan) {
      truncated = true;
      break;
    }
    query.cursor = page->next_cursor;
  }
  SortForTimeline(items);

  ArticleOutlets outlets;
  for (const auto& s : items) {
    if (!s.article_id.valid() || outlets.count(s.article_id)) continue;
    auto article = store_.GetArticle(s.article_id);
    if (article.ok()) {
      outlets[s.article_id] = article->outlets;
    } else if (article.status().IsNotFound()) {
      outlets[s.article_id] = {};  // removed meanwhile: no outlets to show
    } else {
      return ErrorResponse(article.status());
    }
  }

  TimelineTitle title;
  title.headline = entity->name;
  if (from->has_value() && to->has_value()) {
    title.text = "Statements from " + **from + " to " + **to;
  } else if (from->has_value()) {
    title.text = "Statements from " + **from;
  } else if (to->has_value()) {
    title.text = "Statements up to " + **to;
  } else {
    title.text = "Statements";
  }
  title.text += " (" + std::to_string(items.size()) + (truncated ? ", truncated)" : ")");

  ApiResponse response;
  if (fmt == "csv") {
    response.content_type = "text/csv; charset=utf-8";
    response.body = TimelineToCsv(items, outlets);
  } else if (fmt == "md") {
    response.content_type = "text/markdown; charset=utf-8";
    response.body = TimelineToMarkdown(items, title, outlets);
  } else if (fmt == "timelinejs") {
    response.body = TimelineToTimelineJs(items, title, outlets);
  } else {
    rapidjson::StringBuffer buffer;
    Writer w(buffer);
    w.StartObject();
    Key(w, "speaker");
    WriteEntitySummary(w, *entity);
    Key(w, "from");
    OptStr(w, *from);
    Key(w, "to");
    OptStr(w, *to);
    Key(w, "count");
    w.Uint64(items.size());
    Key(w, "truncated");
    w.Bool(truncated);
    Key(w, "items");
    w.StartArray();
    for (const auto& s : items) {
      WriteStatement(w, s);
    }
    w.EndArray();
    w.EndObject();
    response.body.assign(buffer.GetString(), buffer.GetSize());
  }
  if (fmt == "csv" || fmt == "md") {
    response.headers.emplace_back(
        "Content-Disposition",
        "inline; filename=\"timeline-" + speaker_id->ToHex() + "." + fmt + "\"");
  }
  if (truncated) response.headers.emplace_back("X-Parley-Truncated", "true");
  return response;
}

}  // namespace parley::api
