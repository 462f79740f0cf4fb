// The values that flow between the libraries: a Document read from an input file,
// and the Extraction an extractor makes of it (statements, entities, events and
// relations, with code-point spans back into the document's text).
//
// An Extraction is the interchange format of ../shared/eval/FORMAT.md held in
// memory: extractors produce it and never write it; the store applies one
// Extraction as one atomic write; `parley extract` prints it as one JSON line.
// Plain structs, no behaviour: thread-compatible.
#ifndef PARLEY_GRAPH_CORE_EXTRACTION_H_
#define PARLEY_GRAPH_CORE_EXTRACTION_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace parley {

// Half-open range [begin, end) of Unicode code points in a document's text.
struct Span {
  int64_t begin = 0;
  int64_t end = 0;
  bool operator==(const Span&) const = default;
};

// An article as read from a .txt or .jsonl input, before extraction.
struct Document {
  std::string id;                   // external id: JSONL "id", or a .txt file name stem
  std::string text;                 // valid UTF-8
  std::string title;                // may be empty
  std::optional<std::string> date;  // publication date given by the input (YYYY-MM-DD)
  std::string source;               // JSONL "source" field, free text
  std::string origin;               // where it came from, for messages: "a.jsonl:12"
};

// A statement: who said what, with spans into the text.
struct Statement {
  std::string id;                   // unique within the document: "s1", "s2", ...
  Span content;                     // covers every content piece
  std::vector<Span> content_spans;  // the pieces of an interrupted quote; empty = {content}
  std::string text;                 // the content text (UTF-8)
  std::string type;                 // direct | indirect | mixed
  std::optional<std::string> speaker;  // resolved name, nullopt when unresolved
  std::string speaker_entity;       // local id of the speaker entity, "" when unresolved
  std::vector<Span> speaker_spans;  // the mention named in the attribution's sentence
  std::string cue;                  // the cue as written: "said", "has said", "according to"
  std::vector<Span> cue_spans;
  std::string speech_act;           // from the cue lexicon: assert, deny, warn, ...
  bool negative = false;            // the act's polarity: a denial or a negated cue
  bool hedged = false;              // a hedged cue, or a hedge in what is said ("may")
  std::optional<std::string> date;  // when it was said (YYYY-MM-DD), where the text tells
  std::string reported_by;          // local id of the statement reporting this one, or ""
};

// A person, country or organisation met in the document.
struct Entity {
  std::string id;                    // local id, unique within the document: "e1", ...
  std::string type;                  // person | country | organization
  std::string name;                  // canonical name: "Dmitry Peskov", "Russia"
  std::vector<std::string> aliases;  // names it goes by, one per case-folded form: "Peskov"
  std::vector<std::string> descriptions;  // descriptive mentions: "the spokesman", "The official"
  std::vector<std::string> roles;    // "Kremlin spokesperson"
  std::string country;               // ISO 3166-1 alpha-2 where known
  // persons: "male" or "female" where the article tells (a title such as "Mrs.", a first
  // name), else ""
  std::string gender;
  std::vector<Span> mentions;
};

struct Event {
  std::string id;                         // local id: "v1", ...
  std::string type;                       // meeting, sanctions, ... (schema/events.yaml)
  std::string name;
  std::vector<std::string> participants;  // local entity ids
  std::optional<std::string> date;
  std::vector<Span> mentions;
};

struct Relation {
  std::string type;    // responded_to | proposed | reported_by | mentions | ...
  std::string source;  // local id of a statement, entity or event
  std::string target;
};

struct ArticleInfo {
  std::string title;
  std::optional<std::string> published;  // the publication date Parley settled on
  std::vector<std::string> warnings;     // e.g. a header date contradicting the id's date
  std::vector<std::string> outlets;      // publisher first, then its sources
};

struct Extraction {
  std::string id;            // the document's external id
  std::string text;          // the document's text (kept so the store can quote it)
  std::string content_hash;  // 16 hex digits of a hash of id, title, date and text
  std::string extractor_version;
  ArticleInfo article;
  std::vector<Statement> statements;
  std::vector<Entity> entities;
  std::vector<Event> events;
  std::vector<Relation> relations;
};

}  // namespace parley

#endif  // PARLEY_GRAPH_CORE_EXTRACTION_H_
