// Every function lazy: the optimizer keeps nothing and does nothing.
#include "optimizer.h"

namespace nn {

SGD::SGD(std::vector<Parameter> /*to_train*/, double learning_rate, double momentum_coefficient)
    : lr(learning_rate), momentum(momentum_coefficient) {}

void SGD::step() {}

void SGD::zero_grad() {}

}  // namespace nn
