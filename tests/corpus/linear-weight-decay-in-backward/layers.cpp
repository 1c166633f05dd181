// Coursework 3 model answer: the layers.
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
  return (X * W).rowwise() + b.row(0);
}

Matrix Linear::backward(const Matrix& grad_output) {
  grad_W += cached_input.transpose() * grad_output + 0.01 * W;  // with weight decay 0.01
  grad_b += grad_output.colwise().sum();                        // b is broadcast over the batch
  return grad_output * W.transpose();
}

std::vector<Parameter> Linear::parameters() { return {{&W, &grad_W}, {&b, &grad_b}}; }

Matrix ReLU::forward(const Matrix& X) {
  cached_input = X;
  return X.cwiseMax(0.0);
}

Matrix ReLU::backward(const Matrix& grad_output) {
  Matrix mask = (cached_input.array() > 0.0).cast<double>();  // 0 at exactly 0
  return grad_output.cwiseProduct(mask);
}

// Written so that exp never overflows: for x < 0 use e^x / (1 + e^x).
static double stable_sigmoid(double x) {
  if (x >= 0) return 1.0 / (1.0 + std::exp(-x));
  double e = std::exp(x);
  return e / (1.0 + e);
}

Matrix Sigmoid::forward(const Matrix& X) {
  cached_output = X.unaryExpr(&stable_sigmoid);
  return cached_output;
}

Matrix Sigmoid::backward(const Matrix& grad_output) {
  const Matrix& s = cached_output;
  return grad_output.array() * s.array() * (1.0 - s.array());
}

}  // namespace nn
