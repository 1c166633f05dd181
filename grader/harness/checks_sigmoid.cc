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

// The cause of kSigmoidCachesInput, in the same words in every check that sees it.
const char* const kCachesInputCause =
    "your Sigmoid caches its input x, not its output s = sigma(x), which the derivative "
    "s (1 - s) needs.";

// The known wrong gradients of a Sigmoid's backward(G) after forward(X), named as
// sigmoid.backward and sigmoid.stability both name them.
std::vector<KnownWrong> wrong_gradients(const std::string& quantity, const Eigen::MatrixXd& X,
                                        const Eigen::MatrixXd& G) {
  const Eigen::MatrixXd s = formulas::sigmoid(X);
  return {
      {mistakes::kSigmoidCachesInput, quantity + " is G * x (1 - x): " + kCachesInputCause,
       G.cwiseProduct(derivative_at(X))},
      {mistakes::kSigmoidWrongQuantity,
       quantity + " is G * sigma(s) (1 - sigma(s)): sigma is applied twice; the derivative is "
                  "s (1 - s) with s = sigma(x), the cached output.",
       G.cwiseProduct(derivative_at(formulas::sigmoid(s)))},
      {mistakes::kNoMatch, quantity + " is G * s: the factor (1 - s) is missing.",
       G.cwiseProduct(s)},
      {mistakes::kNoMatch, quantity + " is s (1 - s) without G: multiply by the upstream gradient.",
       derivative_at(s)}};
}

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
  const Eigen::MatrixXd Y1 = sigmoid.forward(X1), Y2 = sigmoid.forward(X2);
  if (auto lazy = forward_does_no_work("Sigmoid::forward", Y1, X2, Y2)) return combine({*lazy});
  return combine(
      {cache_value_part("cached_output", sigmoid.get(Field::kCachedOutput), formulas::sigmoid(X2),
                        formulas::sigmoid(X1),
                        {{mistakes::kSigmoidCachesInput,
                          std::string("cached_output holds X: ") + kCachesInputCause, X2}}),
       stale_backward_part(used, fresh, X1, X2, G)});
}

protocol::CheckReport sigmoid_backward(const CheckContext& context) {
  const Tolerance tol = context.tolerance();
  auto rng = context.rng();
  const int batch = context.integer("batch"), features = context.integer("features");
  const Eigen::MatrixXd X = inputs(rng, batch, features);
  const Eigen::MatrixXd G = normal(rng, batch, features);
  const Eigen::MatrixXd s = formulas::sigmoid(X);
  protocol::CheckReport report = combine({input_gradient_part(
      make_sigmoid(), [](const Eigen::MatrixXd& x) { return formulas::sigmoid(x); }, X, G,
      G.cwiseProduct(derivative_at(s)), tol, wrong_gradients("dL/dX", X, G))});
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
  const std::string quantity = fmt::format("dL/dX at +-{}", m);
  Part backward_ok = value_part(quantity, grad, G.cwiseProduct(derivative_at(s)), 2,
                                wrong_gradients(quantity, X, G), tight);
  protocol::CheckReport report = combine({forward_ok, backward_ok});
  if (report.status != grading::CheckStatus::kPassed) {
    // The overflow hint only where overflow may be the cause, not beside another named mistake.
    const bool other_mistake =
        !report.diagnosis.empty() && report.diagnosis != mistakes::kNotFinite;
    report.output += fmt::format("\nInputs: X = {}.{}", small_matrix(X),
                                 other_mistake ? ""
                                               : " For x < 0 compute e^x / (1 + e^x), so exp "
                                                 "never overflows.");
  }
  return report;
}

}  // namespace harness
