#include "harness/finite_difference.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace nn_grade::harness {

namespace {

double central_difference(const std::function<double()>& f, double& entry, double h) {
  const double saved = entry;
  entry = saved + h;
  const double plus = f();
  entry = saved - h;
  const double minus = f();
  entry = saved;
  return (plus - minus) / (2 * h);
}

}  // namespace

Matrix numerical_gradient(const std::function<double()>& f, Matrix& x, double h) {
  Matrix grad = Matrix::Zero(x.rows(), x.cols());
  for (Eigen::Index i = 0; i < x.size(); ++i)
    grad.data()[i] = central_difference(f, x.data()[i], h);
  return grad;
}

Matrix numerical_gradient_at(const std::function<double()>& f, Matrix& x, double h,
                             const std::vector<Eigen::Index>& entries) {
  Matrix grad = Matrix::Zero(x.rows(), x.cols());
  for (Eigen::Index i : entries) grad.data()[i] = central_difference(f, x.data()[i], h);
  return grad;
}

bool within(double a, double n, const Tolerance& tol) {
  return std::abs(a - n) <= tol.atol + tol.rtol * std::abs(n);
}

double relative_error(double a, double n, double floor) {
  if (std::isnan(a) || std::isnan(n)) return NAN;
  if (a == n) return 0;
  if (std::isinf(a) || std::isinf(n)) return 1;
  const double scale =
      std::max(std::abs(a) + std::abs(n), floor > 0 ? floor : std::numeric_limits<double>::min());
  return std::min(1.0, std::abs(a - n) / scale);
}

double relative_error_floor(const Tolerance& tol) {
  return tol.rtol > 0 ? tol.atol / tol.rtol : tol.atol;
}

Comparison compare(const Matrix& analytic, const Matrix& numerical, const Tolerance& tol,
                   const std::vector<Eigen::Index>& only_entries) {
  Comparison c;
  const double floor = relative_error_floor(tol);
  double worst_excess = -INFINITY;
  auto visit = [&](Eigen::Index i) {
    const double a = analytic.data()[i], n = numerical.data()[i];
    const double allowed = tol.atol + tol.rtol * std::abs(n);
    const double diff = std::abs(a - n);
    const double excess = std::isfinite(a) ? diff - allowed : INFINITY;
    if (!std::isfinite(a)) c.finite = false;
    if (!(excess <= 0)) ++c.failing_entries;
    c.max_error_over_tolerance =
        std::isfinite(diff) ? std::max(c.max_error_over_tolerance, diff / allowed) : INFINITY;
    c.max_abs_error = std::isfinite(diff) ? std::max(c.max_abs_error, diff) : INFINITY;
    const double rel = relative_error(a, n, floor);
    c.max_rel_error =
        std::isnan(rel) || std::isnan(c.max_rel_error) ? NAN : std::max(c.max_rel_error, rel);
    if (excess > worst_excess || (i == 0 && worst_excess == -INFINITY)) {
      worst_excess = excess;
      c.worst_row = i % analytic.rows();
      c.worst_col = i / analytic.rows();
      c.yours = a;
      c.numerical = n;
      c.allowed = allowed;
    }
  };
  if (only_entries.empty()) {
    for (Eigen::Index i = 0; i < analytic.size(); ++i) visit(i);
  } else {
    for (Eigen::Index i : only_entries) visit(i);
  }
  c.passed = c.failing_entries == 0;
  return c;
}

Projection project(double analytic_dot_u, double numerical_derivative, const Tolerance& tol) {
  return {analytic_dot_u, numerical_derivative, within(analytic_dot_u, numerical_derivative, tol)};
}

}  // namespace nn_grade::harness
