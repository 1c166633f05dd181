// Recognising the usual mistakes (checks.md): a wrong matrix is compared with the known wrong
// answers, and when one matches, the student reads what it means. A wrong answer that matches
// nothing is called so plainly: this never guesses.
#pragma once

#include <string>
#include <vector>

#include <Eigen/Dense>

namespace harness {

// A wrong answer a check knows how to compute, e.g. the bias gradient of one row.
struct KnownWrong {
  const char* code;      // from mistakes.h
  std::string sentence;  // what it means, for the student
  Eigen::MatrixXd value;
};

struct Diagnosis {
  std::string code;      // from mistakes.h; empty when nothing matched
  std::string sentence;  // always set for a wrong answer
  bool matched() const { return !code.empty(); }
};

// Diagnoses `yours` (named `quantity`, e.g. "grad_W") against the `right` value. Tried in order:
// not finite, all zero, each of `known`, transposed, a constant factor (the batch size, -1,
// another constant). `batch` names a factor equal to it.
Diagnosis diagnose(const std::string& quantity, const Eigen::MatrixXd& yours,
                   const Eigen::MatrixXd& right, Eigen::Index batch,
                   const std::vector<KnownWrong>& known = {});

// Equal up to rounding: ||a - b|| <= 1e-5 * max(||a||, ||b||) (false when shapes differ).
bool same_values(const Eigen::MatrixXd& a, const Eigen::MatrixXd& b);

// "1/6", "2", "-0.37": a factor as a student would write it.
std::string describe_factor(double factor);

}  // namespace harness
