#include "harness/student_server.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstring>
#include <thread>

#include <fmt/format.h>

#include "harness/check_context.h"
#include "harness/eigen_failure.h"
#include "harness/thrown_exception.h"
#include "protocol/signals.h"
#include "run/process/child_setup.h"
#include "run/process/descendants.h"

namespace nn_grade::harness {

namespace {

using Clock = std::chrono::steady_clock;
using protocol::ReplyStatus;

// The server's containment as the process toolkit applies it. Built before fork(): the child
// may not allocate.
run::process::ChildSetup setup_for(const protocol::ServerSpec& spec, pid_t checker) {
  run::process::ChildSetup setup;
  setup.cpu_seconds = spec.cpu_seconds;
  setup.memory_mb = spec.memory_mb;
  setup.file_mb = spec.file_mb;
  if (spec.uid >= 0) setup.max_processes = spec.max_processes;
  setup.own_network = spec.own_network;
  for (const protocol::ServerSpec::PrivateDir& dir : spec.private_dirs) {
    setup.private_dirs.push_back({dir.path, dir.size_mb, dir.inodes});
  }
  setup.chroot_dir = spec.chroot_dir;
  setup.working_dir = spec.working_dir;
  setup.uid = spec.uid;
  setup.gid = spec.gid;
  setup.parent = checker;
  return setup;
}

// A start-up failure's code on the status pipe: a SetupStep, or one of these.
constexpr char kPipesFailed = 'P', kExecFailed = 'X';

// In the forked child, before exec: only async-signal-safe calls. A failure is written to
// `status` (close-on-exec: at a successful exec the checker reads nothing) and ends the child.
[[noreturn]] void become_server(const run::process::ChildSetup& setup, char* const* argv,
                                int request, int reply, int status) {
  auto fail = [&status](char code) {
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
    fail(kPipesFailed);
  }
  status = kStatusFd;
  if (syscall(SYS_close_range, kStatusFd + 1, ~0U, 0) != 0) {
    for (int fd = kStatusFd + 1; fd < 1024; ++fd) close(fd);
  }
  if (const run::process::SetupStep step = run::process::apply(setup);
      step != run::process::SetupStep::kNone) {
    fail(static_cast<char>(step));
  }
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
  fail(kExecFailed);
  _exit(127);
}

std::string stage_failure(char code) {
  if (code == kPipesFailed) return "cannot set up its pipes";
  if (code == kExecFailed) return "cannot execute the student server";
  return run::process::describe(static_cast<run::process::SetupStep>(code));
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

}  // namespace

void harden_checker() {
  run::process::become_subreaper();
  signal(SIGPIPE, SIG_IGN);  // a server that is gone is an EPIPE, not the checker's death
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
  run::process::ChildSetup setup = setup_for(spec, getpid());
  if (spec.own_cgroup) {
    // Where none can be made, RLIMIT_NPROC on the server's own uid bounds its processes.
    std::string why_not;
    cgroup_ =
        run::process::Cgroup::create("check-" + std::to_string(getpid()),
                                     {spec.max_processes, spec.cpus, spec.memory_mb}, &why_not);
    if (cgroup_) setup.cgroup_procs = cgroup_->procs_files();
  }
  pid_ = fork();
  if (pid_ == 0) become_server(setup, argv.data(), request[0], reply[1], status[1]);
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
  run::process::kill_descendants();
  cgroup_.reset();  // kills what is left in it (nothing, unless something escaped the tree)
}

ServerEnded StudentServer::death(const char* function, int wait_status,
                                 const std::string& location) const {
  int signal_number = WIFSIGNALED(wait_status) ? WTERMSIG(wait_status) : 0;
  int exit_code = WIFEXITED(wait_status) ? WEXITSTATUS(wait_status) : -1;
  if (spec_.sandboxed && exit_code > 128 && exit_code < 128 + 65) {
    signal_number = exit_code - 128;  // bubblewrap's report of a signal
    exit_code = -1;
  }
  if (signal_number == SIGXCPU) {
    return ServerEnded(protocol::CheckStatus::kTimeout,
                       fmt::format("Stopped after {} of CPU time, inside {}: an endless loop?",
                                   seconds_text(spec_.cpu_seconds), function));
  }
  if (signal_number != 0) {
    const std::string hint = protocol::crash_hint(signal_number, spec_.memory_mb, spec_.file_mb);
    return ServerEnded(
        protocol::CheckStatus::kCrashed,
        fmt::format("crashed: {} ({}) inside {}{}.{}{}", protocol::signal_name(signal_number),
                    protocol::signal_meaning(signal_number), function,
                    location.empty() ? "" : ", at " + location, hint.empty() ? "" : " ", hint));
  }
  if (exit_code == 0) {
    return ServerEnded(protocol::CheckStatus::kError,
                       fmt::format("Your code ended the program (exit() called?) inside {} "
                                   "before the check finished.",
                                   function));
  }
  return ServerEnded(protocol::CheckStatus::kError,
                     fmt::format("The program ended with exit code {} inside {} before the check "
                                 "finished (exit() or abort() in your code?).",
                                 exit_code, function));
}

pid_t StudentServer::student_process() {
  if (student_pid_ > 0 || pid_ <= 0) return student_pid_;
  if (!spec_.sandboxed) return student_pid_ = pid_;
  // bubblewrap, its pid namespace's first process, then the server: the deepest, once it runs.
  const std::vector<pid_t> below = run::process::descendants();
  if (below.size() >= 3) student_pid_ = below.back();
  return student_pid_;
}

ServerEnded StudentServer::timed_out(const char* function, bool check_limit, double waited_at_call,
                                     double wall_seconds) {
  // Whose time ran out: the student's, unless their program spent most of the call waiting,
  // runnable, for a CPU that other programs had, with no process of its own busy either: then
  // a neighbour's load took the time, and `grade` runs the check again before judging it.
  const double waited =
      waited_at_call >= 0 ? run::process::run_queue_seconds_of(student_pid_) - waited_at_call : -1;
  const double others = run::process::descendants_cpu_seconds() -
                        std::max(0.0, run::process::cpu_seconds_of(student_pid_));
  const bool starved = waited >= 0.5 * wall_seconds && others < 0.5 * wall_seconds;
  end();
  std::string message =
      check_limit ? fmt::format("The check ran out of time inside {}: an endless loop?", function)
                  : fmt::format("{} did not return within {}: an endless loop?", function,
                                seconds_text(spec_.call_seconds));
  if (starved) {
    message += fmt::format(
        " (Your program waited {:.2g} s of those {:.2g} s for a CPU while other programs on the "
        "grading machine ran.)",
        waited, wall_seconds);
  }
  return ServerEnded(protocol::CheckStatus::kTimeout, message, starved);
}

void StudentServer::ended(const char* function, const std::string& why_no_reply,
                          const std::string& location) {
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
    ServerEnded why = death(function, wait_status, location);
    end();
    throw why;
  }
  end();
  throw ServerEnded(protocol::CheckStatus::kError, why_no_reply);
}

std::string StudentServer::frame_from_server(const char* function, Clock::time_point deadline,
                                             const std::function<ServerEnded()>& on_timeout) {
  std::uint32_t length = 0;
  Io io = read_all(from_server_, reinterpret_cast<char*>(&length), sizeof length, deadline);
  if (io == Io::kTimedOut) throw on_timeout();
  if (io == Io::kClosed) ended(function, "Your code's process stopped answering.");
  if (length == 0 || length > protocol::kMaxReplyBytes) {
    end();
    throw ServerEnded(
        protocol::CheckStatus::kError,
        fmt::format("{} sent back {} bytes, more than the grader accepts ({} MB): a result far "
                    "larger than asked for, or something written to file descriptor 4?",
                    function, length, protocol::kMaxReplyBytes >> 20));
  }
  std::string payload(length, '\0');
  io = read_all(from_server_, payload.data(), length, deadline);
  if (io == Io::kTimedOut) throw on_timeout();
  if (io == Io::kClosed) ended(function, "Your code's process stopped in the middle of a reply.");
  return payload;
}

protocol::Reader StudentServer::call(const char* function, const protocol::Writer& request) {
  stopped_in_ = {function, false};  // until it returns
  if (pid_ <= 0 || to_server_ < 0) {
    throw ServerEnded(protocol::CheckStatus::kError,
                      fmt::format("Your code's process had already ended before {}.", function));
  }
  auto call_deadline = std::min(
      check_deadline_,
      Clock::now() + std::chrono::microseconds(static_cast<long long>(spec_.call_seconds * 1e6)));
  const bool check_limit = call_deadline == check_deadline_;
  const auto call_start = Clock::now();
  const double waited_at_call = run::process::run_queue_seconds_of(student_process());
  auto timed_out = [&]() -> ServerEnded {
    return this->timed_out(function, check_limit, waited_at_call,
                           std::chrono::duration<double>(Clock::now() - call_start).count());
  };
  auto send = [&](const std::string& bytes, const char* closed) {
    const std::uint32_t size = static_cast<std::uint32_t>(bytes.size());
    std::string frame(reinterpret_cast<const char*>(&size), sizeof size);
    frame += bytes;
    const Io io = write_all(to_server_, frame.data(), frame.size(), call_deadline);
    if (io == Io::kTimedOut) throw timed_out();
    if (io == Io::kClosed) ended(function, closed);
  };
  send(request.bytes(), "Your code closed the grader's connection.");
  std::string payload = frame_from_server(function, call_deadline, timed_out);
  // A stand-in layer's calls, answered until the reply comes.
  for (int layer_calls = 0; layer_service_ && !payload.empty() &&
                            static_cast<ReplyStatus>(payload[0]) == ReplyStatus::kLayerCall;
       ++layer_calls) {
    if (layer_calls == kMostLayerCallsPerCall) {
      end();
      throw ServerEnded(protocol::CheckStatus::kError,
                        fmt::format("{} called the layers' forward and backward more than {} "
                                    "times in one call: an endless loop?",
                                    function, kMostLayerCallsPerCall));
    }
    // The checker's own work is not the student's time: the call's deadline moves by it.
    const auto served = Clock::now();
    protocol::Reader layer_call(payload.substr(1));
    const protocol::Writer answer = layer_service_(layer_call);
    call_deadline = std::min(check_deadline_, call_deadline + (Clock::now() - served));
    send(answer.bytes(), "Your code closed the grader's connection.");
    payload = frame_from_server(function, call_deadline, timed_out);
  }

  protocol::Reader reply(std::move(payload));
  const auto status = static_cast<ReplyStatus>(reply.u8());
  switch (status) {
    case ReplyStatus::kOk:
      stopped_in_ = {};
      return reply;
    case ReplyStatus::kThrew:
      if (std::optional<ThrownException> thrown = read_thrown_exception(reply)) {
        throw StudentThrew(explain_thrown_exception(function, *thrown),
                           {StudentFailure::Kind::kThrew, function, *thrown, {}});
      }
      break;  // facts no server of ours sends
    case ReplyStatus::kEigenAssertion:
      if (std::optional<EigenFailure> failure = read_eigen_failure(reply)) {
        StudentFailure facts{StudentFailure::Kind::kEigen, function, {}, *failure};
        stopped_in_ = harness::stopped_in(facts);
        throw StudentThrew(explain_eigen_failure(function, *failure), std::move(facts));
      }
      break;  // facts no server of ours sends
    case ReplyStatus::kLayerCall:
      break;  // to a checker that does not serve them: a reply no call can return
    case ReplyStatus::kTerminated: {
      std::optional<ThrownException> thrown = read_thrown_exception(reply);
      if (!thrown) break;
      end();
      if (thrown->type.empty()) {
        throw ServerEnded(protocol::CheckStatus::kError,
                          fmt::format("Your code ended the program inside {}: std::terminate() "
                                      "was called with no exception.",
                                      function));
      }
      throw ServerEnded(protocol::CheckStatus::kError,
                        explain_thrown_exception(function, *thrown) +
                            "\nThat ended the program (std::terminate): an exception probably "
                            "left a noexcept function or a destructor.");
    }
    case ReplyStatus::kCrashed: {
      const std::string location = student_location(reply.text());
      if (!reply.ok() || !reply.at_end()) break;
      ended(function,
            fmt::format("The reply to {} said your program crashed, yet it did not end: does "
                        "your code write to file descriptor 4?",
                        function),
            location);
    }
    case ReplyStatus::kRefused: {
      const std::string why = reply.text();
      end();
      throw ServerEnded(
          protocol::CheckStatus::kError,
          fmt::format("The reply to {} said the request could not be carried out ({}). The "
                      "grader's own server carries out every request the grader sends, so "
                      "something in your program wrote on file descriptor 4 or replaced an "
                      "object the grader was using.",
                      function, why));
    }
  }
  end();
  throw ServerEnded(protocol::CheckStatus::kError,
                    fmt::format("The reply to {} was not one the grader sends for: does your code "
                                "write to file descriptor 4?",
                                function));
}

}  // namespace nn_grade::harness
