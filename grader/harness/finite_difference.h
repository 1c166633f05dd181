// Central finite differences and the comparison of an analytic gradient with them.
// Conventions of checks.md: h about 1e-6; pass when |a - n| <= atol + rtol * |n| everywhere
// (PyTorch's gradcheck rule); the CS231n relative error max|a - n| / max(|a|, |n|) is reported
// too, because students know that number.
#pragma once

#include <functional>
#include <random>

#include <Eigen/Dense>

namespace harness {

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
  double max_rel_error = 0;   // CS231n
  double tolerance_used = 0;  // max |a - n| / (atol + rtol |n|): passes <= 1
  bool finite = true;         // the analytic gradient has no NaN or inf
};
Comparison compare(const Matrix& analytic, const Matrix& numerical, const Tolerance& tol,
                   const std::vector<Eigen::Index>& only_entries = {});

// CS231n's relative error of two numbers: |a - n| / max(|a|, |n|), 0 when both are 0.
double relative_error(double a, double n);

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

}  // namespace harness
