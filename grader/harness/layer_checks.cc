#include "harness/layer_checks.h"

#include <fmt/format.h>

#include "harness/formulas.h"
#include "harness/probe_batch_dependence.h"
#include "harness/probe_elementwise.h"
#include "harness/probe_upstream_scaling.h"
#include "harness/shapes.h"
#include "harness/student_calls.h"
#include "protocol/mistakes.h"

namespace nn_grade::harness {

namespace {

struct Outputs {
  std::vector<std::pair<std::string, Eigen::MatrixXd>> named;
};

Outputs backward_outputs(const Layer& layer, const Eigen::MatrixXd& G) {
  Outputs out;
  out.named.emplace_back("dL/dX", layer.backward(G));
  if (layer.is(Kind::kLinear)) {
    out.named.emplace_back("grad_W", layer.get(Field::kGradW));
    out.named.emplace_back("grad_b", layer.get(Field::kGradB));
  }
  return out;
}

}  // namespace

std::optional<Part> forward_does_no_work(const std::string& function, const Eigen::MatrixXd& Y1,
                                         const Eigen::MatrixXd& X2, const Eigen::MatrixXd& Y2) {
  std::string what;
  if (Y2.size() == 0) {
    what = "returns an empty matrix";
  } else if (same_values(Y2, X2)) {
    what = "returns its input X unchanged";
  } else if (same_values(Y1, Y2)) {
    what = fmt::format("returns the same {} for two different inputs (it ignores X)",
                       Y2.isZero(0) ? "zeros" : "values");
  } else {
    return std::nullopt;
  }
  return fail(
      fmt::format("Cannot judge the cache: {} {}, so there is no work whose values a "
                  "cache would keep. Write forward first; see its forward check.",
                  function, what));
}

std::vector<KnownWrong> wrong_caches(const std::string& name, const Eigen::MatrixXd& stale,
                                     const std::vector<KnownWrong>& other_known) {
  std::vector<KnownWrong> known = {
      {protocol::mistakes::kStaleCache,
       fmt::format("{} still holds the first forward's value: every forward must overwrite it.",
                   name),
       stale, true}};
  known.insert(known.end(), other_known.begin(), other_known.end());
  return known;
}

Part cache_value_part(const std::string& name, const Eigen::MatrixXd& cached,
                      const Eigen::MatrixXd& right, const Eigen::MatrixXd& stale,
                      const std::vector<KnownWrong>& other_known, const Reprobe& again) {
  Part part = value_part(name + " after forward(X1), forward(X2)", cached, right, right.rows(),
                         wrong_caches(name, stale, other_known), {0, 1e-9, 1e-7}, again);
  if (part.passed) part.output = fmt::format("{} holds the last forward's value.", name);
  return part;
}

Part stale_backward_part(const Layer& used, const Layer& fresh, const Eigen::MatrixXd& X1,
                         const Eigen::MatrixXd& X2, const Eigen::MatrixXd& G) {
  fresh.forward(X2);
  const Outputs alone = backward_outputs(fresh, G);
  bool informative = false;  // a backward that returns nothing cannot show a stale cache
  for (const auto& output : alone.named)
    informative |= output.second.size() && !output.second.isZero(0);
  if (!informative) {
    return fail(
        fmt::format("Cannot judge the cache: backward(G) after forward(X2) returns a "
                    "dL/dX of shape {} and leaves every gradient zero; see the backward "
                    "checks.",
                    shape_of(alone.named.front().second)));
  }
  used.forward(X1);
  used.forward(X2);
  const Outputs after_two = backward_outputs(used, G);
  for (size_t i = 0; i < alone.named.size(); ++i) {
    const auto& [name, value] = after_two.named[i];
    if (same_values(value, alone.named[i].second)) continue;
    return fail(fmt::format("{} from backward(G) after forward(X1), forward(X2) differs from "
                            "{} after forward(X2) alone: backward still uses something the "
                            "first forward left behind. Cache what backward needs in every "
                            "forward.",
                            name, name),
                Diagnosis::observed(protocol::mistakes::kStaleCache, ""));
  }
  return pass("backward after two forwards uses the last one's cache.");
}

Part input_gradient_part(const Layer& layer,
                         const std::function<Eigen::MatrixXd(const Eigen::MatrixXd&)>& formula,
                         const Eigen::MatrixXd& X, const Eigen::MatrixXd& G,
                         const Eigen::MatrixXd& exact, const Tolerance& tol,
                         const std::vector<KnownWrong>& known, const Reprobe& again) {
  layer.forward(X);
  const Eigen::MatrixXd yours = layer.backward(G);
  Eigen::MatrixXd x = X;
  const Eigen::MatrixXd numerical =
      numerical_gradient([&] { return formulas::weighted_sum(G, formula(x)); }, x, tol.h);
  return gradient_part("dL/dX", yours, numerical, exact, tol, X.rows(), known, {}, again);
}

std::optional<std::string> input_gradient_scaling(
    const std::function<Layer()>& make, const Eigen::MatrixXd& X, const Eigen::MatrixXd& G,
    const std::function<std::pair<Eigen::MatrixXd, Eigen::MatrixXd>()>& other) {
  std::pair<Eigen::MatrixXd, Eigen::MatrixXd> drawn;
  return upstream_scaling("dL/dX", [&](int draw, double scale) {
    if (draw > 0 && drawn.first.size() == 0) drawn = other();
    const Layer layer = make();
    layer.forward(draw == 0 ? X : drawn.first);
    return layer.backward(scale * (draw == 0 ? G : drawn.second));
  });
}

std::optional<std::string> activation_forward_relation(
    const std::function<Layer()>& make, const std::string& f_name, const Eigen::MatrixXd& X,
    const std::function<Eigen::MatrixXd()>& other,
    const std::function<Eigen::MatrixXd(const Eigen::MatrixXd&)>& right) {
  const Elementwise yours = [&make](const Eigen::MatrixXd& x) { return make().forward(x); };
  if (auto finding = batch_dependence("forward(X)", X, yours)) return finding;
  if (X.rows() < 2) return std::nullopt;
  return elementwise_relation("forward(X)", f_name, X, other(), yours, right);
}

std::string inputs_line(const std::string& description) { return "Inputs: " + description + "."; }

Activation activation_param(const CheckContext& context) {
  const std::string name = context.text("activation");
  if (name == "relu") return Activation::kReLU;
  if (name == "sigmoid") return Activation::kSigmoid;
  throw GraderFault("check " + context.id() + ": activation must be \"relu\" or \"sigmoid\"");
}

}  // namespace nn_grade::harness
