#include "harness/probe_upstream_scaling.h"

#include <fmt/format.h>

#include "harness/diagnosis.h"
#include "harness/student_server.h"
#include "harness/verdict.h"

namespace nn_grade::harness {

namespace {

// How answers to G, 2 G and -3 G relate, on one draw.
enum class Relation {
  kUnclear,    // empty, all zeros, not finite, shapes that differ: nothing to read
  kLinear,     // 2 and -3 times: right, whatever else is wrong
  kIgnoresG,   // the same three times
  kSignOnly,   // the same with 2 G, negated with -3 G
  kSizeOnly,   // 2 and 3 times: |G|
  kSquared,    // 4 and 9 times
  kAffine,     // a part proportional to G plus a part that does not depend on G
  kNotLinear,  // none of these
};

struct Answers {
  Eigen::MatrixXd once, doubled, times_minus_3;
};

Relation relation(const Answers& a) {
  const Eigen::MatrixXd& y = a.once;
  for (const Eigen::MatrixXd* m : {&a.once, &a.doubled, &a.times_minus_3}) {
    if (m->size() == 0 || !m->allFinite() || m->rows() != y.rows() || m->cols() != y.cols())
      return Relation::kUnclear;
  }
  if (y.isZero(0) && a.doubled.isZero(0) && a.times_minus_3.isZero(0)) return Relation::kUnclear;
  const auto is = [&](double two, double minus_3) {
    return same_values(a.doubled, two * y) && same_values(a.times_minus_3, minus_3 * y);
  };
  if (is(2, -3)) return Relation::kLinear;
  if (is(1, 1)) return Relation::kIgnoresG;
  if (is(1, -1)) return Relation::kSignOnly;
  if (is(2, 3)) return Relation::kSizeOnly;
  if (is(4, 9)) return Relation::kSquared;
  // y = L + C with L linear in G: 2 G gives 2 L + C, -3 G gives -3 L + C.
  const Eigen::MatrixXd linear_part = a.doubled - y;
  if (!linear_part.isZero(0) && same_values(a.times_minus_3 - y, -4 * linear_part))
    return Relation::kAffine;
  return Relation::kNotLinear;
}

// The entry where `m` is largest in size.
std::pair<Eigen::Index, Eigen::Index> largest(const Eigen::MatrixXd& m) {
  Eigen::Index r = 0, c = 0;
  m.cwiseAbs().maxCoeff(&r, &c);
  return {r, c};
}

std::string what_it_did(const std::string& q, Relation relation, const Answers& a) {
  switch (relation) {
    case Relation::kIgnoresG:
      return "it did not change at all: your backward does not use G";
    case Relation::kSignOnly:
      return "it did not change with G doubled and changed sign with -3 G: it uses G only "
             "through its sign";
    case Relation::kSizeOnly:
      return "it doubled with G doubled, but was 3 times, not -3 times, with -3 G: it loses "
             "G's sign";
    case Relation::kSquared:
      return "it was 4 times with G doubled and 9 times with -3 G: G enters squared";
    case Relation::kAffine: {
      const Eigen::MatrixXd constant = 2 * a.once - a.doubled;
      const auto [r, c] = largest(constant);
      return fmt::format(
          "its change is proportional to G, but part of it does not depend on G at all "
          "(at {} that part is {}): something is added that is not multiplied by G",
          entry_name(q, constant, r, c), number(constant(r, c)));
    }
    case Relation::kNotLinear: {
      // The scaling that broke: G doubled, else -3 G.
      const bool doubles = same_values(a.doubled, 2 * a.once);
      const double factor = doubles ? -3 : 2;
      const Eigen::MatrixXd& scaled = doubles ? a.times_minus_3 : a.doubled;
      const auto [r, c] = largest(scaled - factor * a.once);
      return fmt::format(
          "with {} it is not {} what it was (at {}: {}, then {}, where {} is {}): it is not "
          "proportional to G",
          doubles ? "-3 G" : "G doubled", doubles ? "-3 times" : "twice",
          entry_name(q, a.once, r, c), number(a.once(r, c)), number(scaled(r, c)),
          doubles ? "-3 times" : "twice", number(factor * a.once(r, c)));
    }
    case Relation::kUnclear:
    case Relation::kLinear:
      break;
  }
  return "";
}

}  // namespace

std::optional<std::string> upstream_scaling(const std::string& quantity,
                                            const ScaledAnswer& answer) {
  Answers first;
  Relation seen = Relation::kUnclear;
  try {
    for (int draw = 0; draw < 2; ++draw) {
      const Answers a{answer(draw, 1), answer(draw, 2), answer(draw, -3)};
      const Relation r = relation(a);
      if (r == Relation::kUnclear || r == Relation::kLinear || (draw > 0 && r != seen))
        return std::nullopt;
      if (draw == 0) first = a, seen = r;
    }
  } catch (const StudentThrew&) {
    return std::nullopt;
  }
  return fmt::format(
      "A right {} is linear in the upstream gradient G: with G doubled it doubles, with -3 G it "
      "is -3 times. Yours, on two draws of X and G: {}.",
      quantity, what_it_did(quantity, seen, first));
}

}  // namespace nn_grade::harness
