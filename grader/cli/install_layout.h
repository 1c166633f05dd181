// Where `grade` finds what it needs: relative to its own executable, never a path baked in
// from the build machine. The build tree and every install prefix share one shape:
//   <prefix>/bin/grade
//   <prefix>/lib/nn-grade/{nn-checker, libnn_server.a}
//   <prefix>/share/nn-grade/{toolchain.json, include/, rubrics/}
#pragma once

#include <cstdint>
#include <filesystem>

namespace nn_grade::cli {

struct InstallLayout {
  std::filesystem::path prefix;
  std::filesystem::path share_dir;       // <prefix>/share/nn-grade
  std::filesystem::path default_rubric;  // <share>/rubrics/cw3.yaml
};

// The layout around the running executable. Throws std::runtime_error naming what is missing
// when the installation is incomplete: that is the grader's fault, never a student's.
InstallLayout locate_installation();

// Where built objects and student servers are kept between runs: $NN_GRADE_CACHE, else
// $XDG_CACHE_HOME/nn-grade, else ~/.cache/nn-grade, else a folder under the temp dir.
std::filesystem::path default_cache_dir();

// How large the build cache may grow: $NN_GRADE_CACHE_MB megabytes, else 2 GB.
std::uintmax_t cache_limit_bytes();

}  // namespace nn_grade::cli
