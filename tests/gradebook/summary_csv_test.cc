// gradebook/summary_csv: OUT/summary.csv.
#include "gradebook/summary_csv.h"

#include <gtest/gtest.h>

#include "temp_dir.h"

namespace nn_grade {

namespace gradebook {
namespace {

protocol::CheckResult check(const std::string& id, protocol::CheckStatus status, double score) {
  protocol::CheckResult result;
  result.id = id;
  result.status = status;
  result.score = score;
  result.max_score = 6.0;
  return result;
}

std::vector<protocol::SubmissionResult> two_results() {
  protocol::SubmissionResult graded;
  graded.submission = "garcíamaría_48216";
  graded.status = protocol::SubmissionStatus::kGraded;
  graded.score = 87.5;
  graded.max_score = 100.0;
  graded.late = true;
  graded.checks = {check("linear.backward.weight", protocol::CheckStatus::kPassed, 6.0),
                   check("relu.backward.at_zero", protocol::CheckStatus::kFailed, 0.0),
                   check("train.converges", protocol::CheckStatus::kTimeout, 0.0),
                   check("sgd.momentum", protocol::CheckStatus::kSkipped, 0.0)};
  protocol::SubmissionResult broken;
  broken.submission = "Doe, Jane";
  broken.status = protocol::SubmissionStatus::kBuildFailed;
  broken.max_score = 100.0;
  return {graded, broken};
}

const std::vector<std::string> kCheckIds = {"linear.backward.weight", "relu.backward.at_zero",
                                            "train.converges", "sgd.momentum", "mlp.structure"};

TEST(SummaryCsvTest, HasARowPerSubmissionAndAColumnPerCheck) {
  EXPECT_EQ(summary_csv(two_results(), kCheckIds),
            "submission,status,score,max_score,late,linear.backward.weight,relu.backward.at_zero,"
            "train.converges,sgd.momentum,mlp.structure\n"
            "garcíamaría_48216,graded,87.5,100,yes,6,0,timeout,skipped,\n"
            "\"Doe, Jane\",build_failed,0,100,no,,,,,\n");
}

TEST(SummaryCsvTest, WritesTheFile) {
  testing_files::TempDir temp;
  write_summary_csv(temp.path() / "out" / "summary.csv", two_results(), kCheckIds);
  EXPECT_EQ(testing_files::read_file(temp.path() / "out" / "summary.csv"),
            summary_csv(two_results(), kCheckIds));
}

}  // namespace
}  // namespace gradebook

}  // namespace nn_grade
