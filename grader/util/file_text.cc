#include "util/file_text.h"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

namespace nn_grade::util {

bool read_file(const std::filesystem::path& path, std::string* contents, std::string* err) {
  errno = 0;
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  if (in) text << in.rdbuf();
  // A folder opens but does not read; rdbuf() of an empty file sets failbit on `text` only.
  if (!in || in.bad() || std::filesystem::is_directory(path)) {
    const int reason = errno != 0 ? errno : EISDIR;
    *err = "cannot read " + path.string() + ": " + std::strerror(reason);
    return false;
  }
  *contents = text.str();
  return true;
}

}  // namespace nn_grade::util
