// Handing the scripts of slurm_job.h to Slurm: `sbatch --parsable` as a child process, once for
// the array and once for the head step, which depends on it (afterany: it starts once every
// task has ended, even a failed one, so it can name what no shard graded).
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace nn_grade::cli {

struct SlurmJobIds {
  std::string shards;  // the array's job id
  std::string head;
};

// sbatch as found in PATH. False, with *err one line for the TA, when it is not there.
bool find_sbatch(std::filesystem::path* sbatch, std::string* err);

// Submits `dir`/shards.sbatch, then `dir`/head.sbatch after it, from `dir` (where their logs
// go), with `sbatch_args` before each script. False, with *err saying what sbatch said and
// what was already submitted, when either is refused.
bool submit_slurm_job(const std::filesystem::path& sbatch, const std::filesystem::path& dir,
                      const std::vector<std::string>& sbatch_args, SlurmJobIds* ids,
                      std::string* err);

}  // namespace nn_grade::cli
