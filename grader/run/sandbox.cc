#include "run/sandbox.h"

#include <boost/process/search_path.hpp>

#include "run/subprocess.h"

namespace run {
namespace {

// Only what programs need to start (the system's programs and libraries) is seen, read-only:
// not /home, /root, /etc or wherever the class's submissions and results are, so that a
// student's code cannot read, and then print into its feedback, anyone else's files.
std::vector<std::string> bwrap_args(const std::string& bwrap) {
  std::vector<std::string> args = {bwrap, "--ro-bind", "/usr", "/usr"};
  for (const char* path :
       {"/bin", "/sbin", "/lib", "/lib64", "/lib32", "/libx32", "/etc/ld.so.cache",
        "/etc/ld.so.conf", "/etc/ld.so.conf.d", "/etc/alternatives"}) {
    args.insert(args.end(), {"--ro-bind-try", path, path});
  }
  args.insert(args.end(), {"--dev", "/dev", "--proc", "/proc", "--tmpfs", "/tmp", "--unshare-all",
                           "--die-with-parent", "--new-session"});
  return args;
}

std::string find_bwrap() {
  boost::filesystem::path found = boost::process::search_path("bwrap");
  return found.empty() ? std::string() : found.string();
}

// The path of a working bwrap, or "" (computed once).
const std::string& working_bwrap() {
  static const std::string bwrap = [] {
    std::string path = find_bwrap();
    if (path.empty()) return std::string();
    ProcessSpec probe;
    probe.argv = bwrap_args(path);
    probe.argv.insert(probe.argv.end(), {"--", "true"});
    probe.wall_seconds = 10;
    ProcessResult result = run_process(probe);
    return result.exited_normally() && result.exit_code == 0 ? path : std::string();
  }();
  return bwrap;
}

}  // namespace

bool bubblewrap_works() { return !working_bwrap().empty(); }

bool bubblewrap_installed() { return !find_bwrap().empty(); }

std::optional<Sandbox> Sandbox::for_policy(protocol::IsolationPolicy policy, std::string* error) {
  if (policy == protocol::IsolationPolicy::kNone ||
      policy == protocol::IsolationPolicy::kUnprivileged) {
    return Sandbox("");
  }
  if (bubblewrap_works()) return Sandbox(working_bwrap());
  if (policy == protocol::IsolationPolicy::kAuto) return Sandbox("");
  *error = find_bwrap().empty()
               ? "the sandbox is required, but bubblewrap (bwrap) is not installed"
               : "the sandbox is required, but bubblewrap (bwrap) cannot create one on this "
                 "machine (unprivileged user namespaces disabled?); enable them, or grade with "
                 "isolation \"auto\" to use rlimits alone";
  return std::nullopt;
}

std::vector<std::string> Sandbox::wrap(const std::vector<std::string>& argv,
                                       const std::filesystem::path& work_dir,
                                       const std::vector<std::filesystem::path>& readable,
                                       const std::vector<std::filesystem::path>& writable) const {
  if (bwrap_.empty() || argv.empty()) return argv;
  std::vector<std::string> wrapped = bwrap_args(bwrap_);
  // After --tmpfs /tmp, so that folders under /tmp are mounted on top of the empty /tmp.
  for (const std::filesystem::path& path : readable) {
    wrapped.insert(wrapped.end(), {"--ro-bind", path.string(), path.string()});
  }
  for (const std::filesystem::path& path : writable) {
    wrapped.insert(wrapped.end(), {"--bind", path.string(), path.string()});
  }
  std::string dir = work_dir.string();
  wrapped.insert(wrapped.end(), {"--bind", dir, dir, "--remount-ro", "/", "--chdir", dir, "--"});
  wrapped.insert(wrapped.end(), argv.begin(), argv.end());
  return wrapped;
}

}  // namespace run
