// What a batch writes last, for the whole class: OUT/report.html (report/report_html.h), from
// every result of the batch, with what changed since the last run into the same OUT.
#pragma once

#include <filesystem>
#include <vector>

#include "pipeline/grade_submission.h"
#include "protocol/result.h"
#include "report/score_changes.h"

namespace nn_grade::cli {

// Writes OUT/report.html and returns its path. Throws std::system_error when it cannot.
std::filesystem::path write_class_page(const std::filesystem::path& out,
                                       const pipeline::GradingContext& context,
                                       const std::vector<protocol::SubmissionResult>& results,
                                       std::vector<report::ScoreChange> changes);

}  // namespace nn_grade::cli
