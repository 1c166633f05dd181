#include "gradebook/summary_csv.h"

#include <map>

#include "gradebook/csv.h"
#include "util/atomic_file.h"
#include "util/points_text.h"

namespace nn_grade::gradebook {
namespace {

std::string check_cell(const protocol::CheckResult& check) {
  bool answered = check.status == protocol::CheckStatus::kPassed ||
                  check.status == protocol::CheckStatus::kFailed;
  return answered ? util::points_text(check.score) : protocol::to_string(check.status);
}

CsvRow summary_row(const protocol::SubmissionResult& result,
                   const std::vector<std::string>& check_ids) {
  CsvRow row{result.submission, protocol::to_string(result.status), util::points_text(result.score),
             util::points_text(result.max_score), result.late ? "yes" : "no"};
  std::map<std::string, const protocol::CheckResult*> by_id;
  for (const protocol::CheckResult& check : result.checks) by_id[check.id] = &check;
  for (const std::string& id : check_ids) {
    auto found = by_id.find(id);
    row.push_back(found == by_id.end() ? "" : check_cell(*found->second));
  }
  return row;
}

}  // namespace

std::string summary_csv(const std::vector<protocol::SubmissionResult>& results,
                        const std::vector<std::string>& check_ids) {
  CsvRow header{"submission", "status", "score", "max_score", "late"};
  header.insert(header.end(), check_ids.begin(), check_ids.end());
  std::string text = format_csv_row(header, ',', false);
  for (const protocol::SubmissionResult& result : results) {
    text += format_csv_row(summary_row(result, check_ids), ',', false);
  }
  return text;
}

void write_summary_csv(const std::filesystem::path& path,
                       const std::vector<protocol::SubmissionResult>& results,
                       const std::vector<std::string>& check_ids) {
  util::write_file_atomically(path, summary_csv(results, check_ids));
}

}  // namespace nn_grade::gradebook
