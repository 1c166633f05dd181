#include "run/sandbox.h"

#include <unistd.h>

#include <boost/process/search_path.hpp>

#include "run/containment.h"
#include "run/subprocess.h"

namespace nn_grade::run {
namespace {

// Only what programs need to start (the system's programs and libraries) is seen, read-only:
// not /home, /root, /etc or wherever the class's submissions and results are, so that a
// student's code cannot read, and then print into its feedback, anyone else's files.
// Its own user namespace, mapping only the user it was started as (a student server's own uid,
// when grade is root: nothing maps to root); no capability; no user namespace of its own to
// regain one in. /dev is read-only (its /dev/shm would be an unlimited tmpfs), /tmp and the
// work folder come after (View).
std::vector<std::string> bwrap_args(const std::string& bwrap) {
  std::vector<std::string> args = {bwrap, "--ro-bind", "/usr", "/usr"};
  for (const char* path :
       {"/bin", "/sbin", "/lib", "/lib64", "/lib32", "/libx32", "/etc/ld.so.cache",
        "/etc/ld.so.conf", "/etc/ld.so.conf.d", "/etc/alternatives"}) {
    args.insert(args.end(), {"--ro-bind-try", path, path});
  }
  args.insert(args.end(), {"--dev", "/dev", "--remount-ro", "/dev", "--proc", "/proc",
                           "--unshare-all", "--unshare-user", "--disable-userns", "--cap-drop",
                           "ALL", "--die-with-parent", "--new-session"});
  return args;
}

std::string megabytes(long mb) { return std::to_string(static_cast<long long>(mb) << 20); }

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
    probe.argv.insert(probe.argv.end(), {"--tmpfs", "/tmp", "--", "true"});
    probe.working_dir = "/";
    probe.wall_seconds = 10;
    if (geteuid() == 0) probe.uid = probe.gid = kProbeUid;
    ProcessResult result = run_process(probe);
    return result.exited_normally() && result.exit_code == 0 ? path : std::string();
  }();
  return bwrap;
}

}  // namespace

bool bubblewrap_works() { return !working_bwrap().empty(); }

bool bubblewrap_installed() { return !find_bwrap().empty(); }

std::optional<Sandbox> Sandbox::for_policy(protocol::IsolationPolicy policy, std::string* err) {
  if (policy == protocol::IsolationPolicy::kNone ||
      policy == protocol::IsolationPolicy::kUnprivileged) {
    return Sandbox("");
  }
  if (bubblewrap_works()) return Sandbox(working_bwrap());
  if (policy == protocol::IsolationPolicy::kAuto) return Sandbox("");
  *err = find_bwrap().empty()
             ? "the sandbox is required, but bubblewrap (bwrap) is not installed"
             : "the sandbox is required, but bubblewrap (bwrap) cannot create one on this "
               "machine (unprivileged user namespaces disabled?); enable them, or grade with "
               "isolation \"auto\" to use rlimits alone";
  return std::nullopt;
}

std::vector<std::string> Sandbox::wrap(const std::vector<std::string>& argv,
                                       const View& view) const {
  if (bwrap_.empty() || argv.empty()) return argv;
  std::vector<std::string> wrapped = bwrap_args(bwrap_);
  if (!view.tmp_dir.empty()) {
    wrapped.insert(wrapped.end(), {"--bind", view.tmp_dir.string(), "/tmp"});
  } else if (view.own_dirs_mb > 0) {
    wrapped.insert(wrapped.end(), {"--size", megabytes(view.own_dirs_mb), "--tmpfs", "/tmp"});
  } else {
    wrapped.insert(wrapped.end(), {"--tmpfs", "/tmp"});
  }
  // After /tmp, so that folders under /tmp are mounted on top of it.
  for (const std::filesystem::path& path : view.readable) {
    wrapped.insert(wrapped.end(), {"--ro-bind", path.string(), path.string()});
  }
  for (const std::filesystem::path& path : view.writable) {
    wrapped.insert(wrapped.end(), {"--bind", path.string(), path.string()});
  }
  const std::string dir = view.work_dir.string();
  if (view.own_dirs_mb > 0 && view.tmp_dir.empty()) {
    wrapped.insert(wrapped.end(),
                   {"--size", megabytes(view.own_dirs_mb), "--perms", "0700", "--tmpfs", dir});
  } else {
    wrapped.insert(wrapped.end(), {"--bind", dir, dir});
  }
  wrapped.insert(wrapped.end(), {"--remount-ro", "/", "--chdir", dir, "--"});
  wrapped.insert(wrapped.end(), argv.begin(), argv.end());
  return wrapped;
}

}  // namespace nn_grade::run
