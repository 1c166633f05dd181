// A path given on the command line as every process of the grader reads it: the compiler, the
// checkers and a cluster's nodes each run in a folder of their own.
#pragma once

#include <filesystem>

namespace nn_grade::util {

// `path` made absolute against the current folder and normal ("a/./b/" is "/cwd/a/b"), without
// a trailing separator. Never fails: it reads no file.
std::filesystem::path absolute_path(const std::filesystem::path& path);

}  // namespace nn_grade::util
