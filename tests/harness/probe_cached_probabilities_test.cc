#include "harness/probe_cached_probabilities.h"

#include <cmath>
#include <random>

#include <gtest/gtest.h>

#include "harness/formulas.h"
#include "harness/student_server.h"

namespace nn_grade {

namespace harness {
namespace {

// A loss whose forward caches `cache(logits, labels)`, and on a second forward `again(earlier,
// now)` from the earlier cache and the one it would compute now.
using Cache = Eigen::MatrixXd (*)(const Eigen::MatrixXd& logits, const std::vector<int>& labels);
using Again = Eigen::MatrixXd (*)(const Eigen::MatrixXd& earlier, const Eigen::MatrixXd& now);

Eigen::MatrixXd right(const Eigen::MatrixXd& z, const std::vector<int>& y) {
  return harness::formulas::cross_entropy_grad(z, y);
}

Eigen::MatrixXd overwrite(const Eigen::MatrixXd&, const Eigen::MatrixXd& now) { return now; }

std::function<CacheDraw(int)> student(Cache cache, Again again = overwrite) {
  return [cache, again](int draw) {
    std::mt19937 rng(static_cast<unsigned>(3 + draw));
    std::normal_distribution<double> normal(0, 2);
    std::uniform_int_distribution<int> label(0, 3);
    CacheDraw d;
    for (Eigen::MatrixXd* z : {&d.logits, &d.first_logits}) {
      *z = Eigen::MatrixXd(5, 4);
      for (Eigen::Index i = 0; i < z->size(); ++i) z->data()[i] = normal(rng);
    }
    for (int i = 0; i < 5; ++i)
      d.labels.push_back(label(rng)), d.first_labels.push_back(label(rng));
    d.once = cache(d.logits, d.labels);
    d.after_first = cache(d.first_logits, d.first_labels);
    d.twice = again(d.after_first, cache(d.logits, d.labels));
    return d;
  };
}

std::string finding_of(const std::function<CacheDraw(int)>& s) {
  const auto finding = cached_probabilities(s);
  return finding ? *finding : "(none)";
}

TEST(CachedProbabilities, ARightCacheShowsNothing) {
  EXPECT_FALSE(cached_probabilities(student(right)));
}

TEST(CachedProbabilities, ImpliedProbabilitiesOfARightCacheAreTheSoftmax) {
  Eigen::MatrixXd z(2, 3);
  z << 1, 2, 3, -1, 0, 4;
  EXPECT_TRUE(
      implied_probabilities(right(z, {2, 0}), {2, 0}).isApprox(harness::formulas::softmax(z)));
  EXPECT_EQ(implied_probabilities(right(z, {2, 0}), {2, 5}).size(), 0);
}

TEST(CachedProbabilities, SoftmaxOverTheBatchIsReadFromColumnsThatSumToOne) {
  const std::string finding =
      finding_of(student([](const Eigen::MatrixXd& z, const std::vector<int>& y) {
        const Eigen::MatrixXd e = z.array().exp();
        const Eigen::MatrixXd p = e.array().rowwise() / e.colwise().sum().array();
        return Eigen::MatrixXd((p - harness::formulas::onehot(y, z.cols())) / z.rows());
      }));
  EXPECT_NE(finding.find("each column of p sums to 1, and the rows do not"), std::string::npos)
      << finding;
  EXPECT_NE(finding.find("normalised over the batch"), std::string::npos) << finding;
}

TEST(CachedProbabilities, ASoftmaxOfBase2IsReadAsAMultipleOfTheLogits) {
  const std::string finding =
      finding_of(student([](const Eigen::MatrixXd& z, const std::vector<int>& y) {
        return right(std::log(2.0) * z, y);
      }));
  EXPECT_NE(finding.find("p is softmax(0.6931 x logits), not softmax(logits) (0.6931 is ln 2: "
                         "2^z in place of e^z)"),
            std::string::npos)
      << finding;
}

TEST(CachedProbabilities, ACacheAddedToOnEachForwardIsSaidSo) {
  const std::string finding = finding_of(student(
      right, [](const Eigen::MatrixXd& earlier, const Eigen::MatrixXd& now) -> Eigen::MatrixXd {
        return earlier + now;
      }));
  EXPECT_NE(finding.find("the sum of both forwards' values"), std::string::npos) << finding;
}

TEST(CachedProbabilities, RowsThatDoNotSumToOneAreAFactWithTheSum) {
  const std::string finding = finding_of(student([](const Eigen::MatrixXd& z,
                                                    const std::vector<int>&) {
    return Eigen::MatrixXd(harness::formulas::softmax(z) / z.rows());  // onehot never subtracted
  }));
  EXPECT_NE(finding.find("the rows of p do not sum to 1 (row "), std::string::npos) << finding;
}

TEST(CachedProbabilities, CodeThatThrowsIsNoFinding) {
  EXPECT_FALSE(cached_probabilities([](int draw) -> CacheDraw {
    if (draw == 1) throw StudentThrew("CrossEntropyLoss::forward threw");
    CacheDraw d;
    d.logits = Eigen::MatrixXd::Ones(2, 2);
    d.labels = {0, 1};
    d.once = Eigen::MatrixXd::Ones(2, 2);
    return d;
  }));
}

}  // namespace
}  // namespace harness

}  // namespace nn_grade
