// The catalog of checks the harness knows: what a rubric may name. One source, checks.def (in
// the student kit's build, the part of it the kit's rubrics show: protocol/checks_def.h).
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace nn_grade::protocol {

struct CheckInfo {
  std::string id;           // "linear.backward.weight"
  std::string symbol;       // "linear_backward_weight": the harness's function (harness/registry.h)
  std::string component;    // "linear": the part of the coursework it tests
  std::string title;        // one line a student reads
  nlohmann::json defaults;  // parameters a rubric may override
};

// Every check, in the order of checks.def (the order reports use).
const std::vector<CheckInfo>& all_checks();

// The check with this id, or nullptr.
const CheckInfo* find_check(const std::string& id);

}  // namespace nn_grade::protocol
