#include "harness/probe_batch_scaling.h"

#include <cmath>

#include <fmt/format.h>

#include "harness/student_server.h"

namespace nn_grade::harness {

namespace {

constexpr int kSizes[] = {2, 4, 8};

// r with yours = r * right, entry for entry; nullopt when yours is no multiple of right.
std::optional<double> multiple(const Probe& p) {
  if (p.yours.rows() != p.right.rows() || p.yours.cols() != p.right.cols()) return std::nullopt;
  const double rr = p.right.squaredNorm();
  if (rr == 0 || !p.yours.allFinite()) return std::nullopt;
  const double r = p.yours.cwiseProduct(p.right).sum() / rr;
  if (!same_values(p.yours, r * p.right)) return std::nullopt;
  return r;
}

std::string how(int power) {
  switch (power) {
    case -2:
      return "divided by the batch size squared: by the batch size twice more than the "
             "derivation does";
    case -1:
      return "divided by the batch size once more than the derivation does";
    case 1:
      return "multiplied by the batch size: the derivation's division by it is missing";
    case 2:
      return "multiplied by the batch size squared";
  }
  return "";
}

}  // namespace

std::optional<std::string> batch_scaling(const std::string& quantity,
                                         const std::function<Probe(int batch)>& answer) {
  double ratios[3];
  try {
    for (int i = 0; i < 3; ++i) {
      const std::optional<double> r = multiple(answer(kSizes[i]));
      if (!r || *r <= 0) return std::nullopt;
      ratios[i] = *r;
    }
  } catch (const StudentThrew&) {
    return std::nullopt;
  }
  for (int power = -2; power <= 2; ++power) {
    if (power == 0) continue;
    bool fits = true;
    for (int i = 0; i < 3; ++i) {
      const double expected = std::pow(kSizes[i], power);
      fits &= std::abs(ratios[i] - expected) <= 1e-6 * expected;
    }
    if (!fits) continue;
    return fmt::format(
        "Over batches of 2, 4 and 8 samples, yours is {}, {} and {} times the right {}: it is {}.",
        describe_factor(ratios[0]), describe_factor(ratios[1]), describe_factor(ratios[2]),
        quantity, how(power));
  }
  return std::nullopt;
}

}  // namespace nn_grade::harness
