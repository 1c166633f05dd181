// The student's objects as the checker sees them: handles to objects that live in the student
// server (student_server.h), with the coursework's operations as calls. Nothing here runs
// student code in this process; every result is a copy of what the server sent back.
//
// Every call can throw StudentThrew (the student's function threw; the server lives on) or
// ServerEnded (the server crashed, hung, exited or broke the protocol; the check is over).
#pragma once

#include <cstdint>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include <Eigen/Dense>

#include "harness/student_server.h"
#include "protocol/server_protocol.h"

namespace nn_grade::harness {

using Matrix = Eigen::MatrixXd;
using protocol::Field;
using protocol::Kind;

enum class Activation { kReLU, kSigmoid };
const char* activation_name(Activation a);  // "ReLU", "Sigmoid"

// The server every handle of this check talks to. The checker's main sets it before the check
// runs; tests may set their own.
void use_server(StudentServer* server);
StudentServer& current_server();

// The first call of every check: it names what runs before any coursework function (code
// before main(), in a global object's constructor) when that crashes, hangs or exits.
void greet_server();

// A std::mt19937 in the server: what the coursework's constructors draw from.
class Rng {
 public:
  explicit Rng(std::uint32_t handle) : handle_(handle) {}
  std::uint32_t handle() const { return handle_; }

 private:
  std::uint32_t handle_;
};
// A server generator seeded by one draw of `rng` (as std::mt19937(rng()) would be).
Rng student_rng(std::mt19937_64& rng);

// A layer: Linear, ReLU, Sigmoid, a class of the student's own, or a null pointer in an MLP.
class Layer {
 public:
  Layer(std::uint32_t handle, Kind kind) : handle_(handle), kind_(kind) {}
  Kind kind() const { return kind_; }
  std::string name() const { return protocol::kind_name(kind_); }  // "Linear"
  bool is(Kind kind) const { return kind_ == kind; }
  std::uint32_t handle() const { return handle_; }

  Matrix forward(const Matrix& X) const;
  Matrix backward(const Matrix& grad_output) const;
  Matrix get(Field field) const;  // W, b, grad_W, grad_b, cached_input, cached_output
  void set(Field field, const Matrix& value) const;
  Layer copy() const;  // the class's copy constructor, in the server

 private:
  std::uint32_t handle_;
  Kind kind_;
};

Layer make_linear(int in, int out, const Rng& rng);
Layer make_relu();
Layer make_sigmoid();

class Mlp {
 public:
  // `sizes`: what it was built from (empty when unknown), which bounds what the checker will
  // read and differentiate of it (network.h).
  explicit Mlp(std::uint32_t handle, std::vector<int> sizes = {})
      : handle_(handle), sizes_(std::move(sizes)) {}
  std::uint32_t handle() const { return handle_; }
  const std::vector<int>& sizes() const { return sizes_; }
  Matrix forward(const Matrix& X) const;
  Matrix backward(const Matrix& grad_output) const;
  std::vector<Layer> layers() const;  // MLP::layers as it is now, in order

 private:
  std::uint32_t handle_;
  std::vector<int> sizes_;
};

Mlp make_mlp(const std::vector<int>& sizes, Activation activation, const Rng& rng);

class Loss {
 public:
  explicit Loss(std::uint32_t handle) : handle_(handle) {}
  double forward(const Matrix& logits, const std::vector<int>& labels) const;
  Matrix backward() const;
  Matrix cached_grad() const;

 private:
  std::uint32_t handle_;
};

Loss make_loss();

// A parameter (value and gradient) that the server owns, for an SGD over loose tensors.
class Tensor {
 public:
  explicit Tensor(std::uint32_t handle) : handle_(handle) {}
  std::uint32_t handle() const { return handle_; }
  Matrix value() const;
  Matrix grad() const;
  void set_grad(const Matrix& grad) const;

 private:
  std::uint32_t handle_;
};

Tensor make_tensor(const Matrix& value, const Matrix& grad);

class Sgd {
 public:
  explicit Sgd(std::uint32_t handle) : handle_(handle) {}
  void step() const;
  void zero_grad() const;
  std::vector<Matrix> velocities() const;

 private:
  std::uint32_t handle_;
};

// SGD(params, lr, momentum), or SGD(params, lr) with the default momentum when none is given.
Sgd make_sgd(const std::vector<Tensor>& params, double lr, std::optional<double> momentum);
Sgd make_sgd(const Mlp& mlp, double lr, std::optional<double> momentum);  // mlp.parameters()

}  // namespace nn_grade::harness
