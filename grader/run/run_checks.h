// Running a submission's checks: each in its own checker process (trusted, prebuilt: it decides
// the verdict) talking to its own student server (the submission's code, contained: see
// containment.h), in parallel as the grader's job slots allow, and judged (check_verdict.h).
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "protocol/check_limits.h"
#include "protocol/result.h"
#include "run/job_slots.h"

namespace nn_grade::run {

struct CheckJob {
  std::string id;
  std::uint64_t seed = 0;
  nlohmann::json params = nlohmann::json::object();
  bool alone = false;  // judged alone: on the stand-in server (RunOptions::standin_server)
};

// A submission's servers: its student server, and its stand-in server for the checks judged
// alone (empty where it has none).
struct BuiltServers {
  std::filesystem::path server;
  std::filesystem::path standin_server;
};

struct RunOptions {
  std::filesystem::path checker;  // lib/nn-grade/nn-checker
  protocol::Limits limits;
  protocol::IsolationPolicy isolation = protocol::IsolationPolicy::kAuto;
  JobSlots* slots = nullptr;  // null: all checks at once
  bool debug = false;         // the server runs under gdb, with generous limits (containment.h)
  // The submission's stand-in server (build_submission.h), for the jobs judged alone; their
  // checkers get the run's stand-in key (protocol::kStandInKeyVariable) and no no_new_privs.
  std::filesystem::path standin_server;
  // The course's reference solution built as a submission (the cache makes it once per grader),
  // asked for only when a check is still the grader's fault after its second run. Empty, or
  // returning no server, where the grader has no reference (the student kit, Gradescope's
  // image): such a check stays the grader's fault.
  std::function<BuiltServers()> reference_server;
};

// Runs each job in its own checker process against its own student server `server` (in
// parallel, one slot each) and returns one result per job in the same order, with id, status,
// fraction, output, diagnosis, figures and seconds filled (name, visibility, score and
// max_score are the scorer's). A check whose fault is ours (checker or server missing, staging
// failing, the checker dying) is tried once more; so is a timeout on a machine too busy to give
// the student's code its time (check_verdict.h), then judged. A check whose checker ran and that
// is still the grader's fault is run once against options.reference_server in the same
// containment: if the reference passes it, the fault is the submission's (status error, with the
// reason and what the student's code printed); otherwise, or without a reference, it stays
// grader_error. When the
// policy cannot be met here, every check is grader_error saying so. *containment_used (if not null)
// gets the containment the checks ran under (containment.h), nullopt when none could. on_done is
// called in this thread as each result is final. Every process of a check is dead before its result
// is. Never throws for anything a child does.
std::vector<protocol::CheckResult> run_checks(
    const std::filesystem::path& server, const std::vector<CheckJob>& jobs,
    const RunOptions& options, std::optional<protocol::Containment>* containment_used,
    const std::function<void(const protocol::CheckResult&)>& on_done = {});

}  // namespace nn_grade::run
