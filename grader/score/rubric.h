// A coursework's rubric (rubrics/<name>.yaml): the checks to run, their points, who sees them,
// their parameters, the seed and the limits. Scores come from the rubric alone, so loading it
// validates everything a TA can get wrong and names the file, line and key of every mistake.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "protocol/check_limits.h"
#include "protocol/judged.h"
#include "protocol/result.h"
#include "score/late_policy.h"

namespace nn_grade::score {

struct RubricCheck {
  std::string id;
  double points = 0.0;
  protocol::Visibility visibility = protocol::Visibility::kVisible;
  protocol::Judged judged = protocol::Judged::kEndToEnd;  // YAML `judged: alone | end_to_end`
  nlohmann::json params;  // the catalog's defaults with the rubric's overrides merged in
};

// Checks the course grades that a copy of its rubric does not list: the student kit's copy
// counts the checks students do not see here instead of naming them (docs/student-kit.md).
struct Withheld {
  int checks = 0;
  double points = 0.0;
};

struct Rubric {
  std::filesystem::path path;
  std::string name;
  std::string title;              // defaults to name
  std::string canvas_assignment;  // the Canvas column's title or id; may be empty
  std::uint64_t seed = 0;
  protocol::IsolationPolicy isolation = protocol::IsolationPolicy::kAuto;
  protocol::Limits limits;
  std::optional<LatePolicy> late_policy;  // applied on Gradescope from submission_metadata.json
  std::vector<RubricCheck> checks;        // in the rubric's order
  Withheld withheld;                      // YAML `withheld: {checks: 1, points: 2}`

  double total_points() const;  // the listed checks' points and the withheld ones'
  // What students do not see: the listed checks that are not visible, and the withheld ones.
  Withheld unseen() const;
  const RubricCheck* find(const std::string& id) const;
};

// Every mistake found in one rubric, one per line of what(), each as
// "rubrics/cw3.yaml:12: checks[3].points: must be a number >= 0, got -2".
class RubricError : public std::runtime_error {
 public:
  explicit RubricError(std::vector<std::string> problems);
  const std::vector<std::string>& problems() const { return problems_; }

 private:
  std::vector<std::string> problems_;
};

// Reads and validates a rubric against the check catalog. Throws RubricError.
Rubric load_rubric(const std::filesystem::path& path);

}  // namespace nn_grade::score
