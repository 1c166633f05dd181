// How a check judges its subject (the rubric's `judged`, docs/checks.md): end to end, on the
// student's own code throughout (the student server), or alone, on the stand-in server: the
// student's model.cpp, losses.cpp and optimizer.cpp with the grader's stand-in layers, and the
// grader's loss where the check is not about the loss (docs/architecture.md, "Stand-ins"), so a
// mistake in one part costs points in that part's checks only.
#pragma once

#include <string_view>

#include "protocol/enum_names.h"

namespace nn_grade::protocol {

enum class Judged { kEndToEnd, kAlone };

constexpr EnumName<Judged> kJudgedNames[] = {{Judged::kEndToEnd, "end_to_end"},
                                             {Judged::kAlone, "alone"}};

inline const char* to_string(Judged judged) { return name_of(kJudgedNames, judged, "end_to_end"); }

// False for a name that is no way of judging.
inline bool parse_judged(std::string_view name, Judged* judged) {
  return value_named(kJudgedNames, name, judged);
}

// Whether a check of `component` (checks.def) can be judged alone: not a layer's own checks,
// whose subject, layers.cpp, the stand-in server replaces.
inline bool can_judge_alone(std::string_view component) {
  return component != "linear" && component != "relu" && component != "sigmoid";
}

}  // namespace nn_grade::protocol
