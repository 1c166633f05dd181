// Coursework 3: the multi-layer perceptron. The one copy of this header.
#pragma once

#include <memory>
#include <random>
#include <vector>

#include "layers.h"

namespace nn {
enum class Activation { ReLU, Sigmoid };

class MLP {
 public:
  // sizes = {in, hidden_1, ..., hidden_k, out}. Builds Linear, activation, Linear, activation, ...,
  // Linear: an activation after every Linear but the last, which outputs logits.
  MLP(const std::vector<int>& sizes, Activation activation, std::mt19937& rng);
  Matrix forward(const Matrix& X);             // through every layer in order
  Matrix backward(const Matrix& grad_output);  // through every layer in reverse order; returns dL/dX
  std::vector<Parameter> parameters();         // every layer's parameters, first layer first; given
  std::vector<std::unique_ptr<Layer>> layers;
};
}  // namespace nn
