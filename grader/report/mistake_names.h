// The usual mistakes (protocol/mistakes.h) as a lecturer names them on a re-teach list:
// "divided by the batch twice (a mean taken twice)".
#pragma once

#include <string>

namespace nn_grade::report {

// The phrase for a diagnosis code; a code this list does not know (a newer checker's) is
// returned as it is, for the page to escape like any other text.
std::string mistake_name(const std::string& code);

}  // namespace nn_grade::report
