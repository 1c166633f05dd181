#include "run/process/child_setup.h"

#include <fcntl.h>
#include <grp.h>
#include <linux/capability.h>
#include <sched.h>
#include <signal.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cmath>

namespace nn_grade::run::process {
namespace {

// Text into a fixed buffer, without allocating (snprintf may, under a locale).
class Buffer {
 public:
  Buffer& add(const char* text) {
    while (*text && used_ + 1 < sizeof data_) data_[used_++] = *text++;
    data_[used_] = '\0';
    return *this;
  }
  Buffer& add(long number) {
    char digits[24];
    int n = 0;
    unsigned long value = number < 0 ? 0UL : static_cast<unsigned long>(number);
    do {
      digits[n++] = static_cast<char>('0' + value % 10);
      value /= 10;
    } while (value > 0 && n < 23);
    while (n > 0 && used_ + 1 < sizeof data_) data_[used_++] = digits[--n];
    data_[used_] = '\0';
    return *this;
  }
  const char* c_str() const { return data_; }

 private:
  char data_[256] = {};
  std::size_t used_ = 0;
};

bool set_and_check(int resource, rlim_t soft, rlim_t hard) {
  rlimit limit{soft, hard};
  if (setrlimit(resource, &limit) != 0) return false;
  rlimit now{};
  return getrlimit(resource, &now) == 0 && now.rlim_cur == soft && now.rlim_max == hard;
}

bool set_limits(const ChildSetup& s) {
  if (s.cpu_seconds > 0) {
    const rlim_t cpu = static_cast<rlim_t>(std::ceil(s.cpu_seconds));
    if (!set_and_check(RLIMIT_CPU, cpu, cpu + 1)) return false;
  }
  if (s.memory_mb > 0) {
    const rlim_t bytes = static_cast<rlim_t>(s.memory_mb) << 20;
    if (!set_and_check(RLIMIT_AS, bytes, bytes)) return false;
  }
  if (s.file_mb > 0) {
    const rlim_t bytes = static_cast<rlim_t>(s.file_mb) << 20;
    if (!set_and_check(RLIMIT_FSIZE, bytes, bytes)) return false;
  }
  if (s.max_processes > 0) {
    const rlim_t count = static_cast<rlim_t>(s.max_processes);
    if (!set_and_check(RLIMIT_NPROC, count, count)) return false;
  }
  if (s.no_core && !set_and_check(RLIMIT_CORE, 0, 0)) return false;
  return true;
}

SetupStep make_namespaces(const ChildSetup& s) {
  int flags = 0;
  if (s.own_network) flags |= CLONE_NEWNET;
  if (!s.private_dirs.empty()) flags |= CLONE_NEWNS;
  if (flags == 0) return SetupStep::kNone;
  if (unshare(flags) != 0) return SetupStep::kNamespace;
  if (s.private_dirs.empty()) return SetupStep::kNone;
  // Nothing mounted from here on reaches the machine's mount namespace.
  if (mount(nullptr, "/", nullptr, MS_REC | MS_PRIVATE, nullptr) != 0) return SetupStep::kMount;
  for (const PrivateDir& dir : s.private_dirs) {
    struct stat info {};
    if (stat(dir.path.c_str(), &info) != 0 || !S_ISDIR(info.st_mode)) continue;  // none here
    Buffer options;
    options.add("mode=0700,size=").add(dir.size_mb).add("m,nr_inodes=").add(dir.inodes);
    if (s.uid >= 0) options.add(",uid=").add(s.uid);
    if (s.uid >= 0) options.add(",gid=").add(s.gid >= 0 ? s.gid : s.uid);
    if (mount("nn-grade", dir.path.c_str(), "tmpfs", MS_NOSUID | MS_NODEV, options.c_str()) != 0) {
      return SetupStep::kMount;
    }
  }
  return SetupStep::kNone;
}

bool drop_bounding_set() {
  for (int cap = 0; cap <= 63; ++cap) {
    if (prctl(PR_CAPBSET_READ, cap, 0, 0, 0) != 1) continue;  // not held, or no such cap
    if (prctl(PR_CAPBSET_DROP, cap, 0, 0, 0) != 0) return false;
  }
  return true;
}

// Permitted, effective, inheritable, bounding and ambient sets all empty.
bool no_capability_left() {
  __user_cap_header_struct header{_LINUX_CAPABILITY_VERSION_3, 0};
  __user_cap_data_struct data[2] = {};
  if (syscall(SYS_capget, &header, data) != 0) return false;
  for (const auto& half : data) {
    if (half.effective != 0 || half.permitted != 0 || half.inheritable != 0) return false;
  }
  for (int cap = 0; cap <= 63; ++cap) {
    if (prctl(PR_CAPBSET_READ, cap, 0, 0, 0) == 1) return false;
    if (prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_IS_SET, cap, 0, 0) == 1) return false;
  }
  return true;
}

SetupStep change_user(const ChildSetup& s) {
  if (s.uid < 0) return SetupStep::kNone;
  if (!drop_bounding_set()) return SetupStep::kCapabilities;
  const uid_t uid = static_cast<uid_t>(s.uid);
  const gid_t gid = static_cast<gid_t>(s.gid >= 0 ? s.gid : s.uid);
  if (setgroups(0, nullptr) != 0 || setresgid(gid, gid, gid) != 0 ||
      setresuid(uid, uid, uid) != 0) {
    return SetupStep::kUser;
  }
  uid_t ruid, euid, suid;
  gid_t rgid, egid, sgid;
  if (getresuid(&ruid, &euid, &suid) != 0 || ruid != uid || euid != uid || suid != uid ||
      getresgid(&rgid, &egid, &sgid) != 0 || rgid != gid || egid != gid || sgid != gid ||
      getgroups(0, nullptr) != 0 || setuid(0) == 0) {
    return SetupStep::kUser;
  }
  if (!no_capability_left()) return SetupStep::kCapabilities;
  return SetupStep::kNone;
}

}  // namespace

bool namespaces_work() {
  static const bool work = [] {
    if (geteuid() != 0) return false;
    const pid_t child = fork();
    if (child == 0) {
      const bool made =
          unshare(CLONE_NEWNS | CLONE_NEWNET) == 0 &&
          mount(nullptr, "/", nullptr, MS_REC | MS_PRIVATE, nullptr) == 0 &&
          mount("nn-grade", "/tmp", "tmpfs", MS_NOSUID | MS_NODEV, "size=1m,nr_inodes=16") == 0;
      _exit(made ? 0 : 1);
    }
    int status = 0;
    return child > 0 && waitpid(child, &status, 0) == child && WIFEXITED(status) &&
           WEXITSTATUS(status) == 0;
  }();
  return work;
}

const char* describe(SetupStep step) {
  switch (step) {
    case SetupStep::kNone:
      return "started";
    case SetupStep::kLimits:
      return "cannot set its limits";
    case SetupStep::kCgroup:
      return "cannot join its cgroup";
    case SetupStep::kNamespace:
      return "cannot make its own mount or network namespace";
    case SetupStep::kMount:
      return "cannot mount its own size-limited folders";
    case SetupStep::kRoot:
      return "cannot enter its folder (chroot or chdir failed)";
    case SetupStep::kUser:
      return "cannot switch to the unprivileged user";
    case SetupStep::kCapabilities:
      return "cannot drop every capability";
    case SetupStep::kNoNewPrivs:
      return "cannot set no_new_privs";
    case SetupStep::kParent:
      return "lost its parent while starting";
  }
  return "failed to start";
}

SetupStep apply(const ChildSetup& s) {
  const bool root = geteuid() == 0;
  if (root) {
    for (const std::string& procs : s.cgroup_procs) {
      const int fd = open(procs.c_str(), O_WRONLY | O_CLOEXEC);
      const bool joined = fd >= 0 && write(fd, "0", 1) == 1;
      if (fd >= 0) close(fd);
      if (!joined) return SetupStep::kCgroup;
    }
    if (SetupStep step = make_namespaces(s); step != SetupStep::kNone) return step;
    if (!s.chroot_dir.empty() && chroot(s.chroot_dir.c_str()) != 0) return SetupStep::kRoot;
  }
  if (!s.working_dir.empty() && chdir(s.working_dir.c_str()) != 0) return SetupStep::kRoot;
  if (!s.chroot_dir.empty() && s.working_dir.empty() && chdir("/") != 0) return SetupStep::kRoot;
  if (!set_limits(s)) return SetupStep::kLimits;
  if (root) {
    if (SetupStep step = change_user(s); step != SetupStep::kNone) return step;
  }
  if (s.no_new_privs) {
    if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0 ||
        prctl(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0) != 1) {
      return SetupStep::kNoNewPrivs;
    }
  }
  // After the change of user, which clears it.
  if (s.die_with_parent) {
    if (prctl(PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0) != 0) return SetupStep::kParent;
    if (s.parent > 0 && getppid() != s.parent) return SetupStep::kParent;
  }
  return SetupStep::kNone;
}

}  // namespace nn_grade::run::process
