#include "report/feedback_markdown.h"

#include <gtest/gtest.h>

#include "fixtures.h"
#include "score/score.h"

namespace nn_grade {

namespace {

TEST(FeedbackMarkdownTest, HeaderTablesFailuresAndReproduction) {
  const std::string text = report::feedback_markdown(fixtures::scored_sample(), fixtures::cw3());
  EXPECT_TRUE(fixtures::contains(text, "# Coursework 3: Backpropagation: feedback for alice\n"));
  EXPECT_TRUE(fixtures::contains(text, "**Score: 87 / 100** · status: graded · seed 12345"));
  EXPECT_TRUE(fixtures::contains(text, "## Linear: 20 / 26\n\n| | Check | Points | Result |"));
  EXPECT_TRUE(
      fixtures::contains(text, "| ✓ | Linear: forward computes X W + b | 3 / 3 | passed |"));
  EXPECT_TRUE(fixtures::contains(
      text, "| ✗ | Linear: grad_W matches finite differences | 0 / 6 | failed |"));
  EXPECT_TRUE(fixtures::contains(text, "## What went wrong"));
  EXPECT_TRUE(fixtures::contains(text,
                                 "### Linear: grad_W matches finite differences (0 / 6)\n\n```\n"
                                 "grad_W[2,1]: yours 0.51"));
  EXPECT_TRUE(fixtures::contains(
      text, "Reproduce: grade --local --only linear.backward.weight --seed 12345"));
  EXPECT_TRUE(fixtures::contains(
      text, "| ✗ | Training: an MLP learns a 3-class spiral | 0 / 6 | timed out |"));
  EXPECT_TRUE(fixtures::contains(text, "Thank you"));
}

TEST(FeedbackMarkdownTest, IncludesHiddenChecksAndSaysSo) {
  protocol::SubmissionResult result = fixtures::scored_sample();
  const std::string text = report::feedback_markdown(result, fixtures::cw3());
  EXPECT_TRUE(fixtures::contains(text, "includes the results of 1 hidden check (2 points)"));
  EXPECT_TRUE(
      fixtures::contains(text,
                         "| ✓ | MLP (large): gradients match finite differences along random "
                         "directions *(hidden)* | 2 / 2 | passed |"));
}

TEST(FeedbackMarkdownTest, OutputCannotBreakTheMarkdown) {
  protocol::SubmissionResult result = fixtures::all_passed(fixtures::cw3());
  fixtures::check(result, "ce.forward").status = protocol::CheckStatus::kFailed;
  fixtures::check(result, "ce.forward").output = "```\n# not a heading";
  score::apply(fixtures::cw3(), result);
  const std::string text = report::feedback_markdown(result, fixtures::cw3());
  EXPECT_TRUE(fixtures::contains(text, "````\n```\n# not a heading\n````\n"));
}

TEST(FeedbackMarkdownTest, FullMarksAndBuildFailure) {
  protocol::SubmissionResult full = fixtures::all_passed(fixtures::cw3());
  score::apply(fixtures::cw3(), full);
  const std::string praise = report::feedback_markdown(full, fixtures::cw3());
  EXPECT_TRUE(fixtures::contains(praise, "Full marks"));
  EXPECT_TRUE(fixtures::lacks(praise, "What went wrong"));

  protocol::SubmissionResult broken;
  broken.submission = "bob";
  broken.status = protocol::SubmissionStatus::kBuildFailed;
  broken.build_log = "model.cpp:4:1: error: 'Linear' does not name a type";
  score::apply(fixtures::cw3(), broken);
  const std::string text = report::feedback_markdown(broken, fixtures::cw3());
  EXPECT_TRUE(fixtures::contains(text, "**Score: 0 / 100** · status: build_failed"));
  EXPECT_TRUE(
      fixtures::contains(text, "```\nmodel.cpp:4:1: error: 'Linear' does not name a type\n```"));
  EXPECT_TRUE(fixtures::lacks(text, "| ✓"));
}

}  // namespace

namespace {
TEST(FeedbackMarkdownTest, AFailedTrainingShowsItsPictureAsACodeBlock) {
  protocol::SubmissionResult result = fixtures::all_passed(fixtures::cw3());
  protocol::CheckResult& spiral = fixtures::check(result, "train.spiral");
  spiral.status = protocol::CheckStatus::kFailed;
  spiral.output = "The loss did not fall.";
  spiral.training = fixtures::small_picture();
  score::apply(fixtures::cw3(), result);
  const std::string text = report::feedback_markdown(result, fixtures::cw3());
  EXPECT_TRUE(fixtures::contains(text,
                                 "```\nThe loss did not fall.\n```\n\n"
                                 "```\nLoss your code returned, 5 epochs: 1.1 █▆▄▂▁ 0.1\n"
                                 "What your network predicts over the spiral (x -1.00 to 1.00, y "
                                 "-1.00 to 1.00):\n+------+\n|0a1b1c|\n"));
  EXPECT_TRUE(fixtures::contains(text, "0 1 2: the training points, by class.\n```\n"));
}
}  // namespace

}  // namespace nn_grade
