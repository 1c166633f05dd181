// Points as people and gradebooks write them: "87.5", "100", "12.33".
#pragma once

#include <string>

namespace nn_grade::util {

// Rounded to two decimals (Canvas keeps two), without trailing zeros, never "-0".
std::string points_text(double points);

}  // namespace nn_grade::util
