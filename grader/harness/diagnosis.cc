#include "harness/diagnosis.h"

#include <cmath>
#include <optional>

#include <fmt/format.h>

#include "protocol/mistakes.h"

namespace harness {

namespace {

constexpr double kSameRelative = 1e-5;

bool near(double a, double b) { return std::abs(a - b) <= 1e-6 * std::max(1.0, std::abs(b)); }

std::optional<Diagnosis> not_finite(const std::string& q, const Eigen::MatrixXd& yours) {
  for (Eigen::Index i = 0; i < yours.size(); ++i) {
    if (std::isfinite(yours.data()[i])) continue;
    return Diagnosis{mistakes::kNotFinite,
                     fmt::format("{} holds {} at [{}, {}]: a formula overflows or divides by "
                                 "zero (exp of a large number, or log of 0?).",
                                 q, yours.data()[i], i % yours.rows(), i / yours.rows())};
  }
  return std::nullopt;
}

std::optional<Diagnosis> all_zero(const std::string& q, const Eigen::MatrixXd& yours,
                                  const Eigen::MatrixXd& right) {
  if (yours.size() == 0 || !yours.isZero(0) || right.isZero(0)) return std::nullopt;
  return Diagnosis{
      mistakes::kAllZero,
      fmt::format("{} is all zeros: it is never written, or overwritten with zeros.", q)};
}

std::optional<Diagnosis> transposed(const std::string& q, const Eigen::MatrixXd& yours,
                                    const Eigen::MatrixXd& right) {
  if (right.rows() == right.cols() && same_values(yours, right)) return std::nullopt;
  if (!same_values(yours, right.transpose())) return std::nullopt;
  return Diagnosis{mistakes::kTransposed,
                   fmt::format("{} is the transpose of the right value: check the order of the "
                               "factors in the product (which side gets the .transpose()).",
                               q)};
}

std::optional<Diagnosis> factor_of(const std::string& q, const Eigen::MatrixXd& yours,
                                   const Eigen::MatrixXd& right, Eigen::Index batch) {
  if (yours.rows() != right.rows() || yours.cols() != right.cols()) return std::nullopt;
  const double rr = right.squaredNorm();
  if (rr == 0) return std::nullopt;
  const double c = yours.cwiseProduct(right).sum() / rr;
  if ((yours - c * right).norm() > kSameRelative * std::max(yours.norm(), right.norm())) {
    return std::nullopt;
  }
  const double n = static_cast<double>(batch);
  if (near(c, 1.0)) return std::nullopt;
  if (near(c, -1.0)) {
    return Diagnosis{mistakes::kOppositeSign,
                     fmt::format("{} has the opposite sign of the right value: every entry is "
                                 "negated (a minus sign too many, or too few).",
                                 q)};
  }
  if (batch > 1 && near(c * n, 1.0)) {
    return Diagnosis{mistakes::kDividedByBatch,
                     fmt::format("{} is exactly 1/{} of the right value: {} is your batch size; "
                                 "is the mean taken twice?",
                                 q, batch, batch)};
  }
  if (batch > 1 && near(c, n)) {
    return Diagnosis{mistakes::kMultipliedByBatch,
                     fmt::format("{} is exactly {} times the right value: {} is your batch size; "
                                 "the mean over the batch is never taken (divide by it once).",
                                 q, batch, batch)};
  }
  return Diagnosis{mistakes::kConstantFactor,
                   fmt::format("{} is exactly {} times the right value: a constant factor is "
                               "wrong somewhere (a 2, a 1/2, a division by the wrong size?).",
                               q, describe_factor(c))};
}

}  // namespace

bool same_values(const Eigen::MatrixXd& a, const Eigen::MatrixXd& b) {
  if (a.rows() != b.rows() || a.cols() != b.cols()) return false;
  if (!a.allFinite() || !b.allFinite()) return false;
  return (a - b).norm() <= kSameRelative * std::max(a.norm(), b.norm());
}

std::string describe_factor(double factor) {
  const double inverse = 1.0 / factor;
  if (std::abs(inverse) > 1.5 && near(inverse, std::round(inverse))) {
    return fmt::format("{}1/{}", inverse < 0 ? "-" : "", std::abs(std::lround(inverse)));
  }
  if (near(factor, std::round(factor))) return fmt::format("{}", std::lround(factor));
  return fmt::format("{:.4g}", factor);
}

Diagnosis diagnose(const std::string& quantity, const Eigen::MatrixXd& yours,
                   const Eigen::MatrixXd& right, Eigen::Index batch,
                   const std::vector<KnownWrong>& known) {
  if (auto d = not_finite(quantity, yours)) return *d;
  if (auto d = all_zero(quantity, yours, right)) return *d;
  for (const KnownWrong& wrong : known) {
    if (same_values(yours, wrong.value)) return {wrong.code, wrong.sentence};
  }
  if (auto d = transposed(quantity, yours, right)) return *d;
  if (auto d = factor_of(quantity, yours, right, batch)) return *d;
  return {mistakes::kNoMatch,
          fmt::format("{} matches none of the usual mistakes (a factor such as the batch size, "
                      "the opposite sign, all zeros, a transpose): compare your formula with "
                      "the derivation entry by entry, starting at the worst entry.",
                      quantity)};
}

}  // namespace harness
