#include "compile/compiler_user.h"

#include <sys/stat.h>
#include <unistd.h>

#include <iostream>
#include <map>
#include <mutex>
#include <system_error>

namespace nn_grade::compile {
namespace {

namespace fs = std::filesystem;

// Whether every user may reach `dir` and read its files.
bool readable_by_anyone(const fs::path& dir) {
  struct stat info {};
  for (fs::path p = dir; !p.empty(); p = p.parent_path()) {
    if (stat(p.c_str(), &info) != 0 || !(info.st_mode & S_IXOTH)) return false;
    if (p == p.root_path()) break;
  }
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    if (stat(entry.path().c_str(), &info) != 0 || !(info.st_mode & S_IROTH)) return false;
  }
  return !ec;
}

// A copy of `from`'s files in kStagedHeadersParent/<fingerprint>/include, root-owned, readable
// by everyone; "" when it cannot be made. Copied into a temporary folder and renamed into place,
// so that a copy is either whole or absent, whichever grade process makes it.
fs::path staged_copy(const fs::path& from, const std::string& fingerprint) {
  const fs::path parent = fs::path(kStagedHeadersParent) / fingerprint.substr(0, 16);
  const fs::path staged = parent / "include";
  std::error_code ec;
  if (fs::is_directory(staged, ec) && readable_by_anyone(staged)) return staged;
  fs::create_directories(parent, ec);
  for (fs::path p = parent; p != p.root_path() && !p.empty(); p = p.parent_path()) {
    struct stat info {};
    if (stat(p.c_str(), &info) == 0 && !(info.st_mode & S_IXOTH) && info.st_uid == 0) {
      chmod(p.c_str(), info.st_mode | S_IXOTH | S_IXGRP);
    }
  }
  const fs::path temp = parent / ("include." + std::to_string(getpid()));
  fs::remove_all(temp, ec);
  fs::create_directory(temp, ec);
  for (const auto& entry : fs::directory_iterator(from, ec)) {
    if (!entry.is_regular_file()) continue;
    const fs::path copy = temp / entry.path().filename();
    fs::copy_file(entry.path(), copy, fs::copy_options::overwrite_existing, ec);
    if (ec) break;
    chmod(copy.c_str(), 0644);
  }
  if (ec || chmod(temp.c_str(), 0755) != 0) {
    fs::remove_all(temp, ec);
    return "";
  }
  fs::rename(temp, staged, ec);
  if (ec) fs::remove_all(temp, ec);  // another process put its copy there first
  return fs::is_directory(staged, ec) && readable_by_anyone(staged) ? staged : fs::path();
}

}  // namespace

CompilerUser compiler_user(const fs::path& include_dir, const std::string& fingerprint) {
  if (geteuid() != 0) return {false, include_dir};
  static std::mutex mutex;
  static std::map<std::string, fs::path> staged;  // include_dir + fingerprint -> readable copy
  std::lock_guard<std::mutex> lock(mutex);
  const std::string key = include_dir.string() + "\n" + fingerprint;
  auto it = staged.find(key);
  if (it == staged.end()) {
    it = staged
             .emplace(key, readable_by_anyone(include_dir) ? include_dir
                                                           : staged_copy(include_dir, fingerprint))
             .first;
    if (it->second.empty()) {
      std::cerr << "warning: " << include_dir.string()
                << " is not readable by every user and could not be copied to "
                << kStagedHeadersParent
                << ", so submissions compile as root: install grade where others can read it\n";
    }
  }
  if (it->second.empty()) return {false, include_dir};
  return {true, it->second};
}

}  // namespace nn_grade::compile
