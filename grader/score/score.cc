#include "score/score.h"

#include "score/dependencies.h"

#include <algorithm>
#include <cmath>
#include <map>

#include "protocol/catalog.h"

namespace score {
namespace {

using grading::CheckStatus;

double round_to_hundredths(double value) { return std::round(value * 100.0) / 100.0; }

grading::CheckResult not_run(const std::string& id, const std::string& why) {
  grading::CheckResult check;
  check.id = id;
  check.status = CheckStatus::kSkipped;
  check.output = why;
  return check;
}

grading::CheckResult scored(const RubricCheck& rubric_check, grading::CheckResult check) {
  const catalog::CheckInfo* info = catalog::find(rubric_check.id);
  check.name = info != nullptr ? info->title : rubric_check.id;
  check.component = info != nullptr ? info->component : "";
  check.visibility = rubric_check.visibility;
  check.max_score = rubric_check.points;
  const double fraction = std::clamp(check.fraction, 0.0, 1.0);
  check.score = grading::earns_points(check.status)
                    ? round_to_hundredths(rubric_check.points * fraction)
                    : 0.0;
  return check;
}

}  // namespace

void apply(const Rubric& rubric, grading::SubmissionResult& result) {
  std::map<std::string, grading::CheckResult> ran;
  if (grading::was_built(result)) {
    for (grading::CheckResult& check : result.checks) ran.emplace(check.id, std::move(check));
  }
  const std::string why_not_run =
      grading::was_built(result) ? "Not run." : "Not run: the build failed.";
  result.checks.clear();
  result.score = 0.0;
  bool grader_failed = false;
  for (const RubricCheck& rubric_check : rubric.checks) {
    auto found = ran.find(rubric_check.id);
    grading::CheckResult check =
        found != ran.end() ? std::move(found->second) : not_run(rubric_check.id, why_not_run);
    check = scored(rubric_check, std::move(check));
    grader_failed = grader_failed || check.status == CheckStatus::kGraderError;
    result.score += check.score;
    result.checks.push_back(std::move(check));
  }
  result.score = round_to_hundredths(result.score);
  result.max_score = rubric.total_points();
  if (grader_failed && grading::was_built(result))
    result.status = grading::SubmissionStatus::kGraderError;
  note_repeated_errors(result);
  note_failed_dependencies(result);
}

void narrow_to_selected(const Rubric& rubric,
                        const std::function<bool(const RubricCheck&)>& selected,
                        grading::SubmissionResult& result) {
  grading::Coverage coverage;
  coverage.rubric_points = rubric.total_points();
  std::vector<grading::CheckResult> kept;
  double score = 0.0, max_score = 0.0;
  for (grading::CheckResult& check : result.checks) {
    const RubricCheck* rubric_check = rubric.find(check.id);
    if (rubric_check != nullptr && !selected(*rubric_check)) {
      const bool hidden = !grading::visible_to_student(check.visibility);
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

}  // namespace score
