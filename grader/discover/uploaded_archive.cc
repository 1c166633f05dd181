#include "discover/uploaded_archive.h"

#include <system_error>

#include "discover/archive_extract.h"
#include "discover/submission.h"
#include "protocol/submission_files.h"

namespace nn_grade::discover {
namespace {

namespace fs = std::filesystem;

bool is_archive(const fs::path& path) {
  const std::string name = path.filename().string();
  for (const char* suffix : {".zip", ".tar", ".tar.gz", ".tgz", ".tar.xz", ".7z"}) {
    const std::string ending = suffix;
    if (name.size() > ending.size() &&
        name.compare(name.size() - ending.size(), ending.size(), ending) == 0) {
      return true;
    }
  }
  return false;
}

// The first regular file called `name` below `root` that is not in a hidden or __MACOSX folder.
fs::path find_below(const fs::path& root, const std::string& name) {
  std::error_code error;
  for (auto it = fs::recursive_directory_iterator(root, error);
       !error && it != fs::recursive_directory_iterator(); it.increment(error)) {
    const std::string entry = it->path().filename().string();
    if (it->is_directory() && (entry.rfind('.', 0) == 0 || entry == "__MACOSX")) {
      it.disable_recursion_pending();
    } else if (it->is_regular_file() && entry == name) {
      return it->path();
    }
  }
  return {};
}

void take_files_from(const fs::path& archive, const fs::path& unpacked, const fs::path& dir,
                     std::vector<std::string>& notes) {
  for (const char* name : protocol::kSubmissionFiles) {
    if (fs::exists(dir / name)) continue;
    fs::path found = find_below(unpacked, name);
    if (found.empty()) continue;
    std::error_code error;
    fs::copy_file(found, dir / name, error);
    notes.push_back(std::string(name) + ": from " + archive.filename().string() +
                    (error ? " failed: " + error.message() : ""));
  }
}

}  // namespace

std::vector<std::string> unpack_uploaded_archives(const fs::path& dir) {
  std::vector<std::string> notes;
  std::vector<fs::path> archives;
  std::error_code error;
  for (const auto& entry : fs::directory_iterator(dir, error)) {
    if (entry.is_regular_file() && is_archive(entry.path())) archives.push_back(entry.path());
  }
  for (const fs::path& archive : archives) {
    const fs::path unpacked = dir / (".unpacked-" + archive.filename().string());
    try {
      extract_archive(archive, unpacked);
      take_files_from(archive, unpacked, dir, notes);
    } catch (const DiscoveryError& failure) {
      notes.push_back(archive.filename().string() + " could not be unpacked: " + failure.what());
    }
  }
  return notes;
}

}  // namespace nn_grade::discover
