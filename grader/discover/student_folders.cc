#include "discover/student_folders.h"

#include <algorithm>
#include <system_error>

#include "discover/listing.h"

namespace nn_grade::discover {
namespace {

namespace fs = std::filesystem;

constexpr int kMaxWrapperDepth = 3;

bool path_exists(const fs::path& path) {
  std::error_code error;
  return fs::exists(path, error);
}

bool looks_like_grader_output(const fs::path& dir) {
  if (path_exists(dir / "summary.csv") || path_exists(dir / "canvas-import.csv")) return true;
  std::error_code error;
  for (fs::directory_iterator it(dir, error), end; !error && it != end; it.increment(error)) {
    if (path_exists(it->path() / "result.json")) return true;
  }
  return false;
}

Submission student_in(const fs::path& dir) {
  Submission submission;
  submission.key = dir.filename().string();
  submission.dir = dir;
  for (int depth = 0; depth < kMaxWrapperDepth; ++depth) {
    Listing listing = list_directory(submission.dir);
    if (!listing.files.empty() || listing.directories.size() != 1) break;
    submission.dir = listing.directories.front();
  }
  if (submission.dir != dir) {
    submission.notes.push_back("files found in " +
                               submission.dir.lexically_relative(dir.parent_path()).string() + "/");
  }
  return submission;
}

}  // namespace

Discovery find_student_folders(const fs::path& dir, const std::vector<fs::path>& ignored) {
  Listing listing = list_directory(dir);
  Discovery discovery;
  discovery.layout = "folders";
  for (const fs::path& file : listing.files) {
    discovery.unmatched_files.push_back(file.filename().string());
  }
  for (const fs::path& student_dir : listing.directories) {
    if (is_among(student_dir, ignored) || looks_like_grader_output(student_dir)) continue;
    discovery.submissions.push_back(student_in(student_dir));
  }
  return discovery;
}

}  // namespace nn_grade::discover
