#include "report/wording.h"

#include "protocol/checker_protocol.h"
#include "report/training_picture.h"
#include "util/points_text.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

namespace nn_grade::report {

using protocol::CheckStatus;

const char* status_phrase(CheckStatus check_status) {
  switch (check_status) {
    case CheckStatus::kPassed:
      return "passed";
    case CheckStatus::kFailed:
      return "failed";
    case CheckStatus::kError:
      return "threw an exception";
    case CheckStatus::kTimeout:
      return "timed out";
    case CheckStatus::kCrashed:
      return "crashed";
    case CheckStatus::kSkipped:
      return "not run";
    case CheckStatus::kGraderError:
      break;
  }
  return "grader error (not your fault)";
}

namespace {

std::string status_explanation(const protocol::CheckResult& check) {
  if (!check.output.empty()) return check.output;
  if (check.status == CheckStatus::kTimeout) {
    return "Stopped at the time limit: look for a loop that never ends or a very slow step.";
  }
  if (check.status == CheckStatus::kCrashed) {
    return "Your code crashed (for example an out-of-range index or a null pointer).";
  }
  if (check.status == CheckStatus::kError) return "Your code threw an exception.";
  if (check.status == CheckStatus::kGraderError) {
    return "The grader failed on this check. That is our fault, not yours: it will be graded "
           "again.";
  }
  return "";
}

}  // namespace

std::string whole_picture_note(const protocol::CheckResult& check) {
  if (!check.end_to_end || check.end_to_end_causes.empty()) return "";
  const std::size_t n = check.end_to_end_causes.size();
  return fmt::format(
      "Judged on its own, with the grader's layers and loss, this part of yours is right: the "
      "points are yours. Run with your own layers and loss, it does not pass ({}), because {} "
      "fail{}: fix {} first.",
      to_string(*check.end_to_end), fmt::join(check.end_to_end_causes, ", "), n == 1 ? "s" : "",
      n == 1 ? "that" : "those");
}

std::string without_standins_note(int alone_checks) {
  return fmt::format(
      "Here every check ran with your own code throughout; the graded run judges {} of them (the "
      "MLP's) with the grader's own layers and loss instead, so there a mistake in a layer or "
      "the loss costs points only in that part's checks, and those {} may score higher.",
      alone_checks, alone_checks == 1 ? "one" : "checks");
}

std::string check_explanation(const protocol::CheckResult& check) {
  if (!check.same_error_as.empty()) {
    return fmt::format("The same error as {}: {}", check.same_error_as,
                       check.output.substr(0, check.output.find('\n')));
  }
  std::string text = status_explanation(check);
  if (!check.failing_dependencies.empty()) {
    text += (text.empty() ? "" : "\n") +
            fmt::format(
                "This check also runs code whose own checks fail: {}. Fix those first; "
                "this one may then pass too.",
                fmt::join(check.failing_dependencies, ", "));
  }
  if (const std::string note = whole_picture_note(check); !note.empty()) {
    text += (text.empty() ? "" : "\n") + note;
  }
  if (check.printed.empty()) return text;
  return text + (text.empty() ? "" : "\n") + check.printed;
}

std::string picture_text(const protocol::CheckResult& check, bool unicode) {
  return check.training ? training_picture_text(*check.training, unicode) : "";
}

std::string reproduce_command(const protocol::CheckResult& check, std::uint64_t seed) {
  if (!needs_attention(check) || check.status == CheckStatus::kGraderError) return "";
  return check.reproduce.empty() ? protocol::reproduce_command(check.id, seed) : check.reproduce;
}

std::string reproduce_line(const protocol::CheckResult& check, std::uint64_t seed) {
  const std::string command = reproduce_command(check, seed);
  return command.empty() ? "" : "Reproduce: " + command;
}

std::string isolation_note(std::optional<protocol::Containment> containment) {
  if (!containment) return "";
  const std::string checker =
      "Each check was judged by the grader's own process; your code ran in another, ";
  switch (*containment) {
    case protocol::Containment::kBubblewrap:
      return checker +
             "sandboxed by bubblewrap (no network, read-only files), with time and memory limits.";
    case protocol::Containment::kChroot:
      return checker +
             "as a user of its own in an empty folder (no sandbox tool here), with time, memory "
             "and process limits.";
    case protocol::Containment::kUser:
      return checker + "as a user of its own (no sandbox), with time, memory and process limits.";
    case protocol::Containment::kRlimits:
      break;
  }
  return checker + "with time and memory limits (no sandbox was available here).";
}

std::string build_problem_summary(const protocol::SubmissionResult& result) {
  if (result.status == protocol::SubmissionStatus::kMissingFiles) {
    const std::string missing = fmt::format("{}", fmt::join(result.missing_files, ", "));
    return fmt::format(
        "Missing: {}. The grader needs layers.cpp, model.cpp, losses.cpp and optimizer.cpp "
        "side by side; add the missing ones (the template has all four) and grade again.",
        missing.empty() ? "some of the four files" : missing);
  }
  if (result.status == protocol::SubmissionStatus::kGraderError) {
    return "The grader could not build your code, through no fault of yours (below). Grade "
           "again; if it happens again, tell your TA.";
  }
  return "Your code did not build, so no check could run. Fix the first error below (later ones "
         "often follow from it) and grade again.";
}

bool needs_attention(const protocol::CheckResult& check) {
  return check.status != CheckStatus::kSkipped &&
         (check.status != CheckStatus::kPassed || check.score < check.max_score);
}

std::string graded_later(int checks, double points) {
  return fmt::format("{} more {} ({} points) {} graded after the deadline", checks,
                     checks == 1 ? "check" : "checks", util::points_text(points),
                     checks == 1 ? "is" : "are");
}

}  // namespace nn_grade::report
