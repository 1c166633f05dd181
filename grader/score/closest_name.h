// Suggesting the name a typo meant ("linear.backwards" -> "linear.backward.input").
#pragma once

#include <string>
#include <vector>

namespace nn_grade::score {

// The candidate with the smallest edit distance to `name`, or "" when even that one differs in
// more than half of its characters (then it is no typo, and a suggestion would mislead).
std::string closest_name(const std::string& name, const std::vector<std::string>& candidates);

}  // namespace nn_grade::score
