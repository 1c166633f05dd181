#include "server/crash_report.h"

#include <execinfo.h>
#include <signal.h>
#include <sys/wait.h>
#include <time.h>
#include <ucontext.h>
#include <unistd.h>

#include "protocol/server_protocol.h"
#include "server/student_location.h"

namespace nn_grade::server {
namespace {

constexpr int kCrashSignals[] = {SIGSEGV, SIGFPE, SIGBUS, SIGILL, SIGABRT};
constexpr long kWaitMilliseconds = 700;  // addr2line gets 500 of these
alignas(16) char alternate_stack[256 << 10];

// The place that faulted, from the signal's context (no return address: not the byte before).
std::uintptr_t faulting_address(void* context) {
  const auto* uc = static_cast<const ucontext_t*>(context);
#if defined(__x86_64__)
  return static_cast<std::uintptr_t>(uc->uc_mcontext.gregs[REG_RIP]);
#elif defined(__aarch64__)
  return static_cast<std::uintptr_t>(uc->uc_mcontext.pc);
#else
  (void)uc;
  return 0;
#endif
}

// In the forked child: the crashed stack's line, as the reply to the running request.
[[noreturn]] void send_location(void* context) {
  for (const int signal : kCrashSignals) ::signal(signal, SIG_DFL);
  constexpr int kMaxFrames = 32;
  void* frames[kMaxFrames];
  CodeAddresses addresses;
  if (const std::uintptr_t fault = faulting_address(context)) addresses.push_back(fault);
  for (const std::uintptr_t call : calls_of(frames, backtrace(frames, kMaxFrames))) {
    addresses.push_back(call);  // the handler's own frames are in no student file
  }
  protocol::Writer w;
  w.text(student_location(addresses));
  std::string payload(1, static_cast<char>(protocol::ReplyStatus::kCrashed));
  payload += w.bytes();
  protocol::write_frame(protocol::kReplyFd, payload);
  _exit(0);
}

long milliseconds_now() {
  timespec now{};
  clock_gettime(CLOCK_MONOTONIC, &now);
  return now.tv_sec * 1000 + now.tv_nsec / 1000000;
}

void on_crash(int signal, siginfo_t*, void* context) {
  const pid_t child = _Fork();
  if (child == 0) send_location(context);
  if (child > 0) {
    const long deadline = milliseconds_now() + kWaitMilliseconds;
    while (waitpid(child, nullptr, WNOHANG) == 0) {
      if (milliseconds_now() >= deadline) {
        kill(child, SIGKILL);
        waitpid(child, nullptr, 0);
        break;
      }
      const timespec pause{0, 2'000'000};
      nanosleep(&pause, nullptr);
    }
  }
  // Dies of the signal once the handler returns (SA_RESETHAND): a fault faults again, and a
  // raised signal is delivered again.
  ::signal(signal, SIG_DFL);
  raise(signal);
}

}  // namespace

void install_crash_report() {
  stack_t stack{};
  stack.ss_sp = alternate_stack;
  stack.ss_size = sizeof alternate_stack;
  if (sigaltstack(&stack, nullptr) != 0) return;  // the crash is reported without a line
  struct sigaction action {};
  action.sa_sigaction = on_crash;
  action.sa_flags = SA_SIGINFO | SA_ONSTACK | SA_RESETHAND;
  sigemptyset(&action.sa_mask);
  for (const int signal : kCrashSignals) sigaction(signal, &action, nullptr);
}

}  // namespace nn_grade::server
