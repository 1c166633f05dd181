#include "util/absolute_path.h"

namespace nn_grade::util {

std::filesystem::path absolute_path(const std::filesystem::path& path) {
  std::filesystem::path absolute = std::filesystem::absolute(path).lexically_normal();
  return absolute.has_filename() || absolute == absolute.root_path() ? absolute
                                                                     : absolute.parent_path();
}

}  // namespace nn_grade::util
