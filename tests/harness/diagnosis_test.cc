#include "harness/diagnosis.h"

#include <cmath>
#include <limits>
#include <random>

#include <gtest/gtest.h>

#include "protocol/mistakes.h"

namespace nn_grade {

namespace harness {
namespace {

Eigen::MatrixXd random_matrix(int rows, int cols, unsigned seed) {
  std::mt19937 rng(seed);
  std::normal_distribution<double> normal;
  Eigen::MatrixXd m(rows, cols);
  for (Eigen::Index i = 0; i < m.size(); ++i) m.data()[i] = normal(rng);
  return m;
}

// Three probes as the checks make them: a batch of 6, a batch of one, another batch of 6;
// `yours(right, batch, k)` is what a submission answers on the k-th.
template <typename Yours>
Evidence evidence(const std::string& quantity, Yours yours,
                  std::vector<KnownWrong> (*known)(const Eigen::MatrixXd&) = nullptr) {
  Evidence e{quantity, {}};
  const int batches[] = {6, 1, 6};
  for (int k = 0; k < 3; ++k) {
    const Eigen::MatrixXd right = random_matrix(4, 3, 1 + k);
    Probe p{yours(right, batches[k], k), right, batches[k]};
    if (known) p.known = known(right);
    e.probes.push_back(p);
  }
  return e;
}

// The same evidence with only its first probe: what a check without further probes has.
Evidence first_only(Evidence e) {
  e.probes.resize(1);
  return e;
}

TEST(Diagnose, DividedByTheBatchOnEveryProbeSaysSoWithTheNumber) {
  const Evidence e = evidence("grad_W", [](auto& r, int n, int) { return r / n; });
  const Diagnosis d = diagnose(e);
  EXPECT_EQ(d.code(), protocol::mistakes::kDividedByBatch);
  EXPECT_NE(d.sentence().find("grad_W is exactly 1/6 of the right value"), std::string::npos);
  EXPECT_NE(d.sentence().find("6 is your batch size"), std::string::npos);
}

TEST(Diagnose, MultipliedByTheBatch) {
  EXPECT_EQ(diagnose(evidence("grad_W", [](auto& r, int n, int) { return r * n; })).code(),
            protocol::mistakes::kMultipliedByBatch);
}

TEST(Diagnose, AFactorThatDoesNotFollowTheBatchIsNotCalledTheBatch) {
  // 1/6 on every probe, the batch of one too: a constant, not the batch size, and not one
  // that names anything.
  const Diagnosis d = diagnose(evidence("grad_W", [](auto& r, int, int) { return r / 6; }));
  EXPECT_FALSE(d.matched()) << d.code();
  EXPECT_EQ(d.sentence().find("is your batch size"), std::string::npos) << d.sentence();
}

TEST(Diagnose, TwoOnEveryProbeIsNamed) {
  const Diagnosis d = diagnose(evidence("grad_W", [](auto& r, int, int) { return r / 2; }));
  EXPECT_EQ(d.code(), protocol::mistakes::kConstantFactor);
  EXPECT_NE(d.sentence().find("1/2"), std::string::npos);
}

TEST(Diagnose, AScalarWrongByAnArbitraryAmountIsNoConstantFactor) {
  Evidence e{"the loss", {}};
  const double right[] = {2.3, 1.1, 2.0}, yours[] = {2.9, 1.4, 2.7};
  const int batches[] = {6, 1, 6};
  for (int k = 0; k < 3; ++k) {
    e.probes.push_back({Eigen::MatrixXd::Constant(1, 1, yours[k]),
                        Eigen::MatrixXd::Constant(1, 1, right[k]), batches[k]});
  }
  const Diagnosis d = diagnose(e);
  EXPECT_FALSE(d.matched()) << d.code();
  EXPECT_EQ(d.sentence().find("times the right value"), std::string::npos) << d.sentence();
  EXPECT_EQ(d.sentence().find("constant factor"), std::string::npos) << d.sentence();
  EXPECT_NE(d.sentence().find("1.4"), std::string::npos) << "the other probes' numbers";
}

TEST(Diagnose, ACauseSeenOnOneProbeIsNotNamed) {
  for (auto yours : {+[](const Eigen::MatrixXd&r, int, int) -> Eigen::MatrixXd { return -r; },
                     +[](const Eigen::MatrixXd&r, int n, int) -> Eigen::MatrixXd { return r / n; },
                     +[](const Eigen::MatrixXd&r, int, int) -> Eigen::MatrixXd { return r / 2; }}) {
    const Diagnosis d = diagnose(first_only(evidence("grad_W", yours)));
    EXPECT_FALSE(d.matched()) << d.code();
  }
}

TEST(Diagnose, ACauseThatOtherProbesContradictIsNotNamed) {
  // -1 times the right value on the first probe only.
  const Diagnosis d = diagnose(evidence("dL/dX", [](auto& r, int, int k) -> Eigen::MatrixXd {
    return k == 0 ? Eigen::MatrixXd(-r) : Eigen::MatrixXd(r * 0.3);
  }));
  EXPECT_FALSE(d.matched()) << d.code();
}

TEST(Diagnose, OppositeSign) {
  EXPECT_EQ(diagnose(evidence("dL/dX", [](auto& r, int, int) { return -r; })).code(),
            protocol::mistakes::kOppositeSign);
}

TEST(Diagnose, AllZeroIsAFactNeverACause) {
  const Diagnosis d = diagnose(evidence("grad_b", [](auto& r, int, int) -> Eigen::MatrixXd {
    return Eigen::MatrixXd::Zero(r.rows(), r.cols());
  }));
  EXPECT_EQ(d.code(), protocol::mistakes::kAllZero);
  EXPECT_NE(d.sentence().find("is all zeros"), std::string::npos);
  EXPECT_EQ(d.sentence().find("never written"), std::string::npos);
}

TEST(Diagnose, NeverWrittenOnlyWhenTheFillSurvived) {
  Evidence e = evidence("grad_b", [](auto& r, int, int) -> Eigen::MatrixXd {
    return Eigen::MatrixXd::Zero(r.rows(), r.cols());
  });
  e.probes[1].fill_survived = true;
  const Diagnosis d = diagnose(e);
  EXPECT_EQ(d.code(), protocol::mistakes::kNeverWritten);
  EXPECT_NE(d.sentence().find("never writes it"), std::string::npos);
}

TEST(Diagnose, IntegerDivisionIsZeroForABatchAndRightForOne) {
  const Diagnosis d = diagnose(evidence("the loss", [](auto& r, int n, int) -> Eigen::MatrixXd {
    return r * static_cast<double>(1 / n);
  }));
  EXPECT_EQ(d.code(), protocol::mistakes::kIntegerDivision);
  EXPECT_NE(d.sentence().find("1.0 / batch"), std::string::npos);
  EXPECT_EQ(d.sentence().find("never written"), std::string::npos);
}

TEST(Diagnose, Transposed) {
  Evidence e{"grad_W", {}};
  for (int k = 0; k < 3; ++k) {
    const Eigen::MatrixXd right = random_matrix(4, 3, 7 + k);
    e.probes.push_back({right.transpose(), right, k == 1 ? 1 : 6});
  }
  EXPECT_EQ(diagnose(e).code(), protocol::mistakes::kTransposed);
}

TEST(Diagnose, NotFiniteIsAFactWithTheEntry) {
  const Diagnosis d = diagnose(evidence("dL/dX", [](auto& r, int, int) {
    Eigen::MatrixXd yours = r;
    yours(2, 1) = std::numeric_limits<double>::infinity();
    return yours;
  }));
  EXPECT_EQ(d.code(), protocol::mistakes::kNotFinite);
  EXPECT_NE(d.sentence().find("[2, 1]"), std::string::npos);
}

std::vector<KnownWrong> first_row(const Eigen::MatrixXd& right) {
  return {{protocol::mistakes::kOneRow, "one row of G", right.topRows(1)}};
}

TEST(Diagnose, AKnownWrongAnswerReproducedOnEveryProbeIsNamed) {
  const Diagnosis d = diagnose(evidence(
      "grad_b", [](auto& r, int, int) { return r.topRows(1); }, first_row));
  EXPECT_EQ(d.code(), protocol::mistakes::kOneRow);
  EXPECT_EQ(d.sentence(), "one row of G");
  EXPECT_FALSE(diagnose(first_only(evidence(
                            "grad_b", [](auto& r, int, int) { return r.topRows(1); }, first_row)))
                   .matched());
}

TEST(Diagnose, AnObservedWrongAnswerNeedsOneProbe) {
  // Overwriting instead of accumulating: the value is the student's own one-call gradient.
  const Eigen::MatrixXd once = random_matrix(4, 3, 3);
  const Diagnosis d =
      diagnose({"grad_W",
                {{once,
                  2 * once,
                  6,
                  {{protocol::mistakes::kOverwritesGradient, "overwrites", once, true}}}}});
  EXPECT_EQ(d.code(), protocol::mistakes::kOverwritesGradient);
}

TEST(Diagnose, ANamedHyperparameterOnlyWhenTheFactorFollowsIt) {
  Evidence e{"the update", {}};
  const double rates[] = {0.1, 0.1, 0.05};
  for (int k = 0; k < 3; ++k) {
    const Eigen::MatrixXd right = rates[k] * random_matrix(4, 1, 20 + k);
    e.probes.push_back({right / rates[k], right, 1, {}, {{"lr", rates[k]}}});
  }
  const Diagnosis d = diagnose(e);
  EXPECT_EQ(d.code(), protocol::mistakes::kConstantFactor);
  EXPECT_NE(d.sentence().find("1/lr"), std::string::npos) << d.sentence();
  // 10 times on every probe, while lr changed: no hyperparameter, no name.
  for (int k = 0; k < 3; ++k) e.probes[k].yours = 10 * e.probes[k].right;
  EXPECT_FALSE(diagnose(e).matched());
}

TEST(Diagnose, ARandomWrongAnswerMatchesNothingAndSaysSoPlainly) {
  for (unsigned seed = 10; seed < 20; ++seed) {
    const Diagnosis d = diagnose(evidence(
        "grad_W", [seed](auto&, int, int k) { return random_matrix(4, 3, seed * 7 + k); },
        first_row));
    EXPECT_FALSE(d.matched()) << d.code();
    EXPECT_NE(d.sentence().find("No usual mistake"), std::string::npos);
  }
}

TEST(Diagnose, ARightButImpreciseAnswerIsNotCalledAFactor) {
  EXPECT_FALSE(
      diagnose(evidence("grad_W", [](auto& r, int, int) { return r * (1 + 1e-9); })).matched());
}

TEST(DescribeFactor, ReadsLikeAFraction) {
  EXPECT_EQ(describe_factor(0.25), "1/4");
  EXPECT_EQ(describe_factor(-1.0 / 3), "-1/3");
  EXPECT_EQ(describe_factor(3.0), "3");
  EXPECT_EQ(describe_factor(0.37), "0.37");
}

TEST(Reproduces, CountsNaNAndInfinityAtTheSameEntriesAsTheSame) {
  Eigen::MatrixXd a = random_matrix(2, 3, 5), b = a;
  a(1, 2) = std::numeric_limits<double>::infinity();
  b(1, 2) = std::nan("");
  EXPECT_TRUE(reproduces(a, b));
  b(1, 2) = 1.0;
  EXPECT_FALSE(reproduces(a, b));
}

TEST(SameValues, ComparesShapesAndValues) {
  const Eigen::MatrixXd a = random_matrix(2, 3, 5);
  EXPECT_TRUE(same_values(a, a * (1 + 1e-12)));
  EXPECT_FALSE(same_values(a, a.transpose()));
  EXPECT_FALSE(same_values(a, a * 1.01));
}

}  // namespace
}  // namespace harness

}  // namespace nn_grade
