// Isolating a check's or a compiler's process: bubblewrap where it works (a read-only view of
// the system's programs and libraries only, no network, a private /tmp, its own user and pid
// namespaces, no capability, its work dir writable), rlimits alone where it does not. Whether
// bubblewrap works is found out once per process and remembered.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "protocol/check_limits.h"

namespace nn_grade::run {

// True when `bwrap` is on PATH and can start a sandbox here (tried once, then cached). As root,
// the sandbox is tried as an unprivileged user (kProbeUid), as student servers run it.
bool bubblewrap_works();
// True when `bwrap` is on PATH.
bool bubblewrap_installed();

class Sandbox {
 public:
  // The sandbox a policy gives on this machine; nullopt, with *err saying why, when the
  // policy requires bubblewrap and it does not work here.
  static std::optional<Sandbox> for_policy(protocol::IsolationPolicy policy, std::string* err);

  // True when wrap() puts a command in bubblewrap; false for rlimits alone.
  bool uses_bubblewrap() const { return !bwrap_.empty(); }

  // What the wrapped process sees besides the system's programs and libraries (/usr, read-only).
  struct View {
    std::filesystem::path work_dir;               // its folder, writable: see own_dirs_mb
    std::vector<std::filesystem::path> readable;  // read-only; must hold argv[0] when that is
                                                  // not a system program
    std::vector<std::filesystem::path> writable;  // the host's folders, writable
    // 0: work_dir is the host's folder and /tmp a bubblewrap tmpfs (the compiler, which only
    // the grader's own code runs in). > 0: work_dir and /tmp are each an empty bubblewrap tmpfs
    // of this size, nothing of the host's writable (a student server run by a user that cannot
    // mount: bubblewrap limits their size, not their files).
    long own_dirs_mb = 0;
    // Instead: /tmp is bound from this host folder, which, like work_dir, is already a tmpfs of
    // the process's own, limited in size and files (run/process/child_setup.h, as root).
    std::filesystem::path tmp_dir;
  };

  // The command line that runs argv (argv[0] a program's absolute path) seeing only `view`, in
  // its own user, pid, network, IPC and mount namespaces, with no capability, unable to make a
  // user namespace of its own. Its root, /dev and /proc are bubblewrap's; all but work_dir and
  // /tmp are read-only.
  std::vector<std::string> wrap(const std::vector<std::string>& argv, const View& view) const;

 private:
  explicit Sandbox(std::string bwrap) : bwrap_(std::move(bwrap)) {}
  std::string bwrap_;  // empty: rlimits only
};

}  // namespace nn_grade::run
