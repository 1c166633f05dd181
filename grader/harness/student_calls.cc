#include "harness/student_calls.h"

#include <fmt/format.h>

#include "harness/check_context.h"

namespace nn_grade::harness {

namespace {

using protocol::Op;

StudentServer* server = nullptr;

protocol::Writer request(Op op) {
  protocol::Writer w;
  w.u8(static_cast<std::uint8_t>(op));
  return w;
}

protocol::Writer request(Op op, std::uint32_t handle) {
  protocol::Writer w = request(op);
  w.u32(handle);
  return w;
}

// A reply's values, read in full: anything missing or left over is a malformed reply.
class Results {
 public:
  Results(const std::string& function, protocol::Reader reader)
      : function_(function), reader_(std::move(reader)) {}
  Matrix matrix() { return check(reader_.matrix()); }
  double f64() { return check(reader_.f64()); }
  std::uint32_t u32() { return check(reader_.u32()); }
  std::uint8_t u8() { return check(reader_.u8()); }
  void done() {
    if (!reader_.at_end()) malformed();
  }

 private:
  template <typename T>
  T check(T value) {
    if (!reader_.ok()) malformed();
    return value;
  }
  [[noreturn]] void malformed() {
    current_server().end();
    throw ServerEnded(protocol::CheckStatus::kError,
                      fmt::format("The grader could not read the reply to {}: does your code "
                                  "write to file descriptor 4?",
                                  function_));
  }
  std::string function_;
  protocol::Reader reader_;
};

Results call(const std::string& function, const protocol::Writer& w) {
  return Results(function, current_server().call(function.c_str(), w));
}

std::uint32_t new_object(const std::string& function, const protocol::Writer& w) {
  Results r = call(function, w);
  const std::uint32_t handle = r.u32();
  r.done();
  return handle;
}

Matrix matrix_result(const std::string& function, const protocol::Writer& w) {
  Results r = call(function, w);
  Matrix m = r.matrix();
  r.done();
  return m;
}

void no_result(const std::string& function, const protocol::Writer& w) { call(function, w).done(); }

// A public field of the object `handle` names, as the server holds it now; `function` names the
// read for messages.
Matrix get_field(std::uint32_t handle, Field field, const std::string& function) {
  protocol::Writer w = request(Op::kGet, handle);
  w.u8(static_cast<std::uint8_t>(field));
  return matrix_result(function, w);
}

void set_field(std::uint32_t handle, Field field, const Matrix& value,
               const std::string& function) {
  protocol::Writer w = request(Op::kSet, handle);
  w.u8(static_cast<std::uint8_t>(field));
  w.matrix(value);
  no_result(function, w);
}

std::string method(Kind kind, const char* name) {
  return fmt::format("{}::{}", protocol::kind_name(kind), name);
}

void momentum_arguments(protocol::Writer& w, double lr, std::optional<double> momentum) {
  w.f64(lr);
  w.u8(momentum.has_value());
  w.f64(momentum.value_or(0.0));
}

}  // namespace

const char* activation_name(Activation a) { return a == Activation::kReLU ? "ReLU" : "Sigmoid"; }

void use_server(StudentServer* s) { server = s; }

StudentServer& current_server() {
  if (!server) throw GraderFault("no student server for this check");
  return *server;
}

void greet_server() {
  protocol::Writer w = request(Op::kNewRng);
  w.u32(0);
  new_object("the start of your program (code before main(), a global object's constructor?)", w);
}

Rng student_rng(std::mt19937_64& rng) {
  protocol::Writer w = request(Op::kNewRng);
  w.u32(static_cast<std::uint32_t>(rng()));
  return Rng(new_object("creating a random generator", w));
}

Matrix Layer::forward(const Matrix& X) const {
  protocol::Writer w = request(Op::kForward, handle_);
  w.matrix(X);
  return matrix_result(method(kind_, "forward"), w);
}

Matrix Layer::backward(const Matrix& grad_output) const {
  protocol::Writer w = request(Op::kBackward, handle_);
  w.matrix(grad_output);
  return matrix_result(method(kind_, "backward"), w);
}

Matrix Layer::get(Field field) const {
  return get_field(handle_, field,
                   fmt::format("reading {}.{}", name(), protocol::field_name(field)));
}

void Layer::set(Field field, const Matrix& value) const {
  set_field(handle_, field, value,
            fmt::format("setting {}.{}", name(), protocol::field_name(field)));
}

Layer Layer::copy() const {
  return Layer(new_object(fmt::format("copying a {}", name()), request(Op::kClone, handle_)),
               kind_);
}

Layer make_linear(int in, int out, const Rng& rng) {
  protocol::Writer w = request(Op::kNewLinear);
  w.i32(in);
  w.i32(out);
  w.u32(rng.handle());
  return Layer(new_object("Linear::Linear", w), Kind::kLinear);
}

Layer make_relu() { return Layer(new_object("ReLU::ReLU", request(Op::kNewReLU)), Kind::kReLU); }

Layer make_sigmoid() {
  return Layer(new_object("Sigmoid::Sigmoid", request(Op::kNewSigmoid)), Kind::kSigmoid);
}

Matrix Mlp::forward(const Matrix& X) const {
  protocol::Writer w = request(Op::kForward, handle_);
  w.matrix(X);
  return matrix_result("MLP::forward", w);
}

Matrix Mlp::backward(const Matrix& grad_output) const {
  protocol::Writer w = request(Op::kBackward, handle_);
  w.matrix(grad_output);
  return matrix_result("MLP::backward", w);
}

std::vector<Layer> Mlp::layers() const {
  Results r = call("reading MLP::layers", request(Op::kLayers, handle_));
  const std::uint32_t n = r.u32();
  std::vector<Layer> out;
  for (std::uint32_t i = 0; i < n; ++i) {
    const auto kind = static_cast<Kind>(r.u8());
    const std::uint32_t handle = r.u32();
    const bool known = kind == Kind::kNull || kind == Kind::kLinear || kind == Kind::kReLU ||
                       kind == Kind::kSigmoid || kind == Kind::kOtherLayer;
    out.emplace_back(handle, known ? kind : Kind::kOtherLayer);
  }
  r.done();
  return out;
}

Mlp make_mlp(const std::vector<int>& sizes, Activation activation, const Rng& rng) {
  protocol::Writer w = request(Op::kNewMlp);
  w.ints(sizes);
  w.u8(activation == Activation::kReLU ? 0 : 1);
  w.u32(rng.handle());
  return Mlp(new_object("MLP::MLP", w), sizes);
}

double Loss::forward(const Matrix& logits, const std::vector<int>& labels) const {
  protocol::Writer w = request(Op::kLossForward, handle_);
  w.matrix(logits);
  w.ints(labels);
  Results r = call("CrossEntropyLoss::forward", w);
  const double loss = r.f64();
  r.done();
  return loss;
}

Matrix Loss::backward() const {
  return matrix_result("CrossEntropyLoss::backward", request(Op::kLossBackward, handle_));
}

Matrix Loss::cached_grad() const {
  return get_field(handle_, Field::kCachedGrad, "reading CrossEntropyLoss.cached_grad");
}

Loss make_loss() {
  return Loss(new_object("CrossEntropyLoss::CrossEntropyLoss", request(Op::kNewLoss)));
}

Matrix Tensor::value() const { return get_field(handle_, Field::kValue, "reading a parameter"); }

Matrix Tensor::grad() const { return get_field(handle_, Field::kGrad, "reading a gradient"); }

void Tensor::set_grad(const Matrix& grad) const {
  set_field(handle_, Field::kGrad, grad, "setting a gradient");
}

Tensor make_tensor(const Matrix& value, const Matrix& grad) {
  protocol::Writer w = request(Op::kNewTensor);
  w.matrix(value);
  w.matrix(grad);
  return Tensor(new_object("making a parameter", w));
}

void Sgd::step() const { no_result("SGD::step", request(Op::kStep, handle_)); }

void Sgd::zero_grad() const { no_result("SGD::zero_grad", request(Op::kZeroGrad, handle_)); }

std::vector<Matrix> Sgd::velocities() const {
  Results r = call("reading SGD::velocities", request(Op::kVelocities, handle_));
  const std::uint32_t n = r.u32();
  std::vector<Matrix> out;
  for (std::uint32_t i = 0; i < n; ++i) out.push_back(r.matrix());
  r.done();
  return out;
}

Sgd make_sgd(const std::vector<Tensor>& params, double lr, std::optional<double> momentum) {
  protocol::Writer w = request(Op::kNewSgdTensors);
  w.u32(static_cast<std::uint32_t>(params.size()));
  for (const Tensor& t : params) w.u32(t.handle());
  momentum_arguments(w, lr, momentum);
  return Sgd(new_object("SGD::SGD", w));
}

Sgd make_sgd(const Mlp& mlp, double lr, std::optional<double> momentum) {
  protocol::Writer w = request(Op::kNewSgdMlp, mlp.handle());
  momentum_arguments(w, lr, momentum);
  return Sgd(new_object("SGD::SGD (with MLP::parameters)", w));
}

}  // namespace nn_grade::harness
