#include "gradebook/canvas_gradebook.h"
#include "util/file_text.h"

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <sstream>

namespace nn_grade::gradebook {
namespace {

const char* const kStudentColumns[] = {"Student",     "LastName",     "FirstName", "ID",
                                       "SIS User ID", "SIS Login ID", "Section"};

std::string trimmed(const std::string& text) {
  size_t begin = text.find_first_not_of(" \t");
  if (begin == std::string::npos) return "";
  return text.substr(begin, text.find_last_not_of(" \t") - begin + 1);
}

std::string read_text(const std::filesystem::path& path) {
  std::string text, err;
  if (!util::read_file(path, &text, &err)) throw CanvasError("the Canvas gradebook: " + err);
  return text;
}

std::optional<size_t> column_named(const CsvRow& header, const std::string& name) {
  auto found = std::find_if(header.begin(), header.end(),
                            [&](const std::string& cell) { return trimmed(cell) == name; });
  if (found == header.end()) return std::nullopt;
  return static_cast<size_t>(found - header.begin());
}

// As Canvas's importer tells them apart (check_for_non_student_row): "Points Possible" in the
// first column; a row of nothing but "Muted" or "Manual Posting..." cells.
RowKind kind_of(const CsvRow& row, const CanvasGradebook& gradebook) {
  if (row[gradebook.student].find("Points Possible") != std::string::npos) {
    return RowKind::kPointsPossible;
  }
  if (!trimmed(row[gradebook.id]).empty()) return RowKind::kStudent;
  bool manual_posting = std::any_of(row.begin(), row.end(), [](const std::string& cell) {
    std::string text = trimmed(cell);
    return text.rfind("Manual Posting", 0) == 0 || text == "Muted";
  });
  return manual_posting ? RowKind::kManualPosting : RowKind::kOther;
}

// "Coursework 3 (12345)" -> {"Coursework 3", "12345"}; nullopt for a column that is not one.
std::optional<std::pair<std::string, std::string>> assignment_title_and_id(
    const std::string& header) {
  std::string text = trimmed(header);
  size_t open = text.rfind(" (");
  if (open == std::string::npos || text.back() != ')') return std::nullopt;
  std::string id = text.substr(open + 2, text.size() - open - 3);
  if (id.empty() ||
      !std::all_of(id.begin(), id.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    return std::nullopt;
  }
  return std::make_pair(text.substr(0, open), id);
}

std::string list_of(const std::vector<std::string>& names) {
  std::string text;
  for (const std::string& name : names) text += (text.empty() ? "\"" : ", \"") + name + "\"";
  return text.empty() ? "none" : text;
}

}  // namespace

CanvasGradebook read_canvas_gradebook(const std::filesystem::path& path) {
  std::string text = read_text(path);
  CanvasGradebook gradebook;
  std::string_view body = strip_bom(text);
  gradebook.bom = body.size() != text.size();
  gradebook.delimiter = detect_csv_delimiter(body.substr(0, body.find('\n')));
  gradebook.line_end = line_end_of(body);
  std::vector<CsvRow> records;
  try {
    records = parse_csv(body, gradebook.delimiter);
  } catch (const CsvError& error) {
    throw CanvasError(path.string() + ", " + error.what());
  }
  if (records.empty())
    throw CanvasError(path.string() + " is empty: expected Canvas's gradebook export");

  gradebook.header = records.front();
  std::optional<size_t> student = column_named(gradebook.header, "Student");
  if (!student) {
    student = column_named(gradebook.header, "LastName");
    gradebook.first_name = column_named(gradebook.header, "FirstName");
    if (!gradebook.first_name) student.reset();
  }
  std::optional<size_t> id = column_named(gradebook.header, "ID");
  if (!student || !id) {
    throw CanvasError(path.string() +
                      " is not Canvas's gradebook export: its first line has neither \"Student\" "
                      "nor \"LastName\" and \"FirstName\", or no \"ID\" column");
  }
  gradebook.student = *student;
  gradebook.id = *id;
  gradebook.sis_user_id = column_named(gradebook.header, "SIS User ID");
  gradebook.sis_login_id = column_named(gradebook.header, "SIS Login ID");
  for (const char* name : kStudentColumns) {
    if (std::optional<size_t> column = column_named(gradebook.header, name)) {
      gradebook.student_columns.push_back(*column);
    }
  }
  std::sort(gradebook.student_columns.begin(), gradebook.student_columns.end());

  for (size_t i = 1; i < records.size(); ++i) {
    CsvRow row = records[i];
    row.resize(std::max(row.size(), gradebook.header.size()));
    gradebook.kinds.push_back(kind_of(row, gradebook));
    gradebook.rows.push_back(std::move(row));
  }
  return gradebook;
}

size_t find_assignment_column(const CanvasGradebook& gradebook, const std::string& assignment) {
  std::string wanted = trimmed(assignment);
  std::vector<std::string> all, matching;
  size_t column = 0;
  for (size_t i = 0; i < gradebook.header.size(); ++i) {
    auto title_and_id = assignment_title_and_id(gradebook.header[i]);
    if (!title_and_id) continue;
    all.push_back(trimmed(gradebook.header[i]));
    if (wanted == title_and_id->first || wanted == title_and_id->second || wanted == all.back()) {
      matching.push_back(all.back());
      column = i;
    }
  }
  if (matching.size() == 1) return column;
  if (matching.empty()) {
    throw CanvasError("no assignment \"" + wanted +
                      "\" in the Canvas gradebook; its assignment "
                      "columns are: " +
                      list_of(all) + ". Give the title or the id of one of them.");
  }
  throw CanvasError("more than one assignment matches \"" + wanted +
                    "\" in the Canvas "
                    "gradebook: " +
                    list_of(matching) + ". Give the assignment's id instead.");
}

bool is_test_student(const CsvRow& row, const CanvasGradebook& gradebook) {
  std::string name = student_name(row, gradebook);
  return name == "Student, Test" || name == "Test Student";
}

std::string student_name(const CsvRow& row, const CanvasGradebook& gradebook) {
  std::string last = trimmed(row[gradebook.student]);
  if (!gradebook.first_name) return last;
  std::string first = trimmed(row[*gradebook.first_name]);
  if (last.empty() || first.empty()) return last + first;
  return last + ", " + first;
}

std::optional<double> points_possible(const CanvasGradebook& gradebook, size_t column) {
  for (size_t i = 0; i < gradebook.rows.size(); ++i) {
    if (gradebook.kinds[i] == RowKind::kPointsPossible) {
      return canvas_number(gradebook.rows[i][column]);
    }
  }
  return std::nullopt;
}

// Canvas's converter decimal_comma_to_period: in "-?[0-9.,]+", the last '.' or ',' is the
// decimal point and the others group thousands.
std::optional<double> canvas_number(const std::string& cell) {
  std::string text = trimmed(cell);
  bool negative = !text.empty() && text.front() == '-';
  if (negative) text.erase(0, 1);
  if (text.empty() || !std::all_of(text.begin(), text.end(), [](char c) {
        return (c >= '0' && c <= '9') || c == '.' || c == ',';
      })) {
    return std::nullopt;
  }
  size_t point = text.find_last_of(".,");
  std::string digits;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] >= '0' && text[i] <= '9') {
      digits += text[i];
    } else if (i == point) {
      digits += '.';
    }
  }
  if (digits.find_first_of("0123456789") == std::string::npos) return std::nullopt;
  double value = std::strtod(digits.c_str(), nullptr);
  return negative ? -value : value;
}

}  // namespace nn_grade::gradebook
