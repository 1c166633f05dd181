#include "network.h"

#include <cmath>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "formulas.h"
#include "student_calls.h"

namespace harness {

NetworkPass evaluate(nn::MLP& mlp, const Eigen::MatrixXd& X) {
  NetworkPass pass;
  Eigen::MatrixXd out = X;
  for (auto& layer : mlp.layers) {
    if (!layer) throw StudentThrew("MLP::layers holds a null pointer");
    if (auto* linear = dynamic_cast<nn::Linear*>(layer.get())) {
      out = formulas::linear(out, linear->W, linear->b);
    } else if (dynamic_cast<nn::ReLU*>(layer.get())) {
      pass.relu_inputs.push_back(out);
      out = formulas::relu(out);
    } else if (dynamic_cast<nn::Sigmoid*>(layer.get())) {
      out = formulas::sigmoid(out);
    } else {
      out = forward(*layer, out);
    }
  }
  pass.logits = std::move(out);
  return pass;
}

double network_loss(nn::MLP& mlp, const Eigen::MatrixXd& X, const std::vector<int>& labels) {
  return formulas::cross_entropy(evaluate(mlp, X).logits, labels);
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

std::vector<NamedParameter> named_parameters(nn::MLP& mlp) {
  std::vector<NamedParameter> out;
  for (size_t i = 0; i < mlp.layers.size(); ++i) {
    auto* linear = dynamic_cast<nn::Linear*>(mlp.layers[i].get());
    if (!linear) continue;
    out.push_back({fmt::format("layers[{}].W", i), fmt::format("layers[{}].grad_W", i), &linear->W,
                   &linear->grad_W});
    out.push_back({fmt::format("layers[{}].b", i), fmt::format("layers[{}].grad_b", i), &linear->b,
                   &linear->grad_b});
  }
  return out;
}

std::string describe_layers(const nn::MLP& mlp) {
  std::vector<std::string> names;
  for (const auto& layer : mlp.layers) {
    if (!layer) {
      names.push_back("(null)");
    } else if (auto* linear = dynamic_cast<const nn::Linear*>(layer.get())) {
      names.push_back(fmt::format("Linear({} -> {})", linear->W.rows(), linear->W.cols()));
    } else {
      names.push_back(layer_name(*layer));
    }
  }
  return names.empty() ? "no layers" : fmt::format("{}", fmt::join(names, ", "));
}

}  // namespace harness
