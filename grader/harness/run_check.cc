#include "run_check.h"

#include <fmt/format.h>

#include "check_context.h"
#include "protocol/catalog.h"
#include "protocol/result.h"
#include "protocol/runner_protocol.h"
#include "registry.h"
#include "student_calls.h"

namespace harness {

namespace {

nlohmann::json merged_params(const catalog::CheckInfo& info, const nlohmann::json& overrides) {
  if (!overrides.is_object()) {
    throw GraderFault(
        fmt::format("check {}: --params must be a JSON object, not {}", info.id, overrides.dump()));
  }
  nlohmann::json params = info.defaults;
  for (const auto& [key, value] : overrides.items()) params[key] = value;
  return params;
}

protocol::CheckReport error_report(std::string message) {
  protocol::CheckReport report;
  report.status = grading::check_status::kError;
  report.fraction = 0.0;
  report.output = std::move(message);
  return report;
}

}  // namespace

std::string reproduce_line(const std::string& id, std::uint64_t seed) {
  return "Reproduce: " + protocol::reproduce_command(id, seed);
}

protocol::CheckReport run_check(const std::string& id, std::uint64_t seed,
                                const nlohmann::json& overrides) {
  const catalog::CheckInfo* info = catalog::find(id);
  const CheckFunction function = find_check(id);
  if (!info || !function) throw GraderFault(fmt::format("unknown check id '{}'", id));
  const CheckContext context(id, seed, merged_params(*info, overrides));

  protocol::CheckReport report;
  try {
    report = function(context);
  } catch (const GraderFault&) {
    throw;
  } catch (const StudentThrew& e) {
    report = error_report(e.what());
  } catch (...) {
    report = error_report("Your code led to an error while the result was checked: " +
                          describe_current_exception());
  }
  report.id = id;
  report.figures["seed"] = seed;
  if (report.status != grading::check_status::kPassed) {
    report.output += "\n" + reproduce_line(id, seed);
  }
  return report;
}

}  // namespace harness
