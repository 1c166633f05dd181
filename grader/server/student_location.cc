#include "server/student_location.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <climits>
#include <cstdio>
#include <sstream>

#include "protocol/server_protocol.h"
#include "protocol/submission_files.h"

namespace nn_grade::server {

CodeAddresses calls_of(void* const* return_addresses, int count) {
  CodeAddresses calls;
  for (int i = 0; i < count; ++i) {
    const auto address = reinterpret_cast<std::uintptr_t>(return_addresses[i]);
    if (address > 0) calls.push_back(address - 1);
  }
  return calls;
}

std::string first_student_line(const std::string& addr2line_output) {
  std::istringstream lines(addr2line_output);
  for (std::string line; std::getline(lines, line);) {
    line = line.substr(0, line.find(" (discriminator"));
    const std::size_t colon = line.rfind(':');
    if (colon == std::string::npos) continue;
    const std::string path = line.substr(0, colon), number = line.substr(colon + 1);
    const std::string file = path.substr(path.rfind('/') + 1);
    const bool own =
        std::find(std::begin(protocol::kSubmissionFiles), std::end(protocol::kSubmissionFiles),
                  file) != std::end(protocol::kSubmissionFiles);
    const bool counted = !number.empty() && number != "0" &&
                         number.find_first_not_of("0123456789") == std::string::npos;
    if (own && counted) return file + ":" + number;
  }
  return "";
}

std::string student_location(const CodeAddresses& addresses) {
  char self[PATH_MAX];
  const ssize_t length = readlink("/proc/self/exe", self, sizeof self - 1);
  if (length <= 0 || addresses.empty()) return "";
  self[length] = '\0';
  std::vector<std::string> args = {"addr2line", "-i", "-e", self};
  for (const std::uintptr_t address : addresses) {
    char text[32];
    std::snprintf(text, sizeof text, "%#lx", static_cast<unsigned long>(address));
    args.push_back(text);
  }
  std::vector<char*> argv;
  for (std::string& arg : args) argv.push_back(arg.data());
  argv.push_back(nullptr);
  int out[2];
  if (pipe2(out, O_CLOEXEC) != 0) return "";
  const pid_t child = fork();
  if (child == 0) {
    dup2(out[1], STDOUT_FILENO);
    const int null = open("/dev/null", O_WRONLY);
    if (null >= 0) dup2(null, STDERR_FILENO);
    close(protocol::kRequestFd);
    close(protocol::kReplyFd);
    execv("/usr/bin/addr2line", argv.data());
    _exit(127);
  }
  close(out[1]);
  std::string text;
  if (child > 0) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(500);
    char buffer[4096];
    while (text.size() < (64u << 10)) {
      const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
          deadline - std::chrono::steady_clock::now());
      pollfd ready{out[0], POLLIN, 0};
      if (left.count() <= 0 || poll(&ready, 1, static_cast<int>(left.count())) <= 0) break;
      const ssize_t got = read(out[0], buffer, sizeof buffer);
      if (got <= 0) break;
      text.append(buffer, static_cast<std::size_t>(got));
    }
    kill(child, SIGKILL);
    waitpid(child, nullptr, 0);
  }
  close(out[0]);
  return first_student_line(text);
}

}  // namespace nn_grade::server
