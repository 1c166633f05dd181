// Blocks of uids held by the submissions being graded now, on this machine: one block per
// submission, so that no two submissions graded at once, by this grade or by another one on
// the same machine (two shards of a Slurm array on one node), share a uid and could signal each
// other's processes.
#pragma once

#include <filesystem>
#include <mutex>
#include <vector>

namespace nn_grade::run {

class UserBlocks {
 public:
  // `lock_dir` holds one lock file per block (flock(2): a block is held while its file is
  // locked, and freed by the kernel when its holder dies, even by SIGKILL). It is created, mode
  // 0700, when missing; where it cannot be, blocks are held among this process's threads only.
  UserBlocks(std::filesystem::path lock_dir, int blocks);
  ~UserBlocks();
  UserBlocks(const UserBlocks&) = delete;
  UserBlocks& operator=(const UserBlocks&) = delete;

  // A block no thread or process holds, waiting up to `wait_seconds` for one; -1 after that.
  int acquire(double wait_seconds);
  void release(int block);

 private:
  int try_acquire();
  std::filesystem::path lock_dir_;
  bool shared_;  // the lock folder exists: blocks are held across processes
  std::mutex mutex_;
  std::vector<int> fds_;  // per block: -1 free; else held (the lock file's fd, or 0 if none)
};

// The machine's blocks, in /run/nn-grade (root only: uids are switched as root alone).
UserBlocks& machine_user_blocks();

}  // namespace nn_grade::run
