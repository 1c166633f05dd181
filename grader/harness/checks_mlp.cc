// The MLP: structure, forward, backward order, and end-to-end finite differences under the
// cross-entropy loss.
#include <algorithm>
#include <cmath>
#include <functional>
#include <optional>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "harness/formulas.h"
#include "harness/layer_checks.h"
#include "harness/network.h"
#include "harness/registry.h"
#include "harness/shapes.h"
#include "harness/student_calls.h"
#include "harness/verdict.h"
#include "protocol/mistakes.h"

namespace nn_grade::harness {

namespace {

std::vector<std::string> layer_kinds(const Network& net) {
  std::vector<std::string> kinds;
  for (const Layer& layer : net.layers) kinds.push_back(layer.name());
  return kinds;
}

std::string expected_layers(const std::vector<int>& sizes, Activation a) {
  std::string out;
  for (size_t i = 0; i + 1 < sizes.size(); ++i) {
    out += fmt::format("{}Linear({} -> {})", i ? ", " : "", sizes[i], sizes[i + 1]);
    if (i + 2 < sizes.size()) out += fmt::format(", {}", activation_name(a));
  }
  return out;
}

Part types_part(const std::vector<int>& sizes, Activation a, const Rng& rng) {
  const Network net = read_network(make_mlp(sizes, a, rng));
  std::vector<std::string> want;
  for (size_t i = 0; i + 1 < sizes.size(); ++i) {
    want.push_back("Linear");
    if (i + 2 < sizes.size()) want.push_back(activation_name(a));
  }
  const std::vector<std::string> got = layer_kinds(net);
  const std::string built = describe_layers(net), expected = expected_layers(sizes, a);
  if (got == want) return pass(fmt::format("With {}: {}.", activation_name(a), built));
  const std::string facts =
      fmt::format("With {}: you built {}; expected {}.", activation_name(a), built, expected);
  std::vector<std::string> with_last = want;
  with_last.push_back(activation_name(a));
  if (got == with_last) {
    return fail(facts + " The last Linear outputs logits: no activation after it.",
                Diagnosis::observed(protocol::mistakes::kActivationAfterLast, ""));
  }
  const auto linears = std::count(got.begin(), got.end(), "Linear");
  if (linears == static_cast<long>(sizes.size()) - 1 && got.size() < want.size() &&
      got.size() >= static_cast<size_t>(linears)) {
    return fail(facts + " An activation belongs after every Linear but the last.",
                Diagnosis::observed(protocol::mistakes::kMissingActivation, ""));
  }
  return fail(facts);
}

Part shapes_part(const std::vector<int>& sizes, const Rng& rng) {
  const Network net = read_network(make_mlp(sizes, Activation::kReLU, rng));
  std::vector<size_t> linears;
  for (size_t i = 0; i < net.layers.size(); ++i) {
    if (net.layers[i].is(Kind::kLinear)) linears.push_back(i);
  }
  if (linears.size() + 1 != sizes.size()) {
    return fail(fmt::format("{} Linear layers for sizes of length {}; expected {}.", linears.size(),
                            sizes.size(), sizes.size() - 1));
  }
  for (size_t i = 0; i < linears.size(); ++i) {
    const std::string name = fmt::format("Linear {} (of {}) ", i + 1, linears.size());
    if (auto e = shape_error(name + "W", net.W[linears[i]], sizes[i], sizes[i + 1]))
      return fail(*e + ".");
    if (auto e = shape_error(name + "b", net.b[linears[i]], 1, sizes[i + 1])) return fail(*e + ".");
  }
  return pass("Every Linear has W (in, out) and b (1, out) from sizes.");
}

// Three MLPs with the same weights: for comparing runs of one student's network.
Network copy_weights_into(const Mlp& to, Network& from) {
  Network target = read_network(to);
  auto source_params = named_parameters(from), target_params = named_parameters(target);
  for (size_t i = 0; i < source_params.size() && i < target_params.size(); ++i) {
    const NamedParameter& p = target_params[i];
    *p.value = *source_params[i].value;
    p.layer.set(p.grad_field == Field::kGradW ? Field::kW : Field::kB, *p.value);
  }
  return target;
}

// The outputs of one backward: dL/dX and every parameter gradient, named.
using Outputs = std::vector<std::pair<std::string, Eigen::MatrixXd>>;

Outputs collect(Network& net, Eigen::MatrixXd dx) {
  Outputs out = {{"dL/dX", std::move(dx)}};
  for (const NamedParameter& p : named_parameters(net)) out.emplace_back(p.grad_name, p.grad());
  return out;
}

// forward, then every layer's backward in the given order, by the checker.
Outputs layers_by_hand(Network& net, const Eigen::MatrixXd& X, const Eigen::MatrixXd& G,
                       bool reverse) {
  net.mlp.forward(X);
  Eigen::MatrixXd g = G;
  const size_t n = net.layers.size();
  for (size_t k = 0; k < n; ++k) {
    const Layer& layer = net.layers[reverse ? n - 1 - k : k];
    if (layer.is(Kind::kNull)) throw StudentThrew("MLP::layers holds a null pointer");
    g = layer.backward(g);
  }
  return collect(net, g);
}

const std::pair<std::string, Eigen::MatrixXd>* first_difference(const Outputs& a,
                                                                const Outputs& b) {
  for (size_t i = 0; i < a.size(); ++i) {
    if (i >= b.size() || !same_values(a[i].second, b[i].second)) return &a[i];
  }
  return nullptr;
}

Eigen::MatrixXd draw_inputs(std::mt19937_64& rng, const Network& net, int batch, int in,
                            double margin) {
  Eigen::MatrixXd X = uniform(rng, batch, in);
  for (int attempt = 0; attempt < 50 && kink_margin(evaluate(net, X)) < margin; ++attempt) {
    X = uniform(rng, batch, in);
  }
  return X;
}

// Every layer's own forward, first to last, run by the checker.
Eigen::MatrixXd composed_forward(const Network& net, const Eigen::MatrixXd& X) {
  Eigen::MatrixXd out = X;
  for (const Layer& layer : net.layers) {
    if (layer.is(Kind::kNull)) throw StudentThrew("MLP::layers holds a null pointer");
    out = layer.forward(out);
  }
  return out;
}

// Analytic gradients the student's way: forward, loss, loss backward, MLP backward. Judged alone,
// the loss is the grader's: its gradient, from the formulas, is what MLP::backward is given.
void student_gradients(Network& net, const Eigen::MatrixXd& X, const std::vector<int>& labels) {
  for (const NamedParameter& p : named_parameters(net)) {
    p.layer.set(p.grad_field, Eigen::MatrixXd::Zero(p.value->rows(), p.value->cols()));
  }
  const Eigen::MatrixXd logits = net.mlp.forward(X);
  if (current_server().judges_alone()) {
    const std::vector<int>& sizes = net.mlp.sizes();
    if (auto e =
            shape_error("MLP::forward(X)", logits, X.rows(), sizes.empty() ? 0 : sizes.back())) {
      throw StudentThrew(*e + ".");
    }
    net.mlp.backward(formulas::cross_entropy_grad(logits, labels));
    return;
  }
  const Loss loss = make_loss();
  loss.forward(logits, labels);
  net.mlp.backward(loss.backward());
}

// Fails one parameter's gradient, or passes all; failing parts nearest the output first.
protocol::CheckReport summarise(std::vector<std::pair<std::string, Part>> parts,
                                const std::string& inputs) {
  std::vector<std::string> wrong, right;
  const Part* first = nullptr;
  for (auto it = parts.rbegin(); it != parts.rend(); ++it) {
    if (it->second.passed) {
      right.push_back(it->first);
    } else {
      wrong.push_back(it->first);
      if (!first) first = &it->second;
    }
  }
  if (!first) {
    double worst = 0, used = 0;
    for (auto& [name, part] : parts) {
      worst = std::max(worst, part.figures.value("max_rel_error", 0.0));
      used = std::max(used, part.figures.value("max_error_over_tolerance", 0.0));
    }
    protocol::CheckReport report = combine({pass(fmt::format(
        "Every parameter's gradient matches finite differences (max relative error {}; the "
        "largest error is {} of the tolerance).",
        number(worst), percent(used)))});
    report.figures = parts.front().second.figures;
    report.figures["max_rel_error"] = worst;
    report.figures["max_error_over_tolerance"] = used;
    return report;
  }
  Part summary = *first;
  summary.output = fmt::format(
      "{}\nWrong: {}.{}\nThe gradient nearest the output that is wrong is shown: errors flow "
      "backward, so fix that one first.\n{}",
      first->output, fmt::join(wrong, ", "),
      right.empty() ? "" : fmt::format(" Right: {}.", fmt::join(right, ", ")), inputs);
  return combine({summary});
}

protocol::CheckReport gradcheck(const CheckContext& context, Activation activation) {
  const Tolerance tol = context.tolerance();
  const std::vector<int> sizes = context.integers("sizes");
  const int batch = context.integer("batch");
  auto rng = context.rng();
  auto student = student_rng(rng);
  Network net = read_network(make_mlp(sizes, activation, student));
  const auto params = named_parameters(net);
  if (params.empty())
    return combine({fail("The MLP has no Linear layers: " + describe_layers(net))});
  const Eigen::MatrixXd X = draw_inputs(rng, net, batch, sizes.front(), 100 * tol.h);
  const std::vector<int> y = labels(rng, batch, sizes.back());
  student_gradients(net, X, y);
  std::vector<std::pair<std::string, Part>> parts;
  for (const NamedParameter& p : params) {
    const Eigen::MatrixXd numerical =
        numerical_gradient([&] { return network_loss(net, X, y); }, *p.value, tol.h);
    parts.emplace_back(p.grad_name,
                       gradient_part(p.grad_name, p.grad(), numerical, numerical, tol, batch));
  }
  return summarise(parts, fmt::format("Inputs: sizes {{{}}}, {}, X ({}, {}), random labels, "
                                      "mean cross-entropy loss, h = {}.",
                                      fmt::join(sizes, ", "), activation_name(activation), batch,
                                      sizes.front(), tol.h));
}

// The loss with every parameter moved by `scale` * u.
double loss_along(const Network& net, const std::vector<NamedParameter>& params,
                  const std::vector<Eigen::MatrixXd>& u, double scale, const Eigen::MatrixXd& X,
                  const std::vector<int>& y, NetworkPass* pass_out = nullptr) {
  std::vector<Eigen::MatrixXd> saved;
  for (size_t i = 0; i < params.size(); ++i) {
    saved.push_back(*params[i].value);
    *params[i].value += scale * u[i];
  }
  NetworkPass pass = evaluate(net, X);
  for (size_t i = 0; i < params.size(); ++i) *params[i].value = saved[i];
  if (pass_out) *pass_out = pass;
  return formulas::cross_entropy(pass.logits, y);
}

// A random unit direction in parameter space that crosses no ReLU kink within +-h.
std::vector<Eigen::MatrixXd> direction(std::mt19937_64& rng, const Network& net,
                                       const std::vector<NamedParameter>& params,
                                       const Eigen::MatrixXd& X, const std::vector<int>& y,
                                       double h) {
  const NetworkPass base = evaluate(net, X);
  std::vector<Eigen::MatrixXd> u;
  for (int attempt = 0; attempt < 10; ++attempt) {
    u.clear();
    double norm2 = 0;
    for (const NamedParameter& p : params) {
      u.push_back(normal(rng, p.value->rows(), p.value->cols()));
      norm2 += u.back().squaredNorm();
    }
    for (Eigen::MatrixXd& part : u) part /= std::sqrt(norm2);
    NetworkPass plus, minus;
    loss_along(net, params, u, h, X, y, &plus);
    loss_along(net, params, u, -h, X, y, &minus);
    if (same_relu_pattern(base, plus) && same_relu_pattern(base, minus)) break;
  }
  return u;
}

// Finite differences at up to `budget` random entries of each parameter: says where.
std::vector<std::pair<std::string, Part>> sampled_full_check(
    std::mt19937_64& rng, const Network& net, const std::vector<NamedParameter>& params,
    const Eigen::MatrixXd& X, const std::vector<int>& y, const Tolerance& tol, int budget) {
  std::vector<std::pair<std::string, Part>> parts;
  for (const NamedParameter& p : params) {
    std::vector<Eigen::Index> entries(static_cast<size_t>(p.value->size()));
    for (size_t i = 0; i < entries.size(); ++i) entries[i] = static_cast<Eigen::Index>(i);
    std::shuffle(entries.begin(), entries.end(), rng);
    if (entries.size() > static_cast<size_t>(budget)) entries.resize(static_cast<size_t>(budget));
    const Eigen::MatrixXd fd =
        numerical_gradient_at([&] { return network_loss(net, X, y); }, *p.value, tol.h, entries);
    const bool sampled = entries.size() < static_cast<size_t>(p.value->size());
    Part part = gradient_part(p.grad_name, p.grad(), fd, fd, tol, X.rows(), {},
                              sampled ? entries : std::vector<Eigen::Index>{});
    if (!part.passed && sampled) {
      part.output += fmt::format("\n({} random entries of its {} checked one by one.)",
                                 entries.size(), p.value->size());
    }
    parts.emplace_back(p.grad_name, std::move(part));
  }
  return parts;
}

}  // namespace

protocol::CheckReport mlp_structure(const CheckContext& context) {
  const std::vector<int> sizes = context.integers("sizes");
  auto rng = context.rng();
  auto student = student_rng(rng);
  return combine({types_part(sizes, Activation::kReLU, student),
                  types_part(sizes, Activation::kSigmoid, student), shapes_part(sizes, student)});
}

protocol::CheckReport mlp_forward(const CheckContext& context) {
  const std::vector<int> sizes = context.integers("sizes");
  const int batch = context.integer("batch");
  auto rng = context.rng();
  auto student = student_rng(rng);
  const Network net = read_network(make_mlp(sizes, Activation::kReLU, student));
  if (net.layers.empty())
    return combine({fail("The MLP has no layers, so forward has nothing to run.")});
  const Eigen::MatrixXd X = uniform(rng, batch, sizes.front());
  const Eigen::MatrixXd yours = net.mlp.forward(X);
  if (auto e = shape_error("forward(X)", yours, batch, sizes.back()))
    return combine({fail(*e + ".")});
  const Eigen::MatrixXd composed = composed_forward(net, X);
  // The order of layers that ignore their input cannot show: any composition of them agrees.
  auto other_rng = context.rng(1);
  if (same_values(composed_forward(net, uniform(other_rng, batch, sizes.front())), composed)) {
    return combine({fail(
        "Cannot judge: your layers' forwards, one after another, give the same output for two "
        "different inputs X, so the order MLP::forward runs them in cannot show.")});
  }
  Part part = value_part("forward(X)", yours, composed, batch);
  if (part.passed)
    part.output = "forward(X) is the composition of your layers, in order.";
  else
    part.output +=
        "\nExpected: each layer's forward applied in order (" + describe_layers(net) + ").";
  return combine({part});
}

namespace {

// backward(G) after forward(X) on one network, or the failure that stopped it.
struct Run {
  Outputs outputs;
  std::optional<StudentThrew> stopped;
};

Run run(const std::function<Outputs()>& backward) {
  try {
    return {backward(), std::nullopt};
  } catch (const StudentThrew& e) {
    return {{}, e};
  }
}

// Two runs that agree: the same outputs, or stopped by the same failure (student_failure.h).
bool same_run(const Run& a, const Run& b) {
  if (a.stopped || b.stopped) {
    return a.stopped && b.stopped && same_failure(a.stopped->failure(), b.stopped->failure());
  }
  return !first_difference(a.outputs, b.outputs);
}

// MLP::backward on `yours` against the student's own layers run in forward order by the
// checker on `by_hand` (a network with the same weights), for X and G.
std::pair<Run, Run> against_forward_order(Network& yours, Network& by_hand,
                                          const Eigen::MatrixXd& X, const Eigen::MatrixXd& G) {
  Run forward_order = run([&] { return layers_by_hand(by_hand, X, G, false); });
  Run mlp = run([&] {
    yours.mlp.forward(X);
    return collect(yours, yours.mlp.backward(G));
  });
  return {std::move(mlp), std::move(forward_order)};
}

}  // namespace

protocol::CheckReport mlp_backward_order(const CheckContext& context) {
  const std::vector<int> sizes = context.integers("sizes");
  const int batch = context.integer("batch");
  auto rng = context.rng();
  auto student = student_rng(rng);
  Network a = read_network(make_mlp(sizes, Activation::kReLU, student));
  if (a.layers.empty())
    return combine({fail("The MLP has no layers, so backward has nothing to run.")});
  const auto same_weights = [&] {
    return copy_weights_into(make_mlp(sizes, Activation::kReLU, student), a);
  };
  Network b = same_weights(), c = same_weights();
  const Eigen::MatrixXd X = uniform(rng, batch, sizes.front());
  const Eigen::MatrixXd G = normal(rng, batch, sizes.back());

  Outputs reverse;
  try {
    reverse = layers_by_hand(b, X, G, true);
  } catch (const StudentThrew& e) {
    return combine(
        {fail(fmt::format("Cannot judge: running your layers' backward in reverse order "
                          "failed.\n{}",
                          e.what()))});
  }
  const Eigen::MatrixXd& dx = reverse.front().second;
  if (dx.rows() != batch || dx.cols() != sizes.front() || dx.isZero(0)) {
    return combine(
        {fail(fmt::format("Cannot judge: your layers' backward, run in reverse order, "
                          "give a dL/dX of shape {} that is {}.",
                          shape_of(dx), dx.size() ? "all zero" : "empty"))});
  }
  // Layers whose backward ignores G agree in any order: the order cannot show.
  auto other_rng = context.rng(1);
  Network d = same_weights();
  if (same_values(layers_by_hand(d, X, normal(other_rng, batch, sizes.back()), true).front().second,
                  dx)) {
    return combine(
        {fail("Cannot judge: your layers' backward, run in reverse order, give the same dL/dX "
              "for two different upstream gradients G.")});
  }
  const std::pair<Run, Run> first = against_forward_order(a, c, X, G);
  const Run& yours = first.first;
  // MLP::backward as the student's own layers run in forward order: on this draw of X and G,
  // and on another (a probe of its own), so that one coincidence names nothing.
  const auto in_forward_order_again = [&] {
    if (!same_run(yours, first.second)) return false;
    auto probe = context.probe_rng(1);
    const Eigen::MatrixXd X2 = uniform(probe, batch, sizes.front());
    const Eigen::MatrixXd G2 = normal(probe, batch, sizes.back());
    Network e = same_weights(), f = same_weights();
    const std::pair<Run, Run> second = against_forward_order(e, f, X2, G2);
    return same_run(second.first, second.second);
  };
  const Diagnosis in_forward_order =
      Diagnosis::observed(protocol::mistakes::kForwardOrder,
                          "MLP::backward runs the layers in forward order; it must go from the "
                          "last layer to the first (layers.rbegin()).");
  if (yours.stopped) {
    if (in_forward_order_again()) {
      return combine({fail(std::string(yours.stopped->what()) +
                               "\nThe same happens when the layers' backward run in "
                               "forward order, on two draws of X and G. " +
                               in_forward_order.sentence(),
                           in_forward_order)});
    }
    throw *yours.stopped;
  }
  const auto* differs = first_difference(yours.outputs, reverse);
  if (!differs)
    return combine({pass("MLP::backward equals your layers' backward in reverse order.")});
  if (in_forward_order_again())
    return combine({fail(in_forward_order.sentence(), in_forward_order)});
  return combine({fail(fmt::format(
      "{} from MLP::backward differs from running your layers' backward in reverse order "
      "yourself ({}). MLP::backward should pass the gradient through every layer, last first, "
      "and return the first layer's dL/dX.",
      differs->first, describe_layers(a)))});
}

protocol::CheckReport mlp_gradcheck_relu(const CheckContext& context) {
  return gradcheck(context, Activation::kReLU);
}

protocol::CheckReport mlp_gradcheck_sigmoid(const CheckContext& context) {
  return gradcheck(context, Activation::kSigmoid);
}

protocol::CheckReport mlp_gradcheck_fast(const CheckContext& context) {
  const Tolerance tol = context.tolerance();
  const std::vector<int> sizes = context.integers("sizes");
  const int batch = context.integer("batch"), projections = context.integer("projections");
  auto rng = context.rng();
  auto student = student_rng(rng);
  Network net = read_network(make_mlp(sizes, activation_param(context), student));
  const auto params = named_parameters(net);
  if (params.empty())
    return combine({fail("The MLP has no Linear layers: " + describe_layers(net))});
  const Eigen::MatrixXd X = draw_inputs(rng, net, batch, sizes.front(), 100 * tol.h);
  const std::vector<int> y = labels(rng, batch, sizes.back());
  student_gradients(net, X, y);
  std::vector<Eigen::MatrixXd> grads;
  for (const NamedParameter& p : params) grads.push_back(p.grad());
  const std::string inputs = fmt::format(
      "Inputs: sizes {{{}}}, {}, X ({}, {}), random labels, mean cross-entropy loss, h = {}.",
      fmt::join(sizes, ", "), context.text("activation"), batch, sizes.front(), tol.h);
  for (size_t i = 0; i < params.size(); ++i) {
    const NamedParameter& p = params[i];
    if (auto e = shape_error(p.grad_name, grads[i], p.value->rows(), p.value->cols())) {
      return combine({fail(*e + ".\n" + inputs)});
    }
  }
  double worst = 0, used = 0;
  for (int k = 0; k < projections; ++k) {
    const auto u = direction(rng, net, params, X, y, tol.h);
    double analytic = 0;
    for (size_t i = 0; i < params.size(); ++i) analytic += grads[i].cwiseProduct(u[i]).sum();
    const double numerical =
        (loss_along(net, params, u, tol.h, X, y) - loss_along(net, params, u, -tol.h, X, y)) /
        (2 * tol.h);
    const Projection projection = project(analytic, numerical, tol);
    worst = std::max(worst, relative_error(analytic, numerical, relative_error_floor(tol)));
    used = std::max(used,
                    std::abs(analytic - numerical) / (tol.atol + tol.rtol * std::abs(numerical)));
    if (projection.passed) continue;
    auto parts =
        sampled_full_check(rng, net, params, X, y, tol, context.integer("max_full_entries"));
    const std::string along = fmt::format(
        "Along random direction {} of {} in parameter space, the derivative is {} (yours) but {} "
        "(finite differences).",
        k + 1, projections, number(analytic), number(numerical));
    protocol::CheckReport report = summarise(parts, along + "\n" + inputs);
    if (report.status == protocol::CheckStatus::kPassed) {
      report = combine({fail(along +
                             " Every entry checked one by one matches, so the error is "
                             "in entries not sampled.\n" +
                             inputs)});
    }
    report.figures["projection"] = {{"yours", analytic}, {"finite_differences", numerical}};
    return report;
  }
  return combine({pass(fmt::format("The gradient matches finite differences along {} random "
                                   "directions (max relative error {}; the largest error is {} "
                                   "of the tolerance).",
                                   projections, number(worst), percent(used)),
                       {{"max_rel_error", worst},
                        {"max_error_over_tolerance", used},
                        {"relative_error_floor", relative_error_floor(tol)},
                        {"atol", tol.atol},
                        {"rtol", tol.rtol},
                        {"h", tol.h},
                        {"projections", projections}})});
}

}  // namespace nn_grade::harness
