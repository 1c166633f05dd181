#include "run/sandbox.h"

#include <unistd.h>

#include <string>

#include <gtest/gtest.h>

#include "run/containment.h"
#include "run/run_checks.h"
#include "test_paths.h"

namespace run {
namespace {

using protocol::IsolationPolicy;

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

TEST(Sandbox, NoneNeverWraps) {
  std::string error;
  auto sandbox = Sandbox::for_policy(IsolationPolicy::kNone, &error);
  ASSERT_TRUE(sandbox);
  EXPECT_FALSE(sandbox->uses_bubblewrap());
  std::vector<std::string> argv = {"/bin/true"};
  EXPECT_EQ(sandbox->wrap(argv, "/tmp"), argv);
}

TEST(Sandbox, AutoUsesBubblewrapExactlyWhenItWorks) {
  std::string error;
  auto sandbox = Sandbox::for_policy(IsolationPolicy::kAuto, &error);
  ASSERT_TRUE(sandbox);
  EXPECT_EQ(sandbox->uses_bubblewrap(), bubblewrap_works());
}

TEST(Sandbox, RequireFailsClearlyOrGivesBubblewrap) {
  std::string error;
  auto sandbox = Sandbox::for_policy(IsolationPolicy::kRequireSandbox, &error);
  if (bubblewrap_works()) {
    ASSERT_TRUE(sandbox);
    EXPECT_TRUE(sandbox->uses_bubblewrap());
  } else {
    EXPECT_FALSE(sandbox);
    EXPECT_NE(error.find("bubblewrap"), std::string::npos);
  }
}

TEST(Sandbox, UnprivilegedNeverWrapsInBubblewrap) {
  std::string error;
  auto sandbox = Sandbox::for_policy(IsolationPolicy::kUnprivileged, &error);
  ASSERT_TRUE(sandbox);
  EXPECT_FALSE(sandbox->uses_bubblewrap());
}

// What a student server sees and may do where it runs: the probe server (fake_server.cc built
// to probe) run by the real checker through run_checks. It prints "probe1 key=value ..." and
// "probe2 ...", then exits 3, so the check is an error that shows what it printed.
class Probe {
 public:
  explicit Probe(IsolationPolicy policy) {
    RunOptions options;
    options.checker = test_paths::checker();
    options.isolation = policy;
    results_ = run_checks(test_paths::probe_server(),
                          {{"relu.forward", 1, nlohmann::json::object()}}, options, &containment_);
  }
  const grading::CheckResult& result() const { return results_.at(0); }
  std::optional<Containment> containment() const { return containment_; }
  // The value printed for `key`, or "(missing)".
  std::string operator[](const std::string& key) const {
    const std::string& output = result().printed;
    const std::size_t at = output.find(" " + key + "=");
    if (at == std::string::npos) return "(missing)";
    const std::size_t start = at + key.size() + 2;
    return output.substr(start, output.find_first_of(" \n", start) - start);
  }

 private:
  std::vector<grading::CheckResult> results_;
  std::optional<Containment> containment_;
};

// Inside the sandbox: / is read-only, the work dir and /tmp are writable, no network but
// loopback, a pid namespace of its own, nothing but the system's programs and libraries.
TEST(Sandbox, InsideBubblewrapTheServerSeesNoNetworkAndNoOneElsesFiles) {
  if (!bubblewrap_works()) GTEST_SKIP() << "bubblewrap does not work here";
  const Probe probe(IsolationPolicy::kRequireSandbox);
  EXPECT_EQ(probe.containment(), Containment::kBubblewrap);
  ASSERT_EQ(probe.result().status, grading::CheckStatus::kError) << probe.result().output;
  EXPECT_TRUE(contains(probe.result().output, "exit code 3")) << probe.result().output;
  EXPECT_EQ(probe["root_writable"], "0");
  EXPECT_EQ(probe["cwd_writable"], "1");
  EXPECT_EQ(probe["tmp_writable"], "1");
  EXPECT_EQ(probe["interfaces"], "lo");
  EXPECT_LT(std::stoi(probe["pid"]), 10);
  EXPECT_EQ(probe["sees_root_home"], "0");
  EXPECT_EQ(probe["sees_etc_passwd"], "0");
  EXPECT_EQ(probe["sees_home"], "0");
}

// As root, isolation "unprivileged": an empty chroot holding the server alone, as a user of its
// own.
TEST(Sandbox, UnprivilegedTheServerSeesOnlyItsFolderAsAUserOfItsOwn) {
  if (geteuid() != 0) GTEST_SKIP() << "unprivileged containment needs root";
  const Probe probe(IsolationPolicy::kUnprivileged);
  EXPECT_EQ(probe.containment(), Containment::kChroot);
  ASSERT_EQ(probe.result().status, grading::CheckStatus::kError) << probe.result().output;
  EXPECT_TRUE(contains(probe.result().output, "exit code 3")) << probe.result().output;
  EXPECT_EQ(probe["root_writable"], "0");
  EXPECT_EQ(probe["cwd_writable"], "1");
  EXPECT_EQ(probe["tmp_writable"], "0");  // there is no /tmp
  EXPECT_GE(std::stol(probe["uid"]), static_cast<long>(kFirstUid));
  EXPECT_EQ(probe["sees_root_home"], "0");
  EXPECT_EQ(probe["sees_etc_passwd"], "0");
  EXPECT_EQ(probe["sees_home"], "0");
}

// Isolation "none": the server sees the machine, but as root grade still runs it as a user of
// its own (student code never runs as root); otherwise as grade's own user.
TEST(Sandbox, WithIsolationNoneTheServerSeesTheMachineButNeverRunsAsRoot) {
  const Probe probe(IsolationPolicy::kNone);
  EXPECT_EQ(probe.containment(), geteuid() == 0 ? Containment::kUser : Containment::kRlimits);
  ASSERT_EQ(probe.result().status, grading::CheckStatus::kError) << probe.result().output;
  EXPECT_EQ(probe["cwd_writable"], "1");
  EXPECT_EQ(probe["sees_etc_passwd"], "1");
  if (geteuid() == 0) {
    EXPECT_GE(std::stol(probe["uid"]), static_cast<long>(kFirstUid));
  } else {
    EXPECT_EQ(probe["uid"], std::to_string(geteuid()));
  }
}

}  // namespace
}  // namespace run
