#include "gradescope.h"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "atomic_file.h"
#include "components.h"
#include "wording.h"

namespace report {
namespace {

namespace status = grading::check_status;

std::string test_output(const grading::CheckResult& check, std::uint64_t seed) {
  if (!needs_attention(check)) return "";
  std::string output = check_explanation(check);
  if (check.status == status::kSkipped) output = "Not run.";
  const std::string reproduce = reproduce_line_if_missing(check, seed);
  if (!reproduce.empty()) output += "\n\n" + reproduce;
  return output;
}

// Always shown: what the top-level output and a build failure may count.
bool always_shown(const grading::CheckResult& check) {
  return score::reveal_rank(check.visibility) == 0;
}

// Within each part, checks shown sooner come first, so that the numbers a student sees ("1.1",
// "1.2", ...) leave no gap where a later check sits.
nlohmann::json check_tests(const grading::SubmissionResult& result) {
  nlohmann::json tests = nlohmann::json::array();
  const auto all = [](const grading::CheckResult&) { return true; };
  int group_number = 0;
  for (ComponentGroup& group : group_by_component(result.checks, all)) {
    group_number += 1;
    std::stable_sort(group.checks.begin(), group.checks.end(),
                     [](const grading::CheckResult* a, const grading::CheckResult* b) {
                       return score::reveal_rank(a->visibility) < score::reveal_rank(b->visibility);
                     });
    int check_number = 0;
    for (const grading::CheckResult* check : group.checks) {
      check_number += 1;
      tests.push_back({{"name", fmt::format("{} ({})", check->name, check->id)},
                       {"number", fmt::format("{}.{}", group_number, check_number)},
                       {"score", check->score},
                       {"max_score", check->max_score},
                       {"status", check->status == status::kPassed ? "passed" : "failed"},
                       {"output", test_output(*check, result.seed)},
                       {"visibility", check->visibility}});
    }
  }
  return tests;
}

// The points of the checks always shown: all a student may see before the deadline.
double shown_max_score(const grading::SubmissionResult& result) {
  double total = 0.0;
  for (const grading::CheckResult& check : result.checks) {
    if (always_shown(check)) total += check.max_score;
  }
  return total;
}

nlohmann::json build_failure_test(const grading::SubmissionResult& result) {
  std::string output = build_problem_summary(result);
  if (!result.build_log.empty()) output += "\n\n" + result.build_log;
  return nlohmann::json::array({{{"name", "Build: your four files compile and link"},
                                 {"number", "0"},
                                 {"score", 0.0},
                                 {"max_score", shown_max_score(result)},
                                 {"status", "failed"},
                                 {"output", output},
                                 {"visibility", score::visibility::kVisible}}});
}

// Always shown, so it counts only the checks always shown: a total, a count or a name that
// included a later check would give that check away before its time.
std::string summary_text(const grading::SubmissionResult& result, const score::Rubric& rubric) {
  const double shown_max = shown_max_score(result);
  if (!was_built(result)) {
    return fmt::format("{}: 0/{}. {}", rubric.title, format_points(shown_max),
                       build_problem_summary(result));
  }
  int attention = 0, shown = 0;
  double shown_score = 0.0;
  for (const grading::CheckResult& check : result.checks) {
    if (!always_shown(check)) continue;
    shown += 1;
    shown_score += check.score;
    attention += needs_attention(check) ? 1 : 0;
  }
  std::string text =
      fmt::format("{}: {}/{}", rubric.title, format_points(shown_score), format_points(shown_max));
  const bool all_shown = shown == static_cast<int>(result.checks.size());
  text += all_shown ? ". " : fmt::format(" on the {} checks shown here. ", shown);
  if (attention == 0) {
    text += all_shown ? "Every check passed." : "Every check shown here passed.";
  } else {
    text += fmt::format("{} check{} need{} attention: see below.", attention,
                        attention == 1 ? "" : "s", attention == 1 ? "s" : "");
  }
  text += fmt::format(" Seed {}.", result.seed);
  if (result.status == grading::submission_status::kGraderError) {
    text +=
        " The grader failed on part of this submission (not your fault); staff will regrade it.";
  }
  return text;
}

}  // namespace

nlohmann::json gradescope_results(const grading::SubmissionResult& result,
                                  const score::Rubric& rubric,
                                  std::optional<double> execution_seconds) {
  nlohmann::json json = {
      {"score", result.score},
      {"output", summary_text(result, rubric)},
      {"stdout_visibility", "hidden"},
      {"tests", was_built(result) ? check_tests(result) : build_failure_test(result)}};
  if (execution_seconds) json["execution_time"] = static_cast<long>(std::ceil(*execution_seconds));
  return json;
}

nlohmann::json gradescope_failure_results(const std::string& reason) {
  const std::string message =
      "The autograder failed before it could grade your submission. This is not your fault and "
      "says nothing about your code. Please tell your course staff: they can see what went "
      "wrong, and will grade your submission again.";
  return {{"score", 0.0},
          {"output", message},
          {"stdout_visibility", "hidden"},
          {"extra_data", {{"grader_error", reason}}},
          {"tests", nlohmann::json::array({{{"name", "Autograder: grades your submission"},
                                            {"number", "0"},
                                            {"score", 0.0},
                                            {"status", "failed"},
                                            {"output", message},
                                            {"visibility", score::visibility::kVisible}}})}};
}

void write_gradescope_results(const std::filesystem::path& file,
                              const grading::SubmissionResult& result, const score::Rubric& rubric,
                              std::optional<double> execution_seconds) {
  const nlohmann::json json = gradescope_results(result, rubric, execution_seconds);
  write_file_atomically(file,
                        json.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n");
}

}  // namespace report
