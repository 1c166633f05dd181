// Files for the discover and gradebook tests: a fresh folder per test, and zips built with
// libarchive's writer.
#pragma once

#include <filesystem>
#include <string>
#include <utility>
#include <vector>

namespace nn_grade {

namespace testing_files {

// A new, empty folder under the test's temporary directory, removed with the object.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

void write_file(const std::filesystem::path& path, const std::string& contents);
std::string read_file(const std::filesystem::path& path);

// Entry names are written exactly as given, "../x" included.
void write_zip(const std::filesystem::path& zip,
               const std::vector<std::pair<std::string, std::string>>& entries);

// The names in a folder, sorted.
std::vector<std::string> file_names(const std::filesystem::path& dir);

}  // namespace testing_files

}  // namespace nn_grade
