#include "harness/student_server.h"

#include <dirent.h>
#include <fcntl.h>
#include <grp.h>
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstring>
#include <fstream>
#include <sstream>
#include <thread>

#include <fmt/format.h>

#include "harness/check_context.h"
#include "harness/eigen_failure.h"
#include "protocol/signals.h"

namespace harness {

namespace {

using Clock = std::chrono::steady_clock;
using protocol::ReplyStatus;

void set_limit(int resource, rlim_t value) {
  rlimit limit{value, value};
  setrlimit(resource, &limit);
}

// Why the child could not become the server, written to the status pipe before _exit(127).
enum class StartStage : char { kPipes = 'p', kLimits = 'l', kRoot = 'r', kUser = 'u', kExec = 'x' };

// In the forked child, before exec: only async-signal-safe calls. A failure is written to
// `status` (close-on-exec: at a successful exec the checker reads nothing) and ends the child.
[[noreturn]] void become_server(const protocol::ServerSpec& spec, char* const* argv, int request,
                                int reply, int status, pid_t checker) {
  auto fail = [&status](StartStage stage) {
    const char code = static_cast<char>(stage);
    (void)!::write(status, &code, 1);
    _exit(127);
  };
  // Out of the way of 3, 4 and 5 first, then into place: requests, replies, the status pipe
  // (close-on-exec), and nothing else.
  const int in = fcntl(request, F_DUPFD, 10), out = fcntl(reply, F_DUPFD, 10);
  const int moved_status = fcntl(status, F_DUPFD, 10);
  constexpr int kStatusFd = protocol::kReplyFd + 1;
  if (in < 0 || out < 0 || moved_status < 0 || dup2(in, protocol::kRequestFd) < 0 ||
      dup2(out, protocol::kReplyFd) < 0 || dup3(moved_status, kStatusFd, O_CLOEXEC) < 0) {
    _exit(127);
  }
  status = kStatusFd;
  if (syscall(SYS_close_range, kStatusFd + 1, ~0U, 0) != 0) {
    for (int fd = kStatusFd + 1; fd < 1024; ++fd) close(fd);
  }
  if (spec.cpu_seconds > 0) {
    rlim_t cpu = static_cast<rlim_t>(std::ceil(spec.cpu_seconds));
    rlimit limit{cpu, cpu + 1};
    if (setrlimit(RLIMIT_CPU, &limit) != 0) fail(StartStage::kLimits);
  }
  if (spec.memory_mb > 0) set_limit(RLIMIT_AS, static_cast<rlim_t>(spec.memory_mb) << 20);
  if (spec.file_mb > 0) set_limit(RLIMIT_FSIZE, static_cast<rlim_t>(spec.file_mb) << 20);
  set_limit(RLIMIT_CORE, 0);
  if (!spec.chroot_dir.empty()) {
    if (chroot(spec.chroot_dir.c_str()) != 0) fail(StartStage::kRoot);
    if (chdir(spec.working_dir.empty() ? "/" : spec.working_dir.c_str()) != 0) {
      fail(StartStage::kRoot);
    }
  } else if (!spec.working_dir.empty() && chdir(spec.working_dir.c_str()) != 0) {
    fail(StartStage::kRoot);
  }
  if (spec.uid >= 0) {
    if (spec.max_processes > 0) set_limit(RLIMIT_NPROC, static_cast<rlim_t>(spec.max_processes));
    const gid_t gid = static_cast<gid_t>(spec.gid >= 0 ? spec.gid : spec.uid);
    if (setgroups(0, nullptr) != 0 || setgid(gid) != 0 ||
        setuid(static_cast<uid_t>(spec.uid)) != 0 || setuid(0) == 0) {
      fail(StartStage::kUser);
    }
  }
  // After the change of user, which clears it.
  prctl(PR_SET_PDEATHSIG, SIGKILL);
  if (getppid() != checker) _exit(127);
  if (!spec.sandboxed) prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0);
  signal(SIGPIPE, SIG_DFL);
  sigset_t none;
  sigemptyset(&none);
  sigprocmask(SIG_SETMASK, &none, nullptr);
  // Nothing of the grader's environment (its nonce, a TA's variables) reaches the student's code.
  // glibc fills every block malloc returns with 0x5a bytes (and freed ones with 0xa5): memory the
  // student's code reads without writing (a Matrix(rows, cols) never set) holds the same values,
  // about 1.8e+127, on every run and machine, so such a mistake fails the same way every time
  // instead of with whatever an earlier free left there (docs/checks.md, "Where the checks run").
  static char path[] = "PATH=/usr/bin:/bin";
  static char lang[] = "LANG=C.UTF-8";
  static char perturb[] = "MALLOC_PERTURB_=165";
  char* environment[] = {path, lang, perturb, nullptr};
  execve(argv[0], argv, environment);
  fail(StartStage::kExec);
  _exit(127);
}

const char* stage_failure(char code) {
  switch (static_cast<StartStage>(code)) {
    case StartStage::kPipes:
      return "cannot set up its pipes";
    case StartStage::kLimits:
      return "cannot set its limits";
    case StartStage::kRoot:
      return "cannot enter its folder (chroot or chdir failed)";
    case StartStage::kUser:
      return "cannot switch to the unprivileged user";
    case StartStage::kExec:
      return "cannot execute the student server";
  }
  return "failed to start";
}

double seconds_left(Clock::time_point deadline) {
  return std::chrono::duration<double>(deadline - Clock::now()).count();
}

// Waits until `fd` is ready for `events` or the deadline passes; false on timeout.
bool wait_ready(int fd, short events, Clock::time_point deadline) {
  for (;;) {
    const double left = seconds_left(deadline);
    if (left <= 0) return false;
    pollfd p{fd, events, 0};
    const int ms = static_cast<int>(std::min(left * 1000.0 + 1, 1e9));
    const int n = poll(&p, 1, ms);
    if (n > 0) return true;
    if (n < 0 && errno != EINTR) return true;  // let the read or write report it
  }
}

enum class Io { kDone, kTimedOut, kClosed };

// All n bytes through `io` (read or write) on a non-blocking fd, waiting for `events` before each.
template <typename Byte, typename Syscall>
Io transfer(int fd, short events, Byte* p, std::size_t n, Clock::time_point deadline, Syscall io) {
  while (n > 0) {
    if (!wait_ready(fd, events, deadline)) return Io::kTimedOut;
    const ssize_t done = io(fd, p, n);
    if (done < 0 && (errno == EINTR || errno == EAGAIN)) continue;
    if (done <= 0) return Io::kClosed;
    p += done;
    n -= static_cast<std::size_t>(done);
  }
  return Io::kDone;
}

Io write_all(int fd, const char* p, std::size_t n, Clock::time_point deadline) {
  return transfer(fd, POLLOUT, p, n, deadline, ::write);
}

Io read_all(int fd, char* p, std::size_t n, Clock::time_point deadline) {
  return transfer(fd, POLLIN, p, n, deadline, ::read);
}

std::string seconds_text(double s) { return fmt::format("{:g} s", s); }

// Direct children of this (single-threaded) process: /proc/self/task/<pid>/children where the
// kernel has it, else a scan of every process's parent.
std::vector<pid_t> children() {
  std::vector<pid_t> out;
  const pid_t self = getpid();
  std::ifstream listed(fmt::format("/proc/self/task/{}/children", self));
  if (listed) {
    for (long pid; listed >> pid;) out.push_back(static_cast<pid_t>(pid));
    return out;
  }
  DIR* proc = opendir("/proc");
  if (!proc) return out;
  while (dirent* entry = readdir(proc)) {
    char* end = nullptr;
    const long pid = std::strtol(entry->d_name, &end, 10);
    if (pid <= 0 || *end != '\0') continue;
    std::ifstream stat(fmt::format("/proc/{}/stat", pid));
    std::string line;
    if (!std::getline(stat, line)) continue;
    // pid (comm) state ppid ...: comm may hold spaces and parentheses, so after the last ')'.
    const std::size_t close = line.rfind(')');
    if (close == std::string::npos) continue;
    std::istringstream rest(line.substr(close + 1));
    char state = 0;
    long ppid = 0;
    rest >> state >> ppid;
    if (ppid == self) out.push_back(static_cast<pid_t>(pid));
  }
  closedir(proc);
  return out;
}

}  // namespace

namespace {
// Children this process had before it became a subreaper (a shell's process substitution, say):
// not the student's, so never killed.
std::vector<pid_t>& children_before() {
  static std::vector<pid_t> pids;
  return pids;
}
}  // namespace

void harden_checker() {
  prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
  children_before() = children();
  prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0);
  signal(SIGPIPE, SIG_IGN);  // a server that is gone is an EPIPE, not the checker's death
}

int kill_descendants() {
  int killed = 0;
  const auto give_up = Clock::now() + std::chrono::seconds(5);
  const std::vector<pid_t>& before = children_before();
  for (;;) {
    std::vector<pid_t> left;
    for (pid_t pid : children()) {
      if (std::find(before.begin(), before.end(), pid) == before.end()) left.push_back(pid);
    }
    if (left.empty() || Clock::now() > give_up) return killed;
    for (pid_t pid : left) {
      if (kill(pid, SIGKILL) == 0) ++killed;
    }
    for (pid_t pid : left) {
      int status = 0;
      waitpid(pid, &status, WNOHANG);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
}

bool StudentServer::start(const protocol::ServerSpec& spec, Clock::time_point check_deadline,
                          std::string* err) {
  spec_ = spec;
  check_deadline_ = check_deadline;
  if (spec.argv.empty()) {
    *err = "no student server to start";
    return false;
  }
  int request[2], reply[2];
  if (pipe2(request, O_CLOEXEC) != 0) {
    *err = std::string("cannot create a pipe: ") + std::strerror(errno);
    return false;
  }
  if (pipe2(reply, O_CLOEXEC) != 0) {
    *err = std::string("cannot create a pipe: ") + std::strerror(errno);
    close(request[0]);
    close(request[1]);
    return false;
  }
  int status[2];
  if (pipe2(status, O_CLOEXEC) != 0) {
    *err = std::string("cannot create a pipe: ") + std::strerror(errno);
    for (int fd : {request[0], request[1], reply[0], reply[1]}) close(fd);
    return false;
  }
  std::vector<char*> argv;
  for (const std::string& arg : spec.argv) argv.push_back(const_cast<char*>(arg.c_str()));
  argv.push_back(nullptr);
  const pid_t checker = getpid();
  pid_ = fork();
  if (pid_ == 0) become_server(spec, argv.data(), request[0], reply[1], status[1], checker);
  open_ = pid_ > 0;
  close(request[0]);
  close(reply[1]);
  close(status[1]);
  if (pid_ < 0) {
    *err = std::string("cannot fork: ") + std::strerror(errno);
    close(request[1]);
    close(reply[0]);
    close(status[0]);
    return false;
  }
  to_server_ = request[1];
  from_server_ = reply[0];
  char code = 0;
  ssize_t n;
  while ((n = ::read(status[0], &code, 1)) < 0 && errno == EINTR) {
  }
  close(status[0]);
  if (n == 1) {
    *err = std::string("the student server ") + stage_failure(code);
    end();
    return false;
  }
  fcntl(to_server_, F_SETFL, O_NONBLOCK);
  fcntl(from_server_, F_SETFL, O_NONBLOCK);
  return true;
}

StudentServer::~StudentServer() { end(); }

void StudentServer::end() {
  if (!open_) return;  // never started, or ended already: nothing of its can be left
  open_ = false;
  if (to_server_ >= 0) close(to_server_);
  to_server_ = -1;
  if (pid_ > 0) {
    // A moment to flush what the student printed and exit on its own.
    const auto grace = Clock::now() + std::chrono::milliseconds(200);
    int status = 0;
    while (waitpid(pid_, &status, WNOHANG) == 0 && Clock::now() < grace) {
      std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
    kill(pid_, SIGKILL);
    pid_ = -1;
  }
  if (from_server_ >= 0) close(from_server_);
  from_server_ = -1;
  kill_descendants();
}

ServerEnded StudentServer::death(const char* function, int wait_status) const {
  int signal_number = WIFSIGNALED(wait_status) ? WTERMSIG(wait_status) : 0;
  int exit_code = WIFEXITED(wait_status) ? WEXITSTATUS(wait_status) : -1;
  if (spec_.sandboxed && exit_code > 128 && exit_code < 128 + 65) {
    signal_number = exit_code - 128;  // bubblewrap's report of a signal
    exit_code = -1;
  }
  if (signal_number == SIGXCPU) {
    return ServerEnded(grading::CheckStatus::kTimeout,
                       fmt::format("Stopped after {} of CPU time, inside {}: an endless loop?",
                                   seconds_text(spec_.cpu_seconds), function));
  }
  if (signal_number != 0) {
    const std::string hint = protocol::crash_hint(signal_number, spec_.memory_mb, spec_.file_mb);
    return ServerEnded(
        grading::CheckStatus::kCrashed,
        fmt::format("crashed: {} ({}) inside {}.{}{}", protocol::signal_name(signal_number),
                    protocol::signal_meaning(signal_number), function, hint.empty() ? "" : " ",
                    hint));
  }
  if (exit_code == 0) {
    return ServerEnded(grading::CheckStatus::kError,
                       fmt::format("Your code ended the program (exit() called?) inside {} "
                                   "before the check finished.",
                                   function));
  }
  return ServerEnded(grading::CheckStatus::kError,
                     fmt::format("The program ended with exit code {} inside {} before the check "
                                 "finished (exit() or abort() in your code?).",
                                 exit_code, function));
}

void StudentServer::ended(const char* function, const std::string& why_no_reply) {
  // Why there was no reply: the server's end says it best, when it has ended.
  int wait_status = 0;
  pid_t done = 0;
  const auto wait_until = Clock::now() + std::chrono::milliseconds(500);
  while (pid_ > 0 && (done = waitpid(pid_, &wait_status, WNOHANG)) == 0 &&
         Clock::now() < wait_until) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  if (done == pid_ && pid_ > 0) {
    pid_ = -1;
    ServerEnded why = death(function, wait_status);
    end();
    throw why;
  }
  end();
  throw ServerEnded(grading::CheckStatus::kError, why_no_reply);
}

protocol::Reader StudentServer::call(const char* function, const protocol::Writer& request) {
  if (pid_ <= 0 || to_server_ < 0) {
    throw ServerEnded(grading::CheckStatus::kError,
                      fmt::format("Your code's process had already ended before {}.", function));
  }
  const auto call_deadline = std::min(
      check_deadline_,
      Clock::now() + std::chrono::microseconds(static_cast<long long>(spec_.call_seconds * 1e6)));
  const bool check_limit = call_deadline == check_deadline_;
  auto timed_out = [&]() -> ServerEnded {
    end();
    return ServerEnded(
        grading::CheckStatus::kTimeout,
        check_limit ? fmt::format("The check ran out of time inside {}: an endless loop?", function)
                    : fmt::format("{} did not return within {}: an endless loop?", function,
                                  seconds_text(spec_.call_seconds)));
  };
  const std::uint32_t size = static_cast<std::uint32_t>(request.bytes().size());
  std::string frame(reinterpret_cast<const char*>(&size), sizeof size);
  frame += request.bytes();
  Io io = write_all(to_server_, frame.data(), frame.size(), call_deadline);
  if (io == Io::kTimedOut) throw timed_out();
  if (io == Io::kClosed) ended(function, "Your code closed the grader's connection.");

  std::uint32_t length = 0;
  io = read_all(from_server_, reinterpret_cast<char*>(&length), sizeof length, call_deadline);
  if (io == Io::kTimedOut) throw timed_out();
  if (io == Io::kClosed) ended(function, "Your code's process stopped answering.");
  if (length == 0 || length > protocol::kMaxReplyBytes) {
    end();
    throw ServerEnded(
        grading::CheckStatus::kError,
        fmt::format("{} sent back {} bytes, more than the grader accepts ({} MB): a result far "
                    "larger than asked for, or something written to file descriptor 4?",
                    function, length, protocol::kMaxReplyBytes >> 20));
  }
  std::string payload(length, '\0');
  io = read_all(from_server_, payload.data(), length, call_deadline);
  if (io == Io::kTimedOut) throw timed_out();
  if (io == Io::kClosed) ended(function, "Your code's process stopped in the middle of a reply.");

  protocol::Reader reply(std::move(payload));
  const auto status = static_cast<ReplyStatus>(reply.u8());
  switch (status) {
    case ReplyStatus::kOk:
      return reply;
    case ReplyStatus::kThrew:
      throw StudentThrew(fmt::format("{} threw {}", function, reply.text()));
    case ReplyStatus::kEigenAssertion:
      if (std::optional<EigenFailure> failure = read_eigen_failure(reply)) {
        throw StudentThrew(explain_eigen_failure(function, *failure));
      }
      break;  // facts no server of ours sends
    case ReplyStatus::kTerminated: {
      const std::string what = reply.text();
      end();
      throw ServerEnded(grading::CheckStatus::kError,
                        fmt::format("Your code ended the program inside {} (std::terminate): {}. "
                                    "An exception probably left a noexcept function or a "
                                    "destructor.",
                                    function, what));
    }
    case ReplyStatus::kBadRequest:
      throw GraderFault(fmt::format("the student server did not understand a request for {}: {}",
                                    function, reply.text()));
  }
  end();
  throw ServerEnded(grading::CheckStatus::kError,
                    fmt::format("The reply to {} was not one the grader sends for: does your code "
                                "write to file descriptor 4?",
                                function));
}

}  // namespace harness
