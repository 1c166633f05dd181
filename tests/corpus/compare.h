// Comparing one submission's result.json with what its manifest expects.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "manifest.h"

namespace nn_grade {

namespace corpus {

// One line per difference: "<entry>: <check>: expected ..., got ...", with the check's output
// when it helps. Empty when the result is what the manifest expects:
//   - the submission's status is the manifest's;
//   - graded: some checks ran; each must_fail check is present and not "passed", each may_fail
//   check is
//     anything, every other check is "passed"; no check is ever "grader_error";
//   - not graded: no check passed and the score is 0;
//   - every diagnosis and output_contains entry holds; expect_score holds.
std::vector<std::string> compare_result(const Manifest& manifest, const nlohmann::json& result);

}  // namespace corpus

}  // namespace nn_grade
