// Unpacking a submissions archive (Canvas's .zip) safely, with libarchive.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace nn_grade::discover {

struct ExtractLimits {
  std::uintmax_t max_file_bytes = std::uintmax_t{64} << 20;  // one student's file
  std::uintmax_t max_total_bytes = std::uintmax_t{2} << 30;  // the whole class
  std::size_t max_entries = 100000;
};

// Extracts the archive's regular files under `dest`, at their relative paths. Throws
// DiscoveryError when the archive cannot be read, when an entry's name is absolute or holds
// ".." (it would land outside dest; Canvas never writes one), or past max_total_bytes or
// max_entries. Returns warnings for what it skipped: links, devices, files over max_file_bytes.
std::vector<std::string> extract_archive(const std::filesystem::path& archive,
                                         const std::filesystem::path& dest,
                                         const ExtractLimits& limits = {});

// The relative path an entry name stands for ("a/./b" -> "a/b"; "" for the root). Throws
// DiscoveryError for an absolute name ("/x", "C:/x") or one with a ".." component.
std::filesystem::path safe_relative_path(const std::string& entry_name);

}  // namespace nn_grade::discover
