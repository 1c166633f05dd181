#include "gradescope_mode.h"

#include <iostream>

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

int run_gradescope(const GradescopeOptions& options, const GradingContext& context) {
  fs::path folder = find_submission_folder(options.submission);
  grading::SubmissionResult result = grade_submission(folder, "submission", context);
  fs::create_directories(options.results.parent_path());
  report::write_gradescope_results(options.results, result, context.rubric);
  std::cout << "Wrote " << options.results.string() << ": " << result.score << "/"
            << result.max_score << " (" << result.status << ")\n";
  return 0;
}

}  // namespace cli
