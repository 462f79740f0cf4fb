// The schema: node and edge kinds, the speech-cue lexicon, word lists and the
// gazetteers, loaded once from the YAML files in schema/ (and Debian's iso-codes)
// into plain structs. yaml-cpp stays inside loader.cc: its Node is not thread-safe
// even for reads, so nothing else ever sees it. A loaded Schema is immutable and
// safe to share between threads.
//
// Files (all in one directory, each documented by comments at its top):
//   graph.yaml          node_kinds: [{name, description}], edge_kinds: [{name, from: [kinds],
//                       to: [kinds], description}], speech_acts: [assert, deny, ...]
//                       (the acts a cue may name)
//   cues.yaml           cues: [{lemma, forms: [...], act, kind: speech|belief|perception|
//                       report, polarity: positive|negative, hedged: bool}]
//                       multiword cues allowed ("according to", "told reporters");
//                       forms default to [lemma] and are lower-cased; an optional
//                       top-level `acts: [...]` adds acts to graph.yaml's speech_acts
//   lexicon.yaml        word lists: pronouns, speaker_nouns, titles, abbreviations,
//                       number_abbreviations, boilerplate, reporting_verbs, outlets,
//                       raising_verbs,
//                       word_lists: {name: [words]} (see Lexicon below); each
//                       optional, any other key is refused
//   people.yaml         people: [{name, aliases, country, roles: [{title, country, org,
//                       from: YYYY-MM-DD, to: YYYY-MM-DD|null}]}]; `org` must name an
//                       organisation of organizations.yaml (name or alias)
//   organizations.yaml  types: [government, ministry, ...] (the allowed types),
//                       organizations: [{name, aliases, type, country}]
//   countries.yaml      countries: [{code, name, aliases: [demonyms, capitals, seats]}];
//                       every country of /usr/share/iso-codes/json/iso_3166-1.json is
//                       loaded; `name` overrides its iso-codes name ("Russia"), else
//                       common_name, else name; the other iso names become aliases
//   events.yaml         optional (absent: no event types, no relation cues):
//                       plover_categories: [...], event_types: [{type, plover, participants:
//                       people|states, min_parties, anaphoric, setting, triggers: [...],
//                       verbs: [...]}],
//                       reference_nouns: [...],
//                       relation_cues: [{relation: responded_to|proposed, phrase, target:
//                       scope|after|antecedent}]; triggers and phrases are lower-cased
//   time.yaml           optional (absent: no utterance dates from the graph pass):
//                       weekdays: [7 names from Sunday], months: [12 lists of names],
//                       numbers: {word: n}, expressions: [{phrase, unit: day|week|
//                       month|year, offset}], future_words: [...]; "#" in a phrase
//                       stands for a number
// Every entry may carry a free-text `note`. Country codes are ISO 3166-1 alpha-2 and
// must exist in iso-codes. A broken file is refused with
// "schema/people.yaml:12:3: <what is wrong>" (line and column 1-based): bad YAML, a
// missing or mistyped field, an unknown field, kind, act, type, country or
// organisation, a date that is not a real YYYY-MM-DD day, a role whose `from` is
// after its `to`, a duplicate name.
#ifndef PARLEY_SCHEMA_SCHEMA_H_
#define PARLEY_SCHEMA_SCHEMA_H_

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "graph/core/status.h"

namespace parley::schema {

struct NodeKindDef {
  std::string name;  // person, country, organization, event, statement, article
  std::string description;
};

struct EdgeKindDef {
  std::string name;               // said, responded_to, proposed, mentions, ...
  std::vector<std::string> from;  // node kinds allowed at the source
  std::vector<std::string> to;    // node kinds allowed at the target
  std::string description;
};

// One speech cue: a verb (all its inflected forms) or a fixed phrase.
struct CueDef {
  std::string lemma;               // "say", "according to", "emphasise"
  std::vector<std::string> forms;  // surface forms, lower case: "said", "says", "saying"
  std::string act;                 // assert, deny, warn, propose, agree, clarify, ask, ...
  std::string kind = "speech";     // speech | belief | perception | report
  bool negative = false;           // "denied", "rejected": polarity of the act
  bool hedged = false;             // "suggested", "hinted"
};

struct RoleDef {
  std::string title;                // "Prime Minister", "Kremlin spokesperson"
  std::string country;              // ISO alpha-2, may be empty
  std::string org;                  // organisation name, may be empty
  std::optional<std::string> from;  // YYYY-MM-DD; nullopt: since ever
  std::optional<std::string> to;    // YYYY-MM-DD; nullopt: still in office
};

struct PersonDef {
  std::string name;                  // canonical: "Dmitry Peskov"
  std::vector<std::string> aliases;  // other spellings: "Dmitri Peskov", "Peskov"
  std::string country;               // ISO alpha-2
  std::string gender;                // "male", "female" or "" (not given)
  std::vector<RoleDef> roles;
};

struct OrganizationDef {
  std::string name;
  std::vector<std::string> aliases;
  std::string type;     // government, ministry, alliance, media, company, party, ...
  std::string country;  // ISO alpha-2, may be empty
};

struct CountryDef {
  std::string code;                  // ISO 3166-1 alpha-2: "RU"
  std::string name;                  // common name from iso-codes: "Russia"
  std::string official_name;         // "Russian Federation"
  std::vector<std::string> aliases;  // names, demonyms, capitals, seats: "Moscow", "Kremlin"
};

// Word lists the extractors use; each is lower case unless said otherwise.
struct Lexicon {
  std::vector<std::string> pronouns;         // he, she, they, ...
  std::vector<std::string> speaker_nouns;    // spokesman, spokesperson, official, minister
  std::vector<std::string> titles;           // President, Prime Minister (as written)
  std::vector<std::string> abbreviations;    // "Mr.", "U.S.": no sentence break after them
  std::vector<std::string> number_abbreviations;  // "No.", "Fig.": the same, before a number only
  std::vector<std::string> boilerplate;      // markers that start non-article text
  std::vector<std::string> reporting_verbs;  // "reports", "reported" for syndication lines
  std::vector<std::string> outlets;          // known media outlet names (as written)
  std::vector<std::string> raising_verbs;    // "seems", "is expected": a stance with no source
  // Named closed-class lists the extractor's rules read ("aux_adverbs", "determiners",
  // "weekdays", ...), in file order; which names a reader needs is its own business.
  std::map<std::string, std::vector<std::string>> word_lists;
};

// One kind of event (events.yaml): a meeting, sanctions, a treaty, ...
struct EventTypeDef {
  std::string type;    // meeting, negotiation, sanctions, treaty, ...
  std::string plover;  // PLOVER-style category (CONSULT, SANCTION, ...), may be empty
  std::vector<std::string> triggers;    // surface forms, lower case, multiword allowed
  std::vector<std::string> verbs;       // verb forms ("met"): the parties are its subject
                                        // ("X and Y met") and object ("met (with) Z")
  std::string participants = "states";  // people (persons first) | states (countries first)
  int min_parties = 0;     // fewer named parties: the speaker's country joins (talks, treaties)
  bool anaphoric = false;  // "the proposal", naming no party, is the event last proposed
  bool setting = false;    // statements are made at it: "Speaking at a news conference on
                           // Friday, X said" dates the event by the statement
};

// A phrase that signals a relation between statements, actors and events.
struct RelationCueDef {
  std::string relation;  // responded_to | proposed
  std::string phrase;    // lower case: "in response to", "called for"
  // Where the answered or proposed thing is: scope (the phrase opens a clause naming it:
  // "Regarding Putin's warning, ..."), after (right after the phrase: "rejected the
  // proposal"), antecedent (the nearest earlier statement: "shares this aspiration").
  std::string target = "scope";
};

// A relative time expression (time.yaml): the day it names is the first day of the
// `unit` that lies `offset` units from the anchor's (times the number a "#" in the
// phrase matched): "yesterday" {day, -1}, "last week" {week, -1} (its Monday),
// "over the past # days" {day, -1} (two days -> two days back).
struct TimeExpressionDef {
  std::string phrase;  // lower case words; "#" = a number (digits or a number word)
  std::string unit = "day";  // day | week | month | year
  int offset = 0;
  bool range = false;  // names a stretch of days ("over the past # days"), not one day;
                       // week, month and year units always do
  bool undated = false;  // a time adjunct naming no day ("in the past"): the rules read
                         // past it, no statement is dated by it
};

// The words of dates (time.yaml): names are lower case.
struct TimeLexicon {
  std::vector<std::string> weekdays;                 // 7, from Sunday
  std::vector<std::vector<std::string>> months;      // 12, each a list of names
  std::vector<std::pair<std::string, int>> numbers;  // "two" -> 2
  std::vector<TimeExpressionDef> expressions;
  std::vector<std::string> future_words;  // "will", "next": a sentence that looks ahead
};

struct Schema {
  std::vector<NodeKindDef> node_kinds;
  std::vector<EdgeKindDef> edge_kinds;
  std::vector<CueDef> cues;
  Lexicon lexicon;
  std::vector<PersonDef> people;
  std::vector<OrganizationDef> organizations;
  std::vector<CountryDef> countries;          // every ISO 3166-1 country, sorted by code
  std::vector<std::string> speech_acts;       // the acts cues may name (graph.yaml + cues.yaml)
  std::vector<EventTypeDef> event_types;      // events.yaml; empty when absent
  std::vector<RelationCueDef> relation_cues;  // events.yaml
  std::vector<std::string> reference_nouns;   // events.yaml: "statement", "warning", ...
  TimeLexicon time;                           // time.yaml; empty when absent

  const EdgeKindDef* FindEdgeKind(const std::string& name) const;
  const NodeKindDef* FindNodeKind(const std::string& name) const;
};

// Where the countries' names are read from unless told otherwise.
inline constexpr char kIsoCodesPath[] = "/usr/share/iso-codes/json/iso_3166-1.json";

// Loads every file of `dir`. Errors: InvalidArgument naming file:line:col and what is
// wrong (bad YAML, missing field, unknown kind or act, bad date); IOError when a file
// cannot be read.
Result<Schema> LoadSchema(const std::string& dir,
                          const std::string& iso_codes_path = kIsoCodesPath);

// The directory to load by default: $PARLEY_SCHEMA_DIR, else the source tree's schema/.
std::string DefaultSchemaDir();

}  // namespace parley::schema

#endif  // PARLEY_SCHEMA_SCHEMA_H_
