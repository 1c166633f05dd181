#include "run_checks.h"

#include <unistd.h>

#include <cstdlib>
#include <random>
#include <system_error>

#include <fmt/format.h>

#include "check_verdict.h"
#include "parallel.h"
#include "runner_protocol.h"
#include "sandbox.h"

namespace run {
namespace {

namespace fs = std::filesystem;

std::string make_nonce() {
  std::random_device device;
  return fmt::format("{:08x}{:08x}{:08x}{:08x}", device(), device(), device(), device());
}

// A fresh private folder for one check's process; removed when it ends.
class WorkDir {
 public:
  WorkDir() {
    std::error_code ec;
    std::string pattern = (fs::temp_directory_path(ec) / "nn-grade-check-XXXXXX").string();
    if (mkdtemp(pattern.data())) path_ = pattern;
  }
  ~WorkDir() {
    std::error_code ec;
    if (!path_.empty()) fs::remove_all(path_, ec);
  }
  WorkDir(const WorkDir&) = delete;
  WorkDir& operator=(const WorkDir&) = delete;
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

grading::CheckResult grader_error(const CheckJob& job, const std::string& why) {
  grading::CheckResult r;
  r.id = job.id;
  r.status = grading::check_status::kGraderError;
  r.output = why + " This is the grader's fault, not yours.";
  return r;
}

std::string runner_problem(const fs::path& runner) {
  std::error_code ec;
  if (!fs::is_regular_file(runner, ec)) return "The runner " + runner.string() + " is missing.";
  if (access(runner.c_str(), X_OK) != 0) {
    return "The runner " + runner.string() + " is not executable.";
  }
  return "";
}

// Runs the jobs at `indices` once; fills results[i] for each and calls finished(i).
void run_once(const fs::path& runner, const std::vector<CheckJob>& jobs,
              const std::vector<std::size_t>& indices, const RunOptions& options,
              const Sandbox& sandbox, std::vector<grading::CheckResult>& results,
              const std::function<void(std::size_t)>& finished) {
  std::vector<std::unique_ptr<WorkDir>> dirs;
  std::vector<CheckRun> runs;
  std::vector<ProcessSpec> specs;
  for (std::size_t index : indices) {
    const CheckJob& job = jobs[index];
    dirs.push_back(std::make_unique<WorkDir>());
    CheckRun check{job.id, job.seed, make_nonce(), options.limits, sandbox.isolation()[0] == 'b'};
    ProcessSpec spec;
    spec.argv = sandbox.wrap({runner.string(), "--check", job.id, "--seed",
                              std::to_string(job.seed), "--params", job.params.dump()},
                             dirs.back()->path(), {runner});
    spec.env = {{protocol::kNonceVariable, check.nonce}};
    spec.working_dir = dirs.back()->path();
    spec.wall_seconds = options.limits.wall_seconds;
    spec.cpu_seconds = options.limits.cpu_seconds;
    spec.memory_mb = options.limits.memory_mb;
    spec.file_mb = options.limits.file_mb;
    spec.output_kb = options.limits.output_kb;
    spec.result_channel = true;
    runs.push_back(std::move(check));
    specs.push_back(std::move(spec));
  }
  run_all(specs, options.slots, [&](std::size_t i, ProcessResult process) {
    results[indices[i]] = dirs[i]->path().empty()
                              ? grader_error(jobs[indices[i]], "No temporary folder for the check.")
                              : verdict(runs[i], process);
    finished(indices[i]);
  });
}

}  // namespace

std::vector<grading::CheckResult> run_checks(
    const fs::path& runner, const std::vector<CheckJob>& jobs, const RunOptions& options,
    std::string* isolation_used, const std::function<void(const grading::CheckResult&)>& on_done) {
  std::vector<grading::CheckResult> results(jobs.size());
  std::string error;
  std::optional<Sandbox> sandbox = Sandbox::for_policy(options.isolation, &error);
  if (isolation_used) *isolation_used = sandbox ? sandbox->isolation() : "";
  std::string runner_error = sandbox ? runner_problem(runner) : "The grader " + error + ".";
  if (!runner_error.empty()) {
    for (std::size_t i = 0; i < jobs.size(); ++i) {
      results[i] = grader_error(jobs[i], runner_error);
      if (on_done) on_done(results[i]);
    }
    return results;
  }
  std::vector<std::size_t> pending(jobs.size());
  for (std::size_t i = 0; i < jobs.size(); ++i) pending[i] = i;
  for (int attempt = 0; attempt < 2 && !pending.empty(); ++attempt) {
    std::vector<std::size_t> again;
    run_once(runner, jobs, pending, options, *sandbox, results, [&](std::size_t i) {
      if (attempt == 0 && results[i].status == grading::check_status::kGraderError) {
        again.push_back(i);
      } else if (on_done) {
        on_done(results[i]);
      }
    });
    pending = std::move(again);
  }
  return results;
}

}  // namespace run
