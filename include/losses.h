// Coursework 3: softmax cross-entropy. The one copy of this header.
#pragma once

#include <vector>

#include "layers.h"

namespace nn {
class CrossEntropyLoss {  // softmax + cross-entropy, mean over the batch
 public:
  // labels[i] in [0, classes). Returns the mean loss; caches dL/dlogits in cached_grad.
  double forward(const Matrix& logits, const std::vector<int>& labels);
  Matrix backward();  // returns cached_grad = (softmax(logits) - onehot(labels)) / batch
  Matrix cached_grad;
};
}  // namespace nn
