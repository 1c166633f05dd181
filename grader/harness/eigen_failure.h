// A student's code broke one of Eigen's preconditions (a product of shapes that do not fit, an
// index out of range): the facts the student server sends (server_protocol.h, kEigenAssertion;
// made by grader/server/eigen_assert_throws.h), checked, and put in plain words with the
// numbers. The facts come from the student's process, so they are read as hostile: a problem
// out of range, an absurd number or an unknown operation make them no report at all.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "protocol/server_protocol.h"

namespace nn_grade::harness {

// What went wrong, from our own checks (with numbers) or from Eigen's condition (without).
enum class EigenMistake {
  kProduct,           // a * b whose inner sizes differ
  kCoefficientWise,   // a + b, a - b, a += b, .cwiseProduct(), .rowwise() + v: shapes differ
  kRowIndex,          // .row(i)
  kColumnIndex,       // .col(j)
  kLineIndex,         // .row(i) or .col(j), which one unknown
  kCoefficientIndex,  // m(i, j)
  kVectorIndex,       // v(i), v[i]
  kBlock,             // .block(), .topRows(), .segment(), ... outside the matrix
  kAssignment,        // a block, row or fixed-size matrix assigned another shape, or resized
  kNotOneByOne,       // a matrix used as one number that is not (1, 1)
  kAliasing,          // a = a.transpose(): Eigen's run-time check for aliasing
  kOther,
};

struct EigenFailure {
  EigenMistake mistake = EigenMistake::kOther;
  bool has_numbers = false;      // from our own checks: the numbers below are known
  std::int64_t numbers[4] = {};  // product, coefficient-wise: a.rows, a.cols, b.rows, b.cols;
                                 // row/col: index, count; m(i, j): i, j, rows, cols
  std::string operation;         // "*", "+", "-", "+=", "-=", "row", "col", "()"
  std::string condition;         // Eigen's own condition when !has_numbers
  std::string location;          // "layers.cpp:26" when the server could tell, else ""
};

// `text` when it is a place in one of the student's files ("layers.cpp:26"), else "".
std::string student_location(const std::string& text);

// Which mistake one of Eigen's own assertion conditions describes (Eigen 3.4's texts).
EigenMistake classify_eigen_condition(const std::string& condition);

// The facts of a kEigenAssertion reply (what follows its status byte), or nullopt when they are
// malformed or implausible.
std::optional<EigenFailure> read_eigen_failure(protocol::Reader& reply);

// What the student reads: a first line that names the function, the kind of mistake and where
// (the same for every check that meets it), then the numbers and a hint.
//   "Linear::backward stopped on a shape error in a matrix product, at layers.cpp:26.
//    (6, 3) times (4, 3): the first has 3 columns but the second 4 rows; they must be equal. ..."
std::string explain_eigen_failure(const std::string& function, const EigenFailure& failure);

}  // namespace nn_grade::harness
