#include "cli/folder_watch.h"

#include <poll.h>
#include <sys/inotify.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <climits>
#include <cstring>

namespace nn_grade::cli {

namespace {

// A save is a close after writing, or a rename into place; a creation or deletion changes what
// grading finds too. The folder's own deletion or move ends the watch.
constexpr uint32_t kFileEvents =
    IN_CLOSE_WRITE | IN_MOVED_TO | IN_MOVED_FROM | IN_CREATE | IN_DELETE;
constexpr uint32_t kFolderGone = IN_DELETE_SELF | IN_MOVE_SELF | IN_IGNORED;

std::string errno_text() { return std::strerror(errno); }

// Waits up to `timeout` (-1: forever) for `fd` to be readable. Interrupted waits go on.
bool readable(int fd, int timeout_ms, std::string* err, bool* ready) {
  pollfd p{fd, POLLIN, 0};
  int n;
  do {
    n = poll(&p, 1, timeout_ms);
  } while (n < 0 && errno == EINTR);
  if (n < 0) {
    *err = "cannot wait for changes: " + errno_text();
    return false;
  }
  *ready = n > 0;
  return true;
}

}  // namespace

FolderWatch::~FolderWatch() {
  if (fd_ >= 0) close(fd_);
}

bool FolderWatch::start(const std::filesystem::path& dir, const std::vector<std::string>& names,
                        std::string* err) {
  names_ = names;
  fd_ = inotify_init1(IN_CLOEXEC | IN_NONBLOCK);
  if (fd_ < 0) {
    *err = "cannot watch for changes: " + errno_text();
    return false;
  }
  if (inotify_add_watch(fd_, dir.c_str(), kFileEvents | kFolderGone | IN_ONLYDIR) < 0) {
    *err = "cannot watch " + dir.string() + ": " + errno_text() +
           (errno == ENOSPC ? " (the limit fs.inotify.max_user_watches is reached)" : "");
    return false;
  }
  return true;
}

bool FolderWatch::drain(std::vector<std::string>* changed, std::string* err) {
  alignas(inotify_event) char buffer[16 * (sizeof(inotify_event) + NAME_MAX + 1)];
  for (;;) {
    const ssize_t n = read(fd_, buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0 && errno == EAGAIN) return true;
    if (n <= 0) {
      *err = "cannot read changes: " + errno_text();
      return false;
    }
    for (ssize_t at = 0; at < n;) {
      const auto* event = reinterpret_cast<const inotify_event*>(buffer + at);
      at += static_cast<ssize_t>(sizeof(inotify_event) + event->len);
      if (event->mask & kFolderGone) {
        *err = "the folder was deleted or moved";
        return false;
      }
      const std::string name = event->len ? event->name : "";
      const bool watched = std::find(names_.begin(), names_.end(), name) != names_.end();
      if (watched && std::find(changed->begin(), changed->end(), name) == changed->end()) {
        changed->push_back(name);
      }
    }
  }
}

bool FolderWatch::wait(std::chrono::milliseconds quiet, std::vector<std::string>* changed,
                       std::string* err) {
  changed->clear();
  bool ready = false;
  while (changed->empty()) {
    if (!readable(fd_, -1, err, &ready) || !drain(changed, err)) return false;
  }
  do {  // the burst goes on while events keep coming within `quiet` of each other
    if (!readable(fd_, static_cast<int>(quiet.count()), err, &ready)) return false;
    if (ready && !drain(changed, err)) return false;
  } while (ready);
  return true;
}

}  // namespace nn_grade::cli
