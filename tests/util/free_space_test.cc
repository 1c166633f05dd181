#include "util/free_space.h"

#include <sys/statvfs.h>

#include <gtest/gtest.h>

namespace nn_grade {

namespace util {
namespace {

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

TEST(FreeSpace, ARunThatFitsGoesAhead) {
  std::string err;
  EXPECT_TRUE(enough_free_space({{"/tmp", 1, "the temp folder"}}, &err)) << err;
}

TEST(FreeSpace, AShortFilesystemStopsTheRunNamingWhatIsShortAndByHowMuch) {
  std::string err;
  EXPECT_FALSE(
      enough_free_space({{"/tmp/nn-grade-not-made-yet/out", std::uint64_t{1} << 60, "OUT"}}, &err));
  EXPECT_TRUE(contains(err, "not enough free disk space")) << err;
  EXPECT_TRUE(contains(err, "OUT (/tmp/nn-grade-not-made-yet/out)")) << err;
  EXPECT_TRUE(contains(err, "MB free, 1099511627776 MB needed")) << err;
}

// Two needs on one filesystem add up: each fits alone, not both together.
TEST(FreeSpace, NeedsOnOneFilesystemAddUp) {
  struct statvfs info {};
  ASSERT_EQ(statvfs("/tmp", &info), 0);
  const std::uint64_t most = static_cast<std::uint64_t>(info.f_bavail) * info.f_frsize / 10 * 6;
  std::string err;
  EXPECT_TRUE(enough_free_space({{"/tmp", most, "the cache"}}, &err)) << err;
  EXPECT_FALSE(enough_free_space({{"/tmp", most, "the cache"}, {"/tmp", most, "OUT"}}, &err));
  EXPECT_TRUE(contains(err, "the cache (/tmp), OUT (/tmp)")) << err;
}

}  // namespace
}  // namespace util

}  // namespace nn_grade
