// The classic 3-class spiral (CS231n): points on `classes` interleaved arms, which no linear
// classifier separates, so learning it needs a hidden layer.
#pragma once

#include <random>
#include <vector>

#include <Eigen/Dense>

namespace nn_grade::harness {

struct Dataset {
  Eigen::MatrixXd X;        // (points_per_class * classes, 2)
  std::vector<int> labels;  // in [0, classes)
};

// Points with noise from `rng`, every arm turned by `turn` radians about the origin.
Dataset spiral(std::mt19937_64& rng, int points_per_class, int classes, double turn = 0.0);

}  // namespace nn_grade::harness
