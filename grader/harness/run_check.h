// Running one check: parameters merged over the catalog's defaults, the student's exceptions
// turned into an "error" report, the reproduce line added. Used by the runner's main and by
// in-process tests and benchmarks.
#pragma once

#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

#include "protocol/runner_protocol.h"

namespace harness {

// Runs check `id` at `seed` with `overrides` (a JSON object) over its default parameters.
// Throws GraderFault for an unknown id or invalid parameters (the grader's fault).
protocol::CheckReport run_check(const std::string& id, std::uint64_t seed,
                                const nlohmann::json& overrides = nlohmann::json::object());

// "Reproduce: grade --local --only ID --seed N"
std::string reproduce_line(const std::string& id, std::uint64_t seed);

}  // namespace harness
