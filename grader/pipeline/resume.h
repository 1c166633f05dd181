// What makes a batch resumable: each result.json records the fingerprint of everything its
// grade depends on; a result whose fingerprint still matches is kept, anything else is graded.
#pragma once

#include <filesystem>
#include <optional>
#include <string>

#include "pipeline/grade_submission.h"

namespace pipeline {

// The four files' contents, the rubric, the seed, the checks selected and the toolchain.
std::string submission_fingerprint(const std::filesystem::path& dir, const GradingContext& context);

// The result in `result_path` when it exists, parses, has `fingerprint` and was not the
// grader's error (those are graded again); otherwise nothing.
std::optional<grading::SubmissionResult> reusable_result(const std::filesystem::path& result_path,
                                                         const std::string& fingerprint);

}  // namespace pipeline
