// A stand-in for libnn_harness.a in the build tests: a main() that needs the student's Linear,
// so an empty layers.cpp fails to link the way a missing function does.
#include <random>

#include "layers.h"

int main() {
  std::mt19937 rng(1);
  nn::Linear layer(2, 3, rng);
  nn::Matrix x = nn::Matrix::Ones(4, 2);
  return layer.backward(layer.forward(x)).rows() == 4 ? 0 : 1;
}
