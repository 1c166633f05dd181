// Softmax cross-entropy, mean over the batch, caching dL/dlogits.
#include <cmath>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "harness/formulas.h"
#include "harness/layer_checks.h"
#include "harness/registry.h"
#include "harness/student_calls.h"
#include "protocol/mistakes.h"

namespace harness {

namespace {

struct Batch {
  Eigen::MatrixXd logits;
  std::vector<int> labels;
};

Batch draw(std::mt19937_64& rng, int batch, int classes, double scale = 2.0) {
  return {scale * normal(rng, batch, classes), labels(rng, batch, classes)};
}

Eigen::MatrixXd scalar(double x) { return Eigen::MatrixXd::Constant(1, 1, x); }

Part loss_part(const Batch& b, const std::string& label, const Tolerance& tol = {0, 1e-9, 1e-7}) {
  const double yours = make_loss().forward(b.logits, b.labels);
  const double right = formulas::cross_entropy(b.logits, b.labels);
  Part part = value_part("the loss", scalar(yours), scalar(right), b.logits.rows(), {}, tol);
  part.output = label + ": " + part.output;
  return part;
}

std::string grad_hint(const Batch& b) {
  return fmt::format(
      "Inputs: logits ({}, {}), labels {{{}}}.", b.logits.rows(), b.logits.cols(),
      fmt::join(b.labels.begin(), b.labels.begin() + std::min<size_t>(8, b.labels.size()), ", "));
}

}  // namespace

protocol::CheckReport ce_forward(const CheckContext& context) {
  auto rng = context.rng();
  const int batch = context.integer("batch"), classes = context.integer("classes");
  protocol::CheckReport report =
      combine({loss_part(draw(rng, batch, classes), fmt::format("batch of {}", batch)),
               loss_part(draw(rng, 1, classes), "batch of one")});
  if (report.status != grading::CheckStatus::kPassed) {
    report.output += "\nThe loss is the mean over the batch of -log softmax(logits)[label].";
  }
  return report;
}

protocol::CheckReport ce_cache(const CheckContext& context) {
  auto rng = context.rng();
  const int batch = context.integer("batch"), classes = context.integer("classes");
  const Batch first = draw(rng, batch, classes), second = draw(rng, batch, classes);
  const Loss loss = make_loss();
  loss.forward(second.logits, second.labels);
  const Eigen::MatrixXd cached_once = loss.cached_grad();
  const Eigen::MatrixXd right = formulas::cross_entropy_grad(second.logits, second.labels);
  const Eigen::MatrixXd probs = formulas::softmax(second.logits);
  Part value = value_part(
      "cached_grad", cached_once, right, batch,
      {{mistakes::kNoMatch, "cached_grad is softmax(logits): subtract the one-hot labels.", probs},
       {mistakes::kNoMatch, "cached_grad is softmax(logits) / batch: subtract the one-hot labels.",
        probs / batch}});
  if (value.passed) value.output = "cached_grad is (softmax - onehot) / batch.";
  const Loss twice = make_loss();
  twice.forward(first.logits, first.labels);
  const Eigen::MatrixXd cached_first = twice.cached_grad();
  twice.forward(second.logits, second.labels);
  const Eigen::MatrixXd cached_twice = twice.cached_grad();
  Part last = cache_value_part("cached_grad", cached_twice, right,
                               formulas::cross_entropy_grad(first.logits, first.labels));
  // A wrong value still earns this part when it is computed from the last forward's logits
  // (it changes with them); one that is the same for any logits (zeros, a constant, never
  // written) is no cache of anything.
  if (!value.passed && !last.passed && same_values(cached_twice, cached_once)) {
    last = same_values(cached_first, cached_twice)
               ? fail(
                     "cached_grad is the same after forward with other logits and labels: "
                     "forward does not compute it, so whether it follows the last forward "
                     "cannot be judged.")
               : pass(
                     "cached_grad depends on the last forward only (its value is judged "
                     "above).");
  }
  return combine({value, last});
}

protocol::CheckReport ce_backward(const CheckContext& context) {
  const Tolerance tol = context.tolerance();
  auto rng = context.rng();
  const int batch = context.integer("batch"), classes = context.integer("classes");
  const Batch b = draw(rng, batch, classes);
  const Loss loss = make_loss();
  loss.forward(b.logits, b.labels);
  const Eigen::MatrixXd yours = loss.backward();
  Eigen::MatrixXd z = b.logits;
  const Eigen::MatrixXd numerical =
      numerical_gradient([&] { return formulas::cross_entropy(z, b.labels); }, z, tol.h);
  const Eigen::MatrixXd exact = formulas::cross_entropy_grad(b.logits, b.labels);
  const std::vector<KnownWrong> known = {
      {mistakes::kNoMatch, "dL/dlogits is softmax(logits) / batch: subtract the one-hot labels.",
       formulas::softmax(b.logits) / batch}};
  protocol::CheckReport report =
      combine({gradient_part("dL/dlogits", yours, numerical, exact, tol, batch, known)});
  if (report.status != grading::CheckStatus::kPassed) report.output += "\n" + grad_hint(b);
  return report;
}

protocol::CheckReport ce_stability(const CheckContext& context) {
  const double m = context.number("magnitude");
  auto rng = context.rng();
  const int batch = context.integer("batch"), classes = context.integer("classes");
  Batch b = draw(rng, batch, classes, 1.0);
  for (Eigen::Index i = 0; i < batch; ++i) b.logits(i, i % classes) += (i % 2 ? -m : m);
  const Tolerance tight{0, 1e-9, 1e-7};
  const Loss ce = make_loss();
  const double your_loss = ce.forward(b.logits, b.labels);
  const double right_loss = formulas::cross_entropy(b.logits, b.labels);
  Part loss = value_part("the loss", scalar(your_loss), scalar(right_loss), batch, {}, tight);
  loss.output = fmt::format("logits of magnitude {}: {}", m, loss.output);
  Part grad = value_part("dL/dlogits", ce.backward(),
                         formulas::cross_entropy_grad(b.logits, b.labels), batch, {}, tight);
  protocol::CheckReport report = combine({loss, grad});
  if (report.status == grading::CheckStatus::kPassed) return report;
  const bool batch_factor =
      loss.diagnosis == mistakes::kDividedByBatch || loss.diagnosis == mistakes::kMultipliedByBatch;
  if (grad.passed && !batch_factor && !(your_loss >= right_loss)) {
    // Softmax was computed stably (the gradient is right), then -log of a probability below
    // what a double holds (exp clamps or rounds it to 0): too small a loss, or an infinite one.
    // The handout's formula taken literally.
    const std::string why =
        "Your gradient is right, so softmax itself is stable; but at these logits p[label] is "
        "far below the smallest double (about 1e-308), so -log p[label] is capped or infinite. "
        "Take the log without exp: loss_i = m + log(sum_j exp(z_j - m)) - z[label], m the row's "
        "maximum (log-sum-exp).";
    loss = value_part("the loss", scalar(your_loss), scalar(right_loss), batch,
                      {{mistakes::kLogOfSoftmax, why, scalar(your_loss)}}, tight);
    loss.output = fmt::format("logits of magnitude {}: {}", m, loss.output);
    report = combine({loss, grad});
    report.diagnosis = mistakes::kLogOfSoftmax;  // an infinite loss is diagnosed not_finite first
    if (!std::isfinite(your_loss)) report.output += "\n" + why;
    report.output +=
        fmt::format("\nInputs: logits ({}, {}) with entries of +-{}.", batch, classes, m);
    return report;
  }
  report.output += fmt::format(
      "\nSubtract each row's maximum m from the logits before exp, and take the loss as "
      "m + log(sum_j exp(z_j - m)) - z[label] (log-sum-exp): softmax is unchanged and nothing "
      "overflows or rounds to 0. Inputs: logits ({}, {}) with entries of +-{}.",
      batch, classes, m);
  return report;
}

}  // namespace harness
