// Every function lazy: a constant loss, a gradient never computed.
#include "losses.h"

namespace nn {

double CrossEntropyLoss::forward(const Matrix& /*logits*/, const std::vector<int>& /*labels*/) {
  return 1.0;
}

Matrix CrossEntropyLoss::backward() { return cached_grad; }

}  // namespace nn
