#include "gradebook/summary_csv.h"

#include <map>

#include "gradebook/csv.h"
#include "report/atomic_file.h"
#include "util/points_text.h"

namespace gradebook {
namespace {

std::string check_cell(const grading::CheckResult& check) {
  bool answered = check.status == grading::CheckStatus::kPassed ||
                  check.status == grading::CheckStatus::kFailed;
  return answered ? util::points_text(check.score) : grading::to_string(check.status);
}

csv::Row summary_row(const grading::SubmissionResult& result,
                     const std::vector<std::string>& check_ids) {
  csv::Row row{result.submission, grading::to_string(result.status),
               util::points_text(result.score), util::points_text(result.max_score),
               result.late ? "yes" : "no"};
  std::map<std::string, const grading::CheckResult*> by_id;
  for (const grading::CheckResult& check : result.checks) by_id[check.id] = &check;
  for (const std::string& id : check_ids) {
    auto found = by_id.find(id);
    row.push_back(found == by_id.end() ? "" : check_cell(*found->second));
  }
  return row;
}

}  // namespace

std::string summary_csv(const std::vector<grading::SubmissionResult>& results,
                        const std::vector<std::string>& check_ids) {
  csv::Row header{"submission", "status", "score", "max_score", "late"};
  header.insert(header.end(), check_ids.begin(), check_ids.end());
  std::string text = csv::format_row(header, ',', false);
  for (const grading::SubmissionResult& result : results) {
    text += csv::format_row(summary_row(result, check_ids), ',', false);
  }
  return text;
}

void write_summary_csv(const std::filesystem::path& path,
                       const std::vector<grading::SubmissionResult>& results,
                       const std::vector<std::string>& check_ids) {
  report::write_file_atomically(path, summary_csv(results, check_ids));
}

}  // namespace gradebook
