#include "cli/container_limits.h"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <sstream>

namespace nn_grade::cli {
namespace {

namespace fs = std::filesystem;

std::optional<std::string> first_line(const fs::path& file) {
  std::ifstream in(file);
  std::string line;
  if (!in || !std::getline(in, line)) return std::nullopt;
  return line;
}

std::optional<long long> as_integer(const std::string& text) {
  std::istringstream in(text);
  long long value = 0;
  if (!(in >> value)) return std::nullopt;
  return value;
}

// A memory limit in bytes, as megabytes; nullopt for "max" or a v1 "no limit" (close to 2^63).
std::optional<long> memory_mb_of(const std::optional<std::string>& text) {
  if (!text) return std::nullopt;
  std::optional<long long> bytes = as_integer(*text);
  if (!bytes || *bytes <= 0 || *bytes >= (1LL << 50)) return std::nullopt;
  return static_cast<long>(*bytes >> 20);
}

std::optional<double> cpus_of(std::optional<long long> quota, std::optional<long long> period) {
  if (!quota || !period || *quota <= 0 || *period <= 0) return std::nullopt;
  return static_cast<double>(*quota) / static_cast<double>(*period);
}

}  // namespace

ContainerLimits read_container_limits(const fs::path& root) {
  const fs::path cgroup = root / "sys" / "fs" / "cgroup";
  ContainerLimits limits;
  if (std::optional<std::string> cpu_max = first_line(cgroup / "cpu.max")) {  // v2
    std::istringstream in(*cpu_max);
    std::string quota, period;
    in >> quota >> period;
    if (quota != "max") limits.cpus = cpus_of(as_integer(quota), as_integer(period));
  } else {  // v1
    for (const char* controller : {"cpu", "cpu,cpuacct", "cpuacct,cpu"}) {
      std::optional<std::string> quota = first_line(cgroup / controller / "cpu.cfs_quota_us");
      std::optional<std::string> period = first_line(cgroup / controller / "cpu.cfs_period_us");
      if (!quota || !period) continue;
      limits.cpus = cpus_of(as_integer(*quota), as_integer(*period));
      break;
    }
  }
  limits.memory_mb = fs::exists(cgroup / "memory.max")
                         ? memory_mb_of(first_line(cgroup / "memory.max"))
                         : memory_mb_of(first_line(cgroup / "memory" / "memory.limit_in_bytes"));
  return limits;
}

int container_jobs(const ContainerLimits& limits, int wanted) {
  if (!limits.cpus) return std::max(1, wanted);
  return std::clamp(static_cast<int>(std::floor(*limits.cpus)), 1, std::max(1, wanted));
}

long container_check_memory_mb(const ContainerLimits& limits, int jobs, long wanted_mb) {
  if (!limits.memory_mb) return wanted_mb;
  const long share = (*limits.memory_mb - 128) / std::max(1, jobs);
  return std::min(wanted_mb, std::max(256L, share));
}

}  // namespace nn_grade::cli
