#include "cli/watch_mode.h"

#include <signal.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <ctime>
#include <iostream>
#include <thread>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "cli/folder_watch.h"
#include "cli/status_line.h"
#include "protocol/submission_files.h"
#include "run/process/descendants.h"

namespace nn_grade::cli {
namespace {

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
    run::process::stop_spawning();
    run::process::kill_descendants();
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
  // What grading starts, and whatever that leaves behind (a compiler's cc1plus when its driver
  // is killed), is reparented here and killed between runs.
  run::process::become_subreaper();
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
    run::process::kill_descendants();  // none should be left; a stray one must not outlive its run
    if (stdout_is_terminal()) std::cout << "\x1b[2J\x1b[H";  // a clear screen, as test runners
    std::cout << fmt::format("\n=== {}  {} changed: run {} ===\n", clock_time(), joined(changed),
                             run + 1)
              << std::flush;
  }
}

}  // namespace nn_grade::cli
