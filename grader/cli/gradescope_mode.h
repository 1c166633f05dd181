// `grade --gradescope`: the same grader inside Gradescope's autograder container. Reads the
// submission Gradescope unpacked and writes its results.json; hidden checks run too, carrying
// the rubric's visibility so that Gradescope shows each one when the course says.
#pragma once

#include <filesystem>
#include <functional>

#include "cli/container_limits.h"
#include "pipeline/grade_submission.h"

namespace nn_grade::cli {

struct GradescopeOptions {
  std::filesystem::path submission = "/autograder/submission";
  std::filesystem::path results = "/autograder/results/results.json";
  // Gradescope's submission_metadata.json (when it was made, when it was due for its students:
  // score/gradescope_dates.h): the rubric's late policy uses it. Empty: the one beside the
  // submission folder, where Gradescope puts it.
  std::filesystem::path metadata;
  int jobs = 1;  // processes at once (see container_jobs)
};

// The container's limits (container_limits.h), read under $NN_GRADE_CGROUP_ROOT when set (the
// project's tests point it at a fake tree), else under "/".
ContainerLimits gradescope_container();

// Grades the submission with the context `make_context` returns and writes results.json. Each
// check's memory is cut to the container's share (container_check_memory_mb) and the stdout log
// says so.
// Whatever fails (making the context: an invalid rubric, a missing compiler; grading; writing)
// results.json is still written, saying that the autograder failed and that this is not the
// student's fault (report::gradescope_failure_results), and the reason goes to stderr for the
// staff's log. The stdout log ends "Wrote results.json: <score>/<max> (<status>)", the score
// being results.json's, after the late policy (and then says what it took). Returns 0
// (ExitStatus::kPassed) when results.json holds a grade, whatever its score, and 2
// (kGraderError) when it holds that failure, could not be written, or the grade has a
// grader_error in it (a missing compiler: the submission, or a check, is grader_error).
int run_gradescope(const GradescopeOptions& options,
                   const std::function<pipeline::GradingContext()>& make_context);

// The folder that holds the submission's files: `root` itself, or the first folder below it
// with one of them (students often upload a folder, or a zip that Gradescope unpacks into one).
std::filesystem::path find_submission_folder(const std::filesystem::path& root);

}  // namespace nn_grade::cli
