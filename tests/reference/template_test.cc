// The student template: every coursework function is a stub that throws std::logic_error
// naming itself, so a student who runs it learns what is left to write.
#include <cstring>
#include <functional>
#include <new>
#include <random>
#include <stdexcept>
#include <string>

#include <gtest/gtest.h>

#include "layers.h"
#include "losses.h"
#include "model.h"
#include "optimizer.h"

namespace nn_grade {

namespace {

using nn::Matrix;

::testing::AssertionResult throws_naming(const std::function<void()>& call,
                                         const std::string& function) {
  try {
    call();
  } catch (const std::logic_error& e) {
    if (std::string(e.what()).find(function) != std::string::npos) {
      return ::testing::AssertionSuccess();
    }
    return ::testing::AssertionFailure() << "message \"" << e.what() << "\" lacks " << function;
  }
  return ::testing::AssertionFailure() << function << " did not throw std::logic_error";
}

TEST(TemplateTest, LayerStubsThrowNamingTheirFunction) {
  std::mt19937 rng(1);
  nn::Linear linear(3, 2, rng);
  nn::ReLU relu;
  nn::Sigmoid sigmoid;
  Matrix X = Matrix::Ones(4, 3);
  Matrix G = Matrix::Ones(4, 2);
  EXPECT_TRUE(throws_naming([&] { linear.forward(X); }, "Linear::forward"));
  EXPECT_TRUE(throws_naming([&] { linear.backward(G); }, "Linear::backward"));
  EXPECT_TRUE(throws_naming([&] { relu.forward(X); }, "ReLU::forward"));
  EXPECT_TRUE(throws_naming([&] { relu.backward(X); }, "ReLU::backward"));
  EXPECT_TRUE(throws_naming([&] { sigmoid.forward(X); }, "Sigmoid::forward"));
  EXPECT_TRUE(throws_naming([&] { sigmoid.backward(X); }, "Sigmoid::backward"));
}

TEST(TemplateTest, GivenLinearConstructorAndParametersWork) {
  std::mt19937 rng(1);
  nn::Linear linear(3, 2, rng);
  EXPECT_EQ(linear.parameters().size(), 2u);
  EXPECT_EQ(linear.grad_W.rows(), 3);
  EXPECT_EQ(linear.grad_b.cols(), 2);
}

TEST(TemplateTest, LossStubsThrowNamingTheirFunction) {
  nn::CrossEntropyLoss loss;
  EXPECT_TRUE(throws_naming(
      [&] {
        loss.forward(Matrix::Zero(2, 3), {0, 1});
      },
      "CrossEntropyLoss::forward"));
  EXPECT_TRUE(throws_naming([&] { loss.backward(); }, "CrossEntropyLoss::backward"));
}

TEST(TemplateTest, ConstructorStubsThrowNamingTheirClass) {
  std::mt19937 rng(1);
  Matrix value = Matrix::Zero(1, 1), grad = Matrix::Zero(1, 1);
  EXPECT_TRUE(throws_naming([&] { nn::MLP({2, 3}, nn::Activation::ReLU, rng); }, "MLP::MLP"));
  EXPECT_TRUE(throws_naming([&] { nn::SGD({{&value, &grad}}, 0.1); }, "SGD::SGD"));
}

// The constructors are stubs too, so no MLP or SGD can be built: call the member stubs on
// zeroed storage. They throw before they read *this.
template <typename T>
T& unconstructed() {
  alignas(T) static unsigned char storage[sizeof(T)];
  std::memset(storage, 0, sizeof(T));
  return *std::launder(reinterpret_cast<T*>(storage));
}

TEST(TemplateTest, MemberStubsOfUnbuildableClassesThrowNamingTheirFunction) {
  nn::MLP& mlp = unconstructed<nn::MLP>();
  nn::SGD& sgd = unconstructed<nn::SGD>();
  EXPECT_TRUE(throws_naming([&] { mlp.forward(Matrix::Ones(2, 2)); }, "MLP::forward"));
  EXPECT_TRUE(throws_naming([&] { mlp.backward(Matrix::Ones(2, 2)); }, "MLP::backward"));
  EXPECT_TRUE(throws_naming([&] { sgd.step(); }, "SGD::step"));
  EXPECT_TRUE(throws_naming([&] { sgd.zero_grad(); }, "SGD::zero_grad"));
}

}  // namespace

}  // namespace nn_grade
