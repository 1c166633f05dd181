// Points as a gradebook shows them: "87.5", "100", "12.33".
#pragma once

#include <string>

namespace gradebook {

// Rounded to two decimals (Canvas keeps two), without trailing zeros, never "-0".
std::string points_text(double points);

}  // namespace gradebook
