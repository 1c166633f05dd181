#include "harness/diagnosis.h"

#include <algorithm>
#include <cmath>
#include <optional>

#include <fmt/format.h>

#include "harness/shapes.h"
#include "protocol/mistakes.h"

namespace nn_grade::harness {

namespace {

constexpr double kSameRelative = 1e-5;

// Causes need this many probes on which they differ from the right answer.
constexpr int kProbesForACause = 2;

bool near(double a, double b) { return std::abs(a - b) <= 1e-6 * std::max(1.0, std::abs(b)); }

// A cause and what it means, before it becomes a Diagnosis.
struct Found {
  const char* code;
  std::string sentence;
};

// A cause proven: `under(probe)` is what the student's code would give under it; it reproduces
// theirs on every probe and differs from the right answer on kProbesForACause of them.
template <typename Under>
bool proven(const std::vector<Probe>& probes, Under under) {
  int telling = 0;
  for (const Probe& p : probes) {
    const std::optional<Eigen::MatrixXd> value = under(p);
    if (!value || !reproduces(p.yours, *value)) return false;
    if (!reproduces(p.right, *value)) ++telling;
  }
  return telling >= kProbesForACause;
}

// " on all 3 inputs tried" when there are several probes: how far a finding holds.
std::string where(const std::vector<Probe>& probes) {
  return probes.size() > 1 ? fmt::format(" on all {} inputs tried", probes.size()) : "";
}

std::optional<Diagnosis> not_finite(const std::string& q, const Eigen::MatrixXd& yours) {
  for (Eigen::Index i = 0; i < yours.size(); ++i) {
    if (std::isfinite(yours.data()[i])) continue;
    const std::string at =
        yours.size() == 1 ? "" : fmt::format(" at [{}, {}]", i % yours.rows(), i / yours.rows());
    return Diagnosis::observed(
        protocol::mistakes::kNotFinite,
        fmt::format("{} holds {}{}. Infinity and NaN come from an overflow (exp of a large "
                    "number), a division by 0 or a log of 0 in the steps before it.",
                    q, yours.data()[i], at));
  }
  return std::nullopt;
}

// The one cause that reads as "zero for a batch, right for one sample": a mean taken as
// (1 / batch) * sum with integer operands.
bool integer_division(const std::vector<Probe>& probes) {
  bool right_for_one = false;
  for (const Probe& p : probes) right_for_one |= p.batch == 1 && !p.right.isZero(0);
  return right_for_one && proven(probes, [](const Probe& p) -> std::optional<Eigen::MatrixXd> {
           return p.batch == 1 ? p.right : Eigen::MatrixXd::Zero(p.right.rows(), p.right.cols());
         });
}

std::optional<Found> factor_of(const std::string& q, const std::vector<Probe>& probes) {
  // A factor is named only when it is one thing on every probe: -1, the batch size, 1 / the
  // batch size, a named hyperparameter, 2 or 1/2.
  auto every = [&](auto factor) {
    return proven(probes, [&](const Probe& p) -> std::optional<Eigen::MatrixXd> {
      return factor(p) * p.right;
    });
  };
  const Probe& first = probes.front();
  if (every([](const Probe&) { return -1.0; })) {
    return Found{
        protocol::mistakes::kOppositeSign,
        fmt::format("{} is the right value with the opposite sign{}: every entry is negated (a "
                    "minus sign too many, or too few).",
                    q, where(probes))};
  }
  const auto n = [](const Probe& p) { return static_cast<double>(p.batch); };
  if (every([&](const Probe& p) { return 1.0 / n(p); })) {
    return Found{
        protocol::mistakes::kDividedByBatch,
        fmt::format("{} is exactly 1/{} of the right value: {} is your batch size, and with "
                    "other batch sizes the factor follows it: it is divided by the batch size once "
                    "more than the formula is.",
                    q, first.batch, first.batch)};
  }
  if (every(n)) {
    return Found{
        protocol::mistakes::kMultipliedByBatch,
        fmt::format("{} is exactly {} times the right value: {} is your batch size, and with "
                    "other batch sizes the factor follows it. The mean over the batch is never "
                    "taken (divide by it once).",
                    q, first.batch, first.batch)};
  }
  for (size_t i = 0; i < first.factors.size(); ++i) {
    for (const bool inverse : {false, true}) {
      // The factor's value on each probe: a probe may use another value of it.
      const auto value = [&](const Probe& p) {
        if (p.factors.size() != first.factors.size()) return std::nan("");
        return inverse ? 1.0 / p.factors[i].value : p.factors[i].value;
      };
      // A hyperparameter is the cause only where it took other values and the factor followed.
      const bool varied = std::any_of(probes.begin(), probes.end(), [&](const Probe& p) {
        return !near(value(p), value(first));
      });
      if (!varied || !every(value)) continue;
      const std::string& named = first.factors[i].name;
      const std::string name = (inverse ? "1/" : "") + named;
      return Found{
          protocol::mistakes::kConstantFactor,
          fmt::format("{} is exactly {} = {} times the right value{}, and the factor "
                      "followed {} when the checker changed it: look at where {} enters your "
                      "formula.",
                      q, name, describe_factor(value(first)), where(probes), named, named)};
    }
  }
  for (const double c : {2.0, 0.5}) {
    if (!every([&](const Probe&) { return c; })) continue;
    return Found{protocol::mistakes::kConstantFactor,
                 fmt::format("{} is exactly {} times the right value{}: a factor {} too many.", q,
                             describe_factor(c), where(probes), c > 1 ? "2" : "1/2")};
  }
  return std::nullopt;
}

// What is true of a wrong answer that no cause reproduces: the pattern of its wrong entries
// on the judged probe, the numbers on the others.
std::string facts(const std::string& q, const std::vector<Probe>& probes) {
  std::string out;
  const Probe& first = probes.front();
  if (first.yours.size() == 1 && first.right.size() == 1) {
    for (size_t k = 1; k < probes.size(); ++k) {
      const Probe& p = probes[k];
      if (p.yours.size() != 1 || p.right.size() != 1) continue;
      out += fmt::format(
          "{}{}: yours {:.4g}, expected {:.4g}", out.empty() ? "Other inputs: " : "; ",
          p.label.empty() ? fmt::format("input {}", k + 1) : p.label, p.yours(0, 0), p.right(0, 0));
    }
    return out.empty() ? "" : out + ".";
  }
  // Which rows are right: for a matrix (a column of gathered entries has no rows to speak of).
  if (same_shape(first.yours, first.right) && first.yours.rows() > 1 && first.yours.cols() > 1) {
    std::vector<Eigen::Index> right_rows;
    for (Eigen::Index r = 0; r < first.yours.rows(); ++r) {
      if (same_values(first.yours.row(r), first.right.row(r))) right_rows.push_back(r);
    }
    if (!right_rows.empty() && right_rows.size() <= 6) {
      std::string rows;
      for (Eigen::Index r : right_rows) rows += (rows.empty() ? "" : ", ") + std::to_string(r);
      out = fmt::format("Row{} {} of {} {} right; the others are not. ",
                        right_rows.size() > 1 ? "s" : "", rows, q,
                        right_rows.size() > 1 ? "are" : "is");
    } else if (!right_rows.empty()) {
      out = fmt::format("{} of the {} rows of {} are right; the others are not. ",
                        right_rows.size(), first.yours.rows(), q);
    }
  }
  return out + fmt::format(
                   "No usual mistake (a factor such as the batch size, the opposite sign, "
                   "zeros, a transpose) reproduces your numbers{}: compare your formula with the "
                   "derivation entry by entry, starting at the worst entry.",
                   where(probes));
}

}  // namespace

Diagnosis Diagnosis::observed(const char* code, std::string sentence) {
  return Diagnosis(code, std::move(sentence));
}

bool same_values(const Eigen::MatrixXd& a, const Eigen::MatrixXd& b) {
  if (a.rows() != b.rows() || a.cols() != b.cols()) return false;
  if (!a.allFinite() || !b.allFinite()) return false;
  return (a - b).norm() <= kSameRelative * std::max(a.norm(), b.norm());
}

bool reproduces(const Eigen::MatrixXd& yours, const Eigen::MatrixXd& candidate) {
  if (!same_shape(yours, candidate)) return false;
  const auto finite_in = [](const Eigen::MatrixXd& m) { return m.array().isFinite(); };
  if ((finite_in(yours) != finite_in(candidate)).any()) return false;
  const Eigen::MatrixXd a = finite_in(yours).select(yours, 0.0);
  const Eigen::MatrixXd b = finite_in(candidate).select(candidate, 0.0);
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

Diagnosis diagnose(const Evidence& evidence) {
  const std::string& q = evidence.quantity;
  const std::vector<Probe>& probes = evidence.probes;
  if (probes.empty()) return {};
  const Probe& first = probes.front();
  const bool listed_everywhere = [&] {
    for (const Probe& p : probes)
      if (p.known.size() != first.known.size()) return false;
    return true;
  }();
  for (size_t i = 0; i < first.known.size(); ++i) {
    const KnownWrong& wrong = first.known[i];
    const bool seen = wrong.observed ? reproduces(first.yours, wrong.value) &&
                                           !reproduces(first.right, wrong.value)
                                     : listed_everywhere && proven(probes, [&](const Probe& p) {
                                         return std::optional<Eigen::MatrixXd>(p.known[i].value);
                                       });
    if (seen) return Diagnosis(wrong.code, wrong.sentence);
  }
  if (auto d = not_finite(q, first.yours)) return *d;
  const bool zeros = first.yours.size() > 0 && first.yours.isZero(0) && !first.right.isZero(0);
  const bool fill_survived =
      std::any_of(probes.begin(), probes.end(), [](const Probe& p) { return p.fill_survived; });
  if (zeros && fill_survived) {
    return Diagnosis(protocol::mistakes::kNeverWritten,
                     fmt::format("{} still holds what the checker put there before the call: "
                                 "your code never writes it.",
                                 q));
  }
  if (integer_division(probes)) {
    return Diagnosis(
        protocol::mistakes::kIntegerDivision,
        fmt::format("{} is 0 for every batch of more than one and right for a batch of one: "
                    "1 / batch with whole numbers is 0 in C++ (1 / {} == 0). Divide by a double: "
                    "1.0 / batch, or static_cast<double>(batch).",
                    q, first.batch));
  }
  if (zeros) {
    bool everywhere = true;
    for (const Probe& p : probes) everywhere &= p.yours.size() > 0 && p.yours.isZero(0);
    return Diagnosis::observed(
        protocol::mistakes::kAllZero,
        fmt::format("{} is all zeros{}.", q, everywhere ? where(probes) : " on these inputs"));
  }
  const bool transposed = proven(
      probes, [](const Probe& p) -> std::optional<Eigen::MatrixXd> { return p.right.transpose(); });
  if (transposed) {
    return Diagnosis(protocol::mistakes::kTransposed,
                     fmt::format("{} is the transpose of the right value{}: check the order of "
                                 "the factors in the product (which side gets the .transpose()).",
                                 q, where(probes)));
  }
  if (auto found = factor_of(q, probes)) return Diagnosis(found->code, found->sentence);
  return Diagnosis(protocol::mistakes::kNoMatch, facts(q, probes));
}

}  // namespace nn_grade::harness
