#include "graph/store/extraction_check.h"

#include <string>
#include <unordered_set>
#include <vector>

#include "graph/core/ids.h"
#include "graph/store/key_format.h"

namespace parley::store {

namespace {

int64_t CodePointCount(std::string_view text) {
  int64_t n = 0;
  for (unsigned char c : text) {
    if ((c & 0xc0) != 0x80) ++n;
  }
  return n;
}

std::string Quoted(std::string_view s) {
  std::string out;
  out.reserve(s.size() + 2);
  out.push_back('"');
  out.append(s);
  out.push_back('"');
  return out;
}

class Checker {
 public:
  explicit Checker(const Extraction& x)
      : x_(x), prefix_("article " + Quoted(x.id) + ": "), text_length_(CodePointCount(x.text)) {}

  Status Run() {
    if (x_.id.empty()) return Status::InvalidArgument("extraction has an empty article id");
    PARLEY_RETURN_IF_ERROR(CheckDate("published date", x_.article.published));
    PARLEY_RETURN_IF_ERROR(CollectIds());
    for (const Entity& e : x_.entities) PARLEY_RETURN_IF_ERROR(CheckEntity(e));
    for (const Statement& s : x_.statements) PARLEY_RETURN_IF_ERROR(CheckStatement(s));
    for (const Event& v : x_.events) PARLEY_RETURN_IF_ERROR(CheckEvent(v));
    for (size_t i = 0; i < x_.relations.size(); ++i) {
      PARLEY_RETURN_IF_ERROR(CheckRelation(i, x_.relations[i]));
    }
    return Status::OK();
  }

 private:
  Status Fail(const std::string& what) const { return Status::InvalidArgument(prefix_ + what); }

  Status CollectIds() {
    auto collect = [&](const char* kind, const std::string& id,
                       std::unordered_set<std::string>* set) -> Status {
      if (id.empty()) return Fail(std::string("a ") + kind + " has an empty id");
      if (!set->insert(id).second)
        return Fail(std::string("duplicate ") + kind + " id " + Quoted(id));
      return Status::OK();
    };
    for (const Statement& s : x_.statements)
      PARLEY_RETURN_IF_ERROR(collect("statement", s.id, &statements_));
    for (const Entity& e : x_.entities) PARLEY_RETURN_IF_ERROR(collect("entity", e.id, &entities_));
    for (const Event& v : x_.events) PARLEY_RETURN_IF_ERROR(collect("event", v.id, &events_));
    return Status::OK();
  }

  Status CheckSpan(const std::string& where, const Span& span) const {
    if (span.begin < 0 || span.end < span.begin) {
      return Fail(where + ": span [" + std::to_string(span.begin) + ", " +
                  std::to_string(span.end) + ") is not a range");
    }
    if (!x_.text.empty() && span.end > text_length_) {
      return Fail(where + ": span [" + std::to_string(span.begin) + ", " +
                  std::to_string(span.end) + ") ends past the text (" +
                  std::to_string(text_length_) + " code points)");
    }
    return Status::OK();
  }

  Status CheckSpans(const std::string& where, const std::vector<Span>& spans) const {
    for (const Span& s : spans) PARLEY_RETURN_IF_ERROR(CheckSpan(where, s));
    return Status::OK();
  }

  Status CheckDate(const std::string& where, const std::optional<std::string>& date) const {
    if (date && !DateNumber(*date)) {
      return Fail(where + " " + Quoted(*date) + " is not YYYY-MM-DD");
    }
    return Status::OK();
  }

  Status CheckEntity(const Entity& e) const {
    const std::string where = "entity " + Quoted(e.id);
    auto kind = NodeKindFromName(e.type);
    if (!kind || (*kind != NodeKind::kPerson && *kind != NodeKind::kCountry &&
                  *kind != NodeKind::kOrganization)) {
      return Fail(where + ": type " + Quoted(e.type) + " is not person, country or organization");
    }
    if (CanonicalKey(e.name).empty()) return Fail(where + ": empty name");
    return CheckSpans(where + " mention", e.mentions);
  }

  Status CheckStatement(const Statement& s) const {
    const std::string where = "statement " + Quoted(s.id);
    if (!s.speaker_entity.empty() && !entities_.count(s.speaker_entity)) {
      return Fail(where + ": speaker_entity " + Quoted(s.speaker_entity) +
                  " is not an entity of the article");
    }
    if (!s.reported_by.empty()) {
      if (!statements_.count(s.reported_by)) {
        return Fail(where + ": reported_by " + Quoted(s.reported_by) +
                    " is not a statement of the article");
      }
      if (s.reported_by == s.id) return Fail(where + ": reported_by names the statement itself");
    }
    PARLEY_RETURN_IF_ERROR(CheckSpan(where + " content", s.content));
    PARLEY_RETURN_IF_ERROR(CheckSpans(where + " content piece", s.content_spans));
    PARLEY_RETURN_IF_ERROR(CheckSpans(where + " speaker mention", s.speaker_spans));
    PARLEY_RETURN_IF_ERROR(CheckSpans(where + " cue", s.cue_spans));
    return CheckDate(where + ": date", s.date);
  }

  Status CheckEvent(const Event& v) const {
    const std::string where = "event " + Quoted(v.id);
    for (const std::string& p : v.participants) {
      if (!entities_.count(p)) {
        return Fail(where + ": participant " + Quoted(p) + " is not an entity of the article");
      }
    }
    PARLEY_RETURN_IF_ERROR(CheckSpans(where + " mention", v.mentions));
    return CheckDate(where + ": date", v.date);
  }

  Status CheckRelation(size_t index, const Relation& r) const {
    const std::string where = "relation " + std::to_string(index + 1) + " (" + r.type + ")";
    if (!EdgeKindFromName(r.type)) {
      return Fail(where + ": unknown relation type " + Quoted(r.type) +
                  " (known: " + KnownEdgeKindNames() + ")");
    }
    for (const std::string* end : {&r.source, &r.target}) {
      if (!statements_.count(*end) && !entities_.count(*end) && !events_.count(*end)) {
        return Fail(where + ": " + Quoted(*end) +
                    " is not a statement, entity or event of the article");
      }
    }
    return Status::OK();
  }

  const Extraction& x_;
  const std::string prefix_;
  const int64_t text_length_;
  std::unordered_set<std::string> statements_, entities_, events_;
};

}  // namespace

Status ValidateExtraction(const Extraction& x) { return Checker(x).Run(); }

}  // namespace parley::store
