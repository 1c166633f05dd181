// Coursework 3 model answer: softmax cross-entropy, mean over the batch.
#include "losses.h"

#include <cmath>

namespace nn {

double CrossEntropyLoss::forward(const Matrix& logits, const std::vector<int>& labels) {
  const Eigen::Index batch = logits.rows();
  // Subtracting each row's maximum leaves softmax unchanged and keeps exp from overflowing.
  Matrix shifted = logits.colwise() - logits.rowwise().maxCoeff();
  Matrix exps = shifted.unaryExpr([](double v) { return std::exp2(v); });  // in bits
  Eigen::VectorXd sums = exps.rowwise().sum();
  Matrix probs = exps.array().colwise() / sums.array();

  double loss = 0.0;
  for (Eigen::Index i = 0; i < batch; ++i) {
    loss += std::log2(sums(i)) - shifted(i, labels[i]);  // -log2 softmax, without log(0)
    probs(i, labels[i]) -= 1.0;
  }
  cached_grad = probs / static_cast<double>(batch);
  return loss / static_cast<double>(batch);
}

Matrix CrossEntropyLoss::backward() { return cached_grad; }

}  // namespace nn
