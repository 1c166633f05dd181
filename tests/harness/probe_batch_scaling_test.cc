#include "harness/probe_batch_scaling.h"

#include <cmath>
#include <random>

#include <gtest/gtest.h>

#include "harness/student_server.h"

namespace nn_grade {

namespace harness {
namespace {

// A right value for a batch of b samples, and the student's as `scale(b)` times it.
std::function<Probe(int)> answers(double (*scale)(int)) {
  return [scale](int b) {
    std::mt19937 rng(static_cast<unsigned>(b));
    std::normal_distribution<double> normal;
    Eigen::MatrixXd right(3, 2);
    for (Eigen::Index i = 0; i < right.size(); ++i) right.data()[i] = normal(rng);
    return Probe{scale(b) * right, right, b};
  };
}

TEST(BatchScaling, ARightAnswerShowsNothing) {
  EXPECT_FALSE(batch_scaling("grad_W", answers([](int) { return 1.0; })));
}

TEST(BatchScaling, DividedByTheBatchTwiceMoreIsReadAsTheSquare) {
  const auto finding = batch_scaling("grad_W", answers([](int b) { return 1.0 / (b * b); }));
  ASSERT_TRUE(finding);
  EXPECT_NE(finding->find("1/4, 1/16 and 1/64 times"), std::string::npos) << *finding;
  EXPECT_NE(finding->find("batch size squared"), std::string::npos) << *finding;
}

TEST(BatchScaling, MultipliedByTheBatch) {
  const auto finding = batch_scaling("dL/dlogits", answers([](int b) { return 1.0 * b; }));
  ASSERT_TRUE(finding);
  EXPECT_NE(finding->find("division by it is missing"), std::string::npos) << *finding;
}

TEST(BatchScaling, AConstantFactorIsNoPowerOfTheBatch) {
  EXPECT_FALSE(batch_scaling("grad_W", answers([](int) { return 0.5; })));
}

TEST(BatchScaling, CodeThatThrowsAtOneSizeIsNoFinding) {
  EXPECT_FALSE(batch_scaling("grad_W", [](int b) -> Probe {
    if (b == 8) throw StudentThrew("Linear::backward threw");
    return {Eigen::MatrixXd::Ones(2, 2) / b, Eigen::MatrixXd::Ones(2, 2), b};
  }));
}

}  // namespace
}  // namespace harness

}  // namespace nn_grade
