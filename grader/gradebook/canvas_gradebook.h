// Canvas's gradebook export, read: its columns, its special rows, its students. Either
//   Student,ID,SIS User ID,SIS Login ID,Section,Title (assignment id)...,totals...
// or, when the course shows first and last names apart,
//   LastName,FirstName,ID,SIS User ID,SIS Login ID,Section,...
// (Canvas's own reader, instructure/canvas-lms app/models/gradebook_importer.rb,
// row_has_student_headers? and update_column_count, accepts exactly these two), then
//   [a "Manual Posting" row]
//   [    Points Possible,...]
//   "Last, First",48213,...   one row per student, the Test Student last
#pragma once

#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "gradebook/csv.h"

namespace nn_grade::gradebook {

// The export cannot be read or used; what() says why, for the TA.
class CanvasError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

enum class RowKind { kManualPosting, kPointsPossible, kStudent, kOther };

struct CanvasGradebook {
  bool bom = false;
  char delimiter = ',';
  std::string line_end = "\n";
  CsvRow header;
  std::vector<CsvRow> rows;    // after the header, each as long as the header
  std::vector<RowKind> kinds;  // one per row
  // Student (or LastName, FirstName), ID, SIS User ID, SIS Login ID, Section: present ones
  std::vector<size_t> student_columns;
  size_t student = 0;  // "Student", or "LastName" in the split variant
  size_t id = 0;
  std::optional<size_t> first_name;  // "FirstName": only in the split variant
  std::optional<size_t> sis_user_id, sis_login_id;
};

// Throws CanvasError when the file cannot be read, is malformed (with its line), or lacks the
// Student (or LastName and FirstName) and ID columns.
CanvasGradebook read_canvas_gradebook(const std::filesystem::path& path);

// The student's name as Canvas sorts it: "Doe, Jane" (joined from the split columns when the
// export has them; "Doe" or "Jane" when one of them is blank).
std::string student_name(const CsvRow& row, const CanvasGradebook& gradebook);

// The assignment's value in the Points Possible row, read as Canvas reads it ("20.00", "20,00");
// nullopt when the export has no such row or the cell is blank or not a number.
std::optional<double> points_possible(const CanvasGradebook& gradebook, size_t column);

// A cell as a number the way Canvas's importer reads one ("87.5", "87,5", "1.234,5"); nullopt for
// anything else ("", "-", "EX", "complete").
std::optional<double> canvas_number(const std::string& cell);

// The column of the assignment named `assignment`: its title ("Coursework 3"), its id
// ("12345"), or its whole header. Throws CanvasError listing the assignment columns when none
// or more than one matches.
size_t find_assignment_column(const CanvasGradebook& gradebook, const std::string& assignment);

// Canvas's own sandbox student, "Student, Test".
bool is_test_student(const CsvRow& row, const CanvasGradebook& gradebook);

}  // namespace nn_grade::gradebook
