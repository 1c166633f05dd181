// What makes a batch resumable: each result.json records the fingerprint of everything its
// grade depends on; a result whose fingerprint still matches is kept, anything else is graded.
#pragma once

#include <filesystem>
#include <string>

#include "pipeline/grade_submission.h"

namespace nn_grade::pipeline {

// The four files' contents, the rubric, the seed, the checks selected and the toolchain.
std::string submission_fingerprint(const std::filesystem::path& dir, const GradingContext& context);

// Whether `stored`, a result.json read back, stands for this run: it has `fingerprint` and was
// not the grader's error (those are graded again).
bool is_reusable(const protocol::SubmissionResult& stored, const std::string& fingerprint);

}  // namespace nn_grade::pipeline
