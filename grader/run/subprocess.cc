#include "run/subprocess.h"

#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cmath>
#include <deque>
#include <mutex>
#include <system_error>

#include <boost/asio/io_context.hpp>
#include <boost/asio/posix/stream_descriptor.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/process/args.hpp>
#include <boost/process/child.hpp>
#include <boost/process/env.hpp>
#include <boost/process/environment.hpp>
#include <boost/process/error.hpp>
#include <boost/process/exe.hpp>
#include <boost/process/extend.hpp>
#include <boost/process/start_dir.hpp>

#include "run/process/child_setup.h"
#include "run/process/descendants.h"

#if __has_include(<linux/close_range.h>)
#include <linux/close_range.h>
#endif

namespace nn_grade::run {
namespace {

namespace asio = boost::asio;
namespace bp = boost::process;
using Clock = std::chrono::steady_clock;

// How often exits are polled (waitid) while children run. We poll instead of bp::child::wait_for
// or a SIGCHLD handler: wait_for has known bugs in Boost 1.74 (boostorg/process #69, #347) and a
// SIGCHLD handler would steal the exits of other threads' children.
constexpr auto kPollInterval = std::chrono::milliseconds(5);
// After the child's exit (and its group's kill), how long its pipes may take to reach EOF.
constexpr auto kDrainGrace = std::chrono::milliseconds(200);
constexpr std::size_t kReadChunk = 64 * 1024;

// Boost.Process reports a failed exec through a pipe of its own. If that pipe landed on fd 3,
// our dup2 of the result channel onto fd 3 would silence it, so fd 3 is kept taken for good.
void keep_fd3_taken() {
  static std::once_flag once;
  std::call_once(once, [] {
    if (fcntl(3, F_GETFD) == -1 && errno == EBADF) open("/dev/null", O_RDONLY | O_CLOEXEC);
  });
}

struct Pipe {
  int read = -1, write = -1;
  bool open() {
    int fds[2];
    if (pipe2(fds, O_CLOEXEC) != 0) return false;
    read = fds[0];
    write = fds[1];
    return true;
  }
  void close_write() {
    if (write >= 0) close(write);
    write = -1;
  }
  void close_both() {
    close_write();
    if (read >= 0) close(read);
    read = -1;
  }
};

// The child's limits and user as the process toolkit sets them. Built before fork(): the child
// may not allocate.
process::ChildSetup setup_for(const ProcessSpec& spec) {
  process::ChildSetup setup;
  setup.cpu_seconds = spec.cpu_seconds;
  setup.memory_mb = spec.memory_mb;
  setup.file_mb = spec.file_mb;
  setup.max_processes = spec.uid >= 0 ? spec.max_processes : 0;
  setup.uid = spec.uid;
  setup.gid = spec.gid;
  setup.no_new_privs = spec.no_new_privs;
  // Its own group shields it from the terminal's Ctrl-C, so it must die with the grader instead.
  // (The thread that started it waits for it, so the thread ending is no risk.)
  setup.die_with_parent = true;
  return setup;
}

// Runs in the child between fork and exec: async-signal-safe calls only. A setup that fails
// ends the child with 127 before anything runs.
void prepare_child(const process::ChildSetup& setup, int out, int err, int channel) {
  setpgid(0, 0);
  int null_fd = open("/dev/null", O_RDONLY);
  if (null_fd >= 0 && null_fd != 0) dup2(null_fd, 0);
  dup2(out, 1);
  dup2(err, 2);
  if (channel == 3) {
    fcntl(3, F_SETFD, 0);
  } else if (channel >= 0) {
    dup2(channel, 3);
  }
  if (process::apply(setup) != process::SetupStep::kNone) _exit(127);
  signal(SIGPIPE, SIG_DFL);
  sigset_t none;
  sigemptyset(&none);
  sigprocmask(SIG_SETMASK, &none, nullptr);
  // Every other descriptor of the grader (other children's pipes above all, and a fd 3 the
  // grader inherited) closes at exec.
  unsigned first = channel >= 0 ? 4 : 3;
#ifdef CLOSE_RANGE_CLOEXEC
  if (close_range(first, ~0U, CLOSE_RANGE_CLOEXEC) == 0) return;
#endif
  rlimit files{};
  getrlimit(RLIMIT_NOFILE, &files);
  int last = files.rlim_cur == RLIM_INFINITY ? 65536 : static_cast<int>(files.rlim_cur);
  for (int fd = static_cast<int>(first); fd < last; ++fd) fcntl(fd, F_SETFD, FD_CLOEXEC);
}

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

}  // namespace

bool ProcessResult::output_truncated() const {
  return out_bytes > out.size() || err_bytes > err.size();
}

struct SubprocessSet::Impl {
  struct Child {
    Child(asio::io_context& io) : deadline(io), grace(io) {}
    int token = 0;
    ProcessSpec spec;
    ProcessResult result;
    pid_t pid = -1;
    bool reaped = false;
    bool done = false;
    int open_streams = 0;
    std::vector<std::unique_ptr<asio::posix::stream_descriptor>> streams;
    std::vector<std::unique_ptr<std::array<char, kReadChunk>>> buffers;
    asio::steady_timer deadline, grace;
    Clock::time_point start;
  };

  asio::io_context io;
  asio::steady_timer poll_timer{io};
  bool polling = false;
  int next_token = 1;
  // Handlers hold a child's shared_ptr, so one that runs after take() touches live memory.
  std::map<int, std::shared_ptr<Child>> children;
  std::deque<int> finished;

  ~Impl() {
    for (auto& [token, child] : children) {
      if (child->reaped || child->pid <= 0) continue;
      kill(-child->pid, SIGKILL);
      kill(child->pid, SIGKILL);
      int status = 0;
      while (waitpid(child->pid, &status, 0) == -1 && errno == EINTR) {
      }
    }
  }

  int add(const ProcessSpec& spec) {
    keep_fd3_taken();
    auto child = std::make_shared<Child>(io);
    Child& c = *child;
    c.token = next_token++;
    c.spec = spec;
    c.start = Clock::now();
    children.emplace(c.token, child);
    start(child);
    if (c.result.started) {
      watch(child);
    } else {
      c.reaped = true;
      finish(c);
    }
    return c.token;
  }

  void start(const std::shared_ptr<Child>& child) {
    Child& c = *child;
    if (c.spec.argv.empty()) {
      c.result.start_error = "no program to run";
      return;
    }
    Pipe out, err, channel;
    if (!out.open() || !err.open() || (c.spec.result_channel && !channel.open())) {
      c.result.start_error = std::string("cannot create a pipe: ") + strerror(errno);
      out.close_both();
      err.close_both();
      channel.close_both();
      return;
    }
    c.pid = spawn(c.spec, out.write, err.write, channel.write, &c.result.start_error);
    out.close_write();
    err.close_write();
    channel.close_write();
    c.result.started = c.pid > 0;
    if (!c.result.started) {
      out.close_both();
      err.close_both();
      channel.close_both();
      return;
    }
    setpgid(c.pid, c.pid);  // also from this side, so a kill right away reaches the group
    std::size_t cap = static_cast<std::size_t>(std::max(0L, c.spec.output_kb)) * 1024;
    read_stream(child, out.read, &c.result.out, &c.result.out_bytes, cap);
    read_stream(child, err.read, &c.result.err, &c.result.err_bytes, cap);
    if (channel.read >= 0) {
      read_stream(child, channel.read, &c.result.result, nullptr, kMaxResultBytes);
    }
  }

  static pid_t spawn(const ProcessSpec& spec, int out_fd, int err_fd, int channel, std::string* err) {
    bp::environment environment = boost::this_process::environment();
    for (const auto& [name, value] : spec.env) environment[name] = value;
    std::vector<std::string> args(spec.argv.begin() + 1, spec.argv.end());
    std::filesystem::path dir = spec.working_dir;
    std::error_code ec;
    if (dir.empty()) dir = std::filesystem::current_path(ec);
    pid_t failed_pid = -1;
    const process::ChildSetup setup = setup_for(spec);
    const process::SpawnPermit permit;
    if (!permit.granted()) {
      *err = spec.argv[0] + ": not started, grade is stopping";
      return -1;
    }
    try {
      bp::child child(
          bp::exe = spec.argv[0], bp::args = args, environment, bp::start_dir = dir.string(), ec,
          bp::extend::on_exec_setup = [&](auto&) { prepare_child(setup, out_fd, err_fd, channel); },
          // A failed exec leaves its forked child to us: Boost 1.74 does not reap it.
          bp::extend::on_error = [&](auto& exec,
                                     const std::error_code&) { failed_pid = exec.pid; });
      if (failed_pid > 0) waitpid(failed_pid, nullptr, 0);
      if (ec || !child.valid()) {
        *err = spec.argv[0] + ": " + (ec ? ec.message() : "could not start");
        return -1;
      }
      pid_t pid = child.id();
      child.detach();  // we reap it ourselves
      return pid;
    } catch (const std::exception& e) {
      if (failed_pid > 0) waitpid(failed_pid, nullptr, 0);
      *err = spec.argv[0] + ": " + e.what();
      return -1;
    }
  }

  void read_stream(const std::shared_ptr<Child>& child, int fd, std::string* keep,
                   std::uint64_t* count, std::size_t cap) {
    child->streams.push_back(std::make_unique<asio::posix::stream_descriptor>(io, fd));
    child->buffers.push_back(std::make_unique<std::array<char, kReadChunk>>());
    ++child->open_streams;
    read_more(child, *child->streams.back(), *child->buffers.back(), keep, count, cap);
  }

  void read_more(std::shared_ptr<Child> child, asio::posix::stream_descriptor& stream,
                 std::array<char, kReadChunk>& buf, std::string* keep, std::uint64_t* count,
                 std::size_t cap) {
    stream.async_read_some(asio::buffer(buf),
                           [this, child, &stream, &buf, keep, count, cap](
                               const boost::system::error_code& error, std::size_t n) {
                             Child& c = *child;
                             if (n > 0) {
                               if (keep->size() < cap)
                                 keep->append(buf.data(), std::min(n, cap - keep->size()));
                               if (count) *count += n;
                               if (!count && keep->size() >= cap) c.result.result_truncated = true;
                             }
                             if (!error) {
                               read_more(child, stream, buf, keep, count, cap);
                               return;
                             }
                             --c.open_streams;
                             maybe_finish(c);
                           });
  }

  void watch(const std::shared_ptr<Child>& child) {
    Child& c = *child;
    if (c.spec.wall_seconds > 0) {
      c.deadline.expires_after(std::chrono::duration_cast<Clock::duration>(
          std::chrono::duration<double>(c.spec.wall_seconds)));
      c.deadline.async_wait([child](const boost::system::error_code& error) {
        if (error || child->reaped) return;
        child->result.timed_out = true;
        kill(-child->pid, SIGKILL);
      });
    }
    schedule_poll();
  }

  void schedule_poll() {
    if (polling) return;
    polling = true;
    poll_timer.expires_after(kPollInterval);
    poll_timer.async_wait([this](const boost::system::error_code&) {
      polling = false;
      bool waiting = false;
      for (auto& [token, child] : children) {
        if (!child->reaped) waiting |= !try_reap(*child);
      }
      if (waiting) schedule_poll();
    });
  }

  // Reaps the child if it has exited; kills its group first, while the zombie still holds the
  // group's id, so the kill cannot reach a stranger.
  bool try_reap(Child& c) {
    siginfo_t info{};
    int rc = waitid(P_PID, c.pid, &info, WEXITED | WNOHANG | WNOWAIT);
    if (rc == 0 && info.si_pid == 0) return false;  // still running
    if (rc != 0 && errno != ECHILD) return false;   // interrupted: next tick
    kill(-c.pid, SIGKILL);
    int status = 0;
    rusage usage{};
    pid_t reaped;
    do {
      reaped = wait4(c.pid, &status, 0, &usage);
    } while (reaped == -1 && errno == EINTR);
    c.reaped = true;
    c.deadline.cancel();
    if (reaped == c.pid) record_exit(c.result, status, usage);
    c.grace.expires_after(kDrainGrace);
    c.grace.async_wait([child = children.at(c.token)](const boost::system::error_code& error) {
      if (error) return;
      for (auto& stream : child->streams) {
        boost::system::error_code ignored;
        stream->close(ignored);  // a descendant that escaped the group still holds the pipe
      }
    });
    maybe_finish(c);
    return true;
  }

  static void record_exit(ProcessResult& result, int status, const rusage& usage) {
    if (WIFEXITED(status)) result.exit_code = WEXITSTATUS(status);
    if (WIFSIGNALED(status)) result.signal = WTERMSIG(status);
    result.cpu_seconds = usage.ru_utime.tv_sec + usage.ru_stime.tv_sec +
                         (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
    result.max_rss_kb = usage.ru_maxrss;
  }

  void maybe_finish(Child& c) {
    if (c.done || !c.reaped || c.open_streams > 0) return;
    c.grace.cancel();
    finish(c);
  }

  void finish(Child& c) {
    c.done = true;
    c.result.seconds = seconds_since(c.start);
    finished.push_back(c.token);
  }
};

SubprocessSet::SubprocessSet() : impl_(std::make_unique<Impl>()) {}
SubprocessSet::~SubprocessSet() = default;

int SubprocessSet::add(const ProcessSpec& spec) { return impl_->add(spec); }

std::optional<int> SubprocessSet::wait_any(std::chrono::milliseconds max_wait) {
  auto until = Clock::now() + max_wait;
  while (impl_->finished.empty() && Clock::now() < until) {
    impl_->io.restart();
    if (impl_->io.run_one_until(until) == 0 && impl_->io.stopped()) break;
  }
  if (impl_->finished.empty()) return std::nullopt;
  int token = impl_->finished.front();
  impl_->finished.pop_front();
  return token;
}

ProcessResult SubprocessSet::take(int token) {
  auto it = impl_->children.find(token);
  if (it == impl_->children.end() || !it->second->done) return {};
  ProcessResult result = std::move(it->second->result);
  impl_->children.erase(it);
  return result;
}

std::size_t SubprocessSet::running() const {
  std::size_t count = 0;
  for (const auto& [token, child] : impl_->children) count += !child->done;
  return count + impl_->finished.size();
}

ProcessResult run_process(const ProcessSpec& spec) {
  SubprocessSet set;
  int token = set.add(spec);
  while (true) {
    if (auto done = set.wait_any(std::chrono::seconds(1)); done && *done == token) {
      return set.take(token);
    }
  }
}

}  // namespace nn_grade::run
