// A count with its noun, as a sentence says it: "1 check", "3 checks", "0 days".
#pragma once

#include <string>

namespace nn_grade::util {

// `noun` is the singular; the plural adds an "s" (every noun the grader counts does).
std::string count_text(long long count, const char* noun);

}  // namespace nn_grade::util
