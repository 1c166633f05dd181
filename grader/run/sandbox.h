// Isolating a check's or a compiler's process: bubblewrap where it works (a read-only view of
// the system's programs and libraries only, no network, a private /tmp, its own pid namespace,
// its work dir writable), rlimits alone where it does not. Whether bubblewrap works is found out
// once per process and remembered.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "protocol/check_limits.h"

namespace run {

// True when `bwrap` is on PATH and can start a sandbox here (tried once, then cached).
bool bubblewrap_works();
// True when `bwrap` is on PATH.
bool bubblewrap_installed();

class Sandbox {
 public:
  // The sandbox a policy gives on this machine; nullopt, with *error saying why, when the
  // policy requires bubblewrap and it does not work here.
  static std::optional<Sandbox> for_policy(protocol::IsolationPolicy policy, std::string* error);

  // True when wrap() puts a command in bubblewrap; false for rlimits alone.
  bool uses_bubblewrap() const { return !bwrap_.empty(); }

  // The command line that runs argv (argv[0] a program's absolute path) in work_dir, which is
  // writable, as are `writable` and a private /tmp. Besides the system's programs and
  // libraries (/usr), only `readable` is seen at all: it must hold argv[0] when that is not
  // a system program.
  std::vector<std::string> wrap(const std::vector<std::string>& argv,
                                const std::filesystem::path& work_dir,
                                const std::vector<std::filesystem::path>& readable = {},
                                const std::vector<std::filesystem::path>& writable = {}) const;

 private:
  explicit Sandbox(std::string bwrap) : bwrap_(std::move(bwrap)) {}
  std::string bwrap_;  // empty: rlimits only
};

}  // namespace run
