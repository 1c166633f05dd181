// Grading one submission from start to end: build it, run the rubric's checks, score them.
// The one pipeline that --local, --batch and --gradescope share.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "build/build_submission.h"
#include "build/toolchain.h"
#include "protocol/result.h"
#include "run/job_slots.h"
#include "score/rubric.h"

namespace pipeline {

// What every submission of one run shares.
struct GradingContext {
  build::Toolchain toolchain;
  score::Rubric rubric;
  std::uint64_t seed = 0;
  std::filesystem::path cache_dir;
  run::JobSlots* slots = nullptr;
  std::vector<std::string> only;  // when not empty, the checks to run; the rest are skipped
  bool include_hidden = true;     // false for --local: a student runs only what they may see
  bool debug = false;             // --debug: the student server runs under gdb
};

struct GradingEvents {
  std::function<void()> on_built;
  std::function<void(const grading::CheckResult&)> on_check_done;
};

// Never throws for anything the submission does; a fault of the grader's own becomes the
// status grader_error.
grading::SubmissionResult grade_submission(const std::filesystem::path& dir, const std::string& key,
                                           const GradingContext& context,
                                           const GradingEvents& events = {});

// How many checks grade_submission will run for this context (for progress lines).
int checks_to_run(const GradingContext& context);

}  // namespace pipeline
