#include "wording.h"

#include "checker_protocol.h"

#include <fmt/format.h>

namespace report {

namespace status = grading::check_status;

std::string status_phrase(const std::string& check_status) {
  if (check_status == status::kPassed) return "passed";
  if (check_status == status::kFailed) return "failed";
  if (check_status == status::kError) return "threw an exception";
  if (check_status == status::kTimeout) return "timed out";
  if (check_status == status::kCrashed) return "crashed";
  if (check_status == status::kSkipped) return "not run";
  if (check_status == status::kGraderError) return "grader error (not your fault)";
  return check_status;
}

namespace {

std::string status_explanation(const grading::CheckResult& check) {
  if (!check.output.empty()) return check.output;
  if (check.status == status::kTimeout) {
    return "Stopped at the time limit: look for a loop that never ends or a very slow step.";
  }
  if (check.status == status::kCrashed) {
    return "Your code crashed (for example an out-of-range index or a null pointer).";
  }
  if (check.status == status::kError) return "Your code threw an exception.";
  if (check.status == status::kGraderError) {
    return "The grader failed on this check. That is our fault, not yours: it will be graded "
           "again.";
  }
  return "";
}

}  // namespace

std::string check_explanation(const grading::CheckResult& check) {
  const std::string text = status_explanation(check);
  if (check.printed.empty()) return text;
  return text + (text.empty() ? "" : "\n") + check.printed;
}

std::string reproduce_line(const grading::CheckResult& check, std::uint64_t seed) {
  if (!needs_attention(check) || check.status == grading::check_status::kGraderError) return "";
  return "Reproduce: " +
         (check.reproduce.empty() ? protocol::reproduce_command(check.id, seed) : check.reproduce);
}

std::string isolation_note(const std::string& isolation) {
  const char* checker =
      "Each check was judged by the grader's own process; your code ran in another, ";
  if (isolation == "bubblewrap") {
    return std::string(checker) +
           "sandboxed by bubblewrap (no network, read-only files), with time and memory limits.";
  }
  if (isolation == "chroot") {
    return std::string(checker) +
           "as a user of its own in an empty folder (no sandbox tool here), with time, memory "
           "and process limits.";
  }
  if (isolation == "user") {
    return std::string(checker) +
           "as a user of its own (no sandbox), with time, memory and process limits.";
  }
  if (isolation == "rlimits") {
    return std::string(checker) + "with time and memory limits (no sandbox was available here).";
  }
  return "";
}

std::string build_problem_summary(const grading::SubmissionResult& result) {
  if (result.status == grading::submission_status::kMissingFiles) {
    std::string missing;
    for (const std::string& file : result.missing_files)
      missing += (missing.empty() ? "" : ", ") + file;
    return fmt::format(
        "Missing: {}. The grader needs layers.cpp, model.cpp, losses.cpp and optimizer.cpp "
        "side by side; add the missing ones (the template has all four) and grade again.",
        missing.empty() ? "some of the four files" : missing);
  }
  if (result.status == grading::submission_status::kGraderError) {
    return "The grader could not build your code, through no fault of yours (below). Grade "
           "again; if it happens again, tell your TA.";
  }
  return "Your code did not build, so no check could run. Fix the first error below (later ones "
         "often follow from it) and grade again.";
}

bool needs_attention(const grading::CheckResult& check) {
  return check.status != status::kSkipped &&
         (check.status != status::kPassed || check.score < check.max_score);
}

bool was_built(const grading::SubmissionResult& result) {
  const bool grader_failed_to_build =
      result.status == grading::submission_status::kGraderError && !result.build_log.empty();
  return result.status != grading::submission_status::kBuildFailed &&
         result.status != grading::submission_status::kMissingFiles && !grader_failed_to_build;
}

}  // namespace report
