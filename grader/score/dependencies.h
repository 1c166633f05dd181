// The MLP's checks and the training test exercise the layers, the loss and the optimizer too:
// when one of them fails, its output names the checks of those parts that failed as well, so
// that a student fixes the cause before the symptom (checks.md: "A failure says which earlier
// checks failed too"). And one error met by several checks is explained once: the later checks
// name the first (checks.md: "One error, explained once").
#pragma once

#include <string>
#include <vector>

#include "protocol/result.h"

namespace nn_grade::score {

// Appends to each check that did not pass and depends on other components the ids of those
// components' checks that did not pass either and could have caused its failure. Checks that
// were not run count for neither side. A note names only checks a student is shown no later
// than the check itself (protocol::reveal_rank): a visible check's note never names an
// after_due_date or hidden one.
//
// Which failures could have caused it: for a check that failed on its values, every failing
// check of a component it runs. For one that stopped (error, crashed, timeout) inside a function
// (stopped_in, as the checker saw it), the failing checks of the components that function runs
// (MLP::backward runs the layers, SGD::step none of them) that themselves stopped or returned a
// result of the wrong shape (figures.shape): a right-shaped wrong value makes no function throw,
// crash or hang. One that stopped on a wrong shape (stopped_in.wrong_shape) also names the
// failing checks of any component it runs that returned or left a wrong shape (training stopped
// in Linear::backward on an empty grad_W: sgd.zero_grad). A check whose function is unknown
// (code before main()) names only those. A check that repeats another's error (same_error_as:
// note_repeated_errors, which runs first) is not named again.
void note_failed_dependencies(protocol::SubmissionResult& result);

// For each check that stopped (error, crashed, timeout) with the same status and the same first
// line of output ("Linear::backward stopped on a shape error in a matrix product.") as an earlier
// check shown no later, sets same_error_as to that earlier check's id.
void note_repeated_errors(protocol::SubmissionResult& result);

// The components whose code `function` runs: "MLP::backward" -> mlp, linear, relu, sigmoid.
std::vector<std::string> components_run_by(const std::string& function);

}  // namespace nn_grade::score
