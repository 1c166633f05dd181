// OUT/canvas-import.csv: Canvas's own gradebook export, cut down to the student columns and the
// one assignment's column, filled with the grader's scores, ready to import as it is.
//
// What Canvas does with it (instructure/canvas-lms, app/models/gradebook_importer.rb): a row's
// cell replaces the student's grade, and a blank cell over an existing grade removes that grade
// (no_change_to_value? treats blank against a score as a change); a student with no row is left
// as they are; the Points Possible row sets what the assignment is worth (process_pp). So the
// import holds a row only for a grade that grading decided, and the Points Possible row only
// with Canvas's own value.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "gradebook/canvas_gradebook.h"
#include "protocol/result.h"

namespace nn_grade::gradebook {

// What the import says for a student who submitted nothing.
enum class MissingSubmission {
  kLeaveOut,  // no row: Canvas keeps what it has (a grade entered by hand stays)
  kZero,      // 0
};

struct CanvasImportOptions {
  std::string assignment;      // the column's title or id (see find_assignment_column)
  double rubric_points = 0.0;  // what the grader's scores are out of
  MissingSubmission missing = MissingSubmission::kLeaveOut;
};

// A grade already in the export that the import replaces with another.
struct GradeChange {
  std::string student;  // "Doe, Jane"
  std::string id;       // Canvas user id
  std::string before;   // as the export has it: "95.00", "EX"
  std::string after;    // as the import writes it: "87.5"
};

struct CanvasMatch {
  std::string assignment_column;                   // "Coursework 3 (12345)"
  std::vector<std::string> unmatched_submissions;  // graded, but no row: their keys
  // "Doe, Jane (ID 48213)"; not the Test Student. Left out, or 0 with MissingSubmission::kZero.
  std::vector<std::string> students_without_submission;
  // Matched, but grader_error: left out of the import ("Doe, Jane (ID 48213)")
  std::vector<std::string> left_out;
  std::vector<GradeChange> changes;  // in the export's row order
  // What Canvas says the assignment is worth, when the export says it.
  std::optional<double> canvas_points;
  // Canvas points per rubric point: canvas_points / rubric_points, 1 when either is unknown.
  double scale = 1.0;
  char delimiter = ',';  // the export's, for canvas-changes.csv too
};

// Stops a gradebook that is not this class's: throws CanvasError, saying how many submissions
// match no student and what to do, when more than half of `results` match no student row of
// `gradebook_csv` (match_students), such as another course's export. Nothing when `results` is
// empty. Throws CanvasError too when the export cannot be read.
void check_submissions_match(const std::filesystem::path& gradebook_csv,
                             const std::vector<protocol::SubmissionResult>& results);

// Reads `gradebook_csv` (Canvas's export) and writes `out_csv` atomically: the export's student
// columns that are present (Student or LastName and FirstName, ID, SIS User ID, SIS Login ID,
// Section) and the assignment's column; the Points Possible row with the export's own value
// (no such row when the export has none or its cell is blank), a Manual Posting row where it
// marks this assignment, then a row for each student whose grade grading decided, in the
// export's order: the grader's score ("87.5"; 0 for build_failed and missing_files), scaled by
// canvas_points / rubric_points when they differ. Left out: students with no submission (unless
// MissingSubmission::kZero), submissions that hit a grader_error, the Test Student unless it
// submitted. Every field is quoted; the BOM, delimiter and line ends are the export's. Students
// are matched as match_students says. A score differs from the export's when Canvas would see a
// change: compared at two decimals, as Canvas compares them.
// Throws CanvasError, writing nothing, when the export cannot be read, the assignment is absent
// or ambiguous, or most results match no student (check_submissions_match).
CanvasMatch write_canvas_import(const std::filesystem::path& gradebook_csv,
                                const CanvasImportOptions& options,
                                const std::vector<protocol::SubmissionResult>& results,
                                const std::filesystem::path& out_csv);

// OUT/canvas-changes.csv: a header (Student, ID, In Canvas now, After import) and one row per
// change, for the TA to read before uploading, separated by `delimiter` (the export's: a
// spreadsheet that wrote a semicolon export reads a semicolon file). Only the header when
// nothing changes.
std::string canvas_changes_csv(const std::vector<GradeChange>& changes, char delimiter = ',');

}  // namespace nn_grade::gradebook
