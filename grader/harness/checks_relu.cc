// ReLU: max(0, x); the gradient is 0 where the input <= 0.
#include <cmath>

#include <fmt/format.h>

#include "harness/formulas.h"
#include "harness/layer_checks.h"
#include "harness/probe_elementwise.h"  // kElementwiseDraw
#include "harness/probe_upstream_scaling.h"
#include "harness/registry.h"
#include "harness/shapes.h"
#include "harness/student_calls.h"
#include "protocol/mistakes.h"

namespace nn_grade::harness {

namespace {

// Entries of either sign, at least `margin` away from the kink at 0.
Eigen::MatrixXd away_from_kink(std::mt19937_64& rng, int rows, int cols, double margin) {
  Eigen::MatrixXd X = uniform(rng, rows, cols, std::max(margin, 0.05), 1.0);
  std::bernoulli_distribution negative(0.5);
  for (Eigen::Index i = 0; i < X.size(); ++i) {
    if (negative(rng)) X.data()[i] = -X.data()[i];
  }
  return X;
}

// The cause of kReluNoMask, in the same words in relu.backward and relu.kink.
const char* const kNoMaskCause =
    "the mask is missing. The gradient passes only where the input was > 0.";

// True when backward passed G through unchanged at every input below 0 as well: no mask at
// all, not the narrower mask at 0.
bool passes_negative_inputs(const Eigen::MatrixXd& X, const Eigen::MatrixXd& G,
                            const Eigen::MatrixXd& yours) {
  bool any = false;
  for (Eigen::Index i = 0; i < X.size(); ++i) {
    if (X.data()[i] >= 0.0) continue;
    if (yours.data()[i] != G.data()[i]) return false;
    any = true;
  }
  return any;
}

Part forward_part(const CheckContext& context, std::mt19937_64& rng, int batch, int features,
                  const std::string& label) {
  const Layer relu = make_relu();
  const Eigen::MatrixXd X = away_from_kink(rng, batch, features, 0.05);
  Part part = value_part("forward(X)", relu.forward(X), formulas::relu(X), batch, {},
                         {0, 1e-9, 1e-7}, [&context, batch, features](int k) {
                           auto other = context.probe_rng(k);
                           const int rows = probe_batch(k, batch);
                           const Eigen::MatrixXd X = away_from_kink(other, rows, features, 0.05);
                           return Probe{make_relu().forward(X), formulas::relu(X), rows};
                         });
  part.output = label + ": " + part.output;
  if (!part.passed && part.diagnosis.empty()) {
    const auto finding = activation_forward_relation(
        make_relu, "max(0, x)", X,
        [&] {
          auto other = context.probe_rng(kElementwiseDraw);
          return away_from_kink(other, batch, features, 0.05);
        },
        [](const Eigen::MatrixXd& x) { return formulas::relu(x); });
    if (finding) part.output += "\n" + *finding;
  }
  return part;
}

// The usual wrong dL/dX of backward(G) after forward(X).
std::vector<KnownWrong> wrong_gradients(const Eigen::MatrixXd& X, const Eigen::MatrixXd& G) {
  const Eigen::MatrixXd mask = formulas::relu_mask(X);
  return {
      {protocol::mistakes::kReluNoMask, std::string("dL/dX is G unchanged: ") + kNoMaskCause, G},
      {protocol::mistakes::kNoMatch,
       "dL/dX passes G where the input was negative: the mask is on the wrong side of 0.",
       G.cwiseProduct(Eigen::MatrixXd::Ones(X.rows(), X.cols()) - mask)},
      {protocol::mistakes::kNoMatch,
       "dL/dX is max(0, G): the mask is taken of the upstream gradient, not of the cached "
       "input.",
       G.cwiseMax(0.0)}};
}

// cached_input's usual wrong value after forward(X), besides a stale one.
std::vector<KnownWrong> wrong_cache(const Eigen::MatrixXd& X) {
  return {{protocol::mistakes::kNoMatch,
           "cached_input holds max(0, X), the output; keep the input X.", formulas::relu(X)}};
}

}  // namespace

protocol::CheckReport relu_forward(const CheckContext& context) {
  auto rng = context.rng();
  const int batch = context.integer("batch"), features = context.integer("features");
  return combine({forward_part(context, rng, batch, features, fmt::format("batch of {}", batch)),
                  forward_part(context, rng, 1, features, "batch of one")});
}

protocol::CheckReport relu_cache(const CheckContext& context) {
  auto rng = context.rng();
  const int batch = context.integer("batch"), features = context.integer("features");
  const Eigen::MatrixXd X1 = away_from_kink(rng, batch, features, 0.05);
  const Eigen::MatrixXd X2 = away_from_kink(rng, batch, features, 0.05);
  const Eigen::MatrixXd G = normal(rng, batch, features);
  const Layer relu = make_relu(), used = make_relu(), fresh = make_relu();
  const Eigen::MatrixXd Y1 = relu.forward(X1), Y2 = relu.forward(X2);
  if (auto lazy = forward_does_no_work("ReLU::forward", Y1, X2, Y2)) return combine({*lazy});
  const Reprobe again = [&context, batch, features](int k) {
    auto other = context.probe_rng(k);
    const int rows = probe_batch(k, batch);
    const Eigen::MatrixXd A = away_from_kink(other, rows, features, 0.05);
    const Eigen::MatrixXd B = away_from_kink(other, rows, features, 0.05);
    const Layer layer = make_relu();
    layer.forward(A);
    layer.forward(B);
    return Probe{layer.get(Field::kCachedInput), B, rows,
                 wrong_caches("cached_input", A, wrong_cache(B))};
  };
  return combine({cache_value_part("cached_input", relu.get(Field::kCachedInput), X2, X1,
                                   wrong_cache(X2), again),
                  stale_backward_part(used, fresh, X1, X2, G)});
}

protocol::CheckReport relu_backward(const CheckContext& context) {
  const Tolerance tol = context.tolerance();
  auto rng = context.rng();
  const int batch = context.integer("batch"), features = context.integer("features");
  const Eigen::MatrixXd X = away_from_kink(rng, batch, features, 10 * tol.h);
  const Eigen::MatrixXd G = normal(rng, batch, features);
  const double margin = 10 * tol.h;
  const Reprobe again = [&context, batch, features, margin](int k) {
    auto other = context.probe_rng(k);
    const int rows = probe_batch(k, batch);
    const Eigen::MatrixXd A = away_from_kink(other, rows, features, margin);
    const Eigen::MatrixXd B = normal(other, rows, features);
    const Layer layer = make_relu();
    layer.forward(A);
    return Probe{layer.backward(B), B.cwiseProduct(formulas::relu_mask(A)), rows,
                 wrong_gradients(A, B)};
  };
  protocol::CheckReport report = combine({input_gradient_part(
      make_relu(), [](const Eigen::MatrixXd& x) { return formulas::relu(x); }, X, G,
      G.cwiseProduct(formulas::relu_mask(X)), tol, wrong_gradients(X, G), again)});
  if (report.status != protocol::CheckStatus::kPassed && report.diagnosis.empty()) {
    const auto finding = input_gradient_scaling(make_relu, X, G, [&] {
      auto other = context.probe_rng(kUpstreamDraw);
      Eigen::MatrixXd A = away_from_kink(other, batch, features, margin);
      return std::pair{A, normal(other, batch, features)};
    });
    if (finding) report.output += "\n" + *finding;
  }
  if (report.status != protocol::CheckStatus::kPassed) {
    report.output += "\n" + inputs_line(fmt::format(
                                "X ({}, {}) with every entry at least {} from 0, random upstream "
                                "gradient G, h = {}",
                                batch, features, std::max(10 * tol.h, 0.05), tol.h));
  }
  return report;
}

protocol::CheckReport relu_kink(const CheckContext& context) {
  auto rng = context.rng();
  const int batch = context.integer("batch"), features = context.integer("features");
  Eigen::MatrixXd X = away_from_kink(rng, batch, features, 0.05);
  std::vector<Eigen::Index> zeros;
  for (Eigen::Index i = 0; i < X.size(); i += 2) {
    X.data()[i] = 0.0;
    zeros.push_back(i);
  }
  const Eigen::MatrixXd G = uniform(rng, batch, features, 0.5, 1.5);  // non-zero everywhere
  const Layer relu = make_relu();
  relu.forward(X);
  const Eigen::MatrixXd yours = relu.backward(G);
  if (yours.rows() != batch || yours.cols() != features) {
    return combine({fail(fmt::format("dL/dX has shape ({}, {}); expected ({}, {}).", yours.rows(),
                                     yours.cols(), batch, features))});
  }
  // The convention at 0 is worth a point only beside a backward that is right elsewhere: a
  // backward that returns zeros, or writes nothing, is "0 at the kink" without any work.
  const Eigen::MatrixXd right = G.cwiseProduct(formulas::relu_mask(X));
  Eigen::Index away = -1;
  for (Eigen::Index i = 0; i < X.size() && away < 0; ++i) {
    const double error = std::abs(yours.data()[i] - right.data()[i]);
    if (X.data()[i] != 0.0 && !(error <= 1e-9 * (1 + std::abs(right.data()[i])))) away = i;
  }
  if (away >= 0 && yours != G) {  // G unchanged everywhere is named below: no mask at all
    return combine({fail(fmt::format(
        "Cannot judge the gradient at 0: dL/dX is wrong away from 0 too. At X[{}, {}] = {}: yours "
        "{}, expected {}. See relu.backward.",
        away % batch, away / batch, number(X.data()[away]), number(yours.data()[away]),
        number(right.data()[away])))});
  }
  int passing = 0;
  Eigen::Index example = -1;
  for (Eigen::Index i : zeros) {
    if (yours.data()[i] == 0.0) {
      ++passing;
    } else if (example < 0) {
      example = i;
    }
  }
  if (example < 0) {
    return combine(
        {pass(fmt::format("dL/dX is 0 at all {} inputs that are exactly 0.", zeros.size()))});
  }
  const bool passes_g = yours.data()[example] == G.data()[example];
  // Observed entry by entry: G passed through at every input of exactly 0 tried.
  Diagnosis d = Diagnosis::observed(protocol::mistakes::kNoMatch,
                                    "At an input of exactly 0 the gradient must be 0.");
  if (passes_g && passes_negative_inputs(X, G, yours)) {
    // Every G here is positive, so a mask taken of G rather than of the input gives G too: the
    // mask is missing only if -G also comes back unchanged.
    bool passes_minus_g = false;
    try {
      relu.forward(X);
      const Eigen::MatrixXd back = relu.backward(-G);
      passes_minus_g = identical(back, -G);
    } catch (const StudentThrew&) {
      // It answered once; what it does on a second call proves nothing here.
    }
    if (passes_minus_g) {
      d = Diagnosis::observed(
          protocol::mistakes::kReluNoMask,
          std::string("dL/dX is G unchanged, below 0 too, for G and for -G: ") + kNoMaskCause);
    } else {
      d = Diagnosis::observed(protocol::mistakes::kNoMatch,
                              "With every entry of G positive, dL/dX is G unchanged, below 0 "
                              "too; with G negated it is not -G (see relu.backward). At an input "
                              "of exactly 0 the gradient must be 0.");
    }
  } else if (passes_g) {
    d = Diagnosis::observed(protocol::mistakes::kReluMaskAtZero,
                            "The gradient passes where the input is exactly 0: the mask is x >= "
                            "0; the convention is x > 0.");
  }
  return combine(
      {fail(fmt::format("dL/dX is non-zero at {} of the {} inputs that are exactly 0. "
                        "At X[{}, {}] = 0: yours {}, expected 0 (G there is {}).\n{}",
                        zeros.size() - passing, zeros.size(), example % batch, example / batch,
                        number(yours.data()[example]), number(G.data()[example]), d.sentence()),
            d,
            {{"worst_index", {example % batch, example / batch}},
             {"yours", yours.data()[example]},
             {"expected", 0.0},
             {"failing_entries", zeros.size() - passing}})});
}

}  // namespace nn_grade::harness
