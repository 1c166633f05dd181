// A student server started for checks run in this process (as the checker would run them):
// for tests and benchmarks of the checks themselves.
#pragma once

#include <chrono>
#include <optional>
#include <stdexcept>
#include <string>

#include <nlohmann/json.hpp>

#include "harness/run_check.h"
#include "harness/student_calls.h"
#include "harness/student_server.h"

namespace nn_grade {

namespace harness {

// Runs check `id` against a fresh server started from `binary`, rlimits alone, as the checker
// does: one server per check. `unseen_seed` fixes what the check draws unseen (else random).
inline protocol::CheckReport run_on(const std::string& binary, const std::string& id,
                                    std::uint64_t seed,
                                    const nlohmann::json& params = nlohmann::json::object(),
                                    std::optional<std::uint64_t> unseen_seed = std::nullopt) {
  StudentServer server;
  protocol::ServerSpec spec;
  spec.argv = {binary};
  std::string error;
  if (!server.start(spec, std::chrono::steady_clock::now() + std::chrono::seconds(60), &error)) {
    throw std::runtime_error(error);
  }
  use_server(&server);
  protocol::CheckReport report = run_check(id, seed, params, unseen_seed);
  use_server(nullptr);
  return report;
}

}  // namespace harness

}  // namespace nn_grade
