#include "run_checks.h"

#include <gtest/gtest.h>

#include "test_paths.h"

namespace run {
namespace {

using grading::CheckResult;

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

class RunChecks : public ::testing::TestWithParam<protocol::IsolationPolicy> {
 protected:
  CheckResult run_one(const std::string& id, const std::string& params = "{}") {
    return run_all({id}, params).at(0);
  }
  std::vector<CheckResult> run_all(const std::vector<std::string>& ids,
                                   const std::string& params = "{}") {
    std::vector<CheckJob> jobs;
    for (const auto& id : ids) jobs.push_back({id, 42, nlohmann::json::parse(params)});
    return run_checks(test_paths::fake_runner(), jobs, options(), &isolation_);
  }
  RunOptions options() {
    RunOptions o;
    o.limits.wall_seconds = 5;
    o.limits.cpu_seconds = 5;
    o.limits.memory_mb = 256;
    o.limits.file_mb = 4;
    o.limits.output_kb = 64;
    o.isolation = GetParam();
    o.slots = &slots_;
    return o;
  }
  JobSlots slots_{2};
  std::string isolation_;
};

TEST_P(RunChecks, ATrueReportGivesItsFields) {
  CheckResult r = run_one("pass");
  EXPECT_EQ(r.id, "pass");
  EXPECT_EQ(r.status, "passed");
  EXPECT_EQ(r.fraction, 1.0);
  EXPECT_EQ(r.output, "all good");  // a pass shows none of the student's prints
  EXPECT_EQ(r.figures.at("max_rel_error"), 1e-9);
  EXPECT_FALSE(isolation_.empty());
}

TEST_P(RunChecks, AFailureShowsTheStudentsPrints) {
  CheckResult r = run_one("fail");
  EXPECT_EQ(r.status, "failed");
  EXPECT_EQ(r.fraction, 0.25);
  EXPECT_TRUE(contains(r.output, "grad_W[2,1]")) << r.output;
  EXPECT_TRUE(contains(r.output, "Your code printed")) << r.output;
  EXPECT_TRUE(contains(r.output, "  | debug: W = 0.51")) << r.output;
}

TEST_P(RunChecks, ResultsComeBackInTheOrderOfTheJobs) {
  auto results = run_all({"fail", "pass", "segv", "exit0", "pass"});
  std::vector<std::string> statuses;
  for (const auto& r : results) statuses.push_back(r.status);
  EXPECT_EQ(statuses, (std::vector<std::string>{"failed", "passed", "crashed", "error", "passed"}));
}

TEST_P(RunChecks, AnEndlessLoopTimesOutWithTheSeed) {
  RunOptions o = options();
  o.limits.wall_seconds = 0.5;
  auto results = run_checks(test_paths::fake_runner(), {{"loop", 42, {}}}, o, nullptr);
  EXPECT_EQ(results[0].status, "timeout");
  EXPECT_TRUE(contains(results[0].output, "Stopped after 0.5 s: an endless loop?"));
  EXPECT_TRUE(contains(results[0].output, "--only loop --seed 42")) << results[0].output;
}

TEST_P(RunChecks, TheCpuLimitIsATimeoutToo) {
  RunOptions o = options();
  o.limits.cpu_seconds = 1;
  auto results = run_checks(test_paths::fake_runner(), {{"loop", 42, {}}}, o, nullptr);
  EXPECT_EQ(results[0].status, "timeout");
  EXPECT_TRUE(contains(results[0].output, "CPU time")) << results[0].output;
}

TEST_P(RunChecks, ASegfaultIsACrashNamed) {
  CheckResult r = run_one("segv");
  EXPECT_EQ(r.status, "crashed");
  EXPECT_TRUE(contains(r.output, "crashed: SIGSEGV (segmentation fault) while running segv"))
      << r.output;
  EXPECT_TRUE(contains(r.output, "about to crash")) << r.output;
}

TEST_P(RunChecks, RunningOutOfMemorySaysSo) {
  CheckResult r = run_one("alloc");
  EXPECT_EQ(r.status, "error");
  EXPECT_TRUE(contains(r.output, "out of memory (the limit is 256 MB)")) << r.output;
}

TEST_P(RunChecks, ExitBeforeTheReportIsTheStudentsError) {
  CheckResult r = run_one("exit0");
  EXPECT_EQ(r.status, "error");
  EXPECT_TRUE(contains(r.output, "exit() called?")) << r.output;
}

TEST_P(RunChecks, AForgedOrCorruptedReportFails) {
  for (const char* id : {"forge", "garbage"}) {
    CheckResult r = run_one(id);
    EXPECT_EQ(r.status, "failed") << id;
    EXPECT_TRUE(contains(r.output, "forged or corrupted")) << r.output;
  }
}

TEST_P(RunChecks, AFloodIsCappedAndSaidSo) {
  CheckResult r = run_one("flood", R"({"bytes": 104857600})");
  EXPECT_EQ(r.status, "failed");
  EXPECT_TRUE(contains(r.output, "printed 100 MB; the first 64 KB were kept")) << r.output;
}

TEST_P(RunChecks, ABigFileIsStopped) {
  CheckResult r = run_one("bigfile", R"({"bytes": 67108864})");
  EXPECT_EQ(r.status, "crashed");
  EXPECT_TRUE(contains(r.output, "SIGXFSZ")) << r.output;
  EXPECT_TRUE(contains(r.output, "larger than 4 MB")) << r.output;
}

TEST_P(RunChecks, AMissingRunnerIsTheGradersError) {
  std::vector<std::string> done;
  auto results = run_checks("/nonexistent/runner", {{"pass", 1, {}}, {"fail", 1, {}}}, options(),
                            nullptr, [&](const CheckResult& r) { done.push_back(r.id); });
  for (const auto& r : results) {
    EXPECT_EQ(r.status, "grader_error");
    EXPECT_TRUE(contains(r.output, "not yours")) << r.output;
  }
  EXPECT_EQ(done, (std::vector<std::string>{"pass", "fail"}));
}

TEST_P(RunChecks, OnDoneHearsEveryCheckOnce) {
  std::vector<std::string> done;
  run_checks(test_paths::fake_runner(), {{"pass", 1, {}}, {"fail", 1, {}}, {"segv", 1, {}}},
             options(), nullptr, [&](const CheckResult& r) { done.push_back(r.id); });
  std::sort(done.begin(), done.end());
  EXPECT_EQ(done, (std::vector<std::string>{"fail", "pass", "segv"}));
}

INSTANTIATE_TEST_SUITE_P(Isolation, RunChecks,
                         ::testing::Values(protocol::IsolationPolicy::kNone,
                                           protocol::IsolationPolicy::kAuto),
                         [](const auto& param_info) {
                           return param_info.param == protocol::IsolationPolicy::kNone ? "rlimits"
                                                                                       : "auto";
                         });

}  // namespace
}  // namespace run
