// What the class report's page carries inline: its style sheet and its one script (sorting and
// filtering the students' table). Constants, so the page is one file with nothing to fetch; their
// text is grader/report/assets/report.css and report.js, embedded at build time (embed.cmake).
#pragma once

namespace nn_grade::report {

// Screen and print (@media print) styles for report.html and feedback.html.
extern const char kReportCss[];

// Sorts the table #students by the column whose header button is pressed (aria-sort says
// how), filters its rows by the text in #filter, and reveals a row a link points at. Reads
// only the page; without it the page still shows everything.
extern const char kReportScript[];

}  // namespace nn_grade::report
