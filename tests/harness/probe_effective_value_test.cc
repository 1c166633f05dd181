#include "harness/probe_effective_value.h"

#include <random>

#include <gtest/gtest.h>

namespace nn_grade {

namespace harness {
namespace {

// Ten steps of SGD with momentum m (v = m v - lr g; x += v) on fixed random gradients: how far
// the parameters move.
RightFor path(double lr) {
  return [lr](double m) {
    std::mt19937 rng(9);
    std::uniform_real_distribution<double> uniform(-1, 1);
    Eigen::MatrixXd v = Eigen::MatrixXd::Zero(4, 1), x = v, g(4, 1);
    for (int step = 0; step < 10; ++step) {
      for (Eigen::Index i = 0; i < g.size(); ++i) g(i) = uniform(rng);
      v = m * v - lr * g;
      x += v;
    }
    return x;
  };
}

TEST(EffectiveValue, FindsTheValueTheRightFormulaNeeds) {
  const RightFor right = path(0.1);
  const auto v = effective_value(right(0.37), right, -1.5, 1.5);
  ASSERT_TRUE(v);
  EXPECT_NEAR(*v, 0.37, 1e-6);
  // Right steps with another learning rate are no momentum at all.
  EXPECT_FALSE(effective_value(path(0.2)(0.9), right, -1.5, 1.5));
}

TEST(EffectiveValue, OneMinusTheGivenValueOnEveryTrialIsSaidInPlainWords) {
  const RightFor right = path(0.1);
  const auto finding = describe_effective(
      "momentum", {{0.9, right(0.1), right}, {0.45, right(0.55), right}}, -1.5, 1.5);
  ASSERT_TRUE(finding);
  EXPECT_NE(finding->find("With momentum 0.9 yours moved as the right formula does with "
                          "momentum 0.1; with 0.45, as with 0.55"),
            std::string::npos)
      << *finding;
  EXPECT_NE(finding->find("yours behaves as with 1 - momentum"), std::string::npos) << *finding;
}

TEST(EffectiveValue, OneValueWhateverIsGivenIsSaidToIgnoreTheGivenOne) {
  // One SGD step: the update is -lr * grad; a student's that is -0.01 * grad for any lr.
  const Eigen::MatrixXd grad = Eigen::MatrixXd::Constant(3, 1, 0.7);
  const RightFor right = [grad](double lr) -> Eigen::MatrixXd { return -lr * grad; };
  const auto finding =
      describe_effective("lr", {{0.1, right(0.01), right}, {0.2, right(0.01), right}}, -2, 2);
  ASSERT_TRUE(finding);
  EXPECT_NE(finding->find("With lr 0.1 yours moved as the right formula does with lr 0.01; with "
                          "0.2, as with 0.01: whatever lr it is given, yours behaves as with "
                          "0.01; it does not use the lr it is given."),
            std::string::npos)
      << *finding;
}

TEST(EffectiveValue, NoRelationOnEveryTrialGivesTheNumbersAlone) {
  const RightFor right = path(0.1);
  const auto finding = describe_effective(
      "momentum", {{0.9, right(0.3), right}, {0.45, right(0.55), right}}, -1.5, 1.5);
  ASSERT_TRUE(finding);
  EXPECT_EQ(finding->find("1 - momentum"), std::string::npos) << *finding;
}

TEST(EffectiveValue, TheRightValueOrNoValueIsNoFinding) {
  const RightFor right = path(0.1);
  EXPECT_FALSE(describe_effective("momentum", {{0.9, right(0.9), right}}, -1.5, 1.5));
  EXPECT_FALSE(describe_effective("momentum", {{0.9, path(0.3)(0.9), right}}, -1.5, 1.5));
}

}  // namespace
}  // namespace harness

}  // namespace nn_grade
