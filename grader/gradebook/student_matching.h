// Which graded submission belongs to which student row of Canvas's gradebook.
#pragma once

#include <optional>
#include <vector>

#include "gradebook/canvas_gradebook.h"
#include "protocol/result.h"

namespace nn_grade::gradebook {

struct StudentMatches {
  std::vector<std::optional<size_t>> result_of_row;  // per gradebook row: an index into results
  std::vector<size_t> unmatched_results;             // graded, but no student row is theirs
};

// In two passes, each over every student row in order, a result matching at most one row:
//  1. the row's ID is the result's canvas_user_id (a Canvas export);
//  2. the result's key (its folder name) is the row's SIS Login ID (ignoring case), its ID, or
//     its SIS User ID.
StudentMatches match_students(const CanvasGradebook& gradebook,
                              const std::vector<protocol::SubmissionResult>& results);

}  // namespace nn_grade::gradebook
