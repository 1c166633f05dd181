#include "harness/probe_sigmoid_derivative.h"

#include <random>

#include <gtest/gtest.h>

#include "harness/formulas.h"
#include "harness/student_server.h"

namespace nn_grade {

namespace harness {
namespace {

// A Sigmoid backward whose dL/dX is `f(G, s, x)` entry by entry, on draws of X in [-4, 4].
using Backward = double (*)(double G, double s, double x);

std::function<SigmoidDraw(int)> student(Backward f) {
  return [f](int draw) {
    std::mt19937 rng(static_cast<unsigned>(11 + draw));
    std::uniform_real_distribution<double> uniform(-4, 4);
    std::normal_distribution<double> normal;
    Eigen::MatrixXd X(6, 5), G(6, 5);
    for (Eigen::Index i = 0; i < X.size(); ++i) X.data()[i] = uniform(rng);
    for (Eigen::Index i = 0; i < G.size(); ++i) G.data()[i] = normal(rng);
    SigmoidDraw d{harness::formulas::sigmoid(X), G, Eigen::MatrixXd(6, 5)};
    for (Eigen::Index i = 0; i < X.size(); ++i)
      d.yours.data()[i] = f(G.data()[i], d.s.data()[i], X.data()[i]);
    return d;
  };
}

std::string finding_of(Backward f) {
  const auto finding = sigmoid_derivative(student(f));
  return finding ? *finding : "(none)";
}

TEST(SigmoidDerivative, TheRightDerivativeShowsNothing) {
  EXPECT_FALSE(
      sigmoid_derivative(student([](double G, double s, double) { return G * s * (1 - s); })));
}

TEST(SigmoidDerivative, APlusForAMinusIsReadAsSTimesOnePlusS) {
  const std::string finding =
      finding_of([](double G, double s, double) { return G * s * (1 + s); });
  EXPECT_NE(finding.find("your dL/dX is G x s (1 + s) at every entry"), std::string::npos)
      << finding;
}

TEST(SigmoidDerivative, OneMinusSSquaredIsNamedInTheFormAStudentWrites) {
  const std::string finding =
      finding_of([](double G, double s, double) { return G * (1 - s) * (1 - s); });
  EXPECT_NE(finding.find("G x (1 - s)^2"), std::string::npos) << finding;
}

TEST(SigmoidDerivative, GPassedThroughIsSaidInWords) {
  const std::string finding = finding_of([](double G, double, double) { return G; });
  EXPECT_NE(finding.find("your dL/dX is G unchanged at every entry"), std::string::npos) << finding;
}

TEST(SigmoidDerivative, AnyOtherPolynomialIsWrittenOut) {
  const std::string finding =
      finding_of([](double G, double s, double) { return G * (0.25 + 3 * s * s * s); });
  EXPECT_NE(finding.find("G x (0.25 + 3 s^3)"), std::string::npos) << finding;
}

TEST(SigmoidDerivative, NoFunctionOfSIsNoFinding) {
  // The derivative taken at the input x (listed elsewhere as sigmoid_caches_input), or a
  // backward that does not multiply G at all: no polynomial in s gives them.
  EXPECT_FALSE(
      sigmoid_derivative(student([](double G, double, double x) { return G * x * (1 - x); })));
  EXPECT_FALSE(sigmoid_derivative(student([](double G, double s, double) { return G * G * s; })));
}

TEST(SigmoidDerivative, CodeThatThrowsIsNoFinding) {
  EXPECT_FALSE(sigmoid_derivative(
      [](int) -> SigmoidDraw { throw StudentThrew("Sigmoid::backward threw"); }));
}

}  // namespace
}  // namespace harness

}  // namespace nn_grade
