// JSON writing helpers of the API (internal to parley::api): RapidJSON's writer with
// the records of the store written the one way every endpoint and the CLI use.
// Strings that are not valid UTF-8 are repaired (U+FFFD), never emitted broken.
// Thread-safety: free functions on a caller-owned writer.
#ifndef PARLEY_API_JSON_WRITE_H_
#define PARLEY_API_JSON_WRITE_H_

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "graph/core/ids.h"
#include "graph/store/store.h"

namespace parley::api {

using JsonWriter = rapidjson::Writer<rapidjson::StringBuffer>;

void Str(JsonWriter& w, std::string_view s);
// A string known to be printable ASCII (a kind name, a formatted date): written
// without the UTF-8 check Str makes.
void Ascii(JsonWriter& w, std::string_view s);
// An id as 16 hex digits (NodeId::ToHex), written from a stack buffer.
void Id(JsonWriter& w, NodeId id);
void Key(JsonWriter& w, std::string_view k);
void OptStr(JsonWriter& w, const std::optional<std::string>& s);
void StrArray(JsonWriter& w, const std::vector<std::string>& items);
// An id written as 16 hex digits, or null when it is invalid (0).
void IdOrNull(JsonWriter& w, NodeId id);

// {id, type, name, aliases, statement_count}
void WriteEntitySummary(JsonWriter& w, const store::EntityRecord& e);
// Every field of the record.
void WriteEntity(JsonWriter& w, const store::EntityRecord& e);
// Every field of the statement; `extra`, when given, is called inside the object after
// them to add members (the graph links of GET /v1/statements/{id}).
void WriteStatement(JsonWriter& w, const store::StatementRecord& s,
                    const std::function<void(JsonWriter&)>& extra = {});
void WriteArticle(JsonWriter& w, const store::ArticleRecord& a);

}  // namespace parley::api

#endif  // PARLEY_API_JSON_WRITE_H_
