// The coursework's parts as reports present them: titles, and checks grouped by part.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "protocol/result.h"

namespace nn_grade::report {

// "linear" -> "Linear", "ce" -> "Cross-entropy", "train" -> "Training"; unknown ids unchanged.
std::string component_title(const std::string& component);

struct ComponentGroup {
  std::string component;
  std::string title;
  std::vector<const protocol::CheckResult*> checks;  // point into the grouped vector
  double score = 0.0;
  double max_score = 0.0;
};

// The checks that `keep` selects, grouped by component; groups in order of first appearance,
// checks in the given order.
std::vector<ComponentGroup> group_by_component(
    const std::vector<protocol::CheckResult>& checks,
    const std::function<bool(const protocol::CheckResult&)>& keep);

}  // namespace nn_grade::report
