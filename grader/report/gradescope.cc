#include "report/gradescope.h"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "report/components.h"
#include "report/warning_notes.h"
#include "report/wording.h"
#include "util/atomic_file.h"
#include "util/count_text.h"
#include "util/points_text.h"

namespace nn_grade::report {
namespace {

using protocol::CheckStatus;

// A fenced code block that `text` cannot close early: its fence is longer than any run of
// backticks in it (a student's exception message can hold some).
std::string code_block(const std::string& text) {
  size_t longest = 0, run = 0;
  for (char c : text) {
    run = c == '`' ? run + 1 : 0;
    longest = std::max(longest, run);
  }
  const std::string fence(std::max<size_t>(3, longest + 1), '`');
  std::string body = text;
  while (!body.empty() && body.back() == '\n') body.pop_back();
  return fence + "\n" + body + "\n" + fence;
}

// Markdown: what the check found in a code block (numbers and alignment kept), the compiler's
// warnings in what it runs, then the command that reproduces it as inline code. "" for a check
// that needs nothing.
std::string test_output(const protocol::CheckResult& check, std::uint64_t seed,
                        const std::vector<protocol::CompilerWarning>& warnings) {
  if (!needs_attention(check) && whole_picture_note(check).empty()) return "";
  std::string text = check.status == CheckStatus::kSkipped ? "Not run." : check_explanation(check);
  const std::string reproduce = reproduce_command(check, seed);
  std::string output = code_block(text);
  const std::string picture = picture_text(check, true);
  if (!picture.empty()) output += "\n\n" + code_block(picture);
  for (const protocol::CompilerWarning* warning : warnings_beside(check, warnings)) {
    output += "\n\n" + warning_sentence(*warning);
  }
  if (!reproduce.empty()) output += "\n\nReproduce: `" + reproduce + "`";
  return output;
}

// Always shown: what the top-level output and a build failure may count.
bool always_shown(const protocol::CheckResult& check) {
  return protocol::reveal_rank(check.visibility) == 0;
}

// Within each part, checks shown sooner come first, so that the numbers a student sees ("1.1",
// "1.2", ...) leave no gap where a later check sits.
nlohmann::json check_tests(const protocol::SubmissionResult& result) {
  nlohmann::json tests = nlohmann::json::array();
  const auto all = [](const protocol::CheckResult&) { return true; };
  int group_number = 0;
  for (ComponentGroup& group : group_by_component(result.checks, all)) {
    group_number += 1;
    std::stable_sort(group.checks.begin(), group.checks.end(),
                     [](const protocol::CheckResult* a, const protocol::CheckResult* b) {
                       return protocol::reveal_rank(a->visibility) <
                              protocol::reveal_rank(b->visibility);
                     });
    int check_number = 0;
    for (const protocol::CheckResult* check : group.checks) {
      check_number += 1;
      tests.push_back({{"name", fmt::format("{} ({})", check->name, check->id)},
                       {"number", fmt::format("{}.{}", group_number, check_number)},
                       {"score", check->score},
                       {"max_score", check->max_score},
                       {"status", check->status == CheckStatus::kPassed ? "passed" : "failed"},
                       {"output", test_output(*check, result.seed, result.warnings)},
                       {"output_format", "md"},
                       {"tags", {check->component}},
                       {"visibility", check->visibility}});
    }
  }
  return tests;
}

// The points of the checks always shown: all a student may see before the deadline.
double shown_max_score(const protocol::SubmissionResult& result) {
  double total = 0.0;
  for (const protocol::CheckResult& check : result.checks) {
    if (always_shown(check)) total += check.max_score;
  }
  return total;
}

nlohmann::json build_failure_test(const protocol::SubmissionResult& result) {
  std::string output = build_problem_summary(result);
  if (!result.build_log.empty()) output += "\n\n" + code_block(result.build_log);
  return nlohmann::json::array({{{"name", "Build: your four files compile and link"},
                                 {"number", "0"},
                                 {"score", 0.0},
                                 {"max_score", shown_max_score(result)},
                                 {"status", "failed"},
                                 {"output", output},
                                 {"output_format", "md"},
                                 {"tags", {"build"}},
                                 {"visibility", protocol::Visibility::kVisible}}});
}

// Always shown, so it counts only the checks always shown: a total, a count or a name that
// included a later check would give that check away before its time.
// " Submitted 1 day 3 hours after the deadline: the late policy takes 10% per started day, so
// 20% (2 days). Your score: 85 becomes 68 of 100."
std::string late_text(const score::LateOutcome& late, const score::LatePolicy& policy,
                      double shown_score, double shown_max, bool all_shown) {
  std::string text =
      fmt::format(" Submitted {} after the deadline", score::lateness_text(late.seconds_late));
  if (late.percent <= 0.0) return text + ", within the grace period: nothing is taken off.";
  text += fmt::format(": the late policy takes {}% per started day{}, so {}% ({}). ",
                      util::points_text(policy.percent_per_day),
                      policy.max_percent < 100.0
                          ? fmt::format(" (at most {}%)", util::points_text(policy.max_percent))
                          : "",
                      util::points_text(late.percent), util::count_text(late.days_charged, "day"));
  const double after = std::round(shown_score * (100.0 - late.percent)) / 100.0;
  return text + fmt::format("{}: {} becomes {} of {}.",
                            all_shown ? "Your score" : "On the checks shown here",
                            util::points_text(shown_score), util::points_text(after),
                            util::points_text(shown_max));
}

std::string summary_text(const protocol::SubmissionResult& result, const score::Rubric& rubric,
                         const std::optional<score::LateOutcome>& late) {
  const double shown_max = shown_max_score(result);
  if (!was_built(result)) {
    return fmt::format("{}: 0/{}. {}", rubric.title, util::points_text(shown_max),
                       build_problem_summary(result));
  }
  int attention = 0, shown = 0;
  double shown_score = 0.0;
  for (const protocol::CheckResult& check : result.checks) {
    if (!always_shown(check)) continue;
    shown += 1;
    shown_score += check.score;
    attention += needs_attention(check) ? 1 : 0;
  }
  std::string text = fmt::format("{}: {}/{}", rubric.title, util::points_text(shown_score),
                                 util::points_text(shown_max));
  const bool all_shown = shown == static_cast<int>(result.checks.size());
  text += all_shown ? ". " : fmt::format(" on the {} checks shown here. ", shown);
  if (attention == 0) {
    text += all_shown ? "Every check passed." : "Every check shown here passed.";
  } else {
    text += fmt::format("{} {} attention: see below.", util::count_text(attention, "check"),
                        attention == 1 ? "needs" : "need");
  }
  text += fmt::format(" Seed {}.", result.seed);
  if (late && late->seconds_late > 0 && rubric.late_policy) {
    text += late_text(*late, *rubric.late_policy, shown_score, shown_max, all_shown);
  }
  if (result.status == protocol::SubmissionStatus::kGraderError) {
    text +=
        " The grader failed on part of this submission (not your fault); staff will regrade it.";
  }
  return text;
}

}  // namespace

nlohmann::json gradescope_results(const protocol::SubmissionResult& result,
                                  const score::Rubric& rubric, const GradescopeRun& run) {
  const bool penalised = run.late && run.late->percent > 0.0;
  nlohmann::json json = {
      {"score", penalised ? run.late->score_after : result.score},
      {"output", summary_text(result, rubric, run.late)},
      {"stdout_visibility", "hidden"},
      {"extra_data",
       {{"seed", result.seed},
        {"grader_version", run.grader_version},
        {"rubric_digest", run.rubric_digest},
        {"containment", protocol::containment_name(result)},
        {"status", protocol::to_string(result.status)}}},
      {"tests", was_built(result) ? check_tests(result) : build_failure_test(result)}};
  if (run.jobs > 0) {
    json["extra_data"]["container"] = {
        {"cpus", run.container_cpus ? nlohmann::json(*run.container_cpus) : nlohmann::json()},
        {"memory_mb",
         run.container_memory_mb ? nlohmann::json(*run.container_memory_mb) : nlohmann::json()},
        {"jobs", run.jobs},
        {"check_memory_mb", run.check_memory_mb}};
  }
  if (run.late) {
    json["extra_data"]["late"] = {{"seconds_late", run.late->seconds_late},
                                  {"days_charged", run.late->days_charged},
                                  {"percent", run.late->percent},
                                  {"score_before", run.late->score_before},
                                  {"score_after", run.late->score_after}};
  }
  if (run.execution_seconds) {
    json["execution_time"] = static_cast<long>(std::ceil(*run.execution_seconds));
  }
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
                                            {"visibility", protocol::Visibility::kVisible}}})}};
}

void write_gradescope_results(const std::filesystem::path& file,
                              const protocol::SubmissionResult& result, const score::Rubric& rubric,
                              const GradescopeRun& run) {
  const nlohmann::json json = gradescope_results(result, rubric, run);
  util::write_file_atomically(
      file, json.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n");
}

}  // namespace nn_grade::report
