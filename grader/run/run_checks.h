// Running a submission's checks: each in its own process of the submission's runner, in
// parallel as the grader's job slots allow, isolated and limited, and judged (see check_verdict.h).
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "check_limits.h"
#include "job_slots.h"
#include "result.h"

namespace run {

struct CheckJob {
  std::string id;
  std::uint64_t seed = 0;
  nlohmann::json params = nlohmann::json::object();
};

struct RunOptions {
  protocol::Limits limits;
  protocol::IsolationPolicy isolation = protocol::IsolationPolicy::kAuto;
  JobSlots* slots = nullptr;  // null: all checks at once
};

// Runs each job in its own process (in parallel, one slot each) and returns one result per job
// in the same order, with id, status, fraction, output, diagnosis, figures and seconds filled
// (name, visibility, score and max_score are the scorer's). A check whose fault is ours
// (runner missing, sandbox failing) is tried once more, then left as grader_error. When the
// policy requires a sandbox that does not work here, every check is grader_error saying so.
// *isolation_used (if not null) gets "bubblewrap" or "rlimits". on_done is called in this
// thread as each result is final. Never throws for anything a child does.
std::vector<grading::CheckResult> run_checks(
    const std::filesystem::path& runner, const std::vector<CheckJob>& jobs,
    const RunOptions& options, std::string* isolation_used,
    const std::function<void(const grading::CheckResult&)>& on_done = {});

}  // namespace run
