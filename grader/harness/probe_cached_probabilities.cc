#include "harness/probe_cached_probabilities.h"

#include <cmath>

#include <fmt/format.h>

#include "harness/diagnosis.h"
#include "harness/formulas.h"
#include "harness/probe_effective_value.h"
#include "harness/student_server.h"
#include "harness/verdict.h"

namespace nn_grade::harness {

namespace {

// How p relates to softmax(logits) on one draw.
enum class Relation {
  kUnclear,          // no p to read (shapes, not finite)
  kRight,            // right after one forward and after two
  kColumnsSumToOne,  // normalised over the batch
  kRowsNotOne,       // rows do not sum to 1, columns neither
  kScaled,           // softmax(s * logits), s != 1
  kNotSoftmax,       // rows sum to 1, but no softmax of a multiple of the logits
  kAdded,            // right once; after two forwards, both forwards' values added
  kStale,            // right once; after two forwards, the first forward's value
  kSecondWrong,      // right once; after two forwards, something else
};

struct Reading {
  Relation relation = Relation::kUnclear;
  double scale = 1;               // kScaled
  Eigen::Index row = 0, col = 0;  // the entry the sentence names
  double value = 0;               // a row's sum (kRowsNotOne, kColumnsSumToOne), or p there
};

bool sums_to_one(const Eigen::VectorXd& sums) { return ((sums.array() - 1).abs() <= 1e-6).all(); }

// The entry of `v` farthest from 1.
Eigen::Index farthest_from_one(const Eigen::VectorXd& v) {
  Eigen::Index i = 0;
  (v.array() - 1).abs().maxCoeff(&i);
  return i;
}

Reading read(const CacheDraw& d) {
  Reading out;
  const Eigen::MatrixXd p = implied_probabilities(d.once, d.labels);
  if (p.size() == 0 || !p.allFinite() || p.rows() != d.logits.rows() || p.cols() != d.logits.cols())
    return out;
  const Eigen::VectorXd rows = p.rowwise().sum();
  if (!sums_to_one(rows)) {
    out.row = farthest_from_one(rows);
    out.value = rows(out.row);
    out.relation = p.rows() > 1 && sums_to_one(p.colwise().sum().transpose())
                       ? Relation::kColumnsSumToOne
                       : Relation::kRowsNotOne;
    return out;
  }
  const auto softmax_of = [&](double s) -> Eigen::MatrixXd {
    return formulas::softmax(s * d.logits);
  };
  if (!same_values(p, softmax_of(1))) {
    if (const auto s = effective_value(p, softmax_of, -4, 4)) {
      out.relation = Relation::kScaled;
      out.scale = *s;
      return out;
    }
    out.relation = Relation::kNotSoftmax;
    const Eigen::MatrixXd outside = (p.array() - p.array().min(1.0).max(0.0)).abs().matrix();
    out.value = outside.maxCoeff(&out.row, &out.col) > 0 ? p(out.row, out.col) : 0;
    return out;
  }
  if (same_values(d.twice, d.once)) {
    out.relation = Relation::kRight;
  } else if (same_values(d.twice, d.after_first)) {
    out.relation = Relation::kStale;
  } else if (same_values(d.twice, d.after_first + d.once)) {
    out.relation = Relation::kAdded;
  } else {
    out.relation = Relation::kSecondWrong;
  }
  return out;
}

bool agree(const Reading& a, const Reading& b) {
  if (a.relation != b.relation) return false;
  return a.relation != Relation::kScaled ||
         std::abs(a.scale - b.scale) <= 1e-6 * std::max(1.0, std::abs(a.scale));
}

// A scale that is the logarithm of a base: exp of another base.
std::string base_of(double scale) {
  for (const int base : {2, 10}) {
    if (std::abs(scale - std::log(base)) <= 1e-6) {
      return fmt::format(" ({:.4g} is ln {}: {}^z in place of e^z)", scale, base, base);
    }
  }
  return "";
}

std::string what_it_shows(const Reading& r) {
  switch (r.relation) {
    case Relation::kColumnsSumToOne:
      return fmt::format(
          "right after forward, each column of p sums to 1, and the rows do not (row {} sums to "
          "{}): softmax is normalised over the batch, down each column, not over each row's "
          "classes",
          r.row, number(r.value));
    case Relation::kRowsNotOne:
      return fmt::format(
          "right after forward, the rows of p do not sum to 1 (row {} sums to {}), so p is no "
          "softmax: compare how your probabilities are normalised",
          r.row, number(r.value));
    case Relation::kScaled:
      return fmt::format(
          "right after forward, p is softmax({:.4g} x logits), not softmax(logits){}: where "
          "softmax has the logits, yours behaves as with {:.4g} times them",
          r.scale, base_of(r.scale), r.scale);
    case Relation::kNotSoftmax:
      return r.value == 0
                 ? "right after forward, each row of p sums to 1, but p is not the softmax of the "
                   "logits, nor of any multiple of them"
                 : fmt::format(
                       "right after forward, each row of p sums to 1, but p[{}, {}] is {}, no "
                       "probability: p is not the softmax of the logits",
                       r.row, r.col, number(r.value));
    case Relation::kAdded:
      return "right after one forward, it is right; after a second forward, it is the sum of "
             "both forwards' values: forward adds to cached_grad (+=) instead of overwriting it";
    case Relation::kStale:
      return "right after one forward, it is right; after a second forward, it still holds the "
             "first forward's value: every forward must overwrite it";
    case Relation::kSecondWrong:
      return "right after one forward, it is right; after a second forward on other logits, it "
             "is neither those logits' value nor the sum of both forwards'";
    case Relation::kUnclear:
    case Relation::kRight:
      break;
  }
  return "";
}

}  // namespace

Eigen::MatrixXd implied_probabilities(const Eigen::MatrixXd& cached,
                                      const std::vector<int>& labels) {
  if (cached.rows() != static_cast<Eigen::Index>(labels.size()) || cached.cols() == 0) return {};
  for (const int label : labels) {
    if (label < 0 || label >= cached.cols()) return {};
  }
  return static_cast<double>(cached.rows()) * cached + formulas::onehot(labels, cached.cols());
}

std::optional<std::string> cached_probabilities(const std::function<CacheDraw(int draw)>& draw) {
  Reading first;
  try {
    first = read(draw(0));
    if (first.relation == Relation::kUnclear || first.relation == Relation::kRight)
      return std::nullopt;
    if (!agree(first, read(draw(1)))) return std::nullopt;
  } catch (const StudentThrew&) {
    return std::nullopt;
  }
  return fmt::format(
      "Read as probabilities, your cached_grad is p = batch x cached_grad + onehot(labels), which "
      "a right cache makes softmax(logits). On two draws of logits, {}.",
      what_it_shows(first));
}

}  // namespace nn_grade::harness
