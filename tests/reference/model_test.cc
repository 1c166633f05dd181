// The reference MLP: what it builds, and every parameter's gradient under the cross-entropy
// loss against central differences, with either activation.
#include <random>
#include <vector>

#include <gtest/gtest.h>

#include "losses.h"
#include "model.h"
#include "numeric.h"

namespace nn_grade {

namespace {

using nn::Matrix;
using nn_test::all_close;
using nn_test::central_differences;
using nn_test::random_matrix;

TEST(MLPTest, BuildsLinearAndActivationLayersWithNoActivationAfterTheLast) {
  std::mt19937 rng(31);
  nn::MLP mlp({4, 7, 6, 3}, nn::Activation::Sigmoid, rng);
  ASSERT_EQ(mlp.layers.size(), 5u);
  const int shapes[3][2] = {{4, 7}, {7, 6}, {6, 3}};
  for (int i = 0; i < 3; ++i) {
    auto* linear = dynamic_cast<nn::Linear*>(mlp.layers[2 * i].get());
    ASSERT_NE(linear, nullptr) << "layer " << 2 * i;
    EXPECT_EQ(linear->W.rows(), shapes[i][0]);
    EXPECT_EQ(linear->W.cols(), shapes[i][1]);
  }
  EXPECT_NE(dynamic_cast<nn::Sigmoid*>(mlp.layers[1].get()), nullptr);
  EXPECT_NE(dynamic_cast<nn::Sigmoid*>(mlp.layers[3].get()), nullptr);
  EXPECT_EQ(mlp.parameters().size(), 6u);
}

TEST(MLPTest, ForwardIsTheCompositionOfItsLayers) {
  std::mt19937 rng(32);
  nn::MLP mlp({4, 7, 3}, nn::Activation::ReLU, rng);
  Matrix X = random_matrix(5, 4, rng);
  Matrix expected = X;
  for (auto& layer : mlp.layers) expected = layer->forward(expected);
  EXPECT_EQ(mlp.forward(X), expected);
}

class MLPGradientTest : public ::testing::TestWithParam<nn::Activation> {};

TEST_P(MLPGradientTest, EveryParameterGradientMatchesCentralDifferences) {
  std::mt19937 rng(33);
  nn::MLP mlp({4, 7, 6, 3}, GetParam(), rng);
  Matrix X = random_matrix(6, 4, rng);
  std::vector<int> labels = {0, 2, 1, 1, 0, 2};
  nn::CrossEntropyLoss loss;
  loss.forward(mlp.forward(X), labels);
  mlp.backward(loss.backward());

  auto f = [&] { return nn::CrossEntropyLoss().forward(mlp.forward(X), labels); };
  std::vector<nn::Parameter> params = mlp.parameters();
  for (size_t i = 0; i < params.size(); ++i) {
    Matrix analytic = *params[i].grad;
    EXPECT_TRUE(all_close(analytic, central_differences(f, *params[i].value))) << "parameter " << i;
  }
}

INSTANTIATE_TEST_SUITE_P(BothActivations, MLPGradientTest,
                         ::testing::Values(nn::Activation::ReLU, nn::Activation::Sigmoid),
                         [](const auto& param_info) {
                           return param_info.param == nn::Activation::ReLU ? "ReLU" : "Sigmoid";
                         });

}  // namespace

}  // namespace nn_grade
