#include "cli/gradescope_mode.h"

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <iostream>

#include <fmt/format.h>

#include "cli/exit_status.h"
#include "protocol/digest.h"
#include "protocol/submission_files.h"
#include "report/gradescope.h"
#include "report/wording.h"
#include "score/gradescope_dates.h"
#include "util/atomic_file.h"
#include "util/count_text.h"
#include "util/points_text.h"

namespace nn_grade::cli {
namespace fs = std::filesystem;

namespace {
bool holds_a_submission_file(const fs::path& dir) {
  for (const char* name : protocol::kSubmissionFiles) {
    if (fs::exists(dir / name)) return true;
  }
  return false;
}
}  // namespace

fs::path find_submission_folder(const fs::path& root) {
  if (holds_a_submission_file(root)) return root;
  std::error_code error;
  for (auto it = fs::recursive_directory_iterator(root, error);
       !error && it != fs::recursive_directory_iterator(); it.increment(error)) {
    if (it->is_directory() && holds_a_submission_file(it->path())) return it->path();
  }
  return root;  // nothing found: the build reports the missing files by name
}

namespace {

void write_json(const fs::path& file, const nlohmann::json& json) {
  if (!file.parent_path().empty()) fs::create_directories(file.parent_path());
  util::write_file_atomically(
      file, json.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n");
}

int write_failure(const fs::path& file, const std::string& reason) {
  std::cerr << "grade: the autograder failed: " << reason << "\n";
  try {
    write_json(file, report::gradescope_failure_results(reason));
    std::cerr << "grade: wrote " << file.string() << " saying so to the student\n";
  } catch (const std::exception& error) {
    std::cerr << "grade: could not even write " << file.string() << ": " << error.what() << "\n";
  }
  return static_cast<int>(ExitStatus::kGraderError);
}

}  // namespace

namespace {

// The rubric's late policy applied from the metadata; nothing when the rubric has none or the
// metadata cannot say (then stderr says why, and no point is taken). The staff's log says
// which due date it was, and whether it is the students' own.
std::optional<score::LateOutcome> late_outcome(const GradescopeOptions& options,
                                               const pipeline::GradingContext& context,
                                               double score) {
  if (!context.rubric.late_policy) return std::nullopt;
  const fs::path metadata = options.metadata.empty()
                                ? options.submission.parent_path() / "submission_metadata.json"
                                : options.metadata;
  score::SubmissionDates dates;
  std::string err;
  if (!score::read_submission_dates(metadata, &dates, &err)) {
    std::cerr << "grade: the late policy is not applied: " << err << "\n";
    return std::nullopt;
  }
  std::cout << "Due date: " << dates.due_date_text
            << (dates.extended() ? " (this student's extension; the assignment's is " +
                                       dates.assignment_due_date_text + ")"
                                 : "")
            << "\n";
  if (dates.after_late_due_date()) {
    std::cout << "Submitted after the late due date: Gradescope takes that only from staff; the "
                 "late policy is applied as to any late submission\n";
  }
  return score::apply_late_policy(*context.rubric.late_policy, dates.seconds_late(), score);
}

std::string rubric_digest(const pipeline::GradingContext& context) {
  protocol::Digest digest;
  return digest.add_file(context.rubric.path).hex();
}

}  // namespace

ContainerLimits gradescope_container() {
  const char* root = std::getenv("NN_GRADE_CGROUP_ROOT");
  return read_container_limits(root != nullptr && *root != '\0' ? root : "/");
}

int run_gradescope(const GradescopeOptions& options,
                   const std::function<pipeline::GradingContext()>& make_context) {
  const auto start = std::chrono::steady_clock::now();
  try {
    pipeline::GradingContext context = make_context();
    const ContainerLimits container = gradescope_container();
    long& memory_mb = context.rubric.limits.memory_mb;
    const long wanted_mb = memory_mb;
    memory_mb = container_check_memory_mb(container, options.jobs, memory_mb);
    std::cout << fmt::format(
        "Container: {} CPU quota, {} memory limit: {}, {} MB per check (the rubric asks {})\n",
        container.cpus ? fmt::format("{:g}", *container.cpus) : "no",
        container.memory_mb ? fmt::format("{} MB", *container.memory_mb) : "no",
        util::count_text(options.jobs, "job"), memory_mb, wanted_mb);
    fs::path folder = find_submission_folder(options.submission);
    protocol::SubmissionResult result = pipeline::grade_submission(folder, "submission", context);
    report::GradescopeRun run;
    run.grader_version = NN_GRADE_VERSION;
    run.rubric_digest = rubric_digest(context);
    run.container_cpus = container.cpus;
    run.container_memory_mb = container.memory_mb;
    run.jobs = options.jobs;
    run.check_memory_mb = memory_mb;
    if (protocol::was_built(result)) run.late = late_outcome(options, context, result.score);
    run.execution_seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    const nlohmann::json results = report::gradescope_results(result, context.rubric, run);
    write_json(options.results, results);
    std::cout << fmt::format("Wrote {}: {}/{} ({})\n", options.results.string(),
                             util::points_text(results.at("score").get<double>()),
                             util::points_text(result.max_score),
                             protocol::to_string(result.status));
    if (run.late && run.late->percent > 0.0) {
      std::cout << fmt::format(
          "  the late policy took {}% of {} ({} late)\n", util::points_text(run.late->percent),
          util::points_text(run.late->score_before), score::lateness_text(run.late->seconds_late));
    }
    return exit_status_of(result) == ExitStatus::kGraderError
               ? static_cast<int>(ExitStatus::kGraderError)
               : static_cast<int>(ExitStatus::kPassed);
  } catch (const std::exception& error) {
    return write_failure(options.results, error.what());
  } catch (...) {
    return write_failure(options.results, "an unknown exception");
  }
}

}  // namespace nn_grade::cli
