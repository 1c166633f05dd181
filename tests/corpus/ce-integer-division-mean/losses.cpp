// The mean over the batch taken as 1 / batch with whole numbers: 0 for every batch but one.
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
    loss += std::log(sums(i)) - shifted(i, labels[i]);  // -log softmax, without log(0)
    probs(i, labels[i]) -= 1.0;
  }
  const double mean = 1 / batch;  // whole numbers: 1 / 6 is 0
  cached_grad = probs * mean;
  return loss * mean;
}

Matrix CrossEntropyLoss::backward() { return cached_grad; }

}  // namespace nn
