#include "harness/probe_upstream_scaling.h"

#include <cmath>
#include <random>

#include <gtest/gtest.h>

#include "harness/student_server.h"

namespace nn_grade {

namespace harness {
namespace {

// A backward on draw `draw` whose answer is `f(G, W)` for an upstream gradient G (4 x 3) and a
// weight W (3 x 2) of that draw: the right one is G W.
using Backward = Eigen::MatrixXd (*)(const Eigen::MatrixXd& G, const Eigen::MatrixXd& W);

ScaledAnswer student(Backward f) {
  return [f](int draw, double scale) {
    std::mt19937 rng(static_cast<unsigned>(7 + draw));
    std::normal_distribution<double> normal;
    Eigen::MatrixXd G(4, 3), W(3, 2);
    for (Eigen::Index i = 0; i < G.size(); ++i) G.data()[i] = normal(rng);
    for (Eigen::Index i = 0; i < W.size(); ++i) W.data()[i] = normal(rng);
    return f(scale * G, W);
  };
}

std::string finding_of(Backward f) {
  const auto finding = upstream_scaling("dL/dX", student(f));
  return finding ? *finding : "(none)";
}

TEST(UpstreamScaling, ALinearAnswerShowsNothingEvenWhenWrong) {
  EXPECT_FALSE(upstream_scaling(
      "dL/dX", student([](const Eigen::MatrixXd& G, const Eigen::MatrixXd& W) -> Eigen::MatrixXd {
        return G * W;
      })));
  // Twice the right value, or another product, is still linear in G: not this probe's to say.
  EXPECT_FALSE(upstream_scaling(
      "dL/dX", student([](const Eigen::MatrixXd& G, const Eigen::MatrixXd& W) -> Eigen::MatrixXd {
        return 2 * G * W.cwiseAbs();
      })));
}

TEST(UpstreamScaling, AnAnswerThatIgnoresGIsSaidToNotUseIt) {
  const std::string finding =
      finding_of([](const Eigen::MatrixXd& G, const Eigen::MatrixXd& W) -> Eigen::MatrixXd {
        return Eigen::MatrixXd::Ones(G.rows(), 3) * W;
      });
  EXPECT_NE(finding.find("did not change at all: your backward does not use G"), std::string::npos)
      << finding;
}

TEST(UpstreamScaling, GSquaredIsReadOffTheFactors4And9) {
  const std::string finding =
      finding_of([](const Eigen::MatrixXd& G, const Eigen::MatrixXd& W) -> Eigen::MatrixXd {
        return G.cwiseProduct(G) * W;
      });
  EXPECT_NE(finding.find("4 times with G doubled and 9 times with -3 G: G enters squared"),
            std::string::npos)
      << finding;
}

TEST(UpstreamScaling, SignOnlyAndSizeOnlyAreTold) {
  EXPECT_NE(finding_of([](const Eigen::MatrixXd& G, const Eigen::MatrixXd& W) -> Eigen::MatrixXd {
              return G.array().sign().matrix() * W;
            }).find("uses G only through its sign"),
            std::string::npos);
  EXPECT_NE(finding_of([](const Eigen::MatrixXd& G, const Eigen::MatrixXd& W) -> Eigen::MatrixXd {
              return G.cwiseAbs() * W;
            }).find("loses G's sign"),
            std::string::npos);
}

TEST(UpstreamScaling, APartThatDoesNotDependOnGIsShownWithItsSize) {
  const std::string finding =
      finding_of([](const Eigen::MatrixXd& G, const Eigen::MatrixXd& W) -> Eigen::MatrixXd {
        Eigen::MatrixXd y = G * W;
        y(2, 1) += 0.5;
        return y;
      });
  EXPECT_NE(finding.find("part of it does not depend on G at all (at dL/dX[2, 1] that part is 0.5"),
            std::string::npos)
      << finding;
}

TEST(UpstreamScaling, AnythingElseNonLinearIsSaidAsAFactWithItsNumbers) {
  const std::string finding =
      finding_of([](const Eigen::MatrixXd& G, const Eigen::MatrixXd& W) -> Eigen::MatrixXd {
        return G.array().exp().matrix() * W;
      });
  EXPECT_NE(finding.find("with G doubled it is not twice what it was (at dL/dX["),
            std::string::npos)
      << finding;
  EXPECT_NE(finding.find("not proportional to G"), std::string::npos) << finding;
}

TEST(UpstreamScaling, AnAnswerRightForGDoubledIsShownWhereMinus3GBreaksIt) {
  const std::string finding =
      finding_of([](const Eigen::MatrixXd& G, const Eigen::MatrixXd& W) -> Eigen::MatrixXd {
        return G.cwiseMax(0.0) * W;
      });
  EXPECT_NE(finding.find("with -3 G it is not -3 times what it was (at dL/dX["), std::string::npos)
      << finding;
}

TEST(UpstreamScaling, TwoDrawsThatDisagreeGiveNoFinding) {
  EXPECT_FALSE(upstream_scaling("dL/dX", [](int draw, double scale) -> Eigen::MatrixXd {
    Eigen::MatrixXd G = Eigen::MatrixXd::Constant(2, 2, scale);
    return draw == 0 ? Eigen::MatrixXd(G.cwiseProduct(G)) : Eigen::MatrixXd::Ones(2, 2);
  }));
}

TEST(UpstreamScaling, CodeThatThrowsOrGivesZerosIsNoFinding) {
  EXPECT_FALSE(upstream_scaling("dL/dX", [](int, double scale) -> Eigen::MatrixXd {
    if (scale < 0) throw StudentThrew("Linear::backward threw");
    return Eigen::MatrixXd::Ones(2, 2);
  }));
  EXPECT_FALSE(upstream_scaling(
      "dL/dX", [](int, double) -> Eigen::MatrixXd { return Eigen::MatrixXd::Zero(2, 2); }));
}

}  // namespace
}  // namespace harness

}  // namespace nn_grade
