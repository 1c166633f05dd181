#include "harness/layer_service.h"

#include <optional>
#include <string>

#include <fmt/format.h>

#include "harness/formulas.h"
#include "harness/shapes.h"

namespace nn_grade::harness {
namespace {

using Matrix = Eigen::MatrixXd;
using protocol::Kind;
using protocol::LayerAnswer;
using protocol::LayerState;
using protocol::Pass;

protocol::Writer refused(const std::string& why) {
  protocol::Writer w;
  w.u8(static_cast<std::uint8_t>(LayerAnswer::kRefused));
  w.text(why);
  return w;
}

protocol::Writer done(const LayerState& state, const Matrix& result) {
  protocol::Writer w;
  w.u8(static_cast<std::uint8_t>(LayerAnswer::kDone));
  protocol::write_layer_state(w, state);
  w.matrix(result);
  return w;
}

bool too_costly(const Matrix& a, const Matrix& b) {
  return static_cast<std::uint64_t>(a.rows()) * static_cast<std::uint64_t>(a.cols()) *
             static_cast<std::uint64_t>(b.cols()) >
         kMostLayerTerms;
}

// Why a Linear with `s` cannot run `pass` on `a`, for the student; empty when it can.
std::optional<std::string> linear_problem(const LayerState& s, Pass pass, const Matrix& a) {
  const Eigen::Index in = s.W.rows(), out = s.W.cols();
  for (const auto& [name, m, rows] :
       {std::tuple<const char*, const Matrix&, Eigen::Index>{"b", s.b, 1},
        {"grad_W", s.grad_W, in},
        {"grad_b", s.grad_b, 1}}) {
    if (auto e = shape_error(fmt::format("Linear {}", name), m, rows, out)) {
      return fmt::format("{} while W is {}.", *e, shape_of(s.W));
    }
  }
  if (pass == Pass::kForward) {
    if (a.cols() != in) {
      return fmt::format(
          "Linear::forward was given X of shape {}, but W is {}: X needs {} "
          "columns.",
          shape_of(a), shape_of(s.W), in);
    }
    if (too_costly(a, s.W)) return "Linear::forward was given an X too large to compute.";
    return std::nullopt;
  }
  if (s.cached_input.cols() != in || a.rows() != s.cached_input.rows() || a.cols() != out) {
    return fmt::format(
        "Linear::backward was given G of shape {} after a forward of X {}, while W is {}: G "
        "needs the shape of that forward's output, ({}, {}).",
        shape_of(a), shape_of(s.cached_input), shape_of(s.W), s.cached_input.rows(), out);
  }
  if (too_costly(s.W, a.transpose())) return "Linear::backward was given a G too large to compute.";
  return std::nullopt;
}

protocol::Writer linear(LayerState s, Pass pass, const Matrix& a) {
  if (auto why = linear_problem(s, pass, a)) return refused(*why);
  if (pass == Pass::kForward) {
    s.cached_input = a;
    return done(s, formulas::linear(a, s.W, s.b));
  }
  s.grad_W += s.cached_input.transpose() * a;
  s.grad_b += a.colwise().sum();
  const Matrix dX = a * s.W.transpose();
  return done(s, dX);
}

// ReLU (cache: its input) or Sigmoid (cache: its output).
protocol::Writer elementwise(LayerState s, Kind kind, Pass pass, const Matrix& a) {
  const bool relu = kind == Kind::kReLU;
  Matrix& cache = relu ? s.cached_input : s.cached_output;
  if (pass == Pass::kForward) {
    cache = relu ? a : formulas::sigmoid(a);
    return done(s, relu ? formulas::relu(a) : cache);
  }
  if (a.rows() != cache.rows() || a.cols() != cache.cols()) {
    return refused(
        fmt::format("{}::backward was given G of shape {} after a forward of shape {}: "
                    "G needs that shape.",
                    protocol::kind_name(kind), shape_of(a), shape_of(cache)));
  }
  if (relu) return done(s, a.cwiseProduct(formulas::relu_mask(cache)));
  const Matrix dX = a.array() * cache.array() * (1.0 - cache.array());
  return done(s, dX);
}

}  // namespace

protocol::Writer answer_layer_call(protocol::Reader& call) {
  const auto kind = static_cast<Kind>(call.u8());
  const auto pass = static_cast<Pass>(call.u8());
  const LayerState state = protocol::read_layer_state(call);
  const Matrix argument = call.matrix();
  const bool known = kind == Kind::kLinear || kind == Kind::kReLU || kind == Kind::kSigmoid;
  if (!call.ok() || !call.at_end() || !known ||
      (pass != Pass::kForward && pass != Pass::kBackward)) {
    return refused(
        "A layer call the grader's stand-in layers never send: does your code write "
        "to file descriptor 4?");
  }
  return kind == Kind::kLinear ? linear(state, pass, argument)
                               : elementwise(state, kind, pass, argument);
}

}  // namespace nn_grade::harness
