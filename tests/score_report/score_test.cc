#include "score.h"

#include <gtest/gtest.h>

#include "fixtures.h"

namespace {

namespace status = grading::check_status;

TEST(ScoreTest, AllPassedEarnsTheTotal) {
  grading::SubmissionResult result = fixtures::all_passed(fixtures::cw3());
  score::apply(fixtures::cw3(), result);
  EXPECT_DOUBLE_EQ(result.score, 100.0);
  EXPECT_DOUBLE_EQ(result.max_score, 100.0);
  EXPECT_EQ(result.status, grading::submission_status::kGraded);
}

TEST(ScoreTest, FillsNameComponentVisibilityAndPointsFromRubricAndCatalog) {
  grading::SubmissionResult result = fixtures::all_passed(fixtures::cw3());
  score::apply(fixtures::cw3(), result);
  const grading::CheckResult& weight = fixtures::check(result, "linear.backward.weight");
  EXPECT_EQ(weight.name, "Linear: grad_W matches finite differences");
  EXPECT_EQ(weight.component, "linear");
  EXPECT_EQ(weight.visibility, "visible");
  EXPECT_DOUBLE_EQ(weight.max_score, 6.0);
  EXPECT_EQ(fixtures::check(result, "mlp.gradcheck.fast").visibility, "after_due_date");
}

TEST(ScoreTest, PartialCreditFromTheRunnersFraction) {
  grading::SubmissionResult result = fixtures::all_passed(fixtures::cw3());
  fixtures::check(result, "linear.backward.weight").status = status::kFailed;
  fixtures::check(result, "linear.backward.weight").fraction = 2.0 / 3.0;
  fixtures::check(result, "relu.backward").status = status::kFailed;
  fixtures::check(result, "relu.backward").fraction = 0.0;
  score::apply(fixtures::cw3(), result);
  EXPECT_DOUBLE_EQ(fixtures::check(result, "linear.backward.weight").score, 4.0);
  EXPECT_DOUBLE_EQ(fixtures::check(result, "relu.backward").score, 0.0);
  EXPECT_DOUBLE_EQ(result.score, 100.0 - 2.0 - 5.0);
}

TEST(ScoreTest, FractionsAreClampedAndScoresRounded) {
  grading::SubmissionResult result = fixtures::all_passed(fixtures::cw3());
  fixtures::check(result, "relu.backward").status = status::kFailed;
  fixtures::check(result, "relu.backward").fraction = 1.0 / 3.0;  // 5/3 points
  fixtures::check(result, "sgd.step").fraction = 7.0;             // a runner bug: no bonus
  score::apply(fixtures::cw3(), result);
  EXPECT_DOUBLE_EQ(fixtures::check(result, "relu.backward").score, 1.67);
  EXPECT_DOUBLE_EQ(fixtures::check(result, "sgd.step").score, 3.0);
  EXPECT_DOUBLE_EQ(result.score, 96.67);
}

TEST(ScoreTest, ErrorTimeoutAndCrashEarnNothingWhateverTheFraction) {
  for (const char* bad : {status::kError, status::kTimeout, status::kCrashed, status::kSkipped}) {
    grading::SubmissionResult result = fixtures::all_passed(fixtures::cw3());
    fixtures::check(result, "train.spiral").status = bad;
    score::apply(fixtures::cw3(), result);
    EXPECT_DOUBLE_EQ(fixtures::check(result, "train.spiral").score, 0.0) << bad;
    EXPECT_DOUBLE_EQ(result.score, 94.0) << bad;
    EXPECT_EQ(result.status, grading::submission_status::kGraded) << bad;
  }
}

TEST(ScoreTest, GraderErrorMakesTheSubmissionGraderError) {
  grading::SubmissionResult result = fixtures::all_passed(fixtures::cw3());
  fixtures::check(result, "sgd.momentum").status = status::kGraderError;
  score::apply(fixtures::cw3(), result);
  EXPECT_EQ(result.status, grading::submission_status::kGraderError);
  EXPECT_DOUBLE_EQ(fixtures::check(result, "sgd.momentum").score, 0.0);
  EXPECT_DOUBLE_EQ(result.max_score, 100.0);
}

TEST(ScoreTest, BuildFailureListsEveryCheckAsNotRun) {
  grading::SubmissionResult result;
  result.submission = "bob";
  result.status = grading::submission_status::kBuildFailed;
  result.build_log = "layers.cpp:3:1: error: expected ';'";
  score::apply(fixtures::cw3(), result);
  ASSERT_EQ(result.checks.size(), fixtures::cw3().checks.size());
  for (const grading::CheckResult& check : result.checks) {
    EXPECT_EQ(check.status, status::kSkipped) << check.id;
    EXPECT_DOUBLE_EQ(check.score, 0.0);
    EXPECT_GT(check.max_score, 0.0);
    EXPECT_EQ(check.output, "Not run: the build failed.");
  }
  EXPECT_DOUBLE_EQ(result.score, 0.0);
  EXPECT_DOUBLE_EQ(result.max_score, 100.0);
  EXPECT_EQ(result.status, grading::submission_status::kBuildFailed);
}

TEST(ScoreTest, ChecksFollowTheRubricMissingOnesNotRunUnknownOnesDropped) {
  grading::SubmissionResult result = fixtures::all_passed(fixtures::cw3());
  std::reverse(result.checks.begin(), result.checks.end());
  result.checks.erase(result.checks.begin());  // train.spiral never reported
  grading::CheckResult stray;
  stray.id = "linear.bogus";
  stray.status = status::kPassed;
  stray.fraction = 1.0;
  result.checks.push_back(stray);
  score::apply(fixtures::cw3(), result);
  ASSERT_EQ(result.checks.size(), fixtures::cw3().checks.size());
  for (std::size_t i = 0; i < result.checks.size(); ++i) {
    EXPECT_EQ(result.checks[i].id, fixtures::cw3().checks[i].id);
  }
  EXPECT_EQ(fixtures::check(result, "train.spiral").status, status::kSkipped);
  EXPECT_DOUBLE_EQ(result.score, 94.0);
}

}  // namespace

namespace {
TEST(ScoreTest, AFailedMlpOrTrainingCheckNamesTheFailedChecksOfThePartsItUses) {
  grading::SubmissionResult result = fixtures::all_passed(fixtures::cw3());
  for (const char* id : {"linear.backward.bias", "mlp.gradcheck.relu", "train.spiral"}) {
    fixtures::check(result, id).status = status::kFailed;
    fixtures::check(result, id).fraction = 0.0;
  }
  score::apply(fixtures::cw3(), result);
  EXPECT_NE(fixtures::check(result, "train.spiral")
                .output.find("fail: linear.backward.bias, mlp.gradcheck.relu. Fix those first"),
            std::string::npos)
      << fixtures::check(result, "train.spiral").output;
  EXPECT_NE(
      fixtures::check(result, "mlp.gradcheck.relu").output.find("fail: linear.backward.bias."),
      std::string::npos);
  EXPECT_EQ(fixtures::check(result, "linear.backward.bias").output.find("Fix those first"),
            std::string::npos);
}

// The note is shown with its check: it never names a check shown later (Gradescope's
// visibilities, Gradescope's specification (docs/gradescope.md, Sources)).
TEST(ScoreTest, ADependencyNoteNamesNoCheckShownLaterThanItsOwn) {
  grading::SubmissionResult result = fixtures::all_passed(fixtures::cw3());
  for (const char* id : {"mlp.gradcheck.relu", "mlp.gradcheck.fast", "train.spiral"}) {
    fixtures::check(result, id).status = status::kFailed;
  }
  score::apply(fixtures::cw3(), result);  // mlp.gradcheck.fast is after_due_date
  const std::string& visible_note = fixtures::check(result, "train.spiral").output;
  EXPECT_NE(visible_note.find("fail: mlp.gradcheck.relu. Fix those first"), std::string::npos)
      << visible_note;
  EXPECT_EQ(visible_note.find("mlp.gradcheck.fast"), std::string::npos) << visible_note;
}

TEST(ScoreTest, RevealRankOrdersGradescopesVisibilities) {
  EXPECT_LT(score::reveal_rank("visible"), score::reveal_rank("after_due_date"));
  EXPECT_LT(score::reveal_rank("after_due_date"), score::reveal_rank("after_published"));
  EXPECT_LT(score::reveal_rank("after_published"), score::reveal_rank("hidden"));
  EXPECT_EQ(score::reveal_rank("no such"), score::reveal_rank("hidden"));
}

TEST(ScoreTest, ATrainingFailureAloneNamesNothingElse) {
  grading::SubmissionResult result = fixtures::all_passed(fixtures::cw3());
  fixtures::check(result, "train.spiral").status = status::kFailed;
  score::apply(fixtures::cw3(), result);
  EXPECT_EQ(fixtures::check(result, "train.spiral").output.find("Fix those first"),
            std::string::npos);
}
}  // namespace
