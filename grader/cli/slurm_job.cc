#include "cli/slurm_job.h"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "cli/shell_quote.h"

namespace nn_grade::cli {
namespace {

constexpr long kGradeMb = 512;
constexpr double kStartSeconds = 300;

std::string slurm_time(long minutes) {
  return fmt::format("{}-{:02}:{:02}:00", minutes / (24 * 60), minutes / 60 % 24, minutes % 60);
}

// #SBATCH lines hold no paths: a path with a space would not survive them. Logs are named
// relative to the folder sbatch runs in (OUT/slurm); the commands hold the paths, quoted.
std::string header(const std::string& name, const SlurmResources& resources,
                   const std::string& log) {
  return fmt::format(
      "#SBATCH --job-name={}\n"
      "#SBATCH --ntasks=1\n"
      "#SBATCH --cpus-per-task={}\n"
      "#SBATCH --mem={}M\n"
      "#SBATCH --time={}\n"
      "#SBATCH --output={}\n",
      name, resources.cpus_per_task, resources.mem_mb, slurm_time(resources.time_minutes), log);
}

// As many grading jobs as cores Slurm gave the task, which --sbatch-arg=--cpus-per-task=N
// may have changed.
std::string jobs_argument(const SlurmResources& resources) {
  return fmt::format("--jobs \"${{SLURM_CPUS_PER_TASK:-{}}}\"", resources.cpus_per_task);
}

}  // namespace

SlurmResources slurm_resources(const protocol::Limits& limits, std::size_t checks,
                               double compile_seconds, int cpus, std::size_t submissions,
                               int shards) {
  SlurmResources resources;
  resources.cpus_per_task = std::max(1, cpus);
  resources.mem_mb = kGradeMb + resources.cpus_per_task * limits.memory_mb;
  const double mean = static_cast<double>(submissions) / std::max(1, shards);
  const double largest =
      std::min<double>(static_cast<double>(submissions), std::ceil(mean + 3 * std::sqrt(mean)));
  const double worst_submission =
      compile_seconds + static_cast<double>(checks) * limits.wall_seconds;
  const double seconds = kStartSeconds + largest * worst_submission / resources.cpus_per_task;
  resources.time_minutes = static_cast<long>(std::ceil(seconds / 60));
  return resources;
}

std::string shard_script(const SlurmJob& job) {
  return fmt::format(
             "#!/bin/bash\n"
             "# Written by grade --slurm: grades the class in {0} shards, one per array task.\n"
             "# Task T (SLURM_ARRAY_TASK_ID, from 0) grades shard T+1 of {0}. Submit submit.sh\n"
             "# (it adds the head step), or one task again: sbatch --array=T shards.sbatch\n"
             "#SBATCH --array=0-{1}\n",
             job.shards, job.shards - 1) +
         header("nn-grade-shards", job.resources, "shard-%a.log") +
         fmt::format(
             "set -euo pipefail\n"
             "shard=$((SLURM_ARRAY_TASK_ID + 1))\n"
             "exec {} --shard \"$shard/{}\" {}\n",
             shell_join(job.shard_command), job.shards, jobs_argument(job.resources));
}

std::string head_script(const SlurmJob& job) {
  return "#!/bin/bash\n"
         "# Written by grade --slurm: the head step, once every shard has ended. It writes\n"
         "# summary.csv, the Canvas import and the class report from every result in OUT,\n"
         "# and grades (and names) whatever no shard graded.\n" +
         header("nn-grade-head", job.resources, "head.log") +
         fmt::format("set -euo pipefail\nexec {} {}\n", shell_join(job.head_command),
                     jobs_argument(job.resources));
}

std::string submit_script(const std::vector<std::string>& sbatch_args) {
  const std::string extra = sbatch_args.empty() ? "" : shell_join(sbatch_args) + " ";
  return fmt::format(
      "#!/bin/bash\n"
      "# Written by grade --slurm: submits the shards and, once they have all ended, the head\n"
      "# step. Options for sbatch go after it: ./submit.sh --partition=short\n"
      "set -euo pipefail\n"
      "cd \"$(dirname \"$0\")\"\n"
      "shards=$(sbatch --parsable {0}\"$@\" shards.sbatch)\n"
      "shards=${{shards%%;*}}\n"
      "head=$(sbatch --parsable --dependency=afterany:\"$shards\" {0}\"$@\" head.sbatch)\n"
      "head=${{head%%;*}}\n"
      "echo \"shards: job $shards; head step: job $head\"\n"
      "echo \"follow them: squeue -j $shards,$head; once ended: sacct -j $shards,$head\"\n",
      extra);
}

}  // namespace nn_grade::cli
