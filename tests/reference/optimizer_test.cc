// The reference SGD against values computed by hand.
#include <gtest/gtest.h>

#include "numeric.h"
#include "optimizer.h"

namespace nn_grade {

namespace {

using nn::Matrix;
using nn_test::all_close;

TEST(SGDTest, VelocitiesStartAtZeroShapedLikeTheParameters) {
  Matrix value = Matrix::Ones(2, 3);
  Matrix grad = Matrix::Ones(2, 3);
  nn::SGD sgd({{&value, &grad}}, 0.1, 0.9);
  ASSERT_EQ(sgd.velocities.size(), 1u);
  EXPECT_TRUE(all_close(sgd.velocities[0], Matrix::Zero(2, 3), 0, 0));
}

TEST(SGDTest, OneStepWithoutMomentumSubtractsLrTimesTheGradient) {
  Matrix value(2, 2);
  value << 1, 2, 3, 4;
  Matrix grad(2, 2);
  grad << 0.5, -1, 2, 0;
  nn::SGD sgd({{&value, &grad}}, 0.1);
  sgd.step();
  Matrix expected(2, 2);
  expected << 0.95, 2.1, 2.8, 4;
  EXPECT_TRUE(all_close(value, expected, 1e-12, 0));
}

TEST(SGDTest, StepsWithMomentumRememberThePreviousVelocity) {
  Matrix value = Matrix::Zero(1, 1);
  Matrix grad(1, 1);
  nn::SGD sgd({{&value, &grad}}, 0.1, 0.9);
  // v1 = -0.1;  v2 = 0.9 * -0.1 - 0.2 = -0.29;  v3 = 0.9 * -0.29 + 0.1 = -0.161.
  const double grads[] = {1, 2, -1};
  const double values[] = {-0.1, -0.39, -0.551};
  for (int i = 0; i < 3; ++i) {
    grad(0, 0) = grads[i];
    sgd.step();
    EXPECT_NEAR(value(0, 0), values[i], 1e-12) << "after step " << i + 1;
  }
}

TEST(SGDTest, ZeroGradResetsEveryGradientAndKeepsItsShape) {
  Matrix w = Matrix::Ones(3, 2), grad_w = Matrix::Constant(3, 2, 5);
  Matrix b = Matrix::Ones(1, 2), grad_b = Matrix::Constant(1, 2, -2);
  nn::SGD sgd({{&w, &grad_w}, {&b, &grad_b}}, 0.1);
  sgd.zero_grad();
  EXPECT_TRUE(all_close(grad_w, Matrix::Zero(3, 2), 0, 0));
  EXPECT_TRUE(all_close(grad_b, Matrix::Zero(1, 2), 0, 0));
}

}  // namespace

}  // namespace nn_grade
