// Turns Eigen's assertions into exceptions, so that a student's shape error becomes a failed
// check with a message instead of an abort. Must come before any Eigen header: every
// translation unit of the harness and of a submission gets it with `-include`.
// Self-contained on purpose: the driver copies it next to the coursework headers.
#pragma once

#include <cassert>  // Eigen skips these when eigen_assert is predefined, yet needs them
#include <climits>
#include <stdexcept>
#include <string>

namespace nn_grade {

// An Eigen precondition failed, e.g. a product of matrices whose shapes do not match.
class EigenAssertionFailed : public std::logic_error {
 public:
  explicit EigenAssertionFailed(const std::string& condition)
      : std::logic_error("Eigen assertion failed: " + condition +
                         " (usually two matrices whose shapes do not fit)") {}
};

}  // namespace nn_grade

#define eigen_assert(x)                           \
  do {                                            \
    if (!static_cast<bool>(x)) {                  \
      throw ::nn_grade::EigenAssertionFailed(#x); \
    }                                             \
  } while (false)
