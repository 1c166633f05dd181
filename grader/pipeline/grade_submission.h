// Grading one submission from start to end: build it, run the rubric's checks, score them.
// The one pipeline that --local, --batch and --gradescope share.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "compile/build_submission.h"
#include "compile/toolchain.h"
#include "protocol/result.h"
#include "run/job_slots.h"
#include "score/rubric.h"

namespace nn_grade::pipeline {

// What every submission of one run shares.
struct GradingContext {
  compile::Toolchain toolchain;
  score::Rubric rubric;
  std::uint64_t seed = 0;
  std::filesystem::path cache_dir;
  run::JobSlots* slots = nullptr;
  std::vector<std::string> only;  // when not empty, the checks to run; the rest are skipped
  bool include_hidden = true;     // false for --local: a student runs only what they may see
  bool debug = false;             // --debug: the student server runs under gdb
  // Whether the checks the rubric judges alone are (on the stand-in server); false judges every
  // check end to end: the student kit's grade, or one that cannot start a checker without
  // no_new_privs (standins_possible).
  bool standins = false;
};

// Whether this grade can judge checks alone: it has the stand-in layers (`toolchain`) and does
// not itself run with no_new_privs (which its checkers would inherit, and then refuse the
// stand-ins' calls). The student kit's grade never does (cli/grade_main.cc).
bool standins_possible(const compile::Toolchain& toolchain);

struct GradingEvents {
  std::function<void()> on_built;
  std::function<void(const protocol::CheckResult&)> on_check_done;
};

// Never throws for anything the submission does; a fault of the grader's own becomes the
// status grader_error.
protocol::SubmissionResult grade_submission(const std::filesystem::path& dir,
                                            const std::string& key, const GradingContext& context,
                                            const GradingEvents& events = {});

// How many checks grade_submission will run for this context (for progress lines).
int checks_to_run(const GradingContext& context);

}  // namespace nn_grade::pipeline
