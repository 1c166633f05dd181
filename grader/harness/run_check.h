// Running one check in the checker: parameters merged over the catalog's defaults, the student
// server's outcomes (an exception, a crash, a hang, an exit) turned into the check's status, the
// reproduce command set. Used by the checker's main and by in-process tests and benchmarks,
// which give it a started server (student_calls.h: use_server).
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "protocol/checker_protocol.h"

namespace nn_grade::harness {

// Runs check `id` at `seed` with `overrides` (a JSON object) over its default parameters,
// against the current server. Throws GraderFault for an unknown id or invalid parameters, or a
// request the server did not understand (the grader's fault). `unseen_seed` fixes what the
// check draws unseen (CheckContext::unseen_rng), for tests; the checker never gives one.
protocol::CheckReport run_check(const std::string& id, std::uint64_t seed,
                                const nlohmann::json& overrides = nlohmann::json::object(),
                                std::optional<std::uint64_t> unseen_seed = std::nullopt);

}  // namespace nn_grade::harness
