// The model answer passes every check of the catalog, at several seeds, with a margin:
// finite-difference errors stay far below their tolerance. The checks run in this process
// against the reference's student server, as the checker runs them.
#include <set>

#include <gtest/gtest.h>

#include "protocol/catalog.h"
#include "server_session.h"

namespace nn_grade {

namespace harness {
namespace {

class ReferencePasses : public ::testing::TestWithParam<std::uint64_t> {};

TEST_P(ReferencePasses, EveryCheckWithMargin) {
  const std::uint64_t seed = GetParam();
  for (const protocol::CheckInfo& info : protocol::all_checks()) {
    SCOPED_TRACE(info.id);
    const protocol::CheckReport report = run_on(REFERENCE_SERVER, info.id, seed);
    EXPECT_EQ(report.status, protocol::CheckStatus::kPassed) << report.output;
    EXPECT_EQ(report.fraction, 1.0);
    EXPECT_EQ(report.diagnosis, "");
    EXPECT_EQ(report.id, info.id);
    if (info.defaults.contains("rtol")) {
      // A correct gradient uses under 1% of its tolerance: it passes with a margin, not by luck.
      ASSERT_TRUE(report.figures.contains("max_error_over_tolerance")) << report.figures.dump();
      EXPECT_LT(report.figures["max_error_over_tolerance"].get<double>(), 0.01)
          << report.figures.dump();
      // and CS231n's relative error, on a pass too, is healthy: never "1" for values near 0.
      ASSERT_TRUE(report.figures.contains("max_rel_error")) << report.figures.dump();
      EXPECT_LT(report.figures["max_rel_error"].get<double>(), 1e-5) << report.figures.dump();
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Seeds, ReferencePasses, ::testing::Values(1, 2, 12345, 987654321, 42));

// The spiral's turn and the evaluation points are drawn unseen (a new draw each grading): the
// reference passes whatever is drawn.
TEST(ReferenceTraining, PassesWhateverIsDrawnUnseen) {
  for (std::uint64_t unseen = 1; unseen <= 12; ++unseen) {
    SCOPED_TRACE(unseen);
    const protocol::CheckReport report =
        run_on(REFERENCE_SERVER, "train.spiral", 7, nlohmann::json::object(), unseen);
    EXPECT_EQ(report.status, protocol::CheckStatus::kPassed) << report.output;
    EXPECT_LT(report.figures["epochs"].get<int>(), 150) << report.output;  // half the budget
  }
}

TEST(ReferenceTraining, PassesWithAClearMargin) {
  const protocol::CheckReport report =
      run_on(REFERENCE_SERVER, "train.spiral", 7, {{"min_accuracy", 0.95}}, 7);
  EXPECT_EQ(report.status, protocol::CheckStatus::kPassed) << report.output;
  EXPECT_LT(report.figures["epochs"].get<int>(), 150);  // half the default budget
  // Its picture: every epoch's loss, and a map where the network predicts every class.
  ASSERT_TRUE(report.training.has_value());
  EXPECT_EQ(report.training->epochs, report.figures["epochs"].get<int>());
  EXPECT_EQ(static_cast<int>(report.training->losses.size()), report.training->epochs);
  EXPECT_EQ(report.training->rows(), 20);
  EXPECT_EQ(report.training->columns(), 40);
  std::set<int> predicted;
  for (const auto& row : report.training->regions) predicted.insert(row.begin(), row.end());
  EXPECT_EQ(predicted, (std::set<int>{0, 1, 2}));
}

TEST(Params, OverrideTheDefaults) {
  const protocol::CheckReport report =
      run_on(REFERENCE_SERVER, "linear.backward.weight", 3, {{"in", 2}, {"out", 2}});
  EXPECT_EQ(report.status, protocol::CheckStatus::kPassed) << report.output;
  EXPECT_EQ(report.figures["entries"], 4);
}

}  // namespace
}  // namespace harness

}  // namespace nn_grade
