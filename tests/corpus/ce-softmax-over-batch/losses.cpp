// Coursework 3 model answer: softmax cross-entropy, mean over the batch.
#include "losses.h"

#include <cmath>

namespace nn {

double CrossEntropyLoss::forward(const Matrix& logits, const std::vector<int>& labels) {
  const Eigen::Index batch = logits.rows();
  // Subtracting each row's maximum leaves softmax unchanged and keeps exp from overflowing.
  Matrix shifted = logits.colwise() - logits.rowwise().maxCoeff();
  Matrix exps = shifted.array().exp();
  Eigen::RowVectorXd sums = exps.colwise().sum();  // one sum per class, over the batch
  Matrix probs = exps.array().rowwise() / sums.array();

  double loss = 0.0;
  for (Eigen::Index i = 0; i < batch; ++i) {
    loss -= std::log(probs(i, labels[i]));
    probs(i, labels[i]) -= 1.0;
  }
  cached_grad = probs / static_cast<double>(batch);
  return loss / static_cast<double>(batch);
}

Matrix CrossEntropyLoss::backward() { return cached_grad; }

}  // namespace nn
