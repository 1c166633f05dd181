#include "discover/listing.h"

#include <algorithm>
#include <system_error>

#include "discover/submission.h"

namespace nn_grade::discover {

namespace fs = std::filesystem;

namespace {

bool is_hidden(const fs::path& entry) {
  std::string name = entry.filename().string();
  return name.empty() || name[0] == '.' || name == "__MACOSX";
}

[[noreturn]] void fail(const std::string& what, const fs::path& dir, const std::error_code& error) {
  throw DiscoveryError(what + " " + dir.string() + ": " + error.message());
}

}  // namespace

Listing list_directory(const fs::path& dir) {
  Listing listing;
  std::error_code error;
  fs::directory_iterator it(dir, error);
  if (error) fail("cannot read", dir, error);
  for (; it != fs::directory_iterator(); it.increment(error)) {
    if (error) fail("cannot read", dir, error);
    const fs::path& entry = it->path();
    if (is_hidden(entry)) continue;
    std::error_code type_error;
    if (it->is_directory(type_error)) {
      listing.directories.push_back(entry);
    } else if (it->is_regular_file(type_error)) {
      listing.files.push_back(entry);
    }
  }
  if (error) fail("cannot read", dir, error);
  std::sort(listing.files.begin(), listing.files.end());
  std::sort(listing.directories.begin(), listing.directories.end());
  return listing;
}

bool is_among(const fs::path& dir, const std::vector<fs::path>& folders) {
  auto canonical = [](const fs::path& path) {
    std::error_code error;
    fs::path result = fs::weakly_canonical(path, error);
    return error ? path : result;
  };
  fs::path wanted = canonical(dir);
  return std::any_of(folders.begin(), folders.end(),
                     [&](const fs::path& folder) { return canonical(folder) == wanted; });
}

void recreate_directory(const fs::path& dir) {
  std::error_code error;
  fs::remove_all(dir, error);
  if (error) fail("cannot empty", dir, error);
  fs::create_directories(dir, error);
  if (error) fail("cannot create", dir, error);
}

}  // namespace nn_grade::discover
