// Shared test material: the real course rubric, a scratch folder, and runner results.
#pragma once

#include <filesystem>
#include <string>

#include <gtest/gtest.h>

#include "protocol/result.h"
#include "score/rubric.h"

namespace nn_grade {

namespace fixtures {

// Whether `text` holds `part`, showing the text when it does not (gmock is out of reach: its
// <limits.h> finds grader/protocol/limits.h first).
::testing::AssertionResult contains(const std::string& text, const std::string& part);
::testing::AssertionResult lacks(const std::string& text, const std::string& part);

// rubrics/cw3.yaml, loaded once.
const score::Rubric& cw3();

// A fresh, empty folder for one test.
std::filesystem::path scratch_folder();

// Writes `text` into a fresh folder as rubrics/<name> and returns its path.
std::filesystem::path write_rubric(const std::string& text, const std::string& name = "test.yaml");

// What run/ hands score/: every check of `rubric` passed with fraction 1, seed 12345.
protocol::SubmissionResult all_passed(const score::Rubric& rubric,
                                      const std::string& key = "alice");

// The check `id` in `result`; fails the test when absent.
protocol::CheckResult& check(protocol::SubmissionResult& result, const std::string& id);

// alice's scored result: linear.backward.weight failed (output names grad_W[2,1]), relu.kink
// half credit, train.spiral timed out, everything else passed.
protocol::SubmissionResult scored_sample();

// A small picture of training: 5 losses falling from 1.1 to 0.1, a 6 x 3 map of 3 classes
// (a column each of a, b, c twice over) with a point of each class on the top row.
protocol::TrainingPicture small_picture();

}  // namespace fixtures

}  // namespace nn_grade
