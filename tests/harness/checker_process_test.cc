// The checker as `grade` runs it: a child process with the result pipe on fd 3, a nonce in the
// environment and a student server to start. Proves the protocol (list, one report, nonce, exit
// codes), that a student's forged output never reaches the channel, that Eigen assertions and
// std::terminate become "error" reports, and that the student template fails every check.
#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "protocol/catalog.h"

namespace {

struct Outcome {
  int exit_code = -1;   // -signal when killed by one
  std::string channel;  // what arrived on the result pipe
  std::string stdout_text;
};

std::string read_all(int fd) {
  std::string out;
  char buffer[4096];
  ssize_t n;
  while ((n = read(fd, buffer, sizeof buffer)) > 0) out.append(buffer, static_cast<size_t>(n));
  return out;
}

// Runs the checker with `args...` against the student server `server` (rlimits alone); with_channel
// hands a pipe over as fd 3.
Outcome run(const std::string& server, std::vector<std::string> args, bool with_channel = true,
            const std::string& nonce = "test-nonce-1234") {
  const std::string checker = CHECKER;
  args.insert(args.begin(), {"--server", nlohmann::json{{"argv", {server}}}.dump()});
  int channel[2], out[2];
  if (pipe(channel) != 0 || pipe(out) != 0) std::abort();
  const pid_t pid = fork();
  if (pid == 0) {
    dup2(out[1], 1);
    int null = open("/dev/null", O_WRONLY);
    dup2(null, 2);
    if (with_channel) {
      dup2(channel[1], 3);
    } else {
      close(3);
    }
    for (int fd : {channel[0], channel[1], out[0], out[1], null}) {
      if (fd > 3) close(fd);
    }
    setenv("NN_GRADE_NONCE", nonce.c_str(), 1);
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
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -WTERMSIG(status);
  return result;
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
  ASSERT_EQ(list["checks"].size(), catalog::all().size());
  EXPECT_EQ(list["checks"][0]["id"], catalog::all()[0].id);
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

TEST(Checker, GraderFaultsExitTwoWithoutAReport) {
  for (const auto& args : std::vector<std::vector<std::string>>{
           {"--check", "no.such.check", "--seed", "1"},
           {"--check", "linear.forward", "--seed", "-4"},
           {"--check", "linear.forward", "--seed", "1", "--params", R"({"batch": "six"})"},
           {"--check", "linear.forward"},
           {"--check", "linear.forward", "--seed", "1", "--server", R"({"argv": []})"},
           {"--check", "linear.forward", "--seed", "1", "--server", R"({"argv": ["/nonexistent"]})"}}) {
    const Outcome r = run(REFERENCE_SERVER, args);
    EXPECT_EQ(r.exit_code, 2) << args[1];
    EXPECT_EQ(r.channel, "") << args[1];
  }
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
  EXPECT_NE(output.find("Linear::backward threw"), std::string::npos) << output;
  EXPECT_NE(output.find("Eigen assertion failed"), std::string::npos) << output;
  EXPECT_EQ(report["reproduce"], "grade --local --only linear.backward.input --seed 12345");
}

TEST(Forger, AnExceptionLeavingNoexceptIsReportedByTheTerminateHandler) {
  const nlohmann::json report = check(FORGER_SERVER, "relu.backward");
  EXPECT_EQ(report["status"], "error");
  EXPECT_EQ(report["nonce"], "test-nonce-1234");
  const std::string output = report["output"];
  EXPECT_NE(output.find("inside ReLU::backward"), std::string::npos) << output;
  EXPECT_NE(output.find("boom from a noexcept function"), std::string::npos) << output;
}

TEST(Template, FailsEveryCheck) {
  for (const catalog::CheckInfo& info : catalog::all()) {
    const Outcome r = run(TEMPLATE_SERVER, {"--check", info.id, "--seed", "12345"});
    ASSERT_EQ(r.exit_code, 0) << info.id;
    const nlohmann::json report = single_document(r.channel);
    EXPECT_NE(report["status"], "passed") << info.id;
    EXPECT_LT(report["fraction"].get<double>(), 1.0) << info.id;
  }
}

}  // namespace
