// What the checks of Linear, ReLU and Sigmoid share: the cache checks (checks.md, "Cached-value
// checks") and the finite-difference check of dL/dX.
#pragma once

#include <functional>
#include <optional>
#include <string>

#include "harness/check_context.h"
#include "harness/student_calls.h"
#include "harness/verdict.h"

namespace nn_grade::harness {

// What a cache check pays only for: a forward that computes something. Fails (the whole check:
// a cache of a forward that does no work is worth nothing) when forward(X2) returns nothing,
// returns X2 itself, or returns Y1, what forward(X1) returned for a different X1, (zeros, a
// constant, anything that ignores its input); `function` names it, e.g. "ReLU::forward". A forward
// wrong in one detail (a missing bias, a wrong formula) does work and passes this.
std::optional<Part> forward_does_no_work(const std::string& function, const Eigen::MatrixXd& Y1,
                                         const Eigen::MatrixXd& X2, const Eigen::MatrixXd& Y2);

// The wrong values of a cache after forward(X1), forward(X2): `stale` (the X1 quantity: what the
// first forward left, observed), then `other_known` (causes, which need probes).
std::vector<KnownWrong> wrong_caches(const std::string& name, const Eigen::MatrixXd& stale,
                                     const std::vector<KnownWrong>& other_known = {});

// `cached` (named e.g. "cached_input") after forward(X1), forward(X2) must equal `right` (the
// X2 quantity); equal to `stale` (the X1 quantity) is diagnosed as a stale cache. `again` makes
// further probes, each with wrong_caches(name, ...) for its inputs.
Part cache_value_part(const std::string& name, const Eigen::MatrixXd& cached,
                      const Eigen::MatrixXd& right, const Eigen::MatrixXd& stale,
                      const std::vector<KnownWrong>& other_known = {}, const Reprobe& again = {});

// backward(G) after forward(X1), forward(X2) on `used` must equal backward(G) after forward(X2)
// alone on `fresh`, an untouched copy: judged against the student's own backward, so a wrong
// backward alone does not fail it. For Linear, grad_W and grad_b are compared too.
Part stale_backward_part(const Layer& used, const Layer& fresh, const Eigen::MatrixXd& X1,
                         const Eigen::MatrixXd& X2, const Eigen::MatrixXd& G);

// dL/dX of a layer without parameters, whose formula is `formula`, at X with upstream G;
// `again` makes further probes (diagnosis.h).
Part input_gradient_part(const Layer& layer,
                         const std::function<Eigen::MatrixXd(const Eigen::MatrixXd&)>& formula,
                         const Eigen::MatrixXd& X, const Eigen::MatrixXd& G,
                         const Eigen::MatrixXd& exact, const Tolerance& tol,
                         const std::vector<KnownWrong>& known, const Reprobe& again = {});

// How dL/dX of a layer without parameters follows its upstream gradient
// (probe_upstream_scaling.h): backward(scale * G) after forward(X) on a new layer from `make`,
// with the check's (X, G) on draw 0 and `other()` on draw 1. For a check that failed.
std::optional<std::string> input_gradient_scaling(
    const std::function<Layer()>& make, const Eigen::MatrixXd& X, const Eigen::MatrixXd& G,
    const std::function<std::pair<Eigen::MatrixXd, Eigen::MatrixXd>()>& other);

// What an activation's failed forward(X) shows, from the check's X and `other()`, a second draw
// of its inputs: first whether a sample's row depends on the other samples
// (probe_batch_dependence.h), else, for a batch of more than one, where the output is wrong and
// what it is there (probe_elementwise.h, `f_name` naming `right`). nullopt when neither shows.
std::optional<std::string> activation_forward_relation(
    const std::function<Layer()>& make, const std::string& f_name, const Eigen::MatrixXd& X,
    const std::function<Eigen::MatrixXd()>& other,
    const std::function<Eigen::MatrixXd(const Eigen::MatrixXd&)>& right);

// "batch 6, features 5, random upstream gradient G, h = 1e-06": where the numbers came from.
std::string inputs_line(const std::string& description);

// The check's "activation" parameter: "relu" or "sigmoid". Throws GraderFault for another (the
// rubric's fault, never the student's).
Activation activation_param(const CheckContext& context);

}  // namespace nn_grade::harness
