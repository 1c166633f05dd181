// A stand-in for a submission's student server that misbehaves on request, for tests of the
// checker and of the containment. It speaks server_protocol.h (requests on fd 3, replies on
// fd 4) as a correct ReLU would: every object it is asked to make gets a handle, forward is
// max(0, x), so relu.forward passes against it. argv[1] says how it misbehaves instead, either in
// forward (the function the checker then names, "ReLU::forward") or at its start, before it has
// read or answered anything (without argv[1], FAKE_SERVER_DEFAULT_MODE, "relu" unless built
// otherwise):
//   relu            no misbehaviour
//   throw           forward throws std::logic_error("fake failure")
//   hang            forward never returns
//   segv            forward crashes with SIGSEGV
//   exit0           forward calls exit(0)
//   exit-at-start   exit(0) before the first reply
//   segv-at-start   SIGSEGV before the first reply
//   huge-reply      forward's reply is kMaxReplyBytes + 1 bytes long, and sent in full
//   endless-length  forward's reply declares 0xffffffff bytes and sends a few
//   bad-status      forward's reply has a status no server sends
//   short-matrix    forward's reply: kOk and a matrix declared 1000 x 1000, with 3 doubles
//   wrapping-matrix forward's reply: kOk and a matrix declared 4 x 2^62 (a product that wraps
//                   to 0 in 64 bits), with 4 doubles
//   alloc           forward allocates until std::bad_alloc, reported as the server reports any
//                   exception of the student's
//   fork-grandchild at start, forks a child that setsid()s and sleeps for ever (its pid is
//                   printed: "grandchild PID"), then serves correctly
//   env             at start, prints its environment ("env: NAME=value" a line), then serves
//   probe           at start, prints what it can see and do ("probe1 key=value ...", "probe2
//                   ..."), then exits with code 3
#include <fcntl.h>
#include <malloc.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <memory>
#include <new>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "protocol/server_protocol.h"

extern char** environ;

#ifndef FAKE_SERVER_DEFAULT_MODE
#define FAKE_SERVER_DEFAULT_MODE "relu"
#endif

namespace {

using protocol::Op;
using protocol::ReplyStatus;

std::string g_mode;

void send_raw(const std::string& bytes) {
  std::size_t done = 0;
  while (done < bytes.size()) {
    const ssize_t n = ::write(protocol::kReplyFd, bytes.data() + done, bytes.size() - done);
    if (n <= 0) _exit(0);  // the checker has gone
    done += static_cast<std::size_t>(n);
  }
}

void reply(ReplyStatus status, const protocol::Writer& results) {
  std::string payload(1, static_cast<char>(status));
  payload += results.bytes();
  if (!protocol::write_frame(protocol::kReplyFd, payload)) _exit(0);
}

void reply_text(ReplyStatus status, const std::string& text) {
  protocol::Writer w;
  w.text(text);
  reply(status, w);
}

std::string u32_bytes(std::uint32_t v) { return std::string(reinterpret_cast<const char*>(&v), 4); }
std::string i64_bytes(std::int64_t v) { return std::string(reinterpret_cast<const char*>(&v), 8); }

// forward(X), as argv[1] says.
void forward(const Eigen::MatrixXd& X) {
  if (g_mode == "throw") {
    reply_text(ReplyStatus::kThrew, "std::logic_error: fake failure");
  } else if (g_mode == "hang") {
    for (;;) pause();
  } else if (g_mode == "segv") {
    raise(SIGSEGV);
  } else if (g_mode == "exit0") {
    std::exit(0);
  } else if (g_mode == "huge-reply") {
    std::string payload(protocol::kMaxReplyBytes + 1, '\0');
    signal(SIGPIPE, SIG_IGN);
    send_raw(u32_bytes(static_cast<std::uint32_t>(payload.size())) + payload);
    for (;;) pause();
  } else if (g_mode == "endless-length") {
    send_raw(u32_bytes(0xffffffffu) + std::string(16, '\0'));
    for (;;) pause();
  } else if (g_mode == "bad-status") {
    reply(static_cast<ReplyStatus>(99), protocol::Writer());
  } else if (g_mode == "short-matrix") {
    std::string payload(1, static_cast<char>(ReplyStatus::kOk));
    payload += i64_bytes(1000) + i64_bytes(1000) + std::string(3 * sizeof(double), '\0');
    send_raw(u32_bytes(static_cast<std::uint32_t>(payload.size())) + payload);
  } else if (g_mode == "wrapping-matrix") {
    std::string payload(1, static_cast<char>(ReplyStatus::kOk));
    payload +=
        i64_bytes(4) + i64_bytes(std::int64_t{1} << 62) + std::string(4 * sizeof(double), '\0');
    send_raw(u32_bytes(static_cast<std::uint32_t>(payload.size())) + payload);
  } else if (g_mode == "alloc") {
    // The student server's malloc fills what it returns (MALLOC_PERTURB_), which would touch
    // every page of a gigabyte here; this mode is about the bad_alloc, so turn that off.
    mallopt(M_PERTURB, 0);
    try {
      std::vector<std::unique_ptr<char[]>> hog;  // untouched: only the address space fills
      for (;;) hog.emplace_back(new char[std::size_t{64} << 20]);
    } catch (const std::bad_alloc& e) {
      reply_text(ReplyStatus::kThrew, std::string("std::bad_alloc: ") + e.what());
    }
  } else {
    protocol::Writer w;
    w.matrix(X.cwiseMax(0.0));
    reply(ReplyStatus::kOk, w);
  }
}

bool can_create(const std::string& path) {
  std::ofstream out(path);
  const bool ok = static_cast<bool>(out << "x");
  out.close();
  std::remove(path.c_str());
  return ok;
}

bool sees(const char* path) {
  struct stat ignored;
  return stat(path, &ignored) == 0;
}

// The names of the network interfaces in /proc/net/dev, comma-separated ("none" if unreadable).
std::string interfaces() {
  std::ifstream in("/proc/net/dev");
  if (!in) return "none";
  std::string line, names;
  for (int n = 0; std::getline(in, line); ++n) {
    if (n < 2) continue;  // two header lines
    const std::size_t colon = line.find(':');
    std::string name = line.substr(0, colon);
    name.erase(0, name.find_first_not_of(' '));
    names += (names.empty() ? "" : ",") + name;
  }
  return names;
}

void at_start() {
  if (g_mode == "exit-at-start") std::exit(0);
  if (g_mode == "segv-at-start") raise(SIGSEGV);
  if (g_mode == "fork-grandchild") {
    const pid_t pid = fork();
    if (pid == 0) {
      setsid();
      const int null = open("/dev/null", O_RDWR);
      for (int fd : {0, 1, 2}) dup2(null, fd);
      for (int fd = 3; fd < 64; ++fd) close(fd);
      for (;;) pause();
    }
    std::printf("grandchild %d\n", static_cast<int>(pid));
    std::fflush(stdout);
  }
  if (g_mode == "env") {
    for (char** variable = environ; *variable; ++variable) std::printf("env: %s\n", *variable);
    std::fflush(stdout);
  }
  if (g_mode == "probe") {
    std::printf("probe1 root_writable=%d cwd_writable=%d tmp_writable=%d pid=%d uid=%d\n",
                can_create("/nn-grade-probe"), can_create("probe.txt"),
                can_create("/tmp/nn-grade-probe"), static_cast<int>(getpid()),
                static_cast<int>(getuid()));
    std::printf("probe2 sees_root_home=%d sees_etc_passwd=%d sees_home=%d interfaces=%s\n",
                sees("/root"), sees("/etc/passwd"), sees("/home"), interfaces().c_str());
    std::fflush(stdout);
    std::exit(3);
  }
}

}  // namespace

int main(int argc, char** argv) {
  g_mode = argc > 1 ? argv[1] : FAKE_SERVER_DEFAULT_MODE;
  at_start();
  std::uint32_t next_handle = 1;
  std::string request;
  while (protocol::read_frame(protocol::kRequestFd, protocol::kMaxRequestBytes, &request)) {
    protocol::Reader in(std::move(request));
    const Op op = static_cast<Op>(in.u8());
    switch (op) {
      case Op::kNewRng:
      case Op::kNewLinear:
      case Op::kNewReLU:
      case Op::kNewSigmoid:
      case Op::kNewMlp:
      case Op::kNewLoss:
      case Op::kNewTensor: {
        protocol::Writer w;
        w.u32(next_handle++);
        reply(ReplyStatus::kOk, w);
        break;
      }
      case Op::kForward: {
        in.u32();
        const Eigen::MatrixXd X = in.matrix();
        forward(X);
        break;
      }
      default:
        reply_text(ReplyStatus::kBadRequest, "the fake server knows only ReLU::forward");
    }
  }
  return 0;
}
