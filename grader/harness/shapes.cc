#include "harness/shapes.h"

#include <fmt/format.h>

namespace nn_grade::harness {

std::string shape_of(const Eigen::MatrixXd& m) {
  return fmt::format("({}, {})", m.rows(), m.cols());
}

bool same_shape(const Eigen::MatrixXd& a, const Eigen::MatrixXd& b) {
  return a.rows() == b.rows() && a.cols() == b.cols();
}

bool identical(const Eigen::MatrixXd& a, const Eigen::MatrixXd& b) {
  return same_shape(a, b) && a == b;
}

std::optional<std::string> shape_error(const std::string& name, const Eigen::MatrixXd& m,
                                       Eigen::Index rows, Eigen::Index cols) {
  if (m.rows() == rows && m.cols() == cols) return std::nullopt;
  std::string message =
      fmt::format("{} has shape {}; expected ({}, {})", name, shape_of(m), rows, cols);
  if (m.size() == 0) message += " (it was never set)";
  if (m.rows() == cols && m.cols() == rows && rows != cols) message += " (transposed?)";
  return message;
}

}  // namespace nn_grade::harness
