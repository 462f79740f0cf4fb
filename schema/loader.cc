// Loads the schema directory (see schema.h for the file formats; each YAML file
// also documents its own format in the comments at its top).
//
// yaml-cpp and rapidjson are used in this file only. yaml-cpp reports problems by
// throwing: every call that can throw runs inside ParseYamlFile's try block, and
// the field readers below check node types before converting so that a mistyped
// field becomes a "file:line:col: ..." Status rather than an exception.
#include <rapidjson/document.h>
#include <rapidjson/error/en.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <functional>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "schema/schema.h"

namespace parley::schema {
namespace {

std::string Quote(std::string_view s) {
  std::string out = "\"";
  out += s;
  out += '"';
  return out;
}

std::string JoinNames(const std::vector<std::string>& names) {
  std::string out;
  for (const auto& n : names) {
    if (!out.empty()) out += ", ";
    out += n;
  }
  return out;
}

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// True for a real calendar day written YYYY-MM-DD.
bool IsValidDate(std::string_view s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
  for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (!IsDigit(s[i])) return false;
  }
  int year = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
  int month = (s[5] - '0') * 10 + (s[6] - '0');
  int day = (s[8] - '0') * 10 + (s[9] - '0');
  if (year < 1 || month < 1 || month > 12 || day < 1) return false;
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  int max_day = kDays[month - 1] + (month == 2 && leap ? 1 : 0);
  return day <= max_day;
}

std::string AsciiLower(std::string s) {
  for (char& c : s) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return s;
}

void AddUnique(std::vector<std::string>* list, const std::string& item) {
  if (std::find(list->begin(), list->end(), item) == list->end()) list->push_back(item);
}

Status ReadWholeFile(const std::string& path, std::string* out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return Status::IOError(path + ": cannot open: " + std::strerror(errno));
  }
  std::ostringstream buf;
  buf << in.rdbuf();
  if (in.bad()) return Status::IOError(path + ": read error");
  *out = buf.str();
  return Status::OK();
}

// One YAML file being read: knows its path for messages and turns yaml-cpp marks
// into "path:line:col".
class YamlFile {
 public:
  explicit YamlFile(std::string path) : path_(std::move(path)) {}
  const std::string& path() const { return path_; }

  // InvalidArgument "path:line:col: what", the position taken from `node` (or from
  // `fallback` when `node` has none, as for a missing field).
  Status Error(const YAML::Node& node, std::string_view what,
               const YAML::Node* fallback = nullptr) const {
    YAML::Mark mark = node.IsDefined() ? node.Mark() : YAML::Mark::null_mark();
    if (mark.is_null() && fallback != nullptr) mark = fallback->Mark();
    return ErrorAt(mark, what);
  }
  Status ErrorAt(const YAML::Mark& mark, std::string_view what) const {
    std::string msg = path_;
    if (!mark.is_null()) {
      msg += ":" + std::to_string(mark.line + 1) + ":" + std::to_string(mark.column + 1);
    }
    msg += ": ";
    msg += what;
    return Status::InvalidArgument(std::move(msg));
  }

  // Refuses keys of `map` that are not in `allowed` (typos such as "alias:").
  Status CheckKeys(const YAML::Node& map, const std::vector<std::string>& allowed,
                   std::string_view what) const {
    for (auto it = map.begin(); it != map.end(); ++it) {
      if (!it->first.IsScalar()) return Error(it->first, "a key must be a plain string");
      const std::string key = it->first.Scalar();
      if (std::find(allowed.begin(), allowed.end(), key) == allowed.end()) {
        return Error(it->first, "unknown field " + Quote(key) + " in " + std::string(what) +
                                    " (expected one of: " + JoinNames(allowed) + ")");
      }
    }
    return Status::OK();
  }

  Status ExpectMap(const YAML::Node& node, std::string_view what) const {
    if (!node.IsMap()) return Error(node, std::string(what) + " must be a mapping");
    return Status::OK();
  }

  // A required non-empty string field.
  Status GetString(const YAML::Node& map, const char* key, std::string* out) const {
    YAML::Node v = map[key];
    if (!v.IsDefined() || v.IsNull()) {
      return Error(map, std::string("missing required field ") + Quote(key));
    }
    if (!v.IsScalar()) return Error(v, Quote(key) + " must be a string");
    if (v.Scalar().empty()) return Error(v, Quote(key) + " must not be empty");
    *out = v.Scalar();
    return Status::OK();
  }

  // An optional string field: absent or null leaves `out` empty.
  Status GetOptionalString(const YAML::Node& map, const char* key, std::string* out) const {
    YAML::Node v = map[key];
    out->clear();
    if (!v.IsDefined() || v.IsNull()) return Status::OK();
    if (!v.IsScalar()) return Error(v, Quote(key) + " must be a string");
    *out = v.Scalar();
    return Status::OK();
  }

  Status GetOptionalBool(const YAML::Node& map, const char* key, bool* out) const {
    YAML::Node v = map[key];
    if (!v.IsDefined() || v.IsNull()) return Status::OK();
    bool b = false;
    if (!v.IsScalar() || !YAML::convert<bool>::decode(v, b)) {
      return Error(v, Quote(key) + " must be true or false");
    }
    *out = b;
    return Status::OK();
  }

  // An optional list of non-empty strings; absent or null gives an empty list.
  Status GetStringList(const YAML::Node& map, const char* key,
                       std::vector<std::string>* out) const {
    YAML::Node v = map[key];
    out->clear();
    if (!v.IsDefined() || v.IsNull()) return Status::OK();
    if (!v.IsSequence()) return Error(v, Quote(key) + " must be a list of strings");
    for (const auto& item : v) {
      if (!item.IsScalar()) return Error(item, "every item of " + Quote(key) + " must be a string");
      if (item.Scalar().empty()) return Error(item, "empty string in " + Quote(key));
      out->push_back(item.Scalar());
    }
    return Status::OK();
  }

  // A required list: must be present and a sequence (possibly empty).
  Status GetSequence(const YAML::Node& map, const char* key, YAML::Node* out) const {
    YAML::Node v = map[key];
    if (!v.IsDefined() || v.IsNull()) {
      return Error(map, std::string("missing required field ") + Quote(key));
    }
    if (!v.IsSequence()) return Error(v, Quote(key) + " must be a list");
    *out = v;
    return Status::OK();
  }

  // An optional YYYY-MM-DD date; absent or null gives nullopt.
  Status GetOptionalDate(const YAML::Node& map, const char* key,
                         std::optional<std::string>* out) const {
    YAML::Node v = map[key];
    out->reset();
    if (!v.IsDefined() || v.IsNull()) return Status::OK();
    if (!v.IsScalar() || !IsValidDate(v.Scalar())) {
      return Error(v, Quote(key) + " is not a valid date (YYYY-MM-DD): " +
                          (v.IsScalar() ? Quote(v.Scalar()) : std::string("not a string")));
    }
    *out = v.Scalar();
    return Status::OK();
  }

 private:
  std::string path_;
};

// Reads and parses one YAML file, then hands its root (a mapping) to `parse`.
// Every yaml-cpp exception is caught here.
Status ParseYamlFile(const std::string& dir, const char* name,
                     const std::function<Status(const YamlFile&, const YAML::Node&)>& parse) {
  std::string path = dir;
  if (!path.empty() && path.back() != '/') path += '/';
  path += name;
  std::string content;
  PARLEY_RETURN_IF_ERROR(ReadWholeFile(path, &content));
  YamlFile file(path);
  try {
    YAML::Node root = YAML::Load(content);
    if (!root.IsMap()) {
      return file.ErrorAt(root.IsDefined() && !root.IsNull() ? root.Mark() : YAML::Mark(),
                          "the file must hold a mapping of top-level fields");
    }
    return parse(file, root);
  } catch (const YAML::Exception& e) {
    // e.msg is yaml-cpp's text without the position it puts in what().
    return file.ErrorAt(e.mark, "bad YAML: " + e.msg);
  } catch (const std::exception& e) {
    return Status::Internal(path + ": " + e.what());
  }
}

// ---------------------------------------------------------------------------
// graph.yaml

Status ParseGraph(const YamlFile& f, const YAML::Node& root, Schema* schema) {
  PARLEY_RETURN_IF_ERROR(
      f.CheckKeys(root, {"node_kinds", "edge_kinds", "speech_acts"}, "graph.yaml"));
  YAML::Node nodes, edges;
  PARLEY_RETURN_IF_ERROR(f.GetSequence(root, "node_kinds", &nodes));
  PARLEY_RETURN_IF_ERROR(f.GetSequence(root, "edge_kinds", &edges));
  std::vector<std::string> node_names;
  for (const auto& n : nodes) {
    PARLEY_RETURN_IF_ERROR(f.ExpectMap(n, "a node kind"));
    PARLEY_RETURN_IF_ERROR(f.CheckKeys(n, {"name", "description", "note"}, "a node kind"));
    NodeKindDef def;
    PARLEY_RETURN_IF_ERROR(f.GetString(n, "name", &def.name));
    PARLEY_RETURN_IF_ERROR(f.GetOptionalString(n, "description", &def.description));
    if (std::find(node_names.begin(), node_names.end(), def.name) != node_names.end()) {
      return f.Error(n["name"], "duplicate node kind " + Quote(def.name));
    }
    node_names.push_back(def.name);
    schema->node_kinds.push_back(std::move(def));
  }
  std::set<std::string> edge_names;
  for (const auto& e : edges) {
    PARLEY_RETURN_IF_ERROR(f.ExpectMap(e, "an edge kind"));
    PARLEY_RETURN_IF_ERROR(
        f.CheckKeys(e, {"name", "from", "to", "description", "note"}, "an edge kind"));
    EdgeKindDef def;
    PARLEY_RETURN_IF_ERROR(f.GetString(e, "name", &def.name));
    PARLEY_RETURN_IF_ERROR(f.GetOptionalString(e, "description", &def.description));
    for (const char* side : {"from", "to"}) {
      YAML::Node list;
      PARLEY_RETURN_IF_ERROR(f.GetSequence(e, side, &list));
      std::vector<std::string>* out = std::string_view(side) == "from" ? &def.from : &def.to;
      for (const auto& k : list) {
        if (!k.IsScalar())
          return f.Error(k, std::string("every item of \"") + side + "\" must be a node kind name");
        if (std::find(node_names.begin(), node_names.end(), k.Scalar()) == node_names.end()) {
          return f.Error(k, "unknown node kind " + Quote(k.Scalar()) + " in edge " +
                                Quote(def.name) + " (known: " + JoinNames(node_names) + ")");
        }
        out->push_back(k.Scalar());
      }
      if (out->empty())
        return f.Error(list, std::string("\"") + side + "\" must name at least one node kind");
    }
    if (!edge_names.insert(def.name).second) {
      return f.Error(e["name"], "duplicate edge kind " + Quote(def.name));
    }
    schema->edge_kinds.push_back(std::move(def));
  }
  YAML::Node acts;
  PARLEY_RETURN_IF_ERROR(f.GetSequence(root, "speech_acts", &acts));
  for (const auto& a : acts) {
    if (!a.IsScalar() || a.Scalar().empty())
      return f.Error(a, "a speech act must be a non-empty string");
    if (std::find(schema->speech_acts.begin(), schema->speech_acts.end(), a.Scalar()) !=
        schema->speech_acts.end()) {
      return f.Error(a, "duplicate speech act " + Quote(a.Scalar()));
    }
    schema->speech_acts.push_back(a.Scalar());
  }
  return Status::OK();
}

// ---------------------------------------------------------------------------
// cues.yaml

Status ParseCues(const YamlFile& f, const YAML::Node& root, Schema* schema) {
  PARLEY_RETURN_IF_ERROR(f.CheckKeys(root, {"cues", "acts"}, "cues.yaml"));
  std::vector<std::string> extra_acts;
  PARLEY_RETURN_IF_ERROR(f.GetStringList(root, "acts", &extra_acts));
  for (const auto& a : extra_acts) AddUnique(&schema->speech_acts, a);
  YAML::Node cues;
  PARLEY_RETURN_IF_ERROR(f.GetSequence(root, "cues", &cues));
  static const std::vector<std::string> kKinds = {"speech", "belief", "perception", "report"};
  std::map<std::string, std::string> form_owner;  // form -> lemma
  std::set<std::string> lemmas;
  for (const auto& c : cues) {
    PARLEY_RETURN_IF_ERROR(f.ExpectMap(c, "a cue"));
    PARLEY_RETURN_IF_ERROR(f.CheckKeys(
        c, {"lemma", "forms", "act", "kind", "polarity", "negative", "hedged", "note"}, "a cue"));
    CueDef def;
    PARLEY_RETURN_IF_ERROR(f.GetString(c, "lemma", &def.lemma));
    PARLEY_RETURN_IF_ERROR(f.GetStringList(c, "forms", &def.forms));
    if (def.forms.empty()) def.forms.push_back(def.lemma);
    for (auto& form : def.forms) form = AsciiLower(form);
    PARLEY_RETURN_IF_ERROR(f.GetString(c, "act", &def.act));
    if (std::find(schema->speech_acts.begin(), schema->speech_acts.end(), def.act) ==
        schema->speech_acts.end()) {
      return f.Error(c["act"], "unknown act " + Quote(def.act) + " of cue " + Quote(def.lemma) +
                                   " (allowed: " + JoinNames(schema->speech_acts) + ")");
    }
    std::string kind;
    PARLEY_RETURN_IF_ERROR(f.GetOptionalString(c, "kind", &kind));
    if (!kind.empty()) {
      if (std::find(kKinds.begin(), kKinds.end(), kind) == kKinds.end()) {
        return f.Error(c["kind"],
                       "unknown cue kind " + Quote(kind) + " (allowed: " + JoinNames(kKinds) + ")");
      }
      def.kind = kind;
    }
    std::string polarity;
    PARLEY_RETURN_IF_ERROR(f.GetOptionalString(c, "polarity", &polarity));
    if (polarity == "negative") {
      def.negative = true;
    } else if (!polarity.empty() && polarity != "positive") {
      return f.Error(c["polarity"],
                     "polarity must be positive or negative, not " + Quote(polarity));
    }
    PARLEY_RETURN_IF_ERROR(f.GetOptionalBool(c, "negative", &def.negative));
    PARLEY_RETURN_IF_ERROR(f.GetOptionalBool(c, "hedged", &def.hedged));
    if (!lemmas.insert(def.lemma).second) {
      return f.Error(c["lemma"], "duplicate cue " + Quote(def.lemma));
    }
    for (const auto& form : def.forms) {
      auto [it, inserted] = form_owner.emplace(form, def.lemma);
      if (!inserted && it->second != def.lemma) {
        return f.Error(c["forms"], "form " + Quote(form) + " of cue " + Quote(def.lemma) +
                                       " already belongs to cue " + Quote(it->second));
      }
    }
    schema->cues.push_back(std::move(def));
  }
  return Status::OK();
}

// ---------------------------------------------------------------------------
// lexicon.yaml

Status ParseLexicon(const YamlFile& f, const YAML::Node& root, Lexicon* lex) {
  const std::vector<std::pair<const char*, std::vector<std::string>*>> lists = {
      {"pronouns", &lex->pronouns},       {"speaker_nouns", &lex->speaker_nouns},
      {"titles", &lex->titles},           {"abbreviations", &lex->abbreviations},
      {"number_abbreviations", &lex->number_abbreviations},
      {"boilerplate", &lex->boilerplate}, {"reporting_verbs", &lex->reporting_verbs},
      {"outlets", &lex->outlets},         {"raising_verbs", &lex->raising_verbs},
  };
  std::vector<std::string> keys;
  for (const auto& [key, list] : lists) keys.emplace_back(key);
  keys.emplace_back("word_lists");
  PARLEY_RETURN_IF_ERROR(f.CheckKeys(root, keys, "lexicon.yaml"));
  for (const auto& [key, list] : lists) PARLEY_RETURN_IF_ERROR(f.GetStringList(root, key, list));
  // word_lists: {name: [word, ...]}
  lex->word_lists.clear();
  YAML::Node wl = root["word_lists"];
  if (!wl.IsDefined() || wl.IsNull()) return Status::OK();
  if (!wl.IsMap()) return f.Error(wl, "\"word_lists\" must be a mapping of list names to lists of words");
  for (auto it = wl.begin(); it != wl.end(); ++it) {
    if (!it->first.IsScalar() || it->first.Scalar().empty()) {
      return f.Error(it->first, "a word list name must be a plain string");
    }
    const std::string name = it->first.Scalar();
    if (lex->word_lists.count(name)) return f.Error(it->first, "duplicate word list " + Quote(name));
    std::vector<std::string>& words = lex->word_lists[name];
    // (a copy: the node `it->second` names lives in a proxy that dies with the expression,
    // so a range-for over it read freed stack memory; AddressSanitizer found it)
    const YAML::Node list = it->second;
    if (!list.IsSequence()) {
      return f.Error(list, "word list " + Quote(name) + " must be a list of strings");
    }
    for (const auto& item : list) {
      if (!item.IsScalar() || item.Scalar().empty()) {
        return f.Error(item, "every item of word list " + Quote(name) + " must be a non-empty string");
      }
      words.push_back(item.Scalar());
    }
  }
  return Status::OK();
}

// ---------------------------------------------------------------------------
// iso-codes and countries.yaml

struct IsoCountry {
  std::string name;           // iso "name"
  std::string official_name;  // may be empty
  std::string common_name;    // may be empty
};

Status ReadIsoCodes(const std::string& path, std::map<std::string, IsoCountry>* out) {
  std::string content;
  PARLEY_RETURN_IF_ERROR(ReadWholeFile(path, &content));
  rapidjson::Document doc;
  doc.Parse<rapidjson::kParseIterativeFlag>(content.data(), content.size());
  if (doc.HasParseError()) {
    return Status::InvalidArgument(
        path + ": not JSON: " + rapidjson::GetParseError_En(doc.GetParseError()) + " at byte " +
        std::to_string(doc.GetErrorOffset()));
  }
  if (!doc.IsObject() || !doc.HasMember("3166-1") || !doc["3166-1"].IsArray()) {
    return Status::InvalidArgument(path + ": expected an object with a \"3166-1\" array");
  }
  auto str = [](const rapidjson::Value& obj, const char* key) -> std::string {
    auto it = obj.FindMember(key);
    if (it == obj.MemberEnd() || !it->value.IsString()) return "";
    return std::string(it->value.GetString(), it->value.GetStringLength());
  };
  size_t index = 0;
  for (const auto& entry : doc["3166-1"].GetArray()) {
    if (!entry.IsObject()) {
      return Status::InvalidArgument(path + ": entry " + std::to_string(index) +
                                     " is not an object");
    }
    IsoCountry c;
    std::string code = str(entry, "alpha_2");
    c.name = str(entry, "name");
    if (code.size() != 2 || c.name.empty()) {
      return Status::InvalidArgument(path + ": entry " + std::to_string(index) +
                                     " lacks a two-letter \"alpha_2\" or a \"name\"");
    }
    c.official_name = str(entry, "official_name");
    c.common_name = str(entry, "common_name");
    (*out)[code] = std::move(c);
    ++index;
  }
  if (out->empty()) return Status::InvalidArgument(path + ": no countries");
  return Status::OK();
}

Status ParseCountries(const YamlFile& f, const YAML::Node& root,
                      const std::map<std::string, IsoCountry>& iso, Schema* schema) {
  PARLEY_RETURN_IF_ERROR(f.CheckKeys(root, {"countries"}, "countries.yaml"));
  YAML::Node list;
  PARLEY_RETURN_IF_ERROR(f.GetSequence(root, "countries", &list));
  struct Extra {
    std::string name;
    std::vector<std::string> aliases;
  };
  std::map<std::string, Extra> extras;
  for (const auto& c : list) {
    PARLEY_RETURN_IF_ERROR(f.ExpectMap(c, "a country"));
    PARLEY_RETURN_IF_ERROR(f.CheckKeys(c, {"code", "name", "aliases", "note"}, "a country"));
    std::string code;
    PARLEY_RETURN_IF_ERROR(f.GetString(c, "code", &code));
    if (iso.count(code) == 0) {
      return f.Error(c["code"],
                     "unknown country code " + Quote(code) + " (not an ISO 3166-1 alpha-2 code)");
    }
    if (extras.count(code) != 0) return f.Error(c["code"], "duplicate country " + Quote(code));
    Extra extra;
    PARLEY_RETURN_IF_ERROR(f.GetOptionalString(c, "name", &extra.name));
    PARLEY_RETURN_IF_ERROR(f.GetStringList(c, "aliases", &extra.aliases));
    extras[code] = std::move(extra);
  }
  // iso-codes is keyed by code in a std::map: the countries come out sorted by code.
  for (const auto& [code, ic] : iso) {
    CountryDef def;
    def.code = code;
    auto ex = extras.find(code);
    if (ex != extras.end() && !ex->second.name.empty()) {
      def.name = ex->second.name;
    } else {
      def.name = !ic.common_name.empty() ? ic.common_name : ic.name;
    }
    if (!ic.official_name.empty()) {
      def.official_name = ic.official_name;
    } else {
      // iso "name" may be an inverted index form ("Korea, Republic of").
      def.official_name = ic.name.find(", ") == std::string::npos ? ic.name : def.name;
    }
    std::vector<std::string> aliases;
    if (ex != extras.end()) aliases = ex->second.aliases;
    // The other iso names are aliases too, except the inverted index forms
    // ("Korea, Republic of") that no article writes.
    for (const std::string* n : {&ic.common_name, &ic.name, &ic.official_name}) {
      if (!n->empty() && n->find(", ") == std::string::npos) aliases.push_back(*n);
    }
    for (const auto& a : aliases) {
      if (a != def.name) AddUnique(&def.aliases, a);
    }
    schema->countries.push_back(std::move(def));
  }
  return Status::OK();
}

// ---------------------------------------------------------------------------
// organizations.yaml

Status CheckCountryCode(const YamlFile& f, const YAML::Node& map, const std::string& code,
                        const Schema& schema) {
  if (code.empty()) return Status::OK();
  for (const auto& c : schema.countries) {
    if (c.code == code) return Status::OK();
  }
  return f.Error(map["country"],
                 "unknown country code " + Quote(code) + " (not an ISO 3166-1 alpha-2 code)");
}

Status ParseOrganizations(const YamlFile& f, const YAML::Node& root, Schema* schema) {
  PARLEY_RETURN_IF_ERROR(f.CheckKeys(root, {"types", "organizations"}, "organizations.yaml"));
  std::vector<std::string> types;
  PARLEY_RETURN_IF_ERROR(f.GetStringList(root, "types", &types));
  if (types.empty())
    return f.Error(root, "missing required field \"types\" (the allowed organisation types)");
  YAML::Node list;
  PARLEY_RETURN_IF_ERROR(f.GetSequence(root, "organizations", &list));
  std::set<std::string> names;
  for (const auto& o : list) {
    PARLEY_RETURN_IF_ERROR(f.ExpectMap(o, "an organization"));
    PARLEY_RETURN_IF_ERROR(
        f.CheckKeys(o, {"name", "aliases", "type", "country", "note"}, "an organization"));
    OrganizationDef def;
    PARLEY_RETURN_IF_ERROR(f.GetString(o, "name", &def.name));
    PARLEY_RETURN_IF_ERROR(f.GetStringList(o, "aliases", &def.aliases));
    PARLEY_RETURN_IF_ERROR(f.GetString(o, "type", &def.type));
    if (std::find(types.begin(), types.end(), def.type) == types.end()) {
      return f.Error(o["type"], "unknown organization type " + Quote(def.type) +
                                    " (allowed: " + JoinNames(types) + ")");
    }
    PARLEY_RETURN_IF_ERROR(f.GetOptionalString(o, "country", &def.country));
    PARLEY_RETURN_IF_ERROR(CheckCountryCode(f, o, def.country, *schema));
    if (!names.insert(def.name).second) {
      return f.Error(o["name"], "duplicate organization " + Quote(def.name));
    }
    schema->organizations.push_back(std::move(def));
  }
  return Status::OK();
}

// ---------------------------------------------------------------------------
// people.yaml

Status ParsePeople(const YamlFile& f, const YAML::Node& root, Schema* schema) {
  PARLEY_RETURN_IF_ERROR(f.CheckKeys(root, {"people"}, "people.yaml"));
  YAML::Node list;
  PARLEY_RETURN_IF_ERROR(f.GetSequence(root, "people", &list));
  std::set<std::string> org_names;
  for (const auto& o : schema->organizations) {
    org_names.insert(o.name);
    org_names.insert(o.aliases.begin(), o.aliases.end());
  }
  std::set<std::string> names;
  for (const auto& p : list) {
    PARLEY_RETURN_IF_ERROR(f.ExpectMap(p, "a person"));
    PARLEY_RETURN_IF_ERROR(
        f.CheckKeys(p, {"name", "aliases", "country", "gender", "roles", "note"}, "a person"));
    PersonDef def;
    PARLEY_RETURN_IF_ERROR(f.GetString(p, "name", &def.name));
    PARLEY_RETURN_IF_ERROR(f.GetStringList(p, "aliases", &def.aliases));
    PARLEY_RETURN_IF_ERROR(f.GetOptionalString(p, "country", &def.country));
    PARLEY_RETURN_IF_ERROR(f.GetOptionalString(p, "gender", &def.gender));
    if (!def.gender.empty() && def.gender != "male" && def.gender != "female") {
      return f.Error(p["gender"], "gender of " + Quote(def.name) + " must be male or female, not " +
                                      Quote(def.gender));
    }
    PARLEY_RETURN_IF_ERROR(CheckCountryCode(f, p, def.country, *schema));
    YAML::Node roles = p["roles"];
    if (roles.IsDefined() && !roles.IsNull()) {
      if (!roles.IsSequence()) return f.Error(roles, "\"roles\" must be a list");
      for (const auto& r : roles) {
        PARLEY_RETURN_IF_ERROR(f.ExpectMap(r, "a role"));
        PARLEY_RETURN_IF_ERROR(
            f.CheckKeys(r, {"title", "country", "org", "from", "to", "note"}, "a role"));
        RoleDef role;
        PARLEY_RETURN_IF_ERROR(f.GetString(r, "title", &role.title));
        PARLEY_RETURN_IF_ERROR(f.GetOptionalString(r, "country", &role.country));
        PARLEY_RETURN_IF_ERROR(CheckCountryCode(f, r, role.country, *schema));
        PARLEY_RETURN_IF_ERROR(f.GetOptionalString(r, "org", &role.org));
        if (!role.org.empty() && org_names.count(role.org) == 0) {
          return f.Error(r["org"], "unknown organization " + Quote(role.org) +
                                       " (not a name or alias in organizations.yaml)");
        }
        PARLEY_RETURN_IF_ERROR(f.GetOptionalDate(r, "from", &role.from));
        PARLEY_RETURN_IF_ERROR(f.GetOptionalDate(r, "to", &role.to));
        // YYYY-MM-DD strings order as the days they name.
        if (role.from && role.to && *role.from > *role.to) {
          return f.Error(r["from"], "role " + Quote(role.title) + " of " + Quote(def.name) +
                                        " starts (" + *role.from + ") after it ends (" + *role.to +
                                        ")");
        }
        def.roles.push_back(std::move(role));
      }
    }
    if (!names.insert(def.name).second) {
      return f.Error(p["name"], "duplicate person " + Quote(def.name));
    }
    schema->people.push_back(std::move(def));
  }
  return Status::OK();
}

// ---------------------------------------------------------------------------
// events.yaml (optional)

Status ParseEvents(const YamlFile& f, const YAML::Node& root, Schema* schema) {
  PARLEY_RETURN_IF_ERROR(
      f.CheckKeys(root, {"plover_categories", "event_types", "reference_nouns", "relation_cues"},
                  "events.yaml"));
  std::vector<std::string> plover;
  PARLEY_RETURN_IF_ERROR(f.GetStringList(root, "plover_categories", &plover));
  YAML::Node types;
  PARLEY_RETURN_IF_ERROR(f.GetSequence(root, "event_types", &types));
  static const std::vector<std::string> kModes = {"people", "states"};
  std::map<std::string, std::string> trigger_owner;  // trigger -> type
  std::set<std::string> names;
  for (const auto& t : types) {
    PARLEY_RETURN_IF_ERROR(f.ExpectMap(t, "an event type"));
    PARLEY_RETURN_IF_ERROR(f.CheckKeys(t,
                                       {"type", "plover", "participants", "min_parties",
                                        "anaphoric", "setting", "triggers", "verbs", "note"},
                                       "an event type"));
    EventTypeDef def;
    PARLEY_RETURN_IF_ERROR(f.GetString(t, "type", &def.type));
    if (!names.insert(def.type).second) {
      return f.Error(t["type"], "duplicate event type " + Quote(def.type));
    }
    PARLEY_RETURN_IF_ERROR(f.GetOptionalString(t, "plover", &def.plover));
    if (!def.plover.empty() &&
        std::find(plover.begin(), plover.end(), def.plover) == plover.end()) {
      return f.Error(t["plover"], "unknown PLOVER category " + Quote(def.plover) + " of " +
                                      Quote(def.type) + " (allowed: " + JoinNames(plover) + ")");
    }
    std::string mode;
    PARLEY_RETURN_IF_ERROR(f.GetOptionalString(t, "participants", &mode));
    if (!mode.empty()) {
      if (std::find(kModes.begin(), kModes.end(), mode) == kModes.end()) {
        return f.Error(t["participants"],
                       "participants must be people or states, not " + Quote(mode));
      }
      def.participants = mode;
    }
    YAML::Node min = t["min_parties"];
    if (min.IsDefined() && !min.IsNull()) {
      int n = -1;
      if (!min.IsScalar() || !YAML::convert<int>::decode(min, n) || n < 0 || n > 9) {
        return f.Error(min, "\"min_parties\" must be a whole number from 0 to 9");
      }
      def.min_parties = n;
    }
    PARLEY_RETURN_IF_ERROR(f.GetOptionalBool(t, "anaphoric", &def.anaphoric));
    PARLEY_RETURN_IF_ERROR(f.GetOptionalBool(t, "setting", &def.setting));
    PARLEY_RETURN_IF_ERROR(f.GetStringList(t, "triggers", &def.triggers));
    if (def.triggers.empty()) {
      return f.Error(t, "event type " + Quote(def.type) + " needs at least one trigger", nullptr);
    }
    PARLEY_RETURN_IF_ERROR(f.GetStringList(t, "verbs", &def.verbs));
    for (auto& v : def.verbs) {
      v = AsciiLower(v);
      auto [it, inserted] = trigger_owner.emplace(v, def.type);
      if (!inserted) {
        return f.Error(t["verbs"], "verb " + Quote(v) + " of " + Quote(def.type) +
                                       " already belongs to " + Quote(it->second));
      }
    }
    for (auto& trig : def.triggers) {
      trig = AsciiLower(trig);
      auto [it, inserted] = trigger_owner.emplace(trig, def.type);
      if (!inserted) {
        return f.Error(t["triggers"], "trigger " + Quote(trig) + " of " + Quote(def.type) +
                                          " already belongs to " + Quote(it->second));
      }
    }
    schema->event_types.push_back(std::move(def));
  }
  PARLEY_RETURN_IF_ERROR(f.GetStringList(root, "reference_nouns", &schema->reference_nouns));
  for (auto& n : schema->reference_nouns) n = AsciiLower(n);
  YAML::Node cues = root["relation_cues"];
  if (cues.IsDefined() && !cues.IsNull()) {
    if (!cues.IsSequence()) return f.Error(cues, "\"relation_cues\" must be a list");
    static const std::vector<std::string> kRelations = {"responded_to", "proposed"};
    static const std::vector<std::string> kTargets = {"scope", "after", "antecedent"};
    std::set<std::pair<std::string, std::string>> seen;
    for (const auto& c : cues) {
      PARLEY_RETURN_IF_ERROR(f.ExpectMap(c, "a relation cue"));
      PARLEY_RETURN_IF_ERROR(
          f.CheckKeys(c, {"relation", "phrase", "target", "note"}, "a relation cue"));
      RelationCueDef def;
      PARLEY_RETURN_IF_ERROR(f.GetString(c, "relation", &def.relation));
      if (std::find(kRelations.begin(), kRelations.end(), def.relation) == kRelations.end()) {
        return f.Error(c["relation"], "unknown relation " + Quote(def.relation) +
                                          " (allowed: " + JoinNames(kRelations) + ")");
      }
      if (schema->FindEdgeKind(def.relation) == nullptr) {
        return f.Error(c["relation"],
                       "relation " + Quote(def.relation) + " is not an edge kind of graph.yaml");
      }
      PARLEY_RETURN_IF_ERROR(f.GetString(c, "phrase", &def.phrase));
      def.phrase = AsciiLower(def.phrase);
      std::string target;
      PARLEY_RETURN_IF_ERROR(f.GetOptionalString(c, "target", &target));
      if (!target.empty()) {
        if (std::find(kTargets.begin(), kTargets.end(), target) == kTargets.end()) {
          return f.Error(c["target"], "unknown target " + Quote(target) +
                                          " (allowed: " + JoinNames(kTargets) + ")");
        }
        def.target = target;
      }
      if (!seen.insert({def.relation, def.phrase}).second) {
        return f.Error(c["phrase"],
                       "duplicate phrase " + Quote(def.phrase) + " for " + Quote(def.relation));
      }
      schema->relation_cues.push_back(std::move(def));
    }
  }
  return Status::OK();
}

// ---------------------------------------------------------------------------
// time.yaml (optional)

Status ParseTime(const YamlFile& f, const YAML::Node& root, TimeLexicon* time) {
  PARLEY_RETURN_IF_ERROR(f.CheckKeys(
      root, {"weekdays", "months", "numbers", "expressions", "future_words"}, "time.yaml"));
  PARLEY_RETURN_IF_ERROR(f.GetStringList(root, "future_words", &time->future_words));
  for (auto& w : time->future_words) w = AsciiLower(w);
  PARLEY_RETURN_IF_ERROR(f.GetStringList(root, "weekdays", &time->weekdays));
  if (time->weekdays.size() != 7) {
    return f.Error(root["weekdays"], "\"weekdays\" must list 7 names, from Sunday", &root);
  }
  for (auto& w : time->weekdays) w = AsciiLower(w);
  YAML::Node months;
  PARLEY_RETURN_IF_ERROR(f.GetSequence(root, "months", &months));
  if (months.size() != 12) return f.Error(months, "\"months\" must list 12 months");
  for (const auto& m : months) {
    std::vector<std::string> names;
    if (!m.IsSequence() || m.size() == 0) {
      return f.Error(m, "a month must be a non-empty list of names ([october, oct])");
    }
    for (const auto& n : m) {
      if (!n.IsScalar() || n.Scalar().empty()) return f.Error(n, "a month name must be a string");
      names.push_back(AsciiLower(n.Scalar()));
    }
    time->months.push_back(std::move(names));
  }
  YAML::Node numbers = root["numbers"];
  if (numbers.IsDefined() && !numbers.IsNull()) {
    if (!numbers.IsMap()) return f.Error(numbers, "\"numbers\" must map words to numbers");
    for (auto it = numbers.begin(); it != numbers.end(); ++it) {
      int n = -1;
      if (!it->first.IsScalar() || !it->second.IsScalar() ||
          !YAML::convert<int>::decode(it->second, n) || n < 0 || n > 1000) {
        return f.Error(it->second, "a number word must map to a whole number from 0 to 1000");
      }
      time->numbers.emplace_back(AsciiLower(it->first.Scalar()), n);
    }
  }
  YAML::Node exprs;
  PARLEY_RETURN_IF_ERROR(f.GetSequence(root, "expressions", &exprs));
  static const std::vector<std::string> kUnits = {"day", "week", "month", "year"};
  std::set<std::string> seen;
  for (const auto& e : exprs) {
    PARLEY_RETURN_IF_ERROR(f.ExpectMap(e, "a time expression"));
    PARLEY_RETURN_IF_ERROR(
        f.CheckKeys(e, {"phrase", "unit", "offset", "range", "undated", "note"}, "a time expression"));
    TimeExpressionDef def;
    PARLEY_RETURN_IF_ERROR(f.GetOptionalBool(e, "range", &def.range));
    PARLEY_RETURN_IF_ERROR(f.GetOptionalBool(e, "undated", &def.undated));
    PARLEY_RETURN_IF_ERROR(f.GetString(e, "phrase", &def.phrase));
    def.phrase = AsciiLower(def.phrase);
    if (!seen.insert(def.phrase).second) {
      return f.Error(e["phrase"], "duplicate time expression " + Quote(def.phrase));
    }
    PARLEY_RETURN_IF_ERROR(f.GetString(e, "unit", &def.unit));
    if (std::find(kUnits.begin(), kUnits.end(), def.unit) == kUnits.end()) {
      return f.Error(e["unit"],
                     "unknown unit " + Quote(def.unit) + " (allowed: " + JoinNames(kUnits) + ")");
    }
    YAML::Node off = e["offset"];
    if (!off.IsDefined() || off.IsNull() || !off.IsScalar() ||
        !YAML::convert<int>::decode(off, def.offset) || def.offset < -400 || def.offset > 400) {
      return f.Error(off, "\"offset\" must be a whole number from -400 to 400", &e);
    }
    time->expressions.push_back(std::move(def));
  }
  return Status::OK();
}

}  // namespace

const EdgeKindDef* Schema::FindEdgeKind(const std::string& name) const {
  for (const auto& e : edge_kinds) {
    if (e.name == name) return &e;
  }
  return nullptr;
}

const NodeKindDef* Schema::FindNodeKind(const std::string& name) const {
  for (const auto& n : node_kinds) {
    if (n.name == name) return &n;
  }
  return nullptr;
}

Result<Schema> LoadSchema(const std::string& dir, const std::string& iso_codes_path) {
  Schema schema;
  // Order matters: cues need graph's acts; organisations and people need the
  // countries; people need the organisations.
  PARLEY_RETURN_IF_ERROR(ParseYamlFile(
      dir, "graph.yaml",
      [&](const YamlFile& f, const YAML::Node& root) { return ParseGraph(f, root, &schema); }));
  PARLEY_RETURN_IF_ERROR(ParseYamlFile(
      dir, "cues.yaml",
      [&](const YamlFile& f, const YAML::Node& root) { return ParseCues(f, root, &schema); }));
  PARLEY_RETURN_IF_ERROR(
      ParseYamlFile(dir, "lexicon.yaml", [&](const YamlFile& f, const YAML::Node& root) {
        return ParseLexicon(f, root, &schema.lexicon);
      }));
  std::map<std::string, IsoCountry> iso;
  PARLEY_RETURN_IF_ERROR(ReadIsoCodes(iso_codes_path, &iso));
  PARLEY_RETURN_IF_ERROR(
      ParseYamlFile(dir, "countries.yaml", [&](const YamlFile& f, const YAML::Node& root) {
        return ParseCountries(f, root, iso, &schema);
      }));
  PARLEY_RETURN_IF_ERROR(
      ParseYamlFile(dir, "organizations.yaml", [&](const YamlFile& f, const YAML::Node& root) {
        return ParseOrganizations(f, root, &schema);
      }));
  PARLEY_RETURN_IF_ERROR(ParseYamlFile(
      dir, "people.yaml",
      [&](const YamlFile& f, const YAML::Node& root) { return ParsePeople(f, root, &schema); }));
  // events.yaml is optional: a schema without it finds no events and no relations.
  std::string events_path = dir;
  if (!events_path.empty() && events_path.back() != '/') events_path += '/';
  if (std::ifstream(events_path + "events.yaml").good()) {
    PARLEY_RETURN_IF_ERROR(ParseYamlFile(
        dir, "events.yaml",
        [&](const YamlFile& f, const YAML::Node& root) { return ParseEvents(f, root, &schema); }));
  }
  // time.yaml is optional: without it only the statement extractor's dates remain.
  if (std::ifstream(events_path + "time.yaml").good()) {
    PARLEY_RETURN_IF_ERROR(
        ParseYamlFile(dir, "time.yaml", [&](const YamlFile& f, const YAML::Node& root) {
          return ParseTime(f, root, &schema.time);
        }));
  }
  return schema;
}

std::string DefaultSchemaDir() {
  const char* env = std::getenv("PARLEY_SCHEMA_DIR");
  if (env != nullptr && env[0] != '\0') return env;
#ifdef PARLEY_DEFAULT_SCHEMA_DIR
  return PARLEY_DEFAULT_SCHEMA_DIR;
#else
  return "schema";
#endif
}

}  // namespace parley::schema
