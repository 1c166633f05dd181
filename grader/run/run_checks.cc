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

namespace nn_grade::run {
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

protocol::CheckResult grader_error(const CheckJob& job, const std::string& why) {
  protocol::CheckResult r;
  r.id = job.id;
  r.status = protocol::CheckStatus::kGraderError;
  r.output = graders_fault(why);
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

// A check that was the grader's fault once its checker ran: the reason, and what the student's
// code printed meanwhile (shown if the fault turns out to be the submission's).
struct Fault {
  std::string reason;
  std::string printed;
};

// What job i's run left: its result, whether it timed out on a busy machine (check_verdict.h),
// and, when the checker ran and the result is grader_error, why.
struct Runs {
  explicit Runs(std::size_t n) : results(n), starved(n, false), faults(n) {}
  std::vector<protocol::CheckResult> results;
  std::vector<bool> starved;
  std::vector<std::optional<Fault>> faults;
};

// Runs the jobs at `indices` once against `stage`'s server; fills runs for each and calls
// finished(i).
void run_once(ServerStage& stage, const std::vector<CheckJob>& jobs,
              const std::vector<std::size_t>& indices, const RunOptions& options, Runs& out,
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
      out.results[indices[i]] =
          grader_error(jobs[indices[i]], "The grader " + stage_errors[i] + ".");
      out.faults[indices[i]].reset();
      finished(indices[i]);
    } else {
      started.push_back(i);
      to_start.push_back(specs[i]);
    }
  }
  run_all(to_start, options.slots, [&](std::size_t k, ProcessResult process) {
    const std::size_t i = started[k];
    const std::size_t job = indices[i];
    bool busy = false;
    std::string fault;
    out.results[job] = verdict(runs[i], process, &busy, &fault);
    out.starved[job] = busy;
    out.faults[job].reset();
    if (!fault.empty())
      out.faults[job] = Fault{fault, printed_tail(process, options.limits.output_kb)};
    finished(indices[i]);
  });
}

// The submission's result for a check that stopped with the grader's fault on it but that the
// course's reference solution passes in the same containment: the cause is in the submission.
protocol::CheckResult blamed_on_submission(const protocol::CheckResult& ours, const Fault& fault) {
  protocol::CheckResult r = ours;
  r.status = protocol::CheckStatus::kError;
  r.fraction = 0;
  r.output = fmt::format(
      "The check could not finish with your code: {} The course's reference solution passes the "
      "same check, run the same way (same seed, same limits), so the cause is in your submission.",
      fault.reason);
  r.printed = fault.printed;
  return r;
}

// Runs the jobs at `indices`, each still the grader's fault after its second run, against the
// course's reference solution in the same containment, and settles each: the submission's fault
// when the reference passes, still the grader's otherwise (or when there is no reference).
void judge_against_reference(const ServerStage& stage, const std::vector<CheckJob>& jobs,
                             const std::vector<std::size_t>& indices, const RunOptions& options,
                             Runs& student, const std::function<void(std::size_t)>& finished) {
  std::string error;
  const BuiltServers reference =
      options.reference_server ? options.reference_server() : BuiltServers{};
  std::unique_ptr<ServerStage> reference_stage;
  if (!reference.server.empty()) {
    reference_stage = ServerStage::create(reference.server, reference.standin_server,
                                          stage.containment(), &error);
  }
  if (!reference_stage) {
    for (std::size_t i : indices) finished(i);
    return;
  }
  Runs with_reference(jobs.size());
  run_once(*reference_stage, jobs, indices, options, with_reference, [&](std::size_t i) {
    if (with_reference.results[i].status == protocol::CheckStatus::kPassed) {
      student.results[i] = blamed_on_submission(student.results[i], *student.faults[i]);
    } else {
      student.results[i].output += " The course's reference solution did not pass it either.";
    }
    finished(i);
  });
}

}  // namespace

std::vector<protocol::CheckResult> run_checks(
    const fs::path& server, const std::vector<CheckJob>& jobs, const RunOptions& options,
    std::optional<Containment>* containment_used,
    const std::function<void(const protocol::CheckResult&)>& on_done) {
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
    std::vector<protocol::CheckResult> results(jobs.size());
    for (std::size_t i = 0; i < jobs.size(); ++i) {
      results[i] = grader_error(jobs[i], error);
      if (on_done) on_done(results[i]);
    }
    return results;
  }
  // A check that is the grader's fault, or that timed out while the machine was too busy to
  // give the student's code its time, is run once more; the second run is the verdict. One
  // still the grader's fault after its checker ran twice is run against the reference.
  Runs runs(jobs.size());
  const auto done = [&](std::size_t i) {
    if (on_done) on_done(runs.results[i]);
  };
  std::vector<std::size_t> pending(jobs.size());
  for (std::size_t i = 0; i < jobs.size(); ++i) pending[i] = i;
  std::vector<bool> starved_before(jobs.size(), false);
  std::vector<std::size_t> unsettled;
  for (int attempt = 0; attempt < 2 && !pending.empty(); ++attempt) {
    std::vector<std::size_t> again;
    run_once(*stage, jobs, pending, options, runs, [&](std::size_t i) {
      const bool ours = runs.results[i].status == protocol::CheckStatus::kGraderError;
      if (attempt == 0 && (ours || runs.starved[i])) {
        starved_before[i] = runs.starved[i];
        again.push_back(i);
        return;
      }
      if (runs.starved[i] && starved_before[i]) {
        runs.results[i].output += " It was run again, with the same result.";
      }
      if (ours && runs.faults[i]) {
        unsettled.push_back(i);
        return;
      }
      done(i);
    });
    pending = std::move(again);
  }
  if (!unsettled.empty()) judge_against_reference(*stage, jobs, unsettled, options, runs, done);
  return runs.results;
}

}  // namespace nn_grade::run
