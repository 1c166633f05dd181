// Linear: z = X W + b.
#include <fmt/format.h>

#include "harness/formulas.h"
#include "harness/layer_checks.h"
#include "harness/registry.h"
#include "harness/shapes.h"
#include "harness/student_calls.h"
#include "protocol/mistakes.h"

namespace harness {

namespace {

// A Linear from the student's constructor, given random W and a non-zero b (so a missing bias
// shows), with an input X and upstream gradient G.
// (W and b as the checker set them: the student's code never changes them here.)
struct Setup {
  Layer layer;
  Eigen::MatrixXd W, b, X, G;
};

Setup setup(const CheckContext& context, int batch) {
  auto rng = context.rng();
  auto student = student_rng(rng);
  const int in = context.integer("in"), out = context.integer("out");
  Layer layer = make_linear(in, out, student);
  Eigen::MatrixXd W = uniform(rng, in, out);
  Eigen::MatrixXd b = uniform(rng, 1, out);
  layer.set(Field::kW, W);
  layer.set(Field::kB, b);
  layer.set(Field::kGradW, Eigen::MatrixXd::Zero(in, out));
  layer.set(Field::kGradB, Eigen::MatrixXd::Zero(1, out));
  Eigen::MatrixXd X = uniform(rng, batch, in);
  Eigen::MatrixXd G = normal(rng, batch, out);
  return {layer, std::move(W), std::move(b), std::move(X), std::move(G)};
}

std::string describe(const Setup& s, const Tolerance& tol) {
  return inputs_line(fmt::format("X {}, W {}, b {}, random upstream gradient G {}, h = {}",
                                 shape_of(s.X), shape_of(s.W), shape_of(s.b), shape_of(s.G),
                                 tol.h));
}

Part forward_part(const Setup& s, const std::string& label) {
  const Eigen::MatrixXd yours = s.layer.forward(s.X);
  const Eigen::MatrixXd right = formulas::linear(s.X, s.W, s.b);
  Part part = value_part(
      "forward(X)", yours, right, s.X.rows(),
      {{mistakes::kNoMatch, "forward(X) equals X W: the bias b is missing.", s.X * s.W}});
  part.output = label + ": " + part.output;
  return part;
}

protocol::CheckReport with_inputs(protocol::CheckReport report, const std::string& inputs) {
  if (report.status != grading::CheckStatus::kPassed) report.output += "\n" + inputs;
  return report;
}

}  // namespace

protocol::CheckReport linear_forward(const CheckContext& context) {
  return combine({forward_part(setup(context, context.integer("batch")),
                               fmt::format("batch of {}", context.integer("batch"))),
                  forward_part(setup(context, 1), "batch of one")});
}

protocol::CheckReport linear_cache(const CheckContext& context) {
  Setup s = setup(context, context.integer("batch"));
  auto rng = context.rng(1);
  const Eigen::MatrixXd X2 = uniform(rng, s.X.rows(), s.X.cols());
  const Layer used = s.layer.copy(), fresh = s.layer.copy();
  const Eigen::MatrixXd Y1 = s.layer.forward(s.X), Y2 = s.layer.forward(X2);
  if (auto lazy = forward_does_no_work("Linear::forward", Y1, X2, Y2)) return combine({*lazy});
  return combine({cache_value_part("cached_input", s.layer.get(Field::kCachedInput), X2, s.X),
                  stale_backward_part(used, fresh, s.X, X2, s.G)});
}

protocol::CheckReport linear_backward_input(const CheckContext& context) {
  const Tolerance tol = context.tolerance();
  Setup s = setup(context, context.integer("batch"));
  s.layer.forward(s.X);
  const Eigen::MatrixXd yours = s.layer.backward(s.G);
  Eigen::MatrixXd x = s.X;
  const Eigen::MatrixXd numerical = numerical_gradient(
      [&] { return formulas::weighted_sum(s.G, formulas::linear(x, s.W, s.b)); }, x, tol.h);
  const Eigen::MatrixXd exact = s.G * s.W.transpose();
  return with_inputs(combine({gradient_part("dL/dX", yours, numerical, exact, tol, s.X.rows())}),
                     describe(s, tol));
}

protocol::CheckReport linear_backward_weight(const CheckContext& context) {
  const Tolerance tol = context.tolerance();
  Setup s = setup(context, context.integer("batch"));
  s.layer.forward(s.X);
  s.layer.backward(s.G);
  Eigen::MatrixXd w = s.W;
  const Eigen::MatrixXd numerical = numerical_gradient(
      [&] { return formulas::weighted_sum(s.G, formulas::linear(s.X, w, s.b)); }, w, tol.h);
  const Eigen::MatrixXd exact = s.X.transpose() * s.G;
  return with_inputs(combine({gradient_part("grad_W", s.layer.get(Field::kGradW), numerical, exact,
                                            tol, s.X.rows())}),
                     describe(s, tol));
}

protocol::CheckReport linear_backward_bias(const CheckContext& context) {
  const Tolerance tol = context.tolerance();
  Setup s = setup(context, context.integer("batch"));
  s.layer.forward(s.X);
  s.layer.backward(s.G);
  Eigen::MatrixXd b = s.b;
  const Eigen::MatrixXd numerical = numerical_gradient(
      [&] { return formulas::weighted_sum(s.G, formulas::linear(s.X, s.W, b)); }, b, tol.h);
  const Eigen::MatrixXd exact = s.G.colwise().sum();
  const std::string one_row =
      "b is added to every row, so its gradient is the sum of G over the batch "
      "(G.colwise().sum()), not one row of it.";
  const std::vector<KnownWrong> known = {
      {mistakes::kOneRow, "grad_b is the first row of G: " + one_row, s.G.topRows(1)},
      {mistakes::kOneRow, "grad_b is the last row of G: " + one_row, s.G.bottomRows(1)},
      {mistakes::kNoMatch, "grad_b is G itself, one row per example: " + one_row, s.G}};
  return with_inputs(combine({gradient_part("grad_b", s.layer.get(Field::kGradB), numerical, exact,
                                            tol, s.X.rows(), known)}),
                     describe(s, tol));
}

protocol::CheckReport linear_accumulate(const CheckContext& context) {
  Setup s = setup(context, context.integer("batch"));
  auto rng = context.rng(1);
  const Eigen::MatrixXd G2 = normal(rng, s.G.rows(), s.G.cols());
  const Layer once = s.layer.copy(), other = s.layer.copy();
  once.forward(s.X);
  once.backward(s.G);
  other.forward(s.X);
  other.backward(G2);
  s.layer.forward(s.X);
  s.layer.backward(s.G);
  s.layer.backward(s.G);
  std::vector<Part> parts;
  for (const auto& [name, field] :
       {std::pair{"grad_W", Field::kGradW}, std::pair{"grad_b", Field::kGradB}}) {
    const Eigen::MatrixXd twice = s.layer.get(field), single = once.get(field);
    if (single.size() == 0 || single.isZero(0)) {
      parts.push_back(
          fail(fmt::format("{} is {} after one backward, so adding up cannot be "
                           "judged; see the backward checks.",
                           name, single.size() ? "all zero" : "empty")));
      continue;
    }
    if (same_values(single, other.get(field))) {
      // A constant added each call "accumulates" without any gradient being computed.
      parts.push_back(
          fail(fmt::format("{} after one backward is the same for two different upstream gradients "
                           "G: backward does not compute it from G, so adding up cannot be judged; "
                           "see the backward checks.",
                           name)));
      continue;
    }
    Part part = value_part(
        fmt::format("{} after two backward calls", name), twice, 2 * single, s.X.rows(),
        {{mistakes::kOverwritesGradient,
          fmt::format("{} after two backward calls equals one call's: backward overwrites it "
                      "(=) instead of adding (+=). Gradients accumulate until zero_grad.",
                      name),
          single}});
    if (part.passed)
      part.output = fmt::format("{}: two backward calls give twice one call's.", name);
    parts.push_back(part);
  }
  return combine(parts);
}

}  // namespace harness
