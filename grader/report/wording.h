// The phrases every report shares, so a student reads the same words in the terminal, in the
// feedback file and on Gradescope.
#pragma once

#include <cstdint>
#include <string>

#include "result.h"

namespace report {

// "passed", "failed", "threw an exception", "timed out", "crashed", "not run",
// "grader error (not your fault)".
std::string status_phrase(const std::string& check_status);

// The check's output, or when it has none, a sentence saying what its status means.
std::string check_explanation(const grading::CheckResult& check);

// grade --local --only ID --seed N
std::string reproduce_command(const std::string& check_id, std::uint64_t seed);

// For build_failed and missing_files: one line saying what happened and what to do.
std::string build_problem_summary(const grading::SubmissionResult& result);

// Ran and earned less than everything (failed, error, timeout, crashed), or the grader failed.
bool needs_attention(const grading::CheckResult& check);

bool was_built(const grading::SubmissionResult& result);

}  // namespace report
