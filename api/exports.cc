#include "api/exports.h"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <tuple>
#include <unordered_set>

#include "api/utf8.h"

namespace parley::api {

namespace {

// A direct quote's text may carry its own quotation marks (straight or curly, as the
// article wrote them); the Markdown table adds typographic ones, so drop the originals.
std::string_view WithoutQuoteMarks(std::string_view text) {
  for (std::string_view mark : {"\"", "\xe2\x80\x9c", "\xe2\x80\x9d", "\xc2\xab", "\xc2\xbb"}) {
    if (text.size() >= mark.size() && text.substr(0, mark.size()) == mark)
      text.remove_prefix(mark.size());
  }
  while (!text.empty() && (text.back() == ',' || text.back() == ' ')) text.remove_suffix(1);
  for (std::string_view mark : {"\"", "\xe2\x80\x9d", "\xe2\x80\x9c", "\xc2\xbb"}) {
    if (text.size() >= mark.size() && text.substr(text.size() - mark.size()) == mark) {
      text.remove_suffix(mark.size());
    }
  }
  while (!text.empty() && text.back() == ',') text.remove_suffix(1);
  return text;
}

using Writer = rapidjson::Writer<rapidjson::StringBuffer>;

constexpr std::string_view kReplacement = "\xef\xbf\xbd";  // U+FFFD

// `s` as valid UTF-8 without the characters no format here can carry: bytes that
// start no valid sequence, C0 controls other than tab, LF and CR, and the
// non-characters U+FFFE and U+FFFF (forbidden in XML). Each becomes U+FFFD.
std::string CleanText(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    uint32_t cp = 0;
    size_t n = Utf8SequenceLength(s, i, &cp);
    if (n == 0) {
      out += kReplacement;
      ++i;
      continue;
    }
    bool bad =
        (cp < 0x20 && cp != '\t' && cp != '\n' && cp != '\r') || cp == 0xfffe || cp == 0xffff;
    if (bad) {
      out += kReplacement;
    } else {
      out.append(s.substr(i, n));
    }
    i += n;
  }
  return out;
}

// ---------------------------------------------------------------------------
// Dates

struct Date {
  int year = 0;
  int month = 0;  // 0 when unknown
  int day = 0;    // 0 when unknown
  std::string ToString() const {
    char buf[16];
    if (month == 0) {
      std::snprintf(buf, sizeof(buf), "%04d", year);
    } else if (day == 0) {
      std::snprintf(buf, sizeof(buf), "%04d-%02d", year, month);
    } else {
      std::snprintf(buf, sizeof(buf), "%04d-%02d-%02d", year, month, day);
    }
    return buf;
  }
};

int DaysInMonth(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month == 2 && leap ? 29 : kDays[month - 1];
}

// Reads exactly `n` digits at s[pos]; -1 otherwise.
int Digits(std::string_view s, size_t pos, size_t n) {
  if (pos + n > s.size()) return -1;
  int v = 0;
  for (size_t i = pos; i < pos + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return -1;
    v = v * 10 + (s[i] - '0');
  }
  return v;
}

// "YYYY", "YYYY-MM" or "YYYY-MM-DD" (a real calendar day); a time after the date
// ("2025-10-24T10:00:00Z") is ignored.
std::optional<Date> ParseDate(std::string_view s) {
  if (s.size() > 10 && s[10] == 'T') s = s.substr(0, 10);
  Date d;
  d.year = Digits(s, 0, 4);
  if (d.year < 1) return std::nullopt;
  if (s.size() == 4) return d;
  if (s.size() < 7 || s[4] != '-') return std::nullopt;
  d.month = Digits(s, 5, 2);
  if (d.month < 1 || d.month > 12) return std::nullopt;
  if (s.size() == 7) return d;
  if (s.size() != 10 || s[7] != '-') return std::nullopt;
  d.day = Digits(s, 8, 2);
  if (d.day < 1 || d.day > DaysInMonth(d.year, d.month)) return std::nullopt;
  return d;
}

std::optional<std::string> NormalDate(const std::optional<std::string>& s) {
  if (!s) return std::nullopt;
  auto d = ParseDate(*s);
  if (!d) return std::nullopt;
  return d->ToString();
}

// A full date for GEXF: a partial date starts its month or year.
std::string FullDate(std::string_view s) {
  Date d = *ParseDate(s);  // validated before
  if (d.month == 0) d.month = 1;
  if (d.day == 0) d.day = 1;
  return d.ToString();
}

// ---------------------------------------------------------------------------
// Timelines

std::string OutletsOf(const store::StatementRecord& s, const ArticleOutlets& outlets) {
  auto it = outlets.find(s.article_id);
  if (it == outlets.end()) return "";
  std::string joined;
  for (const auto& o : it->second) {
    if (!joined.empty()) joined += "; ";
    joined += o;
  }
  return joined;
}

std::string HexOrEmpty(NodeId id) { return id.valid() ? id.ToHex() : std::string(); }

// RFC 4180 field.
void CsvField(std::string& out, std::string_view raw) {
  std::string s = CleanText(raw);
  if (s.find_first_of("\",\r\n") == std::string::npos) {
    out += s;
    return;
  }
  out += '"';
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
}

// Text for one Markdown table cell (or a heading when `line_breaks` is false).
std::string MarkdownEscape(std::string_view raw, bool line_breaks) {
  std::string s = CleanText(raw);
  std::string out;
  out.reserve(s.size() + 8);
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    switch (c) {
      case '\\':
      case '|':
      case '*':
      case '_':
      case '`':
      case '[':
      case ']':
      case '<':
      case '>':
      case '&':
      case '~':
      case '#':
        out += '\\';
        out += c;
        break;
      case '\r':
        if (i + 1 < s.size() && s[i + 1] == '\n') ++i;
        [[fallthrough]];
      case '\n':
        out += line_breaks ? "<br>" : " ";
        break;
      case '\t':
        out += ' ';
        break;
      default:
        out += c;
    }
  }
  return out;
}

// How a markup language wants the characters besides & < > " escaped: the
// replacement of an apostrophe, a line feed, a carriage return and a tab (nullptr:
// the character as it is).
struct MarkupEscapes {
  const char* apostrophe;
  const char* line_feed;
  const char* carriage_return;
  const char* tab;
};

std::string EscapeMarkup(std::string_view raw, const MarkupEscapes& e) {
  std::string s = CleanText(raw);
  std::string out;
  out.reserve(s.size() + 8);
  for (char c : s) {
    const char* replacement = nullptr;
    switch (c) {
      case '&':
        replacement = "&amp;";
        break;
      case '<':
        replacement = "&lt;";
        break;
      case '>':
        replacement = "&gt;";
        break;
      case '"':
        replacement = "&quot;";
        break;
      case '\'':
        replacement = e.apostrophe;
        break;
      case '\n':
        replacement = e.line_feed;
        break;
      case '\r':
        replacement = e.carriage_return;
        break;
      case '\t':
        replacement = e.tab;
        break;
      default:
        break;
    }
    if (replacement != nullptr) {
      out += replacement;
    } else {
      out += c;
    }
  }
  return out;
}

// HTML text (TimelineJS fields): line breaks as <br>, carriage returns dropped.
std::string HtmlEscape(std::string_view raw) {
  return EscapeMarkup(raw, {"&#39;", "<br>", "", nullptr});
}

void Key(Writer& w, std::string_view k) {
  w.Key(k.data(), static_cast<rapidjson::SizeType>(k.size()));
}

void Str(Writer& w, std::string_view raw) {
  std::string s = CleanText(raw);
  w.String(s.data(), static_cast<rapidjson::SizeType>(s.size()));
}

// What a reader of a table or timeline must not miss about the act: "; negative",
// "; hedged", both, or "" for a plain assertion.
std::string ActNote(const store::StatementRecord& s) {
  std::string out;
  if (s.negative) out += "; negative";
  if (s.hedged) out += "; hedged";
  return out;
}

std::string SpeakerName(const store::StatementRecord& s) {
  return s.speaker_name.empty() ? std::string("(unattributed)") : s.speaker_name;
}

}  // namespace

std::optional<std::string> NormalizeDate(std::string_view s) {
  auto d = ParseDate(s);
  if (!d) return std::nullopt;
  return d->ToString();
}

std::optional<std::string> TimelineDate(const store::StatementRecord& s) {
  if (auto d = NormalDate(s.date)) return d;
  return NormalDate(s.published);
}

void SortForTimeline(std::vector<store::StatementRecord>& statements) {
  auto key = [](const store::StatementRecord& s) {
    std::optional<std::string> date = TimelineDate(s);
    // Undated last: "~" sorts after every digit.
    return std::make_tuple(date.value_or("~"), NormalDate(s.published).value_or("~"), s.article_id,
                           s.content.begin, s.id);
  };
  std::stable_sort(statements.begin(), statements.end(),
                   [&](const auto& a, const auto& b) { return key(a) < key(b); });
}

std::string TimelineToCsv(const std::vector<store::StatementRecord>& statements,
                          const ArticleOutlets& outlets) {
  std::string out;
  bool first = true;
  for (std::string_view column : kCsvColumns) {
    if (!first) out += ',';
    first = false;
    CsvField(out, column);
  }
  out += "\r\n";
  for (const auto& s : statements) {
    const std::string fields[] = {NormalDate(s.date).value_or(""),
                                  NormalDate(s.published).value_or(""),
                                  s.speaker_name,
                                  HexOrEmpty(s.speaker_id),
                                  s.type,
                                  s.speech_act,
                                  s.cue,
                                  s.text,
                                  s.article_title,
                                  HexOrEmpty(s.article_id),
                                  OutletsOf(s, outlets),
                                  std::to_string(s.content.begin),
                                  std::to_string(s.content.end),
                                  s.article_external_id,
                                  HexOrEmpty(s.id),
                                  s.negative ? "negative" : "positive",
                                  s.hedged ? "true" : "false"};
    static_assert(std::size(fields) == std::size(kCsvColumns));
    for (size_t i = 0; i < std::size(fields); ++i) {
      if (i > 0) out += ',';
      CsvField(out, fields[i]);
    }
    out += "\r\n";
  }
  return out;
}

std::string TimelineToMarkdown(const std::vector<store::StatementRecord>& statements,
                               const TimelineTitle& title, const ArticleOutlets& outlets) {
  std::string out = "# " + MarkdownEscape(title.headline, false) + "\n\n";
  if (!title.text.empty()) out += MarkdownEscape(title.text, false) + "\n\n";
  out += "| Date | Speaker | Type | Statement | Source | Published |\n";
  out += "|---|---|---|---|---|---|\n";
  for (const auto& s : statements) {
    std::string date = NormalDate(s.date).value_or("");
    if (date.empty()) {
      std::optional<std::string> published = NormalDate(s.published);
      date = published ? *published + " (published)" : std::string("undated");
    }
    std::string statement =
        s.type == "direct"
            ? "\xe2\x80\x9c" + std::string(WithoutQuoteMarks(s.text)) + "\xe2\x80\x9d"
            : s.text;
    std::string source = s.article_title;
    std::string outlet_list = OutletsOf(s, outlets);
    if (!outlet_list.empty()) source += " (" + outlet_list + ")";
    std::string type = s.type;
    if (!s.cue.empty()) type += ", " + s.cue;
    type += ActNote(s);
    out += "| " + MarkdownEscape(date, true) + " | " + MarkdownEscape(SpeakerName(s), true) +
           " | " + MarkdownEscape(type, true) + " | " + MarkdownEscape(statement, true) + " | " +
           MarkdownEscape(source, true) + " | " +
           MarkdownEscape(NormalDate(s.published).value_or(""), true) + " |\n";
  }
  if (statements.empty()) out += "\n_No statements._\n";
  return out;
}

std::string TimelineToTimelineJs(const std::vector<store::StatementRecord>& statements,
                                 const TimelineTitle& title, const ArticleOutlets& outlets) {
  size_t undated = 0;
  for (const auto& s : statements) undated += !TimelineDate(s).has_value();

  rapidjson::StringBuffer buffer;
  Writer w(buffer);
  w.StartObject();
  Key(w, "title");
  w.StartObject();
  Key(w, "text");
  w.StartObject();
  Key(w, "headline");
  Str(w, HtmlEscape(title.headline));
  Key(w, "text");
  std::string title_text = HtmlEscape(title.text);
  if (undated > 0) {
    if (!title_text.empty()) title_text += "<br>";
    title_text += undated == 1
                      ? std::string(
                            "1 statement has no date and no publication date and is "
                            "left out.")
                      : std::to_string(undated) +
                            " statements have no date and no publication date and are left out.";
  }
  Str(w, title_text);
  w.EndObject();
  w.EndObject();

  Key(w, "events");
  w.StartArray();
  for (const auto& s : statements) {
    std::optional<std::string> when = TimelineDate(s);
    if (!when) continue;
    Date d = *ParseDate(*when);
    w.StartObject();
    Key(w, "start_date");
    w.StartObject();
    Key(w, "year");
    Str(w, std::to_string(d.year));
    if (d.month > 0) {
      Key(w, "month");
      Str(w, std::to_string(d.month));
    }
    if (d.day > 0) {
      Key(w, "day");
      Str(w, std::to_string(d.day));
    }
    w.EndObject();

    Key(w, "text");
    w.StartObject();
    Key(w, "headline");
    Str(w, HtmlEscape(SpeakerName(s)));
    Key(w, "text");
    std::string body = s.type == "direct" ? "<blockquote>" + HtmlEscape(s.text) + "</blockquote>"
                                          : "<p>" + HtmlEscape(s.text) + "</p>";
    std::string source = "<em>" + HtmlEscape(s.article_title) + "</em>";
    std::string outlet_list = OutletsOf(s, outlets);
    if (!outlet_list.empty()) source += ", " + HtmlEscape(outlet_list);
    if (auto published = NormalDate(s.published)) source += ", published " + *published;
    body += "<p>" +
            HtmlEscape((s.cue.empty() ? s.type : s.cue + " (" + s.type + ")") + ActNote(s)) +
            " &mdash; " + source + "</p>";
    if (!NormalDate(s.date))
      body += "<p>Dated by its publication: when it was said is unknown.</p>";
    Str(w, body);
    w.EndObject();

    Key(w, "group");
    Str(w, SpeakerName(s));
    Key(w, "unique_id");
    Str(w, "s-" + s.id.ToHex());
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
  return std::string(buffer.GetString(), buffer.GetSize());
}

// ---------------------------------------------------------------------------
// Graphs

namespace {

// Text for XML element content and attribute values alike. Line feeds, carriage
// returns and tabs as references, so parsers neither normalise them to spaces
// (attributes) nor fold CR LF to LF (content).
std::string XmlEscape(std::string_view raw) {
  return EscapeMarkup(raw, {"&apos;", "&#10;", "&#13;", "&#9;"});
}

// A DOT double-quoted string. Graphviz reads \" as a quote and then treats a
// backslash in a label as an escape (\n, \l, \N...): a literal backslash is "\\".
// A line break becomes \n (a centred line in a label). In a label, '&' is written
// "&amp;" because Graphviz decodes HTML entities there.
std::string DotQuote(std::string_view raw, bool label = false) {
  std::string s = CleanText(raw);
  std::string out = "\"";
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      // Graphviz decodes HTML entities in labels ("&amp;" shows as "&").
      case '&':
        out += label ? "&amp;" : "&";
        break;
      case '\r':
        if (i + 1 < s.size() && s[i + 1] == '\n') ++i;
        [[fallthrough]];
      case '\n':
        out += "\\n";
        break;
      case '\t':
        out += ' ';
        break;
      default:
        out += c;
    }
  }
  out += '"';
  return out;
}

// Every attribute name used by some node, in order.
std::vector<std::string> AttrNames(const Subgraph& graph) {
  std::vector<std::string> names;
  std::unordered_set<std::string> seen;
  for (const auto& n : graph.nodes) {
    for (const auto& [name, value] : n.attrs) {
      if (seen.insert(name).second) names.push_back(name);
    }
  }
  std::sort(names.begin(), names.end());
  return names;
}

// Ids for the edges, unique among themselves and the node ids (Cytoscape.js and
// GraphML share one id space between nodes and edges).
std::vector<std::string> EdgeIds(const Subgraph& graph) {
  std::unordered_set<std::string> taken;
  for (const auto& n : graph.nodes) taken.insert(n.id);
  std::vector<std::string> ids;
  ids.reserve(graph.edges.size());
  for (size_t i = 0; i < graph.edges.size(); ++i) {
    std::string id = "e" + std::to_string(i);
    while (taken.count(id)) id += "_";
    taken.insert(id);
    ids.push_back(std::move(id));
  }
  return ids;
}

}  // namespace

Status ValidateSubgraph(const Subgraph& graph) {
  std::unordered_set<std::string> ids;
  for (size_t i = 0; i < graph.nodes.size(); ++i) {
    const auto& n = graph.nodes[i];
    std::string where = "node " + std::to_string(i);
    if (n.id.empty()) return Status::InvalidArgument(where + ": empty id");
    if (!ids.insert(n.id).second) {
      return Status::InvalidArgument(where + ": duplicate id \"" + CleanText(n.id) + "\"");
    }
    if (n.date && !ParseDate(*n.date)) {
      return Status::InvalidArgument(where + ": date \"" + CleanText(*n.date) +
                                     "\" is not YYYY[-MM[-DD]]");
    }
    for (const auto& [name, value] : n.attrs) {
      if (name.empty()) return Status::InvalidArgument(where + ": empty attribute name");
      for (auto reserved : kReservedAttrNames) {
        if (name == reserved) {
          return Status::InvalidArgument(where + ": attribute name \"" + name + "\" is reserved");
        }
      }
    }
  }
  for (size_t i = 0; i < graph.edges.size(); ++i) {
    const auto& e = graph.edges[i];
    std::string where = "edge " + std::to_string(i);
    if (!ids.count(e.source)) {
      return Status::InvalidArgument(where + ": source \"" + CleanText(e.source) +
                                     "\" is not a node");
    }
    if (!ids.count(e.target)) {
      return Status::InvalidArgument(where + ": target \"" + CleanText(e.target) +
                                     "\" is not a node");
    }
    if (e.date && !ParseDate(*e.date)) {
      return Status::InvalidArgument(where + ": date \"" + CleanText(*e.date) +
                                     "\" is not YYYY[-MM[-DD]]");
    }
  }
  return Status::OK();
}

Result<std::string> SubgraphToGraphMl(const Subgraph& graph) {
  PARLEY_RETURN_IF_ERROR(ValidateSubgraph(graph));
  std::vector<std::string> attr_names = AttrNames(graph);
  std::vector<std::string> edge_ids = EdgeIds(graph);
  std::string out =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\" "
      "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
      "xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns "
      "http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n"
      "  <key id=\"kind\" for=\"node\" attr.name=\"kind\" attr.type=\"string\"/>\n"
      "  <key id=\"label\" for=\"node\" attr.name=\"label\" attr.type=\"string\"/>\n"
      "  <key id=\"date\" for=\"node\" attr.name=\"date\" attr.type=\"string\"/>\n"
      "  <key id=\"edge_kind\" for=\"edge\" attr.name=\"kind\" attr.type=\"string\"/>\n"
      "  <key id=\"edge_date\" for=\"edge\" attr.name=\"date\" attr.type=\"string\"/>\n";
  // Attribute keys get generated ids: a name may hold anything.
  std::map<std::string, std::string> key_of;
  for (size_t i = 0; i < attr_names.size(); ++i) {
    key_of[attr_names[i]] = "a" + std::to_string(i);
    out += "  <key id=\"a" + std::to_string(i) + "\" for=\"node\" attr.name=\"" +
           XmlEscape(attr_names[i]) + "\" attr.type=\"string\"/>\n";
  }
  out += "  <graph id=\"G\" edgedefault=\"directed\">\n";
  auto data = [&](std::string_view key, std::string_view value) {
    out += "      <data key=\"";
    out += key;
    out += "\">" + XmlEscape(value) + "</data>\n";
  };
  for (const auto& n : graph.nodes) {
    out += "    <node id=\"" + XmlEscape(n.id) + "\">\n";
    data("kind", n.kind);
    data("label", n.label);
    if (n.date) data("date", ParseDate(*n.date)->ToString());
    for (const auto& [name, value] : n.attrs) data(key_of[name], value);
    out += "    </node>\n";
  }
  for (size_t i = 0; i < graph.edges.size(); ++i) {
    const auto& e = graph.edges[i];
    out += "    <edge id=\"" + XmlEscape(edge_ids[i]) + "\" source=\"" + XmlEscape(e.source) +
           "\" target=\"" + XmlEscape(e.target) + "\">\n";
    data("edge_kind", e.kind);
    if (e.date) data("edge_date", ParseDate(*e.date)->ToString());
    out += "    </edge>\n";
  }
  out += "  </graph>\n</graphml>\n";
  return out;
}

Result<std::string> SubgraphToGexf(const Subgraph& graph) {
  PARLEY_RETURN_IF_ERROR(ValidateSubgraph(graph));
  std::vector<std::string> attr_names = AttrNames(graph);
  std::vector<std::string> edge_ids = EdgeIds(graph);
  std::string out =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<gexf xmlns=\"http://gexf.net/1.3\" "
      "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
      "xsi:schemaLocation=\"http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd\" "
      "version=\"1.3\">\n"
      "  <meta>\n    <creator>Parley</creator>\n  </meta>\n"
      "  <graph mode=\"dynamic\" defaultedgetype=\"directed\" timeformat=\"date\">\n"
      "    <attributes class=\"node\" mode=\"static\">\n"
      "      <attribute id=\"kind\" title=\"kind\" type=\"string\"/>\n"
      "      <attribute id=\"date\" title=\"date\" type=\"string\"/>\n";
  std::map<std::string, std::string> key_of;
  for (size_t i = 0; i < attr_names.size(); ++i) {
    key_of[attr_names[i]] = "a" + std::to_string(i);
    out += "      <attribute id=\"a" + std::to_string(i) + "\" title=\"" +
           XmlEscape(attr_names[i]) + "\" type=\"string\"/>\n";
  }
  out +=
      "    </attributes>\n"
      "    <attributes class=\"edge\" mode=\"static\">\n"
      "      <attribute id=\"kind\" title=\"kind\" type=\"string\"/>\n"
      "      <attribute id=\"date\" title=\"date\" type=\"string\"/>\n"
      "    </attributes>\n";
  auto attvalue = [&](std::string_view key, std::string_view value) {
    out += "          <attvalue for=\"";
    out += key;
    out += "\" value=\"" + XmlEscape(value) + "\"/>\n";
  };
  out += "    <nodes>\n";
  for (const auto& n : graph.nodes) {
    out += "      <node id=\"" + XmlEscape(n.id) + "\" label=\"" + XmlEscape(n.label) + "\"";
    if (n.date) out += " start=\"" + FullDate(*n.date) + "\"";
    out += ">\n        <attvalues>\n";
    attvalue("kind", n.kind);
    if (n.date) attvalue("date", ParseDate(*n.date)->ToString());
    for (const auto& [name, value] : n.attrs) attvalue(key_of[name], value);
    out += "        </attvalues>\n      </node>\n";
  }
  out += "    </nodes>\n    <edges>\n";
  for (size_t i = 0; i < graph.edges.size(); ++i) {
    const auto& e = graph.edges[i];
    out += "      <edge id=\"" + XmlEscape(edge_ids[i]) + "\" source=\"" + XmlEscape(e.source) +
           "\" target=\"" + XmlEscape(e.target) + "\" label=\"" + XmlEscape(e.kind) + "\"";
    if (e.date) out += " start=\"" + FullDate(*e.date) + "\"";
    out += ">\n        <attvalues>\n";
    attvalue("kind", e.kind);
    if (e.date) attvalue("date", ParseDate(*e.date)->ToString());
    out += "        </attvalues>\n      </edge>\n";
  }
  out += "    </edges>\n  </graph>\n</gexf>\n";
  return out;
}

Result<std::string> SubgraphToCytoscapeJson(const Subgraph& graph) {
  PARLEY_RETURN_IF_ERROR(ValidateSubgraph(graph));
  std::vector<std::string> edge_ids = EdgeIds(graph);
  rapidjson::StringBuffer buffer;
  Writer w(buffer);
  w.StartObject();
  Key(w, "elements");
  w.StartObject();
  Key(w, "nodes");
  w.StartArray();
  for (const auto& n : graph.nodes) {
    w.StartObject();
    Key(w, "data");
    w.StartObject();
    Key(w, "id");
    Str(w, n.id);
    Key(w, "kind");
    Str(w, n.kind);
    Key(w, "label");
    Str(w, n.label);
    if (n.date) {
      Key(w, "date");
      Str(w, ParseDate(*n.date)->ToString());
    }
    for (const auto& [name, value] : n.attrs) {
      std::string clean = CleanText(name);
      Key(w, clean);
      Str(w, value);
    }
    w.EndObject();
    w.EndObject();
  }
  w.EndArray();
  Key(w, "edges");
  w.StartArray();
  for (size_t i = 0; i < graph.edges.size(); ++i) {
    const auto& e = graph.edges[i];
    w.StartObject();
    Key(w, "data");
    w.StartObject();
    Key(w, "id");
    Str(w, edge_ids[i]);
    Key(w, "source");
    Str(w, e.source);
    Key(w, "target");
    Str(w, e.target);
    Key(w, "kind");
    Str(w, e.kind);
    if (e.date) {
      Key(w, "date");
      Str(w, ParseDate(*e.date)->ToString());
    }
    w.EndObject();
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
  w.EndObject();
  return std::string(buffer.GetString(), buffer.GetSize());
}

Result<std::string> SubgraphToDot(const Subgraph& graph) {
  PARLEY_RETURN_IF_ERROR(ValidateSubgraph(graph));
  std::string out = "digraph parley {\n";
  for (const auto& n : graph.nodes) {
    out +=
        "  " + DotQuote(n.id) + " [label=" + DotQuote(n.label, true) + ", kind=" + DotQuote(n.kind);
    if (n.date) out += ", date=" + DotQuote(ParseDate(*n.date)->ToString());
    // Prefixed: a bare name could be a Graphviz attribute with an effect (image=,
    // shapefile= read files when rendered).
    for (const auto& [name, value] : n.attrs) {
      out += ", " + DotQuote(std::string(kDotAttrPrefix) + name) + "=" + DotQuote(value);
    }
    out += "];\n";
  }
  for (const auto& e : graph.edges) {
    out += "  " + DotQuote(e.source) + " -> " + DotQuote(e.target) +
           " [label=" + DotQuote(e.kind, true) + ", kind=" + DotQuote(e.kind);
    if (e.date) out += ", date=" + DotQuote(ParseDate(*e.date)->ToString());
    out += "];\n";
  }
  out += "}\n";
  return out;
}

}  // namespace parley::api
