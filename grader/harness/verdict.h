// How a check turns what it found into a CheckReport: one Part per independently scored
// property; the fraction is the share of parts that passed.
#pragma once

#include <string>
#include <vector>

#include <Eigen/Dense>
#include <nlohmann/json.hpp>

#include "harness/diagnosis.h"
#include "harness/finite_difference.h"
#include "protocol/checker_protocol.h"

namespace nn_grade::harness {

struct Part {
  bool passed = false;
  std::string output;     // what was found, with the numbers
  std::string diagnosis;  // mistakes.h code, may be empty
  nlohmann::json figures = nlohmann::json::object();
};

Part pass(std::string output, nlohmann::json figures = nlohmann::json::object());
Part fail(std::string output, const Diagnosis& diagnosis = {},
          nlohmann::json figures = nlohmann::json::object());

// The report of a check with these parts: passed when all pass; fraction = passed / total;
// output lists the failed parts first; diagnosis and figures are the first failed part's.
protocol::CheckReport combine(const std::vector<Part>& parts);

// An analytic gradient against finite differences. `exact` is the true gradient (from the
// formula), used to name the mistake; `known` are wrong answers specific to the quantity. When
// it is wrong, `again` (if given) makes the further probes a named cause needs (diagnosis.h);
// without it, the part states facts only.
Part gradient_part(const std::string& quantity, const Eigen::MatrixXd& yours,
                   const Eigen::MatrixXd& numerical, const Eigen::MatrixXd& exact,
                   const Tolerance& tol, Eigen::Index batch,
                   const std::vector<KnownWrong>& known = {},
                   const std::vector<Eigen::Index>& only_entries = {},  // flat; {} = all
                   const Reprobe& again = {});

// A value against the formula's (forward passes, caches, optimizer states), to `tol`; `again`
// as for gradient_part.
Part value_part(const std::string& quantity, const Eigen::MatrixXd& yours,
                const Eigen::MatrixXd& right, Eigen::Index batch,
                const std::vector<KnownWrong>& known = {}, const Tolerance& tol = {0, 1e-9, 1e-7},
                const Reprobe& again = {});

// The same for a value whose first probe the check made (with its named factors, say).
Part value_part(const std::string& quantity, const Probe& probe, const Tolerance& tol,
                const Reprobe& again);

// probes[0] = `first`, then `again` for k = 1 and 2 (none without it). A probe whose call threw
// (StudentThrew) ends the list: fewer probes prove fewer causes.
std::vector<Probe> gather_probes(Probe first, const Reprobe& again);

// "[[1, 2], [3, 4]]" for matrices up to 4 x 4; "" for larger ones (never print a large one); a
// 1 x 1 one as its number, "2.5".
std::string small_matrix(const Eigen::MatrixXd& m);

// "1.234e-05"
std::string number(double x);

// A share as a percentage: "0.25%", "under 0.1%", "150%".
std::string percent(double share);

// "grad_W[2, 1]": one entry of `m`, named `quantity`; a 1 x 1 `m` is a scalar, named as one:
// "the loss", never "the loss[0, 0]".
std::string entry_name(const std::string& quantity, const Eigen::MatrixXd& m, Eigen::Index row,
                       Eigen::Index col);

}  // namespace nn_grade::harness
