// The checker as `grade` runs it: a child process with the result pipe on fd 3, a nonce in the
// environment and a student server to start. Proves the protocol (list, one report, nonce, exit
// codes), that a student's forged output never reaches the channel, that Eigen assertions and
// std::terminate become "error" reports, that the student template fails every check, and, with
// a server that misbehaves on request (fake_server.cc), that the checker judges every way a
// server can hang, crash, exit, flood or corrupt a reply, and leaves no process of it behind.
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <dirent.h>

#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "protocol/catalog.h"
#include "protocol/server_protocol.h"

namespace nn_grade {

namespace {

struct Outcome {
  int exit_code = -1;       // -signal when killed by one
  std::string channel;      // what arrived on the result pipe
  std::string stdout_text;  // stdout and stderr, the checker's and the server's
  double seconds = 0;
};

struct RunOptions {
  bool with_channel = true;
  std::string nonce = "test-nonce-1234";
  std::vector<std::pair<std::string, std::string>> env;  // added to the checker's environment
  long checker_memory_mb = 0;                            // RLIMIT_AS of the checker; 0 = none
  bool no_new_privs = false;  // started with no_new_privs, as every process of a server is
};

std::string read_all(int fd) {
  std::string out;
  char buffer[4096];
  ssize_t n;
  while ((n = read(fd, buffer, sizeof buffer)) > 0) out.append(buffer, static_cast<size_t>(n));
  return out;
}

// Runs the checker with `args...` and --server `spec`; with_channel hands a pipe over as fd 3.
Outcome run_checker(const nlohmann::json& spec, std::vector<std::string> args,
                    const RunOptions& options = {}) {
  const std::string checker = CHECKER;
  args.insert(args.begin(), {"--server", spec.dump()});
  int channel[2], out[2];
  if (pipe(channel) != 0 || pipe(out) != 0) std::abort();
  const auto start = std::chrono::steady_clock::now();
  const pid_t pid = fork();
  if (pid == 0) {
    dup2(out[1], 1);
    dup2(out[1], 2);
    if (options.with_channel) {
      dup2(channel[1], 3);
    } else {
      close(3);
    }
    for (int fd : {channel[0], channel[1], out[0], out[1]}) {
      if (fd > 3) close(fd);
    }
    setenv("NN_GRADE_NONCE", options.nonce.c_str(), 1);
    for (const auto& [name, value] : options.env) setenv(name.c_str(), value.c_str(), 1);
    if (options.no_new_privs) prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0);
    if (options.checker_memory_mb > 0) {
      const rlim_t bytes = static_cast<rlim_t>(options.checker_memory_mb) << 20;
      rlimit limit{bytes, bytes};
      setrlimit(RLIMIT_AS, &limit);
    }
    std::vector<char*> argv = {const_cast<char*>(checker.c_str())};
    for (std::string& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    execv(checker.c_str(), argv.data());
    _exit(127);
  }
  close(channel[1]);
  close(out[1]);
  Outcome result;
  result.stdout_text = read_all(out[0]);  // small: no deadlock with the channel
  result.channel = read_all(channel[0]);
  close(channel[0]);
  close(out[0]);
  int status = 0;
  waitpid(pid, &status, 0);
  result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -WTERMSIG(status);
  return result;
}

// Runs the checker against the student server `server` (rlimits alone).
Outcome run(const std::string& server, std::vector<std::string> args, bool with_channel = true,
            const std::string& nonce = "test-nonce-1234") {
  RunOptions options;
  options.with_channel = with_channel;
  options.nonce = nonce;
  return run_checker(nlohmann::json{{"argv", {server}}}, std::move(args), options);
}

// The channel must hold exactly one JSON document and a newline.
nlohmann::json single_document(const std::string& channel) {
  EXPECT_FALSE(channel.empty());
  EXPECT_EQ(channel.find('\n'), channel.size() - 1) << channel;
  return nlohmann::json::parse(channel);
}

nlohmann::json check(const std::string& server, const std::string& id,
                     const std::string& seed = "12345") {
  const Outcome r = run(server, {"--check", id, "--seed", seed});
  EXPECT_EQ(r.exit_code, 0) << id;
  return r.channel.empty() ? nlohmann::json() : single_document(r.channel);
}

TEST(Checker, ListsTheCatalogWithTheNonce) {
  const Outcome r = run(REFERENCE_SERVER, {"--list"});
  ASSERT_EQ(r.exit_code, 0);
  const nlohmann::json list = single_document(r.channel);
  EXPECT_EQ(list["nonce"], "test-nonce-1234");
  ASSERT_EQ(list["checks"].size(), protocol::all_checks().size());
  EXPECT_EQ(list["checks"][0]["id"], protocol::all_checks()[0].id);
  EXPECT_TRUE(list["checks"][0].contains("defaults"));
}

TEST(Checker, WritesOneReportWithTheNonceAndParamsMerged) {
  const Outcome r = run(REFERENCE_SERVER, {"--check", "linear.backward.bias", "--seed", "9",
                                           "--params", R"({"out": 5})"});
  ASSERT_EQ(r.exit_code, 0);
  const nlohmann::json report = single_document(r.channel);
  EXPECT_EQ(report["id"], "linear.backward.bias");
  EXPECT_EQ(report["status"], "passed");
  EXPECT_EQ(report["nonce"], "test-nonce-1234");
  EXPECT_EQ(report["figures"]["entries"], 5);
  EXPECT_EQ(report["figures"]["seed"], 9);
}

TEST(Checker, WithoutTheChannelExitsTwo) {
  const Outcome r = run(REFERENCE_SERVER, {"--check", "linear.forward", "--seed", "1"}, false);
  EXPECT_EQ(r.exit_code, 2);
}

// A fault of the checker's own reaches grade on the channel, with the nonce, as grader_error:
// never through stderr, where the student's code writes too.
void expect_grader_fault_report(const std::string& channel, const std::string& why) {
  const nlohmann::json report = single_document(channel);
  EXPECT_EQ(report.value("status", ""), "grader_error") << channel;
  EXPECT_EQ(report.value("nonce", ""), "test-nonce-1234") << channel;
  EXPECT_NE(report.value("output", "").find(why), std::string::npos) << channel;
}

TEST(Checker, GraderFaultsExitTwoWithAGraderErrorReport) {
  for (const auto& args : std::vector<std::vector<std::string>>{
           {"--check", "no.such.check", "--seed", "1"},
           {"--check", "linear.forward", "--seed", "-4"},
           {"--check", "linear.forward", "--seed", "1", "--params", R"({"batch": "six"})"},
           {"--check", "linear.forward"},
           {"--check", "linear.forward", "--seed", "1", "--server", R"({"argv": []})"}}) {
    const Outcome r = run(REFERENCE_SERVER, args);
    EXPECT_EQ(r.exit_code, 2) << args[1];
    expect_grader_fault_report(r.channel, "");
  }
}

TEST(Checker, AServerThatCannotBeStartedIsTheGradersFault) {
  const Outcome r = run("/nonexistent", {"--check", "linear.forward", "--seed", "1"});
  EXPECT_EQ(r.exit_code, 2);
  expect_grader_fault_report(r.channel, "cannot execute the student server");
  EXPECT_NE(r.stdout_text.find("cannot execute the student server"), std::string::npos)
      << r.stdout_text;
}

TEST(Checker, HumanModePrintsTheReport) {
  const Outcome r =
      run(REFERENCE_SERVER, {"--check", "relu.kink", "--seed", "3", "--human"}, false);
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_NE(r.stdout_text.find("passed relu.kink"), std::string::npos) << r.stdout_text;
}

TEST(Forger, PrintsAndWritesToFd3NeverReachTheChannel) {
  const Outcome r = run(FORGER_SERVER, {"--check", "linear.forward", "--seed", "5"});
  ASSERT_EQ(r.exit_code, 0);
  EXPECT_NE(r.stdout_text.find("FORGED"), std::string::npos);  // it did try
  EXPECT_EQ(r.channel.find("FORGED"), std::string::npos) << r.channel;
  const nlohmann::json report = single_document(r.channel);
  EXPECT_EQ(report["nonce"], "test-nonce-1234");
  EXPECT_EQ(report["status"], "passed");  // its forward is right; the forgery changed nothing
}

TEST(Forger, AnEigenAssertionIsAnErrorNamingTheFunction) {
  const nlohmann::json report = check(FORGER_SERVER, "linear.backward.input");
  EXPECT_EQ(report["status"], "error");
  EXPECT_EQ(report["fraction"], 0.0);
  const std::string output = report["output"];
  EXPECT_EQ(output.rfind("Linear::backward stopped on a shape error in a matrix product.\n", 0), 0u)
      << output;
  EXPECT_NE(output.find(" times "), std::string::npos) << output;  // the two shapes
  EXPECT_EQ(report["reproduce"], "grade --local --only linear.backward.input --seed 12345");
}

TEST(Forger, AnExceptionLeavingNoexceptIsReportedByTheTerminateHandler) {
  const nlohmann::json report = check(FORGER_SERVER, "relu.backward");
  EXPECT_EQ(report["status"], "error");
  EXPECT_EQ(report["nonce"], "test-nonce-1234");
  const std::string output = report["output"];
  EXPECT_EQ(output.rfind("ReLU::backward threw std::runtime_error", 0), 0u) << output;
  EXPECT_NE(output.find("boom from a noexcept function"), std::string::npos) << output;
  EXPECT_NE(output.find("(std::terminate)"), std::string::npos) << output;
}

// Stand-ins (docs/architecture.md): the reference's MLP, loss and optimizer on the stand-in
// layers, which hold no formula and ask the checker for every layer call.
Outcome run_alone(const std::string& id, const std::string& key, bool no_new_privs = false) {
  RunOptions options;
  options.env = {{"NN_GRADE_STANDIN_KEY", key}};
  options.no_new_privs = no_new_privs;
  return run_checker(nlohmann::json{{"argv", {REFERENCE_STANDIN_SERVER}}},
                     {"--check", id, "--seed", "12345"}, options);
}

TEST(StandIns, ACheckerJudgingAloneAnswersTheStandInLayers) {
  for (const char* id : {"mlp.forward", "mlp.backward.order", "mlp.gradcheck.relu",
                         "mlp.gradcheck.sigmoid", "train.spiral"}) {
    const Outcome r = run_alone(id, "a-key-of-the-run");
    ASSERT_EQ(r.exit_code, 0) << id << r.stdout_text;
    const nlohmann::json report = single_document(r.channel);
    EXPECT_EQ(report["status"], "passed") << id << report.dump();
  }
}

TEST(StandIns, WithoutTheKeyALayerCallIsAReplyNoCallReturns) {
  const Outcome r = run_alone("mlp.forward", "");
  ASSERT_EQ(r.exit_code, 0) << r.stdout_text;
  const nlohmann::json report = single_document(r.channel);
  EXPECT_EQ(report["status"], "error");
  EXPECT_NE(report["output"].get<std::string>().find("not one the grader sends for"),
            std::string::npos)
      << report.dump();
}

// A copy of the checker that a student's code starts has no_new_privs, which it can never lose:
// whatever key it is given, it answers no layer call.
TEST(StandIns, ACheckerWithNoNewPrivsIsNoOracle) {
  const Outcome r = run_alone("mlp.forward", "a-guessed-key", true);
  EXPECT_EQ(r.exit_code, 2) << r.stdout_text;
  const nlohmann::json report = single_document(r.channel);
  EXPECT_EQ(report["status"], "grader_error");
  EXPECT_NE(report["output"].get<std::string>().find("no_new_privs"), std::string::npos)
      << report.dump();
}

TEST(Template, FailsEveryCheck) {
  for (const protocol::CheckInfo& info : protocol::all_checks()) {
    const Outcome r = run(TEMPLATE_SERVER, {"--check", info.id, "--seed", "12345"});
    ASSERT_EQ(r.exit_code, 0) << info.id;
    const nlohmann::json report = single_document(r.channel);
    EXPECT_NE(report["status"], "passed") << info.id;
    EXPECT_LT(report["fraction"].get<double>(), 1.0) << info.id;
  }
}

// The fake server's misbehaviours (fake_server.cc), each in relu.forward: the checker's calls
// have a deadline of kCallSeconds, the check a wall of kWall seconds, the server 256 MB.
constexpr double kCallSeconds = 0.5;
constexpr const char* kWall = "60";

nlohmann::json fake_spec(const std::string& mode) {
  return {{"argv", {FAKE_SERVER, mode}}, {"call_seconds", kCallSeconds}, {"memory_mb", 256}};
}

// The one report the checker wrote for relu.forward against the fake server in `mode`.
nlohmann::json fake_report(const std::string& mode, Outcome* outcome = nullptr,
                           const RunOptions& options = {}) {
  const Outcome r = run_checker(
      fake_spec(mode), {"--check", "relu.forward", "--seed", "1", "--wall", kWall}, options);
  EXPECT_EQ(r.exit_code, 0) << mode << ": " << r.stdout_text;
  if (outcome) *outcome = r;
  return r.channel.empty() ? nlohmann::json::object() : single_document(r.channel);
}

std::string output_of(const nlohmann::json& report) { return report.value("output", ""); }

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

TEST(FakeServer, PassesWhenItMisbehavesInNoWaySoTheOtherTestsReachForward) {
  const nlohmann::json report = fake_report("relu");
  EXPECT_EQ(report.value("status", ""), "passed") << output_of(report);
}

TEST(MisbehavingServer, AnExceptionIsAnErrorNamingTheFunctionAndTheReproduceCommand) {
  const nlohmann::json report = fake_report("throw");
  EXPECT_EQ(report.value("status", ""), "error");
  EXPECT_TRUE(contains(output_of(report), "ReLU::forward threw std::logic_error: fake failure"))
      << output_of(report);
  EXPECT_EQ(report.value("reproduce", ""), "grade --local --only relu.forward --seed 1");
}

TEST(MisbehavingServer, ACallThatNeverReturnsTimesOutAtTheCallDeadlineNotTheChecks) {
  Outcome outcome;
  const nlohmann::json report = fake_report("hang", &outcome);
  EXPECT_EQ(report.value("status", ""), "timeout");
  EXPECT_TRUE(contains(output_of(report), "ReLU::forward did not return within 0.5 s"))
      << output_of(report);
  EXPECT_LT(outcome.seconds, 5.0) << "the check's wall is " << kWall << " s";
  EXPECT_EQ(report.value("fraction", -1.0), 0.0);
}

// A call that sleeps or blocks never waits for a CPU: its timeout is the student's, with no word
// of a busy machine, and grade does not run it again.
TEST(MisbehavingServer, ASleepingCallsTimeoutIsTheStudentsNotABusyMachines) {
  const nlohmann::json report = fake_report("hang");
  EXPECT_EQ(report.value("status", ""), "timeout");
  EXPECT_FALSE(report.value("starved", true)) << report.dump();
  EXPECT_FALSE(contains(output_of(report), "other programs")) << output_of(report);
}

// A neighbour's load on the one CPU the student's code may use: the call spends most of its time
// waiting for that CPU, so its timeout is marked starved (grade runs the check again) and says
// what the numbers show.
TEST(MisbehavingServer, ACallThatWaitedForABusyCpuIsMarkedStarved) {
  std::atomic<bool> stop{false};
  std::vector<std::thread> neighbours;
  for (int i = 0; i < 3; ++i) {
    neighbours.emplace_back([&stop] {
      cpu_set_t only;
      CPU_ZERO(&only);
      CPU_SET(0, &only);
      sched_setaffinity(0, sizeof only, &only);
      while (!stop) {
      }
    });
  }
  const nlohmann::json report = fake_report("spin-on-cpu0");
  stop = true;
  for (std::thread& neighbour : neighbours) neighbour.join();
  EXPECT_EQ(report.value("status", ""), "timeout");
  EXPECT_TRUE(report.value("starved", false)) << report.dump();
  EXPECT_TRUE(contains(output_of(report), "for a CPU while other programs on the grading machine"))
      << output_of(report);
}

TEST(MisbehavingServer, ASegfaultIsACrashNamingTheSignalAndTheFunction) {
  const nlohmann::json report = fake_report("segv");
  EXPECT_EQ(report.value("status", ""), "crashed");
  EXPECT_TRUE(contains(output_of(report), "SIGSEGV (segmentation fault) inside ReLU::forward"))
      << output_of(report);
}

TEST(MisbehavingServer, ACrashNamesTheStudentsLineItsServerSent) {
  const nlohmann::json report = fake_report("segv-located");
  EXPECT_EQ(report.value("status", ""), "crashed");
  EXPECT_TRUE(contains(output_of(report),
                       "SIGSEGV (segmentation fault) inside ReLU::forward, at layers.cpp:7."))
      << output_of(report);
}

// The crash reply is the student's process's word: it decides no status, and a place outside
// the student's files is never shown.
TEST(MisbehavingServer, ACrashReplyFromAServerThatLivesOnIsAnError) {
  const nlohmann::json report = fake_report("crash-reply-alive");
  EXPECT_EQ(report.value("status", ""), "error");
  EXPECT_TRUE(contains(output_of(report), "said your program crashed, yet it did not end"))
      << output_of(report);
  EXPECT_FALSE(contains(output_of(report), "passwd")) << output_of(report);
}

TEST(MisbehavingServer, ExitZeroInACallIsAnError) {
  const nlohmann::json report = fake_report("exit0");
  EXPECT_EQ(report.value("status", ""), "error");
  EXPECT_TRUE(contains(output_of(report), "exit() called?")) << output_of(report);
  EXPECT_TRUE(contains(output_of(report), "inside ReLU::forward")) << output_of(report);
}

TEST(MisbehavingServer, EndingBeforeItsFirstReplyNamesTheStartOfTheProgram) {
  const nlohmann::json exited = fake_report("exit-at-start");
  EXPECT_EQ(exited.value("status", ""), "error");
  EXPECT_TRUE(contains(output_of(exited), "exit() called?")) << output_of(exited);
  EXPECT_TRUE(contains(output_of(exited), "the start of your program")) << output_of(exited);

  const nlohmann::json crashed = fake_report("segv-at-start");
  EXPECT_EQ(crashed.value("status", ""), "crashed");
  EXPECT_TRUE(contains(output_of(crashed), "SIGSEGV")) << output_of(crashed);
  EXPECT_TRUE(contains(output_of(crashed), "the start of your program")) << output_of(crashed);
}

// With the checker's address space at 512 MB, a reply it tried to hold (4 GB declared) would
// end in bad_alloc, not in this message.
TEST(MisbehavingServer, AReplyLargerThanTheLimitIsAnErrorAndNeverAllocated) {
  RunOptions options;
  options.checker_memory_mb = 512;
  for (const char* mode : {"huge-reply", "endless-length"}) {
    Outcome outcome;
    const nlohmann::json report = fake_report(mode, &outcome, options);
    EXPECT_EQ(report.value("status", ""), "error") << mode;
    EXPECT_TRUE(contains(output_of(report), "ReLU::forward sent back")) << output_of(report);
    EXPECT_TRUE(contains(output_of(report), "more than the grader accepts (4 MB)"))
        << output_of(report);
    EXPECT_LT(outcome.seconds, 5.0) << mode << ": judged at once, not at a deadline";
  }
}

TEST(MisbehavingServer, AMalformedReplyIsAnError) {
  const nlohmann::json bad_status = fake_report("bad-status");
  EXPECT_EQ(bad_status.value("status", ""), "error");
  EXPECT_TRUE(contains(output_of(bad_status), "The reply to ReLU::forward was not one"))
      << output_of(bad_status);

  const nlohmann::json short_matrix = fake_report("short-matrix");
  EXPECT_EQ(short_matrix.value("status", ""), "error");
  EXPECT_TRUE(contains(output_of(short_matrix), "could not read the reply to ReLU::forward"))
      << output_of(short_matrix);
}

// 4 x 2^62 doubles wrap to 0 in 64 bits: a Reader that multiplies without care lets the
// matrix through to Eigen, whose bad_alloc then reads as the student's memory running out.
TEST(MisbehavingServer, AMatrixWhoseDeclaredSizeWrapsAroundIsAMalformedReply) {
  const nlohmann::json report = fake_report("wrapping-matrix");
  EXPECT_EQ(report.value("status", ""), "error");
  EXPECT_TRUE(contains(output_of(report), "could not read the reply to ReLU::forward"))
      << output_of(report);
  EXPECT_FALSE(contains(output_of(report), "bad_alloc")) << output_of(report);
}

// 0 x 2^62 holds no double at all: a Reader that checks only the product lets it through, and
// a loop over its columns never ends (the checker's own time, charged to no one).
TEST(MisbehavingServer, AnEmptyMatrixWiderThanAnyReplyIsAMalformedReply) {
  const nlohmann::json report = fake_report("empty-wide-matrix");
  EXPECT_EQ(report.value("status", ""), "error");
  EXPECT_TRUE(contains(output_of(report), "could not read the reply to ReLU::forward"))
      << output_of(report);
}

// No reply means "the grader failed": the grader's own server carries out every request, so a
// refusal comes from the student's side (a write on fd 4, an object replaced) and is an error.
TEST(MisbehavingServer, ARefusedRequestIsAnErrorNotTheGradersFault) {
  const nlohmann::json report = fake_report("refuse");
  EXPECT_EQ(report.value("status", ""), "error") << report.dump();
  EXPECT_TRUE(contains(output_of(report), "could not be carried out (unknown handle)"))
      << output_of(report);
}

TEST(MisbehavingServer, AThrownBadAllocIsAnErrorNamingIt) {
  const nlohmann::json report = fake_report("alloc");
  EXPECT_EQ(report.value("status", ""), "error");
  EXPECT_TRUE(contains(output_of(report), "ReLU::forward threw std::bad_alloc"))
      << output_of(report);
}

// This process's children, from /proc: after the checker has been reaped, only what it left
// behind (this process is a subreaper, so orphans of its descendants come here).
std::vector<pid_t> children_of_this_process() {
  std::vector<pid_t> out;
  DIR* proc = opendir("/proc");
  if (!proc) return out;
  while (dirent* entry = readdir(proc)) {
    char* end = nullptr;
    const long pid = std::strtol(entry->d_name, &end, 10);
    if (pid <= 0 || *end != '\0') continue;
    std::ifstream stat("/proc/" + std::string(entry->d_name) + "/stat");
    std::string line;
    if (!std::getline(stat, line) || line.rfind(')') == std::string::npos) continue;
    std::istringstream rest(line.substr(line.rfind(')') + 1));
    char state = 0;
    long ppid = 0;
    rest >> state >> ppid;
    if (ppid == getpid()) out.push_back(static_cast<pid_t>(pid));
  }
  closedir(proc);
  return out;
}

TEST(MisbehavingServer, AGrandchildInASessionOfItsOwnDiesWithTheCheck) {
  ASSERT_EQ(prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0), 0);
  ASSERT_TRUE(children_of_this_process().empty());
  Outcome outcome;
  const nlohmann::json report = fake_report("fork-grandchild", &outcome);
  EXPECT_EQ(report.value("status", ""), "passed") << output_of(report);
  const std::size_t at = outcome.stdout_text.find("grandchild ");
  ASSERT_NE(at, std::string::npos) << outcome.stdout_text;
  const long grandchild = std::strtol(outcome.stdout_text.c_str() + at + 11, nullptr, 10);
  ASSERT_GT(grandchild, 0) << outcome.stdout_text;

  const std::vector<pid_t> left = children_of_this_process();
  for (pid_t pid : left) {
    kill(pid, SIGKILL);
    waitpid(pid, nullptr, 0);
  }
  EXPECT_TRUE(left.empty()) << left.size() << " process(es) outlived the checker, the first "
                            << left.front() << "; the grandchild was " << grandchild;
}

TEST(MisbehavingServer, SeesNoneOfTheCheckersEnvironment) {
  RunOptions options;
  options.nonce = "nonce-for-the-environment-test";
  options.env = {{"NN_GRADE_TEST_CANARY", "canary-5f3a9"}};
  Outcome outcome;
  const nlohmann::json report = fake_report("env", &outcome, options);
  EXPECT_EQ(report.value("status", ""), "passed") << output_of(report);
  EXPECT_EQ(report.value("nonce", ""), "nonce-for-the-environment-test");
  const std::string& printed = outcome.stdout_text;
  EXPECT_TRUE(contains(printed, "env: PATH=")) << printed;  // it did print its environment
  for (const char* secret : {"NN_GRADE_NONCE", "nonce-for-the-environment-test",
                             "NN_GRADE_TEST_CANARY", "canary-5f3a9"}) {
    EXPECT_FALSE(contains(printed, secret)) << secret << " reached the server:\n" << printed;
  }
}

}  // namespace

}  // namespace nn_grade
