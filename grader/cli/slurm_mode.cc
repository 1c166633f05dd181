#include "cli/slurm_mode.h"

#include <fmt/format.h>

#include <iostream>
#include <stdexcept>
#include <system_error>

#include "cli/shard.h"
#include "cli/shell_quote.h"
#include "cli/slurm_job.h"
#include "cli/slurm_submit.h"
#include "compile/build_submission.h"
#include "discover/discover.h"
#include "util/absolute_path.h"
#include "util/atomic_file.h"
#include "util/count_text.h"

namespace nn_grade::cli {
namespace {

namespace fs = std::filesystem;

// What each task and the head step run: this grade, with everything that decides a grade
// given explicitly (a node's environment or defaults may differ from this machine's).
std::vector<std::string> common_command(const BatchOptions& batch,
                                        const pipeline::GradingContext& context) {
  std::error_code error;
  const fs::path grade = fs::read_symlink("/proc/self/exe", error);
  if (error) throw std::runtime_error("cannot find the grade executable: " + error.message());
  std::vector<std::string> command = {grade.string(),
                                      "--batch",
                                      util::absolute_path(batch.submissions).string(),
                                      "--out",
                                      util::absolute_path(batch.out).string(),
                                      "--cache",
                                      util::absolute_path(context.cache_dir).string(),
                                      "--rubric",
                                      util::absolute_path(context.rubric.path).string(),
                                      "--seed",
                                      std::to_string(context.seed),
                                      "--isolation",
                                      protocol::to_string(context.rubric.isolation)};
  for (const std::string& id : context.only) command.insert(command.end(), {"--only", id});
  return command;
}

std::vector<std::string> head_command(const BatchOptions& batch,
                                      const pipeline::GradingContext& context) {
  std::vector<std::string> command = common_command(batch, context);
  if (batch.canvas_gradebook.empty()) return command;
  command.insert(command.end(),
                 {"--canvas-gradebook", util::absolute_path(batch.canvas_gradebook).string()});
  if (!batch.canvas_assignment.empty()) {
    command.insert(command.end(), {"--canvas-assignment", batch.canvas_assignment});
  }
  const bool zero = batch.canvas_missing == gradebook::MissingSubmission::kZero;
  command.insert(command.end(), {"--canvas-missing", zero ? "zero" : "leave"});
  return command;
}

// How many submissions there are, for the time limit; finding them also stops a SUBMISSIONS
// that cannot be graded here, before anything is queued.
std::size_t count_submissions(const BatchOptions& batch) {
  const StagingFolder staging(batch.out, true);
  return discover::find_submissions(batch.submissions, staging.path(), {batch.out})
      .submissions.size();
}

}  // namespace

int run_slurm(const SlurmOptions& slurm, const BatchOptions& batch,
              const pipeline::GradingContext& context) {
  fs::path sbatch;
  std::string error;
  if (!find_sbatch(&sbatch, &error)) throw std::runtime_error(error);
  if (!batch.canvas_gradebook.empty() && !fs::is_regular_file(batch.canvas_gradebook)) {
    throw std::runtime_error("--canvas-gradebook: no such file: " +
                             batch.canvas_gradebook.string());
  }
  fs::create_directories(batch.out);
  const std::size_t submissions = count_submissions(batch);

  SlurmJob job;
  job.shards = slurm.shards;
  const std::size_t checks =
      context.only.empty() ? context.rubric.checks.size() : context.only.size();
  job.resources = slurm_resources(context.rubric.limits, checks,
                                  compile::BuildOptions{}.compile_timeout_seconds,
                                  slurm.cpus_per_task, submissions, slurm.shards);
  job.shard_command = common_command(batch, context);
  job.head_command = head_command(batch, context);

  const fs::path dir = util::absolute_path(batch.out) / "slurm";
  util::write_file_atomically(dir / "shards.sbatch", shard_script(job));
  util::write_file_atomically(dir / "head.sbatch", head_script(job));
  util::write_file_atomically(dir / "submit.sh", submit_script(slurm.sbatch_args));
  fs::permissions(dir / "submit.sh", fs::perms::owner_exec | fs::perms::group_exec,
                  fs::perm_options::add);

  SlurmJobIds ids;
  if (!submit_slurm_job(sbatch, dir, slurm.sbatch_args, &ids, &error)) {
    throw std::runtime_error(error);
  }
  std::cout << fmt::format(
      "Submitted {} submissions in {} shards: job {} (array 0-{}, task T grades shard T+1), "
      "{}, {} MB, {} min each; the head step: job {}, once every shard has ended.\n"
      "  follow them: squeue -j {},{}\n"
      "  once ended:  sacct -j {},{}\n"
      "  logs: {}/shard-<task>.log and head.log; results appear in {} as shards finish.\n"
      "  A shard that failed: sbatch --array=T shards.sbatch (from {}), or grade ... --shard "
      "T+1/{} anywhere; the head step grades whatever is still missing.\n",
      submissions, job.shards, ids.shards, job.shards - 1,
      util::count_text(job.resources.cpus_per_task, "core"), job.resources.mem_mb,
      job.resources.time_minutes, ids.head, ids.shards, ids.head, ids.shards, ids.head,
      dir.string(), util::absolute_path(batch.out).string(), shell_quote(dir.string()), job.shards);
  return 0;
}

}  // namespace nn_grade::cli
