// Writing a file so that a reader (or a batch started again after a crash) sees the old
// content or the new, never half of either. Everything the grader writes goes through here.
#pragma once

#include <filesystem>
#include <string_view>

namespace nn_grade::util {

// Writes `content` to a temporary file in the same folder, flushes it to disk, then renames it
// over `path`. Creates the folder when it is missing. Throws std::system_error naming the path.
void write_file_atomically(const std::filesystem::path& path, std::string_view content);

}  // namespace nn_grade::util
