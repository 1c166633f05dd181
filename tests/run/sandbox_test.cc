#include "run/sandbox.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <string>

#include <gtest/gtest.h>

#include "run/containment.h"
#include "run/process/child_setup.h"
#include "run/run_checks.h"
#include "test_paths.h"

namespace nn_grade {

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
  EXPECT_EQ(sandbox->wrap(argv, {"/tmp"}), argv);
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

// A TCP listener on 127.0.0.1:47815 for as long as it lives (the port the probe tries).
class Listener {
 public:
  Listener() {
    fd_ = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(47815);
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    const int one = 1;
    setsockopt(fd_, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    listening_ = fd_ >= 0 &&
                 bind(fd_, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0 &&
                 listen(fd_, 8) == 0;
  }
  ~Listener() {
    if (fd_ >= 0) close(fd_);
  }
  bool listening() const { return listening_; }

 private:
  int fd_ = -1;
  bool listening_ = false;
};

// What a student server sees and may do where it runs: the probe server (fake_server.cc built
// to probe) run by the real checker through run_checks. It prints "probe1 key=value ..." and
// "probe2 ...", then exits 3, so the check is an error that shows what it printed.
class Probe {
 public:
  explicit Probe(IsolationPolicy policy) {
    Listener listener;  // on the machine's loopback, where a TA's database would be
    RunOptions options;
    options.checker = test_paths::checker();
    options.isolation = policy;
    results_ = run_checks(test_paths::probe_server(),
                          {{"relu.forward", 1, nlohmann::json::object()}}, options, &containment_);
  }
  const protocol::CheckResult& result() const { return results_.at(0); }
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
  std::vector<protocol::CheckResult> results_;
  std::optional<Containment> containment_;
};

// No capability left (CapEff, CapBnd as /proc/self/status prints them), no_new_privs, nothing
// mapped to the machine's root, no mount, nothing of the machine's written.
void expect_no_privilege(const Probe& probe) {
  EXPECT_EQ(probe["cap_eff"], "0000000000000000");
  EXPECT_EQ(probe["no_new_privs"], "1");
  EXPECT_NE(probe["maps_root"], "1");
  EXPECT_EQ(probe["mount"], "0");
  EXPECT_EQ(probe["usr_local_writable"], "0");
  if (geteuid() == 0) EXPECT_EQ(probe["cap_bnd"], "0000000000000000");
}

// Its folder is a filesystem of its own, of the size containment.h gives it.
void expect_own_disk(const Probe& probe) {
  EXPECT_EQ(probe["cwd_mb"], std::to_string(kCheckDiskMb)) << probe.result().printed;
}

// As root where namespaces can be made: a folder that is a tmpfs of its own, limited in size and
// files, and a network of its own with nothing up. Where they cannot (a container without
// CAP_SYS_ADMIN: run_tests.SandboxAsContainerRootWithoutSysAdmin), the check still runs, never
// the grader's fault, and grade --batch says what is left open.
void expect_own_disk_and_network_where_namespaces_work(const Probe& probe) {
  ASSERT_EQ(probe.result().status, protocol::CheckStatus::kError) << probe.result().output;
  if (!process::namespaces_work()) return;
  expect_own_disk(probe);
  EXPECT_EQ(probe["cwd_files"], std::to_string(kCheckDiskFiles));
  EXPECT_EQ(probe["loopback"], "unreachable");
}

// Inside the sandbox: / is read-only, the work dir and /tmp are writable, no network but
// loopback, a pid namespace of its own, nothing but the system's programs and libraries.
TEST(Sandbox, InsideBubblewrapTheServerSeesNoNetworkAndNoOneElsesFiles) {
  if (!bubblewrap_works()) GTEST_SKIP() << "bubblewrap does not work here";
  const Probe probe(IsolationPolicy::kRequireSandbox);
  EXPECT_EQ(probe.containment(), Containment::kBubblewrap);
  ASSERT_EQ(probe.result().status, protocol::CheckStatus::kError) << probe.result().output;
  EXPECT_TRUE(contains(probe.result().output, "exit code 3"))
      << probe.result().output << probe.result().printed;
  EXPECT_EQ(probe["root_writable"], "0");
  EXPECT_EQ(probe["cwd_writable"], "1");
  EXPECT_EQ(probe["tmp_writable"], "1");
  EXPECT_EQ(probe["interfaces"], "lo");
  EXPECT_LT(std::stoi(probe["pid"]), 10);
  EXPECT_EQ(probe["sees_root_home"], "0");
  EXPECT_EQ(probe["sees_etc_passwd"], "0");
  EXPECT_EQ(probe["sees_home"], "0");
  expect_no_privilege(probe);
  expect_own_disk(probe);
  EXPECT_NE(probe["loopback"], "connected");
  if (geteuid() == 0) {
    // bubblewrap started as a uid of the block: its namespace maps that uid to itself, and
    // nothing to root (bubblewrap once kept root, mapped to the machine's, and CAP_SYS_ADMIN).
    EXPECT_GE(std::stol(probe["uid"]), static_cast<long>(kFirstUid));
    EXPECT_EQ(probe["nproc"], std::to_string(kMaxServerProcesses));
    // Its folder a tmpfs the checker mounted (limited in files too), or bubblewrap's own.
    if (process::namespaces_work()) {
      EXPECT_EQ(probe["cwd_files"], std::to_string(kCheckDiskFiles));
    }
  }
}

// As root, isolation "unprivileged": an empty chroot holding the server alone, as a user of its
// own.
TEST(Sandbox, UnprivilegedTheServerSeesOnlyItsFolderAsAUserOfItsOwn) {
  if (geteuid() != 0) GTEST_SKIP() << "unprivileged containment needs root";
  const Probe probe(IsolationPolicy::kUnprivileged);
  EXPECT_EQ(probe.containment(), Containment::kChroot);
  ASSERT_EQ(probe.result().status, protocol::CheckStatus::kError) << probe.result().output;
  EXPECT_TRUE(contains(probe.result().output, "exit code 3")) << probe.result().output;
  EXPECT_EQ(probe["root_writable"], "0");
  EXPECT_EQ(probe["cwd_writable"], "1");
  EXPECT_EQ(probe["tmp_writable"], "0");  // there is no /tmp
  EXPECT_GE(std::stol(probe["uid"]), static_cast<long>(kFirstUid));
  EXPECT_EQ(probe["sees_root_home"], "0");
  EXPECT_EQ(probe["sees_etc_passwd"], "0");
  EXPECT_EQ(probe["sees_home"], "0");
  expect_no_privilege(probe);
  EXPECT_EQ(probe["nproc"], std::to_string(kMaxServerProcesses));
  expect_own_disk_and_network_where_namespaces_work(probe);
}

// Isolation "none": the server sees the machine, but as root grade still runs it as a user of
// its own (student code never runs as root); otherwise as grade's own user.
TEST(Sandbox, WithIsolationNoneTheServerSeesTheMachineButNeverRunsAsRoot) {
  const Probe probe(IsolationPolicy::kNone);
  EXPECT_EQ(probe.containment(), geteuid() == 0 ? Containment::kUser : Containment::kRlimits);
  ASSERT_EQ(probe.result().status, protocol::CheckStatus::kError) << probe.result().output;
  EXPECT_EQ(probe["cwd_writable"], "1");
  EXPECT_EQ(probe["sees_etc_passwd"], "1");
  if (geteuid() == 0) {
    EXPECT_GE(std::stol(probe["uid"]), static_cast<long>(kFirstUid));
    expect_no_privilege(probe);
    EXPECT_EQ(probe["nproc"], std::to_string(kMaxServerProcesses));
    EXPECT_EQ(probe["tmp_writable"], "1");  // a /tmp of its own, or the machine's
    expect_own_disk_and_network_where_namespaces_work(probe);
  } else {
    EXPECT_EQ(probe["uid"], std::to_string(geteuid()));
  }
}

}  // namespace
}  // namespace run

}  // namespace nn_grade
