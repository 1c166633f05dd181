// Scoring: the rubric turns what the checks found into points.
#pragma once

#include <functional>

#include "protocol/result.h"
#include "score/rubric.h"

namespace nn_grade::score {

// Completes `result` from the rubric. Its checks become the rubric's checks, in the rubric's
// order, each with the catalog's title, component, the rubric's visibility and points:
//   passed, failed             score = points * fraction (failed may carry partial credit)
//   error, timeout, crashed    score = 0
//   skipped, grader_error      score = 0, and the student is not blamed: a skipped check was not
//                              run; a grader_error makes the whole submission grader_error, so a
//                              batch grades it again instead of charging anyone
// A rubric check with no result is listed as skipped. After build_failed or
// missing_files every check is listed as skipped (not run) with score 0. Runner results for ids
// the rubric does not name are dropped. Totals: score = sum of the checks' scores (each rounded
// to 0.01), max_score = the rubric's total. A failed MLP or training check names the failed
// checks of the parts it depends on (dependencies.h).
void apply(const Rubric& rubric, protocol::SubmissionResult& result);

// Narrows a scored result to the rubric's checks that `selected` names (the others were not
// meant to run: `grade --local` leaves out what a student may not see, `--only` all but the named
// ones), so that its text and its JSON say the same total: score and max_score become those of
// the selected checks, and `coverage` counts what was left out (hidden checks by number and
// points only, never by name). Does nothing when every check is selected. Works the same after
// a failed build: max_score is what the selected checks were worth.
void narrow_to_selected(const Rubric& rubric,
                        const std::function<bool(const RubricCheck&)>& selected,
                        protocol::SubmissionResult& result);

}  // namespace nn_grade::score
