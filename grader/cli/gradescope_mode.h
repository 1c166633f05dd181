// `grade --gradescope`: the same grader inside Gradescope's autograder container. Reads the
// submission Gradescope unpacked and writes its results.json; hidden checks run too, carrying
// the rubric's visibility so that Gradescope shows each one when the course says.
#pragma once

#include <filesystem>

#include "grade_submission.h"

namespace cli {

struct GradescopeOptions {
  std::filesystem::path submission = "/autograder/submission";
  std::filesystem::path results = "/autograder/results/results.json";
};

int run_gradescope(const GradescopeOptions& options, const GradingContext& context);

// The folder that holds the submission's files: `root` itself, or the first folder below it
// with one of them (students often upload a folder, or a zip that Gradescope unpacks into one).
std::filesystem::path find_submission_folder(const std::filesystem::path& root);

}  // namespace cli
