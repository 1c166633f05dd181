// How wide text is on a terminal: one column per UTF-8 code point (the names and messages the
// grader prints hold no wide or combining characters it must measure).
#pragma once

#include <cstddef>
#include <string>

namespace nn_grade::util {

std::size_t text_columns(const std::string& text);

// The longest prefix of `text` that fits in `columns`, cut between code points.
std::string fit_columns(const std::string& text, std::size_t columns);

}  // namespace nn_grade::util
