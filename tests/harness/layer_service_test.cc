// The checker's answer to a stand-in layer's call (harness/layer_service.h): the layer's own
// mathematics on the state and argument it was sent, and a refusal, in the student's terms, of
// what no layer accepts.
#include <random>

#include <gtest/gtest.h>

#include "harness/check_context.h"
#include "harness/formulas.h"
#include "harness/layer_service.h"

namespace nn_grade {

namespace harness {
namespace {

using Matrix = Eigen::MatrixXd;
using protocol::Kind;
using protocol::LayerState;
using protocol::Pass;

protocol::Reader call(Kind kind, Pass pass, const LayerState& state, const Matrix& argument) {
  protocol::Writer w;
  w.u8(static_cast<std::uint8_t>(kind));
  w.u8(static_cast<std::uint8_t>(pass));
  protocol::write_layer_state(w, state);
  w.matrix(argument);
  return protocol::Reader(w.bytes());
}

struct Answer {
  bool done = false;
  LayerState state;
  Matrix result;
  std::string refusal;
};

Answer answer(Kind kind, Pass pass, const LayerState& state, const Matrix& argument) {
  protocol::Reader in = call(kind, pass, state, argument);
  protocol::Reader out(answer_layer_call(in).bytes());
  Answer a;
  a.done = static_cast<protocol::LayerAnswer>(out.u8()) == protocol::LayerAnswer::kDone;
  if (a.done) {
    a.state = protocol::read_layer_state(out);
    a.result = out.matrix();
  } else {
    a.refusal = out.text();
  }
  EXPECT_TRUE(out.ok() && out.at_end());
  return a;
}

LayerState linear_state(std::mt19937_64& rng, int in, int out) {
  LayerState s;
  s.W = normal(rng, in, out);
  s.b = normal(rng, 1, out);
  s.grad_W = normal(rng, in, out);  // backward adds to what is there
  s.grad_b = normal(rng, 1, out);
  return s;
}

TEST(LayerService, LinearForwardCachesItsInputAndBackwardAddsItsGradients) {
  std::mt19937_64 rng(3);
  const LayerState s = linear_state(rng, 4, 3);
  const Matrix X = normal(rng, 5, 4), G = normal(rng, 5, 3);
  const Answer forward = answer(Kind::kLinear, Pass::kForward, s, X);
  ASSERT_TRUE(forward.done) << forward.refusal;
  EXPECT_TRUE(forward.result.isApprox(harness::formulas::linear(X, s.W, s.b)));
  EXPECT_EQ(forward.state.cached_input, X);
  EXPECT_EQ(forward.state.W, s.W);
  const Answer backward = answer(Kind::kLinear, Pass::kBackward, forward.state, G);
  ASSERT_TRUE(backward.done) << backward.refusal;
  // d/dX of sum(G .* (X W + b)), column by column: G W^T; the same for W and b.
  for (Eigen::Index i = 0; i < X.rows(); ++i) {
    for (Eigen::Index j = 0; j < X.cols(); ++j) {
      EXPECT_NEAR(backward.result(i, j), G.row(i).dot(s.W.row(j)), 1e-12);
    }
  }
  EXPECT_TRUE(backward.state.grad_W.isApprox(s.grad_W + X.transpose() * G));
  EXPECT_TRUE(backward.state.grad_b.isApprox(s.grad_b + G.colwise().sum()));
}

TEST(LayerService, ReLUAndSigmoidKeepTheirOwnCache) {
  std::mt19937_64 rng(4);
  const Matrix X = normal(rng, 6, 5), G = normal(rng, 6, 5);
  const Answer relu = answer(Kind::kReLU, Pass::kForward, {}, X);
  EXPECT_EQ(relu.state.cached_input, X);
  EXPECT_EQ(relu.result, harness::formulas::relu(X));
  const Answer relu_back = answer(Kind::kReLU, Pass::kBackward, relu.state, G);
  EXPECT_EQ(relu_back.result, G.cwiseProduct(harness::formulas::relu_mask(X)));
  const Answer sigmoid = answer(Kind::kSigmoid, Pass::kForward, {}, X);
  EXPECT_EQ(sigmoid.state.cached_output, harness::formulas::sigmoid(X));
  EXPECT_EQ(sigmoid.state.cached_input.size(), 0);
  const Answer sigmoid_back = answer(Kind::kSigmoid, Pass::kBackward, sigmoid.state, G);
  const Matrix s = harness::formulas::sigmoid(X);
  const Matrix expected = G.array() * s.array() * (1.0 - s.array());
  EXPECT_TRUE(sigmoid_back.result.isApprox(expected));
}

// What the student's MLP passed that no layer takes is refused with the shapes, never computed.
TEST(LayerService, RefusesWhatNoLayerTakesNamingTheShapes) {
  std::mt19937_64 rng(5);
  const LayerState s = linear_state(rng, 4, 3);
  const Answer wide = answer(Kind::kLinear, Pass::kForward, s, normal(rng, 5, 7));
  EXPECT_FALSE(wide.done);
  EXPECT_EQ(wide.refusal,
            "Linear::forward was given X of shape (5, 7), but W is (4, 3): X needs 4 columns.");
  LayerState cached = s;
  cached.cached_input = normal(rng, 5, 4);
  const Answer wrong_g = answer(Kind::kLinear, Pass::kBackward, cached, normal(rng, 5, 4));
  EXPECT_FALSE(wrong_g.done);
  EXPECT_NE(wrong_g.refusal.find("G of shape (5, 4)"), std::string::npos) << wrong_g.refusal;
  LayerState bad_b = s;
  bad_b.b = normal(rng, 2, 3);
  EXPECT_FALSE(answer(Kind::kLinear, Pass::kForward, bad_b, normal(rng, 5, 4)).done);
  const Answer relu = answer(Kind::kReLU, Pass::kBackward, {}, normal(rng, 2, 2));
  EXPECT_FALSE(relu.done);
  EXPECT_NE(relu.refusal.find("ReLU::backward"), std::string::npos) << relu.refusal;
}

TEST(LayerService, RefusesAProductTooLargeToCompute) {
  LayerState s;
  s.W = Matrix::Zero(512, 512);
  s.b = Matrix::Zero(1, 512);
  s.grad_W = s.W;
  s.grad_b = s.b;
  EXPECT_FALSE(answer(Kind::kLinear, Pass::kForward, s, Matrix::Zero(512, 512)).done);
}

TEST(LayerService, RefusesACallTheStandInsNeverSend) {
  std::mt19937_64 rng(6);
  for (const Kind kind : {Kind::kMlp, Kind::kOtherLayer, static_cast<Kind>(200)}) {
    EXPECT_FALSE(answer(kind, Pass::kForward, {}, normal(rng, 2, 2)).done);
  }
  EXPECT_FALSE(answer(Kind::kReLU, static_cast<Pass>(7), {}, normal(rng, 2, 2)).done);
  protocol::Writer truncated;
  truncated.u8(static_cast<std::uint8_t>(Kind::kReLU));
  protocol::Reader in(truncated.bytes());
  protocol::Reader out(answer_layer_call(in).bytes());
  EXPECT_EQ(static_cast<protocol::LayerAnswer>(out.u8()), protocol::LayerAnswer::kRefused);
}

}  // namespace
}  // namespace harness

}  // namespace nn_grade
