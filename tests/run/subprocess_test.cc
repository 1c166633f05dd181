#include "run/subprocess.h"

#include <signal.h>
#include <unistd.h>

#include <sys/wait.h>

#include <cstdio>
#include <fstream>
#include <map>
#include <sstream>

#include <gtest/gtest.h>

#include "protocol/signals.h"
#include "run/process/descendants.h"
#include "test_paths.h"

namespace nn_grade {

namespace run {
namespace {

using test_paths::fake_check;

ProcessSpec spec_for(const std::string& id, const std::string& params = "{}") {
  ProcessSpec spec;
  spec.argv = fake_check(id, params);
  spec.env = {{"NN_GRADE_NONCE", "abc"}};
  spec.result_channel = true;
  spec.wall_seconds = 30;
  spec.memory_mb = 512;
  return spec;
}

// A dead process, or a zombie waiting for init: either way no longer running.
bool dead_now(pid_t pid) {
  std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
  if (!stat) return true;
  std::string line;
  std::getline(stat, line);
  std::size_t paren = line.rfind(')');
  return paren != std::string::npos && line.size() > paren + 2 && line[paren + 2] == 'Z';
}

// SIGKILL is delivered asynchronously: give the dying process a moment to finish dying.
bool gone(pid_t pid) {
  for (int i = 0; i < 200 && !dead_now(pid); ++i) usleep(10000);
  return dead_now(pid);
}

TEST(Subprocess, ReadsTheReportFromFd3AndTheOutput) {
  ProcessResult r = run_process(spec_for("pass"));
  ASSERT_TRUE(r.started) << r.start_error;
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_EQ(r.signal, 0);
  EXPECT_NE(r.result.find("\"nonce\":\"abc\""), std::string::npos) << r.result;
  EXPECT_EQ(r.out, "hello from the student\n");
  EXPECT_FALSE(r.output_truncated());
}

// A process about to end (Ctrl-C in --watch) stops spawning, then kills what it started: nothing
// may start in between. In a child process of the test, since the stop cannot be undone.
TEST(Subprocess, NothingStartsOnceSpawningIsStopped) {
  const pid_t tester = fork();
  ASSERT_GE(tester, 0);
  if (tester == 0) {
    const bool before = run_process(spec_for("pass")).started;
    run::process::stop_spawning();
    const ProcessResult after = run_process(spec_for("pass"));
    _exit(before && !after.started &&
                  after.start_error.find("grade is stopping") != std::string::npos
              ? 0
              : 1);
  }
  int status = 0;
  ASSERT_EQ(waitpid(tester, &status, 0), tester);
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
}

TEST(Subprocess, WithoutAResultChannelFd3IsNotOurs) {
  ProcessSpec spec = spec_for("pass");
  spec.result_channel = false;
  ProcessResult r = run_process(spec);
  EXPECT_EQ(r.exit_code, 70);  // the fake checker's "cannot write the channel"
  EXPECT_TRUE(r.result.empty());
}

TEST(Subprocess, TimeoutKillsALoop) {
  ProcessSpec spec = spec_for("loop");
  spec.wall_seconds = 0.3;
  ProcessResult r = run_process(spec);
  EXPECT_TRUE(r.timed_out);
  EXPECT_EQ(r.signal, SIGKILL);
}

TEST(Subprocess, KillsAGrandchildThatOutlivesTheChild) {
  ProcessResult r = run_process(spec_for("grandchild"));
  EXPECT_EQ(r.exit_code, 0);
  std::istringstream out(r.out);
  std::string word;
  pid_t grandchild = 0;
  out >> word >> grandchild;
  ASSERT_EQ(word, "grandchild") << r.out;
  ASSERT_GT(grandchild, 0);
  EXPECT_TRUE(gone(grandchild));
}

TEST(Subprocess, NamesTheSignal) {
  ProcessResult r = run_process(spec_for("segv"));
  EXPECT_EQ(r.signal, SIGSEGV);
  EXPECT_EQ(protocol::signal_name(r.signal), "SIGSEGV");
  EXPECT_EQ(protocol::signal_meaning(r.signal), "segmentation fault");
  EXPECT_EQ(r.out, "about to crash\n");
}

TEST(Subprocess, CapsAFloodOfOutputAndStillReadsTheReport) {
  ProcessSpec spec = spec_for("flood", R"({"bytes": 104857600})");
  spec.output_kb = 64;
  ProcessResult r = run_process(spec);
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_EQ(r.out.size(), 64u * 1024);
  EXPECT_EQ(r.out_bytes, 100u << 20);
  EXPECT_TRUE(r.output_truncated());
  EXPECT_NE(r.result.find("flooded"), std::string::npos);
}

TEST(Subprocess, MemoryLimitMakesAllocationFail) {
  ProcessSpec spec = spec_for("alloc");
  spec.memory_mb = 256;
  ProcessResult r = run_process(spec);
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_NE(r.result.find("bad_alloc"), std::string::npos) << r.result;
}

TEST(Subprocess, FileSizeLimitStopsABigFile) {
  ProcessSpec spec = spec_for("bigfile", R"({"bytes": 67108864})");
  spec.file_mb = 4;
  spec.working_dir = ::testing::TempDir();
  ProcessResult r = run_process(spec);
  EXPECT_EQ(r.signal, SIGXFSZ);
  std::remove((::testing::TempDir() + "/big.bin").c_str());
}

TEST(Subprocess, CpuLimitSendsSigxcpu) {
  ProcessSpec spec = spec_for("loop");
  spec.cpu_seconds = 1;
  ProcessResult r = run_process(spec);
  EXPECT_FALSE(r.timed_out);
  EXPECT_EQ(r.signal, SIGXCPU);
}

TEST(Subprocess, AMissingProgramDoesNotStart) {
  ProcessSpec spec;
  spec.argv = {"/nonexistent/checker", "--list"};
  ProcessResult r = run_process(spec);
  EXPECT_FALSE(r.started);
  EXPECT_NE(r.start_error.find("/nonexistent/checker"), std::string::npos);
}

TEST(Subprocess, SetEnvironmentAndWorkingDirReachTheChild) {
  ProcessSpec spec;
  spec.argv = {"/bin/sh", "-c", "echo \"$NN_TEST_VAR\"; pwd"};
  spec.env = {{"NN_TEST_VAR", "hi there"}};
  spec.working_dir = "/";
  ProcessResult r = run_process(spec);
  EXPECT_EQ(r.out, "hi there\n/\n");
}

TEST(Subprocess, RunsManyInParallelAndReturnsEach) {
  SubprocessSet set;
  std::map<int, std::string> expected;
  for (int i = 0; i < 6; ++i) {
    ProcessSpec spec;
    spec.argv = {"/bin/sh", "-c", "echo " + std::to_string(i)};
    expected[set.add(spec)] = std::to_string(i) + "\n";
  }
  ProcessSpec looping = spec_for("loop");
  looping.wall_seconds = 0.5;
  int loop = set.add(looping);
  std::size_t done = 0;
  while (set.running() > 0) {
    auto token = set.wait_any(std::chrono::seconds(5));
    ASSERT_TRUE(token);
    ProcessResult r = set.take(*token);
    if (*token == loop) {
      EXPECT_TRUE(r.timed_out);
    } else {
      EXPECT_EQ(r.out, expected.at(*token));
    }
    ++done;
  }
  EXPECT_EQ(done, 7u);
}

TEST(Subprocess, DestroyingTheSetKillsAndReapsWhatRuns) {
  std::string pid_file = ::testing::TempDir() + "/nn-grade-sleeper.pid";
  std::remove(pid_file.c_str());
  {
    SubprocessSet set;
    set.add(spec_for("sleep", R"({"seconds": 1000})"));
    ProcessSpec spec;
    spec.argv = {"/bin/sh", "-c",
                 "sleep 1000 & echo $! > " + pid_file + ".tmp; mv " + pid_file + ".tmp " +
                     pid_file + "; wait"};
    set.add(spec);
    for (int i = 0; i < 500 && !std::ifstream(pid_file); ++i) {
      set.wait_any(std::chrono::milliseconds(10));
    }
    EXPECT_EQ(set.running(), 2u);
  }
  pid_t sleeper = 0;
  std::ifstream(pid_file) >> sleeper;
  ASSERT_GT(sleeper, 0);
  EXPECT_TRUE(gone(sleeper));
  EXPECT_EQ(waitpid(-1, nullptr, WNOHANG), -1);  // no child of ours left to reap
  std::remove(pid_file.c_str());
}

}  // namespace
}  // namespace run

}  // namespace nn_grade
