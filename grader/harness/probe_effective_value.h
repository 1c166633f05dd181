// A metamorphic probe (checks.md, "Probes"): which value of one hyperparameter makes the right
// formula give the student's answer. Run at two values the checker chose (momentum 0.9, then
// 0.45), it says in plain words how the student's code uses that hyperparameter; it names no
// cause beyond that relation.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include <Eigen/Dense>

namespace nn_grade::harness {

// The right answer for a value of the hyperparameter.
using RightFor = std::function<Eigen::MatrixXd(double value)>;

// The student's answer when given `given`, and the right answer for any value.
struct Trial {
  double given = 0;
  Eigen::MatrixXd yours;
  RightFor right;
};

// The value v in [lo, hi] for which right(v) equals `yours` up to rounding (diagnosis.h's
// same_values), or nullopt when none does.
std::optional<double> effective_value(const Eigen::MatrixXd& yours, const RightFor& right,
                                      double lo, double hi);

// "With momentum 0.9 yours moved as the right formula does with momentum 0.1; with 0.45, as
// with 0.55: where the formula has momentum, yours behaves as with 1 - momentum." The closing
// relation is said only when it holds on every trial (1 - v; 0: "does not use it"; one value
// whatever was given: "does not use the value it is given"); without
// it, the numbers alone. Nullopt when a trial has no effective value in [lo, hi], or when every
// effective value is the given one (then the hyperparameter is not what is wrong).
std::optional<std::string> describe_effective(const std::string& name,
                                              const std::vector<Trial>& trials, double lo,
                                              double hi);

}  // namespace nn_grade::harness
