// Sharding a class, and the Slurm scripts that run the shards: what a TA's cluster job depends on.
#include "cli/shard.h"

#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <set>
#include <string>
#include <vector>

#include "cli/shell_quote.h"
#include "cli/slurm_job.h"
#include "run_shell.h"

namespace nn_grade {

namespace {

std::vector<std::string> class_keys(int count) {
  std::vector<std::string> keys;
  for (int i = 0; i < count; ++i)
    keys.push_back("student" + std::to_string(i) + "_4" + std::to_string(i));
  return keys;
}

// What `sh` prints for `command`, and whether it succeeded.
std::string shell_output(const std::string& command, int* status) {
  const testing_shell::Outcome outcome = testing_shell::run_shell(command);
  *status = outcome.exit_code;
  return outcome.output;
}

}  // namespace

TEST(Shard, ParsesKOfN) {
  cli::Shard shard;
  std::string err;
  ASSERT_TRUE(cli::parse_shard("2/3", &shard, &err)) << err;
  EXPECT_EQ(shard.index, 2);
  EXPECT_EQ(shard.count, 3);
  EXPECT_EQ(cli::to_string(shard), "2/3");
}

TEST(Shard, RefusesAShardThatDoesNotExistWithOneClearLine) {
  cli::Shard shard;
  for (const char* bad : {"4/3", "0/3", "3", "/3", "1/", "1/0", "-1/3", "a/b", "1/3x", " 1/3"}) {
    std::string err;
    EXPECT_FALSE(cli::parse_shard(bad, &shard, &err)) << bad;
    EXPECT_NE(err.find(std::string("--shard ") + bad), std::string::npos) << err;
    EXPECT_EQ(err.find('\n'), std::string::npos) << err;
  }
  std::string err;
  cli::parse_shard("4/3", &shard, &err);
  EXPECT_NE(err.find("numbered 1 to 3"), std::string::npos) << err;
}

TEST(Shard, EverySubmissionIsInExactlyOneShard) {
  for (int count : {1, 2, 3, 7}) {
    for (const std::string& key : class_keys(200)) {
      int shards = 0;
      for (int index = 1; index <= count; ++index) shards += cli::in_shard(key, {index, count});
      EXPECT_EQ(shards, 1) << key << " of " << count;
    }
  }
}

// A late submission changes nobody else's shard: a key's shard depends on the key alone.
TEST(Shard, ALateSubmissionMovesNoOtherSubmission) {
  std::vector<std::string> keys = class_keys(50);
  std::vector<bool> before;
  for (const std::string& key : keys) before.push_back(cli::in_shard(key, {2, 5}));
  keys.insert(keys.begin(), "aaron_late_1");
  for (size_t i = 0; i < before.size(); ++i) {
    EXPECT_EQ(cli::in_shard(keys[i + 1], {2, 5}), before[i]) << keys[i + 1];
  }
}

TEST(Shard, ALargeClassIsSplitEvenly) {
  std::vector<int> sizes(4, 0);
  for (const std::string& key : class_keys(4000)) {
    for (int index = 1; index <= 4; ++index) sizes[index - 1] += cli::in_shard(key, {index, 4});
  }
  for (int size : sizes) EXPECT_NEAR(size, 1000, 120);
}

TEST(ShellQuote, AnyPathIsReadBackAsOneWord) {
  for (const std::string& word :
       {std::string("/plain/path"), std::string("a b"), std::string("it's"), std::string("$HOME"),
        std::string("`id`"), std::string("new\nline"), std::string("*"), std::string(""),
        std::string("--comment=a \"b\"")}) {
    int status = 0;
    const std::string out =
        shell_output("sh -c 'printf \"[%s]\" \"$@\"' sh " + cli::shell_quote(word), &status);
    EXPECT_EQ(status, 0);
    EXPECT_EQ(out, "[" + word + "]") << cli::shell_quote(word);
  }
}

TEST(SlurmResources, FollowTheRubricsLimitsAndTheClassSize) {
  protocol::Limits limits;
  limits.wall_seconds = 5;
  limits.memory_mb = 1024;
  const cli::SlurmResources small = cli::slurm_resources(limits, 30, 60, 4, 100, 10);
  EXPECT_EQ(small.cpus_per_task, 4);
  EXPECT_EQ(small.mem_mb, 512 + 4 * 1024);
  EXPECT_GE(small.time_minutes, 5);
  const cli::SlurmResources large = cli::slurm_resources(limits, 30, 60, 4, 1000, 10);
  EXPECT_GT(large.time_minutes, small.time_minutes);
  const cli::SlurmResources more_shards = cli::slurm_resources(limits, 30, 60, 4, 1000, 20);
  EXPECT_LT(more_shards.time_minutes, large.time_minutes);
  limits.wall_seconds = 10;
  EXPECT_GT(cli::slurm_resources(limits, 30, 60, 4, 1000, 10).time_minutes, large.time_minutes);
  // The largest of N hash shards holds more than the mean: a shard's time covers it.
  EXPECT_GT(large.time_minutes, 5 + (100 * (60 + 30 * 5) / 4) / 60);
}

TEST(SlurmScripts, AreValidBashWithEveryPathQuoted) {
  cli::SlurmJob job;
  job.shards = 3;
  job.resources = {2, 2560, 90};
  job.shard_command = {"/opt/grade", "--batch", "/data/class 2026", "--out", "/data/it's out"};
  job.head_command = job.shard_command;
  const std::filesystem::path dir =
      std::filesystem::temp_directory_path() / ("slurm-scripts-" + std::to_string(getpid()));
  std::filesystem::create_directories(dir);
  const std::string shards = cli::shard_script(job);
  EXPECT_NE(shards.find("#SBATCH --array=0-2\n"), std::string::npos) << shards;
  EXPECT_NE(shards.find("#SBATCH --cpus-per-task=2\n"), std::string::npos) << shards;
  EXPECT_NE(shards.find("#SBATCH --mem=2560M\n"), std::string::npos) << shards;
  EXPECT_NE(shards.find("#SBATCH --time=0-01:30:00\n"), std::string::npos) << shards;
  EXPECT_NE(shards.find("'/data/class 2026'"), std::string::npos) << shards;
  EXPECT_NE(shards.find("--shard \"$shard/3\""), std::string::npos) << shards;
  const std::string scripts[] = {shards, cli::head_script(job),
                                 cli::submit_script({"--partition=a b"})};
  for (const std::string& script : scripts) {
    std::ofstream(dir / "script.sh") << script;
    int status = 0;
    shell_output("bash -n " + (dir / "script.sh").string() + " 2>&1", &status);
    EXPECT_EQ(status, 0) << script;
  }
  // Task 1 of the array runs shard 2/3 of the command, as written.
  std::string task = shards.substr(shards.find("set -euo"));
  task.replace(task.find("exec "), 5, "printf '[%s]' ");
  std::ofstream(dir / "task.sh") << task;
  int status = 0;
  const std::string out = shell_output(
      "SLURM_ARRAY_TASK_ID=1 SLURM_CPUS_PER_TASK=2 bash " + (dir / "task.sh").string(), &status);
  EXPECT_EQ(out,
            "[/opt/grade][--batch][/data/class 2026][--out][/data/it's out][--shard][2/3]"
            "[--jobs][2]");
  std::filesystem::remove_all(dir);
}

}  // namespace nn_grade
