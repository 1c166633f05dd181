// OUT/summary.csv: one row per submission, one column per check, for the TA's spreadsheet.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "protocol/result.h"

namespace nn_grade::gradebook {

// Columns: submission, status, score, max_score, late (yes/no), then one per check id: the
// points earned where the check passed or failed, its status word where it did not run to an
// answer (error, timeout, crashed, skipped, grader_error), blank where the submission has no
// such check (it did not build). Rows in the order given. Written atomically.
void write_summary_csv(const std::filesystem::path& path,
                       const std::vector<protocol::SubmissionResult>& results,
                       const std::vector<std::string>& check_ids);

// The same text, for tests and for writing elsewhere.
std::string summary_csv(const std::vector<protocol::SubmissionResult>& results,
                        const std::vector<std::string>& check_ids);

}  // namespace nn_grade::gradebook
