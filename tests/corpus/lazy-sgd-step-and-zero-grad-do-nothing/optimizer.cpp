// Coursework 3 model answer: SGD with momentum.
#include "optimizer.h"

namespace nn {

SGD::SGD(std::vector<Parameter> to_train, double learning_rate, double momentum_coefficient)
    : params(std::move(to_train)), lr(learning_rate), momentum(momentum_coefficient) {
  for (const Parameter& p : params) {
    velocities.push_back(Matrix::Zero(p.value->rows(), p.value->cols()));
  }
}

void SGD::step() {}  // lazy

void SGD::zero_grad() {}  // lazy

}  // namespace nn
