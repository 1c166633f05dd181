#include "report/class_report.h"

#include <set>

#include <gtest/gtest.h>

#include "fixtures.h"
#include "protocol/mistakes.h"
#include "report/mistake_names.h"
#include "report/report_html.h"
#include "score/score.h"

namespace nn_grade {

namespace {

// ann passes everything; bob's grad_W is divided by the batch twice; cid's too, and cid's
// ReLU mask is wrong at 0; dee did not build; eve's grader failed; fay sent no optimizer.cpp.
std::vector<protocol::SubmissionResult> a_class() {
  std::vector<protocol::SubmissionResult> results;
  results.push_back(fixtures::all_passed(fixtures::cw3(), "ann"));
  for (const char* key : {"bob", "cid"}) {
    results.push_back(fixtures::all_passed(fixtures::cw3(), key));
    protocol::CheckResult& weight = fixtures::check(results.back(), "linear.backward.weight");
    weight.status = protocol::CheckStatus::kFailed;
    weight.fraction = 0;
    weight.diagnosis = protocol::mistakes::kDividedByBatch;
  }
  protocol::CheckResult& kink = fixtures::check(results.back(), "relu.kink");
  kink.status = protocol::CheckStatus::kFailed;
  kink.fraction = 0;
  kink.diagnosis = protocol::mistakes::kReluMaskAtZero;
  protocol::SubmissionResult broken;
  broken.submission = "dee";
  broken.status = protocol::SubmissionStatus::kBuildFailed;
  results.push_back(broken);
  results.push_back(fixtures::all_passed(fixtures::cw3(), "eve"));
  results.back().status = protocol::SubmissionStatus::kGraderError;
  protocol::SubmissionResult missing;
  missing.submission = "fay";
  missing.status = protocol::SubmissionStatus::kMissingFiles;
  missing.missing_files = {"optimizer.cpp"};
  results.push_back(missing);
  for (protocol::SubmissionResult& result : results) score::apply(fixtures::cw3(), result);
  return results;
}

const report::PassShare& share(const report::ClassReport& report, const std::string& id) {
  for (const report::ComponentShare& component : report.components) {
    if (component.component.id == id) return component.component;
    for (const report::PassShare& check : component.checks) {
      if (check.id == id) return check;
    }
  }
  ADD_FAILURE() << "no share for " << id;
  static report::PassShare none;
  return none;
}

TEST(ClassReportTest, SubmissionsThatNeedALookComeFirstInTheirOrder) {
  const report::ClassReport report = report::build_class_report(a_class(), {}, {});
  std::vector<std::string> order;
  for (const report::StudentRow& row : report.students) order.push_back(row.submission);
  EXPECT_EQ(order, (std::vector<std::string>{"dee", "eve", "fay", "ann", "bob", "cid"}));
  EXPECT_EQ(report.students[0].status, protocol::SubmissionStatus::kBuildFailed);
  EXPECT_EQ(report.students[1].status, protocol::SubmissionStatus::kGraderError);
  EXPECT_EQ(report.students[2].status, protocol::SubmissionStatus::kMissingFiles);
  EXPECT_EQ(report.students[2].missing_files, std::vector<std::string>{"optimizer.cpp"});
}

// The untouched template: it builds, every check runs, none passes. Graded, at 0, and one to
// look at first (the wrong files? a forgotten push?), never a green "graded".
protocol::SubmissionResult nothing_passed(const std::string& key) {
  protocol::SubmissionResult result = fixtures::all_passed(fixtures::cw3(), key);
  for (protocol::CheckResult& check : result.checks) {
    check.status = protocol::CheckStatus::kFailed;
    check.fraction = 0;
  }
  score::apply(fixtures::cw3(), result);
  return result;
}

TEST(ClassReportTest, ASubmissionThatPassedNoCheckNeedsALookYetCountsAsGraded) {
  std::vector<protocol::SubmissionResult> results = a_class();
  results.push_back(nothing_passed("gus"));
  const report::ClassReport report = report::build_class_report(results, {}, {});
  ASSERT_EQ(report.students[3].submission, "gus");
  EXPECT_TRUE(report.students[3].nothing_passed);
  EXPECT_TRUE(report::needs_a_look(report.students[3]));
  EXPECT_EQ(report.students[3].failed_checks.size(), fixtures::cw3().checks.size());
  EXPECT_EQ(share(report, "linear.forward").counted, 6);  // ann, bob, cid, gus; dee, fay
  EXPECT_EQ(share(report, "linear.forward").passed, 3);

  const std::string page = report::class_report_html(report, "n0nce");
  EXPECT_TRUE(fixtures::contains(page, "Needs a look first: 4 students"));
  EXPECT_TRUE(fixtures::contains(page, ">gus</a>: no check passed"));
  EXPECT_TRUE(fixtures::contains(page, "<span class=\"status-problem\">✗ no check passed"));
  // Its failed checks are a count, their ids on demand; a row with few lists them.
  EXPECT_TRUE(fixtures::contains(page, "<details class=\"ids\"><summary>" +
                                           std::to_string(fixtures::cw3().checks.size()) +
                                           " checks</summary>linear.forward "));
  EXPECT_TRUE(fixtures::contains(page, "data-sort=\"2\">linear.backward.weight relu.kink</td>"));
}

TEST(ClassReportTest, PartialCreditIsGradedNotNothingPassed) {
  protocol::SubmissionResult partial = nothing_passed("hal");
  fixtures::check(partial, "relu.kink").fraction = 0.5;
  score::apply(fixtures::cw3(), partial);
  ASSERT_GT(partial.score, 0);
  const report::ClassReport report = report::build_class_report({partial}, {}, {});
  EXPECT_EQ(report.students[0].status, protocol::SubmissionStatus::kGraded);
  EXPECT_FALSE(report.students[0].nothing_passed);
}

TEST(ClassReportTest, SharesCountSubmissionsThatDidNotBuildAsNotPassedAndLeaveOutGraderErrors) {
  const report::ClassReport report = report::build_class_report(a_class(), {}, {});
  // ann, bob, cid graded; dee and fay did not build; eve is left out.
  EXPECT_EQ(share(report, "linear.backward.weight").passed, 1);
  EXPECT_EQ(share(report, "linear.backward.weight").counted, 5);
  EXPECT_EQ(share(report, "linear").passed, 1);
  EXPECT_EQ(share(report, "relu.kink").passed, 2);
  EXPECT_EQ(share(report, "relu").passed, 2);
  EXPECT_EQ(share(report, "train.spiral").passed, 3);
  EXPECT_EQ(share(report, "train.spiral").counted, 5);
}

TEST(ClassReportTest, PartsAndChecksComeInTheCatalogsOrder) {
  const report::ClassReport report = report::build_class_report(a_class(), {}, {});
  std::vector<std::string> parts;
  for (const report::ComponentShare& component : report.components) {
    parts.push_back(component.component.id);
  }
  EXPECT_EQ(parts,
            (std::vector<std::string>{"linear", "relu", "sigmoid", "ce", "mlp", "sgd", "train"}));
  EXPECT_EQ(report.components[0].checks.front().id, "linear.forward");
  EXPECT_EQ(report.components[0].checks.front().title, "Linear: forward computes X W + b");
}

TEST(ClassReportTest, NamedMistakesListWhoMadeThemMostStudentsFirst) {
  const report::ClassReport report = report::build_class_report(a_class(), {}, {});
  ASSERT_EQ(report.mistakes.size(), 2u);
  EXPECT_EQ(report.mistakes[0].check_id, "linear.backward.weight");
  EXPECT_EQ(report.mistakes[0].code, protocol::mistakes::kDividedByBatch);
  ASSERT_EQ(report.mistakes[0].students.size(), 2u);
  EXPECT_EQ(report.students[report.mistakes[0].students[0]].submission, "bob");
  EXPECT_EQ(report.students[report.mistakes[0].students[1]].submission, "cid");
  EXPECT_EQ(report.mistakes[1].code, protocol::mistakes::kReluMaskAtZero);
  const report::StudentRow& cid = report.students.back();
  EXPECT_EQ(cid.mistakes, (std::vector<std::size_t>{0, 1}));
  EXPECT_EQ(cid.failed_checks, (std::vector<std::string>{"linear.backward.weight", "relu.kink"}));
}

}  // namespace

TEST(MistakeNameTest, EveryMistakeOfTheOneListHasAPhraseOfItsOwn) {
  std::set<std::string> phrases;
  for (const protocol::mistakes::MistakeInfo& mistake : protocol::mistakes::kAll) {
    const std::string phrase = report::mistake_name(mistake.code);
    EXPECT_NE(phrase, mistake.code) << "no phrase for " << mistake.code;
    EXPECT_TRUE(phrases.insert(phrase).second) << "two mistakes read " << phrase;
  }
  EXPECT_EQ(report::mistake_name(protocol::mistakes::kLogOfSoftmax),
            "-log softmax taken literally (rounds to log 0)");
}

TEST(MistakeNameTest, ACodeFromANewerCheckerIsShownAsItIs) {
  EXPECT_EQ(report::mistake_name("bias_forgotten_v2"), "bias_forgotten_v2");
}

}  // namespace nn_grade
