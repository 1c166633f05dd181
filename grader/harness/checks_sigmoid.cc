// Sigmoid: 1 / (1 + e^-x), caching its output.
#include <cmath>
#include <functional>

#include <fmt/format.h>

#include "harness/formulas.h"
#include "harness/layer_checks.h"
#include "harness/probe_elementwise.h"  // kElementwiseDraw
#include "harness/probe_sigmoid_derivative.h"
#include "harness/probe_upstream_scaling.h"
#include "harness/registry.h"
#include "harness/student_calls.h"
#include "protocol/mistakes.h"

namespace nn_grade::harness {

namespace {

Eigen::MatrixXd inputs(std::mt19937_64& rng, int batch, int features) {
  return uniform(rng, batch, features, -4, 4);
}

Part forward_part(const CheckContext& context, std::mt19937_64& rng, int batch, int features,
                  const std::string& label) {
  const Layer sigmoid = make_sigmoid();
  const Eigen::MatrixXd X = inputs(rng, batch, features);
  Part part = value_part("forward(X)", sigmoid.forward(X), formulas::sigmoid(X), batch, {},
                         {0, 1e-9, 1e-7}, [&context, batch, features](int k) {
                           auto other = context.probe_rng(k);
                           const int rows = probe_batch(k, batch);
                           const Eigen::MatrixXd X = inputs(other, rows, features);
                           return Probe{make_sigmoid().forward(X), formulas::sigmoid(X), rows};
                         });
  part.output = label + ": " + part.output;
  if (!part.passed && part.diagnosis.empty()) {
    const auto finding = activation_forward_relation(
        make_sigmoid, "sigma(x)", X,
        [&] {
          auto other = context.probe_rng(kElementwiseDraw);
          return inputs(other, batch, features);
        },
        [](const Eigen::MatrixXd& x) { return formulas::sigmoid(x); });
    if (finding) part.output += "\n" + *finding;
  }
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
      {protocol::mistakes::kSigmoidCachesInput,
       quantity + " is G * x (1 - x): " + kCachesInputCause, G.cwiseProduct(derivative_at(X))},
      {protocol::mistakes::kSigmoidWrongQuantity,
       quantity + " is G * sigma(s) (1 - sigma(s)): sigma is applied twice; the derivative is "
                  "s (1 - s) with s = sigma(x), the cached output.",
       G.cwiseProduct(derivative_at(formulas::sigmoid(s)))},
      {protocol::mistakes::kNoMatch, quantity + " is G * s: the factor (1 - s) is missing.",
       G.cwiseProduct(s)},
      {protocol::mistakes::kNoMatch,
       quantity + " is s (1 - s) without G: multiply by the upstream gradient.", derivative_at(s)}};
}

// forward(X) as e^x / (1 + e^x) at every x: infinity over infinity at large x.
std::vector<KnownWrong> overflowing_forward(const Eigen::MatrixXd& X) {
  const Eigen::MatrixXd e = X.array().exp();
  return {{protocol::mistakes::kNotFinite,
           "e^x / (1 + e^x) at every x gives exactly your numbers: at a large x, e^x overflows "
           "to infinity and infinity / infinity is NaN. For x >= 0 compute 1 / (1 + e^-x), for "
           "x < 0 e^x / (1 + e^x), so exp never overflows.",
           e.array() / (1.0 + e.array())}};
}

// cached_output's usual wrong value after forward(X), besides a stale one.
std::vector<KnownWrong> wrong_cache(const Eigen::MatrixXd& X) {
  return {{protocol::mistakes::kSigmoidCachesInput,
           std::string("cached_output holds X: ") + kCachesInputCause, X}};
}

// Further probes of dL/dX from backward(G) after forward(X): X from `draw` (k-th probe
// generator, rows), G random.
Reprobe backward_probes(const CheckContext& context, const std::string& quantity, int batch,
                        std::function<Eigen::MatrixXd(std::mt19937_64&, int)> draw) {
  return [&context, quantity, batch, draw](int k) {
    auto other = context.probe_rng(k);
    const Eigen::MatrixXd X = draw(other, probe_batch(k, batch));
    const Eigen::MatrixXd G = normal(other, X.rows(), X.cols());
    const Layer layer = make_sigmoid();
    layer.forward(X);
    return Probe{layer.backward(G), G.cwiseProduct(derivative_at(formulas::sigmoid(X))), X.rows(),
                 wrong_gradients(quantity, X, G)};
  };
}

}  // namespace

protocol::CheckReport sigmoid_forward(const CheckContext& context) {
  auto rng = context.rng();
  const int batch = context.integer("batch"), features = context.integer("features");
  return combine({forward_part(context, rng, batch, features, fmt::format("batch of {}", batch)),
                  forward_part(context, rng, 1, features, "batch of one")});
}

protocol::CheckReport sigmoid_cache(const CheckContext& context) {
  auto rng = context.rng();
  const int batch = context.integer("batch"), features = context.integer("features");
  const Eigen::MatrixXd X1 = inputs(rng, batch, features), X2 = inputs(rng, batch, features);
  const Eigen::MatrixXd G = normal(rng, batch, features);
  const Layer sigmoid = make_sigmoid(), used = make_sigmoid(), fresh = make_sigmoid();
  const Eigen::MatrixXd Y1 = sigmoid.forward(X1), Y2 = sigmoid.forward(X2);
  if (auto lazy = forward_does_no_work("Sigmoid::forward", Y1, X2, Y2)) return combine({*lazy});
  const Reprobe again = [&context, batch, features](int k) {
    auto other = context.probe_rng(k);
    const int rows = probe_batch(k, batch);
    const Eigen::MatrixXd A = inputs(other, rows, features), B = inputs(other, rows, features);
    const Layer layer = make_sigmoid();
    layer.forward(A);
    layer.forward(B);
    return Probe{layer.get(Field::kCachedOutput), formulas::sigmoid(B), rows,
                 wrong_caches("cached_output", formulas::sigmoid(A), wrong_cache(B))};
  };
  return combine(
      {cache_value_part("cached_output", sigmoid.get(Field::kCachedOutput), formulas::sigmoid(X2),
                        formulas::sigmoid(X1), wrong_cache(X2), again),
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
      G.cwiseProduct(derivative_at(s)), tol, wrong_gradients("dL/dX", X, G),
      backward_probes(context, "dL/dX", batch, [features](std::mt19937_64& r, int rows) {
        return inputs(r, rows, features);
      }))});
  if (report.status != protocol::CheckStatus::kPassed && report.diagnosis.empty()) {
    const auto finding = input_gradient_scaling(make_sigmoid, X, G, [&] {
      auto other = context.probe_rng(kUpstreamDraw);
      Eigen::MatrixXd A = inputs(other, batch, features);
      return std::pair{A, normal(other, batch, features)};
    });
    if (finding) report.output += "\n" + *finding;
    const auto derivative = sigmoid_derivative([&](int k) {
      auto other = context.probe_rng(kSigmoidProbeDraw);
      const Eigen::MatrixXd A = k == 0 ? X : inputs(other, batch, features);
      const Eigen::MatrixXd B = k == 0 ? G : normal(other, batch, features);
      const Layer layer = make_sigmoid();
      layer.forward(A);
      return SigmoidDraw{formulas::sigmoid(A), B, layer.backward(B)};
    });
    if (derivative) report.output += "\n" + *derivative;
  }
  if (report.status != protocol::CheckStatus::kPassed) {
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
  // Further probes keep these inputs (one row for a batch of one, the rows swapped for a
  // batch) and draw another G.
  const auto same_inputs = [X](std::mt19937_64&, int rows) -> Eigen::MatrixXd {
    return rows == 1 ? Eigen::MatrixXd(X.row(1)) : Eigen::MatrixXd(X.colwise().reverse());
  };
  const Layer sigmoid = make_sigmoid();
  const Eigen::MatrixXd out = sigmoid.forward(X);
  Part forward_ok =
      value_part(fmt::format("forward at +-{}", m), out, s, 2, overflowing_forward(X), tight,
                 [&context, same_inputs](int k) {
                   auto other = context.probe_rng(k);
                   const Eigen::MatrixXd inputs = same_inputs(other, probe_batch(k, 2));
                   return Probe{make_sigmoid().forward(inputs), formulas::sigmoid(inputs),
                                inputs.rows(), overflowing_forward(inputs)};
                 });
  const Eigen::MatrixXd grad = sigmoid.backward(G);
  const std::string quantity = fmt::format("dL/dX at +-{}", m);
  Part backward_ok = value_part(quantity, grad, G.cwiseProduct(derivative_at(s)), 2,
                                wrong_gradients(quantity, X, G), tight,
                                backward_probes(context, quantity, 2, same_inputs));
  protocol::CheckReport report = combine({forward_ok, backward_ok});
  if (report.status != protocol::CheckStatus::kPassed) {
    report.output += fmt::format("\nInputs: X = {}.", small_matrix(X));
  }
  return report;
}

}  // namespace nn_grade::harness
