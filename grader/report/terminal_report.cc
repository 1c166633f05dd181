#include "report/terminal_report.h"

#include <algorithm>
#include <sstream>

#include <fmt/format.h>

#include "protocol/checker_protocol.h"
#include "report/components.h"
#include "report/warning_notes.h"
#include "report/wording.h"
#include "util/count_text.h"
#include "util/points_text.h"
#include "util/text_columns.h"

namespace nn_grade::report {
namespace {

using protocol::CheckStatus;

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

std::string mark(const protocol::CheckResult& check, const TerminalStyle& style) {
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
std::string label(const protocol::CheckResult& check) {
  if (check.status == CheckStatus::kPassed || check.status == CheckStatus::kFailed)
    return check.name;
  return fmt::format("{} ({})", check.name, status_phrase(check.status));
}

// Columns on screen: colour codes take none.
size_t columns_of(const std::string& text) {
  std::string plain;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\033') {
      i = std::min(text.find('m', i), text.size());
    } else {
      plain += text[i];
    }
  }
  return util::text_columns(plain);
}

// The columns a line indented by `indent` may use: the terminal's (80 when it says fewer than
// 20, which no terminal a report can be read on has), at least 10.
size_t columns_after(size_t indent, const TerminalStyle& style) {
  const size_t width = style.width >= 20 ? static_cast<size_t>(style.width) : 80;
  return std::max<size_t>(width > indent ? width - indent : 0, 10);
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
    if (!empty && columns_of(piece) + 1 + columns_of(word) > columns) {
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

// `line` as the terminal shows it: whole when the style does not wrap or it fits, else
// wrapped().
std::vector<std::string> fitted(const std::string& line, size_t columns,
                                const TerminalStyle& style) {
  if (!style.wrap || columns_of(line) <= columns) return {line};
  return wrapped(line, columns);
}

// A shell command fitted the same way, each piece but the last ending in " \\", so that it runs
// the same when it is copied whole.
std::vector<std::string> command_pieces(const std::string& command, size_t columns,
                                        const TerminalStyle& style) {
  if (!style.wrap || columns_of(command) <= columns) return {command};
  std::vector<std::string> pieces = wrapped(command, columns - 2);
  for (size_t i = 0; i + 1 < pieces.size(); ++i) pieces[i] += " \\";
  return pieces;
}

// Each line of `text` fitted, after `indent` spaces.
void print_lines(std::ostream& out, const std::string& text, size_t indent,
                 const TerminalStyle& style) {
  std::istringstream lines(text);
  for (std::string line; std::getline(lines, line);) {
    for (const std::string& piece : fitted(line, columns_after(indent, style), style)) {
      out << std::string(indent, ' ') << piece << "\n";
    }
  }
}

// A check's output under it: at most `style.max_output_lines` of its lines, the rest counted.
void print_indented(std::ostream& out, const std::string& text, const TerminalStyle& style) {
  constexpr size_t kIndent = 6;
  std::istringstream lines(text);
  std::string line, shown;
  int count = 0, hidden = 0;
  while (std::getline(lines, line)) {
    if (count++ < style.max_output_lines) {
      shown += line + "\n";
    } else {
      ++hidden;
    }
  }
  print_lines(out, shown, kIndent, style);
  if (hidden > 0) out << fmt::format("      ... ({} more lines)\n", hidden);
}

// "`label` `command`" after `indent` spaces; on a terminal too narrow for that, the label on a
// line of its own and the command under it in pieces that still run (command_pieces). Nothing
// when `command` is "".
void print_command(std::ostream& out, const std::string& label, const std::string& command,
                   size_t indent, const TerminalStyle& style) {
  if (command.empty()) return;
  const std::string margin(indent, ' ');
  const size_t columns = columns_after(indent, style);
  if (!style.wrap || columns_of(label) + 1 + columns_of(command) <= columns) {
    out << margin << label << " " << command << "\n";
    return;
  }
  out << margin << label << "\n";
  for (const std::string& piece : command_pieces(command, columns, style)) {
    out << margin << piece << "\n";
  }
}

// `prefix` (`prefix_columns` wide on screen), then `name`, then `points` ending at the terminal's
// last column (or one space after the name). A name too long for that is fitted, its pieces
// under its first, the points after the last.
std::string with_points_at_right(const std::string& prefix, size_t prefix_columns,
                                 const std::string& name, const std::string& points,
                                 const TerminalStyle& style) {
  const size_t width = columns_after(0, style);
  const size_t taken = prefix_columns + points.size() + 1;
  std::vector<std::string> pieces = fitted(name, width > taken ? width - taken : 1, style);
  std::string text;
  size_t last = 0;  // the columns of the last line
  for (size_t i = 0; i < pieces.size(); ++i) {
    const std::string piece =
        i == 0 ? pieces[i] : pieces[i].substr(pieces[i].find_first_not_of(' '));
    text += (i == 0 ? prefix : "\n" + std::string(prefix_columns, ' ')) + piece;
    last = prefix_columns + columns_of(piece);
  }
  const size_t gap = width > last + points.size() ? width - last - points.size() : 1;
  return text + std::string(gap, ' ') + points;
}

// A failing check's compiler warnings (warning_notes.h), each noted in *shown.
void print_warnings_beside(std::ostream& out, const protocol::CheckResult& check,
                           const std::vector<protocol::CompilerWarning>& warnings,
                           const TerminalStyle& style,
                           std::vector<const protocol::CompilerWarning*>* shown) {
  std::string text;
  for (const protocol::CompilerWarning* warning : warnings_beside(check, warnings)) {
    text += warning_sentence(*warning) + "\n";
    shown->push_back(warning);
  }
  print_indented(out, text, style);
}

void print_check(std::ostream& out, const protocol::CheckResult& check, std::uint64_t seed,
                 const std::vector<protocol::CompilerWarning>& warnings, const TerminalStyle& style,
                 std::vector<const protocol::CompilerWarning*>* warnings_shown) {
  const std::string points =
      fmt::format("{}/{}", util::points_text(check.score), util::points_text(check.max_score));
  const size_t prefix_columns = 2 + static_cast<size_t>(mark_width(style)) + 1;
  out << with_points_at_right("  " + mark(check, style) + " ", prefix_columns, label(check), points,
                              style)
      << "\n";
  const bool attention = needs_attention(check);
  if (!attention && !(style.verbose && check.status == CheckStatus::kPassed)) {
    print_indented(out, whole_picture_note(check), style);
    return;
  }
  print_indented(out, attention ? check_explanation(check) : check.output, style);
  // The picture whole: its map's rows hold no space, so only its sentences are fitted.
  print_lines(out, picture_text(check, style.unicode), 6, style);
  if (!attention) return;
  print_warnings_beside(out, check, warnings, style, warnings_shown);
  print_command(out, "Reproduce:", reproduce_command(check, seed), 6, style);
}

// Whether the report shows `check`: one that ran and that a student may see. A narrowed result
// (`coverage`) holds only what was selected: a hidden check in it was asked for by --only (as
// feedback after the deadline says to reproduce one), so it is shown.
bool is_shown(const protocol::SubmissionResult& result, const protocol::CheckResult& check) {
  return (result.coverage || protocol::visible_to_student(check.visibility)) &&
         check.status != CheckStatus::kSkipped;
}

// The total the JSON says too (score, max_score), and what it covers: the checks run here, the
// hidden ones graded later (counted, not named), the ones --only left out.
void print_total(std::ostream& out, const protocol::SubmissionResult& result,
                 const TerminalStyle& style) {
  const Painter paint(style);
  const std::string total = fmt::format("Total: {}/{}", util::points_text(result.score),
                                        util::points_text(result.max_score));
  if (!result.coverage) {
    out << paint(kBold, total) << "\n";
    return;
  }
  const protocol::Coverage& coverage = *result.coverage;
  std::string text =
      fmt::format("{} for the {}{}, of {} points in all.\n", paint(kBold, total),
                  util::count_text(static_cast<long long>(result.checks.size()), "check"),
                  was_built(result) ? " run here" : " that would have run",
                  util::points_text(coverage.rubric_points));
  if (coverage.hidden_checks > 0) {
    text += graded_later(coverage.hidden_checks, coverage.hidden_points) + ", not here.\n";
  }
  if (coverage.other_checks > 0) {
    text += fmt::format("{} ({} points) left out by --only.\n",
                        util::count_text(coverage.other_checks, "check"),
                        util::points_text(coverage.other_points));
  }
  print_lines(out, text, 0, style);
}

void print_build_problem(std::ostream& out, const protocol::SubmissionResult& result,
                         const TerminalStyle& style) {
  const Painter paint(style);
  print_lines(out, paint(kRed, style.unicode ? "✗ " : "FAIL ") + build_problem_summary(result), 0,
              style);
  if (!result.build_log.empty()) {
    out << "\n";
    TerminalStyle log_style = style;  // a compiler's messages get more lines than a check's
    log_style.max_output_lines = 40;
    print_indented(out, result.build_log, log_style);
  }
  if (!result.build_log_full.empty()) {
    print_lines(out,
                paint(kDim,
                      "(The compiler's whole output: grade --local --json FILE, key "
                      "build_log_full.)"),
                6, style);
  }
  out << "\n";
  print_total(out, result, style);
}

void print_footer(std::ostream& out, const protocol::SubmissionResult& result,
                  const TerminalStyle& style) {
  const Painter paint(style);
  const protocol::CheckResult* first_problem = nullptr;
  for (const protocol::CheckResult& check : result.checks) {
    if (first_problem == nullptr && is_shown(result, check) && needs_attention(check)) {
      first_problem = &check;
    }
  }
  print_total(out, result, style);
  if (result.status == protocol::SubmissionStatus::kGraderError) {
    print_lines(out,
                paint(kYellow,
                      "The grader itself failed on a check (marked !). Not your fault: grade "
                      "again, and tell your TA if it happens again."),
                0, style);
  }
  const std::string seed = fmt::format("Seed {}.", result.seed);
  if (first_problem != nullptr) {
    print_command(out, seed + " Rerun one check:",
                  protocol::reproduce_command(first_problem->id, result.seed), 0, style);
  } else {
    print_lines(out, seed + " Every check shown passes.", 0, style);
  }
  const std::string isolation = isolation_note(result.containment);
  if (!isolation.empty()) print_lines(out, paint(kDim, isolation), 0, style);
}

}  // namespace

void print_local_report(std::ostream& out, const protocol::SubmissionResult& result,
                        const score::Rubric& rubric, const TerminalStyle& style) {
  const Painter paint(style);
  print_lines(
      out, paint(kBold, rubric.title) + (result.submission.empty() ? "" : ": " + result.submission),
      0, style);
  out << "\n";
  if (!was_built(result)) {
    print_build_problem(out, result, style);
    return;
  }
  const auto shown = [&result](const protocol::CheckResult& check) {
    return is_shown(result, check);
  };
  std::vector<const protocol::CompilerWarning*> warnings_shown;
  for (const ComponentGroup& group : group_by_component(result.checks, shown)) {
    const std::string points =
        fmt::format("{}/{}", util::points_text(group.score), util::points_text(group.max_score));
    out << with_points_at_right("", 0, paint(kBold, group.title), points, style) << "\n";
    for (const protocol::CheckResult* check : group.checks) {
      print_check(out, *check, result.seed, result.warnings, style, &warnings_shown);
    }
    out << "\n";
  }
  const auto listed = warnings_listed(result.warnings, warnings_shown);
  if (!listed.empty()) {
    print_lines(out, "Compiler warnings (they change no points, but each may be a bug):", 0, style);
    std::string text;
    for (const protocol::CompilerWarning* warning : listed)
      text += warning_sentence(*warning) + "\n";
    print_indented(out, text, style);
    out << "\n";
  }
  print_footer(out, result, style);
}

}  // namespace nn_grade::report
