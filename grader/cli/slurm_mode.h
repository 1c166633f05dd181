// `grade --batch SUBMISSIONS --out OUT --slurm N`: grades the class on a Slurm cluster, as an
// array of N shards and a head step after them (slurm_job.h), instead of on this machine.
// Writes the scripts to OUT/slurm/ (where the jobs' logs go too), submits them with sbatch,
// and prints the job ids and how to follow them. Grades nothing itself.
#pragma once

#include <string>
#include <vector>

#include "cli/batch_mode.h"
#include "pipeline/grade_submission.h"

namespace nn_grade::cli {

struct SlurmOptions {
  int shards = 1;                        // --slurm N
  int cpus_per_task = 4;                 // --jobs, when given
  std::vector<std::string> sbatch_args;  // --sbatch-arg, in order, before each script
};

// Returns the exit status: 0 once both jobs are submitted. Throws std::runtime_error with one
// line for what stops it (no sbatch on PATH, SUBMISSIONS missing, sbatch refusing a job).
// grade, SUBMISSIONS, OUT, the cache and the rubric must be on a filesystem every node sees.
int run_slurm(const SlurmOptions& slurm, const BatchOptions& batch,
              const pipeline::GradingContext& context);

}  // namespace nn_grade::cli
