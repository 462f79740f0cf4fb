// Where a reported clause right of its cue starts: a learned ranker over the first
// tokens after the cue. PolNeAR puts the cue's particles, light-verb objects and
// addressees in the cue ("admits to | other intrusions", "issued a statement saying
// | ...", "told a news conference | they are ..."), the complementiser in the
// content ("said | that ...") and infinitives too ("wants | to tangle ..."); the
// ranker learns these from the words around each candidate start. Internal to
// parley::extractors.
//
// The weights are trained by extractors/tools/train_start_model.cc on PolNeAR's
// train split and committed as extractors/model/start_model.txt (the CueModel text
// format of cue_model.h); the build embeds that file.
//
// Where the clause ends is the end model's choice (cue_model.h: EndFeatures);
// EndContextFeatures adds what that ranker reads beyond the candidate's neighbours.
#ifndef PARLEY_EXTRACTORS_CONTENT_BOUNDS_H_
#define PARLEY_EXTRACTORS_CONTENT_BOUNDS_H_

#include <cstdint>
#include <string_view>
#include <vector>

#include "extractors/cue_model.h"
#include "extractors/text_scan.h"

namespace parley::extractors::internal {

// How many tokens right of the cue the ranker looks at.
inline constexpr int32_t kStartWindow = 8;

// Whether token s may start a reported clause: a word, a number or an opening
// quotation mark.
bool IsStartCandidate(const ScannedText& st, int32_t s);

// Appends the hashed features of starting the content of the cue [h, ce) at token s
// (ce <= s < body_end) to out.
void StartFeatures(const CueContext& ctx, int32_t h, int32_t ce, int32_t s, int32_t body_end,
                   std::vector<uint64_t>* out);

// The model's best start for the content of the cue [h, ce), among the candidates
// in [ce, min(ce + kStartWindow, body_end)); `fallback` when the model is empty or
// no candidate exists.
int32_t ChooseStart(const CueModel& m, const CueContext& ctx, int32_t h, int32_t ce,
                    int32_t body_end, int32_t fallback);

// Appends context features of ending the content [r, e) of the cue headed at h
// (sentence end se) to out, beside EndFeatures (cue_model.h): a cue after e ("...,
// a spokesman said"), the quotation state of r and e, a dash aside or parenthesis
// left open, the distance to the last comma, the cue's stem and kind. The end
// model's trainer (extractors/tools/train_cue_model.cc) and DocWork::ClauseEnd
// call both.
void EndContextFeatures(const CueContext& ctx, int32_t h, int32_t r, int32_t e, int32_t se,
                        std::vector<uint64_t>* out);
// The same written to out[0, n) (room for kMaxFeatures), n returned.
size_t EndContextFeatures(const CueContext& ctx, int32_t h, int32_t r, int32_t e, int32_t se,
                          uint64_t* out);

// The start model embedded at build time (extractors/model/start_model.txt); empty
// when the build had none.
std::string_view EmbeddedStartModel();

}  // namespace parley::extractors::internal

#endif  // PARLEY_EXTRACTORS_CONTENT_BOUNDS_H_
