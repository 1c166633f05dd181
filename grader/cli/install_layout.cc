#include "cli/install_layout.h"

#include <cstdlib>
#include <stdexcept>

namespace nn_grade::cli {
namespace fs = std::filesystem;

InstallLayout locate_installation() {
  std::error_code error;
  fs::path exe = fs::read_symlink("/proc/self/exe", error);
  if (error) throw std::runtime_error("cannot find the grade executable: " + error.message());
  InstallLayout layout;
  layout.prefix = exe.parent_path().parent_path();
  layout.share_dir = layout.prefix / "share" / "nn-grade";
  layout.default_rubric = layout.share_dir / "rubrics" / "cw3.yaml";
  if (!fs::exists(layout.share_dir / "toolchain.json")) {
    throw std::runtime_error("the grader's installation is incomplete: " +
                             (layout.share_dir / "toolchain.json").string() +
                             " is missing (rebuild or reinstall the grader)");
  }
  return layout;
}

fs::path default_cache_dir() {
  if (const char* explicit_dir = std::getenv("NN_GRADE_CACHE"); explicit_dir && *explicit_dir) {
    return explicit_dir;
  }
  if (const char* xdg = std::getenv("XDG_CACHE_HOME"); xdg && *xdg)
    return fs::path(xdg) / "nn-grade";
  if (const char* home = std::getenv("HOME"); home && *home) {
    return fs::path(home) / ".cache" / "nn-grade";
  }
  return fs::temp_directory_path() / "nn-grade-cache";
}

std::uintmax_t cache_limit_bytes() {
  std::uintmax_t megabytes = 2048;
  if (const char* text = std::getenv("NN_GRADE_CACHE_MB"); text && *text) {
    megabytes = std::strtoull(text, nullptr, 10);
  }
  return megabytes << 20;
}

}  // namespace nn_grade::cli
