// Waiting for a student to save: inotify on their folder, not on the files, because editors save
// by writing a new file and renaming it over the old one (vim, VS Code, JetBrains), which ends a
// watch on the file itself.
#pragma once

#include <chrono>
#include <filesystem>
#include <string>
#include <vector>

namespace nn_grade::cli {

class FolderWatch {
 public:
  FolderWatch() = default;
  ~FolderWatch();
  FolderWatch(const FolderWatch&) = delete;
  FolderWatch& operator=(const FolderWatch&) = delete;

  // Watches `dir` for changes to the files called `names` (no path). false with `err` when
  // inotify cannot watch it (no such folder, the user's inotify limit reached).
  bool start(const std::filesystem::path& dir, const std::vector<std::string>& names,
             std::string* err);

  // Blocks until one of the names is written, created, renamed into place or deleted, then until
  // `quiet` passes without another such event, so that an editor's burst of writes and renames
  // is one change. `changed` receives the names seen, in the order first seen. false with `err`
  // when the folder itself is deleted or moved, or inotify fails.
  bool wait(std::chrono::milliseconds quiet, std::vector<std::string>* changed, std::string* err);

 private:
  // Reads what is queued into `changed`; false with `err` as for wait().
  bool drain(std::vector<std::string>* changed, std::string* err);

  int fd_ = -1;
  std::vector<std::string> names_;
};

}  // namespace nn_grade::cli
