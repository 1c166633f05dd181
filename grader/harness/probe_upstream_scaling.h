// A metamorphic probe (checks.md, "Probes"): how a wrong backward follows its upstream gradient.
// Every gradient a right backward(G) gives is linear in G: with G doubled it doubles, with -3 G
// it is -3 times. The probe calls backward with G, 2 G and -3 G on two draws of inputs and, when
// the student's answer breaks that relation the same way on both, says how, in plain words:
// it does not change with G, follows only G's sign, loses G's sign, grows as G squared, has a
// part that does not depend on G, or is not proportional to G. It names no cause beyond that.
#pragma once

#include <functional>
#include <optional>
#include <string>

#include <Eigen/Dense>

namespace nn_grade::harness {

// `answer(draw, scale)`: the student's `quantity` from backward(scale * G) after forward(X), on
// a layer of its own, for draw 0 (the inputs the check judged) and draw 1 (others). It may throw
// StudentThrew, which makes no finding.
using ScaledAnswer = std::function<Eigen::MatrixXd(int draw, double scale)>;

// The probe generator (CheckContext::probe_rng) a check draws draw 1's inputs from.
constexpr int kUpstreamDraw = 20;

// The sentence, or nullopt when the answer is linear in G on a draw, the two draws break the
// relation in different ways, an answer is empty, all zeros or not finite, or the student's code
// throws.
std::optional<std::string> upstream_scaling(const std::string& quantity,
                                            const ScaledAnswer& answer);

}  // namespace nn_grade::harness
