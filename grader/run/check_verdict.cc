#include "check_verdict.h"

#include <signal.h>

#include <algorithm>
#include <sstream>
#include <vector>

#include <fmt/format.h>

#include "runner_protocol.h"

namespace run {
namespace {

namespace status = grading::check_status;

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

// The tail of what the student's code printed, marked as theirs.
std::string printed_tail(const ProcessResult& p, long output_kb) {
  std::string text;
  for (const std::string* stream : {&p.out, &p.err}) {
    for (const std::string& line : last_lines(*stream, kShownLines)) text += "  | " + line + "\n";
  }
  if (text.empty()) return "";
  std::string heading = "Your code printed (last lines):\n";
  if (p.output_truncated()) {
    heading = fmt::format("Your code printed {}; the first {} KB were kept. Last lines kept:\n",
                          human_bytes(p.out_bytes + p.err_bytes), output_kb);
  }
  return heading + text;
}

std::string memory_note(const protocol::Limits& limits) {
  return fmt::format(
      "It ran out of memory (the limit is {} MB): a matrix far too large, or one "
      "that grows every iteration?",
      limits.memory_mb);
}

bool mentions_bad_alloc(const std::string& text) {
  return text.find("bad_alloc") != std::string::npos;
}

std::string crash_hint(int signal, const CheckRun& run, const ProcessResult& p) {
  if (mentions_bad_alloc(p.err) || signal == SIGKILL) return memory_note(run.limits);
  switch (signal) {
    case SIGSEGV:
      return "Is an index out of range, a pointer or reference dangling, or a recursion endless?";
    case SIGABRT:
      return "Did an assertion fail, or an exception escape uncaught?";
    case SIGFPE:
      return "Is an integer divided by zero?";
    case SIGXFSZ:
      return fmt::format("A file larger than {} MB was written.", run.limits.file_mb);
    case SIGBUS:
      return "Is memory used after it was freed?";
  }
  return "";
}

grading::CheckResult base(const CheckRun& run, const ProcessResult& p, const char* check_status,
                          std::string output) {
  grading::CheckResult r;
  r.id = run.id;
  r.status = check_status;
  r.output = std::move(output);
  r.seconds = p.seconds;
  return r;
}

grading::CheckResult from_report(const CheckRun& run, const ProcessResult& p) {
  const char* corrupted =
      "The check's result was forged or corrupted (the result channel did not hold the "
      "grader's report). Does your code write to file descriptor 3, or print binary data?";
  protocol::CheckReport report;
  try {
    if (p.result_truncated) return base(run, p, status::kFailed, corrupted);
    nlohmann::json::parse(p.result).get_to(report);
  } catch (const std::exception&) {
    return base(run, p, status::kFailed, corrupted);
  }
  bool known = report.status == status::kPassed || report.status == status::kFailed ||
               report.status == status::kError;
  if (report.nonce != run.nonce || report.id != run.id || !known) {
    return base(run, p, status::kFailed, corrupted);
  }
  grading::CheckResult r = base(run, p, report.status.c_str(), report.output);
  r.fraction = std::clamp(report.fraction, 0.0, 1.0);
  r.diagnosis = report.diagnosis;
  r.figures = report.figures;
  if (r.status == status::kError && mentions_bad_alloc(r.output)) {
    r.output += "\n" + memory_note(run.limits);
  }
  return r;
}

bool sandbox_failed(const CheckRun& run, const ProcessResult& p) {
  return run.sandboxed && p.result.empty() && p.exit_code == 1 && p.err.rfind("bwrap:", 0) == 0;
}

// bubblewrap exits with 128 + n when the sandboxed process died of signal n: undo that.
ProcessResult unwrapped(const CheckRun& run, ProcessResult p) {
  if (run.sandboxed && p.signal == 0 && p.exit_code > 128 && p.exit_code < 128 + 65) {
    p.signal = p.exit_code - 128;
    p.exit_code = -1;
  }
  return p;
}

grading::CheckResult without_report(const CheckRun& run, const ProcessResult& p) {
  std::string again = protocol::reproduce_command(run.id, run.seed);
  if (!p.started) {
    return base(run, p, status::kGraderError,
                "The grader could not start this check (" + p.start_error +
                    "). This is the grader's fault, not yours.");
  }
  if (sandbox_failed(run, p)) {
    return base(run, p, status::kGraderError,
                "The sandbox could not start this check (" + last_lines(p.err, 1).front() +
                    "). This is the grader's fault, not yours.");
  }
  if (p.timed_out) {
    return base(run, p, status::kTimeout,
                fmt::format("Stopped after {:g} s: an endless loop? Reproduce: {}",
                            run.limits.wall_seconds, again));
  }
  bool cpu_limit =
      p.signal == SIGXCPU || (p.signal == SIGKILL && p.cpu_seconds >= run.limits.cpu_seconds);
  if (cpu_limit) {
    return base(run, p, status::kTimeout,
                fmt::format("Stopped after {:g} s of CPU time: an endless loop? Reproduce: {}",
                            run.limits.cpu_seconds, again));
  }
  if (p.signal != 0) {
    std::string hint = crash_hint(p.signal, run, p);
    return base(
        run, p, status::kCrashed,
        fmt::format("crashed: {} ({}) while running {}.{}{} Reproduce: {}", signal_name(p.signal),
                    signal_meaning(p.signal), run.id, hint.empty() ? "" : " ", hint, again));
  }
  if (mentions_bad_alloc(p.err)) {
    return base(run, p, status::kError, "The check stopped. " + memory_note(run.limits));
  }
  if (p.exit_code == 0) {
    return base(run, p, status::kError,
                "Your code ended the program (exit() called?) before the check finished. "
                "Reproduce: " +
                    again);
  }
  return base(run, p, status::kError,
              fmt::format("The program ended with exit code {} before the check finished "
                          "(exit() or abort() in your code?). Reproduce: {}",
                          p.exit_code, again));
}

}  // namespace

grading::CheckResult verdict(const CheckRun& run, const ProcessResult& process) {
  grading::CheckResult r = process.started && !process.result.empty()
                               ? from_report(run, process)
                               : without_report(run, unwrapped(run, process));
  if (r.status != status::kPassed && r.status != status::kGraderError) {
    std::string tail = printed_tail(process, run.limits.output_kb);
    if (!tail.empty()) r.output += (r.output.empty() ? "" : "\n") + tail;
  }
  return r;
}

}  // namespace run
