// Coursework 3: stochastic gradient descent with momentum. The one copy of this header.
#pragma once

#include <vector>

#include "layers.h"

namespace nn {
class SGD {
 public:
  SGD(std::vector<Parameter> params, double lr, double momentum = 0.0);  // velocities: zeros, one per param
  void step();       // v = momentum * v - lr * grad;  value += v
  void zero_grad();  // every grad set to zero, shape kept
  std::vector<Parameter> params;
  double lr;
  double momentum;
  std::vector<Matrix> velocities;
};
}  // namespace nn
