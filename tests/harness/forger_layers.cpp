// A test-only submission: the reference's layers, except that Linear::forward tries to forge a
// passing report (on stdout, stderr and fd 3), Linear::backward has a shape bug (an Eigen
// assertion), and ReLU::backward throws out of a noexcept function (std::terminate).
#include <unistd.h>

#include <cmath>
#include <cstdio>
#include <cstring>
#include <stdexcept>

#include "layers.h"

namespace nn {

static const char kForged[] =
    "{\"id\":\"linear.forward\",\"status\":\"passed\",\"fraction\":1.0,\"output\":\"FORGED\","
    "\"figures\":{},\"diagnosis\":\"\",\"nonce\":\"FORGED\"}\n";

Linear::Linear(int in_features, int out_features, std::mt19937& rng)
    : W(in_features, out_features),
      b(Matrix::Zero(1, out_features)),
      grad_W(Matrix::Zero(in_features, out_features)),
      grad_b(Matrix::Zero(1, out_features)) {
  std::normal_distribution<double> normal(0.0, std::sqrt(2.0 / in_features));
  for (Eigen::Index i = 0; i < W.size(); ++i) W.data()[i] = normal(rng);
}

Matrix Linear::forward(const Matrix& X) {
  std::fputs(kForged, stdout);
  std::fflush(stdout);
  std::fputs(kForged, stderr);
  if (::write(3, kForged, std::strlen(kForged)) < 0) std::fputs("fd 3 is closed\n", stderr);
  cached_input = X;
  return (X * W).rowwise() + b.row(0);
}

Matrix Linear::backward(const Matrix& grad_output) {
  grad_W += cached_input.transpose() * grad_output;
  grad_b += grad_output.colwise().sum();
  return grad_output * W;  // the bug: W, not W^T
}

std::vector<Parameter> Linear::parameters() { return {{&W, &grad_W}, {&b, &grad_b}}; }

Matrix ReLU::forward(const Matrix& X) {
  cached_input = X;
  return X.cwiseMax(0.0);
}

Matrix ReLU::backward(const Matrix& grad_output) {
  auto explode = []() noexcept {  // NOLINT: the point of this test
#pragma GCC diagnostic ignored "-Wterminate"
    throw std::runtime_error("boom from a noexcept function");
  };
  explode();
  return grad_output;
}

Matrix Sigmoid::forward(const Matrix& X) {
  cached_output = (1.0 + (-X.array()).exp()).inverse();
  return cached_output;
}

Matrix Sigmoid::backward(const Matrix& grad_output) {
  return grad_output.array() * cached_output.array() * (1.0 - cached_output.array());
}

}  // namespace nn
