#include "dependencies.h"

#include "rubric.h"

#include <algorithm>
#include <map>
#include <string>
#include <vector>

namespace score {
namespace {

namespace status = grading::check_status;

// Besides its own code, what each component's checks run.
const std::map<std::string, std::vector<std::string>>& uses() {
  static const std::map<std::string, std::vector<std::string>> parts = {
      {"mlp", {"linear", "relu", "sigmoid"}},
      {"train", {"linear", "relu", "sigmoid", "ce", "mlp", "sgd"}},
  };
  return parts;
}

bool ran_and_lost_points(const grading::CheckResult& check) {
  return check.status == status::kFailed || check.status == status::kError ||
         check.status == status::kTimeout || check.status == status::kCrashed;
}

std::vector<std::string> failed_in(const grading::SubmissionResult& result,
                                   const std::vector<std::string>& components,
                                   const std::string& shown_with) {
  std::vector<std::string> ids;
  for (const grading::CheckResult& check : result.checks) {
    bool used =
        std::find(components.begin(), components.end(), check.component) != components.end();
    bool shown_no_later = reveal_rank(check.visibility) <= reveal_rank(shown_with);
    if (used && shown_no_later && ran_and_lost_points(check)) ids.push_back(check.id);
  }
  return ids;
}

}  // namespace

void note_failed_dependencies(grading::SubmissionResult& result) {
  std::vector<std::string> notes(result.checks.size());
  for (size_t i = 0; i < result.checks.size(); ++i) {
    const grading::CheckResult& check = result.checks[i];
    auto parts = uses().find(check.component);
    if (parts == uses().end() || !ran_and_lost_points(check)) continue;
    std::vector<std::string> failed = failed_in(result, parts->second, check.visibility);
    if (failed.empty()) continue;
    std::string list;
    for (const std::string& id : failed) list += (list.empty() ? "" : ", ") + id;
    notes[i] = "\nThis check also runs code whose own checks fail: " + list +
               ". Fix those first; this one may then pass too.";
  }
  for (size_t i = 0; i < notes.size(); ++i) result.checks[i].output += notes[i];
}

}  // namespace score
