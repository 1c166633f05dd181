// The picture of training as the checker builds it: the grid over the spiral, the classes the
// logits predict, where the training points fall, the losses kept.
#include "harness/training_picture.h"

#include <cmath>

#include <gtest/gtest.h>

namespace nn_grade {

namespace harness {
namespace {

TEST(SquareAround, HoldsEveryPointWithAMargin) {
  Eigen::MatrixXd X(3, 2);
  X << -1, 0, 1, 0.5, 0, -0.5;
  const Extent e = square_around(X);
  EXPECT_NEAR(e.x_max - e.x_min, e.y_max - e.y_min, 1e-12);  // square
  EXPECT_NEAR(e.x_max - e.x_min, 2 / 0.9, 1e-12);
  EXPECT_NEAR(e.x_min + e.x_max, 0, 1e-12);
  EXPECT_NEAR(e.y_min + e.y_max, 0, 1e-12);
  EXPECT_EQ(square_around(Eigen::MatrixXd(0, 2)).x_min, -1);
}

TEST(CellCentres, RowByRowFromTheTop) {
  const Eigen::MatrixXd c = cell_centres({0, 4, 0, 2}, 4, 2);
  ASSERT_EQ(c.rows(), 8);
  EXPECT_DOUBLE_EQ(c(0, 0), 0.5);  // top left
  EXPECT_DOUBLE_EQ(c(0, 1), 1.5);
  EXPECT_DOUBLE_EQ(c(3, 0), 3.5);  // top right
  EXPECT_DOUBLE_EQ(c(4, 1), 0.5);  // bottom left
}

TEST(PredictedCells, ArgMaxAndMinusOneWhereNotFinite) {
  Eigen::MatrixXd logits(4, 3);
  logits << 1, 0, 0,  //
      0, 5, 1,        //
      0, 1, 2,        //
      NAN, 0, 0;
  const auto cells = predicted_cells(logits, 2, 2, 3);
  EXPECT_EQ(cells, (std::vector<std::vector<int>>{{0, 1}, {2, -1}}));
  // The wrong shape: nothing is known.
  EXPECT_EQ(predicted_cells(Eigen::MatrixXd::Zero(3, 3), 2, 2, 3),
            (std::vector<std::vector<int>>{{-1, -1}, {-1, -1}}));
}

TEST(PointCells, TheMostCommonClassOfTheCell) {
  Dataset data{Eigen::MatrixXd(5, 2), {0, 1, 1, 2, 0}};
  data.X << 0.1, 1.9,  // top left
      0.2, 1.8,        // top left
      0.3, 1.7,        // top left
      3.9, 0.1,        // bottom right
      9.0, 9.0;        // outside
  const auto cells = point_cells(data, {0, 4, 0, 2}, 4, 2, 3);
  EXPECT_EQ(cells, (std::vector<std::vector<int>>{{1, -1, -1, -1}, {-1, -1, -1, 2}}));
}

TEST(SampledLosses, EveryEpochWhileFewElseEveryKth) {
  const std::vector<double> few(120, 1.0);
  EXPECT_EQ(sampled_losses(few).first, 1);
  EXPECT_EQ(sampled_losses(few).second.size(), 120u);
  std::vector<double> many(1000);
  for (size_t i = 0; i < many.size(); ++i) many[i] = static_cast<double>(i);
  const auto [every, kept] = sampled_losses(many);
  EXPECT_EQ(every, 4);
  EXPECT_EQ(kept.size(), 250u);
  EXPECT_EQ(kept[1], 4.0);
  EXPECT_LE(static_cast<int>(kept.size()), kMaxLosses);
}

}  // namespace
}  // namespace harness

}  // namespace nn_grade
