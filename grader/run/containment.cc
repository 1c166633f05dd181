#include "run/containment.h"

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <mutex>
#include <system_error>

#include <fmt/format.h>

#include "run/process/child_setup.h"
#include "run/sandbox.h"
#include "run/user_blocks.h"

namespace nn_grade::run {
namespace {

namespace fs = std::filesystem;

// Long enough for a submission graded by another process to finish its checks.
constexpr double kUserBlockWaitSeconds = 600;

uid_t block_uid(int block, std::size_t index) {
  return kFirstUid + static_cast<uid_t>(block * kUsersPerBlock) + static_cast<uid_t>(index);
}

bool make_temp_dir(const fs::path& parent, const char* prefix, fs::path* out, std::string* err) {
  std::string pattern = (parent / (std::string(prefix) + "XXXXXX")).string();
  if (!mkdtemp(pattern.data())) {
    *err = fmt::format("cannot make a folder under {}: {}", parent.string(), std::strerror(errno));
    return false;
  }
  *out = pattern;
  return true;
}

// Where a root grade stages servers: a root-owned folder outside every world-writable one (the
// machine's /tmp is covered by the server's own in containment "user"), which the block's users
// may cross to reach what is theirs.
bool make_stage_parent(fs::path* parent, std::string* err) {
  // Anyone may cross it, no one but root list it (not so /run/nn-grade, the uid blocks' locks).
  // The first that can be made: a container may have no writable /run.
  for (const char* candidate : kStageParents) {
    *parent = candidate;
    std::error_code ec;
    fs::create_directories(*parent, ec);
    if (!ec && chown(parent->c_str(), 0, 0) == 0 && chmod(parent->c_str(), 0711) == 0 &&
        (parent->parent_path() == "/run" || chmod(parent->parent_path().c_str(), 0711) == 0)) {
      return true;
    }
    *err = fmt::format("cannot make {}: {}", parent->string(),
                       ec ? ec.message() : std::strerror(errno));
  }
  return false;
}

// The staged copies' names, in the stage (and, for a chroot, at its root).
constexpr const char* kServerName = "server";
constexpr const char* kStandInName = "standin-server";

bool make_dir(const fs::path& dir, std::string* err) {
  std::error_code ec;
  fs::remove_all(dir, ec);  // left by an attempt before this one
  if (!fs::create_directory(dir, ec)) {
    *err = fmt::format("cannot make {}: {}", dir.string(), ec.message());
    return false;
  }
  return true;
}

}  // namespace

std::optional<Containment> containment_for(protocol::IsolationPolicy policy, std::string* err) {
  const bool root = geteuid() == 0;
  if (policy == protocol::IsolationPolicy::kNone) {
    return root ? Containment::kUser : Containment::kRlimits;
  }
  if (policy == protocol::IsolationPolicy::kUnprivileged) {
    if (root) return Containment::kChroot;
    *err =
        "isolation \"unprivileged\" needs grade to run as root (to switch to a user of its "
        "own and chroot)";
    return std::nullopt;
  }
  if (bubblewrap_works()) return Containment::kBubblewrap;
  if (root) return Containment::kChroot;
  if (policy == protocol::IsolationPolicy::kAuto) return Containment::kRlimits;
  *err =
      "the sandbox is required, but bubblewrap (bwrap) " +
      std::string(bubblewrap_installed() ? "cannot create one on this machine (unprivileged user "
                                           "namespaces disabled?)"
                                         : "is not installed") +
      ", and grade does not run as root (which would run students' code as an unprivileged "
      "user in an empty chroot instead); enable one of them, or grade with isolation \"auto\" "
      "to use rlimits alone";
  return std::nullopt;
}

std::unique_ptr<ServerStage> ServerStage::create(const fs::path& server,
                                                 const fs::path& standin_server,
                                                 Containment containment, std::string* err) {
  std::unique_ptr<ServerStage> stage(new ServerStage(server, standin_server, containment));
  stage->as_root_ = geteuid() == 0 && containment != Containment::kRlimits;
  if (!stage->as_root_) {
    std::error_code ec;
    if (!make_temp_dir(fs::temp_directory_path(ec), "nn-grade-server-", &stage->root_, err)) {
      return nullptr;
    }
    return stage;
  }
  fs::path parent;
  if (!make_stage_parent(&parent, err) || !make_temp_dir(parent, "stage-", &stage->root_, err)) {
    return nullptr;
  }
  // Other grade processes on this machine (shards on one node) may hold every block for a while.
  stage->user_block_ = machine_user_blocks().acquire(kUserBlockWaitSeconds);
  if (stage->user_block_ < 0) {
    *err = fmt::format("more than {} submissions graded at once on this machine for {:g} s",
                       kUserBlocks, kUserBlockWaitSeconds);
    return nullptr;
  }
  // root:<block gid> 0710: only the block's users may enter, and only to run the server.
  const gid_t gid = block_uid(stage->user_block_, 0);
  if (chown(stage->root_.c_str(), 0, gid) != 0 || chmod(stage->root_.c_str(), 0710) != 0) {
    *err = fmt::format("cannot stage the student server in {}: {}", stage->root_.string(),
                       std::strerror(errno));
    return nullptr;
  }
  for (const auto& [built, name] :
       {std::pair{server, kServerName}, {standin_server, kStandInName}}) {
    if (built.empty()) continue;
    std::error_code ec;
    const fs::path copy = stage->root_ / name;
    fs::copy_file(built, copy, ec);
    if (ec || chown(copy.c_str(), 0, gid) != 0 || chmod(copy.c_str(), 0550) != 0) {
      *err = fmt::format("cannot stage the student server in {}: {}", stage->root_.string(),
                         ec ? ec.message() : std::strerror(errno));
      return nullptr;
    }
  }
  return stage;
}

ServerStage::~ServerStage() {
  std::error_code ec;
  if (!root_.empty()) fs::remove_all(root_, ec);
  if (user_block_ >= 0) machine_user_blocks().release(user_block_);
}

bool ServerStage::spec_for_check(std::size_t index, const protocol::Limits& limits, bool debug,
                                 bool standin, protocol::ServerSpec* spec, std::string* err) {
  if (standin && standin_.empty()) {
    *err = "has no stand-in server to start";
    return false;
  }
  if (!make_spec(index, limits, standin, spec, err)) return false;
  if (!debug) return true;
  if (containment_ == Containment::kChroot) {
    *err = "cannot debug in a chroot, where there is no gdb: add --isolation none";
    return false;
  }
  const std::string gdb = "/usr/bin/gdb";
  if (access(gdb.c_str(), X_OK) != 0) {
    *err = "needs gdb for --debug (sudo apt install gdb)";
    return false;
  }
  // bubblewrap's own arguments end at "--": gdb goes between them and the server.
  auto server = std::find(spec->argv.begin(), spec->argv.end(), "--");
  server = server == spec->argv.end() ? spec->argv.begin() : server + 1;
  spec->argv.insert(server, {gdb, "-q", "-batch", "-ex", "run", "-ex", "bt", "--args"});
  spec->call_seconds = spec->cpu_seconds = kDebugSeconds;
  return true;
}

bool ServerStage::make_spec(std::size_t index, const protocol::Limits& limits, bool standin,
                            protocol::ServerSpec* spec, std::string* err) {
  const char* staged_name = standin ? kStandInName : kServerName;
  const fs::path& built = standin ? standin_ : server_;
  const std::string name = fmt::format("check-{}", index);
  const fs::path dir = root_ / name;
  if (!make_dir(dir, err)) return false;
  *spec = protocol::ServerSpec();
  spec->call_seconds = limits.call_seconds;
  spec->cpu_seconds = limits.cpu_seconds;
  spec->memory_mb = limits.memory_mb;
  spec->file_mb = limits.file_mb;
  spec->working_dir = dir.string();
  if (as_root_) {
    if (index >= static_cast<std::size_t>(kUsersPerBlock)) {
      *err = fmt::format("more than {} checks for one submission", kUsersPerBlock);
      return false;
    }
    // Its own uid, no capability, a process limit, and a disk of its own for its folder.
    spec->uid = block_uid(user_block_, index);
    spec->gid = block_uid(user_block_, 0);
    spec->max_processes = kMaxServerProcesses;
    spec->own_cgroup = true;
    spec->cpus = kCheckCpus;
  }
  // A disk and a network of its own need namespaces, which a container may withhold (Docker
  // without CAP_SYS_ADMIN, as on Gradescope): then the folder is the host's, limited per file,
  // and the batch says what that leaves open (cli/batch_mode.cc).
  const bool namespaces = as_root_ && run::process::namespaces_work();
  if (namespaces) spec->private_dirs.push_back({dir.string(), kCheckDiskMb, kCheckDiskFiles});
  if (as_root_ && !namespaces &&
      (chown(dir.c_str(), spec->uid, spec->gid) != 0 || chmod(dir.c_str(), 0700) != 0)) {
    *err =
        fmt::format("cannot hand {} to user {}: {}", dir.string(), spec->uid, std::strerror(errno));
    return false;
  }
  switch (containment_) {
    case Containment::kChroot:
      spec->own_network = namespaces;
      spec->argv = {std::string("/") + staged_name};
      spec->chroot_dir = root_.string();
      spec->working_dir = "/" + name;
      return true;
    case Containment::kUser:
      spec->own_network = namespaces;
      spec->argv = {(root_ / staged_name).string()};
      for (const char* shared : kSharedWritableDirs) {
        if (namespaces) spec->private_dirs.push_back({shared, kCheckDiskMb, kCheckDiskFiles});
      }
      return true;
    case Containment::kBubblewrap: {
      std::string sandbox_error;
      std::optional<Sandbox> sandbox =
          Sandbox::for_policy(protocol::IsolationPolicy::kRequireSandbox, &sandbox_error);
      if (!sandbox) {
        *err = sandbox_error;
        return false;
      }
      // As root it runs the staged copy, readable by the block's uids alone; its folder and
      // /tmp are the tmpfs the checker mounts where it can, else bubblewrap's own.
      const fs::path server = as_root_ ? root_ / staged_name : built;
      Sandbox::View view;
      view.work_dir = dir;
      view.readable = {server};
      if (namespaces) {
        const fs::path tmp = root_ / (name + ".tmp");
        if (!make_dir(tmp, err)) return false;
        spec->private_dirs.push_back({tmp.string(), kCheckDiskMb, kCheckDiskFiles});
        view.tmp_dir = tmp;
      } else {
        view.own_dirs_mb = kCheckDiskMb;
      }
      spec->argv = sandbox->wrap({server.string()}, view);
      spec->sandboxed = true;
      return true;
    }
    case Containment::kRlimits:
      spec->argv = {built.string()};
      return true;
  }
  return false;
}

}  // namespace nn_grade::run
