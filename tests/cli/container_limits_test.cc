// cli/container_limits: the container's CPU quota and memory limit from cgroup files (v2 and
// v1, as the kernel's Documentation/admin-guide/cgroup-v2.rst and cgroup-v1 describe them),
// read under a root that these tests point at a fake tree.
#include "cli/container_limits.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <fstream>

namespace nn_grade {

namespace {

namespace fs = std::filesystem;

fs::path fake_root(const std::string& name) {
  fs::path root =
      fs::temp_directory_path() / ("container-limits-" + name + "-" + std::to_string(getpid()));
  fs::remove_all(root);
  fs::create_directories(root / "sys" / "fs" / "cgroup");
  return root;
}

void write(const fs::path& file, const std::string& text) {
  fs::create_directories(file.parent_path());
  std::ofstream(file) << text;
}

// Gradescope's default container: half a CPU, under 1 GB.
TEST(ContainerLimitsTest, ReadsCgroupV2CpuMaxAndMemoryMax) {
  fs::path root = fake_root("v2");
  write(root / "sys/fs/cgroup/cpu.max", "50000 100000\n");
  write(root / "sys/fs/cgroup/memory.max", "805306368\n");
  cli::ContainerLimits limits = cli::read_container_limits(root);
  EXPECT_EQ(limits.cpus, 0.5);
  EXPECT_EQ(limits.memory_mb, 768);
  EXPECT_EQ(cli::container_jobs(limits, 64), 1);
  EXPECT_EQ(cli::container_check_memory_mb(limits, 1, 1024), 640);
}

TEST(ContainerLimitsTest, ReadsCgroupV1QuotaPeriodAndLimitInBytes) {
  fs::path root = fake_root("v1");
  write(root / "sys/fs/cgroup/cpu,cpuacct/cpu.cfs_quota_us", "300000\n");
  write(root / "sys/fs/cgroup/cpu,cpuacct/cpu.cfs_period_us", "100000\n");
  write(root / "sys/fs/cgroup/memory/memory.limit_in_bytes", "2147483648\n");
  cli::ContainerLimits limits = cli::read_container_limits(root);
  EXPECT_EQ(limits.cpus, 3.0);
  EXPECT_EQ(limits.memory_mb, 2048);
  EXPECT_EQ(cli::container_jobs(limits, 64), 3);
  EXPECT_EQ(cli::container_jobs(limits, 2), 2) << "never more than asked";
  EXPECT_EQ(cli::container_check_memory_mb(limits, 3, 1024), 640);
}

TEST(ContainerLimitsTest, NoLimitLeavesWhatWasAskedFor) {
  fs::path root = fake_root("none");
  write(root / "sys/fs/cgroup/cpu.max", "max 100000\n");
  write(root / "sys/fs/cgroup/memory.max", "max\n");
  cli::ContainerLimits limits = cli::read_container_limits(root);
  EXPECT_FALSE(limits.cpus.has_value());
  EXPECT_FALSE(limits.memory_mb.has_value());
  EXPECT_EQ(cli::container_jobs(limits, 8), 8);
  EXPECT_EQ(cli::container_check_memory_mb(limits, 8, 1024), 1024);

  fs::path v1 = fake_root("v1-none");
  write(v1 / "sys/fs/cgroup/cpu/cpu.cfs_quota_us", "-1\n");
  write(v1 / "sys/fs/cgroup/cpu/cpu.cfs_period_us", "100000\n");
  write(v1 / "sys/fs/cgroup/memory/memory.limit_in_bytes", "9223372036854771712\n");
  limits = cli::read_container_limits(v1);
  EXPECT_FALSE(limits.cpus.has_value());
  EXPECT_FALSE(limits.memory_mb.has_value());
  EXPECT_FALSE(cli::read_container_limits("/nonexistent").cpus.has_value());
}

TEST(ContainerLimitsTest, ATinyContainerStillGivesEachCheckAFloor) {
  cli::ContainerLimits limits{0.25, 300};
  EXPECT_EQ(cli::container_jobs(limits, 4), 1);
  EXPECT_EQ(cli::container_check_memory_mb(limits, 1, 1024), 256);
}

}  // namespace

}  // namespace nn_grade
