// The reference cross-entropy: its value, its gradient and its stability.
#include <cmath>
#include <random>
#include <vector>

#include <gtest/gtest.h>

#include "losses.h"
#include "numeric.h"

namespace nn_grade {

namespace {

using nn::Matrix;
using nn_test::all_close;
using nn_test::central_differences;
using nn_test::random_matrix;

TEST(CrossEntropyTest, ForwardIsTheMeanOfMinusLogSoftmaxOfTheLabel) {
  Matrix logits(2, 3);
  logits << 1, 2, 3, 0, 0, 0;
  std::vector<int> labels = {2, 1};
  double row0 = -std::log(std::exp(3.0) / (std::exp(1.0) + std::exp(2.0) + std::exp(3.0)));
  double row1 = std::log(3.0);
  nn::CrossEntropyLoss loss;
  EXPECT_NEAR(loss.forward(logits, labels), (row0 + row1) / 2, 1e-12);
}

TEST(CrossEntropyTest, CachesSoftmaxMinusOnehotOverTheBatch) {
  Matrix logits(2, 3);
  logits << 0, 0, 0, 0, 0, std::log(2.0);
  nn::CrossEntropyLoss loss;
  loss.forward(logits, {0, 2});
  Matrix expected(2, 3);
  expected << (1.0 / 3 - 1) / 2, 1.0 / 6, 1.0 / 6, 0.25 / 2, 0.25 / 2, (0.5 - 1) / 2;
  EXPECT_TRUE(all_close(loss.cached_grad, expected, 1e-12, 0));
  EXPECT_EQ(loss.backward(), loss.cached_grad);
}

TEST(CrossEntropyTest, LogitsGradientMatchesCentralDifferences) {
  std::mt19937 rng(21);
  Matrix logits = 2 * random_matrix(6, 4, rng);
  std::vector<int> labels = {0, 3, 1, 1, 2, 3};
  nn::CrossEntropyLoss loss;
  loss.forward(logits, labels);
  Matrix analytic = loss.backward();
  auto f = [&] { return nn::CrossEntropyLoss().forward(logits, labels); };
  EXPECT_TRUE(all_close(analytic, central_differences(f, logits)));
}

TEST(CrossEntropyTest, StaysFiniteAndRightForLogitsOfAThousand) {
  Matrix logits(2, 3);
  logits << 1000, 0, -1000, 1000, 1000, 0;
  nn::CrossEntropyLoss loss;
  double value = loss.forward(logits, {0, 2});
  // Row 0: -log(1) = 0. Row 1: -log(e^0 / (2 e^1000)) = 1000 + log 2.
  EXPECT_NEAR(value, (1000 + std::log(2.0)) / 2, 1e-9);
  Matrix expected(2, 3);
  expected << 0, 0, 0, 0.25, 0.25, -0.5;
  EXPECT_TRUE(all_close(loss.backward(), expected, 1e-12, 0));
}

}  // namespace

}  // namespace nn_grade
