// The processes below this one: listing them, what CPU they spent, and killing them all. A
// process that made itself a child subreaper (become_subreaper) inherits whatever its children
// leave behind (a double fork, a setsid() daemon), so "below" means every process it started,
// however it tried to get away.
#pragma once

#include <sys/types.h>

#include <vector>

namespace nn_grade::run::process {

// Makes this process a child subreaper that no other process of its user can trace or read
// (PR_SET_DUMPABLE 0), and remembers the children it has now (a shell's process substitution):
// they are not its descendants' to kill. Call first thing, before any child is started.
void become_subreaper();

// The processes whose parent is this process (every thread's children), from /proc.
std::vector<pid_t> children();

// Every process below this one, children first, then theirs, and so on.
std::vector<pid_t> descendants();

// The CPU time (user and system, in seconds) that the processes below this one have spent,
// those still running and those already reaped by them. What has exited but is not yet reaped
// by anyone is not counted: a lower bound.
double descendants_cpu_seconds();

// The CPU time (user and system, in seconds) process `pid` has spent, with that of the children
// it has reaped; -1 when it is gone. One read of /proc/<pid>/stat: cheap enough for every call.
double cpu_seconds_of(pid_t pid);

// How long (in seconds) the main thread of `pid` has waited, runnable, for a CPU while others
// ran (the run-queue delay of /proc/<pid>/schedstat); -1 when it is gone or the kernel does not
// say. Unlike a low CPU time, it cannot come from the process's own sleep() or read().
double run_queue_seconds_of(pid_t pid);

// Held by whatever starts a child, from before fork until fork has returned: granted until
// stop_spawning() is called, refused from then on. So a child started before a stop is one that
// kill_descendants() sees, and none starts after it (a build's control compile, say, that
// follows the compiles a Ctrl-C killed).
class SpawnPermit {
 public:
  SpawnPermit();
  ~SpawnPermit();
  SpawnPermit(const SpawnPermit&) = delete;
  SpawnPermit& operator=(const SpawnPermit&) = delete;
  bool granted() const { return granted_; }

 private:
  bool granted_;
};

// Refuses every SpawnPermit from now on, once a permit held now is released. For a process
// about to end: call it, then kill_descendants().
void stop_spawning();

// Kills (SIGKILL, to each child and to its process group) and reaps every child this process
// did not have when become_subreaper() was called, until none is left on two looks in a row.
// Returns how many it killed. Never hangs: gives up after five seconds of a tree that keeps
// growing.
int kill_descendants();

}  // namespace nn_grade::run::process
