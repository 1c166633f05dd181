// `grade --local [DIR]`: a student grades their own work and reads the report in ten seconds.
#pragma once

#include <filesystem>

#include "pipeline/grade_submission.h"

namespace cli {

struct LocalOptions {
  std::filesystem::path dir;        // the student's folder
  std::filesystem::path json_path;  // --json: where to write result.json, empty for none
};

// Returns the process exit status: 0 whenever grading ran, whatever the score.
int run_local(const LocalOptions& options, const pipeline::GradingContext& context);

}  // namespace cli
