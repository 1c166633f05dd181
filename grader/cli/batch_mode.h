// `grade --batch SUBMISSIONS --out OUT`: a TA grades a class. Submissions are graded in
// parallel, one's failure never stops another, every result is written atomically as soon as
// it exists, and a second run grades only what is missing or changed. With a Canvas gradebook
// export, OUT/canvas-import.csv holds the grades grading decided and OUT/canvas-changes.csv
// every grade already in Canvas that importing it would replace (also printed). Last comes
// OUT/report.html, the class at a glance (docs/report.md), whose path is the last line printed;
// when OUT held results before, the scores that changed are printed and in the page.
//
// With a shard (--shard K/N) it grades only that shard's submissions and writes only their
// results: summary.csv, the Canvas import and the class report are the head step's, a batch
// without --shard on the same OUT, which grades only what no shard graded and names it
// (docs/cluster.md).
#pragma once

#include <filesystem>
#include <optional>
#include <string>

#include "cli/shard.h"
#include "gradebook/canvas_import.h"
#include "pipeline/grade_submission.h"

namespace nn_grade::cli {

struct BatchOptions {
  std::filesystem::path submissions;       // folder of folders, or a Canvas export (.zip or not)
  std::filesystem::path out;               // OUT/<key>/result.json, OUT/summary.csv, ...
  int jobs = 1;                            // processes at once (compiles and checks)
  std::filesystem::path canvas_gradebook;  // Canvas's gradebook export, or empty
  std::string canvas_assignment;           // its column's title or id; empty: the rubric's
  // Students with no submission: left out of the import (Canvas keeps their grade), or 0.
  gradebook::MissingSubmission canvas_missing = gradebook::MissingSubmission::kLeaveOut;
  std::optional<Shard> shard;  // grade only this part of the class (--shard K/N)
};

// Returns the process exit status (exit_status.h): 0 when every submission was graded, whatever
// its score; 2 when one holds a grader_error. Throws std::runtime_error with
// one clear line for what stops a batch before it starts (SUBMISSIONS missing, a Canvas
// column that cannot be told apart).
int run_batch(const BatchOptions& options, const pipeline::GradingContext& context);

}  // namespace nn_grade::cli
