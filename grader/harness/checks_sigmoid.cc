// Sigmoid: 1 / (1 + e^-x), caching its output.
#include <cmath>

#include <fmt/format.h>

#include "harness/formulas.h"
#include "harness/layer_checks.h"
#include "harness/registry.h"
#include "harness/student_calls.h"
#include "protocol/mistakes.h"

namespace harness {

namespace {

Eigen::MatrixXd inputs(std::mt19937_64& rng, int batch, int features) {
  return uniform(rng, batch, features, -4, 4);
}

Part forward_part(std::mt19937_64& rng, int batch, int features, const std::string& label) {
  const Layer sigmoid = make_sigmoid();
  const Eigen::MatrixXd X = inputs(rng, batch, features);
  Part part = value_part("forward(X)", sigmoid.forward(X), formulas::sigmoid(X), batch);
  part.output = label + ": " + part.output;
  return part;
}

Eigen::MatrixXd derivative_at(const Eigen::MatrixXd& s) { return s.array() * (1.0 - s.array()); }

}  // namespace

protocol::CheckReport sigmoid_forward(const CheckContext& context) {
  auto rng = context.rng();
  const int batch = context.integer("batch"), features = context.integer("features");
  return combine({forward_part(rng, batch, features, fmt::format("batch of {}", batch)),
                  forward_part(rng, 1, features, "batch of one")});
}

protocol::CheckReport sigmoid_cache(const CheckContext& context) {
  auto rng = context.rng();
  const int batch = context.integer("batch"), features = context.integer("features");
  const Eigen::MatrixXd X1 = inputs(rng, batch, features), X2 = inputs(rng, batch, features);
  const Eigen::MatrixXd G = normal(rng, batch, features);
  const Layer sigmoid = make_sigmoid(), used = make_sigmoid(), fresh = make_sigmoid();
  sigmoid.forward(X1);
  sigmoid.forward(X2);
  return combine(
      {cache_value_part("cached_output", sigmoid.get(Field::kCachedOutput), formulas::sigmoid(X2),
                        formulas::sigmoid(X1),
                        {{mistakes::kNoMatch,
                          "cached_output holds the input X; keep the output sigma(X), which "
                          "backward needs.",
                          X2}}),
       stale_backward_part(used, fresh, X1, X2, G)});
}

protocol::CheckReport sigmoid_backward(const CheckContext& context) {
  const Tolerance tol = context.tolerance();
  auto rng = context.rng();
  const int batch = context.integer("batch"), features = context.integer("features");
  const Eigen::MatrixXd X = inputs(rng, batch, features);
  const Eigen::MatrixXd G = normal(rng, batch, features);
  const Eigen::MatrixXd s = formulas::sigmoid(X);
  const std::string wrong = "the derivative is s (1 - s) with s = sigma(x), the cached output";
  const std::vector<KnownWrong> known = {
      {mistakes::kSigmoidWrongQuantity,
       "dL/dX is G * x (1 - x): " + wrong + ", not of the input x.",
       G.cwiseProduct(derivative_at(X))},
      {mistakes::kSigmoidWrongQuantity,
       "dL/dX is G * sigma(s) (1 - sigma(s)): sigma is applied twice; " + wrong + ".",
       G.cwiseProduct(derivative_at(formulas::sigmoid(s)))},
      {mistakes::kNoMatch, "dL/dX is G * s: the factor (1 - s) is missing.", G.cwiseProduct(s)},
      {mistakes::kNoMatch, "dL/dX is s (1 - s) without G: multiply by the upstream gradient.",
       derivative_at(s)}};
  protocol::CheckReport report = combine({input_gradient_part(
      make_sigmoid(), [](const Eigen::MatrixXd& x) { return formulas::sigmoid(x); }, X, G,
      G.cwiseProduct(derivative_at(s)), tol, known)});
  if (report.status != grading::CheckStatus::kPassed) {
    report.output +=
        "\n" + inputs_line(fmt::format("X ({}, {}) in [-4, 4], random upstream gradient G, h = {}",
                                       batch, features, tol.h));
  }
  return report;
}

protocol::CheckReport sigmoid_stability(const CheckContext& context) {
  const double m = context.number("magnitude");
  Eigen::MatrixXd X(2, 4);
  X << m, -m, 0.5, -0.5, -m, m, 3.0, -3.0;
  auto rng = context.rng();
  const Eigen::MatrixXd G = normal(rng, 2, 4);
  const Eigen::MatrixXd s = formulas::sigmoid(X);
  const Tolerance tight{0, 1e-12, 1e-7};
  const Layer sigmoid = make_sigmoid();
  const Eigen::MatrixXd out = sigmoid.forward(X);
  Part forward_ok = value_part(fmt::format("forward at +-{}", m), out, s, 2, {}, tight);
  const Eigen::MatrixXd grad = sigmoid.backward(G);
  Part backward_ok = value_part(fmt::format("dL/dX at +-{}", m), grad,
                                G.cwiseProduct(derivative_at(s)), 2, {}, tight);
  protocol::CheckReport report = combine({forward_ok, backward_ok});
  if (report.status != grading::CheckStatus::kPassed) {
    report.output +=
        fmt::format("\nInputs: X = {}. For x < 0 compute e^x / (1 + e^x), so exp never overflows.",
                    small_matrix(X));
  }
  return report;
}

}  // namespace harness
