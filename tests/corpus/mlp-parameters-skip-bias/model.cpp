// Coursework 3 model answer: the multi-layer perceptron.
#include "model.h"

namespace nn {

MLP::MLP(const std::vector<int>& sizes, Activation activation, std::mt19937& rng) {
  for (size_t i = 0; i + 1 < sizes.size(); ++i) {
    layers.push_back(std::make_unique<Linear>(sizes[i], sizes[i + 1], rng));
    bool last = i + 2 == sizes.size();
    if (last) break;  // the last Linear outputs logits: no activation after it
    if (activation == Activation::ReLU) {
      layers.push_back(std::make_unique<ReLU>());
    } else {
      layers.push_back(std::make_unique<Sigmoid>());
    }
  }
}

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
    for (const Parameter& p : layer->parameters()) {
      all.push_back(p);
      break;
    }
  }
  return all;
}

}  // namespace nn
