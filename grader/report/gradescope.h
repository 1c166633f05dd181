// Gradescope's results.json (gradescope-autograders.readthedocs.io, "Autograder
// Specifications"): {"score", "execution_time", "output", "stdout_visibility", "tests": [{"name",
// "number", "score", "max_score", "status", "output", "visibility"}]}. Each check is a test with
// the rubric's visibility (visible, hidden, after_due_date, after_published); a submission that
// did not build is one failing, visible test carrying the compiler's message, worth the total.
#pragma once

#include <filesystem>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "result.h"
#include "rubric.h"

namespace report {

nlohmann::json gradescope_results(const grading::SubmissionResult& result,
                                  const score::Rubric& rubric,
                                  std::optional<double> execution_seconds = std::nullopt);

// What results.json says when the grader itself failed before it had a result (an invalid
// rubric, a missing compiler, an exception of ours): score 0 and one visible, failing test that
// says the autograder failed and that this is not the student's fault. `reason` goes only to
// extra_data ("grader_error"), which staff see and students do not: it may name hidden checks.
nlohmann::json gradescope_failure_results(const std::string& reason);

// Writes gradescope_results(...) to `file` (normally /autograder/results/results.json).
void write_gradescope_results(const std::filesystem::path& file,
                              const grading::SubmissionResult& result, const score::Rubric& rubric,
                              std::optional<double> execution_seconds = std::nullopt);

}  // namespace report
