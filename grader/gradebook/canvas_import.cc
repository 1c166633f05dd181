#include "canvas_import.h"

#include "atomic_file.h"
#include "points_text.h"
#include "student_matching.h"

namespace gradebook {
namespace {

csv::Row project(const csv::Row& row, const std::vector<size_t>& columns, std::string last) {
  csv::Row out;
  for (size_t column : columns) out.push_back(row[column]);
  out.push_back(std::move(last));
  return out;
}

std::string describe_student(const csv::Row& row, const CanvasGradebook& gradebook) {
  return row[gradebook.student] + " (ID " + row[gradebook.id] + ")";
}

std::string score_cell(const grading::SubmissionResult& result) {
  if (result.status == grading::submission_status::kGraderError) return "";
  return points_text(result.score);
}

}  // namespace

CanvasMatch write_canvas_import(const std::filesystem::path& gradebook_csv,
                                const std::string& assignment, double points_possible,
                                const std::vector<grading::SubmissionResult>& results,
                                const std::filesystem::path& out_csv) {
  CanvasGradebook gradebook = read_canvas_gradebook(gradebook_csv);
  size_t column = find_assignment_column(gradebook, assignment);
  StudentMatches matches = match_students(gradebook, results);

  CanvasMatch match;
  match.assignment_column = gradebook.header[column];
  std::string text = gradebook.bom ? "\xEF\xBB\xBF" : "";
  auto add_row = [&](const csv::Row& row, std::string last) {
    text += csv::format_row(project(row, gradebook.student_columns, std::move(last)),
                            gradebook.delimiter, true, gradebook.line_end);
  };
  add_row(gradebook.header, gradebook.header[column]);
  for (size_t i = 0; i < gradebook.rows.size(); ++i) {
    const csv::Row& row = gradebook.rows[i];
    switch (gradebook.kinds[i]) {
      case RowKind::kPointsPossible:
        add_row(row, points_text(points_possible));
        break;
      case RowKind::kManualPosting:
        if (!row[column].empty()) add_row(row, row[column]);
        break;
      case RowKind::kStudent:
        if (std::optional<size_t> result = matches.result_of_row[i]) {
          add_row(row, score_cell(results[*result]));
          if (score_cell(results[*result]).empty()) {
            match.left_blank.push_back(describe_student(row, gradebook));
          }
        } else {
          add_row(row, "");
          if (!is_test_student(row, gradebook)) {
            match.students_without_submission.push_back(describe_student(row, gradebook));
          }
        }
        break;
      case RowKind::kOther:
        break;
    }
  }
  for (size_t r : matches.unmatched_results) {
    match.unmatched_submissions.push_back(results[r].submission);
  }
  report::write_file_atomically(out_csv, text);
  return match;
}

}  // namespace gradebook
