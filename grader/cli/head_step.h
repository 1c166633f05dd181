// The head step of a class graded in shards (docs/cluster.md): a batch without --shard on the
// shards' OUT keeps every result they wrote, grades only what none of them graded (a shard
// that never ran, a submission added or changed since), names those, and writes summary.csv, the
// Canvas import and the class report from every result in OUT.
#pragma once

#include <cstddef>
#include <filesystem>
#include <ostream>
#include <vector>

#include "cli/shard.h"
#include "discover/submission.h"
#include "pipeline/class_batch.h"

namespace nn_grade::cli {

// Names the submissions about to be graded when others were kept, each with why (never graded,
// changed since it was, the grader's error last time): in a head step, those no shard graded
// and those edited since. Prints nothing for a batch that grades everything or nothing.
void print_grade_reasons(std::ostream& out, const std::vector<discover::Submission>& submissions,
                         const pipeline::BatchPlan& plan);

// What a shard says when it is done: where its results are, and the head step's command.
void print_shard_done(std::ostream& out, const Shard& shard,
                      const std::filesystem::path& submissions,
                      const std::filesystem::path& out_dir);

}  // namespace nn_grade::cli
