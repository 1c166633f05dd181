#include "compile/build_submission.h"
#include "compile/cache_pruning.h"
#include "compile/compiler_log.h"
#include "compile/compiler_warnings.h"

#include <unistd.h>

#include <chrono>
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "protocol/catalog.h"
#include "protocol/result.h"
#include "protocol/submission_files.h"
#include "run/run_checks.h"

namespace nn_grade {

namespace compile {
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

// A fresh cache and a copy of the reference answer as a submission, built with the toolchain of
// this build tree (its compiler, headers and libnn_server.a), from a prefix of the test's own so
// that the compiler can be swapped.
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
    // The build tree's paths, made absolute (a relative one is read against the prefix).
    const fs::path tree = PROJECT_BINARY_DIR;
    j["include_dir"] = (tree / j["include_dir"].get<std::string>()).string();
    j["checker"] = (tree / j["checker"].get<std::string>()).string();
    for (const char* key : {"link", "standin_link"}) {
      for (auto& input : j[key]) {
        if (input.get<std::string>().rfind("-", 0) != 0)
          input = (tree / input.get<std::string>()).string();
      }
    }
    if (!compiler.empty()) j["compiler"] = compiler;
    fs::path prefix = root_ / "prefix";
    fs::create_directories(prefix / "share" / "nn-grade");
    write(prefix / "share" / "nn-grade" / "toolchain.json", j.dump());
    return load_toolchain(prefix);
  }

  BuildResult build() { return build_submission(submission(), toolchain_, options_); }

  // Runs `checks` (all of the catalog's when empty) on the built server with the real checker.
  std::vector<protocol::CheckResult> run_checks(const fs::path& server,
                                                std::vector<std::string> checks = {}) {
    std::vector<run::CheckJob> jobs;
    if (checks.empty()) {
      for (const auto& check : protocol::all_checks()) checks.push_back(check.id);
    }
    for (const std::string& id : checks)
      jobs.push_back({id, 12345, protocol::find_check(id)->defaults});
    run::RunOptions options;
    options.checker = CHECKER_PATH;
    options.slots = &slots_;
    return run::run_checks(server, jobs, options, nullptr);
  }

  fs::path root_;
  Toolchain toolchain_;
  run::JobSlots slots_{2};
  BuildOptions options_;
};

TEST_F(BuildSubmission, TheReferenceBuildsIntoAServerThatPassesRealChecks) {
  BuildResult r = build();
  ASSERT_EQ(r.status, protocol::SubmissionStatus::kGraded) << r.log;
  EXPECT_EQ(r.compiled, 4);
  EXPECT_FALSE(r.reused);
  EXPECT_EQ(r.fingerprint.size(), 40u);
  ASSERT_TRUE(fs::is_regular_file(r.server));
  const auto results = run_checks(r.server, {"linear.backward.weight", "relu.backward"});
  ASSERT_EQ(results.size(), 2u);
  for (const auto& result : results) {
    EXPECT_EQ(result.status, protocol::CheckStatus::kPassed) << result.id << ": " << result.output;
  }
}

TEST_F(BuildSubmission, AWrongGradientBuildsAndFailsItsCheckWhileTheOthersPass) {
  std::string layers = read(submission() / "layers.cpp");
  const std::string right = "grad_output.cwiseProduct(";
  ASSERT_NE(layers.find(right), std::string::npos) << "the reference's ReLU::backward changed";
  layers.replace(layers.find(right), right.size(), "(grad_output * 0.5).cwiseProduct(");
  write(submission() / "layers.cpp", layers);
  BuildResult r = build();
  ASSERT_EQ(r.status, protocol::SubmissionStatus::kGraded) << r.log;
  const auto results = run_checks(r.server, {"relu.backward", "linear.forward"});
  EXPECT_EQ(results.at(0).status, protocol::CheckStatus::kFailed) << results[0].output;
  EXPECT_EQ(results.at(1).status, protocol::CheckStatus::kPassed) << results[1].output;
}

// The stand-in server (docs/architecture.md, "Stand-ins") is the objects already compiled, but
// layers.cpp's, linked with the stand-in layers: nothing compiled again, cached like the server.
TEST_F(BuildSubmission, TheStandInServerLinksTheSameObjectsButLayersWithTheStandIns) {
  options_.standin_server = true;
  BuildResult r = build();
  ASSERT_EQ(r.status, protocol::SubmissionStatus::kGraded) << r.log;
  EXPECT_EQ(r.compiled, 4);
  ASSERT_TRUE(fs::is_regular_file(r.standin_server)) << r.standin_log;
  EXPECT_NE(r.standin_server, r.server);
  // Its layers ask the checker: judged end to end, no checker answers them.
  const auto results = run_checks(r.standin_server, {"mlp.forward"});
  EXPECT_EQ(results.at(0).status, protocol::CheckStatus::kError) << results[0].output;
  BuildResult again = build();
  EXPECT_TRUE(again.reused);
  EXPECT_EQ(again.standin_server, r.standin_server);
}

TEST_F(BuildSubmission, AModelThatNeedsItsLayersCppDoesNotLinkAsAStandInServerAndSaysWhy) {
  write(submission() / "layers.cpp",
        read(submission() / "layers.cpp") + "\nnamespace nn { int helper() { return 2; } }\n");
  write(submission() / "model.cpp",
        read(submission() / "model.cpp") +
            "\nnamespace nn { int helper(); int twice() { return 2 * helper(); } }\n");
  options_.standin_server = true;
  BuildResult r = build();
  ASSERT_EQ(r.status, protocol::SubmissionStatus::kGraded) << r.log;
  EXPECT_TRUE(fs::is_regular_file(r.server));
  EXPECT_TRUE(r.standin_server.empty());
  EXPECT_EQ(r.standin_status, protocol::SubmissionStatus::kBuildFailed);
  EXPECT_NE(r.standin_log.find("helper"), std::string::npos) << r.standin_log;
}

TEST_F(BuildSubmission, AnUnchangedSubmissionIsReusedAndAChangedFileAloneRecompiles) {
  BuildResult first = build();
  ASSERT_EQ(first.status, protocol::SubmissionStatus::kGraded) << first.log;
  BuildResult again = build();
  EXPECT_EQ(again.status, protocol::SubmissionStatus::kGraded);
  EXPECT_TRUE(again.reused);
  EXPECT_EQ(again.compiled, 0);
  EXPECT_EQ(again.server, first.server);
  EXPECT_EQ(again.fingerprint, first.fingerprint);

  write(submission() / "model.cpp", read(submission() / "model.cpp") + "\n// changed\n");
  BuildResult changed = build();
  EXPECT_EQ(changed.status, protocol::SubmissionStatus::kGraded) << changed.log;
  EXPECT_FALSE(changed.reused);
  EXPECT_EQ(changed.compiled, 1);
  EXPECT_NE(changed.server, first.server);
  EXPECT_NE(changed.fingerprint, first.fingerprint);
}

TEST_F(BuildSubmission, ACompileErrorNamesTheStudentsFileAndLine) {
  std::string layers = read(submission() / "layers.cpp");
  int lines = 0;
  for (char c : layers) lines += c == '\n';
  write(submission() / "layers.cpp", layers + "int broken = ;\n");
  BuildResult r = build();
  EXPECT_EQ(r.status, protocol::SubmissionStatus::kBuildFailed);
  EXPECT_TRUE(contains(r.log, "layers.cpp:" + std::to_string(lines + 1) + ":")) << r.log;
  EXPECT_TRUE(contains(r.log, "error:")) << r.log;
  EXPECT_FALSE(contains(r.log, root_.string())) << r.log;
  EXPECT_FALSE(contains(r.log, "/tmp")) << r.log;
}

TEST_F(BuildSubmission, MissingFilesAreNamed) {
  fs::remove(submission() / "losses.cpp");
  fs::remove(submission() / "optimizer.cpp");
  BuildResult r = build();
  EXPECT_EQ(r.status, protocol::SubmissionStatus::kMissingFiles);
  EXPECT_EQ(r.missing, (std::vector<std::string>{"losses.cpp", "optimizer.cpp"}));
  EXPECT_TRUE(contains(r.log, "losses.cpp, optimizer.cpp")) << r.log;
}

TEST_F(BuildSubmission, AStudentsOwnHeaderIsNeverSeen) {
  write(submission() / "layers.h", "#error the student's layers.h was used\n");
  BuildResult r = build();
  EXPECT_EQ(r.status, protocol::SubmissionStatus::kGraded) << r.log;
}

TEST_F(BuildSubmission, ALinkFailureNamesTheMissingFunction) {
  std::string layers = read(submission() / "layers.cpp");
  const std::size_t start = layers.find("Matrix Linear::backward(");
  ASSERT_NE(start, std::string::npos) << "the reference's Linear::backward moved";
  layers.erase(start, layers.find("}\n", start) + 2 - start);
  write(submission() / "layers.cpp", layers);
  BuildResult r = build();
  EXPECT_EQ(r.status, protocol::SubmissionStatus::kBuildFailed);
  EXPECT_TRUE(contains(r.log,
                       "nn::Linear::backward(const Matrix&) is declared in the "
                       "coursework's headers but defined in none of your files"))
      << r.log;
  EXPECT_FALSE(contains(r.log, (root_ / "cache").string())) << r.log;
}

TEST_F(BuildSubmission, ACompileOverTheTimeLimitIsStopped) {
  options_.compile_timeout_seconds = 0.001;
  BuildResult r = build();
  EXPECT_EQ(r.status, protocol::SubmissionStatus::kBuildFailed);
  EXPECT_TRUE(contains(r.log, "took longer than 0.001 s")) << r.log;
}

// A compiler that cannot compile the grader's own prelude in the same place either (as one that
// cannot run `as`, or a full disk, would) fails through no fault of the student's.
TEST_F(BuildSubmission, ACompilerThatFailsOnTheGradersOwnCodeTooIsTheGradersError) {
  toolchain_ = fake_toolchain("/bin/false");
  BuildResult r = build();
  EXPECT_EQ(r.status, protocol::SubmissionStatus::kGraderError) << r.log;
  EXPECT_TRUE(contains(r.log, "The grader's own code does not compile here either")) << r.log;
}

// `#line` makes the compiler's messages name any file: the failure is the student's because the
// grader's own prelude compiles in the same place, whatever the messages say.
TEST_F(BuildSubmission, AnErrorThatNamesASystemHeaderIsTheStudentsWhenTheGradersCodeCompiles) {
  std::ofstream(submission() / "model.cpp", std::ios::app)
      << "#line 7 \"/usr/lib/gcc/x86_64-linux-gnu/12/include/stddef.h\"\n#error broken\n";
  BuildResult r = build();
  EXPECT_EQ(r.status, protocol::SubmissionStatus::kBuildFailed) << r.log;
  EXPECT_TRUE(contains(r.log, "model.cpp does not compile")) << r.log;
}

// `__has_include` reads a file's existence without -MD listing it: treated as an #include.
TEST_F(BuildSubmission, AHasIncludeOfAPathOutsideIsAnIncludeFromOutside) {
  std::ofstream(submission() / "model.cpp", std::ios::app)
      << "#if __has_include(\"/home/ta/solution.h\")\n#endif\n";
  BuildResult r = build();
  EXPECT_EQ(r.status, protocol::SubmissionStatus::kBuildFailed) << r.log;
  EXPECT_TRUE(contains(r.log, "model.cpp includes /home/ta/solution.h")) << r.log;
}

TEST_F(BuildSubmission, ALinkFailureInTheStudentsFilesIsTheirs) {
  std::ofstream(submission() / "model.cpp", std::ios::app)  // defined in layers.cpp too
      << "std::vector<nn::Parameter> nn::Linear::parameters() { return {}; }\n";
  BuildResult r = build();
  EXPECT_EQ(r.status, protocol::SubmissionStatus::kBuildFailed);
  EXPECT_TRUE(contains(r.log, "layers.cpp")) << r.log;
}

TEST_F(BuildSubmission, ALinkFailureThatNamesNoneOfTheStudentsFilesIsTheGradersError) {
  toolchain_.link_inputs.push_back("-lno_such_library_for_nn_grade");
  BuildResult r = build();
  EXPECT_EQ(r.status, protocol::SubmissionStatus::kGraderError) << r.log;
  EXPECT_TRUE(contains(r.log, "The linker failed without pointing at your files")) << r.log;
}

TEST_F(BuildSubmission, AMissingCompilerIsTheGradersError) {
  toolchain_ = fake_toolchain("/nonexistent/g++");
  BuildResult r = build();
  EXPECT_EQ(r.status, protocol::SubmissionStatus::kGraderError);
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

// The toolchain of the build tree names the checker that was built, and every check of the
// catalog passes on the reference built with it.
TEST_F(BuildSubmission, EndToEndTheReferencePassesEveryCheckWithTheToolchainsChecker) {
  toolchain_ = load_toolchain(PROJECT_BINARY_DIR);
  EXPECT_TRUE(fs::equivalent(toolchain_.checker, CHECKER_PATH)) << toolchain_.checker;
  EXPECT_TRUE(fs::equivalent(toolchain_.server_library, SERVER_LIBRARY_PATH))
      << toolchain_.server_library;
  BuildResult built = build();
  ASSERT_EQ(built.status, protocol::SubmissionStatus::kGraded) << built.log;
  const auto results = run_checks(built.server);
  ASSERT_EQ(results.size(), protocol::all_checks().size());
  for (const auto& r : results)
    EXPECT_EQ(r.status, protocol::CheckStatus::kPassed) << r.id << ": " << r.output;
}

}  // namespace
}  // namespace compile

namespace compile {
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
}  // namespace compile

namespace compile {
TEST(CompilerLog, AnIncludeFromOutsideIsFoundInTheDependencies) {
  const std::vector<std::string> allowed = {"/usr/", "/opt/grade/include/"};
  EXPECT_EQ(first_outside_dependency("layers.o: layers.cpp /opt/grade/include/layers.h \\\n"
                                     " /usr/include/c++/12/cmath /home/ta/solution.cpp\n",
                                     allowed),
            "/home/ta/solution.cpp");
  EXPECT_EQ(first_outside_dependency("model.o: model.cpp ../../reference/model.cpp\n", allowed),
            "../../reference/model.cpp");
  EXPECT_EQ(first_outside_dependency("losses.o: losses.cpp /usr/include/eigen3/Eigen/Dense \\\n"
                                     " /opt/grade/include/nn_prelude.h\n",
                                     allowed),
            "");
}

TEST(CompilerLog, AnIncludeFromOutsideIsFoundInAFailedCompilesMessages) {
  const std::vector<std::string> allowed = {"/usr/"};
  EXPECT_EQ(first_outside_location("In file included from layers.cpp:5:\n/etc/passwd:1:5: error: "
                                   "'root' does not name a type\n",
                                   allowed),
            "/etc/passwd");
  // The assembler's messages name the compiler's temporary file, in its own work folder when
  // that is allowed (the build gives it TMPDIR there), outside when it is not.
  const std::string assembler =
      "/build/work/ccAb12Cd.s: Assembler messages:\n/build/work/ccAb12Cd.s:7: Error: file not "
      "found: /etc/shadow\n";
  EXPECT_EQ(first_outside_location(assembler, {"/usr/", "/build/work/"}), "");
  EXPECT_EQ(first_outside_location(assembler, allowed), "/build/work/ccAb12Cd.s");
  EXPECT_EQ(first_outside_location("layers.cpp:12:3: error: expected ';'\n", allowed), "");
}

TEST_F(BuildSubmission, AMissingFileWhoseNameIsNearlyRightIsPointedOut) {
  fs::rename(submission() / "model.cpp", submission() / "Model.cpp");
  BuildResult r = build();
  EXPECT_EQ(r.status, protocol::SubmissionStatus::kMissingFiles);
  EXPECT_TRUE(contains(r.log, "Model.cpp is there: the grader needs it named exactly model.cpp"))
      << r.log;
}
}  // namespace compile

namespace compile {
TEST(CachePruning, RemovesTheLeastRecentlyUsedButNothingUsedInTheLastHour) {
  const fs::path cache = fs::temp_directory_path() / ("prune-test-" + std::to_string(getpid()));
  fs::remove_all(cache);
  fs::create_directories(cache / "objects");
  fs::create_directories(cache / "servers");
  const auto now = fs::file_time_type::clock::now();
  auto make = [&](const fs::path& path, std::chrono::hours age) {
    std::ofstream(path) << std::string(1000, 'x');
    fs::last_write_time(path, now - age);
  };
  make(cache / "objects" / "oldest.o", std::chrono::hours(30));
  make(cache / "servers" / "old", std::chrono::hours(20));
  make(cache / "objects" / "recent.o", std::chrono::hours(0));
  make(cache / "servers" / "recent", std::chrono::hours(0));

  EXPECT_EQ(prune_cache(cache, 10000), 0u) << "under the limit: nothing to do";
  EXPECT_EQ(prune_cache(cache, 2500), 2000u);
  EXPECT_FALSE(fs::exists(cache / "objects" / "oldest.o"));
  EXPECT_FALSE(fs::exists(cache / "servers" / "old"));
  EXPECT_EQ(prune_cache(cache, 0), 0u) << "what was used in the last hour stays";
  EXPECT_TRUE(fs::exists(cache / "servers" / "recent"));
  fs::remove_all(cache);
}
}  // namespace compile

namespace compile {
// What GCC 12 prints for `Eigen::MatrixXi counts; ... + counts * 0` in a double expression,
// after the grader's folders are renamed away (shortened).
const char* kMixedTypesLog =
    "In file included from Eigen/Core:253,\n"
    "                 from Eigen/Dense:1,\n"
    "                 from nn_prelude.h:3:\n"
    "Eigen/src/Core/functors/BinaryFunctors.h: In instantiation of 'struct "
    "Eigen::internal::scalar_sum_op<double, int>':\n"
    "Eigen/src/Core/CwiseBinaryOp.h:77:7:   required from 'class Eigen::CwiseBinaryOp<...>'\n"
    "layers.cpp:21:50:   required from here\n"
    "Eigen/src/Core/functors/BinaryFunctors.h:34:88: error: no type named 'ReturnType' in "
    "'struct Eigen::ScalarBinaryOpTraits<double, int, Eigen::internal::scalar_sum_op<double, "
    "int> >'\n"
    "   34 |   typedef typename "
    "ScalarBinaryOpTraits<LhsScalar,RhsScalar,scalar_sum_op>::ReturnType "
    "result_type;\n";

const char* kMixedTypesSource =
    "line 1\n"
    "  return (X * W).rowwise() + b.row(0) + counts * 0;\n";

TEST(CompilerLog, AnErrorInsideEigenLeadsWithTheStudentsLineItsMessageAndAHint) {
  std::string source(20, '\n');
  source += "  return (X * W).rowwise() + b.row(0) + counts * 0;\n";
  const std::string lead = lead_compiler_error(kMixedTypesLog, {{"layers.cpp", source}});
  EXPECT_EQ(lead.rfind("layers.cpp:21:50: error: no type named 'ReturnType' in 'struct "
                       "Eigen::ScalarBinaryOpTraits<double, int,",
                       0),
            0u)
      << lead;
  EXPECT_NE(lead.find(" 21 |   return (X * W).rowwise() + b.row(0) + counts * 0;\n"
                      "    |                                                  ^\n"),
            std::string::npos)
      << lead;
  EXPECT_NE(lead.find("Hint: Eigen does not mix number types"), std::string::npos) << lead;
  EXPECT_NE(lead.find(".cast<double>()"), std::string::npos) << lead;
}

TEST(CompilerLog, AnErrorInTheStudentsOwnLineIsLedWithAsItIs) {
  const std::string log =
      "layers.cpp: In member function 'nn::Matrix nn::ReLU::forward(const Matrix&)':\n"
      "layers.cpp:2:10: error: 'zero_threshold' was not declared in this scope\n"
      "    2 |   return zero_threshold;\n";
  EXPECT_EQ(lead_compiler_error(log, {{"layers.cpp", kMixedTypesSource}}),
            "layers.cpp:2:10: error: 'zero_threshold' was not declared in this scope\n"
            " 2 |   return (X * W).rowwise() + b.row(0) + counts * 0;\n"
            "   |          ^\n");
  // An error located in none of the student's files leads with nothing.
  EXPECT_EQ(lead_compiler_error(log, {{"model.cpp", ""}}), "");
}

// g++ 12's message for `(cached_input.array() > 0.0).cats<double>()`: its point is at its end.
TEST(CompilerLog, ALongMessageKeepsItsKeySentenceWhole) {
  const std::string message =
      "error: 'const Eigen::ArrayBase<Eigen::ArrayWrapper<Eigen::Matrix<double, -1, -1> > "
      ">::RCmpLTReturnType' {aka 'const class "
      "Eigen::CwiseBinaryOp<Eigen::internal::scalar_cmp_op<double, double, "
      "Eigen::internal::cmp_LT>, const "
      "Eigen::CwiseNullaryOp<Eigen::internal::scalar_constant_op<double>, Eigen::Array<double, "
      "-1, -1> >, const Eigen::ArrayWrapper<Eigen::Matrix<double, -1, -1> > >'} has no member "
      "named 'cats'; did you mean 'cast'?";
  const std::string lead = lead_compiler_error("layers.cpp:2:46: " + message + "\n",
                                               {{"layers.cpp", kMixedTypesSource}});
  EXPECT_NE(lead.find("layers.cpp:2:46: error: 'const Eigen::ArrayBase<...>::RCmpLTReturnType' "
                      "{aka 'const class Eigen::CwiseBinaryOp<...>'} has no member named 'cats'; "
                      "did you mean 'cast'?\n"),
            std::string::npos)
      << lead;
  // Short messages, and operators, are left as they are.
  EXPECT_EQ(readable_message("error: no match for 'operator<<' (a < b)"),
            "error: no match for 'operator<<' (a < b)");
  const std::string long_words = "error: " + std::string(400, 'x') + " did you mean 'cast'?";
  const std::string shown = readable_message(long_words);
  EXPECT_LE(shown.size(), 310u);
  EXPECT_EQ(shown.substr(shown.size() - 20), "did you mean 'cast'?") << shown;
}

TEST(CompilerLog, HintsNameTheUsualEigenTraps) {
  EXPECT_NE(eigen_compile_hint("YOU_CANNOT_MIX_ARRAYS_AND_MATRICES").find(".matrix()"),
            std::string::npos);
  EXPECT_NE(eigen_compile_hint("error: static assertion failed: INVALID_MATRIX_PRODUCT")
                .find(".transpose()"),
            std::string::npos);
  EXPECT_NE(eigen_compile_hint("YOU_MIXED_DIFFERENT_NUMERIC_TYPES").find(".cast<double>()"),
            std::string::npos);
  EXPECT_EQ(eigen_compile_hint("error: expected ';' before '}' token"), "");
}

TEST(CompilerLog, TheGradersPreludeAndIncludeChainsAreHidden) {
  const std::string hidden = hide_internal_lines(kMixedTypesLog);
  EXPECT_EQ(hidden.find("nn_prelude.h"), std::string::npos) << hidden;
  EXPECT_EQ(hidden.find("In file included from"), std::string::npos) << hidden;
  EXPECT_NE(hidden.find("layers.cpp:21:50:   required from here\n"), std::string::npos) << hidden;
}
}  // namespace compile

namespace compile {
namespace {

const std::vector<std::string> kFlags = {
    "-std=c++17",    "-O1", "-Wreturn-type", "-Wtype-limits", "-Wmaybe-uninitialized",
    "-Wsign-compare"};

// g++ 12's messages, in the C locale's quotes and in a UTF-8 locale's.
TEST(CompilerWarnings, EachWarningIsTypedWithItsFileLineAndFunction) {
  const std::string log =
      "layers.cpp: In member function 'virtual nn::Matrix nn::ReLU::forward(const "
      "nn::Matrix&)':\n"
      "layers.cpp:7:37: warning: comparison of unsigned expression in '>= 0' is always true "
      "[-Wtype-limits]\n"
      "    7 |   for (unsigned i = X.rows() - 1; i >= 0; --i) {}\n"
      "layers.cpp:9:7: warning: unused variable 'k' [-Wunused-variable]\n"
      "layers.cpp: In member function ‘virtual nn::Matrix nn::Sigmoid::forward(const "
      "nn::Matrix&)’:\n"
      "layers.cpp:50:1: warning: no return statement in function returning non-void "
      "[-Wreturn-type]\n"
      "layers.cpp: In function 'double nn::helper(double)':\n"
      "layers.cpp:4:55: warning: control reaches end of non-void function [-Wreturn-type]\n"
      "layers.cpp: In constructor 'nn::Linear::Linear(int, int, std::mt19937&)':\n"
      "layers.cpp:15:81: warning: 'z' may be used uninitialized [-Wmaybe-uninitialized]\n"
      "layers.cpp:15:71: note: 'z' was declared here\n"
      "layers.cpp:15:81: warning: 'z' may be used uninitialized [-Wmaybe-uninitialized]\n";
  const std::vector<protocol::CompilerWarning> found = compiler_warnings(log, "layers.cpp", kFlags);
  ASSERT_EQ(found.size(), 4u);
  EXPECT_EQ(found[0].line, 7);
  EXPECT_EQ(found[0].function, "ReLU::forward");
  EXPECT_EQ(found[0].text, "comparison of unsigned expression in '>= 0' is always true");
  EXPECT_EQ(found[0].flag, "-Wtype-limits");
  EXPECT_EQ(found[1].function, "Sigmoid::forward");
  EXPECT_EQ(found[1].text, "no return statement in function returning non-void");
  EXPECT_EQ(found[2].function, "helper");
  EXPECT_EQ(found[3].function, "Linear::Linear");
  EXPECT_EQ(found[3].line, 15);
  // Another file's name, a flag submissions are not compiled with: nothing.
  EXPECT_TRUE(compiler_warnings(log, "model.cpp", kFlags).empty());
  EXPECT_TRUE(compiler_warnings(log, "layers.cpp", {"-O1"}).empty());
}

// A temporary read after its statement ended (an `auto` holding an Eigen expression of a
// Matrix made on its line): g++ warns inside Eigen, names the student's line in the chain of
// inlined calls, and the temporary's line in a note.
TEST(CompilerWarnings, ATemporaryReadAfterItsStatementIsNamedAtTheStudentsLine) {
  const std::string log =
      "In member function ‘Eigen::Index Eigen::DenseStorage<T, -1, -1, -1, _Options>::rows() "
      "const [with T = double; int _Options = 0]’,\n"
      "    inlined from ‘constexpr Eigen::Index Eigen::PlainObjectBase<Derived>::rows() const "
      "[with Derived = Eigen::Matrix<double, -1, -1>]’ at "
      "/usr/include/eigen3/Eigen/src/Core/PlainObjectBase.h:143:62,\n"
      "    inlined from ‘virtual nn::Matrix nn::ReLU::backward(const nn::Matrix&)’ at "
      "layers.cpp:39:30:\n"
      "/usr/include/eigen3/Eigen/src/Core/DenseStorage.h:472:69: warning: ‘*(const "
      "Eigen::DenseStorage<double, -1, -1, -1, 0>*)((char*)&<unnamed> + offsetof(Eigen::Matrix, "
      "Eigen::Matrix<double, -1, -1, 0, -1, -1>::<unnamed>)).Eigen::DenseStorage<double, -1, "
      "-1, -1, 0>::m_rows’ may be used uninitialized [-Wmaybe-uninitialized]\n"
      "  472 |     EIGEN_DEVICE_FUNC Index rows(void) const EIGEN_NOEXCEPT {return m_rows;}\n"
      "      |                                                                     ^~~~~~\n"
      "layers.cpp: In member function ‘virtual nn::Matrix nn::ReLU::backward(const "
      "nn::Matrix&)’:\n"
      "layers.cpp:38:65: note: ‘<anonymous>’ declared here\n"
      "   38 |   auto mask = Matrix((cached_input.array() > 0.0).cast<double>()).array();\n";
  const std::vector<protocol::CompilerWarning> found = compiler_warnings(log, "layers.cpp", kFlags);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].line, 39);
  EXPECT_EQ(found[0].function, "ReLU::backward");
  EXPECT_NE(found[0].text.find("a temporary object made at layers.cpp:38"), std::string::npos)
      << found[0].text;
  EXPECT_EQ(found[0].flag, "-Wmaybe-uninitialized");
  // Without the note naming an object of no name, Eigen's own warnings are not the student's.
  const std::string without_note = log.substr(0, log.find("layers.cpp: In member"));
  EXPECT_TRUE(compiler_warnings(without_note, "layers.cpp", kFlags).empty());
}

}  // namespace
}  // namespace compile

}  // namespace nn_grade
