#include "gradebook/student_matching.h"

#include <cctype>
#include <functional>
#include <string>

namespace nn_grade::gradebook {
namespace {

struct Student {
  std::string id, sis_user_id, sis_login_id;
};

bool same_ignoring_case(const std::string& a, const std::string& b) {
  if (a.empty() || a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(a[i])) !=
        std::tolower(static_cast<unsigned char>(b[i]))) {
      return false;
    }
  }
  return true;
}

std::string cell(const CsvRow& row, std::optional<size_t> column) {
  if (!column) return "";
  const std::string& text = row[*column];
  size_t begin = text.find_first_not_of(' ');
  return begin == std::string::npos ? ""
                                    : text.substr(begin, text.find_last_not_of(' ') - begin + 1);
}

using Rule = std::function<bool(const Student&, const protocol::SubmissionResult&)>;

const Rule kRules[] = {
    [](const Student& s, const protocol::SubmissionResult& r) {
      return !s.id.empty() && r.canvas_user_id == s.id;
    },
    [](const Student& s, const protocol::SubmissionResult& r) {
      return same_ignoring_case(s.sis_login_id, r.submission) || r.submission == s.id ||
             same_ignoring_case(s.sis_user_id, r.submission);
    },
};

}  // namespace

StudentMatches match_students(const CanvasGradebook& gradebook,
                              const std::vector<protocol::SubmissionResult>& results) {
  std::vector<Student> students;
  for (const CsvRow& row : gradebook.rows) {
    students.push_back({cell(row, gradebook.id), cell(row, gradebook.sis_user_id),
                        cell(row, gradebook.sis_login_id)});
  }
  StudentMatches matches;
  matches.result_of_row.resize(gradebook.rows.size());
  std::vector<bool> used(results.size(), false);
  for (const Rule& rule : kRules) {
    for (size_t row = 0; row < students.size(); ++row) {
      if (gradebook.kinds[row] != RowKind::kStudent || matches.result_of_row[row]) continue;
      for (size_t r = 0; r < results.size(); ++r) {
        if (used[r] || !rule(students[row], results[r])) continue;
        matches.result_of_row[row] = r;
        used[r] = true;
        break;
      }
    }
  }
  for (size_t r = 0; r < results.size(); ++r) {
    if (!used[r]) matches.unmatched_results.push_back(r);
  }
  return matches;
}

}  // namespace nn_grade::gradebook
