// The MLP's checks and the training test exercise the layers, the loss and the optimizer too:
// when one of them fails, its output names the checks of those parts that failed as well, so
// that a student fixes the cause before the symptom (checks.md: "A failure says which earlier
// checks failed too").
#pragma once

#include "protocol/result.h"

namespace score {

// Appends to the output of each check that did not pass and depends on other components the
// ids of those components' checks that did not pass either. Checks that were not run count
// for neither side. A note names only checks a student is shown no later than the check itself
// (score::reveal_rank): a visible check's note never names an after_due_date or hidden one.
void note_failed_dependencies(grading::SubmissionResult& result);

}  // namespace score
