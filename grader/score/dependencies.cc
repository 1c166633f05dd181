#include "score/dependencies.h"

#include "score/rubric.h"

#include <algorithm>
#include <map>
#include <string>
#include <vector>

namespace score {
namespace {

using grading::CheckStatus;

// Besides its own code, what each component's checks run.
const std::map<std::string, std::vector<std::string>>& uses() {
  static const std::map<std::string, std::vector<std::string>> parts = {
      {"mlp", {"linear", "relu", "sigmoid"}},
      {"train", {"linear", "relu", "sigmoid", "ce", "mlp", "sgd"}},
  };
  return parts;
}

std::vector<std::string> failed_in(const grading::SubmissionResult& result,
                                   const std::vector<std::string>& components,
                                   grading::Visibility shown_with) {
  std::vector<std::string> ids;
  for (const grading::CheckResult& check : result.checks) {
    bool used =
        std::find(components.begin(), components.end(), check.component) != components.end();
    bool shown_no_later =
        grading::reveal_rank(check.visibility) <= grading::reveal_rank(shown_with);
    if (used && shown_no_later && grading::ran_and_lost_points(check)) ids.push_back(check.id);
  }
  return ids;
}

}  // namespace

void note_failed_dependencies(grading::SubmissionResult& result) {
  std::vector<std::vector<std::string>> failed(result.checks.size());
  for (size_t i = 0; i < result.checks.size(); ++i) {
    const grading::CheckResult& check = result.checks[i];
    auto parts = uses().find(check.component);
    if (parts == uses().end() || !grading::ran_and_lost_points(check)) continue;
    failed[i] = failed_in(result, parts->second, check.visibility);
  }
  for (size_t i = 0; i < failed.size(); ++i) result.checks[i].failing_dependencies = failed[i];
}

}  // namespace score
