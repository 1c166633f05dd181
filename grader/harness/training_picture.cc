#include "harness/training_picture.h"

#include <algorithm>
#include <cmath>

namespace nn_grade::harness {

Extent square_around(const Eigen::MatrixXd& X) {
  if (X.rows() == 0 || X.cols() < 2 || !X.allFinite()) return {-1, 1, -1, 1};
  const double x_lo = X.col(0).minCoeff(), x_hi = X.col(0).maxCoeff();
  const double y_lo = X.col(1).minCoeff(), y_hi = X.col(1).maxCoeff();
  const double side = std::max({x_hi - x_lo, y_hi - y_lo, 1e-9}) / 0.9;
  const double x_mid = (x_lo + x_hi) / 2, y_mid = (y_lo + y_hi) / 2;
  return {x_mid - side / 2, x_mid + side / 2, y_mid - side / 2, y_mid + side / 2};
}

Eigen::MatrixXd cell_centres(const Extent& e, int columns, int rows) {
  Eigen::MatrixXd centres(static_cast<Eigen::Index>(columns) * rows, 2);
  const double width = (e.x_max - e.x_min) / columns, height = (e.y_max - e.y_min) / rows;
  for (int r = 0; r < rows; ++r) {
    for (int c = 0; c < columns; ++c) {
      const Eigen::Index i = static_cast<Eigen::Index>(r) * columns + c;
      centres(i, 0) = e.x_min + (c + 0.5) * width;
      centres(i, 1) = e.y_max - (r + 0.5) * height;
    }
  }
  return centres;
}

std::vector<std::vector<int>> predicted_cells(const Eigen::MatrixXd& logits, int columns, int rows,
                                              int classes) {
  std::vector<std::vector<int>> cells(static_cast<size_t>(rows),
                                      std::vector<int>(static_cast<size_t>(columns), -1));
  if (logits.rows() != static_cast<Eigen::Index>(columns) * rows || logits.cols() != classes) {
    return cells;
  }
  for (int r = 0; r < rows; ++r) {
    for (int c = 0; c < columns; ++c) {
      const auto row = logits.row(static_cast<Eigen::Index>(r) * columns + c);
      if (!row.allFinite()) continue;
      Eigen::Index best = 0;
      row.maxCoeff(&best);
      cells[static_cast<size_t>(r)][static_cast<size_t>(c)] = static_cast<int>(best);
    }
  }
  return cells;
}

std::vector<std::vector<int>> point_cells(const Dataset& data, const Extent& e, int columns,
                                          int rows, int classes) {
  // counts[cell][class]
  std::vector<std::vector<int>> counts(static_cast<size_t>(columns) * rows,
                                       std::vector<int>(static_cast<size_t>(classes), 0));
  for (Eigen::Index i = 0; i < data.X.rows(); ++i) {
    const int label = data.labels[static_cast<size_t>(i)];
    const double c = std::floor((data.X(i, 0) - e.x_min) / (e.x_max - e.x_min) * columns);
    const double r = std::floor((e.y_max - data.X(i, 1)) / (e.y_max - e.y_min) * rows);
    if (!(c >= 0 && c < columns && r >= 0 && r < rows) || label < 0 || label >= classes) continue;
    ++counts[static_cast<size_t>(r) * columns + static_cast<size_t>(c)][static_cast<size_t>(label)];
  }
  std::vector<std::vector<int>> cells(static_cast<size_t>(rows),
                                      std::vector<int>(static_cast<size_t>(columns), -1));
  for (size_t cell = 0; cell < counts.size(); ++cell) {
    const auto& n = counts[cell];
    const auto most = std::max_element(n.begin(), n.end());
    if (most != n.end() && *most > 0) {
      cells[cell / columns][cell % columns] = static_cast<int>(most - n.begin());
    }
  }
  return cells;
}

std::pair<int, std::vector<double>> sampled_losses(const std::vector<double>& losses) {
  const size_t n = losses.size();
  const size_t every = std::max<size_t>(1, (n + kMaxLosses - 1) / kMaxLosses);
  std::vector<double> kept;
  for (size_t i = 0; i < n; i += every) kept.push_back(losses[i]);
  return {static_cast<int>(every), kept};
}

}  // namespace nn_grade::harness
