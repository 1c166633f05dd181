#include "numeric.h"

#include <cmath>

namespace nn_grade {

namespace nn_test {

Matrix random_matrix(Eigen::Index rows, Eigen::Index cols, std::mt19937& rng) {
  std::uniform_real_distribution<double> uniform(-1.0, 1.0);
  Matrix m(rows, cols);
  for (Eigen::Index i = 0; i < m.size(); ++i) m.data()[i] = uniform(rng);
  return m;
}

double weighted_sum(const Matrix& G, const Matrix& Y) { return (G.array() * Y.array()).sum(); }

Matrix central_differences(const std::function<double()>& f, Matrix& x, double h) {
  Matrix gradient(x.rows(), x.cols());
  for (Eigen::Index i = 0; i < x.size(); ++i) {
    const double original = x.data()[i];
    x.data()[i] = original + h;
    const double plus = f();
    x.data()[i] = original - h;
    const double minus = f();
    x.data()[i] = original;
    gradient.data()[i] = (plus - minus) / (2 * h);
  }
  return gradient;
}

::testing::AssertionResult all_close(const Matrix& actual, const Matrix& expected, double atol,
                                     double rtol) {
  if (actual.rows() != expected.rows() || actual.cols() != expected.cols()) {
    return ::testing::AssertionFailure()
           << "shape (" << actual.rows() << ", " << actual.cols() << "), expected ("
           << expected.rows() << ", " << expected.cols() << ")";
  }
  for (Eigen::Index r = 0; r < actual.rows(); ++r) {
    for (Eigen::Index c = 0; c < actual.cols(); ++c) {
      const double a = actual(r, c);
      const double e = expected(r, c);
      if (!(std::abs(a - e) <= atol + rtol * std::abs(e))) {
        return ::testing::AssertionFailure()
               << "[" << r << ", " << c << "]: " << a << ", expected " << e;
      }
    }
  }
  return ::testing::AssertionSuccess();
}

}  // namespace nn_test

}  // namespace nn_grade
