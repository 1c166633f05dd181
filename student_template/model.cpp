// Coursework 3: the multi-layer perceptron. Write the functions marked TODO; the rest is given.
#include "model.h"

#include <stdexcept>
#include <string>

namespace nn {

// Replace each call of this with your code.
[[noreturn]] static void not_implemented(const std::string& function) {
  throw std::logic_error(function + " is not implemented yet (model.cpp)");
}

// TODO: for sizes = {in, h1, ..., out}, push into layers a Linear(sizes[i], sizes[i + 1], rng)
// for each consecutive pair, each followed by a ReLU or a Sigmoid (as `activation` says), except
// the last Linear: it outputs the logits, so no activation after it.
MLP::MLP(const std::vector<int>& /*sizes*/, Activation /*activation*/, std::mt19937& /*rng*/) {
  not_implemented("MLP::MLP (the constructor)");
}

// TODO: pass X through every layer, first to last, and return the result.
Matrix MLP::forward(const Matrix& /*X*/) { not_implemented("MLP::forward"); }

// TODO: pass grad_output through every layer's backward, last to first (reverse order), and
// return the result: dL/dX.
Matrix MLP::backward(const Matrix& /*grad_output*/) { not_implemented("MLP::backward"); }

std::vector<Parameter> MLP::parameters() {
  std::vector<Parameter> all;
  for (auto& layer : layers) {
    for (const Parameter& p : layer->parameters()) all.push_back(p);
  }
  return all;
}

}  // namespace nn
