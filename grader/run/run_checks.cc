#include "run/run_checks.h"

#include <unistd.h>

#include <cmath>
#include <random>
#include <system_error>

#include <fmt/format.h>

#include "protocol/checker_protocol.h"
#include "run/check_verdict.h"
#include "run/containment.h"
#include "run/parallel.h"

namespace run {
namespace {

namespace fs = std::filesystem;

// How long `grade` lets a checker run beyond the check's own wall limit, which the checker
// enforces on the server: its own start, ending the server, writing the report.
constexpr double kCheckerGraceSeconds = 5;
constexpr long kCheckerMemoryMb = 2048;

std::string make_nonce() {
  std::random_device device;
  return fmt::format("{:08x}{:08x}{:08x}{:08x}", device(), device(), device(), device());
}

// This run's stand-in key: drawn once, given only to checkers judging a check alone.
const std::string& standin_key() {
  static const std::string key = make_nonce();
  return key;
}

grading::CheckResult grader_error(const CheckJob& job, const std::string& why) {
  grading::CheckResult r;
  r.id = job.id;
  r.status = grading::CheckStatus::kGraderError;
  r.output = why + " This is the grader's fault, not yours.";
  return r;
}

std::string program_problem(const char* what, const fs::path& program) {
  std::error_code ec;
  if (!fs::is_regular_file(program, ec))
    return fmt::format("The {} {} is missing.", what, program.string());
  if (access(program.c_str(), X_OK) != 0) {
    return fmt::format("The {} {} is not executable.", what, program.string());
  }
  return "";
}

// Runs the jobs at `indices` once; fills results[i] for each and calls finished(i).
// *starved[i] says whether job i timed out on a busy machine (check_verdict.h).
void run_once(ServerStage& stage, const std::vector<CheckJob>& jobs,
              const std::vector<std::size_t>& indices, const RunOptions& options,
              std::vector<grading::CheckResult>& results, std::vector<bool>& starved,
              const std::function<void(std::size_t)>& finished) {
  std::vector<CheckRun> runs;
  std::vector<ProcessSpec> specs;
  std::vector<std::string> stage_errors;
  for (std::size_t index : indices) {
    const CheckJob& job = jobs[index];
    CheckRun check{job.id, job.seed, make_nonce(), options.limits};
    protocol::ServerSpec server;
    std::string error;
    stage.spec_for_check(index, options.limits, options.debug, job.alone, &server, &error);
    ProcessSpec spec;
    spec.argv = {options.checker.string(),
                 "--check",
                 job.id,
                 "--seed",
                 std::to_string(job.seed),
                 "--params",
                 job.params.is_null() ? "{}" : job.params.dump(),
                 "--wall",
                 std::to_string(static_cast<long>(
                     std::ceil(options.debug ? kDebugSeconds : options.limits.wall_seconds))),
                 "--server",
                 nlohmann::json(server).dump()};
    // Empty for a check judged end to end, whatever grade's own environment holds.
    spec.env = {{protocol::kNonceVariable, check.nonce},
                {protocol::kStandInKeyVariable, job.alone ? standin_key() : ""}};
    spec.no_new_privs = !job.alone;
    spec.wall_seconds =
        (options.debug ? kDebugSeconds : options.limits.wall_seconds) + kCheckerGraceSeconds;
    spec.memory_mb = kCheckerMemoryMb;
    spec.output_kb = options.limits.output_kb;
    spec.result_channel = true;
    runs.push_back(std::move(check));
    specs.push_back(std::move(spec));
    stage_errors.push_back(error);
  }
  // A check whose server could not be staged is not started at all.
  std::vector<std::size_t> started;
  std::vector<ProcessSpec> to_start;
  for (std::size_t i = 0; i < specs.size(); ++i) {
    if (!stage_errors[i].empty()) {
      results[indices[i]] = grader_error(jobs[indices[i]], "The grader " + stage_errors[i] + ".");
      finished(indices[i]);
    } else {
      started.push_back(i);
      to_start.push_back(specs[i]);
    }
  }
  run_all(to_start, options.slots, [&](std::size_t k, ProcessResult process) {
    const std::size_t i = started[k];
    bool busy = false;
    results[indices[i]] = verdict(runs[i], process, &busy);
    starved[indices[i]] = busy;
    finished(indices[i]);
  });
}

}  // namespace

std::vector<grading::CheckResult> run_checks(
    const fs::path& server, const std::vector<CheckJob>& jobs, const RunOptions& options,
    std::optional<Containment>* containment_used,
    const std::function<void(const grading::CheckResult&)>& on_done) {
  std::vector<grading::CheckResult> results(jobs.size());
  std::string error;
  const std::optional<Containment> containment = containment_for(options.isolation, &error);
  if (containment_used) *containment_used = containment;
  std::unique_ptr<ServerStage> stage;
  if (!containment) {
    error = "The grader " + error + ".";
  } else if (error = program_problem("checker", options.checker); error.empty()) {
    if (error = program_problem("student server", server); error.empty()) {
      stage = ServerStage::create(server, options.standin_server, *containment, &error);
      if (!stage) error = "The grader " + error + ".";
    }
  }
  if (!stage) {
    for (std::size_t i = 0; i < jobs.size(); ++i) {
      results[i] = grader_error(jobs[i], error);
      if (on_done) on_done(results[i]);
    }
    return results;
  }
  // A check that is the grader's fault, or that timed out while the machine was too busy to
  // give the student's code its time, is run once more; the second run is the verdict.
  std::vector<std::size_t> pending(jobs.size());
  for (std::size_t i = 0; i < jobs.size(); ++i) pending[i] = i;
  std::vector<bool> starved(jobs.size(), false), starved_before(jobs.size(), false);
  for (int attempt = 0; attempt < 2 && !pending.empty(); ++attempt) {
    std::vector<std::size_t> again;
    run_once(*stage, jobs, pending, options, results, starved, [&](std::size_t i) {
      if (attempt == 0 && (results[i].status == grading::CheckStatus::kGraderError || starved[i])) {
        starved_before[i] = starved[i];
        again.push_back(i);
        return;
      }
      if (starved[i] && starved_before[i]) {
        results[i].output += " It was run again, with the same result.";
      }
      if (on_done) on_done(results[i]);
    });
    pending = std::move(again);
  }
  return results;
}

}  // namespace run
