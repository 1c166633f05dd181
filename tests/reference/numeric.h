// Helpers the reference tests share: random inputs, central differences, and a closeness
// assertion that names the worst entry.
#pragma once

#include <functional>
#include <random>

#include <gtest/gtest.h>

#include "layers.h"

namespace nn_grade {

namespace nn_test {

using nn::Matrix;

// Uniform in [-1, 1], from a seeded generator.
Matrix random_matrix(Eigen::Index rows, Eigen::Index cols, std::mt19937& rng);

// sum(G .* Y): the scalar whose gradient with respect to Y is G.
double weighted_sum(const Matrix& G, const Matrix& Y);

// (f(x + h e_i) - f(x - h e_i)) / 2h for every entry of x; x is perturbed in place and restored.
Matrix central_differences(const std::function<double()>& f, Matrix& x, double h = 1e-6);

// |actual - expected| <= atol + rtol * |expected| everywhere, with the same shape.
::testing::AssertionResult all_close(const Matrix& actual, const Matrix& expected,
                                     double atol = 1e-5, double rtol = 1e-3);

}  // namespace nn_test

}  // namespace nn_grade
