#include "run/user_blocks.h"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <string>
#include <system_error>
#include <thread>

#include "run/containment.h"

namespace nn_grade::run {
namespace {

namespace fs = std::filesystem;

// A folder only root may enter: a student's code, running as a block's uid, cannot open a
// lock file to hold a block, nor replace the folder.
bool make_lock_dir(const fs::path& dir) {
  std::error_code ec;
  fs::create_directories(dir, ec);
  struct stat info {};
  if (::lstat(dir.c_str(), &info) != 0 || !S_ISDIR(info.st_mode)) return false;
  if (info.st_uid != geteuid()) return false;
  return ::chmod(dir.c_str(), 0700) == 0;
}

}  // namespace

UserBlocks::UserBlocks(fs::path lock_dir, int blocks)
    : lock_dir_(std::move(lock_dir)), shared_(make_lock_dir(lock_dir_)), fds_(blocks, -1) {}

UserBlocks::~UserBlocks() {
  for (int fd : fds_) {
    if (fd > 0) ::close(fd);
  }
}

int UserBlocks::try_acquire() {
  std::lock_guard<std::mutex> lock(mutex_);
  for (int block = 0; block < static_cast<int>(fds_.size()); ++block) {
    if (fds_[block] != -1) continue;
    if (!shared_) {
      fds_[block] = 0;
      return block;
    }
    const fs::path file = lock_dir_ / ("uid-block-" + std::to_string(block) + ".lock");
    // Close-on-exec: a checker or server must never inherit, and so keep, the lock.
    const int fd = ::open(file.c_str(), O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
    if (fd < 0) continue;
    if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
      ::close(fd);
      continue;
    }
    fds_[block] = fd;
    return block;
  }
  return -1;
}

int UserBlocks::acquire(double wait_seconds) {
  const auto deadline = std::chrono::steady_clock::now() +
                        std::chrono::duration_cast<std::chrono::steady_clock::duration>(
                            std::chrono::duration<double>(wait_seconds));
  for (;;) {
    const int block = try_acquire();
    if (block >= 0 || std::chrono::steady_clock::now() >= deadline) return block;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
}

void UserBlocks::release(int block) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (block < 0 || block >= static_cast<int>(fds_.size())) return;
  if (fds_[block] > 0) ::close(fds_[block]);  // closing the last descriptor unlocks it
  fds_[block] = -1;
}

UserBlocks& machine_user_blocks() {
  static UserBlocks blocks("/run/nn-grade", kUserBlocks);
  return blocks;
}

}  // namespace nn_grade::run
