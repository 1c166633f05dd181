#include "gradebook/canvas_import.h"

#include <cmath>

#include <fmt/format.h>

#include "gradebook/student_matching.h"
#include "util/atomic_file.h"
#include "util/points_text.h"

namespace nn_grade::gradebook {
namespace {

CsvRow project(const CsvRow& row, const std::vector<size_t>& columns, std::string last) {
  CsvRow out;
  for (size_t column : columns) out.push_back(row[column]);
  out.push_back(std::move(last));
  return out;
}

std::string describe_student(const CsvRow& row, const CanvasGradebook& gradebook) {
  return student_name(row, gradebook) + " (ID " + row[gradebook.id] + ")";
}

bool is_blank(const std::string& cell) {
  size_t begin = cell.find_first_not_of(" \t");
  return begin == std::string::npos ||
         cell.substr(begin, cell.find_last_not_of(" \t") - begin + 1) == "-";
}

// Whether Canvas would take `after` over `before` as a change to an existing grade
// (gradebook_importer.rb, no_change_to_value?: numbers compared at two decimals; "-" and blank
// are no grade). A blank `before` is no grade to lose.
bool changes_a_grade(const std::string& before, const std::string& after) {
  if (is_blank(before)) return false;
  std::optional<double> old_value = canvas_number(before);
  std::optional<double> new_value = canvas_number(after);
  if (!old_value || !new_value) return true;  // "EX", "complete": replaced by a number
  return util::points_text(*old_value) != util::points_text(*new_value);
}

// More than half of the submissions match no student row: not this class's gradebook.
void require_most_to_match(const std::filesystem::path& gradebook_csv,
                           const StudentMatches& matches, size_t results) {
  const size_t unmatched = matches.unmatched_results.size();
  if (results == 0 || unmatched * 2 <= results) return;
  throw CanvasError(fmt::format(
      "{} of the {} submissions match no student in {} (by Canvas user ID, or a folder named "
      "after a student's SIS Login ID, ID or SIS User ID): it looks like another course's "
      "gradebook. No Canvas import was written. Export this course's gradebook from Canvas "
      "(Grades > Export), or name the folders after the students' SIS Login IDs.",
      unmatched, results, gradebook_csv.string()));
}

}  // namespace

void check_submissions_match(const std::filesystem::path& gradebook_csv,
                             const std::vector<protocol::SubmissionResult>& results) {
  require_most_to_match(
      gradebook_csv, match_students(read_canvas_gradebook(gradebook_csv), results), results.size());
}

CanvasMatch write_canvas_import(const std::filesystem::path& gradebook_csv,
                                const CanvasImportOptions& options,
                                const std::vector<protocol::SubmissionResult>& results,
                                const std::filesystem::path& out_csv) {
  CanvasGradebook gradebook = read_canvas_gradebook(gradebook_csv);
  size_t column = find_assignment_column(gradebook, options.assignment);
  StudentMatches matches = match_students(gradebook, results);
  require_most_to_match(gradebook_csv, matches, results.size());

  CanvasMatch match;
  match.delimiter = gradebook.delimiter;
  match.assignment_column = gradebook.header[column];
  match.canvas_points = points_possible(gradebook, column);
  if (match.canvas_points && *match.canvas_points > 0 && options.rubric_points > 0 &&
      std::abs(*match.canvas_points - options.rubric_points) > 1e-9) {
    match.scale = *match.canvas_points / options.rubric_points;
  }

  std::string text = gradebook.bom ? "\xEF\xBB\xBF" : "";
  auto add_row = [&](const CsvRow& row, std::string last) {
    text += format_csv_row(project(row, gradebook.student_columns, std::move(last)),
                           gradebook.delimiter, true, gradebook.line_end);
  };
  auto add_score = [&](const CsvRow& row, double points) {
    std::string cell = util::points_text(points);
    if (changes_a_grade(row[column], cell)) {
      match.changes.push_back({student_name(row, gradebook), row[gradebook.id], row[column], cell});
    }
    add_row(row, cell);
  };
  add_row(gradebook.header, gradebook.header[column]);
  for (size_t i = 0; i < gradebook.rows.size(); ++i) {
    const CsvRow& row = gradebook.rows[i];
    switch (gradebook.kinds[i]) {
      case RowKind::kPointsPossible:
        if (match.canvas_points) add_row(row, row[column]);
        break;
      case RowKind::kManualPosting:
        if (!row[column].empty()) add_row(row, row[column]);
        break;
      case RowKind::kStudent:
        if (std::optional<size_t> r = matches.result_of_row[i]) {
          const protocol::SubmissionResult& result = results[*r];
          if (result.status == protocol::SubmissionStatus::kGraderError) {
            match.left_out.push_back(describe_student(row, gradebook));
          } else {
            add_score(row, result.score * match.scale);
          }
        } else if (!is_test_student(row, gradebook)) {
          match.students_without_submission.push_back(describe_student(row, gradebook));
          if (options.missing == MissingSubmission::kZero) add_score(row, 0.0);
        }
        break;
      case RowKind::kOther:
        break;
    }
  }
  for (size_t r : matches.unmatched_results) {
    match.unmatched_submissions.push_back(results[r].submission);
  }
  util::write_file_atomically(out_csv, text);
  return match;
}

std::string canvas_changes_csv(const std::vector<GradeChange>& changes, char delimiter) {
  std::string text =
      format_csv_row({"Student", "ID", "In Canvas now", "After import"}, delimiter, false);
  for (const GradeChange& change : changes) {
    text +=
        format_csv_row({change.student, change.id, change.before, change.after}, delimiter, false);
  }
  return text;
}

}  // namespace nn_grade::gradebook
