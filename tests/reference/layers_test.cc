// The reference layers: gradients against central differences, caches, accumulation, the
// ReLU convention at 0 and Sigmoid's stability.
#include <cmath>
#include <random>

#include <gtest/gtest.h>

#include "layers.h"
#include "numeric.h"

namespace nn_grade {

namespace {

using nn::Matrix;
using nn_test::all_close;
using nn_test::central_differences;
using nn_test::random_matrix;
using nn_test::weighted_sum;

constexpr int kBatch = 6;
constexpr int kIn = 4;
constexpr int kOut = 3;

class LinearTest : public ::testing::Test {
 protected:
  std::mt19937 rng{7};
  nn::Linear layer{kIn, kOut, rng};
  Matrix X = random_matrix(kBatch, kIn, rng);
  Matrix G = random_matrix(kBatch, kOut, rng);

  LinearTest() { layer.b = random_matrix(1, kOut, rng); }
  double f() { return weighted_sum(G, layer.forward(X)); }
};

TEST_F(LinearTest, ForwardComputesXWPlusBOnEveryRow) {
  Matrix Z = layer.forward(X);
  for (int i = 0; i < kBatch; ++i) {
    EXPECT_TRUE(all_close(Z.row(i), X.row(i) * layer.W + layer.b, 1e-12, 0));
  }
}

TEST_F(LinearTest, InputGradientMatchesCentralDifferences) {
  layer.forward(X);
  Matrix dX = layer.backward(G);
  EXPECT_TRUE(all_close(dX, central_differences([&] { return f(); }, X)));
}

TEST_F(LinearTest, WeightGradientMatchesCentralDifferences) {
  layer.forward(X);
  layer.backward(G);
  EXPECT_TRUE(all_close(layer.grad_W, central_differences([&] { return f(); }, layer.W)));
}

TEST_F(LinearTest, BiasGradientMatchesCentralDifferences) {
  layer.forward(X);
  layer.backward(G);
  EXPECT_TRUE(all_close(layer.grad_b, central_differences([&] { return f(); }, layer.b)));
}

TEST_F(LinearTest, CachesTheLastForwardsInputAndUsesIt) {
  nn::Linear fresh = layer;
  fresh.forward(X);
  Matrix expected = fresh.backward(G);

  layer.forward(random_matrix(kBatch, kIn, rng));
  layer.forward(X);
  EXPECT_EQ(layer.cached_input, X);
  EXPECT_TRUE(all_close(layer.backward(G), expected, 1e-12, 0));
  EXPECT_TRUE(all_close(layer.grad_W, fresh.grad_W, 1e-12, 0));
}

TEST_F(LinearTest, TwoBackwardCallsAccumulateTwiceTheGradients) {
  layer.forward(X);
  layer.backward(G);
  Matrix once_W = layer.grad_W;
  Matrix once_b = layer.grad_b;
  layer.backward(G);
  EXPECT_TRUE(all_close(layer.grad_W, 2 * once_W, 1e-12, 0));
  EXPECT_TRUE(all_close(layer.grad_b, 2 * once_b, 1e-12, 0));
}

// Inputs at least 10 h from ReLU's kink, so central differences never straddle it.
Matrix away_from_zero(Matrix X) {
  return X.unaryExpr([](double x) { return std::abs(x) < 1e-4 ? 0.5 : x; });
}

TEST(ReLUTest, ForwardIsMaxOfZeroAndInput) {
  Matrix X(2, 3);
  X << -1, 0, 2, 3, -0.5, 0.25;
  Matrix expected(2, 3);
  expected << 0, 0, 2, 3, 0, 0.25;
  nn::ReLU relu;
  EXPECT_EQ(relu.forward(X), expected);
}

TEST(ReLUTest, InputGradientMatchesCentralDifferences) {
  std::mt19937 rng(11);
  nn::ReLU relu;
  Matrix X = away_from_zero(random_matrix(kBatch, 5, rng));
  Matrix G = random_matrix(kBatch, 5, rng);
  relu.forward(X);
  Matrix dX = relu.backward(G);
  auto f = [&] { return weighted_sum(G, relu.forward(X)); };
  EXPECT_TRUE(all_close(dX, central_differences(f, X)));
}

TEST(ReLUTest, GradientAtExactlyZeroIsZero) {
  nn::ReLU relu;
  relu.forward(Matrix::Zero(4, 5));
  EXPECT_EQ(relu.backward(Matrix::Ones(4, 5)), Matrix::Zero(4, 5));
}

TEST(ReLUTest, CachesTheLastForwardsInputAndUsesIt) {
  std::mt19937 rng(12);
  Matrix X1 = random_matrix(kBatch, 5, rng);
  Matrix X2 = random_matrix(kBatch, 5, rng);
  Matrix G = random_matrix(kBatch, 5, rng);
  nn::ReLU fresh;
  fresh.forward(X2);
  nn::ReLU relu;
  relu.forward(X1);
  relu.forward(X2);
  EXPECT_EQ(relu.cached_input, X2);
  EXPECT_EQ(relu.backward(G), fresh.backward(G));
}

TEST(SigmoidTest, ForwardIsOneOverOnePlusExpOfMinusInput) {
  std::mt19937 rng(13);
  Matrix X = 4 * random_matrix(kBatch, 5, rng);
  nn::Sigmoid sigmoid;
  Matrix expected = (1.0 + (-X.array()).exp()).inverse().matrix();
  EXPECT_TRUE(all_close(sigmoid.forward(X), expected, 1e-14, 1e-14));
}

TEST(SigmoidTest, InputGradientMatchesCentralDifferences) {
  std::mt19937 rng(14);
  nn::Sigmoid sigmoid;
  Matrix X = 3 * random_matrix(kBatch, 5, rng);
  Matrix G = random_matrix(kBatch, 5, rng);
  sigmoid.forward(X);
  Matrix dX = sigmoid.backward(G);
  auto f = [&] { return weighted_sum(G, sigmoid.forward(X)); };
  EXPECT_TRUE(all_close(dX, central_differences(f, X)));
}

TEST(SigmoidTest, CachesTheLastForwardsOutputAndUsesIt) {
  std::mt19937 rng(15);
  Matrix X1 = random_matrix(kBatch, 5, rng);
  Matrix X2 = random_matrix(kBatch, 5, rng);
  Matrix G = random_matrix(kBatch, 5, rng);
  nn::Sigmoid fresh;
  Matrix Y2 = fresh.forward(X2);
  nn::Sigmoid sigmoid;
  sigmoid.forward(X1);
  sigmoid.forward(X2);
  EXPECT_EQ(sigmoid.cached_output, Y2);
  EXPECT_EQ(sigmoid.backward(G), fresh.backward(G));
}

TEST(SigmoidTest, StaysFiniteAndRightAtPlusMinusAThousand) {
  Matrix X(1, 4);
  X << 1000, -1000, 0, 40;
  nn::Sigmoid sigmoid;
  Matrix Y = sigmoid.forward(X);
  ASSERT_TRUE(Y.allFinite());
  EXPECT_EQ(Y(0, 0), 1.0);
  EXPECT_EQ(Y(0, 1), 0.0);
  EXPECT_EQ(Y(0, 2), 0.5);
  Matrix dX = sigmoid.backward(Matrix::Ones(1, 4));
  ASSERT_TRUE(dX.allFinite());
  EXPECT_EQ(dX(0, 0), 0.0);
  EXPECT_EQ(dX(0, 1), 0.0);
}

}  // namespace

}  // namespace nn_grade
