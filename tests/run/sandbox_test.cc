#include "sandbox.h"

#include <gtest/gtest.h>

#include "run_checks.h"
#include "test_paths.h"

namespace run {
namespace {

using protocol::IsolationPolicy;

TEST(Sandbox, NoneNeverWraps) {
  std::string error;
  auto sandbox = Sandbox::for_policy(IsolationPolicy::kNone, &error);
  ASSERT_TRUE(sandbox);
  EXPECT_STREQ(sandbox->isolation(), "rlimits");
  std::vector<std::string> argv = {"/bin/true"};
  EXPECT_EQ(sandbox->wrap(argv, "/tmp"), argv);
}

TEST(Sandbox, AutoUsesBubblewrapExactlyWhenItWorks) {
  std::string error;
  auto sandbox = Sandbox::for_policy(IsolationPolicy::kAuto, &error);
  ASSERT_TRUE(sandbox);
  EXPECT_STREQ(sandbox->isolation(), bubblewrap_works() ? "bubblewrap" : "rlimits");
}

TEST(Sandbox, RequireFailsClearlyOrGivesBubblewrap) {
  std::string error;
  auto sandbox = Sandbox::for_policy(IsolationPolicy::kRequireSandbox, &error);
  if (bubblewrap_works()) {
    ASSERT_TRUE(sandbox);
    EXPECT_STREQ(sandbox->isolation(), "bubblewrap");
  } else {
    EXPECT_FALSE(sandbox);
    EXPECT_NE(error.find("bubblewrap"), std::string::npos);
  }
}

// Inside the sandbox: / is read-only, the work dir and /tmp are writable, no network but
// loopback, a pid namespace of its own.
TEST(Sandbox, InsideBubblewrapRootIsReadOnlyAndThereIsNoNetwork) {
  if (!bubblewrap_works()) GTEST_SKIP() << "bubblewrap does not work here";
  RunOptions options;
  options.isolation = IsolationPolicy::kRequireSandbox;
  std::string isolation;
  auto results = run_checks(test_paths::fake_runner(), {{"probe", 1, {}}}, options, &isolation);
  ASSERT_EQ(results.size(), 1u);
  EXPECT_EQ(isolation, "bubblewrap");
  const auto& r = results[0];
  ASSERT_EQ(r.status, "passed") << r.output;
  EXPECT_FALSE(r.figures.at("root_writable").get<bool>());
  EXPECT_TRUE(r.figures.at("cwd_writable").get<bool>());
  EXPECT_TRUE(r.figures.at("tmp_writable").get<bool>());
  std::string interfaces = r.figures.at("net_dev").get<std::string>();
  EXPECT_NE(interfaces.find("lo:"), std::string::npos) << interfaces;
  EXPECT_EQ(interfaces.find("eth"), std::string::npos) << interfaces;
  int lines = 0;
  for (char c : interfaces) lines += c == '\n';
  EXPECT_EQ(lines, 3) << interfaces;  // two header lines and lo
  EXPECT_LT(r.figures.at("pid").get<int>(), 10);
  // Nothing but the system's programs and libraries: no one else's files to read and print.
  EXPECT_FALSE(r.figures.at("has_home_root").get<bool>());
  EXPECT_FALSE(r.figures.at("sees_etc_passwd").get<bool>());
  EXPECT_FALSE(r.figures.at("sees_home").get<bool>());
}

}  // namespace
}  // namespace run
