#include "score/dependencies.h"

#include "score/rubric.h"

#include <algorithm>
#include <map>
#include <string>
#include <vector>

namespace nn_grade::score {
namespace {

using protocol::CheckStatus;

// Besides its own code, what each component's checks run.
const std::map<std::string, std::vector<std::string>>& uses() {
  static const std::map<std::string, std::vector<std::string>> parts = {
      {"mlp", {"linear", "relu", "sigmoid"}},
      {"train", {"linear", "relu", "sigmoid", "ce", "mlp", "sgd"}},
  };
  return parts;
}

// Error, timeout or crash: the student's code stopped rather than answered wrongly.
bool stopped(const protocol::CheckResult& check) {
  return check.status == CheckStatus::kError || check.status == CheckStatus::kTimeout ||
         check.status == CheckStatus::kCrashed;
}

// Whether `dependency`'s failure could have made `check` fail as it did.
bool could_cause(const protocol::CheckResult& dependency, const protocol::CheckResult& check,
                 const std::vector<std::string>& run) {
  if (!stopped(check)) return true;
  // A wrong shape left by any part the check runs (zero_grad's empty gradient) stops a later
  // function on a shape error.
  if (check.stopped_in.wrong_shape && dependency.left_wrong_shape) return true;
  const bool runs_it = std::find(run.begin(), run.end(), dependency.component) != run.end();
  return runs_it && (stopped(dependency) || dependency.left_wrong_shape);
}

std::vector<std::string> failed_in(const protocol::SubmissionResult& result,
                                   const std::vector<std::string>& components,
                                   const protocol::CheckResult& failing) {
  const std::vector<std::string> run = stopped(failing)
                                           ? components_run_by(failing.stopped_in.function)
                                           : std::vector<std::string>{};
  std::vector<std::string> ids;
  for (const protocol::CheckResult& check : result.checks) {
    bool used =
        std::find(components.begin(), components.end(), check.component) != components.end();
    bool shown_no_later =
        protocol::reveal_rank(check.visibility) <= protocol::reveal_rank(failing.visibility);
    if (used && shown_no_later && protocol::ran_and_lost_points(check) &&
        check.same_error_as.empty() && could_cause(check, failing, run)) {
      ids.push_back(check.id);
    }
  }
  return ids;
}

std::string first_line(const std::string& text) { return text.substr(0, text.find('\n')); }

}  // namespace

std::vector<std::string> components_run_by(const std::string& function) {
  static const std::map<std::string, std::vector<std::string>> by_class = {
      {"Linear", {"linear"}},       {"ReLU", {"relu"}},
      {"Sigmoid", {"sigmoid"}},     {"MLP", {"mlp", "linear", "relu", "sigmoid"}},
      {"CrossEntropyLoss", {"ce"}}, {"SGD", {"sgd"}},
  };
  if (function == "SGD::SGD") return {"sgd", "mlp"};  // it may read MLP::parameters
  auto found = by_class.find(function.substr(0, function.find("::")));
  return found == by_class.end() ? std::vector<std::string>{} : found->second;
}

void note_failed_dependencies(protocol::SubmissionResult& result) {
  std::vector<std::vector<std::string>> failed(result.checks.size());
  for (size_t i = 0; i < result.checks.size(); ++i) {
    const protocol::CheckResult& check = result.checks[i];
    auto parts = uses().find(check.component);
    if (parts == uses().end() || !protocol::ran_and_lost_points(check)) continue;
    failed[i] = failed_in(result, parts->second, check);
  }
  for (size_t i = 0; i < failed.size(); ++i) result.checks[i].failing_dependencies = failed[i];
}

void note_repeated_errors(protocol::SubmissionResult& result) {
  for (size_t i = 0; i < result.checks.size(); ++i) {
    protocol::CheckResult& check = result.checks[i];
    check.same_error_as.clear();
    if (!stopped(check) || first_line(check.output).empty()) continue;
    for (size_t j = 0; j < i; ++j) {
      const protocol::CheckResult& earlier = result.checks[j];
      if (earlier.status == check.status && earlier.same_error_as.empty() &&
          protocol::reveal_rank(earlier.visibility) <= protocol::reveal_rank(check.visibility) &&
          first_line(earlier.output) == first_line(check.output)) {
        check.same_error_as = earlier.id;
        break;
      }
    }
  }
}

}  // namespace nn_grade::score
