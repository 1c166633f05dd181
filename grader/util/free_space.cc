#include "util/free_space.h"

#include <sys/statvfs.h>

#include <map>
#include <system_error>

#include <fmt/format.h>

namespace nn_grade::util {
namespace {

namespace fs = std::filesystem;

// The nearest existing folder at or above `path` (the folder a run will create).
fs::path existing(fs::path path) {
  std::error_code ec;
  path = fs::absolute(path, ec);
  while (!path.empty() && !fs::exists(path, ec) && path != path.root_path()) {
    path = path.parent_path();
  }
  return path;
}

std::string megabytes(std::uint64_t bytes) { return fmt::format("{} MB", bytes >> 20); }

}  // namespace

bool enough_free_space(const std::vector<SpaceNeed>& needs, std::string* err) {
  struct Filesystem {
    std::uint64_t free = 0, needed = 0;
    std::vector<std::string> users;
  };
  std::map<unsigned long, Filesystem> by_device;
  for (const SpaceNeed& need : needs) {
    struct statvfs info {};
    if (statvfs(existing(need.where).c_str(), &info) != 0) continue;  // reported where written
    Filesystem& filesystem = by_device[info.f_fsid];
    filesystem.free = static_cast<std::uint64_t>(info.f_bavail) * info.f_frsize;
    filesystem.needed += need.bytes;
    filesystem.users.push_back(fmt::format("{} ({})", need.what, need.where.string()));
  }
  std::string shortages;
  for (const auto& [device, filesystem] : by_device) {
    if (filesystem.free >= filesystem.needed) continue;
    for (const std::string& user : filesystem.users) {
      shortages += (shortages.empty() ? "" : ", ") + user;
    }
    shortages += fmt::format(": {} free, {} needed", megabytes(filesystem.free),
                             megabytes(filesystem.needed));
  }
  if (shortages.empty()) return true;
  *err = "not enough free disk space to grade: " + shortages +
         ". Free some space (the cache can be made smaller with NN_GRADE_CACHE_MB) and run again.";
  return false;
}

}  // namespace nn_grade::util
