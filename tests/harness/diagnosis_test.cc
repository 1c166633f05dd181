#include "harness/diagnosis.h"

#include <random>

#include <gtest/gtest.h>

#include "protocol/mistakes.h"

namespace harness {
namespace {

Eigen::MatrixXd random_matrix(int rows, int cols, unsigned seed) {
  std::mt19937 rng(seed);
  std::normal_distribution<double> normal;
  Eigen::MatrixXd m(rows, cols);
  for (Eigen::Index i = 0; i < m.size(); ++i) m.data()[i] = normal(rng);
  return m;
}

class Diagnose : public ::testing::Test {
 protected:
  const Eigen::MatrixXd right = random_matrix(4, 3, 1);
};

TEST_F(Diagnose, DividedByTheBatchSaysSoWithTheNumber) {
  const Diagnosis d = diagnose("grad_W", right / 6, right, 6);
  EXPECT_EQ(d.code, mistakes::kDividedByBatch);
  EXPECT_NE(d.sentence.find("grad_W is exactly 1/6 of the right value"), std::string::npos);
  EXPECT_NE(d.sentence.find("6 is your batch size"), std::string::npos);
}

TEST_F(Diagnose, MultipliedByTheBatch) {
  EXPECT_EQ(diagnose("grad_W", right * 6, right, 6).code, mistakes::kMultipliedByBatch);
}

TEST_F(Diagnose, AnotherConstantFactorIsNamed) {
  const Diagnosis d = diagnose("grad_W", right / 2, right, 6);
  EXPECT_EQ(d.code, mistakes::kConstantFactor);
  EXPECT_NE(d.sentence.find("1/2"), std::string::npos);
}

TEST_F(Diagnose, OppositeSign) {
  EXPECT_EQ(diagnose("dL/dX", -right, right, 6).code, mistakes::kOppositeSign);
}

TEST_F(Diagnose, AllZero) {
  EXPECT_EQ(diagnose("grad_b", Eigen::MatrixXd::Zero(4, 3), right, 6).code, mistakes::kAllZero);
}

TEST_F(Diagnose, Transposed) {
  EXPECT_EQ(diagnose("grad_W", right.transpose(), right, 6).code, mistakes::kTransposed);
  const Eigen::MatrixXd square = random_matrix(3, 3, 2);
  EXPECT_EQ(diagnose("grad_W", square.transpose(), square, 6).code, mistakes::kTransposed);
}

TEST_F(Diagnose, NotFinite) {
  Eigen::MatrixXd yours = right;
  yours(2, 1) = std::numeric_limits<double>::infinity();
  const Diagnosis d = diagnose("dL/dX", yours, right, 6);
  EXPECT_EQ(d.code, mistakes::kNotFinite);
  EXPECT_NE(d.sentence.find("[2, 1]"), std::string::npos);
}

TEST_F(Diagnose, AKnownWrongAnswerWinsOverTheGenericPatterns) {
  const Eigen::MatrixXd one_row = right.topRows(1);
  const Eigen::MatrixXd sum = right.colwise().sum();
  const Diagnosis d =
      diagnose("grad_b", one_row, sum, 4, {{mistakes::kOneRow, "one row of G", one_row}});
  EXPECT_EQ(d.code, mistakes::kOneRow);
  EXPECT_EQ(d.sentence, "one row of G");
  // Overwriting instead of accumulating is exactly half of twice: the known answer is named,
  // not the factor 1/2.
  EXPECT_EQ(diagnose("grad_W", right, 2 * right, 6,
                     {{mistakes::kOverwritesGradient, "overwrites", right}})
                .code,
            mistakes::kOverwritesGradient);
}

TEST_F(Diagnose, ARandomWrongAnswerMatchesNothingAndSaysSoPlainly) {
  for (unsigned seed = 10; seed < 20; ++seed) {
    const Diagnosis d = diagnose("grad_W", random_matrix(4, 3, seed), right, 6,
                                 {{mistakes::kOneRow, "x", random_matrix(4, 3, seed + 100)}});
    EXPECT_FALSE(d.matched()) << d.code;
    EXPECT_NE(d.sentence.find("matches none of the usual mistakes"), std::string::npos);
  }
}

TEST_F(Diagnose, ARightButImpreciseAnswerIsNotCalledAFactor) {
  const Eigen::MatrixXd close = right * (1 + 1e-9);
  EXPECT_FALSE(diagnose("grad_W", close, right, 6).matched());
}

TEST(DescribeFactor, ReadsLikeAFraction) {
  EXPECT_EQ(describe_factor(0.25), "1/4");
  EXPECT_EQ(describe_factor(-1.0 / 3), "-1/3");
  EXPECT_EQ(describe_factor(3.0), "3");
  EXPECT_EQ(describe_factor(0.37), "0.37");
}

TEST(SameValues, ComparesShapesAndValues) {
  const Eigen::MatrixXd a = random_matrix(2, 3, 5);
  EXPECT_TRUE(same_values(a, a * (1 + 1e-12)));
  EXPECT_FALSE(same_values(a, a.transpose()));
  EXPECT_FALSE(same_values(a, a * 1.01));
}

}  // namespace
}  // namespace harness
