// Reading and preparing folders, with errors a TA can act on.
#pragma once

#include <filesystem>
#include <vector>

namespace nn_grade::discover {

// A folder's visible entries, sorted by name. Hidden entries (".git", ".DS_Store") and macOS's
// "__MACOSX" are left out. Throws DiscoveryError when the folder cannot be read.
struct Listing {
  std::vector<std::filesystem::path> files;
  std::vector<std::filesystem::path> directories;
};
Listing list_directory(const std::filesystem::path& dir);

// True when `dir` is one of `folders` (compared as canonical paths).
bool is_among(const std::filesystem::path& dir, const std::vector<std::filesystem::path>& folders);

// Empties `dir` (creating it if needed), so that staged files are exactly this run's.
void recreate_directory(const std::filesystem::path& dir);

}  // namespace nn_grade::discover
