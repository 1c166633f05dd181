#include "report/score_changes.h"

#include <sstream>

#include <gtest/gtest.h>

#include "fixtures.h"

namespace nn_grade {

namespace {

protocol::SubmissionResult graded(const std::string& key, double score, double max_score = 10) {
  protocol::SubmissionResult result;
  result.submission = key;
  result.status = protocol::SubmissionStatus::kGraded;
  result.score = score;
  result.max_score = max_score;
  return result;
}

TEST(ScoreChangesTest, AFirstRunHasNothingToCompareWith) {
  EXPECT_TRUE(report::score_changes({}, {graded("ann", 7), graded("bob", 3)}).empty());
}

TEST(ScoreChangesTest, ListsMovedScoresOldAndNewInTheNewOrder) {
  const auto changes =
      report::score_changes({graded("ann", 7), graded("bob", 3), graded("cid", 5)},
                            {graded("cid", 6.5), graded("ann", 7), graded("bob", 2)});
  ASSERT_EQ(changes.size(), 2u);
  EXPECT_EQ(changes[0].submission, "cid");
  ASSERT_TRUE(changes[0].before.has_value());
  EXPECT_DOUBLE_EQ(changes[0].before->score, 5);
  EXPECT_DOUBLE_EQ(changes[0].after.score, 6.5);
  EXPECT_EQ(changes[1].submission, "bob");
  EXPECT_DOUBLE_EQ(changes[1].before->score, 3);
  EXPECT_DOUBLE_EQ(changes[1].after.score, 2);
}

TEST(ScoreChangesTest, ALateSubmissionIsNewAndOneNoLongerGradedIsNotListed) {
  const auto changes = report::score_changes({graded("ann", 7), graded("gone", 4)},
                                             {graded("ann", 7), graded("late", 9)});
  ASSERT_EQ(changes.size(), 1u);
  EXPECT_EQ(changes[0].submission, "late");
  EXPECT_FALSE(changes[0].before.has_value());
  EXPECT_DOUBLE_EQ(changes[0].after.score, 9);
}

TEST(ScoreChangesTest, ARubricWithOtherPointsOrAnotherStatusIsAChangeEvenAtTheSameScore) {
  protocol::SubmissionResult failed = graded("bob", 0);
  failed.status = protocol::SubmissionStatus::kBuildFailed;
  const auto changes = report::score_changes({graded("ann", 7, 10), graded("bob", 0)},
                                             {graded("ann", 7, 12), failed});
  ASSERT_EQ(changes.size(), 2u);
  EXPECT_DOUBLE_EQ(changes[0].before->max_score, 10);
  EXPECT_DOUBLE_EQ(changes[0].after.max_score, 12);
  EXPECT_EQ(changes[1].before->status, protocol::SubmissionStatus::kGraded);
  EXPECT_EQ(changes[1].after.status, protocol::SubmissionStatus::kBuildFailed);
}

TEST(ScoreChangesTest, DifferencesCanvasRoundsAwayAreNoChange) {
  EXPECT_TRUE(report::score_changes({graded("ann", 7.3331)}, {graded("ann", 7.3334)}).empty());
  EXPECT_EQ(report::score_changes({graded("ann", 7.33)}, {graded("ann", 7.34)}).size(), 1u);
}

TEST(ScoreChangesTest, PrintsEachChangeBeforeAndNow) {
  protocol::SubmissionResult failed = graded("bob", 0);
  failed.status = protocol::SubmissionStatus::kMissingFiles;
  std::ostringstream out;
  report::print_score_changes(
      out, report::score_changes({graded("ann", 7)}, {graded("ann", 8.5), failed}));
  EXPECT_TRUE(fixtures::contains(out.str(), "2 scores changed since the last run"));
  EXPECT_TRUE(fixtures::contains(out.str(), "\n  ann: 7 / 10 -> 8.5 / 10\n"));
  EXPECT_TRUE(
      fixtures::contains(out.str(), "\n  bob: not graded before -> 0 / 10 (missing_files)\n"));
  std::ostringstream none;
  report::print_score_changes(none, {});
  EXPECT_EQ(none.str(), "No score changed since the last run into this folder.\n");
}

}  // namespace

}  // namespace nn_grade
