// Uid blocks held across processes: two grade processes on one machine (two shards of a Slurm
// array on one node) never hand the same uids to submissions graded at the same time.
#include "run/user_blocks.h"

#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <string>

namespace nn_grade {

namespace fs = std::filesystem;

namespace {

fs::path fresh_lock_dir(const std::string& name) {
  fs::path dir =
      fs::temp_directory_path() / ("user-blocks-test-" + name + "-" + std::to_string(getpid()));
  fs::remove_all(dir);
  return dir;
}

}  // namespace

// Two UserBlocks on one folder stand for two processes: flock(2) treats separate opens alike.
TEST(UserBlocks, TwoGradersOnOneMachineNeverHoldTheSameBlock) {
  const fs::path dir = fresh_lock_dir("two");
  run::UserBlocks first(dir, 3), second(dir, 3);
  EXPECT_EQ(first.acquire(0), 0);
  EXPECT_EQ(second.acquire(0), 1);
  EXPECT_EQ(first.acquire(0), 2);
  EXPECT_EQ(second.acquire(0), -1);
  first.release(0);
  EXPECT_EQ(second.acquire(0), 0);
  fs::remove_all(dir);
}

TEST(UserBlocks, WaitsForABlockAnotherGraderReleases) {
  const fs::path dir = fresh_lock_dir("wait");
  run::UserBlocks first(dir, 1), second(dir, 1);
  ASSERT_EQ(first.acquire(0), 0);
  EXPECT_EQ(second.acquire(0.3), -1);
  first.release(0);
  EXPECT_EQ(second.acquire(0.3), 0);
  fs::remove_all(dir);
}

TEST(UserBlocks, AGraderKilledWithSigkillLeavesNoBlockHeld) {
  const fs::path dir = fresh_lock_dir("killed");
  int ready[2];
  ASSERT_EQ(pipe(ready), 0);
  const pid_t child = fork();
  if (child == 0) {
    run::UserBlocks blocks(dir, 1);
    const char held = blocks.acquire(0) == 0 ? 'y' : 'n';
    if (write(ready[1], &held, 1) != 1) _exit(1);
    pause();
    _exit(0);
  }
  char held = 0;
  ASSERT_EQ(read(ready[0], &held, 1), 1);
  ASSERT_EQ(held, 'y');
  run::UserBlocks blocks(dir, 1);
  EXPECT_EQ(blocks.acquire(0), -1);
  kill(child, SIGKILL);
  waitpid(child, nullptr, 0);
  EXPECT_EQ(blocks.acquire(1), 0);
  fs::remove_all(dir);
}

TEST(UserBlocks, TheLockFolderIsOnlyItsOwners) {
  const fs::path dir = fresh_lock_dir("mode");
  run::UserBlocks blocks(dir, 1);
  EXPECT_EQ(fs::status(dir).permissions() & fs::perms::all, fs::perms::owner_all);
  fs::remove_all(dir);
}

}  // namespace nn_grade
