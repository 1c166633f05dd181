// Linear: z = X W + b.
#include <fmt/format.h>

#include "harness/formulas.h"
#include "harness/layer_checks.h"
#include "harness/probe_batch_dependence.h"
#include "harness/probe_batch_scaling.h"
#include "harness/probe_upstream_scaling.h"
#include "harness/registry.h"
#include "harness/shapes.h"
#include "harness/student_calls.h"
#include "protocol/mistakes.h"

namespace nn_grade::harness {

namespace {

// A Linear from the student's constructor, given random W and a non-zero b (so a missing bias
// shows), with an input X and upstream gradient G.
// (W and b as the checker set them: the student's code never changes them here.)
struct Setup {
  Layer layer;
  Eigen::MatrixXd W, b, X, G;
};

Setup setup(const CheckContext& context, int batch, std::mt19937_64 rng) {
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

Setup setup(const CheckContext& context, int batch) { return setup(context, batch, context.rng()); }

// A value the checker writes into a field before a call, to see whether the call writes it.
constexpr double kFill = 7.25;

// What backward(G) after forward(X) writes: dL/dX or a parameter gradient.
enum class Output { kInputGradient, kGradW, kGradB };

Eigen::MatrixXd backward_output(const Setup& s, Output output) {
  s.layer.forward(s.X);
  const Eigen::MatrixXd dx = s.layer.backward(s.G);
  if (output == Output::kInputGradient) return dx;
  return s.layer.get(output == Output::kGradW ? Field::kGradW : Field::kGradB);
}

Eigen::MatrixXd right_output(const Setup& s, Output output) {
  switch (output) {
    case Output::kInputGradient:
      return s.G * s.W.transpose();
    case Output::kGradW:
      return s.X.transpose() * s.G;
    case Output::kGradB:
      return s.G.colwise().sum();
  }
  return {};
}

// grad_b's usual wrong answers for the upstream gradient G.
std::vector<KnownWrong> wrong_bias(const Eigen::MatrixXd& G) {
  const std::string one_row =
      "b is added to every row, so its gradient is the sum of G over the batch "
      "(G.colwise().sum()), not one row of it.";
  return {{protocol::mistakes::kOneRow, "grad_b is the first row of G: " + one_row, G.topRows(1)},
          {protocol::mistakes::kOneRow, "grad_b is the last row of G: " + one_row, G.bottomRows(1)},
          {protocol::mistakes::kNoMatch, "grad_b is G itself, one row per example: " + one_row, G}};
}

// Further probes of one output of backward (diagnosis.h). The first also fills the gradient
// with kFill before a backward on a layer of its own, to see whether backward writes it.
// One output of backward on a new layer and batch of `rows` samples from `rng`.
Probe backward_probe(const CheckContext& context, int rows, Output output, std::mt19937_64 rng) {
  const Setup s = setup(context, rows, std::move(rng));
  return {backward_output(s, output),
          right_output(s, output),
          s.X.rows(),
          output == Output::kGradB ? wrong_bias(s.G) : std::vector<KnownWrong>{},
          {},
          fmt::format("batch of {}", s.X.rows())};
}

Reprobe backward_probes(const CheckContext& context, int batch, Output output) {
  return [&context, batch, output](int k) {
    Probe p = backward_probe(context, probe_batch(k, batch), output, context.probe_rng(k));
    if (k == 1 && output != Output::kInputGradient) {
      const Setup filled = setup(context, probe_batch(k, batch), context.probe_rng(k));
      const Field field = output == Output::kGradW ? Field::kGradW : Field::kGradB;
      const Eigen::MatrixXd fill = Eigen::MatrixXd::Constant(p.right.rows(), p.right.cols(), kFill);
      filled.layer.set(field, fill);
      filled.layer.forward(filled.X);
      filled.layer.backward(filled.G);
      p.fill_survived = filled.layer.get(field) == fill;
    }
    return p;
  };
}

std::string describe(const Setup& s, const Tolerance& tol) {
  return inputs_line(fmt::format("X {}, W {}, b {}, random upstream gradient G {}, h = {}",
                                 shape_of(s.X), shape_of(s.W), shape_of(s.b), shape_of(s.G),
                                 tol.h));
}

// forward(X) of the setup's layer, with the right value and the usual wrong one.
Probe forward_probe(const Setup& s) {
  return {
      s.layer.forward(s.X),
      formulas::linear(s.X, s.W, s.b),
      s.X.rows(),
      {{protocol::mistakes::kNoMatch, "forward(X) equals X W: the bias b is missing.", s.X * s.W}},
      {},
      fmt::format("batch of {}", s.X.rows())};
}

Part forward_part(const CheckContext& context, int batch) {
  const Probe p = forward_probe(setup(context, batch));
  Part part = value_part(
      "forward(X)", p.yours, p.right, p.batch, p.known, {0, 1e-9, 1e-7}, [&context, batch](int k) {
        return forward_probe(setup(context, probe_batch(k, batch), context.probe_rng(k)));
      });
  part.output = p.label + ": " + part.output;
  if (!part.passed && part.diagnosis.empty()) {
    const Setup s = setup(context, batch);
    const auto finding = batch_dependence(
        "forward(X)", s.X, [&s](const Eigen::MatrixXd& X) { return s.layer.forward(X); });
    if (finding) part.output += "\n" + *finding;
  }
  return part;
}

protocol::CheckReport with_inputs(protocol::CheckReport report, const std::string& inputs) {
  if (report.status != protocol::CheckStatus::kPassed) report.output += "\n" + inputs;
  return report;
}

// One output of backward(G) after forward(X) on the setup's layer against finite differences
// `numerical`; when it is wrong and no cause is proven, how it follows the batch size
// (probe_batch_scaling.h) and the upstream gradient (probe_upstream_scaling.h).
protocol::CheckReport backward_check(const CheckContext& context, const Setup& s,
                                     const std::string& quantity, Output output,
                                     const Eigen::MatrixXd& numerical,
                                     const std::vector<KnownWrong>& known) {
  const Tolerance tol = context.tolerance();
  const int batch = static_cast<int>(s.X.rows());
  Part part =
      gradient_part(quantity, backward_output(s, output), numerical, right_output(s, output), tol,
                    batch, known, {}, backward_probes(context, batch, output));
  if (!part.passed && part.diagnosis.empty()) {
    const auto finding = batch_scaling(quantity, [&](int rows) {
      return backward_probe(context, rows, output, context.probe_rng(10 + rows));
    });
    if (finding) part.output += "\n" + *finding;
    const auto upstream = upstream_scaling(quantity, [&](int draw, double scale) {
      Setup t = draw == 0 ? setup(context, batch)
                          : setup(context, batch, context.probe_rng(kUpstreamDraw));
      t.G *= scale;
      return backward_output(t, output);
    });
    if (upstream) part.output += "\n" + *upstream;
  }
  return with_inputs(combine({part}), describe(s, tol));
}

}  // namespace

protocol::CheckReport linear_forward(const CheckContext& context) {
  return combine({forward_part(context, context.integer("batch")), forward_part(context, 1)});
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
  const Setup s = setup(context, context.integer("batch"));
  Eigen::MatrixXd x = s.X;
  return backward_check(
      context, s, "dL/dX", Output::kInputGradient,
      numerical_gradient([&] { return formulas::weighted_sum(s.G, formulas::linear(x, s.W, s.b)); },
                         x, tol.h),
      {});
}

protocol::CheckReport linear_backward_weight(const CheckContext& context) {
  const Tolerance tol = context.tolerance();
  const Setup s = setup(context, context.integer("batch"));
  Eigen::MatrixXd w = s.W;
  return backward_check(
      context, s, "grad_W", Output::kGradW,
      numerical_gradient([&] { return formulas::weighted_sum(s.G, formulas::linear(s.X, w, s.b)); },
                         w, tol.h),
      {});
}

protocol::CheckReport linear_backward_bias(const CheckContext& context) {
  const Tolerance tol = context.tolerance();
  const Setup s = setup(context, context.integer("batch"));
  Eigen::MatrixXd b = s.b;
  return backward_check(
      context, s, "grad_b", Output::kGradB,
      numerical_gradient([&] { return formulas::weighted_sum(s.G, formulas::linear(s.X, s.W, b)); },
                         b, tol.h),
      wrong_bias(s.G));
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
        {{protocol::mistakes::kOverwritesGradient,
          fmt::format("{} after two backward calls equals one call's: backward overwrites it "
                      "(=) instead of adding (+=). Gradients accumulate until zero_grad.",
                      name),
          single, true}});
    if (part.passed)
      part.output = fmt::format("{}: two backward calls give twice one call's.", name);
    parts.push_back(part);
  }
  return combine(parts);
}

}  // namespace nn_grade::harness
