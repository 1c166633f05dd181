// What a child process is made into between fork() and exec(): its limits, its namespaces, its
// user and its capabilities, each set and then checked. The one place the grader does this, for
// the compiler (run/subprocess.h) and for a student server (harness/student_server.h) alike, so
// that every process that runs what a submission wrote is contained the same way (isolate's
// model: every limit set and checked, a uid per box).
//
// If any step fails, or its effect cannot be confirmed, the child must not exec: apply() says
// which step, the caller reports it as the grader's fault, and no line of the submission runs.
#pragma once

#include <sys/types.h>

#include <string>
#include <vector>

namespace nn_grade::run::process {

// A folder the child sees as an empty filesystem of its own: a tmpfs limited in size and in
// files, mode 0700, owned by the child's uid:gid, mounted in the child's own mount namespace (so
// no one else sees it, and it is gone with the child). Its writable folder is one; a
// world-writable folder of the machine's (/tmp, /var/tmp, /dev/shm) is covered by another, so
// that the child can fill nothing that anyone else writes to.
struct PrivateDir {
  std::string path;  // as the parent sees it (before any chroot); must exist (else skipped)
  long size_mb = 1;
  long inodes = 64;
};

struct ChildSetup {
  // Resource limits (0 = not set). Each is set with soft == hard (the CPU limit's hard one a
  // second later, so SIGXCPU comes first), then read back.
  double cpu_seconds = 0;  // RLIMIT_CPU
  long memory_mb = 0;      // RLIMIT_AS
  long file_mb = 0;        // RLIMIT_FSIZE
  long max_processes = 0;  // RLIMIT_NPROC (threads included): counted per uid, so only with uid
  bool no_core = true;     // RLIMIT_CORE 0

  // Namespaces, made while still root (root only; ignored otherwise):
  // own_network: a network namespace of its own, whose only interface (loopback) is down, so
  // that no connection to this machine or any other can be made.
  bool own_network = false;
  // With private_dirs, a mount namespace of its own in which they are mounted, with no
  // propagation back to the machine's.
  std::vector<PrivateDir> private_dirs;

  // The cgroup.procs files to write "0" to (root only): a cgroup of its own (cgroup.h), joined
  // before anything else, so that all it starts is counted and limited with it.
  std::vector<std::string> cgroup_procs;

  std::string chroot_dir;   // "" = none (root only)
  std::string working_dir;  // chdir here after the chroot ("" = stay)

  // Credentials (root only; -1 = keep the caller's). With a uid: no supplementary groups, the
  // gid, then the uid; then setuid(0) must fail, and the capability sets (permitted, effective,
  // inheritable, ambient and bounding) must be empty.
  long uid = -1, gid = -1;

  // PR_SET_NO_NEW_PRIVS: nothing it executes can gain a privilege (a setuid binary, file
  // capabilities). Set last; also for bubblewrap, which does not need setuid here.
  bool no_new_privs = true;

  // Dies with SIGKILL when the process that forked it dies; exits at once when that process
  // is already gone (its pid is `parent`, or 0 to skip that check).
  bool die_with_parent = true;
  pid_t parent = 0;
};

// The step of apply() that failed.
enum class SetupStep : char {
  kNone = 0,
  kLimits = 'l',        // a limit could not be set, or reads back otherwise
  kCgroup = 'g',        // cannot join its cgroup
  kNamespace = 'n',     // unshare() of the mount or network namespace
  kMount = 'm',         // a tmpfs could not be mounted, or propagation not made private
  kRoot = 'r',          // chroot or chdir
  kUser = 'u',          // a change of user or group, or it can be undone
  kCapabilities = 'c',  // a capability is left
  kNoNewPrivs = 'p',    // PR_SET_NO_NEW_PRIVS not set
  kParent = 'd',        // the parent is gone
};

// Whether a child may be given namespaces and mounts of its own here (own_network, private_dirs):
// root with CAP_SYS_ADMIN, which a container may withhold (Docker's default, as on Gradescope).
// Tried once, in a child that makes both and mounts a tmpfs, then remembered. Where it is false,
// the caller asks for neither (and says what that leaves open), so that no check fails for it.
bool namespaces_work();

// What a step's failure means, for the grader's message ("cannot switch to the unprivileged
// user").
const char* describe(SetupStep step);

// Applies `setup` to the calling process, in this order: cgroup, namespaces and mounts, chroot
// and working folder, limits, user, capabilities, no_new_privs, parent death. Async-signal-safe
// (only system calls and no allocation): call it in a forked child before exec. Returns kNone when
// everything is set and confirmed.
SetupStep apply(const ChildSetup& setup);

}  // namespace nn_grade::run::process
