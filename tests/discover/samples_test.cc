// The bundled samples (samples/) stay what samples/README.md says they are.
#include <gtest/gtest.h>

#include "discover/discover.h"
#include "gradebook/canvas_import.h"
#include "pipeline/class_batch.h"
#include "temp_dir.h"

namespace nn_grade {

namespace {

namespace fs = std::filesystem;
using testing_files::file_names;
using testing_files::read_file;

const fs::path kSamples = NN_SAMPLES_DIR;

const discover::Submission& find(const discover::Discovery& discovery, const std::string& key) {
  for (const discover::Submission& submission : discovery.submissions) {
    if (submission.key == key) return submission;
  }
  throw std::runtime_error("no submission " + key);
}

void expect_the_class(const discover::Discovery& discovery) {
  EXPECT_TRUE(discovery.unmatched_files.empty());
  std::vector<std::string> keys;
  for (const discover::Submission& submission : discovery.submissions) {
    keys.push_back(submission.key);
  }
  EXPECT_EQ(keys,
            (std::vector<std::string>{"byrneaoife_48305", "garcíamaría_48235", "haddadomar_48252",
                                      "kowalskianna_48266", "mensahkwame_48283", "nguyenlinh_48227",
                                      "okaforchidi_48213", "rossigiulia_48291",
                                      "smith_joneskim_48241", "tanakayuki_48270"}));
  EXPECT_TRUE(find(discovery, "kowalskianna_48266").late);
  EXPECT_FALSE(find(discovery, "okaforchidi_48213").late);
  const discover::Submission& aoife = find(discovery, "byrneaoife_48305");
  EXPECT_EQ(read_file(aoife.dir / "layers.cpp"),
            read_file(fs::path(NN_SOURCE_DIR) / "reference" / "layers.cpp"));
  EXPECT_EQ(aoife.notes.size(), 1u);
  EXPECT_EQ(file_names(find(discovery, "rossigiulia_48291").dir),
            (std::vector<std::string>{"layers.cpp", "losses.cpp", "model.cpp"}));
}

TEST(SamplesTest, TheUnpackedExportIsTheClass) {
  testing_files::TempDir temp;
  discover::Discovery discovery = discover::find_submissions(kSamples / "class", temp.path());
  EXPECT_EQ(discovery.layout, "canvas");
  expect_the_class(discovery);
}

TEST(SamplesTest, TheZipIsTheSameClass) {
  testing_files::TempDir temp;
  discover::Discovery discovery = discover::find_submissions(kSamples / "class.zip", temp.path());
  EXPECT_EQ(discovery.layout, "canvas-zip");
  expect_the_class(discovery);
}

TEST(SamplesTest, TheGradebookTakesEveryoneButOneStudent) {
  testing_files::TempDir temp;
  discover::Discovery discovery = discover::find_submissions(kSamples / "class", temp.path());
  std::vector<protocol::SubmissionResult> results;
  for (const discover::Submission& submission : discovery.submissions) {
    protocol::SubmissionResult result;
    result.submission = submission.key;
    result.status = protocol::SubmissionStatus::kGraded;
    result.score = 50;
    pipeline::stamp_discovery(submission, &result);  // as a batch does
    results.push_back(result);
  }
  gradebook::CanvasMatch match = gradebook::write_canvas_import(
      kSamples / "gradebook.csv", {"Coursework 3", 100}, results, temp.path() / "import.csv");
  EXPECT_EQ(match.assignment_column, "Coursework 3 (12345)");
  EXPECT_TRUE(match.unmatched_submissions.empty());
  EXPECT_EQ(match.students_without_submission,
            std::vector<std::string>{"Schmidt, Lena (ID 48312)"});
  std::string text = read_file(temp.path() / "import.csv");
  EXPECT_EQ(text.find("Student, Test"), std::string::npos) << "no submission, so no row";
  EXPECT_EQ(text.find("Schmidt, Lena"), std::string::npos) << "no submission, so no row";
}

}  // namespace

}  // namespace nn_grade
