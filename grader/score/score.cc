#include "score/score.h"

#include "score/dependencies.h"

#include <algorithm>
#include <cmath>
#include <map>

#include "protocol/catalog.h"

namespace nn_grade::score {
namespace {

using protocol::CheckStatus;

double round_to_hundredths(double value) { return std::round(value * 100.0) / 100.0; }

protocol::CheckResult not_run(const std::string& id, const std::string& why) {
  protocol::CheckResult check;
  check.id = id;
  check.status = CheckStatus::kSkipped;
  check.output = why;
  return check;
}

protocol::CheckResult scored(const RubricCheck& rubric_check, protocol::CheckResult check) {
  const protocol::CheckInfo* info = protocol::find_check(rubric_check.id);
  check.name = info != nullptr ? info->title : rubric_check.id;
  check.component = info != nullptr ? info->component : "";
  check.visibility = rubric_check.visibility;
  check.max_score = rubric_check.points;
  const double fraction = std::clamp(check.fraction, 0.0, 1.0);
  check.score = protocol::earns_points(check.status)
                    ? round_to_hundredths(rubric_check.points * fraction)
                    : 0.0;
  return check;
}

}  // namespace

void apply(const Rubric& rubric, protocol::SubmissionResult& result) {
  std::map<std::string, protocol::CheckResult> ran;
  if (protocol::was_built(result)) {
    for (protocol::CheckResult& check : result.checks) ran.emplace(check.id, std::move(check));
  }
  const std::string why_not_run =
      protocol::was_built(result) ? "Not run." : "Not run: the build failed.";
  result.checks.clear();
  result.score = 0.0;
  bool grader_failed = false;
  for (const RubricCheck& rubric_check : rubric.checks) {
    auto found = ran.find(rubric_check.id);
    protocol::CheckResult check =
        found != ran.end() ? std::move(found->second) : not_run(rubric_check.id, why_not_run);
    check = scored(rubric_check, std::move(check));
    grader_failed = grader_failed || check.status == CheckStatus::kGraderError;
    result.score += check.score;
    result.checks.push_back(std::move(check));
  }
  result.score = round_to_hundredths(result.score);
  result.max_score = rubric.total_points();
  if (grader_failed && protocol::was_built(result))
    result.status = protocol::SubmissionStatus::kGraderError;
  note_repeated_errors(result);
  note_failed_dependencies(result);
}

void narrow_to_selected(const Rubric& rubric,
                        const std::function<bool(const RubricCheck&)>& selected,
                        protocol::SubmissionResult& result) {
  protocol::Coverage coverage;
  coverage.rubric_points = rubric.total_points();
  std::vector<protocol::CheckResult> kept;
  double score = 0.0, max_score = 0.0;
  for (protocol::CheckResult& check : result.checks) {
    const RubricCheck* rubric_check = rubric.find(check.id);
    if (rubric_check != nullptr && !selected(*rubric_check)) {
      const bool hidden = !protocol::visible_to_student(check.visibility);
      (hidden ? coverage.hidden_checks : coverage.other_checks) += 1;
      (hidden ? coverage.hidden_points : coverage.other_points) += check.max_score;
      continue;
    }
    score += check.score;
    max_score += check.max_score;
    kept.push_back(std::move(check));
  }
  result.checks = std::move(kept);
  coverage.hidden_checks += rubric.withheld.checks;  // a student kit's rubric does not list them
  coverage.hidden_points += rubric.withheld.points;
  if (coverage.hidden_checks + coverage.other_checks == 0) return;
  result.score = round_to_hundredths(score);
  result.max_score = round_to_hundredths(max_score);
  result.coverage = coverage;
}

}  // namespace nn_grade::score
