// Numbers in JSON that may be NaN or infinite. JSON has no such numbers (nlohmann writes them as
// null, losing which one it was), so the grader writes them as the strings "nan", "inf" and
// "-inf" and reads those strings back as the numbers (docs/contract.md).
#pragma once

#include <nlohmann/json.hpp>

namespace nn_grade::protocol {

// `x` as JSON: a number, or "nan", "inf", "-inf".
nlohmann::json number_json(double x);

// A number written by number_json (or an old null, read as NaN); false for anything else.
bool read_number(const nlohmann::json& j, double* x);

// `j` with every NaN or infinite number, at any depth, written as number_json writes it.
nlohmann::json non_finite_as_text(nlohmann::json j);

// The inverse: every string "nan", "inf" or "-inf", at any depth, read back as the number.
nlohmann::json non_finite_from_text(nlohmann::json j);

}  // namespace nn_grade::protocol
