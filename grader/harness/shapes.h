// Shape validation, done before any value of a student's matrix is read.
#pragma once

#include <optional>
#include <string>

#include <Eigen/Dense>

namespace nn_grade::harness {

// "(6, 3)"
std::string shape_of(const Eigen::MatrixXd& m);

// The same rows and columns.
bool same_shape(const Eigen::MatrixXd& a, const Eigen::MatrixXd& b);

// The same shape and every entry equal, bit for bit: a value left exactly as it was.
bool identical(const Eigen::MatrixXd& a, const Eigen::MatrixXd& b);

// Empty when `m` is rows x cols, else "grad_b has shape (6, 3); expected (1, 3)".
std::optional<std::string> shape_error(const std::string& name, const Eigen::MatrixXd& m,
                                       Eigen::Index rows, Eigen::Index cols);

}  // namespace nn_grade::harness
