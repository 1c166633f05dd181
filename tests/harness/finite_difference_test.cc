#include "harness/finite_difference.h"

#include <cmath>
#include <random>

#include <gtest/gtest.h>

namespace nn_grade {

namespace harness {
namespace {

TEST(NumericalGradient, MatchesTheDerivativeOfACubicAndRestoresTheInput) {
  Matrix x(2, 2);
  x << 0.5, -1.0, 2.0, 0.25;
  const Matrix before = x;
  const Matrix g = numerical_gradient([&] { return x.array().cube().sum(); }, x, 1e-6);
  EXPECT_EQ(x, before);
  const Matrix exact = 3 * before.array().square();
  EXPECT_LT((g - exact).cwiseAbs().maxCoeff(), 1e-8);
}

TEST(NumericalGradient, AtOnlyTheListedEntries) {
  Matrix x = Matrix::Constant(2, 3, 1.0);
  const Matrix g = numerical_gradient_at([&] { return 2 * x.sum(); }, x, 1e-6, {1, 4});
  EXPECT_NEAR(g.data()[1], 2.0, 1e-8);
  EXPECT_NEAR(g.data()[4], 2.0, 1e-8);
  EXPECT_EQ(g.data()[0], 0.0);
}

TEST(Compare, PassesWithinTheMixedTolerance) {
  Matrix n(1, 3);
  n << 1000.0, 1e-9, -2.0;
  Matrix a = n;
  a(0, 0) += 0.5;   // relative: 0.5 <= 1e-5 + 1e-3 * 1000
  a(0, 1) += 5e-6;  // absolute: below atol
  const Comparison c = compare(a, n, {1e-6, 1e-5, 1e-3});
  EXPECT_TRUE(c.passed);
  EXPECT_EQ(c.failing_entries, 0);
}

TEST(Compare, NamesTheWorstEntryAndTheCs231nRelativeError) {
  Matrix n(2, 2);
  n << 1.0, 2.0, 3.0, 4.0;
  Matrix a = n;
  a(1, 0) = 3.5;   // fails by 0.5
  a(0, 1) = 2.01;  // fails by 0.01
  const Comparison c = compare(a, n, {1e-6, 1e-5, 1e-3});
  EXPECT_FALSE(c.passed);
  EXPECT_EQ(c.failing_entries, 2);
  EXPECT_EQ(c.worst_row, 1);
  EXPECT_EQ(c.worst_col, 0);
  EXPECT_DOUBLE_EQ(c.yours, 3.5);
  EXPECT_DOUBLE_EQ(c.numerical, 3.0);
  EXPECT_DOUBLE_EQ(c.max_abs_error, 0.5);
  EXPECT_NEAR(c.max_rel_error, 0.5 / 6.5, 1e-12);  // |3.5 - 3| / (3.5 + 3)
}

TEST(Compare, NotFiniteFailsAndIsTheWorst) {
  Matrix n = Matrix::Ones(2, 2);
  Matrix a = n;
  a(0, 1) = NAN;
  a(1, 1) = 100;
  const Comparison c = compare(a, n, {});
  EXPECT_FALSE(c.passed);
  EXPECT_FALSE(c.finite);
  EXPECT_EQ(c.worst_col, 1);
  EXPECT_EQ(c.worst_row, 0);
}

TEST(RelativeError, IsCs231nsBoundedByOneAndSymmetric) {
  EXPECT_EQ(relative_error(0, 0), 0);  // 0 / 0
  EXPECT_DOUBLE_EQ(relative_error(1, 3), 0.5);
  EXPECT_DOUBLE_EQ(relative_error(3, 1), 0.5);
  EXPECT_DOUBLE_EQ(relative_error(1, -1), 1.0);     // opposite signs: the most it can be
  EXPECT_DOUBLE_EQ(relative_error(1e-12, 0), 1.0);  // no floor: two tiny numbers differ wholly
}

TEST(RelativeError, InfinityAndNan) {
  EXPECT_EQ(relative_error(INFINITY, INFINITY), 0);
  EXPECT_EQ(relative_error(INFINITY, 1), 1);
  EXPECT_EQ(relative_error(1, -INFINITY), 1);
  EXPECT_EQ(relative_error(INFINITY, -INFINITY), 1);
  EXPECT_TRUE(std::isnan(relative_error(NAN, 1)));
  EXPECT_TRUE(std::isnan(relative_error(0, NAN)));
}

TEST(RelativeError, TheFloorKeepsValuesNearZeroFromReadingAsOne) {
  const Tolerance tol{1e-6, 1e-5, 1e-3};
  EXPECT_DOUBLE_EQ(relative_error_floor(tol), 1e-2);
  // An exact 0 against finite differences' rounding: passes, and its relative error is tiny.
  EXPECT_TRUE(within(0, 3e-11, tol));
  EXPECT_DOUBLE_EQ(relative_error(0, 3e-11, relative_error_floor(tol)), 3e-9);
  // Above the floor the floor changes nothing.
  EXPECT_DOUBLE_EQ(relative_error(1, 3, relative_error_floor(tol)), 0.5);
}

TEST(RelativeError, EveryPassingPairIsAtMostTwiceRtol) {
  const Tolerance tol{1e-6, 1e-5, 1e-3};
  const double floor = relative_error_floor(tol);
  std::mt19937_64 rng(7);
  std::uniform_real_distribution<double> exponent(-14, 3), sign(-1, 1), share(-1, 1);
  int passing = 0;
  for (int i = 0; i < 20000; ++i) {
    const double n = (sign(rng) < 0 ? -1 : 1) * std::pow(10.0, exponent(rng));
    const double a = n + share(rng) * 1.5 * (tol.atol + tol.rtol * std::abs(n));
    if (!within(a, n, tol)) continue;
    ++passing;
    EXPECT_LE(relative_error(a, n, floor), 2 * tol.rtol) << a << " " << n;
  }
  EXPECT_GT(passing, 5000);
}

TEST(Compare, APassNearZeroHasASmallRelativeError) {
  Matrix n(1, 3);
  n << 2e-11, -1e-12, 0.5;
  Matrix a(1, 3);
  a << 0.0, 0.0, 0.5;
  const Comparison c = compare(a, n, {1e-6, 1e-5, 1e-3});
  EXPECT_TRUE(c.passed);
  EXPECT_LT(c.max_rel_error, 1e-8);
  EXPECT_LT(c.max_error_over_tolerance, 1e-5);
}

TEST(Compare, ANanMakesTheRelativeErrorNan) {
  Matrix n = Matrix::Ones(1, 2);
  Matrix a = n;
  a(0, 0) = NAN;
  EXPECT_TRUE(std::isnan(compare(a, n, {}).max_rel_error));
  a(0, 0) = 1;
  a(0, 1) = NAN;  // last: a later finite entry does not hide it either
  EXPECT_TRUE(std::isnan(compare(a, n, {}).max_rel_error));
}

TEST(Projection, DetectsAWrongDirectionalDerivative) {
  // f(x) = sum(x^2); gradient 2x; a wrong gradient 3x fails the projection along u.
  Matrix x(3, 1);
  x << 1.0, -2.0, 0.5;
  Matrix u(3, 1);
  u << 0.6, 0.0, 0.8;
  auto f = [&](double t) { return (x + t * u).squaredNorm(); };
  const double h = 1e-6;
  const double numerical = (f(h) - f(-h)) / (2 * h);
  EXPECT_TRUE(project((2 * x).cwiseProduct(u).sum(), numerical, {}).passed);
  EXPECT_FALSE(project((3 * x).cwiseProduct(u).sum(), numerical, {}).passed);
}

}  // namespace
}  // namespace harness

}  // namespace nn_grade
