// `grade --local [DIR]`: a student grades their own work and reads the report in ten seconds.
#pragma once

#include <filesystem>

#include "cli/exit_status.h"
#include "pipeline/grade_submission.h"

namespace nn_grade::cli {

struct LocalOptions {
  std::filesystem::path dir;        // the student's folder
  std::filesystem::path json_path;  // --json: where to write result.json, empty for none
  bool verbose = false;             // --verbose: passing checks show what they found too
};

// Grades the folder once and prints its report (and writes the JSON). Returns exit_status_of its
// result. Throws std::runtime_error only when the JSON cannot be written.
ExitStatus run_local(const LocalOptions& options, const pipeline::GradingContext& context);

}  // namespace nn_grade::cli
