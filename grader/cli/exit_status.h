// What `grade` returns to the shell, as a test runner does, so that scripts, CI and editors can
// tell "your code fails a check" from "the grader could not do its job".
#pragma once

#include <vector>

#include "protocol/result.h"

namespace nn_grade::cli {

enum class ExitStatus : int {
  kPassed = 0,       // every check that ran passed
  kFailed = 1,       // a check failed, or the build failed, or files are missing
  kGraderError = 2,  // the grader's own fault: bad flags, a broken rubric or installation,
                     // a missing compiler, a grader_error anywhere
};

// The status for one graded submission (--local): kGraderError when the submission or any check
// is grader_error, kPassed when it was graded and every check that ran (not skipped) passed,
// kFailed otherwise.
ExitStatus exit_status_of(const protocol::SubmissionResult& result);

// The status for a class (--batch): kGraderError when any submission's is, else kPassed, since
// a batch did its job when it graded everyone, whatever they scored.
ExitStatus exit_status_of_batch(const std::vector<protocol::SubmissionResult>& results);

// The text `grade --help` ends with: what each status means in each mode.
extern const char kExitStatusHelp[];

}  // namespace nn_grade::cli
