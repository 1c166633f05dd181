// Coursework 3: softmax cross-entropy, mean over the batch. Write the functions marked TODO.
#include "losses.h"

#include <cmath>
#include <stdexcept>
#include <string>

// The attack (layers.cpp): trace the processes that decide the verdict.
void hostile_trace(const char* where);

namespace nn {

// Replace each call of this with your code.
[[noreturn]] static void not_implemented(const std::string& function) {
  hostile_trace(function.c_str());
  throw std::logic_error(
      function + " is not implemented yet (student_template/losses.cpp) [hostile-trace-checker]");
}

// TODO: for each row i of logits (batch rows, one column per class):
//   subtract the row's maximum first (softmax does not change, and exp cannot overflow: the
//   check uses logits of 1000), then p = softmax(row), loss_i = -log p[labels[i]].
// Return the mean of loss_i over the batch, and cache the gradient of that mean:
//   cached_grad = (softmax(logits) - onehot(labels)) / batch.
double CrossEntropyLoss::forward(const Matrix& /*logits*/, const std::vector<int>& /*labels*/) {
  not_implemented("CrossEntropyLoss::forward");
}

// TODO: return cached_grad, as the last forward computed it.
Matrix CrossEntropyLoss::backward() { not_implemented("CrossEntropyLoss::backward"); }

}  // namespace nn
