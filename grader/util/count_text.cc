#include "util/count_text.h"

namespace util {

std::string count_text(long long count, const char* noun) {
  return std::to_string(count) + " " + noun + (count == 1 ? "" : "s");
}

}  // namespace util
