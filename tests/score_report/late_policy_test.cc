// score/late_policy: the rubric's late policy against Gradescope's submission times.
#include "score/late_policy.h"

#include <gtest/gtest.h>

#include "fixtures.h"
#include "report/gradescope.h"
#include "score/rubric.h"
#include "score/score.h"

namespace nn_grade {

namespace {

// Times as Gradescope's submission metadata (docs/gradescope.md, Sources) shows them.
TEST(LatePolicyTest, ReadsGradescopesTimesWithTheirOffsets) {
  EXPECT_EQ(score::parse_iso8601("1970-01-01T00:00:00Z"), 0);
  EXPECT_EQ(score::parse_iso8601("2018-07-31T23:00:00.000000-07:00"),
            score::parse_iso8601("2018-08-01T06:00:00Z"));
  EXPECT_EQ(*score::parse_iso8601("2018-07-01T14:22:32.365935-07:00") -
                *score::parse_iso8601("2018-07-01T14:22:31+00:00"),
            7 * 3600 + 1);
  EXPECT_FALSE(score::parse_iso8601("2018-07-01T14:22:32").has_value()) << "no offset";
  EXPECT_FALSE(score::parse_iso8601("yesterday").has_value());
  EXPECT_FALSE(score::parse_iso8601("").has_value());
}

TEST(LatePolicyTest, TakesThePercentPerStartedDayUpToItsMaximum) {
  const score::LatePolicy policy{10.0, 25.0, 15.0};
  EXPECT_EQ(score::apply_late_policy(policy, -60, 80.0).score_after, 80.0);
  EXPECT_EQ(score::apply_late_policy(policy, 14 * 60, 80.0).percent, 0.0) << "grace";
  const score::LateOutcome one_day = score::apply_late_policy(policy, 16 * 60, 80.0);
  EXPECT_EQ(one_day.days_charged, 1);
  EXPECT_EQ(one_day.score_after, 72.0);
  const score::LateOutcome capped = score::apply_late_policy(policy, 5 * 86400, 80.0);
  EXPECT_EQ(capped.days_charged, 5);
  EXPECT_EQ(capped.percent, 25.0);
  EXPECT_EQ(capped.score_after, 60.0);
}

TEST(LatePolicyTest, SaysHowLateInWords) {
  EXPECT_EQ(score::lateness_text(20), "1 minute");
  EXPECT_EQ(score::lateness_text(45 * 60), "45 minutes");
  EXPECT_EQ(score::lateness_text(3600 + 120), "1 hour 2 minutes");
  EXPECT_EQ(score::lateness_text(86400 + 3 * 3600), "1 day 3 hours");
  EXPECT_EQ(score::lateness_text(2 * 86400), "2 days");
}

TEST(LatePolicyTest, TheRubricStatesItAndItsMistakesAreNamed) {
  const score::Rubric rubric = score::load_rubric(fixtures::write_rubric(
      "name: t\nseed: 1\nlate_policy: {percent_per_day: 10, max_percent: 30}\nchecks:\n"
      "  - {id: linear.forward, points: 3}\n"));
  ASSERT_TRUE(rubric.late_policy.has_value());
  EXPECT_EQ(rubric.late_policy->percent_per_day, 10.0);
  EXPECT_EQ(rubric.late_policy->max_percent, 30.0);
  EXPECT_EQ(rubric.late_policy->grace_minutes, 0.0);
  try {
    score::load_rubric(fixtures::write_rubric(
        "name: t\nseed: 1\nlate_policy: {percent_per_day: 110, grace: 5}\nchecks:\n"
        "  - {id: linear.forward, points: 3}\n"));
    ADD_FAILURE() << "no error";
  } catch (const score::RubricError& error) {
    EXPECT_TRUE(fixtures::contains(
        error.what(), ":3: late_policy.percent_per_day: must be a percent from 0 to 100, got 110"));
    EXPECT_TRUE(fixtures::contains(error.what(), "late_policy.grace: unknown key"));
  }
}

// Shown to the student with the points before and after; "score" is the one after.
TEST(LatePolicyTest, GradescopeShowsThePenaltyWithThePointsBeforeAndAfter) {
  const score::Rubric rubric = score::load_rubric(fixtures::write_rubric(
      "name: t\nseed: 1\nlate_policy: {percent_per_day: 10}\nchecks:\n"
      "  - {id: linear.forward, points: 30}\n  - {id: relu.forward, points: 70}\n"));
  protocol::SubmissionResult result = fixtures::all_passed(rubric);
  fixtures::check(result, "relu.forward").status = protocol::CheckStatus::kFailed;
  fixtures::check(result, "relu.forward").fraction = 0.5;
  score::apply(rubric, result);
  report::GradescopeRun run;
  run.late = score::apply_late_policy(*rubric.late_policy, 86400 + 3 * 3600, result.score);
  const nlohmann::json json = report::gradescope_results(result, rubric, run);
  EXPECT_EQ(json["score"], 52.0);
  EXPECT_EQ(json["output"],
            "t: 65/100. 1 check needs attention: see below. Seed 12345. Submitted 1 day 3 hours "
            "after the deadline: the late policy takes 10% per started day, so 20% (2 days). "
            "Your score: 65 becomes 52 of 100.");
  EXPECT_EQ(json["extra_data"]["late"]["score_before"], 65.0);
}

}  // namespace

}  // namespace nn_grade
