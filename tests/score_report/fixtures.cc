#include "fixtures.h"

#include <atomic>
#include <fstream>

#include <gtest/gtest.h>

#include "score/score.h"

namespace nn_grade {

namespace fixtures {

::testing::AssertionResult contains(const std::string& text, const std::string& part) {
  if (text.find(part) != std::string::npos) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << "expected to find\n  " << part << "\nin\n" << text;
}

::testing::AssertionResult lacks(const std::string& text, const std::string& part) {
  if (text.find(part) == std::string::npos) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << "did not expect\n  " << part << "\nin\n" << text;
}

const score::Rubric& cw3() {
  static const score::Rubric rubric =
      score::load_rubric(std::filesystem::path(NN_RUBRICS_DIR) / "cw3.yaml");
  return rubric;
}

std::filesystem::path scratch_folder() {
  static std::atomic<int> counter{0};
  const auto* test = testing::UnitTest::GetInstance()->current_test_info();
  const std::filesystem::path folder = std::filesystem::path(testing::TempDir()) /
                                       ("score_report_" + std::string(test->test_suite_name()) +
                                        "_" + test->name() + "_" + std::to_string(counter++));
  std::filesystem::remove_all(folder);
  std::filesystem::create_directories(folder);
  return folder;
}

std::filesystem::path write_rubric(const std::string& text, const std::string& name) {
  const std::filesystem::path path = scratch_folder() / "rubrics" / name;
  std::filesystem::create_directories(path.parent_path());
  std::ofstream(path) << text;
  return path;
}

protocol::SubmissionResult all_passed(const score::Rubric& rubric, const std::string& key) {
  protocol::SubmissionResult result;
  result.submission = key;
  result.status = protocol::SubmissionStatus::kGraded;
  result.seed = 12345;
  for (const score::RubricCheck& rubric_check : rubric.checks) {
    protocol::CheckResult check;
    check.id = rubric_check.id;
    check.status = protocol::CheckStatus::kPassed;
    check.fraction = 1.0;
    result.checks.push_back(check);
  }
  return result;
}

protocol::CheckResult& check(protocol::SubmissionResult& result, const std::string& id) {
  for (protocol::CheckResult& c : result.checks) {
    if (c.id == id) return c;
  }
  ADD_FAILURE() << "no check " << id;
  static protocol::CheckResult none;
  return none;
}

protocol::SubmissionResult scored_sample() {
  protocol::SubmissionResult result = all_passed(cw3());
  protocol::CheckResult& weight = check(result, "linear.backward.weight");
  weight.status = protocol::CheckStatus::kFailed;
  weight.fraction = 0.0;
  weight.output =
      "grad_W[2,1]: yours 0.51, finite differences 0.255 (relative error 0.5)\n"
      "grad_W is exactly 2 times the right value.";
  protocol::CheckResult& kink = check(result, "relu.kink");
  kink.status = protocol::CheckStatus::kFailed;
  kink.fraction = 0.5;
  kink.output = "At x = 0 your gradient passes through: use x > 0, not x >= 0.";
  protocol::CheckResult& spiral = check(result, "train.spiral");
  spiral.status = protocol::CheckStatus::kTimeout;
  spiral.output = "Stopped after 10 s (the limit).";
  score::apply(cw3(), result);
  return result;
}

protocol::TrainingPicture small_picture() {
  protocol::TrainingPicture p;
  p.epochs = 5;
  p.losses = {1.1, 0.8, 0.5, 0.2, 0.1};
  p.classes = 3;
  p.x_min = -1;
  p.x_max = 1;
  p.y_min = -1;
  p.y_max = 1;
  p.regions = {{0, 0, 1, 1, 2, 2}, {0, 0, 1, 1, 2, 2}, {0, 0, 1, 1, 2, 2}};
  p.points = {{0, -1, 1, -1, 1, -1}, {-1, -1, -1, -1, -1, -1}, {-1, -1, -1, -1, -1, 2}};
  return p;
}

}  // namespace fixtures

}  // namespace nn_grade
