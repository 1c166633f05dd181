// Gradescope's results.json (Gradescope's specification, docs/gradescope.md Sources: "Output
// format"; gradescope-autograders.readthedocs.io/en/latest/specs/): {"score", "execution_time",
// "output", "stdout_visibility", "extra_data", "tests": [{"name", "number", "score", "max_score",
// "status", "output", "output_format", "tags", "visibility"}]}. Each check is a test with the
// rubric's visibility (visible, hidden, after_due_date, after_published) and its component as
// its tag; its output is Markdown ("md"): the check's text in a code block, the command that
// reproduces it as code. A submission that did not build is one failing, visible test carrying
// the compiler's message. Whatever is always shown (the top-level output, that build test)
// counts and names only checks that are always shown too.
#pragma once

#include <filesystem>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "protocol/result.h"
#include "score/late_policy.h"
#include "score/rubric.h"

namespace nn_grade::report {

// What results.json says besides the grade.
struct GradescopeRun {
  std::optional<double> execution_seconds;  // "execution_time", whole seconds rounded up
  std::string grader_version;               // extra_data, with the seed and the containment
  std::string rubric_digest;                // extra_data
  // extra_data "container": what the container allowed and what grading used of it
  std::optional<double> container_cpus;
  std::optional<long> container_memory_mb;
  int jobs = 0;  // 0: not said
  long check_memory_mb = 0;
  // The rubric's late policy applied (score::apply_late_policy): "score" is its score_after, and
  // the top-level output says how late, the percent taken and the points before and after.
  std::optional<score::LateOutcome> late;
};

nlohmann::json gradescope_results(const protocol::SubmissionResult& result,
                                  const score::Rubric& rubric, const GradescopeRun& run = {});

// What results.json says when the grader itself failed before it had a result (an invalid
// rubric, a missing compiler, an exception of ours): score 0 and one visible, failing test that
// says the autograder failed and that this is not the student's fault. `reason` goes only to
// extra_data ("grader_error"), which staff see and students do not: it may name hidden checks.
nlohmann::json gradescope_failure_results(const std::string& reason);

// Writes gradescope_results(...) to `file` (normally /autograder/results/results.json).
void write_gradescope_results(const std::filesystem::path& file,
                              const protocol::SubmissionResult& result, const score::Rubric& rubric,
                              const GradescopeRun& run = {});

}  // namespace nn_grade::report
