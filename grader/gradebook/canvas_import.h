// OUT/canvas-import.csv: Canvas's own gradebook export, cut down to the student columns and the
// one assignment's column, filled with the grader's scores, ready to import as it is.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "canvas_gradebook.h"
#include "result.h"

namespace gradebook {

struct CanvasMatch {
  std::vector<std::string> unmatched_submissions;  // graded, but no row: their keys
  std::vector<std::string>
      students_without_submission;  // "Doe, Jane (ID 48213)"; not the Test Student
  std::vector<std::string>
      left_blank;  // matched, but grader_error: no score sent ("Doe, Jane (ID 48213)")
  std::string assignment_column;  // "Coursework 3 (12345)"
};

// Reads `gradebook_csv` (Canvas's export) and writes `out_csv` atomically: the export's student
// columns that are present (Student, ID, SIS User ID, SIS Login ID, Section) and the assignment's
// column, found by title or id (see find_assignment_column); the Points Possible row with
// points_possible, a Manual Posting row where it marks this assignment, and every student row
// in its order, Test Student included. Every field is quoted; the BOM, delimiter and line ends
// are the export's. A score is the grader's, as a number ("87.5"; 0 for build_failed and
// missing_files); blank ("no change" to Canvas) for a student with no submission or whose
// grading hit a grader_error. Students are matched as match_students says.
// Throws CanvasError when the export cannot be read or the assignment is absent or ambiguous.
CanvasMatch write_canvas_import(const std::filesystem::path& gradebook_csv,
                                const std::string& assignment, double points_possible,
                                const std::vector<grading::SubmissionResult>& results,
                                const std::filesystem::path& out_csv);

}  // namespace gradebook
