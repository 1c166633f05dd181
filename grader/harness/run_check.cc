#include "harness/run_check.h"

#include <fmt/format.h>

#include "harness/check_context.h"
#include "harness/registry.h"
#include "harness/student_calls.h"
#include "protocol/catalog.h"
#include "protocol/checker_protocol.h"
#include "protocol/result.h"

namespace nn_grade::harness {

namespace {

nlohmann::json merged_params(const protocol::CheckInfo& info, const nlohmann::json& overrides) {
  if (!overrides.is_object()) {
    throw GraderFault(
        fmt::format("check {}: --params must be a JSON object, not {}", info.id, overrides.dump()));
  }
  nlohmann::json params = info.defaults;
  for (const auto& [key, value] : overrides.items()) params[key] = value;
  return params;
}

protocol::CheckReport ended_report(protocol::CheckStatus status, std::string message) {
  protocol::CheckReport report;
  report.status = status;
  report.fraction = 0.0;
  report.output = std::move(message);
  return report;
}

}  // namespace

protocol::CheckReport run_check(const std::string& id, std::uint64_t seed,
                                const nlohmann::json& overrides,
                                std::optional<std::uint64_t> unseen_seed) {
  const protocol::CheckInfo* info = protocol::find_check(id);
  const CheckFunction function = find_check(id);
  if (!info || !function) throw GraderFault(fmt::format("unknown check id '{}'", id));
  const CheckContext context(id, seed, merged_params(*info, overrides), unseen_seed);

  protocol::CheckReport report;
  try {
    greet_server();
    report = function(context);
  } catch (const GraderFault&) {
    throw;
  } catch (const ServerEnded& e) {
    report = ended_report(e.status(), e.what());
    report.stopped_in = current_server().stopped_in();
    report.starved = e.starved();
  } catch (const StudentThrew& e) {
    report = ended_report(protocol::CheckStatus::kError, e.what());
    // Its own facts when it has them: a check may have made other calls after it was thrown.
    report.stopped_in = e.failure().kind != StudentFailure::Kind::kNone
                            ? stopped_in(e.failure())
                            : current_server().stopped_in();
  } catch (const std::exception& e) {
    // What the student's code sent back could not be judged (an Eigen assertion on a result
    // whose shape no check foresaw, say).
    report = ended_report(protocol::CheckStatus::kError,
                          std::string("Your code's results could not be checked: ") + e.what());
  }
  report.id = id;
  report.figures["seed"] = seed;
  if (report.status != protocol::CheckStatus::kPassed) {
    report.reproduce = protocol::reproduce_command(id, seed);
  }
  return report;
}

}  // namespace nn_grade::harness
