#include "cli/exit_status.h"

namespace nn_grade::cli {

ExitStatus exit_status_of(const protocol::SubmissionResult& result) {
  if (result.status == protocol::SubmissionStatus::kGraderError) return ExitStatus::kGraderError;
  bool all_passed = result.status == protocol::SubmissionStatus::kGraded;
  for (const protocol::CheckResult& check : result.checks) {
    if (check.status == protocol::CheckStatus::kGraderError) return ExitStatus::kGraderError;
    if (check.status != protocol::CheckStatus::kSkipped &&
        check.status != protocol::CheckStatus::kPassed) {
      all_passed = false;
    }
  }
  return all_passed ? ExitStatus::kPassed : ExitStatus::kFailed;
}

ExitStatus exit_status_of_batch(const std::vector<protocol::SubmissionResult>& results) {
  for (const protocol::SubmissionResult& result : results) {
    if (exit_status_of(result) == ExitStatus::kGraderError) return ExitStatus::kGraderError;
  }
  return ExitStatus::kPassed;
}

const char kExitStatusHelp[] =
    "Exit status:\n"
    "  --local          0: every check it ran passed; 1: a check failed, the build failed or a\n"
    "                   file is missing; 2: the grader's own error (bad flags, rubric, install)\n"
    "  --local --watch  0: stopped with Ctrl-C; 2: it cannot watch the folder\n"
    "  --batch          0: every submission was graded, whatever its score; 2: the grader's own\n"
    "                   error (a result says grader_error, or grading could not start)\n"
    "  --gradescope     0: results.json holds a grade, whatever its score; 2: it says the\n"
    "                   grader failed (all of it, or a check: a missing compiler), or it\n"
    "                   could not be written\n";

}  // namespace nn_grade::cli
