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
//                   ...", "probe3 ..." its privileges, "probe4 ..." its limits), then exits 3
//   empty-wide-matrix forward's reply: kOk and a matrix declared 0 x 2^62 (no double at all)
//   refuse          forward's reply: kRefused, "unknown handle"
//   spin-on-cpu0    forward spins for ever on CPU 0 alone (the test puts a neighbour's load there)
#include <arpa/inet.h>
#include <fcntl.h>
#include <linux/capability.h>
#include <malloc.h>
#include <netinet/in.h>
#include <sched.h>
#include <signal.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

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

namespace nn_grade {

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

// A kThrew reply: type, what(), and no location.
void reply_thrown(const std::string& type, const std::string& what) {
  protocol::Writer w;
  w.text(type);
  w.text(what);
  w.text("");
  reply(ReplyStatus::kThrew, w);
}

std::string u32_bytes(std::uint32_t v) { return std::string(reinterpret_cast<const char*>(&v), 4); }
std::string i64_bytes(std::int64_t v) { return std::string(reinterpret_cast<const char*>(&v), 8); }

// forward(X), as argv[1] says.
void forward(const Eigen::MatrixXd& X) {
  if (g_mode == "throw") {
    reply_thrown("std::logic_error", "fake failure");
  } else if (g_mode == "hang") {
    for (;;) pause();
  } else if (g_mode == "segv") {
    raise(SIGSEGV);
  } else if (g_mode == "segv-located" || g_mode == "crash-reply-alive") {
    // What grader/server/crash_report.cc sends before the server dies of its signal; a
    // server that sends it and lives on is forging it, with a place in no student file.
    const bool dies = g_mode == "segv-located";
    protocol::Writer w;
    w.text(dies ? "layers.cpp:7" : "/etc/passwd:1");
    reply(ReplyStatus::kCrashed, w);
    if (dies) raise(SIGSEGV);
    for (;;) pause();
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
  } else if (g_mode == "empty-wide-matrix") {
    std::string payload(1, static_cast<char>(ReplyStatus::kOk));
    payload += i64_bytes(0) + i64_bytes(std::int64_t{1} << 62);
    send_raw(u32_bytes(static_cast<std::uint32_t>(payload.size())) + payload);
  } else if (g_mode == "spin-on-cpu0") {
    cpu_set_t only;
    CPU_ZERO(&only);
    CPU_SET(0, &only);
    sched_setaffinity(0, sizeof only, &only);
    for (volatile long n = 0;; n = n + 1) {
    }
  } else if (g_mode == "refuse") {
    reply_text(ReplyStatus::kRefused, "unknown handle");
  } else if (g_mode == "alloc") {
    // The student server's malloc fills what it returns (MALLOC_PERTURB_), which would touch
    // every page of a gigabyte here; this mode is about the bad_alloc, so turn that off.
    mallopt(M_PERTURB, 0);
    try {
      std::vector<std::unique_ptr<char[]>> hog;  // untouched: only the address space fills
      for (;;) hog.emplace_back(new char[std::size_t{64} << 20]);
    } catch (const std::bad_alloc& e) {
      reply_thrown("std::bad_alloc", e.what());
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

// The effective or bounding capability set as /proc/self/status prints it (16 hex digits), from
// the system calls themselves: a chroot has no /proc.
std::string capabilities(bool bounding) {
  unsigned long long set = 0;
  if (bounding) {
    for (int cap = 0; cap <= 63; ++cap) {
      if (prctl(PR_CAPBSET_READ, cap, 0, 0, 0) == 1) set |= 1ULL << cap;
    }
  } else {
    __user_cap_header_struct header{_LINUX_CAPABILITY_VERSION_3, 0};
    __user_cap_data_struct data[2] = {};
    if (syscall(SYS_capget, &header, data) != 0) return "?";
    set = data[0].effective | (static_cast<unsigned long long>(data[1].effective) << 32);
  }
  char text[17];
  std::snprintf(text, sizeof text, "%016llx", set);
  return text;
}

// Whether this process's uid is the machine's root: "1" or "0" in the machine's own user
// namespace (whose map is the identity, "0 0 4294967295"); "nested" in one of its own, whose map
// is relative to its parent's and cannot say (the test reads its uid instead). A chroot has no
// /proc: it answers by getuid().
std::string maps_to_root() {
  std::ifstream in("/proc/self/uid_map");
  long inside = 0, outside = 0, count = 0;
  if (!(in >> inside >> outside >> count)) return getuid() == 0 ? "1" : "0";
  if (inside == 0 && outside == 0 && count == 4294967295L) return getuid() == 0 ? "1" : "0";
  return "nested";
}

// What a TCP connection to port kListenedPort of 127.0.0.1 gets: "connected" (the machine's
// loopback, where the test listens: sandbox_test.cc), "refused" or "unreachable" (a network of its
// own, nothing listening or nothing up).
constexpr int kListenedPort = 47815;
std::string loopback() {
  const int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return std::string("no-socket-") + std::strerror(errno);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(kListenedPort);
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  const int rc = connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address);
  const int error = errno;
  close(fd);
  if (rc == 0) return "connected";
  if (error == ECONNREFUSED) return "refused";
  return "unreachable";
}

// Whether a mount works: a remount of / read-write (the escape a capability would allow).
int mount_works() {
  return mount(nullptr, "/", nullptr, MS_REMOUNT | MS_BIND, nullptr) == 0 ||
         mount("none", "/mnt", "tmpfs", 0, nullptr) == 0;
}

long limit_of(int resource) {
  rlimit limit{};
  getrlimit(resource, &limit);
  return limit.rlim_cur == RLIM_INFINITY ? -1 : static_cast<long>(limit.rlim_cur);
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
    std::printf(
        "probe3 cap_eff=%s cap_bnd=%s no_new_privs=%s maps_root=%s mount=%d "
        "usr_local_writable=%d loopback=%s\n",
        capabilities(false).c_str(), capabilities(true).c_str(),
        std::to_string(prctl(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0)).c_str(), maps_to_root().c_str(),
        mount_works(), can_create("/usr/local/nn-grade-probe"), loopback().c_str());
    struct statvfs cwd {};
    const bool have_cwd = statvfs(".", &cwd) == 0;
    std::printf("probe4 nproc=%ld cwd_mb=%ld cwd_files=%ld\n", limit_of(RLIMIT_NPROC),
                have_cwd ? static_cast<long>(cwd.f_blocks * cwd.f_frsize >> 20) : -1,
                have_cwd ? static_cast<long>(cwd.f_files) : -1);
    std::fflush(stdout);
    std::exit(3);
  }
}

}  // namespace

int program_main(int argc, char** argv) {
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
        reply_text(ReplyStatus::kRefused, "the fake server knows only ReLU::forward");
    }
  }
  return 0;
}

}  // namespace nn_grade

int main(int argc, char** argv) { return nn_grade::program_main(argc, argv); }
