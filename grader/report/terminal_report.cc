#include "report/terminal_report.h"

#include <algorithm>
#include <sstream>

#include <fmt/format.h>

#include "protocol/checker_protocol.h"
#include "report/components.h"
#include "report/wording.h"
#include "util/count_text.h"
#include "util/points_text.h"
#include "util/text_columns.h"

namespace report {
namespace {

using grading::CheckStatus;

const char* kReset = "\033[0m";
const char* kBold = "\033[1m";
const char* kDim = "\033[2m";
const char* kRed = "\033[31m";
const char* kGreen = "\033[32m";
const char* kYellow = "\033[33m";

class Painter {
 public:
  explicit Painter(const TerminalStyle& style) : style_(style) {}
  std::string operator()(const char* colour, const std::string& text) const {
    return style_.color ? colour + text + kReset : text;
  }

 private:
  const TerminalStyle& style_;
};

// Marks are one column wide in unicode and four in ASCII.
int mark_width(const TerminalStyle& style) { return style.unicode ? 1 : 4; }

// `left`, then `points` ending at the terminal's last column (or one space after `left`).
std::string with_points_at_right(const std::string& left, int left_columns,
                                 const std::string& points, const TerminalStyle& style) {
  const int gap = std::max(1, style.width - left_columns - static_cast<int>(points.size()));
  return left + std::string(gap, ' ') + points;
}

std::string mark(const grading::CheckResult& check, const TerminalStyle& style) {
  const Painter paint(style);
  if (check.status == CheckStatus::kPassed && check.score >= check.max_score) {
    return paint(kGreen, style.unicode ? "✓" : "PASS");
  }
  if (check.status == CheckStatus::kFailed || check.status == CheckStatus::kPassed) {
    return paint(kRed, style.unicode ? "✗" : "FAIL");
  }
  if (check.status == CheckStatus::kSkipped) return paint(kDim, style.unicode ? "-" : "SKIP");
  return paint(kYellow, style.unicode ? "!" : "FAIL");
}

// The name, with what went wrong when it was more than a wrong answer.
std::string label(const grading::CheckResult& check) {
  if (check.status == CheckStatus::kPassed || check.status == CheckStatus::kFailed)
    return check.name;
  return fmt::format("{} ({})", check.name, status_phrase(check.status));
}

// `line` cut at spaces into pieces of at most `columns` (a longer word stays whole); the pieces
// after the first are indented two more than the line.
std::vector<std::string> wrapped(const std::string& line, size_t columns) {
  const size_t lead = std::min(line.find_first_not_of(' '), line.size());
  const std::string continuation = line.substr(0, lead) + "  ";
  std::vector<std::string> pieces;
  std::string piece = line.substr(0, lead);
  bool empty = true;
  std::istringstream words(line.substr(lead));
  for (std::string word; words >> word;) {
    if (!empty && util::text_columns(piece) + 1 + util::text_columns(word) > columns) {
      pieces.push_back(piece);
      piece = continuation;
      empty = true;
    }
    piece += (empty ? "" : " ") + word;
    empty = false;
  }
  pieces.push_back(piece);
  return pieces;
}

void print_indented(std::ostream& out, const std::string& text, const TerminalStyle& style) {
  constexpr size_t kIndent = 6;
  const size_t columns = style.width > 40 ? static_cast<size_t>(style.width) - kIndent : 74;
  std::istringstream lines(text);
  std::string line;
  int shown = 0;
  int hidden = 0;
  while (std::getline(lines, line)) {
    if (shown >= style.max_output_lines) {
      ++hidden;
      continue;
    }
    ++shown;
    if (!style.wrap || util::text_columns(line) <= columns) {
      out << std::string(kIndent, ' ') << line << "\n";
      continue;
    }
    for (const std::string& piece : wrapped(line, columns)) {
      out << std::string(kIndent, ' ') << piece << "\n";
    }
  }
  if (hidden > 0) out << fmt::format("      ... ({} more lines)\n", hidden);
}

void print_check(std::ostream& out, const grading::CheckResult& check, std::uint64_t seed,
                 const TerminalStyle& style) {
  const std::string points =
      fmt::format("{}/{}", util::points_text(check.score), util::points_text(check.max_score));
  const std::string name = label(check);
  const int columns = 2 + mark_width(style) + 1 + static_cast<int>(name.size());
  out << with_points_at_right("  " + mark(check, style) + " " + name, columns, points, style)
      << "\n";
  const bool attention = needs_attention(check);
  if (!attention && !(style.verbose && check.status == CheckStatus::kPassed)) {
    print_indented(out, whole_picture_note(check), style);
    return;
  }
  print_indented(out, attention ? check_explanation(check) : check.output, style);
  // The picture whole: its lines are never cut or wrapped.
  std::istringstream picture(picture_text(check, style.unicode));
  for (std::string line; std::getline(picture, line);) out << "      " << line << "\n";
  if (!attention) return;
  // A command stays on one line, to be copied whole.
  const std::string reproduce = reproduce_line(check, seed);
  if (!reproduce.empty()) out << "      " << reproduce << "\n";
}

// Whether the report shows `check`: one that ran and that a student may see. A narrowed result
// (`coverage`) holds only what was selected: a hidden check in it was asked for by --only (as
// feedback after the deadline says to reproduce one), so it is shown.
bool is_shown(const grading::SubmissionResult& result, const grading::CheckResult& check) {
  return (result.coverage || grading::visible_to_student(check.visibility)) &&
         check.status != CheckStatus::kSkipped;
}

// The total the JSON says too (score, max_score), and what it covers: the checks run here, the
// hidden ones graded later (counted, not named), the ones --only left out.
void print_total(std::ostream& out, const grading::SubmissionResult& result,
                 const TerminalStyle& style) {
  const Painter paint(style);
  const std::string total = fmt::format("Total: {}/{}", util::points_text(result.score),
                                        util::points_text(result.max_score));
  if (!result.coverage) {
    out << paint(kBold, total) << "\n";
    return;
  }
  const grading::Coverage& coverage = *result.coverage;
  out << paint(kBold, total) << " for the "
      << util::count_text(static_cast<long long>(result.checks.size()), "check")
      << (was_built(result) ? " run here" : " that would have run") << ", of "
      << util::points_text(coverage.rubric_points) << " points in all.\n";
  if (coverage.hidden_checks > 0) {
    out << graded_later(coverage.hidden_checks, coverage.hidden_points) << ", not here.\n";
  }
  if (coverage.other_checks > 0) {
    out << fmt::format("{} ({} points) left out by --only.\n",
                       util::count_text(coverage.other_checks, "check"),
                       util::points_text(coverage.other_points));
  }
}

void print_build_problem(std::ostream& out, const grading::SubmissionResult& result,
                         const TerminalStyle& style) {
  const Painter paint(style);
  out << paint(kRed, style.unicode ? "✗ " : "FAIL ") << build_problem_summary(result) << "\n";
  if (!result.build_log.empty()) {
    out << "\n";
    TerminalStyle log_style = style;  // a compiler's messages get more lines than a check's
    log_style.max_output_lines = 40;
    print_indented(out, result.build_log, log_style);
  }
  if (!result.build_log_full.empty()) {
    out << paint(kDim,
                 "      (The compiler's whole output: grade --local --json FILE, key "
                 "build_log_full.)")
        << "\n";
  }
  out << "\n";
  print_total(out, result, style);
}

void print_footer(std::ostream& out, const grading::SubmissionResult& result,
                  const TerminalStyle& style) {
  const Painter paint(style);
  const grading::CheckResult* first_problem = nullptr;
  for (const grading::CheckResult& check : result.checks) {
    if (first_problem == nullptr && is_shown(result, check) && needs_attention(check)) {
      first_problem = &check;
    }
  }
  print_total(out, result, style);
  if (result.status == grading::SubmissionStatus::kGraderError) {
    out << paint(kYellow,
                 "The grader itself failed on a check (marked !). Not your fault: grade "
                 "again, and tell your TA if it happens again.")
        << "\n";
  }
  if (first_problem != nullptr) {
    out << fmt::format("Seed {}. Rerun one check: {}\n", result.seed,
                       protocol::reproduce_command(first_problem->id, result.seed));
  } else {
    out << fmt::format("Seed {}. Every check shown passes.\n", result.seed);
  }
  const std::string isolation = isolation_note(result.containment);
  if (!isolation.empty()) out << paint(kDim, isolation) << "\n";
}

}  // namespace

void print_local_report(std::ostream& out, const grading::SubmissionResult& result,
                        const score::Rubric& rubric, const TerminalStyle& style) {
  const Painter paint(style);
  out << paint(kBold, rubric.title) << (result.submission.empty() ? "" : ": " + result.submission)
      << "\n\n";
  if (!was_built(result)) {
    print_build_problem(out, result, style);
    return;
  }
  const auto shown = [&result](const grading::CheckResult& check) {
    return is_shown(result, check);
  };
  for (const ComponentGroup& group : group_by_component(result.checks, shown)) {
    const std::string points =
        fmt::format("{}/{}", util::points_text(group.score), util::points_text(group.max_score));
    out << with_points_at_right(paint(kBold, group.title), static_cast<int>(group.title.size()),
                                points, style)
        << "\n";
    for (const grading::CheckResult* check : group.checks) {
      print_check(out, *check, result.seed, style);
    }
    out << "\n";
  }
  print_footer(out, result, style);
}

}  // namespace report
