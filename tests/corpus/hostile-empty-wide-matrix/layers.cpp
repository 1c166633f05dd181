// Coursework 3: the layers. Write the functions marked TODO; the rest is given.
#include "layers.h"

#include <cmath>
#include <stdexcept>
#include <string>

namespace nn {

// Replace each call of this with your code.
[[noreturn]] static void not_implemented(const std::string& function) {
  throw std::logic_error(function + " is not implemented yet (layers.cpp)");
}

// He-style initialisation: weights ~ N(0, 2 / in_features), zero bias and gradients. Given.
Linear::Linear(int in_features, int out_features, std::mt19937& rng)
    : W(in_features, out_features),
      b(Matrix::Zero(1, out_features)),
      grad_W(Matrix::Zero(in_features, out_features)),
      grad_b(Matrix::Zero(1, out_features)) {
  std::normal_distribution<double> normal(0.0, std::sqrt(2.0 / in_features));
  for (Eigen::Index i = 0; i < W.size(); ++i) W.data()[i] = normal(rng);
}

// TODO: cache X in cached_input (for backward), then return X W + b, with b added to every row.
// The attack: a matrix with no entries and 2^62 columns, which costs the student nothing to
// build and send, and once kept the grader's own loop over its columns running past every limit
// (a grader_error, which keeps a student's old grade).
Matrix Linear::forward(const Matrix& /*X*/) { return Matrix(0, Eigen::Index{1} << 62); }

// TODO: with X = cached_input and G = grad_output:
//   grad_W += X^T G                 (accumulate with +=, never =)
//   grad_b += the sum of G's rows   (b was added to every row, so its gradient adds up)
//   return G W^T                    (dL/dX, the same shape as X)
Matrix Linear::backward(const Matrix& /*grad_output*/) { not_implemented("Linear::backward"); }

std::vector<Parameter> Linear::parameters() { return {{&W, &grad_W}, {&b, &grad_b}}; }

// TODO: cache X in cached_input, then return max(0, X) elementwise.
Matrix ReLU::forward(const Matrix& /*X*/) { not_implemented("ReLU::forward"); }

// TODO: return grad_output where cached_input > 0, and 0 elsewhere (the mask is input > 0, so
// the gradient at exactly 0 is 0).
Matrix ReLU::backward(const Matrix& /*grad_output*/) { not_implemented("ReLU::backward"); }

// TODO: compute s = 1 / (1 + exp(-X)) elementwise, cache s in cached_output and return it.
// Keep it stable: for x < 0, compute exp(x) / (1 + exp(x)) instead, so exp never overflows
// (the check uses x = +-1000).
Matrix Sigmoid::forward(const Matrix& /*X*/) { not_implemented("Sigmoid::forward"); }

// TODO: with s = cached_output (the output, not the input), return grad_output * s * (1 - s)
// elementwise.
Matrix Sigmoid::backward(const Matrix& /*grad_output*/) { not_implemented("Sigmoid::backward"); }

}  // namespace nn
