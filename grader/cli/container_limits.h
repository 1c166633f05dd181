// What the container we run in may use: its cgroup's CPU quota and memory limit, v2 or v1.
// Gradescope's default container is half a CPU and under 1 GB, on a host with many more cores:
// `--gradescope` sizes its jobs and each check's memory from these, not from the host.
//
// Read from files under `root` (normally "/"; tests point it at a fake tree):
//   v2: sys/fs/cgroup/cpu.max ("max 100000" or "50000 100000"), sys/fs/cgroup/memory.max
//       ("max" or bytes);
//   v1: sys/fs/cgroup/cpu/cpu.cfs_quota_us (-1: none) and cpu.cfs_period_us (or under
//       cpu,cpuacct/), sys/fs/cgroup/memory/memory.limit_in_bytes (a huge number: none).
#pragma once

#include <filesystem>
#include <optional>
#include <string>

namespace nn_grade::cli {

struct ContainerLimits {
  std::optional<double> cpus;     // quota / period; nullopt when unlimited or unknown
  std::optional<long> memory_mb;  // nullopt when unlimited or unknown
};

ContainerLimits read_container_limits(const std::filesystem::path& root);

// Processes at once: the CPU quota rounded down (at least 1), never more than `wanted`.
int container_jobs(const ContainerLimits& limits, int wanted);

// Memory for one check when `jobs` run at once: what the container allows, less 128 MB for the
// grader itself, shared among the jobs; never more than `wanted_mb`, never under 256 MB.
long container_check_memory_mb(const ContainerLimits& limits, int jobs, long wanted_mb);

}  // namespace nn_grade::cli
