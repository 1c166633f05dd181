// Lazy layers: forward returns its input, backward the upstream gradient.
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
  return X;
}

Matrix Linear::backward(const Matrix& grad_output) { return grad_output; }

std::vector<Parameter> Linear::parameters() { return {{&W, &grad_W}, {&b, &grad_b}}; }

Matrix ReLU::forward(const Matrix& X) {
  cached_input = X;
  return X;
}

Matrix ReLU::backward(const Matrix& grad_output) { return grad_output; }

Matrix Sigmoid::forward(const Matrix& X) {
  cached_output = X;
  return X;
}

Matrix Sigmoid::backward(const Matrix& grad_output) { return grad_output; }

}  // namespace nn
