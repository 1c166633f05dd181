#include "harness/spiral.h"

#include <cmath>

namespace nn_grade::harness {

Dataset spiral(std::mt19937_64& rng, int points_per_class, int classes, double turn) {
  std::normal_distribution<double> noise(0.0, 0.2);
  Dataset data{Eigen::MatrixXd(points_per_class * classes, 2), {}};
  for (int c = 0; c < classes; ++c) {
    for (int i = 0; i < points_per_class; ++i) {
      const double r = points_per_class > 1 ? static_cast<double>(i) / (points_per_class - 1) : 1.0;
      const double t = 4.0 * (c + r) + turn + noise(rng);
      const int row = c * points_per_class + i;
      data.X(row, 0) = r * std::sin(t);
      data.X(row, 1) = r * std::cos(t);
      data.labels.push_back(c);
    }
  }
  return data;
}

}  // namespace nn_grade::harness
