// Canvas's gradebook export, read: its columns, its special rows, its students.
//   Student,ID,SIS User ID,SIS Login ID,Section,Title (assignment id)...,totals...
//   [a "Manual Posting" row]
//   [    Points Possible,...]
//   "Last, First",48213,...   one row per student, the Test Student last
#pragma once

#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "csv.h"

namespace gradebook {

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
  csv::Row header;
  std::vector<csv::Row> rows;  // after the header, each as long as the header
  std::vector<RowKind> kinds;  // one per row
  std::vector<size_t>
      student_columns;  // Student, ID, SIS User ID, SIS Login ID, Section: present ones
  size_t student = 0, id = 0;
  std::optional<size_t> sis_user_id, sis_login_id;
};

// Throws CanvasError when the file cannot be read, is malformed (with its line), or lacks the
// Student and ID columns.
CanvasGradebook read_canvas_gradebook(const std::filesystem::path& path);

// The column of the assignment named `assignment`: its title ("Coursework 3"), its id
// ("12345"), or its whole header. Throws CanvasError listing the assignment columns when none
// or more than one matches.
size_t find_assignment_column(const CanvasGradebook& gradebook, const std::string& assignment);

// Canvas's own sandbox student, "Student, Test".
bool is_test_student(const csv::Row& row, const CanvasGradebook& gradebook);

}  // namespace gradebook
