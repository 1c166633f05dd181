#include "cli/gradescope_mode.h"

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <iostream>

#include <fmt/format.h>

#include "cli/exit_status.h"
#include "protocol/digest.h"
#include "protocol/submission_files.h"
#include "report/atomic_file.h"
#include "report/gradescope.h"
#include "report/wording.h"

namespace cli {
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
  report::write_file_atomically(
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

bool seconds_late_from_metadata(const fs::path& metadata, std::int64_t* seconds_late,
                                std::string* err) {
  std::ifstream in(metadata);
  if (!in) {
    *err = "cannot read " + metadata.string();
    return false;
  }
  const nlohmann::json json = nlohmann::json::parse(in, nullptr, false);
  const auto text_at = [&](const nlohmann::json::json_pointer& at) -> std::string {
    return json.contains(at) && json.at(at).is_string() ? json.at(at).get<std::string>() : "";
  };
  const std::string created = text_at(nlohmann::json::json_pointer("/created_at"));
  const std::string due = text_at(nlohmann::json::json_pointer("/assignment/due_date"));
  const std::optional<std::int64_t> created_at = score::parse_iso8601(created);
  const std::optional<std::int64_t> due_at = score::parse_iso8601(due);
  if (json.is_discarded() || !created_at || !due_at) {
    *err = metadata.string() + " has no created_at and assignment.due_date times (got \"" +
           created + "\" and \"" + due + "\")";
    return false;
  }
  *seconds_late = *created_at - *due_at;
  return true;
}

namespace {

// The rubric's late policy applied from the metadata; nothing when the rubric has none or the
// metadata cannot say (then stderr says why, and no point is taken).
std::optional<score::LateOutcome> late_outcome(const GradescopeOptions& options,
                                               const pipeline::GradingContext& context,
                                               double score) {
  if (!context.rubric.late_policy) return std::nullopt;
  const fs::path metadata = options.metadata.empty()
                                ? options.submission.parent_path() / "submission_metadata.json"
                                : options.metadata;
  std::int64_t seconds_late = 0;
  std::string err;
  if (!seconds_late_from_metadata(metadata, &seconds_late, &err)) {
    std::cerr << "grade: the late policy is not applied: " << err << "\n";
    return std::nullopt;
  }
  return score::apply_late_policy(*context.rubric.late_policy, seconds_late, score);
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
        "Container: {} CPU quota, {} memory limit: {} job{}, {} MB per check (the rubric asks "
        "{})\n",
        container.cpus ? fmt::format("{:g}", *container.cpus) : "no",
        container.memory_mb ? fmt::format("{} MB", *container.memory_mb) : "no", options.jobs,
        options.jobs == 1 ? "" : "s", memory_mb, wanted_mb);
    fs::path folder = find_submission_folder(options.submission);
    grading::SubmissionResult result = pipeline::grade_submission(folder, "submission", context);
    report::GradescopeRun run;
    run.grader_version = NN_GRADE_VERSION;
    run.rubric_digest = rubric_digest(context);
    run.container_cpus = container.cpus;
    run.container_memory_mb = container.memory_mb;
    run.jobs = options.jobs;
    run.check_memory_mb = memory_mb;
    if (grading::was_built(result)) run.late = late_outcome(options, context, result.score);
    run.execution_seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    write_json(options.results, report::gradescope_results(result, context.rubric, run));
    std::cout << "Wrote " << options.results.string() << ": " << result.score << "/"
              << result.max_score << " (" << result.status << ")\n";
    return 0;
  } catch (const std::exception& error) {
    return write_failure(options.results, error.what());
  } catch (...) {
    return write_failure(options.results, "an unknown exception");
  }
}

}  // namespace cli
