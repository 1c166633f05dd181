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
  for (const Parameter& p : params) p.value->setZero();
}

}  // namespace nn
