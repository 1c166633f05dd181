#include "run/check_verdict.h"

#include <signal.h>

#include <algorithm>
#include <sstream>
#include <vector>

#include <fmt/format.h>

#include "protocol/checker_protocol.h"
#include "protocol/signals.h"
#include "util/inert_text.h"

namespace nn_grade::run {
namespace {

using protocol::CheckStatus;

constexpr std::size_t kShownLines = 8;
constexpr std::size_t kShownLineChars = 160;

std::string human_bytes(std::uint64_t bytes) {
  if (bytes >= (10u << 20)) return fmt::format("{} MB", bytes >> 20);
  if (bytes >= (10u << 10)) return fmt::format("{} KB", bytes >> 10);
  return fmt::format("{} bytes", bytes);
}

std::vector<std::string> last_lines(const std::string& text, std::size_t count) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    line.erase(line.find_last_not_of(" \t\r") + 1);
    if (line.empty()) continue;
    if (line.size() > kShownLineChars) line = line.substr(0, kShownLineChars) + "...";
    lines.push_back(line);
  }
  if (lines.size() > count) lines.erase(lines.begin(), lines.end() - count);
  return lines;
}

std::string memory_note(const protocol::Limits& limits) {
  return fmt::format(
      "It ran out of memory (the limit is {} MB): a matrix far too large, or one "
      "that grows every iteration?",
      limits.memory_mb);
}

protocol::CheckResult base(const CheckRun& run, const ProcessResult& p, CheckStatus check_status,
                           std::string output) {
  protocol::CheckResult r;
  r.id = run.id;
  r.status = check_status;
  r.output = std::move(output);
  r.seconds = p.seconds;
  return r;
}

// The output is the reason alone; verdict() adds whose fault it is.
protocol::CheckResult ours(const CheckRun& run, const ProcessResult& p, const std::string& what) {
  return base(run, p, CheckStatus::kGraderError, what);
}

protocol::CheckResult from_report(const CheckRun& run, const ProcessResult& p, bool* starved) {
  protocol::CheckReport report;
  try {
    if (p.result_truncated) return ours(run, p, "The checker's report was cut short.");
    nlohmann::json::parse(p.result).get_to(report);
  } catch (const std::exception& e) {
    return ours(run, p, std::string("The checker's report could not be read (") + e.what() + ").");
  }
  if (report.nonce != run.nonce) {
    return ours(run, p, "The checker's report was not the one asked for.");
  }
  // The checker's own fault, on its own channel: the only way a check becomes the grader's
  // fault by the checker's word (what the student's code prints never is).
  if (report.status == protocol::CheckStatus::kGraderError) {
    return ours(run, p, "The checker stopped: " + report.output + ".");
  }
  if (report.id != run.id || report.status == protocol::CheckStatus::kSkipped) {
    return ours(run, p, "The checker's report was not the one asked for.");
  }
  protocol::CheckResult r = base(run, p, report.status, report.output);
  r.fraction = report.status == protocol::CheckStatus::kPassed ||
                       report.status == protocol::CheckStatus::kFailed
                   ? std::clamp(report.fraction, 0.0, 1.0)
                   : 0.0;
  r.diagnosis = report.diagnosis;
  if (!earns_points(r.status)) r.stopped_in = report.stopped_in;
  r.left_wrong_shape = report.left_wrong_shape;
  r.figures = report.figures;
  r.training = report.training;
  if (r.status == CheckStatus::kError && r.output.find("bad_alloc") != std::string::npos) {
    r.output += "\n" + memory_note(run.limits);
  }
  r.reproduce = report.reproduce;
  *starved = report.starved && r.status == CheckStatus::kTimeout;
  return r;
}

protocol::CheckResult without_report(const CheckRun& run, const ProcessResult& p) {
  if (!p.started) return ours(run, p, "The checker could not start (" + p.start_error + ").");
  if (p.timed_out) return ours(run, p, "The checker did not finish in time.");
  if (p.signal != 0) {
    return ours(run, p,
                fmt::format("The checker ended with {} ({}).", protocol::signal_name(p.signal),
                            protocol::signal_meaning(p.signal)));
  }
  return ours(run, p,
              fmt::format("The checker ended with exit code {} and no report.", p.exit_code));
}

}  // namespace

std::string graders_fault(const std::string& reason) {
  return reason + " This is the grader's fault, not yours.";
}

std::string printed_tail(const ProcessResult& p, long output_kb) {
  std::string text;
  for (const std::string* stream : {&p.out, &p.err}) {
    for (const std::string& line : last_lines(util::inert_text(*stream), kShownLines)) {
      text += "  | " + line + "\n";
    }
  }
  if (text.empty()) return "";
  std::string heading = "Your code printed (last lines):\n";
  if (p.output_truncated()) {
    heading = fmt::format("Your code printed {}; the first {} KB were kept. Last lines kept:\n",
                          human_bytes(p.out_bytes + p.err_bytes), output_kb);
  }
  return heading + text;
}

protocol::CheckResult verdict(const CheckRun& run, const ProcessResult& process, bool* starved,
                              std::string* our_fault) {
  bool busy = false;
  protocol::CheckResult r = process.started && !process.result.empty()
                                ? from_report(run, process, &busy)
                                : without_report(run, process);
  if (starved) *starved = busy;
  r.output = util::inert_text(r.output);  // may quote the student's exception, or their stderr
  if (our_fault) *our_fault = r.status == CheckStatus::kGraderError ? r.output : "";
  if (r.status == CheckStatus::kGraderError) r.output = graders_fault(r.output);
  if (r.status != CheckStatus::kPassed && r.status != CheckStatus::kGraderError) {
    r.printed = printed_tail(process, run.limits.output_kb);
  }
  return r;
}

}  // namespace nn_grade::run
