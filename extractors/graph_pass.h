// The graph pass: runs over an Extraction whose statements and entities are final
// and adds the graph around them (issue 4): events from the event lexicon
// (schema/events.yaml: trigger + type + participants, merged within the article),
// `responded_to` and `proposed` relations from the relation cues, "reference"
// statements for earlier statements the text only names and a relation answers ("a
// recent statement from President Trump", "Zakharova's remarks"), the roles people
// hold on the article's date (people.yaml) - a speaker named by a title ("the
// minister") becomes whoever held it that day - a warning for a title the text
// gives someone who did not hold it then, and country mentions for a seat of
// government that speaks ("the Kremlin said" -> Russia), utterance dates from the
// relative time expressions of time.yaml ("said yesterday", "last week"), the roles
// of people no gazetteer lists ("Russian Foreign Minister X" -> "Foreign Minister of
// Russia"), and aliases that are names only. `reported_by` and
// `mentions` edges are not emitted: the store derives them from
// Statement::reported_by and from the spans.
//
// Internal to parley::extractors. A GraphPass is compiled once from a Schema and is
// immutable afterwards: Run() may be called from many threads at once.
#ifndef PARLEY_EXTRACTORS_GRAPH_PASS_H_
#define PARLEY_EXTRACTORS_GRAPH_PASS_H_

#include <memory>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "extractors/extractor.h"
#include "extractors/text_scan.h"
#include "extractors/word_set.h"
#include "graph/core/extraction.h"
#include "schema/schema.h"

namespace parley::extractors::internal {

class GraphPass {
 public:
  explicit GraphPass(const schema::Schema& schema);

  // Adds events, relations, reference statements, dated roles, warnings and
  // country mentions to `x` (whose `text` is the document text). Never fails: text
  // it cannot read gives fewer events and relations. `scanned`, when not null, is
  // the caller's ScanText() of x->text with the schema's abbreviations: the pass
  // takes it over (leaving it moved-from) rather than scanning the text again.
  void Run(Extraction* x, ScannedText* scanned = nullptr) const;

  struct Phrase {
    std::vector<std::string> words;  // lower-case tokens, as ScanText splits them
    int index = 0;                   // into event types or relation cues
    bool verb = false;               // an event verb ("met"): parties by subject and object
  };
  // A relative time expression of time.yaml, split into words ("#" = a number).
  struct TimeForm {
    std::vector<std::string> words;
    int unit = 0;  // 0 day, 1 week, 2 month, 3 year
    int offset = 0;
    bool range = false;  // a stretch of days: dates a statement, not an event
  };

 private:
  friend class PassWork;
  std::vector<schema::EventTypeDef> types_;
  std::vector<schema::RelationCueDef> cues_;
  WordMap<std::vector<Phrase>> triggers_;  // first word -> longest first
  WordMap<std::vector<Phrase>> cue_index_;
  WordSet reference_nouns_;
  WordSet media_;  // lower-case names of media organisations
  ScanWords scan_words_;   // the lists ScanText reads
  WordSet titles_;         // lower-case title words ("prime", "minister")
  WordSet speaker_nouns_;  // lower-case heads of nominal speakers ("spokesman", "analyst")
  std::vector<std::string> boilerplate_;  // lower case
  std::vector<schema::PersonDef> people_;
  std::unordered_map<std::string, std::string> country_alias_;  // lower alias -> country name
  std::unordered_map<std::string, std::string> country_code_;   // ISO code -> country name
  std::unordered_set<std::string> definite_countries_;          // names written with "the"
  std::vector<TimeForm> time_forms_;                            // longest first
  // first word ("#" for a number) -> indices into time_forms_, ascending (longest first)
  WordMap<std::vector<int>> time_forms_by_first_;
  WordMap<int> weekday_;  // lower name -> 0 (Sunday) .. 6
  WordMap<int> month_;    // lower name -> 1 .. 12
  WordMap<int> number_;   // "two" -> 2
  WordSet future_;  // words of a sentence that looks ahead ("will", "next")
};

}  // namespace parley::extractors::internal

#endif  // PARLEY_EXTRACTORS_GRAPH_PASS_H_
