#include "compile/compiler_user.h"

#include <sys/stat.h>
#include <unistd.h>

#include <fstream>

#include <gtest/gtest.h>

namespace nn_grade {

namespace compile {
namespace {

namespace fs = std::filesystem;

bool readable_by_anyone(const fs::path& file) {
  struct stat info {};
  return stat(file.c_str(), &info) == 0 && (info.st_mode & S_IROTH);
}

// Not root: the compiler is grade's own user, reading the headers where they are.
TEST(CompilerUser, NotRootCompilesAsItselfFromTheInstalledHeaders) {
  if (geteuid() == 0) GTEST_SKIP() << "root compiles as a user of its own";
  const CompilerUser user = compiler_user("/somewhere/include", "0123456789abcdef0123");
  EXPECT_FALSE(user.as_compiler_user);
  EXPECT_EQ(user.include_dir, "/somewhere/include");
}

// Root with the headers where no other user may go (grade built under /root, as the README's
// quick start does): they are staged where the compiler's user can read them, so submissions
// never compile as root.
TEST(CompilerUser, AsRootHeadersNoOneElseCanReadAreStagedForTheCompilersUser) {
  if (geteuid() != 0) GTEST_SKIP() << "only root compiles as a user of its own";
  const fs::path home = fs::path(::testing::TempDir()) / "nn-grade-private-home";
  fs::remove_all(home);
  fs::create_directories(home / "include");
  chmod(home.c_str(), 0700);
  std::ofstream(home / "include" / "nn_prelude.h") << "// the prelude\n";
  const std::string fingerprint = "feedc0de" + std::to_string(getpid()) + "0000000000000000";
  const CompilerUser user = compiler_user(home / "include", fingerprint);
  EXPECT_TRUE(user.as_compiler_user);
  EXPECT_NE(user.include_dir, home / "include");
  EXPECT_EQ(user.include_dir.string().rfind(kStagedHeadersParent, 0), 0u) << user.include_dir;
  EXPECT_TRUE(readable_by_anyone(user.include_dir / "nn_prelude.h"));
  fs::remove_all(user.include_dir.parent_path());
  fs::remove_all(home);
}

// Root with headers every user may read: used where they are.
TEST(CompilerUser, AsRootReadableHeadersAreUsedWhereTheyAre) {
  if (geteuid() != 0) GTEST_SKIP() << "only root compiles as a user of its own";
  const fs::path dir = fs::path("/tmp") / ("nn-grade-open-include-" + std::to_string(getpid()));
  fs::create_directories(dir);
  chmod(dir.c_str(), 0755);
  std::ofstream(dir / "nn_prelude.h") << "// the prelude\n";
  chmod((dir / "nn_prelude.h").c_str(), 0644);
  const CompilerUser user = compiler_user(dir, "abcdef0123456789abcd");
  EXPECT_TRUE(user.as_compiler_user);
  EXPECT_EQ(user.include_dir, dir);
  fs::remove_all(dir);
}

}  // namespace
}  // namespace compile

}  // namespace nn_grade
