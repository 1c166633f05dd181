// The student's MLP evaluated by the harness's own formulas (formulas.h), layer by layer, with
// the student's weights: what finite differences of an MLP are taken of. A layer of a class the
// harness does not know is run through its own forward.
#pragma once

#include <string>
#include <vector>

#include "layers.h"
#include "model.h"

namespace harness {

struct NetworkPass {
  Eigen::MatrixXd logits;
  std::vector<Eigen::MatrixXd> relu_inputs;  // to keep finite differences off ReLU's kink
};
NetworkPass evaluate(nn::MLP& mlp, const Eigen::MatrixXd& X);

// Mean cross-entropy of evaluate(mlp, X).logits.
double network_loss(nn::MLP& mlp, const Eigen::MatrixXd& X, const std::vector<int>& labels);

// Whether the sign of every ReLU input is the same in both passes (no kink crossed).
bool same_relu_pattern(const NetworkPass& a, const NetworkPass& b);

// The smallest |input| of any ReLU: finite differences need it well above h.
double kink_margin(const NetworkPass& pass);

// Each Linear's parameters, named for a student: "layers[2].W" with its gradient.
struct NamedParameter {
  std::string value_name, grad_name;  // "layers[2].W", "layers[2].grad_W"
  Eigen::MatrixXd* value;
  Eigen::MatrixXd* grad;
};
std::vector<NamedParameter> named_parameters(nn::MLP& mlp);

// "Linear(4 -> 7), ReLU, Linear(7 -> 3)"
std::string describe_layers(const nn::MLP& mlp);

}  // namespace harness
