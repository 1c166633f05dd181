// A metamorphic probe (checks.md, "Probes"): which function of the output s = sigma(x) a wrong
// Sigmoid backward multiplies G by. A right dL/dX is G * s (1 - s), entry by entry: a function
// of s alone. The probe reads the student's local derivative off two draws of X and G as a
// polynomial in s of degree at most 3 (the smallest that reproduces every entry of both, with
// whole coefficients when they fit) and says it beside the right one: "G x s (1 + s)", "G x
// (1 - s)^2". When no such polynomial reproduces both draws it says nothing.
#pragma once

#include <functional>
#include <optional>
#include <string>

#include <Eigen/Dense>

namespace nn_grade::harness {

// One draw: the right cached output s = sigma(X), the upstream gradient G, and the student's
// dL/dX from backward(G) after forward(X) on a new Sigmoid.
struct SigmoidDraw {
  Eigen::MatrixXd s, G, yours;
};

// The probe generator (CheckContext::probe_rng) a check draws draw 1 from.
constexpr int kSigmoidProbeDraw = 40;

// `draw(0)` is the check's inputs, `draw(1)` others. The sentence, or nullopt when no
// polynomial fits, the fit is the right derivative, or the student's code throws (StudentThrew).
std::optional<std::string> sigmoid_derivative(const std::function<SigmoidDraw(int draw)>& draw);

}  // namespace nn_grade::harness
