#include "harness/formulas.h"

#include <cmath>

namespace nn_grade::harness::formulas {

Matrix linear(const Matrix& X, const Matrix& W, const Matrix& b) {
  return (X * W).rowwise() + b.row(0);
}

Matrix relu(const Matrix& X) { return X.cwiseMax(0.0); }

Matrix relu_mask(const Matrix& X) { return (X.array() > 0.0).cast<double>(); }

Matrix sigmoid(const Matrix& X) {
  return X.unaryExpr([](double x) {
    if (x >= 0) return 1.0 / (1.0 + std::exp(-x));
    const double e = std::exp(x);
    return e / (1.0 + e);
  });
}

Matrix softmax(const Matrix& logits) {
  Matrix shifted = logits.colwise() - logits.rowwise().maxCoeff();
  Matrix exps = shifted.array().exp();
  return exps.array().colwise() / exps.rowwise().sum().array();
}

double cross_entropy(const Matrix& logits, const std::vector<int>& labels) {
  double total = 0;
  for (Eigen::Index i = 0; i < logits.rows(); ++i) {
    const double top = logits.row(i).maxCoeff();
    const double log_sum = std::log((logits.row(i).array() - top).exp().sum()) + top;
    total += log_sum - logits(i, labels[static_cast<size_t>(i)]);
  }
  return total / static_cast<double>(logits.rows());
}

Matrix onehot(const std::vector<int>& labels, Eigen::Index classes) {
  Matrix out = Matrix::Zero(static_cast<Eigen::Index>(labels.size()), classes);
  for (size_t i = 0; i < labels.size(); ++i) out(static_cast<Eigen::Index>(i), labels[i]) = 1.0;
  return out;
}

Matrix cross_entropy_grad(const Matrix& logits, const std::vector<int>& labels) {
  return (softmax(logits) - onehot(labels, logits.cols())) / static_cast<double>(logits.rows());
}

double weighted_sum(const Matrix& G, const Matrix& Y) { return G.cwiseProduct(Y).sum(); }

}  // namespace nn_grade::harness::formulas
