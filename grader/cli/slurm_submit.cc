#include "cli/slurm_submit.h"

#include <boost/process/search_path.hpp>

#include <fmt/format.h>

#include "cli/shell_quote.h"
#include "run/subprocess.h"

namespace nn_grade::cli {
namespace {

namespace fs = std::filesystem;

constexpr double kSbatchSeconds = 120;  // a busy controller answers slowly, not never

// sbatch's messages, on one line.
std::string trimmed(std::string text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
  for (std::size_t at; (at = text.find('\n')) != std::string::npos;) text.replace(at, 1, "; ");
  return text;
}

// `sbatch --parsable` prints "<id>" or "<id>;<cluster>".
bool submit(const fs::path& sbatch, const fs::path& dir, std::vector<std::string> arguments,
            std::string* id, std::string* err) {
  run::ProcessSpec spec;
  spec.argv = {sbatch.string(), "--parsable"};
  spec.argv.insert(spec.argv.end(), arguments.begin(), arguments.end());
  spec.working_dir = dir;
  spec.wall_seconds = kSbatchSeconds;
  const run::ProcessResult result = run::run_process(spec);
  const std::string out = trimmed(result.out);
  const std::string parsed = out.substr(0, out.find(';'));
  const bool number =
      !parsed.empty() && parsed.find_first_not_of("0123456789") == std::string::npos;
  if (result.exited_normally() && result.exit_code == 0 && number) {
    *id = parsed;
    return true;
  }
  *err = !result.started    ? "sbatch could not start (" + result.start_error + ")"
         : result.timed_out ? fmt::format("sbatch did not answer in {:g} s", kSbatchSeconds)
                            : "sbatch refused it: " + trimmed(result.err + result.out);
  return false;
}

}  // namespace

bool find_sbatch(fs::path* sbatch, std::string* err) {
  const boost::filesystem::path found = boost::process::search_path("sbatch");
  if (found.empty()) {
    *err =
        "--slurm: sbatch is not on PATH (run grade on a Slurm login node, after `module load "
        "slurm` where the cluster needs it)";
    return false;
  }
  *sbatch = found.string();
  return true;
}

bool submit_slurm_job(const fs::path& sbatch, const fs::path& dir,
                      const std::vector<std::string>& sbatch_args, SlurmJobIds* ids,
                      std::string* err) {
  std::vector<std::string> arguments = sbatch_args;
  arguments.push_back("shards.sbatch");
  if (!submit(sbatch, dir, arguments, &ids->shards, err)) {
    *err = "--slurm: the shards were not submitted: " + *err;
    return false;
  }
  arguments = {"--dependency=afterany:" + ids->shards};
  arguments.insert(arguments.end(), sbatch_args.begin(), sbatch_args.end());
  arguments.push_back("head.sbatch");
  if (!submit(sbatch, dir, arguments, &ids->head, err)) {
    *err = fmt::format(
        "--slurm: the shards are job {0}, but the head step was not submitted: {1}. Submit it "
        "yourself: cd {2} && sbatch --dependency=afterany:{0} head.sbatch",
        ids->shards, *err, shell_quote(dir.string()));
    return false;
  }
  return true;
}

}  // namespace nn_grade::cli
