#include "run/process/cgroup.h"

#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cmath>
#include <cstring>
#include <fstream>
#include <system_error>
#include <thread>

namespace nn_grade::run::process {
namespace {

namespace fs = std::filesystem;

const fs::path kCgroupRoot = "/sys/fs/cgroup";
constexpr long kCpuPeriodUs = 100000;

bool write_file(const fs::path& file, const std::string& text) {
  std::ofstream out(file);
  out << text;
  out.flush();
  return static_cast<bool>(out);
}

// Makes `dir` (removing a leftover of a crashed run first, which is empty or killable).
bool make_dir(const fs::path& dir, std::string* why_not) {
  std::error_code ec;
  fs::create_directories(dir.parent_path(), ec);
  rmdir(dir.c_str());
  if (mkdir(dir.c_str(), 0700) != 0) {
    *why_not = "cannot make " + dir.string() + ": " + std::strerror(errno);
    return false;
  }
  return true;
}

// This process's cgroup in the hierarchy of `controller` (v1), or in the unified one ("" : v2),
// from /proc/self/cgroup ("4:memory:/a/b", "0::/a/b"); "/" when it does not say.
fs::path own_cgroup(const std::string& controller) {
  std::ifstream in("/proc/self/cgroup");
  for (std::string line; std::getline(in, line);) {
    const std::size_t first = line.find(':'), second = line.find(':', first + 1);
    if (first == std::string::npos || second == std::string::npos) continue;
    const std::string controllers = "," + line.substr(first + 1, second - first - 1) + ",";
    const bool match = controller.empty()
                           ? controllers == ",,"
                           : controllers.find("," + controller + ",") != std::string::npos;
    if (match) return line.substr(second + 1);
  }
  return "/";
}

// Kills every process listed in `procs` (a cgroup.procs file), until it lists none; false when
// some are left after a few seconds.
bool kill_listed(const fs::path& procs) {
  const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(5);
  while (std::chrono::steady_clock::now() < give_up) {
    std::ifstream in(procs);
    bool any = false;
    for (long pid; in >> pid;) {
      any = true;
      kill(static_cast<pid_t>(pid), SIGKILL);
    }
    if (!any) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  return false;
}

// Removes an empty cgroup, waiting a moment for its killed processes to be gone.
void remove_dir(const fs::path& dir) {
  for (int attempt = 0; attempt < 500; ++attempt) {
    if (rmdir(dir.c_str()) == 0 || errno == ENOENT) return;
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
}

}  // namespace

std::unique_ptr<Cgroup> Cgroup::create(const std::string& name, const CgroupLimits& limits,
                                       std::string* why_not) {
  if (geteuid() != 0) {
    *why_not = "only root may make cgroups";
    return nullptr;
  }
  std::unique_ptr<Cgroup> cgroup(new Cgroup());
  std::error_code ec;
  if (fs::exists(kCgroupRoot / "cgroup.controllers", ec)) {
    // v2: a cgroup holding processes (the checker's own) may not have children with
    // controllers, so ours is beside it: under its parent (or, at the top, under the root, which
    // may), in an "nn-grade" cgroup of its own that holds no process.
    cgroup->v2_ = true;
    const fs::path own = own_cgroup("");
    const fs::path above =
        kCgroupRoot / (own == "/" ? fs::path() : own.parent_path().relative_path());
    const fs::path parent = above / "nn-grade";
    fs::create_directories(parent, ec);
    if (!write_file(above / "cgroup.subtree_control", "+pids +cpu +memory") ||
        !write_file(parent / "cgroup.subtree_control", "+pids +cpu +memory")) {
      *why_not = "cannot hand the pids, cpu and memory controllers to " + parent.string();
      return nullptr;
    }
    const fs::path dir = parent / name;
    if (!make_dir(dir, why_not)) return nullptr;
    cgroup->dirs_.push_back(dir);
    const bool limited =
        (limits.max_processes <= 0 ||
         write_file(dir / "pids.max", std::to_string(limits.max_processes))) &&
        (limits.cpus <= 0 ||
         write_file(dir / "cpu.max", std::to_string(std::lround(limits.cpus * kCpuPeriodUs)) + " " +
                                         std::to_string(kCpuPeriodUs))) &&
        (limits.memory_mb <= 0 ||
         write_file(dir / "memory.max", std::to_string(limits.memory_mb << 20)));
    if (!limited) {
      *why_not = "cannot set the limits of " + dir.string();
      return nullptr;
    }
  } else {
    // v1: one hierarchy per controller, each mounted on its own (or cpu with cpuacct); ours is
    // below the checker's own cgroup in each, so that whatever limits that has still hold.
    struct Hierarchy {
      const char* mount;
      const char* file;
      std::string value;
    };
    std::vector<Hierarchy> wanted;
    if (limits.max_processes > 0) {
      wanted.push_back({"pids", "pids.max", std::to_string(limits.max_processes)});
    }
    if (limits.cpus > 0) {
      wanted.push_back(
          {"cpu", "cpu.cfs_quota_us", std::to_string(std::lround(limits.cpus * kCpuPeriodUs))});
    }
    if (limits.memory_mb > 0) {
      wanted.push_back({"memory", "memory.limit_in_bytes", std::to_string(limits.memory_mb << 20)});
    }
    for (const Hierarchy& hierarchy : wanted) {
      const fs::path mount = kCgroupRoot / hierarchy.mount;
      if (!fs::exists(mount / "cgroup.procs", ec)) {
        *why_not = "no cgroup hierarchy at " + mount.string();
        return nullptr;
      }
      const fs::path dir = mount / own_cgroup(hierarchy.mount).relative_path() / "nn-grade" / name;
      if (!make_dir(dir, why_not)) return nullptr;
      cgroup->dirs_.push_back(dir);
      if (std::string(hierarchy.mount) == "cpu" &&
          !write_file(dir / "cpu.cfs_period_us", std::to_string(kCpuPeriodUs))) {
        *why_not = "cannot set the CPU period of " + dir.string();
        return nullptr;
      }
      if (!write_file(dir / hierarchy.file, hierarchy.value)) {
        *why_not = "cannot set " + (dir / hierarchy.file).string();
        return nullptr;
      }
    }
  }
  for (const fs::path& dir : cgroup->dirs_) {
    cgroup->procs_files_.push_back((dir / "cgroup.procs").string());
  }
  return cgroup;
}

Cgroup::~Cgroup() {
  for (const fs::path& dir : dirs_) {
    if (!v2_ || !write_file(dir / "cgroup.kill", "1")) kill_listed(dir / "cgroup.procs");
    remove_dir(dir);
  }
}

}  // namespace nn_grade::run::process
