// run_checks against a checker that misbehaves on request (fake_checker.cc). The checker is the
// grader's own code: what it reports truly is the check's result; when it hangs, crashes, says
// nothing or says something that is not a true report, the fault is the grader's.
#include "run/run_checks.h"

#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <optional>

#include <gtest/gtest.h>

#include "protocol/checker_protocol.h"
#include "run/containment.h"
#include "test_paths.h"

namespace nn_grade {

namespace run {
namespace {

namespace fs = std::filesystem;
using protocol::CheckResult;
using protocol::CheckStatus;

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

RunOptions options_for(protocol::IsolationPolicy isolation, JobSlots* slots) {
  RunOptions o;
  o.checker = test_paths::fake_checker();
  o.limits.wall_seconds = 5;
  o.limits.call_seconds = 1.5;
  o.limits.cpu_seconds = 4;
  o.limits.memory_mb = 256;
  o.limits.file_mb = 4;
  o.limits.output_kb = 64;
  o.isolation = isolation;
  o.slots = slots;
  return o;
}

class RunChecks : public ::testing::TestWithParam<protocol::IsolationPolicy> {
 protected:
  CheckResult run_one(const std::string& id, const nlohmann::json& params = {}) {
    return run_all({id}, params).at(0);
  }
  std::vector<CheckResult> run_all(const std::vector<std::string>& ids,
                                   const nlohmann::json& params = {}) {
    std::vector<CheckJob> jobs;
    for (const auto& id : ids) {
      jobs.push_back({id, 42, params.is_null() ? nlohmann::json::object() : params});
    }
    return run_checks(test_paths::fake_server(), jobs, options(), &containment_);
  }
  RunOptions options() { return options_for(GetParam(), &slots_); }
  JobSlots slots_{2};
  std::optional<Containment> containment_;
};

// The containment a policy gives on this machine, as containment.h decides it.
std::optional<Containment> expected_containment(protocol::IsolationPolicy policy) {
  std::string error;
  return containment_for(policy, &error);
}

void expect_graders_error(const CheckResult& r, const std::string& why) {
  EXPECT_EQ(r.status, CheckStatus::kGraderError) << r.output;
  EXPECT_EQ(r.fraction, 0.0);
  EXPECT_TRUE(contains(r.output, why)) << r.output;
  EXPECT_TRUE(contains(r.output, "This is the grader's fault, not yours.")) << r.output;
}

TEST_P(RunChecks, ATrueReportGivesItsFields) {
  CheckResult r = run_one("pass");
  EXPECT_EQ(r.id, "pass");
  EXPECT_EQ(r.status, CheckStatus::kPassed);
  EXPECT_EQ(r.fraction, 1.0);
  EXPECT_EQ(r.output, "all good");  // a pass shows none of the student's prints
  EXPECT_EQ(r.figures.at("max_rel_error"), 1e-9);
  EXPECT_GT(r.seconds, 0.0);
  EXPECT_EQ(containment_, expected_containment(GetParam()));
}

TEST_P(RunChecks, TheCheckerIsToldTheCheckTheLimitsAndHowToStartTheServer) {
  RunOptions o = options();
  o.limits.wall_seconds = 2.5;
  const auto results =
      run_checks(test_paths::fake_server(), {{"told", 99, {{"batch", 3}}}}, o, &containment_);
  const CheckResult& r = results.at(0);
  ASSERT_EQ(r.status, CheckStatus::kPassed) << r.output;
  EXPECT_EQ(r.figures.at("seed"), "99");
  EXPECT_EQ(r.figures.at("params"), (nlohmann::json{{"batch", 3}}));
  EXPECT_EQ(r.figures.at("wall"), "3");  // whole seconds, rounded up
  protocol::ServerSpec spec;
  r.figures.at("server").get_to(spec);
  EXPECT_EQ(spec.call_seconds, 1.5);
  EXPECT_EQ(spec.cpu_seconds, 4);
  EXPECT_EQ(spec.memory_mb, 256);
  EXPECT_EQ(spec.file_mb, 4);
  EXPECT_TRUE(r.figures.at("working_dir_exists").get<bool>()) << r.figures.dump();
  const std::string server = test_paths::fake_server();
  if (containment_ == Containment::kRlimits) {
    EXPECT_EQ(spec.argv, std::vector<std::string>{server});
    EXPECT_FALSE(spec.sandboxed);
    EXPECT_EQ(spec.uid, -1);
  } else if (containment_ == Containment::kBubblewrap) {
    EXPECT_TRUE(spec.sandboxed);
    for (const char* flag : {"--unshare-user", "--disable-userns", "--cap-drop"}) {
      EXPECT_NE(std::find(spec.argv.begin(), spec.argv.end(), flag), spec.argv.end()) << flag;
    }
    if (geteuid() == 0) {
      // bubblewrap itself starts as a uid of the block, with the staged copy of the server.
      EXPECT_GE(spec.uid, static_cast<long>(kFirstUid));
      EXPECT_EQ(fs::path(spec.argv.back()).filename(), "server");
      EXPECT_TRUE(spec.own_cgroup);
      EXPECT_EQ(spec.private_dirs.size(), 2u);  // its folder and its /tmp
    } else {
      EXPECT_EQ(spec.argv.back(), server);
    }
  } else if (containment_ == Containment::kChroot) {
    EXPECT_EQ(spec.argv, std::vector<std::string>{"/server"});
    EXPECT_FALSE(spec.chroot_dir.empty());
    EXPECT_GE(spec.uid, static_cast<long>(kFirstUid));
    EXPECT_TRUE(spec.own_network);
    EXPECT_TRUE(spec.own_cgroup);
  } else {
    ASSERT_EQ(containment_, Containment::kUser);
    ASSERT_EQ(spec.argv.size(), 1u);
    EXPECT_EQ(fs::path(spec.argv[0]).filename(), "server");  // the staged copy
    EXPECT_TRUE(spec.chroot_dir.empty());
    EXPECT_GE(spec.uid, static_cast<long>(kFirstUid));
    EXPECT_TRUE(spec.own_network);
    EXPECT_TRUE(spec.own_cgroup);
  }
  EXPECT_EQ(containment_, expected_containment(GetParam()));
}

TEST_P(RunChecks, AFailureShowsWhatTheStudentsCodePrinted) {
  CheckResult r = run_one("fail");
  EXPECT_EQ(r.status, CheckStatus::kFailed);
  EXPECT_EQ(r.fraction, 0.25);
  EXPECT_TRUE(contains(r.output, "grad_W[2,1]")) << r.output;
  EXPECT_FALSE(contains(r.output, "debug: W")) << r.output;  // the check's words are its own
  EXPECT_TRUE(contains(r.printed, "Your code printed")) << r.printed;
  EXPECT_TRUE(contains(r.printed, "  | debug: W = 0.51")) << r.printed;
}

TEST_P(RunChecks, ResultsComeBackInTheOrderOfTheJobs) {
  auto results = run_all({"fail", "pass", "segv", "told", "pass"});
  std::vector<CheckStatus> statuses;
  std::vector<std::string> ids;
  for (const auto& r : results) {
    statuses.push_back(r.status);
    ids.push_back(r.id);
  }
  EXPECT_EQ(statuses, (std::vector<CheckStatus>{CheckStatus::kFailed, CheckStatus::kPassed,
                                                CheckStatus::kGraderError, CheckStatus::kPassed,
                                                CheckStatus::kPassed}));
  EXPECT_EQ(ids, (std::vector<std::string>{"fail", "pass", "segv", "told", "pass"}));
}

TEST_P(RunChecks, AReportedTimeoutCrashOrErrorIsKeptWithNoCreditAndItsReproduceCommand) {
  for (CheckStatus status : {CheckStatus::kTimeout, CheckStatus::kCrashed, CheckStatus::kError}) {
    CheckResult r = run_one("report", {{"status", protocol::to_string(status)},
                                       {"fraction", 1.0},
                                       {"output", "ReLU::forward did not do well"},
                                       {"reproduce", "grade --local --only report --seed 42"}});
    EXPECT_EQ(r.status, status);
    EXPECT_EQ(r.fraction, 0.0) << protocol::to_string(status);
    EXPECT_TRUE(contains(r.output, "ReLU::forward did not do well")) << r.output;
    EXPECT_EQ(r.reproduce, "grade --local --only report --seed 42");
    EXPECT_FALSE(contains(r.output, "Reproduce")) << r.output;
  }
}

TEST_P(RunChecks, AReportedFractionIsKeptWithinZeroAndOne) {
  EXPECT_EQ(run_one("report", {{"status", "failed"}, {"fraction", 7.0}}).fraction, 1.0);
  EXPECT_EQ(run_one("report", {{"status", "failed"}, {"fraction", -2.0}}).fraction, 0.0);
}

TEST_P(RunChecks, AReportedBadAllocNamesTheMemoryLimit) {
  CheckResult r = run_one(
      "report", {{"status", "error"}, {"output", "ReLU::forward threw std::bad_alloc: oops"}});
  EXPECT_EQ(r.status, CheckStatus::kError);
  EXPECT_TRUE(contains(r.output, "out of memory (the limit is 256 MB)")) << r.output;
}

TEST_P(RunChecks, ACheckerReportingSkippedIsNotBelieved) {
  expect_graders_error(run_one("report", {{"status", "skipped"}, {"fraction", 1.0}}),
                       "The checker's report was not the one asked for.");
}

TEST_P(RunChecks, ACheckerReportingGraderErrorIsTheGradersErrorWhateverTheFraction) {
  expect_graders_error(
      run_one("report", {{"status", "grader_error"}, {"fraction", 1.0}, {"output", "no disk"}}),
      "The checker stopped: no disk.");
}

TEST_P(RunChecks, ACheckerThatSegfaultsIsTheGradersError) {
  CheckResult r = run_one("segv");
  expect_graders_error(r, "The checker ended with SIGSEGV (segmentation fault).");
  EXPECT_FALSE(contains(r.output, "about to crash")) << "no prints of the student's: " << r.output;
}

TEST_P(RunChecks, ACheckerThatExitsWithoutAReportIsTheGradersError) {
  expect_graders_error(run_one("noreport"), "The checker ended with exit code 0 and no report.");
}

TEST_P(RunChecks, ACheckersComplaintIsQuotedFromItsChannel) {
  expect_graders_error(run_one("complain"),
                       "The checker stopped: the student server cannot execute.");
}

// The student's code shares the checker's stderr: a line there that looks like the checker's is
// never taken as the checker's word.
TEST_P(RunChecks, AComplaintOnStderrIsNotTheCheckersWord) {
  CheckResult r = run_one("impostor");
  expect_graders_error(r, "The checker ended with exit code 2 and no report.");
  EXPECT_FALSE(contains(r.output, "ask your TA")) << r.output;
}

TEST_P(RunChecks, AForgedNonceOrAnotherChecksReportIsTheGradersError) {
  for (const char* id : {"forge", "wrongid"}) {
    expect_graders_error(run_one(id), "The checker's report was not the one asked for.");
  }
}

TEST_P(RunChecks, AReportThatIsNotJsonIsTheGradersError) {
  expect_graders_error(run_one("garbage"), "The checker's report could not be read");
}

TEST_P(RunChecks, AFloodIsCappedAndSaidSo) {
  CheckResult r = run_one("flood", {{"bytes", 104857600}});
  EXPECT_EQ(r.status, CheckStatus::kFailed);
  EXPECT_TRUE(contains(r.printed, "printed 100 MB; the first 64 KB were kept")) << r.printed;
  EXPECT_LT(r.printed.size(), 4096u);
}

TEST_P(RunChecks, AGradersErrorIsTriedOnceMoreAndHeardOnce) {
  const fs::path file =
      fs::path(::testing::TempDir()) / ("nn-grade-flaky-" + std::to_string(getpid()) + ".txt");
  fs::remove(file);
  std::vector<std::string> done;
  auto results =
      run_checks(test_paths::fake_server(), {{"flaky", 1, {{"file", file.string()}}}}, options(),
                 nullptr, [&](const CheckResult& r) { done.push_back(r.id); });
  EXPECT_EQ(results.at(0).status, CheckStatus::kPassed) << results[0].output;
  EXPECT_EQ(done, std::vector<std::string>{"flaky"});
  std::ifstream in(file);
  int runs = 0;
  for (std::string line; std::getline(in, line);) ++runs;
  EXPECT_EQ(runs, 2);
  fs::remove(file);
}

// Runs the "faults" check (the grader's fault for its first `faults` runs, then a pass), with a
// reference server when `reference` is not empty; *runs gets how many times the checker ran and
// *asked how many times the reference server was asked for.
CheckResult run_faulting(RunOptions o, int faults, const fs::path& reference, int* runs, int* asked,
                         int* heard) {
  const fs::path file =
      fs::path(::testing::TempDir()) / ("nn-grade-faults-" + std::to_string(getpid()) + ".txt");
  fs::remove(file);
  *asked = 0;
  *heard = 0;
  o.reference_server = [&]() {
    ++*asked;
    return BuiltServers{reference, {}};
  };
  auto results = run_checks(test_paths::fake_server(),
                            {{"faults", 1, {{"file", file.string()}, {"faults", faults}}}}, o,
                            nullptr, [&](const CheckResult&) { ++*heard; });
  std::ifstream in(file);
  *runs = 0;
  for (std::string line; std::getline(in, line);) ++*runs;
  fs::remove(file);
  return results.at(0);
}

TEST_P(RunChecks, AGradersFaultThatTheReferencePassesIsTheSubmissionsWithTheReason) {
  int runs = 0, asked = 0, heard = 0;
  const CheckResult r =
      run_faulting(options(), 2, test_paths::fake_server(), &runs, &asked, &heard);
  EXPECT_EQ(runs, 3);  // twice with the submission, once with the reference
  EXPECT_EQ(asked, 1);
  EXPECT_EQ(heard, 1);
  EXPECT_EQ(r.status, CheckStatus::kError) << r.output;
  EXPECT_EQ(r.fraction, 0.0);
  EXPECT_TRUE(contains(r.output, "The checker stopped: lost its way.")) << r.output;
  EXPECT_TRUE(contains(r.output, "reference solution passes")) << r.output;
  EXPECT_FALSE(contains(r.output, "grader's fault")) << r.output;
  EXPECT_TRUE(contains(r.printed, "student output before the fault")) << r.printed;
}

TEST_P(RunChecks, AGradersFaultThatTheReferenceSharesStaysTheGraders) {
  int runs = 0, asked = 0, heard = 0;
  const CheckResult r =
      run_faulting(options(), 3, test_paths::fake_server(), &runs, &asked, &heard);
  EXPECT_EQ(runs, 3);
  EXPECT_EQ(heard, 1);
  expect_graders_error(r, "lost its way");
  EXPECT_TRUE(contains(r.output, "reference solution did not pass it either")) << r.output;
}

TEST_P(RunChecks, WithoutAReferenceAGradersFaultStaysTheGraders) {
  int runs = 0, asked = 0, heard = 0;
  const CheckResult r = run_faulting(options(), 2, fs::path(), &runs, &asked, &heard);
  EXPECT_EQ(runs, 2);
  EXPECT_EQ(asked, 1);
  EXPECT_EQ(heard, 1);
  expect_graders_error(r, "lost its way");
}

TEST_P(RunChecks, TheReferenceIsNotAskedForWhenTheSecondRunSettlesIt) {
  int runs = 0, asked = 0, heard = 0;
  const CheckResult r =
      run_faulting(options(), 1, test_paths::fake_server(), &runs, &asked, &heard);
  EXPECT_EQ(r.status, CheckStatus::kPassed) << r.output;
  EXPECT_EQ(runs, 2);
  EXPECT_EQ(asked, 0);
}

TEST_P(RunChecks, AMissingCheckerIsTheGradersErrorAndEachCheckIsHeardOnce) {
  RunOptions o = options();
  o.checker = "/nonexistent/nn-checker";
  std::vector<std::string> done;
  auto results = run_checks(test_paths::fake_server(), {{"pass", 1, {}}, {"fail", 1, {}}}, o,
                            nullptr, [&](const CheckResult& r) { done.push_back(r.id); });
  ASSERT_EQ(results.size(), 2u);
  for (const auto& r : results) expect_graders_error(r, "/nonexistent/nn-checker is missing");
  EXPECT_EQ(results[0].id, "pass");
  EXPECT_EQ(results[1].id, "fail");
  EXPECT_EQ(done, (std::vector<std::string>{"pass", "fail"}));
}

TEST_P(RunChecks, AMissingServerIsTheGradersErrorAndEachCheckIsHeardOnce) {
  std::vector<std::string> done;
  auto results = run_checks("/nonexistent/server", {{"pass", 1, {}}, {"fail", 1, {}}}, options(),
                            nullptr, [&](const CheckResult& r) { done.push_back(r.id); });
  ASSERT_EQ(results.size(), 2u);
  for (const auto& r : results) {
    expect_graders_error(r, "The student server /nonexistent/server is missing.");
  }
  EXPECT_EQ(done, (std::vector<std::string>{"pass", "fail"}));
}

TEST_P(RunChecks, OnDoneHearsEveryCheckOnce) {
  std::vector<std::string> done;
  run_checks(test_paths::fake_server(), {{"pass", 1, {}}, {"fail", 1, {}}, {"segv", 1, {}}},
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

// How the checker is run does not depend on the server's containment: once is enough.
TEST(RunChecksSlowly, ACheckerThatNeverEndsIsKilledAfterTheWallAndAGraceAndIsTheGradersError) {
  JobSlots slots{2};
  RunOptions o = options_for(protocol::IsolationPolicy::kNone, &slots);
  o.limits.wall_seconds = 1;
  auto results = run_checks(test_paths::fake_server(), {{"loop", 42, {}}}, o, nullptr);
  const CheckResult& r = results.at(0);
  expect_graders_error(r, "The checker did not finish in time.");
  EXPECT_GE(r.seconds, 5.5) << "the checker has a grace beyond the check's wall";
  EXPECT_LT(r.seconds, 20.0);
}

}  // namespace
}  // namespace run

}  // namespace nn_grade
