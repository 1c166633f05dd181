#include "harness/probe_batch_dependence.h"

#include <random>

#include <gtest/gtest.h>

#include "harness/student_server.h"

namespace nn_grade {

namespace harness {
namespace {

Eigen::MatrixXd batch(int rows, int cols) {
  std::mt19937 rng(3);
  std::normal_distribution<double> normal;
  Eigen::MatrixXd m(rows, cols);
  for (Eigen::Index i = 0; i < m.size(); ++i) m.data()[i] = normal(rng);
  return m;
}

TEST(BatchDependence, ARowWiseAnswerShowsNothingEvenWhenItIsWrong) {
  // max(0, 2x): wrong, but each sample's answer depends on that sample alone.
  EXPECT_FALSE(batch_dependence("forward(X)", batch(5, 3), [](const Eigen::MatrixXd& X) {
    return Eigen::MatrixXd((2 * X).cwiseMax(0.0));
  }));
}

TEST(BatchDependence, AnAnswerThatUsesTheBatchMeanIsSaidToDependOnTheOtherSamples) {
  const auto finding = batch_dependence("forward(X)", batch(5, 3), [](const Eigen::MatrixXd& X) {
    return Eigen::MatrixXd((X.array() - X.mean()).cwiseMax(0.0));
  });
  ASSERT_TRUE(finding);
  EXPECT_NE(finding->find("depends on the other samples of the batch"), std::string::npos)
      << *finding;
  EXPECT_NE(finding->find("batch of 5"), std::string::npos) << *finding;
}

TEST(BatchDependence, AnAnswerThatTreatsRowsByPositionIsSaidToDependOnTheirOrder) {
  // The first row's answer copied to every row: the last row's answer follows the first sample.
  const auto finding = batch_dependence("forward(X)", batch(4, 2), [](const Eigen::MatrixXd& X) {
    return Eigen::MatrixXd(X.row(0).replicate(X.rows(), 1));
  });
  ASSERT_TRUE(finding);
  EXPECT_NE(finding->find("depends on the order of the samples"), std::string::npos) << *finding;
}

TEST(BatchDependence, CodeThatThrowsOnOtherBatchesIsNoFinding) {
  EXPECT_FALSE(batch_dependence("forward(X)", batch(4, 2), [](const Eigen::MatrixXd& X) {
    if (X.rows() != 4) throw StudentThrew("Linear::forward threw std::out_of_range");
    return X;
  }));
}

}  // namespace
}  // namespace harness

}  // namespace nn_grade
