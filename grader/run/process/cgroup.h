// A cgroup of its own for one child and everything it starts, where this process may make one
// (root, and a cgroup filesystem at /sys/fs/cgroup that lets it: v2, or v1's "pids", "cpu" and
// "memory" hierarchies). What it holds is limited together, however many processes it forks:
// their number, their CPU time per second of wall time, their memory (tmpfs pages included).
// The child joins it before exec (ChildSetup::cgroup_procs); destroying it kills whatever is
// left in it and removes it.
//
// Where none can be made (not root; a container whose cgroup may not have children; no such
// controller), create() says why and the caller goes on without: RLIMIT_NPROC on a uid of the
// child's own still bounds its processes, and the checker's deadlines its time.
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

namespace nn_grade::run::process {

struct CgroupLimits {
  long max_processes = 0;  // pids.max; 0 = none
  double cpus = 0;         // CPU time per wall second (1 = one CPU); 0 = none
  long memory_mb = 0;      // memory.max; 0 = none
};

class Cgroup {
 public:
  // A cgroup named `name` (unique on this machine: a pid in it) under the grader's own
  // "nn-grade" cgroup; null, with *why_not, when none can be made here.
  static std::unique_ptr<Cgroup> create(const std::string& name, const CgroupLimits& limits,
                                        std::string* why_not);
  ~Cgroup();
  Cgroup(const Cgroup&) = delete;
  Cgroup& operator=(const Cgroup&) = delete;

  // The cgroup.procs files a child writes "0" to, to join (one per hierarchy).
  const std::vector<std::string>& procs_files() const { return procs_files_; }

 private:
  Cgroup() = default;
  std::vector<std::filesystem::path> dirs_;  // one per hierarchy (v2: one)
  std::vector<std::string> procs_files_;
  bool v2_ = false;
};

}  // namespace nn_grade::run::process
