// Where a compiler warning is shown (protocol::CompilerWarning): beside each failing check of the
// part its function belongs to, and, in `grade --local`, in a list of its own when it was shown
// beside none. A warning is a hint, never a verdict: nothing here changes a point.
#pragma once

#include <string>
#include <vector>

#include "protocol/result.h"

namespace nn_grade::report {

// The warnings in a function `check` runs: a method of its part's class (linear: Linear::...),
// or, for a function of no class, one in its part's file (relu: layers.cpp); train.spiral runs
// them all (but -Wsign-compare's, which is rarely why training fails). Empty when the check
// needs no attention (needs_attention).
std::vector<const protocol::CompilerWarning*> warnings_beside(
    const protocol::CheckResult& check, const std::vector<protocol::CompilerWarning>& warnings);

// The warnings for `grade --local`'s own list: those beside no shown failure (`shown_beside`),
// except -Wsign-compare, which only matters beside a failure (an int counting to .size() is
// usually fine).
std::vector<const protocol::CompilerWarning*> warnings_listed(
    const std::vector<protocol::CompilerWarning>& warnings,
    const std::vector<const protocol::CompilerWarning*>& shown_beside);

// "The compiler warns at layers.cpp:16, in Linear::forward: no return statement in function
// returning non-void."
std::string warning_sentence(const protocol::CompilerWarning& warning);

}  // namespace nn_grade::report
