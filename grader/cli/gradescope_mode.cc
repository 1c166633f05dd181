#include "gradescope_mode.h"

#include <iostream>

#include "atomic_file.h"
#include "gradescope.h"
#include "submission_files.h"

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
    return 1;
  } catch (const std::exception& error) {
    std::cerr << "grade: could not even write " << file.string() << ": " << error.what() << "\n";
    return 2;
  }
}

}  // namespace

int run_gradescope(const GradescopeOptions& options,
                   const std::function<GradingContext()>& make_context) {
  try {
    const GradingContext context = make_context();
    fs::path folder = find_submission_folder(options.submission);
    grading::SubmissionResult result = grade_submission(folder, "submission", context);
    write_json(options.results, report::gradescope_results(result, context.rubric));
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
