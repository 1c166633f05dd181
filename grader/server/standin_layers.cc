// The stand-in layers: what the stand-in server links in place of a submission's layers.cpp, so
// that a check judged alone runs the student's MLP (and loss and optimizer) on layers known to
// be right (docs/architecture.md, "Stand-ins"). They hold no formula: each forward and backward
// sends the layer's whole state and its argument to the checker (ReplyStatus::kLayerCall) and
// takes back the new state and the result, which the checker computes with its own formulas. So
// nothing of a right answer is ever in the student's process: only the numbers the checker sent
// for the inputs the student's own code passed.
//
// The constructor and parameters() are the student template's, given to every student.
#include <unistd.h>

#include <cmath>
#include <stdexcept>
#include <string>

#include "layers.h"
#include "protocol/server_protocol.h"

namespace nn {
namespace {

namespace protocol = nn_grade::protocol;  // this file defines nn:: (the coursework's classes)

using protocol::Kind;
using protocol::LayerAnswer;
using protocol::LayerState;
using protocol::Pass;

// The fields of one layer that travel: null for those its class does not have.
struct Fields {
  Matrix* W = nullptr;
  Matrix* b = nullptr;
  Matrix* grad_W = nullptr;
  Matrix* grad_b = nullptr;
  Matrix* cached_input = nullptr;
  Matrix* cached_output = nullptr;
};

// The checker carries out `pass` of a `kind` layer with `fields` on `argument`; its answer
// replaces the fields. Throws std::logic_error with the checker's words when it refuses (the
// student's code passed what no layer accepts); the server ends when the checker is gone.
Matrix ask_checker(Kind kind, Pass pass, const Fields& fields, const Matrix& argument) {
  auto value = [](const Matrix* m) { return m ? *m : Matrix(); };
  const LayerState sent{value(fields.W),
                        value(fields.b),
                        value(fields.grad_W),
                        value(fields.grad_b),
                        value(fields.cached_input),
                        value(fields.cached_output)};
  protocol::Writer call;
  call.u8(static_cast<std::uint8_t>(protocol::ReplyStatus::kLayerCall));
  call.u8(static_cast<std::uint8_t>(kind));
  call.u8(static_cast<std::uint8_t>(pass));
  protocol::write_layer_state(call, sent);
  call.matrix(argument);
  std::string answer;
  if (!protocol::write_frame(protocol::kReplyFd, call.bytes()) ||
      !protocol::read_frame(protocol::kRequestFd, protocol::kMaxRequestBytes, &answer)) {
    _exit(0);  // the checker is gone
  }
  protocol::Reader in(std::move(answer));
  if (static_cast<LayerAnswer>(in.u8()) != LayerAnswer::kDone) throw std::logic_error(in.text());
  LayerState got = protocol::read_layer_state(in);
  Matrix result = in.matrix();
  auto keep = [](Matrix* field, Matrix& m) {
    if (field) *field = std::move(m);
  };
  keep(fields.W, got.W);
  keep(fields.b, got.b);
  keep(fields.grad_W, got.grad_W);
  keep(fields.grad_b, got.grad_b);
  keep(fields.cached_input, got.cached_input);
  keep(fields.cached_output, got.cached_output);
  return result;
}

Fields linear_fields(Linear& layer) {
  Fields f;
  f.W = &layer.W;
  f.b = &layer.b;
  f.grad_W = &layer.grad_W;
  f.grad_b = &layer.grad_b;
  f.cached_input = &layer.cached_input;
  return f;
}

Fields relu_fields(ReLU& layer) {
  Fields f;
  f.cached_input = &layer.cached_input;
  return f;
}

Fields sigmoid_fields(Sigmoid& layer) {
  Fields f;
  f.cached_output = &layer.cached_output;
  return f;
}

}  // namespace

// He-style initialisation: weights ~ N(0, 2 / in_features), zero bias and gradients. Given.
Linear::Linear(int in_features, int out_features, std::mt19937& rng)
    : W(in_features, out_features),
      b(Matrix::Zero(1, out_features)),
      grad_W(Matrix::Zero(in_features, out_features)),
      grad_b(Matrix::Zero(1, out_features)) {
  std::normal_distribution<double> normal(0.0, std::sqrt(2.0 / in_features));
  for (Eigen::Index i = 0; i < W.size(); ++i) W.data()[i] = normal(rng);
}

Matrix Linear::forward(const Matrix& X) {
  return ask_checker(Kind::kLinear, Pass::kForward, linear_fields(*this), X);
}

Matrix Linear::backward(const Matrix& grad_output) {
  return ask_checker(Kind::kLinear, Pass::kBackward, linear_fields(*this), grad_output);
}

std::vector<Parameter> Linear::parameters() { return {{&W, &grad_W}, {&b, &grad_b}}; }

Matrix ReLU::forward(const Matrix& X) {
  return ask_checker(Kind::kReLU, Pass::kForward, relu_fields(*this), X);
}

Matrix ReLU::backward(const Matrix& grad_output) {
  return ask_checker(Kind::kReLU, Pass::kBackward, relu_fields(*this), grad_output);
}

Matrix Sigmoid::forward(const Matrix& X) {
  return ask_checker(Kind::kSigmoid, Pass::kForward, sigmoid_fields(*this), X);
}

Matrix Sigmoid::backward(const Matrix& grad_output) {
  return ask_checker(Kind::kSigmoid, Pass::kBackward, sigmoid_fields(*this), grad_output);
}

}  // namespace nn
