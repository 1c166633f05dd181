// Coursework 3: stochastic gradient descent with momentum. Write the functions marked TODO.
#include "optimizer.h"

#include <stdexcept>
#include <string>

namespace nn {

// Replace each call of this with your code.
[[noreturn]] static void not_implemented(const std::string& function) {
  throw std::logic_error(function + " is not implemented yet (optimizer.cpp)");
}

// TODO: keep the parameters, lr and momentum in the members of the same names, and give each
// parameter a velocity: a zero matrix of the same shape as its value, in the same order.
SGD::SGD(std::vector<Parameter> /*params*/, double /*lr*/, double /*momentum*/) {
  not_implemented("SGD::SGD (the constructor)");
}

// TODO: for each parameter i, with its velocity v:
//   v = momentum * v - lr * grad;  value += v
// (the velocity is kept between steps: that is the momentum's memory).
void SGD::step() { not_implemented("SGD::step"); }

// TODO: set every parameter's grad to zero, keeping its shape.
void SGD::zero_grad() { not_implemented("SGD::zero_grad"); }

}  // namespace nn
