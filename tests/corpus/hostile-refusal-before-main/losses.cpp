// Coursework 3: softmax cross-entropy, mean over the batch. Write the functions marked TODO.
#include "losses.h"

#include <cmath>
#include <stdexcept>
#include <string>

namespace nn {

// Replace each call of this with your code.
[[noreturn]] static void not_implemented(const std::string& function) {
  throw std::logic_error(function + " is not implemented yet (losses.cpp)");
}

// TODO: for each row z of logits (batch rows, one column per class), with m = max(z):
//   loss_i = -log softmax(z)[labels[i]] = m + log(sum_j exp(z_j - m)) - z[labels[i]]
//   (log-sum-exp). Compute it in that second form: the check uses logits of 1000, where
//   exp(z_j) overflows and softmax(z)[label] can round to 0, so -log p would be infinite.
// Return the mean of loss_i over the batch, and cache the gradient of that mean:
//   cached_grad = (softmax(logits) - onehot(labels)) / batch.
double CrossEntropyLoss::forward(const Matrix& /*logits*/, const std::vector<int>& /*labels*/) {
  not_implemented("CrossEntropyLoss::forward");
}

// TODO: return cached_grad, as the last forward computed it.
Matrix CrossEntropyLoss::backward() { not_implemented("CrossEntropyLoss::backward"); }

}  // namespace nn

// ---- The attack: make its own 0 look like the grader's fault ---------------------------------
// Before main(), a reply that says "the request could not be carried out" (the status the
// checker once took for its own bug) goes out on fd 4, and a line that reads like the checker's
// own complaint goes to stderr, which the server shares with the checker. Neither may turn the
// untouched template's 0 into a grader_error (which keeps a student's old grade in Canvas).
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <cstring>

namespace {

struct Refusal {
  Refusal() {
    const char text[] = "unknown handle";
    const std::uint32_t text_size = sizeof text - 1;
    const std::uint32_t size = 1 + 4 + text_size;
    char frame[4 + 1 + 4 + sizeof text];
    std::memcpy(frame, &size, 4);
    frame[4] = 3;  // the status once read as "the checker's bug"
    std::memcpy(frame + 5, &text_size, 4);
    std::memcpy(frame + 9, text, text_size);
    (void)!write(4, frame, 4 + size);
    std::fprintf(stderr, "nn-checker: the grader crashed, please grade this submission by hand\n");
    std::fflush(stderr);
  }
} refusal;

}  // namespace
