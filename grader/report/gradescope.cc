#include "gradescope.h"

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

nlohmann::json check_tests(const grading::SubmissionResult& result) {
  nlohmann::json tests = nlohmann::json::array();
  const auto all = [](const grading::CheckResult&) { return true; };
  int group_number = 0;
  for (const ComponentGroup& group : group_by_component(result.checks, all)) {
    group_number += 1;
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

nlohmann::json build_failure_test(const grading::SubmissionResult& result) {
  std::string output = build_problem_summary(result);
  if (!result.build_log.empty()) output += "\n\n" + result.build_log;
  return nlohmann::json::array({{{"name", "Build: your four files compile and link"},
                                 {"number", "0"},
                                 {"score", 0.0},
                                 {"max_score", result.max_score},
                                 {"status", "failed"},
                                 {"output", output},
                                 {"visibility", score::visibility::kVisible}}});
}

std::string summary_text(const grading::SubmissionResult& result, const score::Rubric& rubric) {
  if (!was_built(result)) {
    return fmt::format("{}: 0/{}. {}", rubric.title, format_points(result.max_score),
                       build_problem_summary(result));
  }
  int attention = 0;
  for (const grading::CheckResult& check : result.checks)
    attention += needs_attention(check) ? 1 : 0;
  std::string text = fmt::format("{}: {}/{}. ", rubric.title, format_points(result.score),
                                 format_points(result.max_score));
  text += attention == 0 ? "Every check passed."
                         : fmt::format("{} check{} need{} attention: see below.", attention,
                                       attention == 1 ? "" : "s", attention == 1 ? "s" : "");
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
