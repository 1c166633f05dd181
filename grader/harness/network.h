// The student's MLP as the checker evaluates it: its layers' classes and each Linear's W and b,
// read once from the server, put through the checker's own formulas (formulas.h). What finite
// differences of an MLP are taken of: perturbing a weight here calls no student code. A layer
// of a class the checker does not know is run through its own forward, in the server.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "harness/student_calls.h"

namespace nn_grade::harness {

struct Network {
  Mlp mlp;
  std::vector<Layer> layers;          // MLP::layers, in order
  std::vector<Eigen::MatrixXd> W, b;  // per layer; empty for a layer that is not a Linear
};

// Reads the MLP's layers and every Linear's W and b.
Network read_network(const Mlp& mlp);

struct NetworkPass {
  Eigen::MatrixXd logits;
  std::vector<Eigen::MatrixXd> relu_inputs;  // to keep finite differences off ReLU's kink
};
// Why the checker cannot compute `net` alone, from `in` features to `out` logits: a layer of a
// class it does not know (its forward would be the student's), a null layer, or a Linear whose
// W or b does not fit the width before it. Empty when it can.
std::optional<std::string> not_computable(const Network& net, Eigen::Index in, Eigen::Index out);

// Throws StudentThrew for a null layer.
NetworkPass evaluate(const Network& net, const Eigen::MatrixXd& X);

// Mean cross-entropy of evaluate(net, X).logits.
double network_loss(const Network& net, const Eigen::MatrixXd& X, const std::vector<int>& labels);

// Whether the sign of every ReLU input is the same in both passes (no kink crossed).
bool same_relu_pattern(const NetworkPass& a, const NetworkPass& b);

// The smallest |input| of any ReLU: finite differences need it well above h.
double kink_margin(const NetworkPass& pass);

// Each Linear's parameters, named for a student: "layers[2].W" with its gradient.
struct NamedParameter {
  std::string value_name, grad_name;  // "layers[2].W", "layers[2].grad_W"
  Layer layer;                        // the Linear in the server
  Field grad_field;                   // kGradW or kGradB
  Eigen::MatrixXd* value;             // W or b in the Network: finite differences perturb it
  Eigen::MatrixXd grad() const { return layer.get(grad_field); }  // as the server holds it
};
std::vector<NamedParameter> named_parameters(Network& net);

// "Linear(4 -> 7), ReLU, Linear(7 -> 3)"
std::string describe_layers(const Network& net);

}  // namespace nn_grade::harness
