// SGD with momentum, judged on the parameters (both momentum conventions pass).
#include <cstdint>
#include <cstring>
#include <optional>

#include <fmt/format.h>

#include "harness/probe_effective_value.h"
#include "harness/registry.h"
#include "harness/shapes.h"
#include "harness/student_calls.h"
#include "harness/verdict.h"
#include "protocol/mistakes.h"

namespace nn_grade::harness {

namespace {

// Parameters of several shapes (rows != cols), with gradients, as values here.
struct Tensors {
  std::vector<Eigen::MatrixXd> values, grads;
};

// The same tensors made in the server, for its SGD to hold.
std::vector<Tensor> in_server(const Tensors& t) {
  std::vector<Tensor> out;
  for (size_t i = 0; i < t.values.size(); ++i) out.push_back(make_tensor(t.values[i], t.grads[i]));
  return out;
}

// What the server's tensors hold now.
Tensors read_back(const std::vector<Tensor>& remote) {
  Tensors t;
  for (const Tensor& tensor : remote) {
    t.values.push_back(tensor.value());
    t.grads.push_back(tensor.grad());
  }
  return t;
}

Tensors tensors(std::mt19937_64& rng) {
  Tensors t;
  for (auto [rows, cols] : {std::pair{3, 2}, std::pair{1, 2}, std::pair{4, 4}}) {
    t.values.push_back(uniform(rng, rows, cols));
    t.grads.push_back(uniform(rng, rows, cols));
  }
  return t;
}

// All parameters as one column, to judge and diagnose them together.
Eigen::MatrixXd stacked(const std::vector<Eigen::MatrixXd>& parts) {
  Eigen::Index n = 0;
  for (const auto& p : parts) n += p.size();
  Eigen::MatrixXd out(n, 1);
  Eigen::Index at = 0;
  for (const auto& p : parts) {
    out.middleRows(at, p.size()) = Eigen::Map<const Eigen::MatrixXd>(p.data(), p.size(), 1);
    at += p.size();
  }
  return out;
}

std::optional<std::string> shapes_changed(const Tensors& t, const Tensors& before, bool grads) {
  const auto& now = grads ? t.grads : t.values;
  const auto& then = grads ? before.grads : before.values;
  for (size_t i = 0; i < now.size(); ++i) {
    if (auto e = shape_error(fmt::format("{} {}", grads ? "grad" : "parameter", i), now[i],
                             then[i].rows(), then[i].cols())) {
      return e;
    }
  }
  return std::nullopt;
}

// What each double of memory that malloc handed out and nothing wrote reads as in the student
// server, which runs with MALLOC_PERTURB_=165 (student_server.cc): glibc fills it with 0x5a.
double unwritten_double() {
  const std::uint64_t bits = 0x5a5a5a5a5a5a5a5aULL;
  double value;
  std::memcpy(&value, &bits, sizeof value);
  return value;
}

// The first velocity that is not zero right after construction, described, or "".
std::string nonzero_velocity(const std::vector<Eigen::MatrixXd>& velocities, const Tensors& t) {
  for (size_t i = 0; i < velocities.size() && i < t.values.size(); ++i) {
    const Eigen::MatrixXd& v = velocities[i];
    if (v.size() == 0 || v.isZero(0)) continue;
    std::string cause;
    if (v == t.values[i]) {
      cause = " It is a copy of its parameter.";
    } else if ((v.array() == unwritten_double()).all()) {
      // Observed: every entry is the fill of memory that was never written.
      cause =
          " Every entry is what memory nothing wrote reads as here: Matrix(rows, cols) leaves its "
          "entries uninitialised. Start each velocity at Matrix::Zero(rows, cols).";
    }
    return fmt::format(
        "velocities[{}] is not zero after construction (largest entry {}): "
        "velocities start at zero.{}",
        i, number(v.cwiseAbs().maxCoeff()), cause);
  }
  return "";
}

// What one step without momentum at learning rate `lr` did to `before`, leaving `after`: the
// update (value after - before), the right one and the usual wrong one.
Probe step_probe(const Tensors& before, const Tensors& after, double lr) {
  const Eigen::MatrixXd right = -lr * stacked(before.grads);
  Probe p{
      Eigen::MatrixXd(),
      right,
      1,
      {{protocol::mistakes::kOppositeSign,
        "The update is +lr * grad: a step goes down the gradient, value -= lr * grad.", -right}},
      {{"lr", lr}},
      fmt::format("lr {}", lr)};
  if (!shapes_changed(after, before, false))
    p.yours = stacked(after.values) - stacked(before.values);
  return p;
}

// The probe generator (CheckContext::probe_rng) of sgd.step's step at twice the lr.
constexpr int kLrProbeDraw = 50;

// One step of a new SGD at `lr` on tensors drawn from `rng`: {before, after}.
std::pair<Tensors, Tensors> one_step(std::mt19937_64& rng, double lr) {
  Tensors before = tensors(rng);
  const std::vector<Tensor> remote = in_server(before);
  make_sgd(remote, lr, std::nullopt).step();
  return {std::move(before), read_back(remote)};
}

// How far `steps` steps of SGD with momentum `m` (v = m v - lr g; value += v, velocities from
// zero) move the parameters, for the gradients `grads` of each step.
Eigen::MatrixXd momentum_change(const std::vector<Eigen::MatrixXd>& grads, double lr, double m) {
  Eigen::MatrixXd v = Eigen::MatrixXd::Zero(grads.front().rows(), 1), moved = v;
  for (const Eigen::MatrixXd& g : grads) {
    v = m * v - lr * g;
    moved += v;
  }
  return moved;
}

// `steps` steps of a new SGD(lr, momentum) on tensors and gradients drawn from `rng`.
struct MomentumRun {
  Probe probe;  // the change of the parameters, the right one, the usual wrong ones
  std::vector<Eigen::MatrixXd> grads;  // each step's gradients, stacked
  std::string shape_error;             // when a step changed a parameter's shape
};

MomentumRun momentum_run(std::mt19937_64& rng, double lr, double momentum, int steps) {
  Tensors t = tensors(rng);
  const Eigen::MatrixXd start = stacked(t.values);
  const std::vector<Tensor> remote = in_server(t);
  const Sgd sgd = make_sgd(remote, lr, momentum);
  MomentumRun run;
  for (int k = 0; k < steps; ++k) {
    for (size_t i = 0; i < t.grads.size(); ++i) {
      t.grads[i] = uniform(rng, t.grads[i].rows(), t.grads[i].cols());
      remote[i].set_grad(t.grads[i]);
    }
    run.grads.push_back(stacked(t.grads));
    sgd.step();
  }
  const Tensors shape_reference = tensors(rng);
  t = read_back(remote);
  // The contract's form, and the usual wrong ones, on the same gradient sequence.
  run.probe = {Eigen::MatrixXd(),
               momentum_change(run.grads, lr, momentum),
               1,
               {{protocol::mistakes::kMomentumNoMemory,
                 "The parameters moved as plain SGD without momentum: the velocity is not kept "
                 "between steps (store it in velocities[i] and reuse it).",
                 momentum_change(run.grads, lr, 0)},
                {protocol::mistakes::kMomentumWrongSign,
                 "The parameters moved as with v = -momentum * v - lr * grad: the momentum term "
                 "has the wrong sign.",
                 momentum_change(run.grads, lr, -momentum)}},
               {},
               fmt::format("momentum {}", momentum)};
  if (auto e = shapes_changed(t, shape_reference, false)) {
    run.shape_error = *e + " after step().";
  } else {
    run.probe.yours = stacked(t.values) - start;
  }
  return run;
}

}  // namespace

protocol::CheckReport sgd_init(const CheckContext& context) {
  auto rng = context.rng();
  Tensors t = tensors(rng);
  const Sgd sgd = make_sgd(in_server(t), context.number("lr"), context.number("momentum"));
  const std::vector<Eigen::MatrixXd> velocities = sgd.velocities();
  if (velocities.size() != t.values.size()) {
    return combine(
        {fail(fmt::format("SGD has {} velocities for {} parameters; expected one per "
                          "parameter.",
                          velocities.size(), t.values.size()))});
  }
  for (size_t i = 0; i < t.values.size(); ++i) {
    if (auto e = shape_error(fmt::format("velocities[{}]", i), velocities[i], t.values[i].rows(),
                             t.values[i].cols())) {
      return combine({fail(*e + ": a velocity has its parameter's shape.")});
    }
  }
  if (const std::string nonzero = nonzero_velocity(velocities, t); !nonzero.empty())
    return combine({fail(nonzero)});
  return combine({pass("One zero velocity per parameter, shaped like it.")});
}

protocol::CheckReport sgd_step(const CheckContext& context) {
  auto rng = context.rng();
  const double lr = context.number("lr");
  const auto [before, after] = one_step(rng, lr);
  if (auto e = shapes_changed(after, before, false)) return combine({fail(*e + " after step().")});
  // Further probes: other parameters, and at k = 2 half the learning rate, so that a factor
  // that follows lr shows.
  Part part = value_part("the update (value after step - before)", step_probe(before, after, lr),
                         {0, 1e-9, 1e-7}, [&context, lr](int k) {
                           auto other = context.probe_rng(k);
                           const double rate = k == 2 ? lr / 2 : lr;
                           const auto [b, a] = one_step(other, rate);
                           return step_probe(b, a, rate);
                         });
  if (part.passed)
    part.output = fmt::format("One step moves every parameter by -lr * grad (lr {}).", lr);
  if (!part.passed && part.diagnosis.empty()) {
    // How the student's code uses lr (probe_effective_value.h), at this lr and at twice it.
    const auto trial = [](double rate, const Tensors& b, const Tensors& a) {
      return Trial{rate, step_probe(b, a, rate).yours,
                   [grads = stacked(b.grads)](double r) -> Eigen::MatrixXd { return -r * grads; }};
    };
    try {
      auto other = context.probe_rng(kLrProbeDraw);
      const auto [b, a] = one_step(other, 2 * lr);
      const auto finding =
          describe_effective("lr", {trial(lr, before, after), trial(2 * lr, b, a)}, -2, 2);
      if (finding) part.output += "\n" + *finding;
    } catch (const StudentThrew&) {
      // The other lr is what the student's code cannot take: no finding.
    }
  }
  return combine({part});
}

protocol::CheckReport sgd_momentum(const CheckContext& context) {
  auto rng = context.rng();
  const double lr = context.number("lr"), momentum = context.number("momentum");
  const int steps = context.integer("steps");
  const MomentumRun first = momentum_run(rng, lr, momentum, steps);
  if (!first.shape_error.empty()) return combine({fail(first.shape_error)});
  // Further probes: other parameters and gradients, and at k = 2 another momentum.
  const auto probe_momentum = [&context, momentum](int k) {
    return k == 2 ? momentum / 2 : momentum;
  };
  Part part = value_part(fmt::format("the change of the parameters after {} steps", steps),
                         first.probe, {0, 1e-9, 1e-7}, [&](int k) {
                           auto other = context.probe_rng(k);
                           return momentum_run(other, lr, probe_momentum(k), steps).probe;
                         });
  if (part.passed) {
    part.output = fmt::format(
        "{} steps with momentum {} and lr {} move the parameters as v = "
        "momentum * v - lr * grad; value += v.",
        steps, momentum, lr);
    return combine({part});
  }
  if (part.diagnosis.empty()) {
    // How the student's code uses momentum (probe_effective_value.h), at this momentum and at
    // another.
    const auto trial = [lr](double given, const MomentumRun& run) {
      return Trial{given, run.probe.yours,
                   [grads = run.grads, lr](double m) { return momentum_change(grads, lr, m); }};
    };
    try {
      auto other = context.probe_rng(2);
      const MomentumRun second = momentum_run(other, lr, probe_momentum(2), steps);
      const auto finding = describe_effective(
          "momentum", {trial(momentum, first), trial(probe_momentum(2), second)}, -1.5, 1.5);
      if (second.shape_error.empty() && finding) part.output += "\n" + *finding;
    } catch (const StudentThrew&) {
      // The other momentum is what the student's code cannot take: no finding.
    }
  }
  part.output += fmt::format(
      "\nExpected: v = momentum * v - lr * grad; value += v (or "
      "PyTorch's v = momentum * v + grad; value -= lr * v), with "
      "momentum {}, lr {}, {} steps, a new random gradient each step.",
      momentum, lr, steps);
  // Velocities that do not start at zero add momentum * v to every step: a cause in sgd.init.
  try {
    auto other = context.probe_rng(3);
    const Tensors fresh = tensors(other);
    const std::string nonzero =
        nonzero_velocity(make_sgd(in_server(fresh), lr, momentum).velocities(), fresh);
    if (!nonzero.empty()) {
      part.output += "\nRight after construction, " + nonzero +
                     " Every step adds momentum * v of it; see sgd.init.";
    }
  } catch (const StudentThrew&) {
    // velocities() itself threw: sgd.init says so.
  }
  return combine({part});
}

protocol::CheckReport sgd_zero_grad(const CheckContext& context) {
  auto rng = context.rng();
  const Tensors before = tensors(rng);
  const std::vector<Tensor> remote = in_server(before);
  make_sgd(remote, context.number("lr"), std::nullopt).zero_grad();
  const Tensors t = read_back(remote);
  if (auto e = shapes_changed(t, before, true)) {
    protocol::CheckReport report = combine(
        {fail(*e + " after zero_grad(): resize() or assigning Matrix() loses the shape; use "
                   "setZero().",
              Diagnosis::observed(protocol::mistakes::kZeroGradShape, ""))});
    // A gradient of the wrong shape is left for whatever runs next (training).
    report.left_wrong_shape = true;
    return report;
  }
  if (shapes_changed(t, before, false) || stacked(t.values) != stacked(before.values)) {
    return combine(
        {fail("zero_grad() changed the parameters' values; it must change only the "
              "gradients.")});
  }
  for (size_t i = 0; i < t.grads.size(); ++i) {
    if (t.grads[i].isZero(0)) continue;
    const bool untouched = t.grads[i] == before.grads[i];
    return combine({fail(
        fmt::format("grad {} is {} after zero_grad(): set every gradient to "
                    "zero (p.grad->setZero()).",
                    i, untouched ? "unchanged" : "not zero"),
        untouched ? Diagnosis::observed(protocol::mistakes::kZeroGradNoop, "") : Diagnosis())});
  }
  return combine({pass("zero_grad() sets every gradient to zero and keeps its shape.")});
}

}  // namespace nn_grade::harness
