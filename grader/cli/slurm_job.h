// The Slurm job that grades a class in shards (`grade --batch ... --slurm N`, docs/cluster.md):
// an array of N tasks, task T (SLURM_ARRAY_TASK_ID, counted from 0) grading shard T+1 of N,
// and a head job, submitted to start once every task has ended, however it ended. This file
// makes the scripts; slurm_submit.h hands them to sbatch.
#pragma once

#include <cstddef>
#include <filesystem>
#include <string>
#include <vector>

#include "protocol/check_limits.h"

namespace nn_grade::cli {

// What each task asks Slurm for. Passed to sbatch as #SBATCH lines, which options given on
// sbatch's command line (--sbatch-arg) override.
struct SlurmResources {
  int cpus_per_task = 1;
  long mem_mb = 0;
  long time_minutes = 0;
};

// From the rubric's limits, for `submissions` in `shards` shards on `cpus` cores each:
//  - memory: 512 MB for grade itself, and the rubric's memory limit per check for each core
//    (one check, or one compile, runs per core);
//  - time: 5 minutes to start, and what the largest shard likely holds (its mean plus three
//    standard deviations of a hash partition) at the worst a submission can cost when nothing
//    is cached (a compile at its time limit, then every check to its wall limit), on `cpus`.
// A shard stopped at its time limit is not lost: running it again grades what is missing.
SlurmResources slurm_resources(const protocol::Limits& limits, std::size_t checks,
                               double compile_seconds, int cpus, std::size_t submissions,
                               int shards);

struct SlurmJob {
  int shards = 1;
  SlurmResources resources;
  // The grade command of every task, without --shard or --jobs (the script adds them).
  std::vector<std::string> shard_command;
  // The head step's grade command, without --jobs.
  std::vector<std::string> head_command;
};

// OUT/slurm/shards.sbatch: the array. Its log is shard-<task>.log, beside it.
std::string shard_script(const SlurmJob& job);
// OUT/slurm/head.sbatch: the head step. Its log is head.log, beside it.
std::string head_script(const SlurmJob& job);
// OUT/slurm/submit.sh: submits both as grade did (with `sbatch_args` and its own arguments
// added to each sbatch), for a TA to submit again by hand.
std::string submit_script(const std::vector<std::string>& sbatch_args);

}  // namespace nn_grade::cli
