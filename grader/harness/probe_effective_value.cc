#include "harness/probe_effective_value.h"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "harness/diagnosis.h"

namespace nn_grade::harness {

namespace {

constexpr int kScanPoints = 2000;

bool near(double a, double b) { return std::abs(a - b) <= 1e-6 * std::max(1.0, std::abs(b)); }

double distance(const Eigen::MatrixXd& yours, const RightFor& right, double v) {
  const Eigen::MatrixXd r = right(v);
  if (r.rows() != yours.rows() || r.cols() != yours.cols()) return INFINITY;
  return (r - yours).norm();
}

}  // namespace

std::optional<double> effective_value(const Eigen::MatrixXd& yours, const RightFor& right,
                                      double lo, double hi) {
  if (yours.size() == 0 || !yours.allFinite() || !(lo < hi)) return std::nullopt;
  // The nearest point of a scan, then golden-section search in the cells beside it.
  const double step = (hi - lo) / kScanPoints;
  double best = lo, best_distance = INFINITY;
  for (int i = 0; i <= kScanPoints; ++i) {
    const double v = lo + i * step;
    const double d = distance(yours, right, v);
    if (d < best_distance) best = v, best_distance = d;
  }
  double a = std::max(lo, best - step), b = std::min(hi, best + step);
  const double golden = (std::sqrt(5.0) - 1) / 2;
  for (int i = 0; i < 80; ++i) {
    const double c = b - golden * (b - a), d = a + golden * (b - a);
    if (distance(yours, right, c) < distance(yours, right, d)) {
      b = d;
    } else {
      a = c;
    }
  }
  const double v = (a + b) / 2;
  // Read as a student would write it when it is one: 0.1, not 0.09999999.
  const double rounded = std::round(v * 1e6) / 1e6;
  for (double candidate : {rounded, v}) {
    if (same_values(right(candidate), yours)) return candidate;
  }
  return std::nullopt;
}

std::optional<std::string> describe_effective(const std::string& name,
                                              const std::vector<Trial>& trials, double lo,
                                              double hi) {
  std::vector<double> effective;
  bool all_given = true, all_complement = true, all_zero = true;
  for (const Trial& t : trials) {
    const std::optional<double> v = effective_value(t.yours, t.right, lo, hi);
    if (!v) return std::nullopt;
    effective.push_back(*v);
    all_given &= near(*v, t.given);
    all_complement &= near(*v, 1 - t.given);
    all_zero &= near(*v, 0);
  }
  if (effective.empty() || all_given) return std::nullopt;
  std::string out;
  for (size_t i = 0; i < trials.size(); ++i) {
    out += i == 0 ? fmt::format(
                        "With {} {:.4g} yours moved as the right formula does with {} "
                        "{:.4g}",
                        name, trials[i].given, name, effective[i])
                  : fmt::format("; with {:.4g}, as with {:.4g}", trials[i].given, effective[i]);
  }
  const bool all_same = std::all_of(effective.begin(), effective.end(),
                                    [&](double v) { return near(v, effective.front()); });
  if (trials.size() > 1 && all_zero) {
    out += fmt::format(": yours does not use {} at all.", name);
  } else if (trials.size() > 1 && all_complement) {
    out += fmt::format(": where the formula has {}, yours behaves as with 1 - {}.", name, name);
  } else if (trials.size() > 1 && all_same) {
    out += fmt::format(
        ": whatever {} it is given, yours behaves as with {:.4g}; it does not use "
        "the {} it is given.",
        name, effective.front(), name);
  } else {
    out += ".";
  }
  return out;
}

}  // namespace nn_grade::harness
