#include "report/feedback_markdown.h"

#include <algorithm>
#include <sstream>

#include <fmt/format.h>

#include "report/components.h"
#include "report/warning_notes.h"
#include "report/wording.h"
#include "util/count_text.h"
#include "util/points_text.h"

namespace nn_grade::report {
namespace {

using protocol::CheckStatus;

std::string table_cell(std::string text) {
  std::replace(text.begin(), text.end(), '\n', ' ');
  std::string escaped;
  for (char c : text) escaped += c == '|' ? std::string("\\|") : std::string(1, c);
  return escaped;
}

// A fence longer than any run of backticks inside, so no output can close the block early.
std::string code_block(const std::string& text) {
  std::size_t longest = 0;
  std::size_t run = 0;
  for (char c : text) {
    run = c == '`' ? run + 1 : 0;
    longest = std::max(longest, run);
  }
  const std::string fence(std::max<std::size_t>(3, longest + 1), '`');
  const bool ends_with_newline = !text.empty() && text.back() == '\n';
  return fence + "\n" + text + (ends_with_newline ? "" : "\n") + fence + "\n";
}

// The marks report.html uses, which every text font has (DejaVu's, Liberation's, a console's),
// unlike emoji, which show as empty boxes where no emoji font is installed.
std::string mark(const protocol::CheckResult& check) {
  if (check.status == CheckStatus::kPassed && check.score >= check.max_score) return "✓";
  if (check.status == CheckStatus::kSkipped) return "–";
  return "✗";
}

std::string visibility_note(const protocol::CheckResult& check) {
  return protocol::visible_to_student(check.visibility) ? "" : " *(hidden)*";
}

void write_header(std::ostream& out, const protocol::SubmissionResult& result,
                  const score::Rubric& rubric) {
  out << fmt::format("# {}: feedback for {}\n\n", rubric.title, result.submission);
  out << fmt::format("**Score: {} / {}**", util::points_text(result.score),
                     util::points_text(result.max_score));
  out << fmt::format(" · status: {} · seed {}", protocol::to_string(result.status), result.seed);
  if (result.late) out << " · submitted late";
  out << "\n\n";
  const std::string isolation = isolation_note(result.containment);
  if (!isolation.empty()) out << isolation << "\n\n";
}

void write_hidden_note(std::ostream& out, const protocol::SubmissionResult& result) {
  int hidden = 0;
  double points = 0.0;
  for (const protocol::CheckResult& check : result.checks) {
    if (protocol::visible_to_student(check.visibility)) continue;
    hidden += 1;
    points += check.max_score;
  }
  if (hidden == 0) return;
  out << fmt::format(
      "This feedback includes the results of {} ({} points), marked *(hidden)*: "
      "they were not shown by `grade --local` before the deadline.\n\n",
      util::count_text(hidden, "hidden check"), util::points_text(points));
}

void write_tables(std::ostream& out, const protocol::SubmissionResult& result) {
  const auto all = [](const protocol::CheckResult&) { return true; };
  for (const ComponentGroup& group : group_by_component(result.checks, all)) {
    out << fmt::format("## {}: {} / {}\n\n", group.title, util::points_text(group.score),
                       util::points_text(group.max_score));
    out << "| | Check | Points | Result |\n|---|---|---:|---|\n";
    for (const protocol::CheckResult* check : group.checks) {
      out << fmt::format("| {} | {}{} | {} / {} | {} |\n", mark(*check), table_cell(check->name),
                         visibility_note(*check), util::points_text(check->score),
                         util::points_text(check->max_score), status_phrase(check->status));
    }
    out << "\n";
  }
}

void write_failures(std::ostream& out, const protocol::SubmissionResult& result) {
  bool heading_written = false;
  for (const protocol::CheckResult& check : result.checks) {
    if (!needs_attention(check) && whole_picture_note(check).empty()) continue;
    if (!heading_written) out << "## What went wrong\n\n";
    heading_written = true;
    out << fmt::format("### {}{} ({} / {})\n\n", check.name, visibility_note(check),
                       util::points_text(check.score), util::points_text(check.max_score));
    const std::string explanation = check_explanation(check);
    if (!explanation.empty()) out << code_block(explanation) << "\n";
    const std::string picture = picture_text(check, true);
    if (!picture.empty()) out << code_block(picture) << "\n";
    for (const protocol::CompilerWarning* warning : warnings_beside(check, result.warnings)) {
      out << warning_sentence(*warning) << "\n\n";
    }
    const std::string reproduce = reproduce_line(check, result.seed);
    if (!reproduce.empty()) out << reproduce << "\n\n";
  }
}

void write_build_problem(std::ostream& out, const protocol::SubmissionResult& result) {
  out << "## Your submission did not build\n\n" << build_problem_summary(result) << "\n\n";
  if (!result.build_log.empty()) out << code_block(result.build_log) << "\n";
  out << "Check it yourself with `grade --local` in the folder with your four files.\n\n";
}

std::string closing_line(const protocol::SubmissionResult& result) {
  if (result.status == protocol::SubmissionStatus::kGraderError) {
    return "Part of this submission could not be graded because of a problem on our side; it will "
           "be graded again, and nothing above that says \"grader error\" counts against you.";
  }
  if (result.max_score > 0 && result.score >= result.max_score) {
    return "Full marks: every gradient, cache and step checks out. Excellent work!";
  }
  return "Thank you for your work on this coursework. If anything here is unclear, reply to "
         "this message or come to office hours: we are glad to help.";
}

}  // namespace

std::string feedback_markdown(const protocol::SubmissionResult& result,
                              const score::Rubric& rubric) {
  std::ostringstream out;
  write_header(out, result, rubric);
  if (was_built(result)) {
    write_hidden_note(out, result);
    write_tables(out, result);
    write_failures(out, result);
  } else {
    write_build_problem(out, result);
  }
  out << closing_line(result) << "\n";
  return out.str();
}

}  // namespace nn_grade::report
