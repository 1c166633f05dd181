// Running child processes in parallel and collecting what they did, whatever they do.
//
// Each child runs in its own process group under rlimits, with stdin from /dev/null, stdout and
// stderr captured up to a cap (the rest is read and dropped, so a flood never blocks the child
// nor fills our memory), and optionally a result channel: a pipe handed over as fd 3 and read
// in full. At the wall timeout, when the child exits, and when the set is destroyed, the whole
// group gets SIGKILL, so nothing the child forked outlives it; every child is reaped.
// Nothing a child does makes this layer throw, crash or hang.
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace nn_grade::run {

struct ProcessSpec {
  std::vector<std::string> argv;  // argv[0] is the program's path (not searched in PATH)
  std::vector<std::pair<std::string, std::string>> env;  // added to the grader's environment
  std::filesystem::path working_dir;                     // empty: the grader's own
  double wall_seconds = 10;     // SIGKILL to the group after this; 0 = none
  double cpu_seconds = 0;       // RLIMIT_CPU (SIGXCPU, then SIGKILL a second later); 0 = none
  long memory_mb = 0;           // RLIMIT_AS; 0 = none
  long file_mb = 0;             // RLIMIT_FSIZE; 0 = none
  long output_kb = 64;          // kept of stdout, and of stderr
  bool result_channel = false;  // hand the child a pipe as fd 3 and read it
  long uid = -1, gid = -1;      // run as these, with no supplementary groups and no capability
                                // (root only); -1: the grader's own. A change that fails ends
                                // the child (127): run/process/child_setup.h
  long max_processes = 0;       // RLIMIT_NPROC, with uid only (it counts per uid); 0 = none
  // PR_SET_NO_NEW_PRIVS for it and all it runs. Off only for a checker judging a check alone,
  // which answers the stand-in layers only without it (docs/architecture.md, "Stand-ins"); the
  // student server it starts gets it all the same (harness/student_server.cc).
  bool no_new_privs = true;
};

struct ProcessResult {
  bool started = false;
  std::string start_error;  // why it could not start (not found, not executable, ...)
  bool timed_out = false;   // killed by us at the wall timeout
  int exit_code = -1;       // when it exited
  int signal = 0;           // when a signal ended it
  std::string out, err;     // the first output_kb of each
  std::uint64_t out_bytes = 0, err_bytes = 0;  // all it wrote, kept or not
  std::string result;                          // all it wrote to fd 3 (up to kMaxResultBytes)
  bool result_truncated = false;
  double seconds = 0;      // wall clock
  double cpu_seconds = 0;  // user + system, its reaped descendants included
  long max_rss_kb = 0;

  bool exited_normally() const { return started && signal == 0 && exit_code >= 0; }
  bool output_truncated() const;
};

constexpr std::size_t kMaxResultBytes = 16 << 20;

// Many children at once, driven by one Boost.Asio loop in the calling thread. Not thread-safe:
// use one set per thread. Ninja's SubprocessSet is the model.
class SubprocessSet {
 public:
  SubprocessSet();
  ~SubprocessSet();  // kills and reaps whatever still runs
  SubprocessSet(const SubprocessSet&) = delete;
  SubprocessSet& operator=(const SubprocessSet&) = delete;

  // Starts a child now and returns its token. A child that cannot start is finished at once
  // (started == false, start_error says why).
  int add(const ProcessSpec& spec);

  // Runs the loop until some child has finished or `max_wait` has passed; returns the token
  // of a finished child, if any. Returns at once when nothing runs and nothing is finished.
  std::optional<int> wait_any(std::chrono::milliseconds max_wait);

  // The result of a finished child; forgets it.
  ProcessResult take(int token);

  std::size_t running() const;  // added and not yet returned by wait_any

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// One child, start to end.
ProcessResult run_process(const ProcessSpec& spec);

}  // namespace nn_grade::run
