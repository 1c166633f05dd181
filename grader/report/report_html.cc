#include "report/report_html.h"

#include <random>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "report/components.h"
#include "report/html_text.h"
#include "report/mistake_names.h"
#include "report/report_assets.h"
#include "report/report_charts.h"
#include "util/atomic_file.h"
#include "util/count_text.h"
#include "util/points_text.h"

namespace nn_grade::report {
namespace {

std::string points_of(double score, double max_score) {
  return util::points_text(score) + " / " + util::points_text(max_score);
}

std::string row_id(std::size_t row) { return fmt::format("s-{}", row); }

std::string student_link(const StudentRow& row) {
  return fmt::format("<a href=\"{}\">{}</a>", html_escape(feedback_link(row.submission)),
                     html_escape(row.submission));
}

std::string outcome_text(const StudentRow& row) {
  switch (row.status) {
    case protocol::SubmissionStatus::kGraded:
      return row.nothing_passed ? "no check passed" : "graded";
    case protocol::SubmissionStatus::kBuildFailed:
      return "did not build";
    case protocol::SubmissionStatus::kMissingFiles: {
      const std::string files = fmt::format("{}", fmt::join(row.missing_files, ", "));
      return "missing " + (files.empty() ? std::string("files") : files);
    }
    case protocol::SubmissionStatus::kGraderError:
      return "grader error: graded again next run";
  }
  return protocol::to_string(row.status);
}

// The status cell: a mark and words, so colour is never the only signal.
std::string outcome_cell(const StudentRow& row) {
  const bool problem = needs_a_look(row);
  return fmt::format("<span class=\"{}\">{} {}</span>", problem ? "status-problem" : "status-ok",
                     problem ? "✗" : "✓", html_escape(outcome_text(row)));
}

void write_head(std::string& out, const ClassReport& report, const std::string& nonce) {
  out += fmt::format(
      "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
      "style-src 'nonce-{0}'; script-src 'nonce-{0}'; img-src data:; base-uri 'none'; "
      "form-action 'none'\">\n"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
      "<title>{1}: the class at a glance</title>\n<style nonce=\"{0}\">{2}</style>\n</head>\n",
      nonce, html_escape(report.source.title), kReportCss);
}

void write_header(std::string& out, const ClassReport& report) {
  std::string statuses;
  for (const auto& [status, count] : report.summary.per_status) {
    statuses += fmt::format("{}{} {}", statuses.empty() ? "" : ", ", count,
                            html_escape(protocol::to_string(status)));
  }
  out += fmt::format(
      "<header>\n<h1>{}: the class at a glance</h1>\n<p class=\"lead\">{}: {}. "
      "Written {}.</p>\n</header>\n",
      html_escape(report.source.title), util::count_text(report.summary.submissions, "submission"),
      statuses.empty() ? "none" : statuses, html_escape(report.source.written_at));
}

void write_attention(std::string& out, const ClassReport& report) {
  std::string items;
  std::size_t count = 0;
  for (std::size_t row = 0; row < report.students.size(); ++row) {
    const StudentRow& student = report.students[row];
    if (!needs_a_look(student)) continue;
    count += 1;
    items += fmt::format("<li>{}: {} (<a href=\"#{}\">row</a>)</li>\n", student_link(student),
                         html_escape(outcome_text(student)), row_id(row));
  }
  if (count == 0) return;
  out += fmt::format(
      "<section class=\"attention\" id=\"needs-a-look\" aria-labelledby=\"needs-a-look-title\">\n"
      "<h2 id=\"needs-a-look-title\">Needs a look first: {}</h2>\n<p>These submissions did not "
      "build, lack a file, passed no check (an untouched template?), or met an error of the "
      "grader's. Their feedback says what happened.</p>\n<ul>\n{}</ul>\n"
      "</section>\n",
      util::count_text(static_cast<long long>(count), "student"), items);
}

void write_changes(std::string& out, const ClassReport& report) {
  if (report.changes.empty()) return;
  out += fmt::format(
      "<section id=\"changes\" aria-labelledby=\"changes-title\">\n<h2 id=\"changes-title\">"
      "Changed since the last run: {}</h2>\n<p>Check these before importing into Canvas "
      "again.</p>\n<table>\n<caption>Scores that changed, before and now</caption>\n<thead><tr>"
      "<th scope=\"col\">Student</th><th scope=\"col\">Before</th><th scope=\"col\">Now</th>"
      "</tr></thead>\n<tbody>\n",
      util::count_text(static_cast<long long>(report.changes.size()), "student"));
  for (const ScoreChange& change : report.changes) {
    out +=
        fmt::format("<tr><th scope=\"row\"><a href=\"{}\">{}</a></th><td>{}</td><td>{}</td></tr>\n",
                    html_escape(feedback_link(change.submission)), html_escape(change.submission),
                    change.before ? html_escape(grade_text(*change.before)) : "not graded before",
                    html_escape(grade_text(change.after)));
  }
  out += "</tbody>\n</table>\n</section>\n";
}

void write_distribution(std::string& out, const ClassReport& report) {
  const ClassSummary& summary = report.summary;
  out +=
      "<section id=\"distribution\" aria-labelledby=\"distribution-title\">\n"
      "<h2 id=\"distribution-title\">Scores</h2>\n";
  if (summary.scored == 0) {
    out += "<p>No submission was scored.</p>\n</section>\n";
    return;
  }
  out += fmt::format(
      "<p>{} scored (a submission that did not build scores 0), out of {} points: median "
      "<strong>{}</strong>, mean <strong>{}</strong>, lowest {}, highest {}.</p>\n",
      util::count_text(summary.scored, "student"), util::points_text(summary.max_score),
      util::points_text(summary.median), util::points_text(summary.mean),
      util::points_text(summary.min), util::points_text(summary.max));
  out += histogram_svg(summary);
  out +=
      "\n<details class=\"no-print\"><summary>The same as a table</summary>\n<table "
      "id=\"histogram-table\">\n<thead><tr><th scope=\"col\">Percent of the maximum</th>"
      "<th scope=\"col\" class=\"num\">Students</th></tr></thead>\n<tbody>\n";
  for (int bucket = 9; bucket >= 0; --bucket) {
    out += fmt::format(
        "<tr><th scope=\"row\">{}</th><td class=\"num\">{}</td></tr>\n",
        bucket == 9 ? std::string("90–100%") : fmt::format("{}–{}%", bucket * 10, bucket * 10 + 9),
        summary.histogram[static_cast<std::size_t>(bucket)]);
  }
  out += "</tbody>\n</table>\n</details>\n</section>\n";
}

std::string share_row(const PassShare& share, const char* kind, const std::string& label) {
  return fmt::format(
      "<tr class=\"{}\" data-id=\"{}\" data-passed=\"{}\" data-counted=\"{}\"><th scope=\"row\">"
      "{}</th><td>{}</td><td class=\"num\">{} of {}</td><td class=\"num\">{}</td></tr>\n",
      kind, html_escape(share.id), share.passed, share.counted, label,
      share_bar_svg(share.passed, share.counted), share.passed, share.counted,
      percent_text(share.passed, share.counted));
}

void write_shares(std::string& out, const ClassReport& report) {
  if (report.components.empty()) return;
  out +=
      "<section id=\"passed\" aria-labelledby=\"passed-title\">\n<h2 id=\"passed-title\">"
      "What the class passed, in the lecture's order</h2>\n<table id=\"shares\">\n<caption>"
      "Of every submission scored (one that did not build passed nothing): how many passed "
      "each part (every one of its checks) and each check</caption>\n<thead><tr><th "
      "scope=\"col\">Part or check</th><th scope=\"col\">Passed</th><th scope=\"col\" "
      "class=\"num\">Students</th><th scope=\"col\" class=\"num\">Share</th></tr></thead>\n";
  for (const ComponentShare& component : report.components) {
    out += "<tbody>\n" +
           share_row(component.component, "component", html_escape(component.component.title));
    for (const PassShare& check : component.checks) {
      out += share_row(check, "check",
                       fmt::format("{} <span class=\"ids\">{}</span>", html_escape(check.title),
                                   html_escape(check.id)));
    }
    out += "</tbody>\n";
  }
  out += "</table>\n</section>\n";
}

void write_mistakes(std::string& out, const ClassReport& report) {
  out +=
      "<section id=\"mistakes\" aria-labelledby=\"mistakes-title\">\n<h2 "
      "id=\"mistakes-title\">Named mistakes: what to re-teach</h2>\n";
  if (report.mistakes.empty()) {
    out += "<p>The checks named no usual mistake in this class.</p>\n</section>\n";
    return;
  }
  out += "<ol class=\"mistakes\">\n";
  for (const NamedMistake& mistake : report.mistakes) {
    std::string who;
    for (std::size_t row : mistake.students) {
      who += fmt::format("{}<a href=\"#{}\">{}</a>", who.empty() ? "" : ", ", row_id(row),
                         html_escape(report.students[row].submission));
    }
    out += fmt::format(
        "<li data-check=\"{}\" data-code=\"{}\" data-students=\"{}\"><strong>{}</strong>: {}: "
        "{}<br>{}</li>\n",
        html_escape(mistake.check_id), html_escape(mistake.code), mistake.students.size(),
        html_escape(mistake.check_title), html_escape(mistake_name(mistake.code)),
        util::count_text(static_cast<long long>(mistake.students.size()), "student"), who);
  }
  out += "</ol>\n</section>\n";
}

// More failed checks than this are a count, their ids a click away: a template's 29 would
// make its row a screen tall.
constexpr std::size_t kIdsShown = 3;

std::string failed_cell(const StudentRow& row) {
  std::string ids;
  for (const std::string& id : row.failed_checks) ids += (ids.empty() ? "" : " ") + id;
  if (row.failed_checks.size() <= kIdsShown) return html_escape(ids);
  return fmt::format("<details class=\"ids\"><summary>{}</summary>{}</details>",
                     util::count_text(static_cast<long long>(row.failed_checks.size()), "check"),
                     html_escape(ids));
}

std::string student_row(const ClassReport& report, std::size_t index) {
  const StudentRow& row = report.students[index];
  std::string mistakes;
  for (std::size_t m : row.mistakes) {
    mistakes += (mistakes.empty() ? "" : "; ") + mistake_name(report.mistakes[m].code) + " (" +
                report.mistakes[m].check_id + ")";
  }
  return fmt::format(
      "<tr id=\"{}\"><th scope=\"row\">{}</th><td class=\"num nowrap\" data-sort=\"{}\">{}</td>"
      "<td data-sort=\"{}{}\">{}</td><td class=\"nowrap\">{}</td><td class=\"ids\" "
      "data-sort=\"{}\">{}</td><td data-sort=\"{}\">{}</td></tr>\n",
      row_id(index), student_link(row), row.score, points_of(row.score, row.max_score),
      needs_a_look(row) ? 0 : 1, html_escape(outcome_text(row)), outcome_cell(row),
      row.late ? "late" : "on time", row.failed_checks.size(), failed_cell(row),
      row.mistakes.size(), html_escape(mistakes));
}

void write_students(std::string& out, const ClassReport& report) {
  out += fmt::format(
      "<section id=\"students-section\" aria-labelledby=\"students-title\">\n<h2 "
      "id=\"students-title\">Students</h2>\n<div class=\"filter\" id=\"filter-box\" hidden>"
      "<label for=\"filter\">Filter by any text: </label><input type=\"search\" id=\"filter\" "
      "autocomplete=\"off\"> <span id=\"shown\" role=\"status\" aria-live=\"polite\"></span>"
      "</div>\n<table id=\"students\">\n<caption>{}, those that need a look first; each name "
      "opens that student's feedback. Press a column's header to sort by it.</caption>\n"
      "<thead><tr><th scope=\"col\"><button type=\"button\">Student</button></th>"
      "<th scope=\"col\" class=\"num\" data-type=\"number\"><button type=\"button\">Score"
      "</button></th><th scope=\"col\"><button type=\"button\">Status</button></th>"
      "<th scope=\"col\"><button type=\"button\">Late</button></th><th scope=\"col\" "
      "data-type=\"number\"><button type=\"button\">Failed checks</button></th><th scope=\"col\" "
      "data-type=\"number\"><button type=\"button\">Named mistakes</button></th></tr></thead>\n"
      "<tbody>\n",
      util::count_text(static_cast<long long>(report.students.size()), "student"));
  for (std::size_t row = 0; row < report.students.size(); ++row) out += student_row(report, row);
  out += "</tbody>\n</table>\n</section>\n";
}

void write_source(std::string& out, const ClassReport& report) {
  std::string seen;
  for (const std::string& isolation : report.isolations) {
    seen += (seen.empty() ? "" : ", ") + isolation;
  }
  const ReportSource& source = report.source;
  out += fmt::format(
      "<footer>\n<h2>How these results were produced</h2>\n<dl class=\"source\">\n"
      "<dt>Rubric</dt><dd>{} (<code>{}</code>)</dd>\n<dt>Seed</dt><dd>{}</dd>\n"
      "<dt>Grader</dt><dd>nn-grade {}</dd>\n<dt>Containment</dt><dd>policy {}; the checks ran "
      "under {}</dd>\n</dl>\n</footer>\n",
      html_escape(source.title), html_escape(source.rubric), source.seed,
      html_escape(source.grader_version), html_escape(source.isolation_policy),
      seen.empty() ? "none (no check ran)" : html_escape(seen));
}

std::string random_nonce() {
  std::random_device device;
  return fmt::format("{:08x}{:08x}{:08x}{:08x}", device(), device(), device(), device());
}

}  // namespace

std::filesystem::path class_report_path(const std::filesystem::path& out_dir) {
  return out_dir / "report.html";
}

std::string feedback_link(const std::string& submission) {
  return url_segment(submission) + "/feedback.html";
}

std::string class_report_html(const ClassReport& report, const std::string& nonce) {
  std::string out;
  out.reserve(4096 + report.students.size() * 600);
  write_head(out, report, nonce);
  out += "<body>\n";
  write_header(out, report);
  out += "<main>\n";
  write_attention(out, report);
  write_changes(out, report);
  write_distribution(out, report);
  write_shares(out, report);
  write_mistakes(out, report);
  write_students(out, report);
  out += "</main>\n";
  write_source(out, report);
  out += fmt::format("<script nonce=\"{}\">{}</script>\n</body>\n</html>\n", nonce, kReportScript);
  return out;
}

void write_class_report(const std::filesystem::path& out_dir, const ClassReport& report) {
  util::write_file_atomically(class_report_path(out_dir),
                              class_report_html(report, random_nonce()));
}

}  // namespace nn_grade::report
