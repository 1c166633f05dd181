// What a rerun changed: a batch graded again into an OUT that already held results (after a
// rubric change, or with late submissions) tells the TA whose score moved before they import
// the grades into Canvas again.
#pragma once

#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "protocol/result.h"

namespace nn_grade::report {

// A submission's grade as the gradebook sees it.
struct Grade {
  protocol::SubmissionStatus status = protocol::SubmissionStatus::kGraded;
  double score = 0.0;
  double max_score = 0.0;
};

struct ScoreChange {
  std::string submission;
  std::optional<Grade> before;  // nothing: graded for the first time (a late submission)
  Grade after;
};

// The submissions of `after` whose score, maximum or status differs from their result in
// `before` (matched by key; scores compared to the hundredth Canvas keeps), and those `before`
// lacks, in the order of `after`. When `before` is empty (a first run) there is nothing to
// compare with, and nothing is returned. A submission only in `before` is not listed: the batch
// no longer grades it, and its row in Canvas is left as it was.
std::vector<ScoreChange> score_changes(const std::vector<protocol::SubmissionResult>& before,
                                       const std::vector<protocol::SubmissionResult>& after);

// "8.5 / 10", or "0 / 10 (build_failed)" for a submission not graded check by check.
std::string grade_text(const Grade& grade);

// For the terminal: a heading with the count, then one line per change ("  KEY: before -> now");
// when `changes` is empty, one line saying that no score changed.
void print_score_changes(std::ostream& out, const std::vector<ScoreChange>& changes);

}  // namespace nn_grade::report
