#include "score/score.h"

#include <gtest/gtest.h>

#include "fixtures.h"
#include "report/wording.h"
#include "score/dependencies.h"

namespace nn_grade {

namespace {

using protocol::CheckStatus;

TEST(ScoreTest, AllPassedEarnsTheTotal) {
  protocol::SubmissionResult result = fixtures::all_passed(fixtures::cw3());
  score::apply(fixtures::cw3(), result);
  EXPECT_DOUBLE_EQ(result.score, 100.0);
  EXPECT_DOUBLE_EQ(result.max_score, 100.0);
  EXPECT_EQ(result.status, protocol::SubmissionStatus::kGraded);
}

TEST(ScoreTest, FillsNameComponentVisibilityAndPointsFromRubricAndCatalog) {
  protocol::SubmissionResult result = fixtures::all_passed(fixtures::cw3());
  score::apply(fixtures::cw3(), result);
  const protocol::CheckResult& weight = fixtures::check(result, "linear.backward.weight");
  EXPECT_EQ(weight.name, "Linear: grad_W matches finite differences");
  EXPECT_EQ(weight.component, "linear");
  EXPECT_EQ(weight.visibility, protocol::Visibility::kVisible);
  EXPECT_DOUBLE_EQ(weight.max_score, 6.0);
  EXPECT_EQ(fixtures::check(result, "mlp.gradcheck.fast").visibility,
            protocol::Visibility::kAfterDueDate);
}

TEST(ScoreTest, PartialCreditFromTheRunnersFraction) {
  protocol::SubmissionResult result = fixtures::all_passed(fixtures::cw3());
  fixtures::check(result, "linear.backward.weight").status = CheckStatus::kFailed;
  fixtures::check(result, "linear.backward.weight").fraction = 2.0 / 3.0;
  fixtures::check(result, "relu.backward").status = CheckStatus::kFailed;
  fixtures::check(result, "relu.backward").fraction = 0.0;
  score::apply(fixtures::cw3(), result);
  EXPECT_DOUBLE_EQ(fixtures::check(result, "linear.backward.weight").score, 4.0);
  EXPECT_DOUBLE_EQ(fixtures::check(result, "relu.backward").score, 0.0);
  EXPECT_DOUBLE_EQ(result.score, 100.0 - 2.0 - 5.0);
}

TEST(ScoreTest, FractionsAreClampedAndScoresRounded) {
  protocol::SubmissionResult result = fixtures::all_passed(fixtures::cw3());
  fixtures::check(result, "relu.backward").status = CheckStatus::kFailed;
  fixtures::check(result, "relu.backward").fraction = 1.0 / 3.0;  // 5/3 points
  fixtures::check(result, "sgd.step").fraction = 7.0;             // a runner bug: no bonus
  score::apply(fixtures::cw3(), result);
  EXPECT_DOUBLE_EQ(fixtures::check(result, "relu.backward").score, 1.67);
  EXPECT_DOUBLE_EQ(fixtures::check(result, "sgd.step").score, 3.0);
  EXPECT_DOUBLE_EQ(result.score, 96.67);
}

TEST(ScoreTest, ErrorTimeoutAndCrashEarnNothingWhateverTheFraction) {
  for (CheckStatus bad :
       {CheckStatus::kError, CheckStatus::kTimeout, CheckStatus::kCrashed, CheckStatus::kSkipped}) {
    protocol::SubmissionResult result = fixtures::all_passed(fixtures::cw3());
    fixtures::check(result, "train.spiral").status = bad;
    score::apply(fixtures::cw3(), result);
    EXPECT_DOUBLE_EQ(fixtures::check(result, "train.spiral").score, 0.0) << bad;
    EXPECT_DOUBLE_EQ(result.score, 94.0) << bad;
    EXPECT_EQ(result.status, protocol::SubmissionStatus::kGraded) << bad;
  }
}

TEST(ScoreTest, GraderErrorMakesTheSubmissionGraderError) {
  protocol::SubmissionResult result = fixtures::all_passed(fixtures::cw3());
  fixtures::check(result, "sgd.momentum").status = CheckStatus::kGraderError;
  score::apply(fixtures::cw3(), result);
  EXPECT_EQ(result.status, protocol::SubmissionStatus::kGraderError);
  EXPECT_DOUBLE_EQ(fixtures::check(result, "sgd.momentum").score, 0.0);
  EXPECT_DOUBLE_EQ(result.max_score, 100.0);
}

TEST(ScoreTest, BuildFailureListsEveryCheckAsNotRun) {
  protocol::SubmissionResult result;
  result.submission = "bob";
  result.status = protocol::SubmissionStatus::kBuildFailed;
  result.build_log = "layers.cpp:3:1: error: expected ';'";
  score::apply(fixtures::cw3(), result);
  ASSERT_EQ(result.checks.size(), fixtures::cw3().checks.size());
  for (const protocol::CheckResult& check : result.checks) {
    EXPECT_EQ(check.status, CheckStatus::kSkipped) << check.id;
    EXPECT_DOUBLE_EQ(check.score, 0.0);
    EXPECT_GT(check.max_score, 0.0);
    EXPECT_EQ(check.output, "Not run: the build failed.");
  }
  EXPECT_DOUBLE_EQ(result.score, 0.0);
  EXPECT_DOUBLE_EQ(result.max_score, 100.0);
  EXPECT_EQ(result.status, protocol::SubmissionStatus::kBuildFailed);
}

TEST(ScoreTest, ChecksFollowTheRubricMissingOnesNotRunUnknownOnesDropped) {
  protocol::SubmissionResult result = fixtures::all_passed(fixtures::cw3());
  std::reverse(result.checks.begin(), result.checks.end());
  result.checks.erase(result.checks.begin());  // train.spiral never reported
  protocol::CheckResult stray;
  stray.id = "linear.bogus";
  stray.status = CheckStatus::kPassed;
  stray.fraction = 1.0;
  result.checks.push_back(stray);
  score::apply(fixtures::cw3(), result);
  ASSERT_EQ(result.checks.size(), fixtures::cw3().checks.size());
  for (std::size_t i = 0; i < result.checks.size(); ++i) {
    EXPECT_EQ(result.checks[i].id, fixtures::cw3().checks[i].id);
  }
  EXPECT_EQ(fixtures::check(result, "train.spiral").status, CheckStatus::kSkipped);
  EXPECT_DOUBLE_EQ(result.score, 94.0);
}

}  // namespace

namespace {
TEST(ScoreTest, AFailedMlpOrTrainingCheckNamesTheFailedChecksOfThePartsItUses) {
  protocol::SubmissionResult result = fixtures::all_passed(fixtures::cw3());
  for (const char* id : {"linear.backward.bias", "mlp.gradcheck.relu", "train.spiral"}) {
    fixtures::check(result, id).status = CheckStatus::kFailed;
    fixtures::check(result, id).fraction = 0.0;
  }
  score::apply(fixtures::cw3(), result);
  EXPECT_EQ(fixtures::check(result, "train.spiral").failing_dependencies,
            (std::vector<std::string>{"linear.backward.bias", "mlp.gradcheck.relu"}));
  const std::string train_text = report::check_explanation(fixtures::check(result, "train.spiral"));
  EXPECT_NE(train_text.find("fail: linear.backward.bias, mlp.gradcheck.relu. Fix those first"),
            std::string::npos)
      << train_text;
  EXPECT_EQ(fixtures::check(result, "mlp.gradcheck.relu").failing_dependencies,
            std::vector<std::string>{"linear.backward.bias"});
  EXPECT_TRUE(fixtures::check(result, "linear.backward.bias").failing_dependencies.empty());
  EXPECT_EQ(report::check_explanation(fixtures::check(result, "linear.backward.bias"))
                .find("Fix those first"),
            std::string::npos);
}

// The note is shown with its check: it never names a check shown later (Gradescope's
// visibilities, Gradescope's specification (docs/gradescope.md, Sources)).
TEST(ScoreTest, ADependencyNoteNamesNoCheckShownLaterThanItsOwn) {
  protocol::SubmissionResult result = fixtures::all_passed(fixtures::cw3());
  for (const char* id : {"mlp.gradcheck.relu", "mlp.gradcheck.fast", "train.spiral"}) {
    fixtures::check(result, id).status = CheckStatus::kFailed;
  }
  score::apply(fixtures::cw3(), result);  // mlp.gradcheck.fast is after_due_date
  const std::string visible_note =
      report::check_explanation(fixtures::check(result, "train.spiral"));
  EXPECT_NE(visible_note.find("fail: mlp.gradcheck.relu. Fix those first"), std::string::npos)
      << visible_note;
  EXPECT_EQ(visible_note.find("mlp.gradcheck.fast"), std::string::npos) << visible_note;
}

TEST(ScoreTest, RevealRankOrdersGradescopesVisibilities) {
  EXPECT_LT(protocol::reveal_rank(protocol::Visibility::kVisible),
            protocol::reveal_rank(protocol::Visibility::kAfterDueDate));
  EXPECT_LT(protocol::reveal_rank(protocol::Visibility::kAfterDueDate),
            protocol::reveal_rank(protocol::Visibility::kAfterPublished));
  EXPECT_LT(protocol::reveal_rank(protocol::Visibility::kAfterPublished),
            protocol::reveal_rank(protocol::Visibility::kHidden));
}

TEST(ScoreTest, ATrainingFailureAloneNamesNothingElse) {
  protocol::SubmissionResult result = fixtures::all_passed(fixtures::cw3());
  fixtures::check(result, "train.spiral").status = CheckStatus::kFailed;
  score::apply(fixtures::cw3(), result);
  EXPECT_EQ(fixtures::check(result, "train.spiral").output.find("Fix those first"),
            std::string::npos);
}
}  // namespace

namespace {
void stop(protocol::SubmissionResult& result, const char* id, CheckStatus status,
          const std::string& output, protocol::StoppedIn in = {}) {
  fixtures::check(result, id).status = status;
  fixtures::check(result, id).fraction = 0.0;
  fixtures::check(result, id).output = output;
  fixtures::check(result, id).stopped_in = in;
}

const char* kProductError =
    "Linear::backward stopped on a shape error in a matrix product.\n"
    "(6, 4) times (3, 4): the first has 4 columns but the second 3 rows.";

TEST(ScoreTest, OneErrorMetByManyChecksIsExplainedOnceAndNamedAfter) {
  protocol::SubmissionResult result = fixtures::all_passed(fixtures::cw3());
  for (const char* id : {"linear.backward.input", "linear.backward.weight", "linear.accumulate"}) {
    stop(result, id, CheckStatus::kError, kProductError);
  }
  stop(result, "linear.backward.bias", CheckStatus::kCrashed, kProductError);  // another status
  score::apply(fixtures::cw3(), result);
  EXPECT_EQ(fixtures::check(result, "linear.backward.input").same_error_as, "");
  EXPECT_EQ(fixtures::check(result, "linear.backward.weight").same_error_as,
            "linear.backward.input");
  EXPECT_EQ(fixtures::check(result, "linear.accumulate").same_error_as, "linear.backward.input");
  EXPECT_EQ(fixtures::check(result, "linear.backward.bias").same_error_as, "");
  EXPECT_EQ(report::check_explanation(fixtures::check(result, "linear.accumulate")),
            "The same error as linear.backward.input: Linear::backward stopped on a shape error "
            "in a matrix product.");
  EXPECT_EQ(report::check_explanation(fixtures::check(result, "linear.backward.input")),
            kProductError);
}

TEST(ScoreTest, ACrashNamesOnlyDependenciesThatCouldHaveCausedIt) {
  protocol::SubmissionResult result = fixtures::all_passed(fixtures::cw3());
  // Wrong values in ReLU, a wrong shape from Sigmoid, Linear::backward throwing.
  stop(result, "relu.backward", CheckStatus::kFailed, "grad_input is wrong");
  stop(result, "sigmoid.backward", CheckStatus::kFailed, "grad_input has shape (3, 6)");
  fixtures::check(result, "sigmoid.backward").left_wrong_shape = true;
  stop(result, "linear.backward.input", CheckStatus::kError, kProductError,
       {"Linear::backward", true});
  // The MLP's backward throws: Linear's error and Sigmoid's shape may be why, ReLU's values not.
  stop(result, "mlp.gradcheck.relu", CheckStatus::kError,
       "MLP::backward stopped on a shape error in a matrix product.\n(5, 4) times (3, 4)",
       {"MLP::backward", true});
  // SGD::step crashes in training: no layer's check can have caused that.
  stop(result, "train.spiral", CheckStatus::kCrashed,
       "crashed: SIGSEGV (segmentation fault) inside SGD::step.", {"SGD::step", false});
  score::apply(fixtures::cw3(), result);
  EXPECT_EQ(fixtures::check(result, "mlp.gradcheck.relu").failing_dependencies,
            (std::vector<std::string>{"linear.backward.input", "sigmoid.backward"}));
  EXPECT_TRUE(fixtures::check(result, "train.spiral").failing_dependencies.empty());
  EXPECT_EQ(
      report::check_explanation(fixtures::check(result, "train.spiral")).find("Fix those first"),
      std::string::npos);
}

TEST(ScoreTest, AShapeErrorInTrainingNamesThePartThatLeftAWrongShape) {
  protocol::SubmissionResult result = fixtures::all_passed(fixtures::cw3());
  // zero_grad assigned Matrix(): its check sees the lost shape; training then stops in
  // Linear::backward on (0, 0) += (32, 3).
  stop(result, "sgd.zero_grad", CheckStatus::kFailed, "grad 0 has shape (0, 0)");
  fixtures::check(result, "sgd.zero_grad").left_wrong_shape = true;
  stop(result, "train.spiral", CheckStatus::kError,
       "Linear::backward stopped on a shape error in +=, at layers.cpp:39.",
       {"Linear::backward", true});
  score::apply(fixtures::cw3(), result);
  EXPECT_EQ(fixtures::check(result, "train.spiral").failing_dependencies,
            std::vector<std::string>{"sgd.zero_grad"});
}

TEST(ScoreTest, TheFunctionIsReadFromTheCheckersFieldNeverFromTheText) {
  protocol::SubmissionResult result = fixtures::all_passed(fixtures::cw3());
  stop(result, "linear.backward.input", CheckStatus::kError, kProductError,
       {"Linear::backward", true});
  // Its text names MLP::backward, but the checker saw no coursework function running.
  stop(result, "mlp.gradcheck.relu", CheckStatus::kError,
       "MLP::backward stopped on a shape error in a matrix product.");
  score::apply(fixtures::cw3(), result);
  EXPECT_TRUE(fixtures::check(result, "mlp.gradcheck.relu").failing_dependencies.empty());
}

TEST(ScoreTest, WhatAFunctionRuns) {
  EXPECT_EQ(score::components_run_by("MLP::backward"),
            (std::vector<std::string>{"mlp", "linear", "relu", "sigmoid"}));
  EXPECT_EQ(score::components_run_by("SGD::step"), std::vector<std::string>{"sgd"});
  EXPECT_TRUE(score::components_run_by("").empty());
}
}  // namespace

}  // namespace nn_grade
