#include "build_submission.h"
#include "cache_pruning.h"
#include "compiler_log.h"

#include <unistd.h>

#include <chrono>
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "result.h"
#include "run_checks.h"
#include "submission_files.h"
#include "subprocess.h"

#ifdef NN_HAVE_HARNESS
#include "catalog.h"
#endif

namespace build {
namespace {

namespace fs = std::filesystem;

std::string read(const fs::path& path) {
  std::ifstream in(path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

void write(const fs::path& path, const std::string& text) { std::ofstream(path) << text; }

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

// A fresh cache and a copy of the reference answer as a submission, built against the real
// share dir with the fake harness (so these tests need no nn_harness).
class BuildSubmission : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = fs::path(::testing::TempDir()) /
            ("nn-grade-build-" +
             std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()));
    fs::remove_all(root_);
    fs::create_directories(submission());
    for (const char* file : protocol::kSubmissionFiles) {
      fs::copy_file(fs::path(REFERENCE_DIR) / file, submission() / file);
    }
    toolchain_ = fake_toolchain();
    options_.cache_dir = root_ / "cache";
    options_.slots = &slots_;
  }
  void TearDown() override { fs::remove_all(root_); }

  fs::path submission() const { return root_ / "submission"; }

  Toolchain fake_toolchain(const std::string& compiler = "") {
    nlohmann::json j = nlohmann::json::parse(read(fs::path(SHARE_DIR) / "toolchain.json"));
    j["include_dir"] = (fs::path(SHARE_DIR) / "include").string();
    j["link"] = {FAKE_HARNESS_PATH, "-lfmt", "-pthread"};
    if (!compiler.empty()) j["compiler"] = compiler;
    fs::path prefix = root_ / "prefix";
    fs::create_directories(prefix / "share" / "nn-grade");
    write(prefix / "share" / "nn-grade" / "toolchain.json", j.dump());
    return load_toolchain(prefix);
  }

  BuildResult build() { return build_submission(submission(), toolchain_, options_); }

  fs::path root_;
  Toolchain toolchain_;
  run::JobSlots slots_{2};
  BuildOptions options_;
};

TEST_F(BuildSubmission, TheReferenceBuildsAndRuns) {
  BuildResult r = build();
  ASSERT_EQ(r.status, "graded") << r.log;
  EXPECT_EQ(r.compiled, 4);
  EXPECT_FALSE(r.reused);
  EXPECT_EQ(r.fingerprint.size(), 40u);
  ASSERT_TRUE(fs::is_regular_file(r.runner));
  run::ProcessSpec spec;
  spec.argv = {r.runner.string()};
  EXPECT_EQ(run::run_process(spec).exit_code, 0);
}

TEST_F(BuildSubmission, AnUnchangedSubmissionIsReusedAndAChangedFileAloneRecompiles) {
  BuildResult first = build();
  ASSERT_EQ(first.status, "graded") << first.log;
  BuildResult again = build();
  EXPECT_EQ(again.status, "graded");
  EXPECT_TRUE(again.reused);
  EXPECT_EQ(again.compiled, 0);
  EXPECT_EQ(again.runner, first.runner);
  EXPECT_EQ(again.fingerprint, first.fingerprint);

  write(submission() / "model.cpp", read(submission() / "model.cpp") + "\n// changed\n");
  BuildResult changed = build();
  EXPECT_EQ(changed.status, "graded") << changed.log;
  EXPECT_FALSE(changed.reused);
  EXPECT_EQ(changed.compiled, 1);
  EXPECT_NE(changed.runner, first.runner);
  EXPECT_NE(changed.fingerprint, first.fingerprint);
}

TEST_F(BuildSubmission, ACompileErrorNamesTheStudentsFileAndLine) {
  std::string layers = read(submission() / "layers.cpp");
  int lines = 0;
  for (char c : layers) lines += c == '\n';
  write(submission() / "layers.cpp", layers + "int broken = ;\n");
  BuildResult r = build();
  EXPECT_EQ(r.status, "build_failed");
  EXPECT_TRUE(contains(r.log, "layers.cpp:" + std::to_string(lines + 1) + ":")) << r.log;
  EXPECT_TRUE(contains(r.log, "error:")) << r.log;
  EXPECT_FALSE(contains(r.log, root_.string())) << r.log;
  EXPECT_FALSE(contains(r.log, "/tmp")) << r.log;
}

TEST_F(BuildSubmission, MissingFilesAreNamed) {
  fs::remove(submission() / "losses.cpp");
  fs::remove(submission() / "optimizer.cpp");
  BuildResult r = build();
  EXPECT_EQ(r.status, "missing_files");
  EXPECT_EQ(r.missing, (std::vector<std::string>{"losses.cpp", "optimizer.cpp"}));
  EXPECT_TRUE(contains(r.log, "losses.cpp, optimizer.cpp")) << r.log;
}

TEST_F(BuildSubmission, AStudentsOwnHeaderIsNeverSeen) {
  write(submission() / "layers.h", "#error the student's layers.h was used\n");
  BuildResult r = build();
  EXPECT_EQ(r.status, "graded") << r.log;
}

TEST_F(BuildSubmission, ALinkFailureNamesTheMissingFunction) {
  write(submission() / "layers.cpp", "// nothing here yet\n");
  BuildResult r = build();
  EXPECT_EQ(r.status, "build_failed");
  EXPECT_TRUE(contains(r.log,
                       "nn::Linear::backward(const Matrix&) is declared in the "
                       "coursework's headers but defined in none of your files"))
      << r.log;
  EXPECT_FALSE(contains(r.log, (root_ / "cache").string())) << r.log;
}

TEST_F(BuildSubmission, ACompileOverTheTimeLimitIsStopped) {
  options_.compile_timeout_seconds = 0.001;
  BuildResult r = build();
  EXPECT_EQ(r.status, "build_failed");
  EXPECT_TRUE(contains(r.log, "took longer than 0.001 s")) << r.log;
}

TEST_F(BuildSubmission, ACompilerThatFailsWithoutPointingAtTheCodeIsTheGradersError) {
  toolchain_ = fake_toolchain("/bin/false");  // as a compiler that cannot run `as` would
  BuildResult r = build();
  EXPECT_EQ(r.status, "grader_error") << r.log;
  EXPECT_TRUE(contains(r.log, "The compiler failed without pointing at layers.cpp")) << r.log;
}

TEST_F(BuildSubmission, ALinkFailureInTheStudentsFilesIsTheirs) {
  std::ofstream(submission() / "model.cpp", std::ios::app)  // defined in layers.cpp too
      << "std::vector<nn::Parameter> nn::Linear::parameters() { return {}; }\n";
  BuildResult r = build();
  EXPECT_EQ(r.status, "build_failed");
  EXPECT_TRUE(contains(r.log, "layers.cpp")) << r.log;
}

TEST_F(BuildSubmission, ALinkFailureThatNamesNoneOfTheStudentsFilesIsTheGradersError) {
  toolchain_.link_inputs.push_back("-lno_such_library_for_nn_grade");
  BuildResult r = build();
  EXPECT_EQ(r.status, "grader_error") << r.log;
  EXPECT_TRUE(contains(r.log, "The linker failed without pointing at your files")) << r.log;
}

TEST_F(BuildSubmission, AMissingCompilerIsTheGradersError) {
  toolchain_ = fake_toolchain("/nonexistent/g++");
  BuildResult r = build();
  EXPECT_EQ(r.status, "grader_error");
  EXPECT_TRUE(contains(r.log, "/nonexistent/g++")) << r.log;
}

TEST(Toolchain, AMissingFileIsAClearError) {
  try {
    load_toolchain("/nonexistent/prefix");
    FAIL() << "no exception";
  } catch (const std::runtime_error& e) {
    EXPECT_TRUE(contains(e.what(), "/nonexistent/prefix/share/nn-grade/toolchain.json"));
  }
}

#ifdef NN_HAVE_HARNESS
// The real thing: the reference built with the real toolchain and harness, a few checks run.
TEST_F(BuildSubmission, EndToEndTheReferencePassesRealChecks) {
  toolchain_ = load_toolchain(PROJECT_BINARY_DIR);
  BuildResult built = build();
  ASSERT_EQ(built.status, "graded") << built.log;
  std::vector<run::CheckJob> jobs;
  for (const auto& check : catalog::all()) {
    if (jobs.size() < 4) jobs.push_back({check.id, 12345, check.defaults});
  }
  run::RunOptions options;
  options.slots = &slots_;
  std::string isolation;
  auto results = run::run_checks(built.runner, jobs, options, &isolation);
  ASSERT_EQ(results.size(), jobs.size());
  for (const auto& r : results) EXPECT_EQ(r.status, "passed") << r.id << ": " << r.output;
}
#endif

}  // namespace
}  // namespace build

namespace build {
TEST(CompilerLog, AnUndefinedCourseworkFunctionIsNamedPlainly) {
  std::string log =
      "ld: harness.a(student_calls.cc.o): in function `harness::backward(nn::MLP&)':\n"
      "student_calls.cc:(.text+0x4ab): undefined reference to "
      "`nn::MLP::backward(Eigen::Matrix<double, -1, -1, 0, -1, -1> const&)'\n";
  EXPECT_EQ(explain_undefined_references(log),
            "nn::MLP::backward(const Matrix&) is declared in the coursework's headers but defined "
            "in none of your files: was it deleted, renamed, or given other parameters?\n");
  EXPECT_EQ(explain_undefined_references("ld: cannot find -lfmt\n"), "");
}
}  // namespace build

namespace build {
TEST_F(BuildSubmission, AMissingFileWhoseNameIsNearlyRightIsPointedOut) {
  fs::rename(submission() / "model.cpp", submission() / "Model.cpp");
  BuildResult r = build();
  EXPECT_EQ(r.status, "missing_files");
  EXPECT_TRUE(contains(r.log, "Model.cpp is there: the grader needs it named exactly model.cpp"))
      << r.log;
}
}  // namespace build

namespace build {
TEST(CachePruning, RemovesTheLeastRecentlyUsedButNothingUsedInTheLastHour) {
  const fs::path cache = fs::temp_directory_path() / ("prune-test-" + std::to_string(getpid()));
  fs::remove_all(cache);
  fs::create_directories(cache / "objects");
  fs::create_directories(cache / "runners");
  const auto now = fs::file_time_type::clock::now();
  auto make = [&](const fs::path& path, std::chrono::hours age) {
    std::ofstream(path) << std::string(1000, 'x');
    fs::last_write_time(path, now - age);
  };
  make(cache / "objects" / "oldest.o", std::chrono::hours(30));
  make(cache / "runners" / "old", std::chrono::hours(20));
  make(cache / "objects" / "recent.o", std::chrono::hours(0));
  make(cache / "runners" / "recent", std::chrono::hours(0));

  EXPECT_EQ(prune_cache(cache, 10000), 0u) << "under the limit: nothing to do";
  EXPECT_EQ(prune_cache(cache, 2500), 2000u);
  EXPECT_FALSE(fs::exists(cache / "objects" / "oldest.o"));
  EXPECT_FALSE(fs::exists(cache / "runners" / "old"));
  EXPECT_EQ(prune_cache(cache, 0), 0u) << "what was used in the last hour stays";
  EXPECT_TRUE(fs::exists(cache / "runners" / "recent"));
  fs::remove_all(cache);
}
}  // namespace build
