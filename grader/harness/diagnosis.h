// Naming the cause of a wrong answer (checks.md, "No claim without proof"). A Diagnosis that
// names a cause (a factor, a sign, a transpose, a known wrong formula, "never written") exists
// only as the result of diagnose(Evidence): the checker has computed what the student's code
// would give under that cause on every probe it made (other seeds, other batch sizes), the
// student's numbers agree on all of them, and on at least two the cause gives something other
// than the right answer. Where no cause is proven, the sentence states facts only: which entries
// are wrong, the pattern, the numbers on the other probes. Diagnosis::observed is the one other
// way to make one, for a fact read straight off the student's own calls (a gradient that
// zero_grad left unchanged), which needs no hypothesis.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include <Eigen/Dense>

namespace nn_grade::harness {

// A wrong answer a check can compute for given inputs, e.g. the bias gradient of one row.
struct KnownWrong {
  const char* code;      // from mistakes.h
  std::string sentence;  // what it means, for the student
  Eigen::MatrixXd value;
  // `value` is what the student's own calls returned or held before (one backward's gradient,
  // the first forward's cache): equal to it is a fact observed on one probe, no cause inferred.
  bool observed = false;
};

// A quantity that a factor equal to it names: {"lr", 0.1}. The batch size is named by every
// probe (Probe::batch); these are a check's hyperparameters.
struct NamedFactor {
  std::string name;
  double value = 0;
};

// One draw of inputs: the student's answer, the right one, and the wrong answers the check can
// compute for these inputs. The probes of one Evidence list the same causes in the same order.
struct Probe {
  Eigen::MatrixXd yours, right;
  Eigen::Index batch = 1;  // rows of the batch these inputs had
  std::vector<KnownWrong> known;
  std::vector<NamedFactor> factors;
  std::string label;  // the inputs, for the student: "batch of 1"
  // The checker filled the output with a value of its own before a call on these inputs, and
  // it was still there afterwards: the only proof that the student's code never writes it.
  bool fill_survived = false;
};

// Everything the checker has on one wrong quantity.
struct Evidence {
  std::string quantity;       // "grad_W", "the loss"
  std::vector<Probe> probes;  // probes[0] is the one the check judged
};

class Diagnosis {
 public:
  Diagnosis() = default;                                     // nothing found, nothing said
  const std::string& code() const { return code_; }          // mistakes.h; "" for none
  const std::string& sentence() const { return sentence_; }  // for the student; may be ""
  bool matched() const { return !code_.empty(); }

  // A fact read off the student's own calls, with no cause inferred: a value a call left
  // unchanged, a shape a call changed, a result equal to what another of its calls returned.
  static Diagnosis observed(const char* code, std::string sentence);

 private:
  Diagnosis(std::string code, std::string sentence)
      : code_(std::move(code)), sentence_(std::move(sentence)) {}
  friend Diagnosis diagnose(const Evidence& evidence);
  std::string code_, sentence_;
};

// More probes of one quantity: the k-th (k = 1, 2, ...) draws new inputs, calls the student's
// code again and returns its answer, the right one and the candidates for those inputs. Checks
// call it only for a quantity that is wrong. It may throw what student calls throw.
using Reprobe = std::function<Probe(int k)>;

// Tried in order: a known candidate reproduced (NaN and infinity at the same entries count as
// the same), not finite (a fact), never written (all zeros, and a probe's fill_survived),
// 1 / batch in integer
// arithmetic, all zeros (a fact), a transpose, a factor (-1, the batch size, 2, 1/2, a named
// hyperparameter) the same on every probe; else the facts.
Diagnosis diagnose(const Evidence& evidence);

// Equal up to rounding: ||a - b|| <= 1e-5 * max(||a||, ||b||) (false when shapes differ).
bool same_values(const Eigen::MatrixXd& a, const Eigen::MatrixXd& b);

// As same_values, but an entry that is NaN or infinite in both counts as equal.
bool reproduces(const Eigen::MatrixXd& yours, const Eigen::MatrixXd& candidate);

// "1/6", "2", "-0.37": a factor as a student would write it.
std::string describe_factor(double factor);

}  // namespace nn_grade::harness
