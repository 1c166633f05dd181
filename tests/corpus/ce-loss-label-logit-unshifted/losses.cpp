// log-sum-exp of the shifted logits, minus the unshifted logit of the label: off by each row's
// maximum.
#include "losses.h"

#include <cmath>

namespace nn {

double CrossEntropyLoss::forward(const Matrix& logits, const std::vector<int>& labels) {
  const Eigen::Index batch = logits.rows();
  // Subtracting each row's maximum leaves softmax unchanged and keeps exp from overflowing.
  Matrix shifted = logits.colwise() - logits.rowwise().maxCoeff();
  Matrix exps = shifted.array().exp();
  Eigen::VectorXd sums = exps.rowwise().sum();
  Matrix probs = exps.array().colwise() / sums.array();

  double loss = 0.0;
  for (Eigen::Index i = 0; i < batch; ++i) {
    loss += std::log(sums(i)) - logits(i, labels[i]);  // the label's logit, not shifted
    probs(i, labels[i]) -= 1.0;
  }
  cached_grad = probs / static_cast<double>(batch);
  return loss / static_cast<double>(batch);
}

Matrix CrossEntropyLoss::backward() { return cached_grad; }

}  // namespace nn
