// Reading a whole file: the one way every stage does it.
#pragma once

#include <filesystem>
#include <string>

namespace nn_grade::util {

// The bytes of `path` into *contents. False, with *err ("cannot read PATH: REASON"), when it
// cannot be opened or read; *contents is then unchanged.
bool read_file(const std::filesystem::path& path, std::string* contents, std::string* err);

}  // namespace nn_grade::util
