// Central finite differences and the comparison of an analytic gradient with them.
// Conventions of checks.md: h about 1e-6; pass when |a - n| <= atol + rtol * |n| everywhere
// (PyTorch's gradcheck rule); the CS231n relative error |a - n| / max(|a| + |n|, tiny) is
// reported too, because students know that number.
#pragma once

#include <functional>
#include <random>

#include <Eigen/Dense>

namespace nn_grade::harness {

using Matrix = Eigen::MatrixXd;

struct Tolerance {
  double h = 1e-6;
  double atol = 1e-5;
  double rtol = 1e-3;
};

// d f / d x by central differences: (f(x + h e_i) - f(x - h e_i)) / 2h for every entry of x.
// `f` reads `x` (which this function perturbs and restores exactly).
Matrix numerical_gradient(const std::function<double()>& f, Matrix& x, double h);

// The same for only the listed flat (column-major) entries; the others are left 0.
Matrix numerical_gradient_at(const std::function<double()>& f, Matrix& x, double h,
                             const std::vector<Eigen::Index>& entries);

// An analytic gradient against a numerical one (same shapes, checked before).
struct Comparison {
  bool passed = true;
  int failing_entries = 0;
  Eigen::Index worst_row = 0, worst_col = 0;  // the entry that exceeds its tolerance most
  double yours = 0, numerical = 0;            // at the worst entry
  double allowed = 0;                         // atol + rtol * |numerical| there
  double max_abs_error = 0;
  double max_rel_error = 0;             // CS231n's, with relative_error_floor(tol); NaN if any is
  double max_error_over_tolerance = 0;  // max |a - n| / (atol + rtol |n|): passes <= 1
  bool finite = true;                   // the analytic gradient has no NaN or inf
};
Comparison compare(const Matrix& analytic, const Matrix& numerical, const Tolerance& tol,
                   const std::vector<Eigen::Index>& only_entries = {});

// CS231n's relative error of two numbers: |a - n| / max(|a| + |n|, floor), in [0, 1]. 0 when
// they are equal (0 and 0, inf and inf), 1 when one is infinite and the other not, NaN when
// either is NaN. A floor <= 0 means the smallest positive double.
double relative_error(double a, double n, double floor = 0);

// The floor for relative errors under `tol`: atol / rtol, the magnitude below which the
// tolerance test is in effect absolute. With it, every pair that passes the test has a relative
// error of at most 2 rtol: two values both near 0 (an exact 0 against finite differences' 1e-11)
// pass with a small relative error, never 1.
double relative_error_floor(const Tolerance& tol);

// Fast mode (PyTorch's fast_mode, JAX's check_grads): the directional derivative along a
// random unit direction u, analytic <grad, u> against (f(x + h u) - f(x - h u)) / 2h.
struct Projection {
  double analytic = 0;
  double numerical = 0;
  bool passed = true;
};
Projection project(double analytic_dot_u, double numerical_derivative, const Tolerance& tol);

// Whether |a - n| <= atol + rtol * |n| (false for NaN).
bool within(double a, double n, const Tolerance& tol);

}  // namespace nn_grade::harness
