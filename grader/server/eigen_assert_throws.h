// Turns Eigen's assertions into exceptions, so that a student's shape error becomes a failed
// check with a message instead of an abort. Must come before any Eigen header: every
// translation unit of the harness and of a submission gets it with `-include`.
// Self-contained on purpose: the driver copies it next to the coursework headers.
//
// The student server keeps the call stack of every throw, this one's too, and turns it into the
// student's file:line (grader/server/throw_site.h).
//
// Eigen's own assertion says only its condition ("lhs.cols() == rhs.rows() && ..."). For the
// mistakes students make most, with nn::Matrix (Eigen::MatrixXd) on one side, checks of our own
// run first and carry the numbers: a product or a coefficient-wise + - += -= whose shapes do not
// fit, .row(i) or .col(j) out of range, m(i, j) out of range. The student server sends these
// facts to the checker (server_protocol.h, kEigenAssertion), which words them
// (harness/eigen_failure.h). Each check forwards to Eigen's own operator, so results are
// unchanged.
#pragma once

#include <cassert>  // Eigen skips these when eigen_assert is predefined, yet needs them
#include <climits>
#include <stdexcept>
#include <string>

namespace nn_grade::server {

// What went wrong; its number crosses the protocol. kEigenCondition: one of Eigen's own
// assertions, whose condition's text says what (the checker reads it).
enum class EigenProblem : unsigned char {
  kEigenCondition = 0,
  kProduct = 1,           // a * b: numbers a.rows, a.cols, b.rows, b.cols
  kCoefficientWise = 2,   // a op b for op in + - += -=: numbers as for a product
  kRowIndex = 3,          // m.row(i): i, m.rows()
  kColumnIndex = 4,       // m.col(j): j, m.cols()
  kCoefficientIndex = 5,  // m(i, j): i, j, m.rows(), m.cols()
};
constexpr unsigned char kLastEigenProblem = 5;

// An Eigen precondition failed, e.g. a product of matrices whose shapes do not match.
class EigenAssertionFailed : public std::logic_error {
 public:
  // One of Eigen's own assertions, by its condition's text.
  explicit EigenAssertionFailed(const std::string& condition)
      : std::logic_error("Eigen assertion failed: " + condition),
        problem_(EigenProblem::kEigenCondition),
        condition_(condition) {}
  // One of ours: `operation` is "*", "+", "-", "+=", "-=", "row", "col" or "()".
  EigenAssertionFailed(EigenProblem problem, const char* operation, long long n0, long long n1,
                       long long n2 = 0, long long n3 = 0)
      : std::logic_error(std::string("Eigen assertion failed: ") + operation + " with " +
                         std::to_string(n0) + ", " + std::to_string(n1) + ", " +
                         std::to_string(n2) + ", " + std::to_string(n3)),
        problem_(problem),
        condition_(operation),
        numbers_{n0, n1, n2, n3} {}

  EigenProblem problem() const { return problem_; }
  // Eigen's condition, or our operation.
  const std::string& condition() const { return condition_; }
  long long number(int i) const { return i >= 0 && i < 4 ? numbers_[i] : 0; }

 private:
  EigenProblem problem_;
  std::string condition_;
  long long numbers_[4] = {0, 0, 0, 0};
};

}  // namespace nn_grade::server

#define eigen_assert(x)                                   \
  do {                                                    \
    if (!static_cast<bool>(x)) {                          \
      throw ::nn_grade::server::EigenAssertionFailed(#x); \
    }                                                     \
  } while (false)

#include <Eigen/Core>

// Our checks, before Eigen's. A non-template overload with MatrixXd on both sides and templates
// with MatrixXd on one side are each a better match than Eigen's member operator (whose first
// argument binds to a base class); each forwards to that member through the base class.
namespace Eigen {
namespace nn_grade_checks {

template <typename A, typename B>
void check_same_shape(const A& a, const B& b, const char* operation) {
  if (a.rows() != b.rows() || a.cols() != b.cols()) {
    throw ::nn_grade::server::EigenAssertionFailed(
        ::nn_grade::server::EigenProblem::kCoefficientWise, operation, a.rows(), a.cols(), b.rows(),
        b.cols());
  }
}

template <typename A, typename B>
void check_product(const A& a, const B& b) {
  if (a.cols() != b.rows()) {
    throw ::nn_grade::server::EigenAssertionFailed(::nn_grade::server::EigenProblem::kProduct, "*",
                                                   a.rows(), a.cols(), b.rows(), b.cols());
  }
}

inline const MatrixBase<MatrixXd>& base(const MatrixXd& m) { return m; }
inline MatrixBase<MatrixXd>& base(MatrixXd& m) { return m; }

}  // namespace nn_grade_checks

#define NN_GRADE_CHECKED_BINARY(op, check)                                  \
  inline decltype(auto) operator op(const MatrixXd& a, const MatrixXd& b) { \
    check;                                                                  \
    return nn_grade_checks::base(a) op nn_grade_checks::base(b);            \
  }                                                                         \
  template <typename B>                                                     \
  decltype(auto) operator op(const MatrixXd& a, const MatrixBase<B>& b) {   \
    check;                                                                  \
    return nn_grade_checks::base(a) op b;                                   \
  }                                                                         \
  template <typename A>                                                     \
  decltype(auto) operator op(const MatrixBase<A>& a, const MatrixXd& b) {   \
    check;                                                                  \
    return a op nn_grade_checks::base(b);                                   \
  }
NN_GRADE_CHECKED_BINARY(*, nn_grade_checks::check_product(a, b))
NN_GRADE_CHECKED_BINARY(+, nn_grade_checks::check_same_shape(a, b, "+"))
NN_GRADE_CHECKED_BINARY(-, nn_grade_checks::check_same_shape(a, b, "-"))
#undef NN_GRADE_CHECKED_BINARY

template <typename B>
MatrixXd& operator+=(MatrixXd& a, const MatrixBase<B>& b) {
  nn_grade_checks::check_same_shape(a, b, "+=");
  nn_grade_checks::base(a) += b;
  return a;
}

template <typename B>
MatrixXd& operator-=(MatrixXd& a, const MatrixBase<B>& b) {
  nn_grade_checks::check_same_shape(a, b, "-=");
  nn_grade_checks::base(a) -= b;
  return a;
}

// .row(i) and .col(j) of a MatrixXd, const or not: explicit specializations of Block's
// constructor, which Eigen's own assertion would end without the numbers.
#define NN_GRADE_CHECKED_LINE(Xpr, Rows, Cols, InnerPanel, problem, name, size)                 \
  template <>                                                                                   \
  inline Block<Xpr, Rows, Cols, InnerPanel>::Block(Xpr& xpr, Index i) : Impl(xpr, i) {          \
    if (i < 0 || i >= (size)) {                                                                 \
      throw ::nn_grade::server::EigenAssertionFailed(::nn_grade::server::EigenProblem::problem, \
                                                     name, i, size);                            \
    }                                                                                           \
  }
NN_GRADE_CHECKED_LINE(MatrixXd, 1, Dynamic, false, kRowIndex, "row", xpr.rows())
NN_GRADE_CHECKED_LINE(const MatrixXd, 1, Dynamic, false, kRowIndex, "row", xpr.rows())
NN_GRADE_CHECKED_LINE(MatrixXd, Dynamic, 1, true, kColumnIndex, "col", xpr.cols())
NN_GRADE_CHECKED_LINE(const MatrixXd, Dynamic, 1, true, kColumnIndex, "col", xpr.cols())
#undef NN_GRADE_CHECKED_LINE

// m(i, j) of a MatrixXd, read or written.
namespace nn_grade_checks {
inline void check_coefficient(Index row, Index col, Index rows, Index cols) {
  if (row < 0 || row >= rows || col < 0 || col >= cols) {
    throw ::nn_grade::server::EigenAssertionFailed(
        ::nn_grade::server::EigenProblem::kCoefficientIndex, "()", row, col, rows, cols);
  }
}
}  // namespace nn_grade_checks

template <>
inline DenseCoeffsBase<MatrixXd, ReadOnlyAccessors>::CoeffReturnType
DenseCoeffsBase<MatrixXd, ReadOnlyAccessors>::operator()(Index row, Index col) const {
  nn_grade_checks::check_coefficient(row, col, rows(), cols());
  return coeff(row, col);
}

template <>
inline double& DenseCoeffsBase<MatrixXd, WriteAccessors>::operator()(Index row, Index col) {
  nn_grade_checks::check_coefficient(row, col, rows(), cols());
  return coeffRef(row, col);
}

}  // namespace Eigen
