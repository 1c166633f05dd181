// A metamorphic probe (checks.md, "Probes") for an elementwise forward (ReLU's, Sigmoid's): each
// output entry is one function f of its own input entry. Where the student's forward is wrong,
// the probe reads, on two draws of X, which inputs the wrong entries have (every x < 0, every
// x > 0, or every entry) and whether on them yours is one simple function: c x for one c, |x|,
// a constant, 1 - f(x) or f(-x). It says what holds the same way on both draws, in plain words,
// and names no cause.
#pragma once

#include <functional>
#include <optional>
#include <string>

#include <Eigen/Dense>

namespace nn_grade::harness {

using Elementwise = std::function<Eigen::MatrixXd(const Eigen::MatrixXd& X)>;

// The probe generator (CheckContext::probe_rng) a check draws the second X from.
constexpr int kElementwiseDraw = 60;

// `yours` runs the student's forward on X; `right` is the checker's f, named `f_name`
// ("max(0, x)", "sigma(x)"). The sentence about `quantity` ("forward(X)"), or nullopt when
// either draw is right, not finite or of another shape, the draws disagree, nothing simple
// holds, or the student's code throws (StudentThrew).
std::optional<std::string> elementwise_relation(const std::string& quantity,
                                                const std::string& f_name,
                                                const Eigen::MatrixXd& X1,
                                                const Eigen::MatrixXd& X2, const Elementwise& yours,
                                                const Elementwise& right);

}  // namespace nn_grade::harness
