// Coursework 3, written with plain loops instead of Eigen expressions.
#include "layers.h"

#include <cmath>

namespace nn {

// He-style initialisation: weights ~ N(0, 2 / in_features), zero bias and gradients. Given.
Linear::Linear(int in_features, int out_features, std::mt19937& rng)
    : W(in_features, out_features),
      b(Matrix::Zero(1, out_features)),
      grad_W(Matrix::Zero(in_features, out_features)),
      grad_b(Matrix::Zero(1, out_features)) {
  std::normal_distribution<double> normal(0.0, std::sqrt(2.0 / in_features));
  for (Eigen::Index i = 0; i < W.size(); ++i) W.data()[i] = normal(rng);
}

Matrix Linear::forward(const Matrix& X) {
  cached_input = X;
  Matrix Z(X.rows(), W.cols());
  for (Eigen::Index n = 0; n < X.rows(); ++n) {
    for (Eigen::Index j = 0; j < W.cols(); ++j) {
      double sum = b(0, j);
      for (Eigen::Index k = 0; k < W.rows(); ++k) sum += X(n, k) * W(k, j);
      Z(n, j) = sum;
    }
  }
  return Z;
}

Matrix Linear::backward(const Matrix& grad_output) {
  const Matrix& X = cached_input;
  Matrix dX = Matrix::Zero(X.rows(), X.cols());
  for (Eigen::Index n = 0; n < X.rows(); ++n) {
    for (Eigen::Index j = 0; j < W.cols(); ++j) {
      const double g = grad_output(n, j);
      grad_b(0, j) += g;
      for (Eigen::Index k = 0; k < W.rows(); ++k) {
        grad_W(k, j) += X(n, k) * g;
        dX(n, k) += g * W(k, j);
      }
    }
  }
  return dX;
}

std::vector<Parameter> Linear::parameters() { return {{&W, &grad_W}, {&b, &grad_b}}; }

Matrix ReLU::forward(const Matrix& X) {
  cached_input = X;
  Matrix Y(X.rows(), X.cols());
  for (Eigen::Index n = 0; n < X.rows(); ++n) {
    for (Eigen::Index k = 0; k < X.cols(); ++k) Y(n, k) = X(n, k) > 0 ? X(n, k) : 0.0;
  }
  return Y;
}

Matrix ReLU::backward(const Matrix& grad_output) {
  Matrix dX(grad_output.rows(), grad_output.cols());
  for (Eigen::Index n = 0; n < dX.rows(); ++n) {
    for (Eigen::Index k = 0; k < dX.cols(); ++k) {
      dX(n, k) = cached_input(n, k) > 0 ? grad_output(n, k) : 0.0;
    }
  }
  return dX;
}

Matrix Sigmoid::forward(const Matrix& X) {
  cached_output.resize(X.rows(), X.cols());
  for (Eigen::Index n = 0; n < X.rows(); ++n) {
    for (Eigen::Index k = 0; k < X.cols(); ++k) {
      const double x = X(n, k);
      const double e = std::exp(-std::abs(x));  // never overflows
      cached_output(n, k) = x >= 0 ? 1.0 / (1.0 + e) : e / (1.0 + e);
    }
  }
  return cached_output;
}

Matrix Sigmoid::backward(const Matrix& grad_output) {
  Matrix dX(grad_output.rows(), grad_output.cols());
  for (Eigen::Index n = 0; n < dX.rows(); ++n) {
    for (Eigen::Index k = 0; k < dX.cols(); ++k) {
      const double s = cached_output(n, k);
      dX(n, k) = grad_output(n, k) * s * (1.0 - s);
    }
  }
  return dX;
}

}  // namespace nn
