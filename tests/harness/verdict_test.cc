// What a compared value says: its relative error beside the tolerance test, on a pass too; a
// scalar named as one.
#include "harness/verdict.h"

#include <cmath>

#include <gtest/gtest.h>

namespace nn_grade {

namespace harness {
namespace {

bool has(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

TEST(EntryName, AScalarIsNamedWithoutAnIndex) {
  EXPECT_EQ(entry_name("the loss", Eigen::MatrixXd::Constant(1, 1, 2.0), 0, 0), "the loss");
  EXPECT_EQ(entry_name("grad_W", Eigen::MatrixXd::Zero(3, 2), 2, 1), "grad_W[2, 1]");
  EXPECT_EQ(entry_name("grad_b", Eigen::MatrixXd::Zero(1, 4), 0, 3), "grad_b[0, 3]");
}

TEST(SmallMatrix, AScalarIsItsNumber) {
  EXPECT_EQ(small_matrix(Eigen::MatrixXd::Constant(1, 1, 2.5)), "2.5");
  Eigen::MatrixXd m(2, 2);
  m << 1, 2, 3, 4;
  EXPECT_EQ(small_matrix(m), "[[1, 2], [3, 4]]");
  EXPECT_EQ(small_matrix(Eigen::MatrixXd::Zero(5, 5)), "");
}

TEST(Percent, SaysHowMuchOfTheToleranceIsUsed) {
  EXPECT_EQ(percent(0.0025), "0.25%");
  EXPECT_EQ(percent(1e-5), "under 0.1%");
  EXPECT_EQ(percent(1.5), "150%");
  EXPECT_EQ(percent(INFINITY), "inf");
  EXPECT_EQ(percent(0), "0%");
}

TEST(ValuePart, AWrongScalarIsNamedAsAScalar) {
  const Part part = value_part("the loss", Eigen::MatrixXd::Constant(1, 1, 2.0),
                               Eigen::MatrixXd::Constant(1, 1, 1.0), 4);
  EXPECT_FALSE(part.passed);
  EXPECT_TRUE(has(part.output, "the loss is 2 (yours), expected 1;")) << part.output;
  EXPECT_FALSE(has(part.output, "[0, 0]")) << part.output;
  EXPECT_FALSE(has(part.output, "entries")) << part.output;
  EXPECT_FALSE(has(part.output, "[[")) << part.output;
  EXPECT_FALSE(part.figures.contains("worst_index"));
  EXPECT_NEAR(part.figures["max_rel_error"].get<double>(), 1.0 / 3.0, 1e-12);
}

TEST(GradientPart, APassReportsTheRelativeErrorBesideTheTolerance) {
  Eigen::MatrixXd numerical(2, 2);
  numerical << 1e-11, 0.5, -0.25, 2.0;  // an exact 0 against rounding: no "relative error 1"
  Eigen::MatrixXd yours = numerical;
  yours(0, 0) = 0;
  yours(1, 1) += 1e-8;
  const Part part = gradient_part("grad_W", yours, numerical, numerical, {1e-6, 1e-5, 1e-3}, 2);
  ASSERT_TRUE(part.passed) << part.output;
  EXPECT_TRUE(has(part.output,
                  "grad_W matches finite differences: max relative error 2.5e-09; "
                  "the largest error is under 0.1% of the tolerance (atol 1e-05, "
                  "rtol 0.001)."))
      << part.output;
  EXPECT_DOUBLE_EQ(part.figures["relative_error_floor"].get<double>(), 1e-2);
  EXPECT_TRUE(part.figures.contains("max_error_over_tolerance"));
  EXPECT_FALSE(part.figures.contains("tolerance_used"));
}

TEST(GradientPart, AFailureGivesTheWorstEntryAndTheRelativeError) {
  Eigen::MatrixXd numerical(2, 2);
  numerical << 1.0, 2.0, 3.0, 4.0;
  Eigen::MatrixXd yours = numerical;
  yours(1, 0) = 3.5;
  const Part part = gradient_part("grad_W", yours, numerical, numerical, {1e-6, 1e-5, 1e-3}, 2);
  ASSERT_FALSE(part.passed);
  EXPECT_TRUE(has(part.output,
                  "grad_W is wrong at 1 of 4 entries. Worst: grad_W[1, 0] is 3.5 "
                  "(yours), finite differences 3;"))
      << part.output;
  EXPECT_TRUE(has(part.output,
                  "Relative error (|yours - right| / (|yours| + |right|), at most "
                  "1): max 0.07692."))
      << part.output;
}

}  // namespace
}  // namespace harness

}  // namespace nn_grade
