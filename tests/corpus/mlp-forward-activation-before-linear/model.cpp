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
  // The mistake: each activation runs before its Linear, on the Linear's input, not after it.
  // Every layer's own code is right and every shape fits; only the parts put together are wrong.
  Matrix out = X;
  for (size_t i = 0; i < layers.size(); i += 2) {
    if (i + 1 < layers.size()) out = layers[i + 1]->forward(out);
    out = layers[i]->forward(out);
  }
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
