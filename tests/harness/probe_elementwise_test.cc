#include "harness/probe_elementwise.h"

#include <random>

#include <gtest/gtest.h>

#include "harness/student_server.h"

namespace nn_grade {

namespace harness {
namespace {

Eigen::MatrixXd draw(unsigned seed) {
  std::mt19937 rng(seed);
  std::uniform_real_distribution<double> uniform(-3.0, 3.0);
  Eigen::MatrixXd m(5, 4);
  for (Eigen::Index i = 0; i < m.size(); ++i) m.data()[i] = uniform(rng);
  return m;
}

Eigen::MatrixXd relu(const Eigen::MatrixXd& x) { return x.cwiseMax(0.0); }
Eigen::MatrixXd sigmoid(const Eigen::MatrixXd& x) {
  return (1.0 / (1.0 + (-x.array()).exp())).matrix();
}

std::optional<std::string> probe(const Elementwise& yours, const Elementwise& right,
                                 const std::string& f_name) {
  return elementwise_relation("forward(X)", f_name, draw(1), draw(2), yours, right);
}

TEST(Elementwise, ARightForwardShowsNothing) { EXPECT_FALSE(probe(relu, relu, "max(0, x)")); }

TEST(Elementwise, ALeakyReluIsWrongOnlyBelowZeroWhereItIsAMultipleOfX) {
  const auto finding =
      probe([](const Eigen::MatrixXd& x) -> Eigen::MatrixXd { return x.cwiseMax(0.01 * x); }, relu,
            "max(0, x)");
  ASSERT_TRUE(finding);
  EXPECT_EQ(*finding,
            "On two draws of X, forward(X) is right at every x >= 0 and wrong at every x < 0, "
            "where yours is 0.01 x.");
}

TEST(Elementwise, AnAbsoluteValueIsMinusXBelowZero) {
  const auto finding = probe(
      [](const Eigen::MatrixXd& x) -> Eigen::MatrixXd { return x.cwiseAbs(); }, relu, "max(0, x)");
  ASSERT_TRUE(finding);
  EXPECT_NE(finding->find("wrong at every x < 0, where yours is -x."), std::string::npos)
      << *finding;
}

TEST(Elementwise, ASigmoidWithTheExponentsSignFlippedIsOneMinusSigma) {
  const auto finding = probe(
      [](const Eigen::MatrixXd& x) -> Eigen::MatrixXd { return sigmoid(-x); }, sigmoid, "sigma(x)");
  ASSERT_TRUE(finding);
  EXPECT_EQ(*finding,
            "On two draws of X, forward(X) is wrong at every entry: yours is 1 - sigma(x) where "
            "the right value is sigma(x).");
}

TEST(Elementwise, WrongOnlyBelowZeroWithNoSimpleFunctionSaysWhereAlone) {
  const auto finding = probe(
      [](const Eigen::MatrixXd& x) -> Eigen::MatrixXd {
        return x.unaryExpr([](double v) { return v < 0 ? v * v * v + 0.5 : v; });
      },
      relu, "max(0, x)");
  ASSERT_TRUE(finding);
  EXPECT_EQ(*finding,
            "On two draws of X, forward(X) is right at every x >= 0 and wrong at every "
            "x < 0.");
}

TEST(Elementwise, DrawsThatDisagreeShowNothing) {
  // A factor that depends on the draw (its first entry): no one relation holds on both.
  EXPECT_FALSE(probe([](const Eigen::MatrixXd& x)
                         -> Eigen::MatrixXd { return (x * (1.5 + x(0, 0))).cwiseMax(0.0); },
                     relu, "max(0, x)"));
}

TEST(Elementwise, CodeThatThrowsIsNoFinding) {
  EXPECT_FALSE(probe(
      [](const Eigen::MatrixXd&) -> Eigen::MatrixXd {
        throw StudentThrew("ReLU::forward threw std::out_of_range");
      },
      relu, "max(0, x)"));
}

}  // namespace
}  // namespace harness

}  // namespace nn_grade
