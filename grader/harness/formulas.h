// The coursework's mathematics, written once by the harness: what finite differences are
// taken of, and what forward values are compared with. Independent of any submission.
#pragma once

#include <vector>

#include <Eigen/Dense>

namespace nn_grade::harness::formulas {

using Matrix = Eigen::MatrixXd;

Matrix linear(const Matrix& X, const Matrix& W, const Matrix& b);  // X W + b, b broadcast
Matrix relu(const Matrix& X);
Matrix relu_mask(const Matrix& X);     // 1 where X > 0, else 0
Matrix sigmoid(const Matrix& X);       // stable at +-1000
Matrix softmax(const Matrix& logits);  // row-wise, stable
double cross_entropy(const Matrix& logits, const std::vector<int>& labels);  // batch mean
Matrix cross_entropy_grad(const Matrix& logits, const std::vector<int>& labels);
Matrix onehot(const std::vector<int>& labels, Eigen::Index classes);

// sum(G .* Y): the scalar whose gradient a layer's backward(G) is.
double weighted_sum(const Matrix& G, const Matrix& Y);

}  // namespace nn_grade::harness::formulas
