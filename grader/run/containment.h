// How a submission's student server is contained, and its files staged for that
// (docs/architecture.md, "Containment"). In every mode the checker kills every process the
// server started when its check ends and cannot be traced by them, and resource limits apply;
// the modes differ in what the server can see and whom it runs as:
//   bubblewrap  a sandbox: only the system's programs and libraries, its own user, pid and
//               network namespaces, no capability, its folder writable; as root, started as a
//               user of its own (nothing in its user namespace maps to root) with a
//               process-count limit and a size- and file-limited folder and /tmp of its own
//   chroot      (root, no bubblewrap, e.g. in a container) an empty chroot holding only the
//               server, as a user of its own with no account and no capability, a
//               process-count limit, its own network namespace and size-limited folder
//   user        (root, isolation "none") the same without the chroot, the machine's
//               world-writable folders covered by its own: student code never runs as root
//   rlimits     (not root, no bubblewrap) limits alone: the server is `grade`'s own user
#pragma once

#include <sys/types.h>

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "protocol/check_limits.h"
#include "protocol/checker_protocol.h"

namespace nn_grade::run {

using protocol::Containment;  // named by protocol::to_string

// The containment `policy` gives on this machine (bubblewrap is tried once per process);
// nullopt, with *err saying why and what to do, when the policy cannot be met here.
std::optional<Containment> containment_for(protocol::IsolationPolicy policy, std::string* err);

// The users chroot and user containment run servers as: a block of kUsersPerBlock uids (and one
// gid) per submission being graded, so that no two submissions graded at once share a uid (a
// server could otherwise signal another student's). Uids from kFirstUid on own no file and have
// no account.
constexpr uid_t kFirstUid = 62000;
constexpr int kUsersPerBlock = 64;
constexpr int kUserBlocks = 32;

// One submission's server staged for its checks; everything is removed when it is destroyed.
class ServerStage {
 public:
  // Stages `server` (the built binary) and, when not empty, `standin_server` (the submission's
  // stand-in server, for checks judged alone) for `containment`. Null, with *err, on our
  // fault.
  static std::unique_ptr<ServerStage> create(const std::filesystem::path& server,
                                             const std::filesystem::path& standin_server,
                                             Containment containment, std::string* err);
  ~ServerStage();
  ServerStage(const ServerStage&) = delete;
  ServerStage& operator=(const ServerStage&) = delete;

  // The spec for check `index` of this submission (index < kUsersPerBlock): its own working
  // folder and, as root, its own uid. False, with *err, on our fault.
  // With `debug`, the server runs under gdb (which prints a backtrace where it crashes) and
  // every time limit is kDebugSeconds; not in a chroot, where there is no gdb.
  // With `standin`, the spec starts the stand-in server (which must have been staged).
  bool spec_for_check(std::size_t index, const protocol::Limits& limits, bool debug, bool standin,
                      protocol::ServerSpec* spec, std::string* err);

  Containment containment() const { return containment_; }

 private:
  bool make_spec(std::size_t index, const protocol::Limits& limits, bool standin,
                 protocol::ServerSpec* spec, std::string* err);
  ServerStage(std::filesystem::path server, std::filesystem::path standin, Containment containment)
      : server_(std::move(server)), standin_(std::move(standin)), containment_(containment) {}
  std::filesystem::path server_;   // the binary as built
  std::filesystem::path standin_;  // the stand-in server as built, or empty
  Containment containment_;
  std::filesystem::path root_;  // what this stage made: removed at the end
  bool as_root_ = false;        // grade is root: servers run as the block's uids
  int user_block_ = -1;         // as root: the block of uids held
};

// How long a check, and each call, may take under --debug: a person is at the keyboard.
constexpr double kDebugSeconds = 600;

// Where a root grade stages each submission's server and its checks' folders: the first of these
// it can make, root-owned, mode 0711, outside every world-writable folder (which "user" covers).
constexpr const char* kStageParents[] = {"/run/nn-grade-stages", "/var/lib/nn-grade/stages"};

// As root, bubblewrap is tried as this user (no account, owns no file), as servers run it.
constexpr uid_t kProbeUid = kFirstUid - 2;

// Without bubblewrap, as root, the compiler runs as this user (no account, owns no file), so
// that what a submission makes it read at compile time (an assembler's `.incbin`) is only what
// anyone may read.
constexpr uid_t kCompilerUid = kFirstUid - 1;

// The most processes one server running as its own user may run at once (threads included;
// bubblewrap's two count too).
constexpr long kMaxServerProcesses = 32;

// As root, where a cgroup can be made, all of a check's processes together get at most this many
// CPUs' time (a flood of spinning processes slows only its own check, never a neighbour's).
constexpr double kCheckCpus = 1.0;

// A check's writable space, its folder (and, in bubblewrap, its /tmp; as root without
// bubblewrap, each world-writable folder of the machine's that it sees): a filesystem of its
// own, this size and this many files at most. (Each file is also limited by limits.file_mb.)
constexpr long kCheckDiskMb = 32;
constexpr long kCheckDiskFiles = 2048;

// As root without a chroot (containment "user"), the machine's world-writable folders, each
// covered by an empty one of the server's own.
constexpr const char* kSharedWritableDirs[] = {"/tmp", "/var/tmp", "/dev/shm", "/run/lock"};

}  // namespace nn_grade::run
