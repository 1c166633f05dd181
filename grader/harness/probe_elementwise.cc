#include "harness/probe_elementwise.h"

#include <cmath>
#include <vector>

#include <fmt/format.h>

#include "harness/shapes.h"
#include "harness/student_server.h"

namespace nn_grade::harness {

namespace {

bool agrees(double a, double b) { return std::abs(a - b) <= 1e-9 * (1 + std::abs(b)); }

// Which inputs the wrong entries have.
enum class Region { kNegative, kPositive, kEverywhere, kSome };

// What yours is on the wrong entries, as a phrase of x and f; "" when nothing simple holds.
struct Reading {
  Region region = Region::kSome;
  std::string phrase;
};

std::string multiple_of_x(double c) {
  if (agrees(c, 1.0)) return "x itself";
  if (agrees(c, -1.0)) return "-x";
  return fmt::format("{:.4g} x", c);
}

std::optional<Reading> read(const std::string& f_name, const Eigen::MatrixXd& X,
                            const Eigen::MatrixXd& Y, const Eigen::MatrixXd& R,
                            const Eigen::MatrixXd& R_of_minus_x) {
  if (!same_shape(Y, X) || !Y.allFinite()) return std::nullopt;
  std::vector<Eigen::Index> wrong;
  bool right_below = false, right_above = false, wrong_below = false, wrong_above = false;
  for (Eigen::Index i = 0; i < X.size(); ++i) {
    const bool ok = agrees(Y.data()[i], R.data()[i]);
    const bool below = X.data()[i] < 0;
    if (!ok) wrong.push_back(i);
    if (below) {
      (ok ? right_below : wrong_below) = true;
    } else {
      (ok ? right_above : wrong_above) = true;
    }
  }
  if (wrong.empty()) return std::nullopt;
  Reading reading;
  if (!right_below && !right_above) {
    reading.region = Region::kEverywhere;
  } else if (wrong_below && !right_below && !wrong_above) {
    reading.region = Region::kNegative;
  } else if (wrong_above && !right_above && !wrong_below) {
    reading.region = Region::kPositive;
  }
  const auto all = [&](auto holds) {
    for (Eigen::Index i : wrong) {
      if (!holds(i)) return false;
    }
    return true;
  };
  const Eigen::Index first = wrong.front();
  const double x0 = X.data()[first], y0 = Y.data()[first];
  if (x0 != 0 && all([&](Eigen::Index i) { return agrees(Y.data()[i], y0 / x0 * X.data()[i]); })) {
    reading.phrase = multiple_of_x(y0 / x0);
  } else if (all([&](Eigen::Index i) { return agrees(Y.data()[i], std::abs(X.data()[i])); })) {
    reading.phrase = "|x|";
  } else if (wrong.size() > 1 && all([&](Eigen::Index i) { return agrees(Y.data()[i], y0); })) {
    reading.phrase = fmt::format("the constant {:.4g}", y0);
  } else if (all([&](Eigen::Index i) { return agrees(Y.data()[i], 1 - R.data()[i]); })) {
    reading.phrase = "1 - " + f_name;
  } else if (all([&](Eigen::Index i) { return agrees(Y.data()[i], R_of_minus_x.data()[i]); })) {
    reading.phrase = f_name + " of -x";
  }
  return reading;
}

// "0.01 x" twice with the same constant: the phrases are the relation's words, numbers included.
bool same(const Reading& a, const Reading& b) {
  return a.region == b.region && a.phrase == b.phrase;
}

}  // namespace

std::optional<std::string> elementwise_relation(const std::string& quantity,
                                                const std::string& f_name,
                                                const Eigen::MatrixXd& X1,
                                                const Eigen::MatrixXd& X2, const Elementwise& yours,
                                                const Elementwise& right) {
  std::optional<Reading> readings[2];
  try {
    const Eigen::MatrixXd* draws[2] = {&X1, &X2};
    for (int k = 0; k < 2; ++k) {
      const Eigen::MatrixXd& X = *draws[k];
      readings[k] = read(f_name, X, yours(X), right(X), right(-X));
      if (!readings[k]) return std::nullopt;
    }
  } catch (const StudentThrew&) {
    return std::nullopt;  // the student's code cannot take the second draw: no finding here
  }
  const Reading& r = *readings[0];
  if (!same(r, *readings[1])) return std::nullopt;
  const std::string there = r.phrase.empty() ? "" : ", where yours is " + r.phrase;
  switch (r.region) {
    case Region::kNegative:
      return fmt::format(
          "On two draws of X, {} is right at every x >= 0 and wrong at every x < 0{}.", quantity,
          there);
    case Region::kPositive:
      return fmt::format(
          "On two draws of X, {} is right at every x < 0 and wrong at every x > 0{}.", quantity,
          there);
    case Region::kEverywhere:
      if (r.phrase.empty()) return std::nullopt;
      return fmt::format(
          "On two draws of X, {} is wrong at every entry: yours is {} where the "
          "right value is {}.",
          quantity, r.phrase, f_name);
    case Region::kSome:
      if (r.phrase.empty()) return std::nullopt;
      return fmt::format("On two draws of X, where {} is wrong yours is {}.", quantity, r.phrase);
  }
  return std::nullopt;
}

}  // namespace nn_grade::harness
