#include "harness/network.h"

#include <cmath>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "harness/formulas.h"
#include "harness/shapes.h"

namespace nn_grade::harness {

namespace {

// The weights and biases of the Linear layers `sizes` makes.
long parameters_of(const std::vector<int>& sizes) {
  long count = 0;
  for (std::size_t i = 0; i + 1 < sizes.size(); ++i) {
    count += static_cast<long>(sizes[i] + 1) * sizes[i + 1];
  }
  return count;
}

}  // namespace

Network read_network(const Mlp& mlp) {
  Network net{mlp, mlp.layers(), {}, {}};
  const std::vector<int>& sizes = mlp.sizes();
  // The checker's own work on a network (finite differences: one forward per parameter) grows
  // with its size: it is bounded by the sizes the check asked for, before any of it is done.
  const std::size_t most_layers = 2 * sizes.size();
  if (!sizes.empty() && net.layers.size() > most_layers) {
    throw StudentThrew(fmt::format(
        "MLP({}) holds {} layers in MLP::layers, more than the {} the grader reads for those "
        "sizes (a Linear and an activation for each pair of sizes make {}). The grader judges "
        "the network built from the sizes it gives.",
        fmt::join(sizes, ", "), net.layers.size(), most_layers, 2 * (sizes.size() - 1) - 1));
  }
  long parameters = 0;
  for (const Layer& layer : net.layers) {
    const bool linear = layer.is(Kind::kLinear);
    net.W.push_back(linear ? layer.get(Field::kW) : Eigen::MatrixXd());
    net.b.push_back(linear ? layer.get(Field::kB) : Eigen::MatrixXd());
    parameters += static_cast<long>(net.W.back().size() + net.b.back().size());
  }
  if (!sizes.empty() && parameters > parameters_of(sizes)) {
    throw StudentThrew(fmt::format(
        "MLP({}) has {} weights and biases in its Linear layers; those sizes give {}. The grader "
        "judges the network built from the sizes it gives: are the layers made from `sizes`?",
        fmt::join(sizes, ", "), parameters, parameters_of(sizes)));
  }
  return net;
}

std::optional<std::string> not_computable(const Network& net, Eigen::Index in, Eigen::Index out) {
  Eigen::Index width = in;
  for (size_t i = 0; i < net.layers.size(); ++i) {
    const Layer& layer = net.layers[i];
    if (layer.is(Kind::kReLU) || layer.is(Kind::kSigmoid)) continue;
    if (!layer.is(Kind::kLinear)) {
      return fmt::format("layers[{}] is {}, not a Linear, ReLU or Sigmoid", i,
                         layer.is(Kind::kNull) ? "a null pointer" : "a class of your own");
    }
    const std::string name = fmt::format("layers[{}]", i);
    if (auto e = shape_error(name + ".W", net.W[i], width, net.W[i].cols())) return e;
    if (auto e = shape_error(name + ".b", net.b[i], 1, net.W[i].cols())) return e;
    width = net.W[i].cols();
  }
  if (width != out) {
    return fmt::format("the network gives {} outputs for {} classes ({})", width, out,
                       describe_layers(net));
  }
  return std::nullopt;
}

NetworkPass evaluate(const Network& net, const Eigen::MatrixXd& X) {
  NetworkPass pass;
  Eigen::MatrixXd out = X;
  for (size_t i = 0; i < net.layers.size(); ++i) {
    const Layer& layer = net.layers[i];
    switch (layer.kind()) {
      case Kind::kNull:
        throw StudentThrew("MLP::layers holds a null pointer");
      case Kind::kLinear:
        out = formulas::linear(out, net.W[i], net.b[i]);
        break;
      case Kind::kReLU:
        pass.relu_inputs.push_back(out);
        out = formulas::relu(out);
        break;
      case Kind::kSigmoid:
        out = formulas::sigmoid(out);
        break;
      default:
        out = layer.forward(out);
    }
  }
  pass.logits = std::move(out);
  return pass;
}

double network_loss(const Network& net, const Eigen::MatrixXd& X, const std::vector<int>& labels) {
  return formulas::cross_entropy(evaluate(net, X).logits, labels);
}

bool same_relu_pattern(const NetworkPass& a, const NetworkPass& b) {
  for (size_t i = 0; i < a.relu_inputs.size(); ++i) {
    if (((a.relu_inputs[i].array() > 0) != (b.relu_inputs[i].array() > 0)).any()) return false;
  }
  return true;
}

double kink_margin(const NetworkPass& pass) {
  double margin = INFINITY;
  for (const Eigen::MatrixXd& z : pass.relu_inputs) {
    if (z.size()) margin = std::min(margin, z.cwiseAbs().minCoeff());
  }
  return margin;
}

std::vector<NamedParameter> named_parameters(Network& net) {
  std::vector<NamedParameter> out;
  for (size_t i = 0; i < net.layers.size(); ++i) {
    if (!net.layers[i].is(Kind::kLinear)) continue;
    out.push_back({fmt::format("layers[{}].W", i), fmt::format("layers[{}].grad_W", i),
                   net.layers[i], Field::kGradW, &net.W[i]});
    out.push_back({fmt::format("layers[{}].b", i), fmt::format("layers[{}].grad_b", i),
                   net.layers[i], Field::kGradB, &net.b[i]});
  }
  return out;
}

std::string describe_layers(const Network& net) {
  std::vector<std::string> names;
  for (size_t i = 0; i < net.layers.size(); ++i) {
    if (net.layers[i].is(Kind::kLinear)) {
      names.push_back(fmt::format("Linear({} -> {})", net.W[i].rows(), net.W[i].cols()));
    } else {
      names.push_back(net.layers[i].name());
    }
  }
  return names.empty() ? "no layers" : fmt::format("{}", fmt::join(names, ", "));
}

}  // namespace nn_grade::harness
