// `grade --local --watch`: the student's folder graded again on every save of one of the four
// files, as test runners' watch modes do, until Ctrl-C. Each run rebuilds only the files that
// changed (the build cache holds every object by its content).
#pragma once

#include "cli/exit_status.h"
#include "cli/local_mode.h"

namespace nn_grade::cli {

// Grades `options.dir`, then again after every save (a burst of events within 200 ms is one
// save), each run set apart by a heading (and, on a terminal, a cleared screen). Ctrl-C or
// SIGTERM, at any moment, kills and reaps every process grading started and exits the process
// with status 0. Returns kGraderError, saying why on stderr, only when the folder cannot be
// watched (or stops existing).
ExitStatus run_local_watch(const LocalOptions& options, const pipeline::GradingContext& context);

}  // namespace nn_grade::cli
