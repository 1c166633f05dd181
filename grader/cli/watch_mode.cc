#include "cli/watch_mode.h"

#include <dirent.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <ctime>
#include <fstream>
#include <iostream>
#include <thread>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "cli/folder_watch.h"
#include "cli/status_line.h"
#include "protocol/submission_files.h"

namespace cli {
namespace {

// The processes whose parent is this process: what grading started, and, since this process is
// their subreaper, whatever those left behind (a compiler's cc1plus when its driver is killed).
// Read from every process's stat, not /proc/self/task/*/children: grading starts them from
// several threads.
std::vector<pid_t> children() {
  std::vector<pid_t> out;
  DIR* proc = opendir("/proc");
  if (!proc) return out;
  const pid_t self = getpid();
  while (dirent* entry = readdir(proc)) {
    char* end = nullptr;
    const long pid = std::strtol(entry->d_name, &end, 10);
    if (pid <= 0 || *end != '\0') continue;
    std::ifstream stat("/proc/" + std::string(entry->d_name) + "/stat");
    std::string line;
    if (!std::getline(stat, line)) continue;
    const std::size_t close = line.rfind(')');  // comm may hold spaces and parentheses
    if (close == std::string::npos) continue;
    char state = 0;
    long ppid = 0;
    if (std::sscanf(line.c_str() + close + 1, " %c %ld", &state, &ppid) == 2 && ppid == self) {
      out.push_back(static_cast<pid_t>(pid));
    }
  }
  closedir(proc);
  return out;
}

// Kills every child and its process group (each child grading starts leads one), and reaps
// them, until none is left on two looks in a row (grading may start one more between them).
// Gives up after five seconds of a tree that keeps growing.
void kill_every_child() {
  const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(5);
  for (int empty_looks = 0; empty_looks < 2 && std::chrono::steady_clock::now() < give_up;) {
    const std::vector<pid_t> left = children();
    empty_looks = left.empty() ? empty_looks + 1 : 0;
    for (pid_t pid : left) {
      kill(-pid, SIGKILL);
      kill(pid, SIGKILL);
    }
    for (pid_t pid : left) waitpid(pid, nullptr, WNOHANG);
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
}

// Ctrl-C and SIGTERM are taken by a thread of their own rather than a handler, so that stopping
// may read /proc and wait: every thread blocks them (threads started later inherit the mask;
// the processes grading starts unblock every signal before exec).
void stop_on_signal_in_a_thread() {
  sigset_t stop;
  sigemptyset(&stop);
  sigaddset(&stop, SIGINT);
  sigaddset(&stop, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop, nullptr);
  std::thread([stop] {
    int received = 0;
    sigwait(&stop, &received);
    const std::string text =
        std::string(stdout_is_terminal() ? "\r\x1b[K" : "") + "\nStopped watching.\n";
    std::fwrite(text.data(), 1, text.size(), stdout);
    std::fflush(stdout);
    kill_every_child();
    std::_Exit(static_cast<int>(ExitStatus::kPassed));
  }).detach();
}

std::string files_list() { return fmt::format("{}", fmt::join(protocol::kSubmissionFiles, ", ")); }

std::string clock_time() {
  std::time_t now = std::time(nullptr);
  char text[16];
  std::strftime(text, sizeof text, "%H:%M:%S", std::localtime(&now));
  return text;
}

std::string joined(const std::vector<std::string>& names) {
  std::string text;
  for (const std::string& name : names) text += (text.empty() ? "" : ", ") + name;
  return text;
}

}  // namespace

ExitStatus run_local_watch(const LocalOptions& options, const pipeline::GradingContext& context) {
  FolderWatch watch;
  std::string err;
  const std::vector<std::string> names(protocol::kSubmissionFiles.begin(),
                                       protocol::kSubmissionFiles.end());
  if (!watch.start(options.dir, names, &err)) {
    std::cerr << "grade: " << err << "\n";
    return ExitStatus::kGraderError;
  }
  prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0);
  stop_on_signal_in_a_thread();

  for (int run = 1;; ++run) {
    try {
      run_local(options, context);
    } catch (const std::exception& error) {  // the JSON could not be written: say so, go on
      std::cerr << "grade: " << error.what() << "\n";
    }
    std::cout << fmt::format("\nWatching {} for saves of {}. Ctrl-C to stop.\n",
                             options.dir.string(), files_list())
              << std::flush;
    std::vector<std::string> changed;
    if (!watch.wait(std::chrono::milliseconds(200), &changed, &err)) {
      std::cerr << "grade: stopped watching " << options.dir.string() << ": " << err << "\n";
      return ExitStatus::kGraderError;
    }
    kill_every_child();  // none should be left; a stray one must not outlive its run
    if (stdout_is_terminal()) std::cout << "\x1b[2J\x1b[H";  // a clear screen, as test runners
    std::cout << fmt::format("\n=== {}  {} changed: run {} ===\n", clock_time(), joined(changed),
                             run + 1)
              << std::flush;
  }
}

}  // namespace cli
