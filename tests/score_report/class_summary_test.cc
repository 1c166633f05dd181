#include "report/class_summary.h"

#include <sstream>

#include <gtest/gtest.h>

#include "fixtures.h"
#include "score/score.h"

namespace nn_grade {

namespace {

// Five students: 100, 87 (the sample), 94, 0 (build failed), and one grader error.
std::vector<protocol::SubmissionResult> a_class() {
  std::vector<protocol::SubmissionResult> results;
  results.push_back(fixtures::all_passed(fixtures::cw3(), "ann"));
  results.push_back(fixtures::scored_sample());
  results.push_back(fixtures::all_passed(fixtures::cw3(), "cid"));
  fixtures::check(results.back(), "train.spiral").status = protocol::CheckStatus::kFailed;
  fixtures::check(results.back(), "train.spiral").fraction = 0.0;
  protocol::SubmissionResult broken;
  broken.submission = "dee";
  broken.status = protocol::SubmissionStatus::kBuildFailed;
  results.push_back(broken);
  results.push_back(fixtures::all_passed(fixtures::cw3(), "eve"));
  fixtures::check(results.back(), "sgd.init").status = protocol::CheckStatus::kGraderError;
  for (protocol::SubmissionResult& result : results) score::apply(fixtures::cw3(), result);
  return results;
}

TEST(ClassSummaryTest, CountsDistributionAndMostFailed) {
  const report::ClassSummary summary = report::summarize_class(a_class());
  EXPECT_EQ(summary.submissions, 5);
  EXPECT_EQ(summary.per_status.at(protocol::SubmissionStatus::kGraded), 3);
  EXPECT_EQ(summary.per_status.at(protocol::SubmissionStatus::kBuildFailed), 1);
  EXPECT_EQ(summary.per_status.at(protocol::SubmissionStatus::kGraderError), 1);
  EXPECT_EQ(summary.scored, 4);
  EXPECT_DOUBLE_EQ(summary.min, 0.0);
  EXPECT_DOUBLE_EQ(summary.max, 100.0);
  EXPECT_DOUBLE_EQ(summary.median, (87.0 + 94.0) / 2);
  EXPECT_DOUBLE_EQ(summary.mean, (100.0 + 87.0 + 94.0 + 0.0) / 4);
  EXPECT_EQ(summary.histogram[0], 1);
  EXPECT_EQ(summary.histogram[8], 1);
  EXPECT_EQ(summary.histogram[9], 2);  // 94 and 100
  ASSERT_EQ(summary.most_failed.size(), 3u);
  EXPECT_EQ(summary.most_failed[0].id, "train.spiral");
  EXPECT_EQ(summary.most_failed[0].failed, 2);
  EXPECT_EQ(summary.most_failed[0].ran, 3);
  EXPECT_EQ(summary.most_failed[1].id, "linear.backward.weight");
  EXPECT_EQ(summary.most_failed[2].id, "relu.kink");
}

TEST(ClassSummaryTest, PrintsAShortSummary) {
  std::ostringstream out;
  report::print_class_summary(out, report::summarize_class(a_class()), report::TerminalStyle{});
  const std::string text = out.str();
  EXPECT_TRUE(
      fixtures::contains(text, "5 submissions: 3 graded, 1 build_failed, 1 grader_error\n"));
  EXPECT_TRUE(
      fixtures::contains(text, "Scores (of 100): min 0, median 90.5, mean 70.25, max 100\n"));
  EXPECT_TRUE(fixtures::contains(text, "\n  90-100%    2 █"));
  EXPECT_TRUE(fixtures::contains(text, "\n     0-9%    1 █"));
  EXPECT_TRUE(fixtures::contains(text,
                                 "Most failed checks (what to re-teach):\n"
                                 "     2/3    train.spiral"));
  EXPECT_TRUE(fixtures::contains(text, "\n   70-79%    0\n"));
  EXPECT_LE(std::count(text.begin(), text.end(), '\n'), 20);
}

TEST(ClassSummaryTest, AnEmptyBatch) {
  std::ostringstream out;
  report::print_class_summary(out, report::summarize_class({}), report::TerminalStyle{});
  EXPECT_EQ(out.str(), "0 submissions: none\n");
}

}  // namespace

}  // namespace nn_grade
