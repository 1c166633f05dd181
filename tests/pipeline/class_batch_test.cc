// The batch pipeline without `grade`: what a rerun keeps and what it grades again, and that
// grading one submission never throws and carries what discovery decided.
#include "pipeline/class_batch.h"

#include <gtest/gtest.h>

#include <fstream>
#include <iterator>

#include "pipeline/resume.h"
#include "report/result_json.h"
#include "temp_dir.h"

namespace nn_grade {

namespace {

namespace fs = std::filesystem;
using protocol::SubmissionStatus;

discover::Submission submission_in(const fs::path& root, const std::string& key) {
  discover::Submission submission;
  submission.key = key;
  submission.dir = root / "in" / key;
  for (const char* name : {"layers.cpp", "model.cpp", "losses.cpp", "optimizer.cpp"}) {
    testing_files::write_file(submission.dir / name, "// " + key + " " + name + "\n");
  }
  return submission;
}

pipeline::GradingContext context_in(const fs::path& root) {
  pipeline::GradingContext context;
  context.rubric.path = root / "rubric.yaml";
  testing_files::write_file(context.rubric.path, "name: test\n");
  context.seed = 7;
  context.cache_dir = root / "cache";
  context.toolchain.fingerprint = "toolchain";
  // A toolchain that cannot build: grading fails as the grader's fault, never throwing.
  context.toolchain.compiler = root / "no-such-compiler";
  return context;
}

void store(const fs::path& out, const std::string& key, const std::string& fingerprint,
           SubmissionStatus status) {
  protocol::SubmissionResult result;
  result.submission = key;
  result.status = status;
  result.score = 42;
  result.fingerprint = fingerprint;
  fs::create_directories(out / key);
  report::write_result_json(out, result);
}

TEST(ClassBatchTest, ARerunKeepsValidResultsAndGradesTheRestAgain) {
  testing_files::TempDir temp;
  const pipeline::GradingContext context = context_in(temp.path());
  const std::vector<discover::Submission> submissions = {
      submission_in(temp.path(), "kept"), submission_in(temp.path(), "grader-failed"),
      submission_in(temp.path(), "changed"), submission_in(temp.path(), "new")};
  const fs::path out = temp.path() / "out";
  auto fingerprint = [&](std::size_t i) {
    return pipeline::submission_fingerprint(submissions[i].dir, context);
  };
  store(out, "kept", fingerprint(0), SubmissionStatus::kGraded);
  store(out, "grader-failed", fingerprint(1), SubmissionStatus::kGraderError);
  store(out, "changed", "an older fingerprint", SubmissionStatus::kGraded);

  const pipeline::BatchPlan plan = pipeline::plan_batch(submissions, out, context);
  EXPECT_EQ(plan.kept, std::vector<std::size_t>{0});
  EXPECT_EQ(plan.todo, (std::vector<std::size_t>{1, 2, 3}));
  EXPECT_EQ(plan.reasons, (std::vector<pipeline::GradeReason>{pipeline::GradeReason::kGraderError,
                                                              pipeline::GradeReason::kChanged,
                                                              pipeline::GradeReason::kNoResult}));
  EXPECT_EQ(plan.results[0].score, 42);
  EXPECT_EQ(plan.fingerprints[3], fingerprint(3));
  ASSERT_EQ(plan.previous.size(), 3u);  // every stored result, for the changed scores
}

TEST(ClassBatchTest, ASubmissionLeftOutIsNeitherKeptNorGraded) {
  testing_files::TempDir temp;
  const pipeline::GradingContext context = context_in(temp.path());
  const std::vector<discover::Submission> submissions = {submission_in(temp.path(), "mine"),
                                                         submission_in(temp.path(), "theirs")};
  const pipeline::BatchPlan plan = pipeline::plan_batch(
      submissions, temp.path() / "out", context,
      [](const discover::Submission& submission) { return submission.key == "mine"; });
  EXPECT_EQ(plan.todo, std::vector<std::size_t>{0});
  EXPECT_TRUE(plan.kept.empty());
  EXPECT_EQ(plan.fingerprints[1], "");
}

TEST(ClassBatchTest, GradingOneNeverThrowsAndCarriesWhatDiscoveryDecided) {
  testing_files::TempDir temp;
  const pipeline::GradingContext context = context_in(temp.path());
  discover::Submission submission = submission_in(temp.path(), "garcíamaría_48216");
  submission.late = true;
  submission.canvas_user_id = "48216";
  submission.sortable_name = "garcíamaría";
  submission.notes = {"took the latest of two uploads"};
  const protocol::SubmissionResult result = pipeline::grade_one(submission, context, "fp");
  EXPECT_EQ(result.status, SubmissionStatus::kGraderError) << result.build_log;
  EXPECT_EQ(result.submission, "garcíamaría_48216");
  EXPECT_EQ(result.fingerprint, "fp");
  EXPECT_TRUE(result.late);
  EXPECT_EQ(result.canvas_user_id, "48216");
  EXPECT_EQ(result.sortable_name, "garcíamaría");
  EXPECT_EQ(result.notes, submission.notes);
}

}  // namespace

TEST(ClassBatchTest, AKeptResultGetsTheFeedbackPageItLacksAndNothingElseIsRewritten) {
  testing_files::TempDir temp;
  const pipeline::GradingContext context = context_in(temp.path());
  const fs::path out = temp.path() / "out";
  store(out, "old", "fingerprint", SubmissionStatus::kGraded);
  const fs::path json = out / "old" / "result.json";
  const auto written = fs::last_write_time(json);
  protocol::SubmissionResult result;
  result.submission = "old";
  result.score = 42;
  std::string error;
  ASSERT_TRUE(pipeline::write_missing_pages(out, result, context.rubric, &error)) << error;
  EXPECT_TRUE(fs::exists(pipeline::feedback_page_path(out, result)));
  EXPECT_EQ(fs::last_write_time(json), written);

  testing_files::write_file(pipeline::feedback_page_path(out, result), "a TA's own page");
  ASSERT_TRUE(pipeline::write_missing_pages(out, result, context.rubric, &error)) << error;
  std::ifstream page(pipeline::feedback_page_path(out, result));
  EXPECT_EQ(std::string(std::istreambuf_iterator<char>(page), {}), "a TA's own page");
}

TEST(ClassBatchTest, APageThatCannotBeWrittenIsSaidNotThrown) {
  testing_files::TempDir temp;
  const pipeline::GradingContext context = context_in(temp.path());
  const fs::path out = temp.path() / "out";
  testing_files::write_file(out / "blocked", "a file where the student's folder would be");
  protocol::SubmissionResult result;
  result.submission = "blocked";
  std::string error;
  EXPECT_FALSE(pipeline::write_missing_pages(out, result, context.rubric, &error));
  EXPECT_NE(error.find("could not write"), std::string::npos) << error;
}

}  // namespace nn_grade
