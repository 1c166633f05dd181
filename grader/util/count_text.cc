#include "util/count_text.h"

namespace nn_grade::util {

std::string count_text(long long count, const char* noun) {
  return std::to_string(count) + " " + noun + (count == 1 ? "" : "s");
}

}  // namespace nn_grade::util
