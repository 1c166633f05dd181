#include "run/process/descendants.h"

#include <dirent.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <mutex>
#include <string>
#include <thread>

namespace nn_grade::run::process {
namespace {

using Clock = std::chrono::steady_clock;

// Children this process had before it became a subreaper: not the student's, never killed.
std::vector<pid_t>& spared() {
  static std::vector<pid_t> pids;
  return pids;
}

struct Stat {
  pid_t ppid = 0;
  double cpu_seconds = 0;  // utime + stime + cutime + cstime
};

// /proc/<pid>/stat's parent and CPU times; false when the process is gone. comm may hold spaces
// and parentheses, so the fields are read after the last ')'.
bool read_stat(long pid, Stat* out) {
  std::ifstream file("/proc/" + std::to_string(pid) + "/stat");
  std::string line;
  if (!std::getline(file, line)) return false;
  const std::size_t close = line.rfind(')');
  if (close == std::string::npos) return false;
  char state = 0;
  long ppid = 0;
  unsigned long long utime = 0, stime = 0;
  long long cutime = 0, cstime = 0;
  // state ppid pgrp session tty_nr tpgid flags minflt cminflt majflt cmajflt utime stime cutime
  // cstime
  if (std::sscanf(line.c_str() + close + 1,
                  " %c %ld %*d %*d %*d %*d %*u %*u %*u %*u %*u %llu %llu %lld %lld", &state, &ppid,
                  &utime, &stime, &cutime, &cstime) != 6) {
    return false;
  }
  const double tick = static_cast<double>(sysconf(_SC_CLK_TCK));
  out->ppid = static_cast<pid_t>(ppid);
  out->cpu_seconds = static_cast<double>(utime + stime) / tick +
                     static_cast<double>(std::max(0LL, cutime + cstime)) / tick;
  return true;
}

std::map<pid_t, Stat> all_processes() {
  std::map<pid_t, Stat> out;
  DIR* proc = opendir("/proc");
  if (!proc) return out;
  while (dirent* entry = readdir(proc)) {
    char* end = nullptr;
    const long pid = std::strtol(entry->d_name, &end, 10);
    Stat stat;
    if (pid > 0 && *end == '\0' && read_stat(pid, &stat)) out[static_cast<pid_t>(pid)] = stat;
  }
  closedir(proc);
  return out;
}

// The processes below `root` in `all`, breadth first.
std::vector<pid_t> below(pid_t root, const std::map<pid_t, Stat>& all) {
  std::vector<pid_t> out;
  std::vector<pid_t> parents = {root};
  while (!parents.empty()) {
    std::vector<pid_t> next;
    for (const auto& [pid, stat] : all) {
      if (std::find(parents.begin(), parents.end(), stat.ppid) != parents.end()) {
        next.push_back(pid);
      }
    }
    out.insert(out.end(), next.begin(), next.end());
    parents = std::move(next);
  }
  return out;
}

}  // namespace

void become_subreaper() {
  prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
  spared() = children();
  prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0);
}

std::vector<pid_t> children() {
  std::vector<pid_t> out;
  const pid_t self = getpid();
  for (const auto& [pid, stat] : all_processes()) {
    if (stat.ppid == self) out.push_back(pid);
  }
  return out;
}

double cpu_seconds_of(pid_t pid) {
  Stat stat;
  return read_stat(pid, &stat) ? stat.cpu_seconds : -1;
}

double run_queue_seconds_of(pid_t pid) {
  std::ifstream file("/proc/" + std::to_string(pid) + "/schedstat");
  unsigned long long on_cpu_ns = 0, waiting_ns = 0;
  if (!(file >> on_cpu_ns >> waiting_ns)) return -1;
  return static_cast<double>(waiting_ns) / 1e9;
}

std::vector<pid_t> descendants() { return below(getpid(), all_processes()); }

double descendants_cpu_seconds() {
  const std::map<pid_t, Stat> all = all_processes();
  double seconds = 0;
  for (pid_t pid : below(getpid(), all)) seconds += all.at(pid).cpu_seconds;
  return seconds;
}

namespace {
std::mutex& spawn_mutex() {
  static std::mutex mutex;
  return mutex;
}
bool spawning_stopped = false;  // guarded by spawn_mutex()
}  // namespace

SpawnPermit::SpawnPermit() {
  spawn_mutex().lock();
  granted_ = !spawning_stopped;
}

SpawnPermit::~SpawnPermit() { spawn_mutex().unlock(); }

void stop_spawning() {
  std::lock_guard<std::mutex> lock(spawn_mutex());
  spawning_stopped = true;
}

int kill_descendants() {
  int killed = 0;
  const auto give_up = Clock::now() + std::chrono::seconds(5);
  const std::vector<pid_t>& before = spared();
  for (int empty_looks = 0; empty_looks < 2 && Clock::now() < give_up;) {
    std::vector<pid_t> left;
    for (pid_t pid : children()) {
      if (std::find(before.begin(), before.end(), pid) == before.end()) left.push_back(pid);
    }
    empty_looks = left.empty() ? empty_looks + 1 : 0;
    for (pid_t pid : left) {
      kill(-pid, SIGKILL);  // its group, when it leads one
      if (kill(pid, SIGKILL) == 0) ++killed;
    }
    for (pid_t pid : left) {
      int status = 0;
      waitpid(pid, &status, WNOHANG);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  return killed;
}

}  // namespace nn_grade::run::process
