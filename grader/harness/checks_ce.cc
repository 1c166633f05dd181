// Softmax cross-entropy, mean over the batch, caching dL/dlogits.
#include <algorithm>
#include <cmath>
#include <limits>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "harness/formulas.h"
#include "harness/layer_checks.h"
#include "harness/probe_batch_scaling.h"
#include "harness/probe_cached_probabilities.h"
#include "harness/registry.h"
#include "harness/student_calls.h"
#include "protocol/mistakes.h"

namespace nn_grade::harness {

namespace {

struct Batch {
  Eigen::MatrixXd logits;
  std::vector<int> labels;
};

Batch draw(std::mt19937_64& rng, int batch, int classes, double scale = 2.0) {
  return {scale * normal(rng, batch, classes), labels(rng, batch, classes)};
}

Eigen::MatrixXd scalar(double x) { return Eigen::MatrixXd::Constant(1, 1, x); }

std::string batch_label(Eigen::Index rows) { return fmt::format("batch of {}", rows); }

// The loss of a new CrossEntropyLoss on `b`, with the right one.
Probe loss_probe(const Batch& b) {
  return {scalar(make_loss().forward(b.logits, b.labels)),
          scalar(formulas::cross_entropy(b.logits, b.labels)),
          b.logits.rows(),
          {},
          {},
          batch_label(b.logits.rows())};
}

// Further probes of the loss (diagnosis.h): a batch of one, then one of `batch`, other draws.
Reprobe loss_probes(const CheckContext& context, int batch, int classes) {
  return [&context, batch, classes](int k) {
    auto rng = context.probe_rng(k);
    return loss_probe(draw(rng, probe_batch(k, batch), classes));
  };
}

Part loss_part(const CheckContext& context, const Batch& b, int classes,
               const Tolerance& tol = {0, 1e-9, 1e-7}) {
  const Probe p = loss_probe(b);
  Part part = value_part("the loss", p.yours, p.right, p.batch, {}, tol,
                         loss_probes(context, static_cast<int>(p.batch), classes));
  part.output = p.label + ": " + part.output;
  return part;
}

// What cached_grad and backward are wrongly, in words, for the logits of `b`.
std::vector<KnownWrong> wrong_grads(const std::string& quantity, const Batch& b) {
  const Eigen::MatrixXd probs = formulas::softmax(b.logits);
  return {{protocol::mistakes::kNoMatch,
           quantity + " is softmax(logits): subtract the one-hot labels.", probs},
          {protocol::mistakes::kNoMatch,
           quantity + " is softmax(logits) / batch: subtract the one-hot labels.",
           probs / static_cast<double>(b.logits.rows())}};
}

// dL/dlogits from `call` (cached_grad or backward after forward on a new loss), on a new batch
// of `rows` from `rng`.
Probe grad_probe(std::mt19937_64 rng, int rows, int classes, const std::string& quantity,
                 Eigen::MatrixXd (*call)(const Loss&)) {
  const Batch b = draw(rng, rows, classes);
  const Loss loss = make_loss();
  loss.forward(b.logits, b.labels);
  return Probe{call(loss),
               formulas::cross_entropy_grad(b.logits, b.labels),
               b.logits.rows(),
               wrong_grads(quantity, b),
               {},
               batch_label(b.logits.rows())};
}

// Further probes of dL/dlogits (diagnosis.h).
Reprobe grad_probes(const CheckContext& context, const std::string& quantity, int batch,
                    int classes, Eigen::MatrixXd (*call)(const Loss&)) {
  return [&context, quantity, batch, classes, call](int k) {
    return grad_probe(context.probe_rng(k), probe_batch(k, batch), classes, quantity, call);
  };
}

Eigen::MatrixXd cached_grad_of(const Loss& loss) { return loss.cached_grad(); }

// ce.cache's calls: cached_grad after forward on `second` on a new loss, and on another after
// forward on `first`, then on `second`.
CacheDraw cache_draw(const Batch& first, const Batch& second) {
  CacheDraw d{second.logits, second.labels, {}, first.logits, first.labels, {}, {}};
  const Loss once = make_loss();
  once.forward(second.logits, second.labels);
  d.once = once.cached_grad();
  const Loss twice = make_loss();
  twice.forward(first.logits, first.labels);
  d.after_first = twice.cached_grad();
  twice.forward(second.logits, second.labels);
  d.twice = twice.cached_grad();
  return d;
}

// ce.stability's inputs: a random batch with one logit of +-m in each row.
Batch extreme_logits(std::mt19937_64& rng, int batch, int classes, double m) {
  Batch b = draw(rng, batch, classes, 1.0);
  for (Eigen::Index i = 0; i < batch; ++i) b.logits(i, i % classes) += (i % 2 ? -m : m);
  return b;
}

// Softmax without each row's maximum subtracted: exp overflows to infinity at +m.
Eigen::MatrixXd softmax_without_maximum(const Eigen::MatrixXd& logits) {
  const Eigen::MatrixXd exps = logits.array().exp();
  return exps.array().colwise() / exps.rowwise().sum().array();
}

// The mean of -log p[label] for the probabilities p.
double mean_minus_log(const Eigen::MatrixXd& p, const std::vector<int>& labels) {
  double sum = 0;
  for (Eigen::Index i = 0; i < p.rows(); ++i) sum -= std::log(p(i, labels[i]));
  return sum / static_cast<double>(p.rows());
}

// The loss as the mean of -log p[label] of a stable softmax, in doubles: right on rows where
// p[label] is a normal double; where it is below (the right -log p over 700), -log of what exp
// rounded it to: 708.4 (the smallest normal double, where exp clamps) to 744.5 (the smallest
// one), or infinity (0). `yours` picks the value in that range; outside it, this is not the
// cause.
double literal_log_loss(const Batch& b, double yours) {
  const Eigen::MatrixXd z = b.logits;
  const double n = static_cast<double>(z.rows());
  double representable = 0;
  int underflowed = 0;
  for (Eigen::Index i = 0; i < z.rows(); ++i) {
    const double m = z.row(i).maxCoeff();
    const double row = m + std::log((z.row(i).array() - m).exp().sum()) - z(i, b.labels[i]);
    if (row < 700) {
      representable += row;
    } else {
      ++underflowed;
    }
  }
  if (underflowed == 0) return representable / n;
  if (!std::isfinite(yours)) return std::numeric_limits<double>::infinity();
  const double each = std::clamp((yours * n - representable) / underflowed, 708.39, 744.5);
  return (representable + underflowed * each) / n;
}

// One probe of ce.stability: the student's loss and gradient on new extreme logits, with the
// unstable answers that would give them.
struct Extreme {
  Probe loss, grad;
  KnownWrong no_maximum, literal_log;  // for the loss
};

Extreme extreme_probe(std::mt19937_64& rng, int batch, int classes, double m) {
  const Batch b = extreme_logits(rng, batch, classes, m);
  const Loss ce = make_loss();
  const double your_loss = ce.forward(b.logits, b.labels);
  const Eigen::MatrixXd your_grad = ce.backward();
  const Eigen::MatrixXd unstable = softmax_without_maximum(b.logits);
  const Eigen::MatrixXd onehot = formulas::onehot(b.labels, classes);
  const std::string no_maximum =
      "Softmax computed without subtracting each row's maximum m gives exactly your numbers: exp "
      "overflows to infinity at these logits. Subtract m before exp, and take the loss as m + "
      "log(sum_j exp(z_j - m)) - z[label] (log-sum-exp): softmax is unchanged and nothing "
      "overflows or rounds to 0.";
  const std::string literal_log =
      "Your gradient is right, so softmax itself is stable; -log p[label] of that softmax gives "
      "your loss: at these logits p[label] is far below the smallest double (about 1e-308), so "
      "exp rounds it to that or to 0, and -log p is capped near 708 or infinite. Take the log "
      "without exp: loss_i = m + "
      "log(sum_j exp(z_j - m)) - z[label], m the row's maximum (log-sum-exp).";
  Extreme e;
  e.loss = {scalar(your_loss), scalar(formulas::cross_entropy(b.logits, b.labels)), batch, {}, {},
            batch_label(batch)};
  e.grad = {your_grad,
            formulas::cross_entropy_grad(b.logits, b.labels),
            batch,
            {{protocol::mistakes::kNotFinite, "dL/dlogits: " + no_maximum,
              (unstable - onehot) / static_cast<double>(batch)}},
            {},
            batch_label(batch)};
  e.no_maximum = {protocol::mistakes::kNotFinite, no_maximum,
                  scalar(mean_minus_log(unstable, b.labels))};
  e.literal_log = {protocol::mistakes::kLogOfSoftmax, literal_log,
                   scalar(literal_log_loss(b, your_loss))};
  return e;
}
Eigen::MatrixXd backward_of(const Loss& loss) { return loss.backward(); }

std::string grad_hint(const Batch& b) {
  return fmt::format(
      "Inputs: logits ({}, {}), labels {{{}}}.", b.logits.rows(), b.logits.cols(),
      fmt::join(b.labels.begin(), b.labels.begin() + std::min<size_t>(8, b.labels.size()), ", "));
}

}  // namespace

protocol::CheckReport ce_forward(const CheckContext& context) {
  auto rng = context.rng();
  const int batch = context.integer("batch"), classes = context.integer("classes");
  protocol::CheckReport report = combine({loss_part(context, draw(rng, batch, classes), classes),
                                          loss_part(context, draw(rng, 1, classes), classes)});
  if (report.status != protocol::CheckStatus::kPassed) {
    report.output += "\nThe loss is the mean over the batch of -log softmax(logits)[label].";
  }
  return report;
}

protocol::CheckReport ce_cache(const CheckContext& context) {
  auto rng = context.rng();
  const int batch = context.integer("batch"), classes = context.integer("classes");
  const Batch first = draw(rng, batch, classes), second = draw(rng, batch, classes);
  const CacheDraw judged = cache_draw(first, second);
  const Eigen::MatrixXd &cached_once = judged.once, &cached_first = judged.after_first,
                        &cached_twice = judged.twice;
  const Eigen::MatrixXd right = formulas::cross_entropy_grad(second.logits, second.labels);
  Part value = value_part("cached_grad", cached_once, right, batch,
                          wrong_grads("cached_grad", second), {0, 1e-9, 1e-7},
                          grad_probes(context, "cached_grad", batch, classes, cached_grad_of));
  if (value.passed) value.output = "cached_grad is (softmax - onehot) / batch.";
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
  // The failed part that shows first says what the cache holds, when nothing is named.
  Part& failed = value.passed ? last : value;
  if (!failed.passed && failed.diagnosis.empty()) {
    const auto finding = cached_probabilities([&](int k) {
      if (k == 0) return judged;
      auto other = context.probe_rng(kCacheProbeDraw);
      const Batch a = draw(other, batch, classes);
      return cache_draw(a, draw(other, batch, classes));
    });
    if (finding) failed.output += "\n" + *finding;
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
  Part part =
      gradient_part("dL/dlogits", yours, numerical, exact, tol, batch, wrong_grads("dL/dlogits", b),
                    {}, grad_probes(context, "dL/dlogits", batch, classes, backward_of));
  if (!part.passed && part.diagnosis.empty()) {
    const auto finding = batch_scaling("dL/dlogits", [&](int rows) {
      return grad_probe(context.probe_rng(10 + rows), rows, classes, "dL/dlogits", backward_of);
    });
    if (finding) part.output += "\n" + *finding;
  }
  protocol::CheckReport report = combine({part});
  if (report.status != protocol::CheckStatus::kPassed) report.output += "\n" + grad_hint(b);
  return report;
}

protocol::CheckReport ce_stability(const CheckContext& context) {
  const double m = context.number("magnitude");
  const int batch = context.integer("batch"), classes = context.integer("classes");
  const Tolerance tight{0, 1e-9, 1e-7};
  auto rng = context.rng();
  const Extreme first = extreme_probe(rng, batch, classes, m);
  Part grad = value_part("dL/dlogits", first.grad.yours, first.grad.right, batch, first.grad.known,
                         tight, [&](int k) {
                           auto other = context.probe_rng(k);
                           return extreme_probe(other, batch, classes, m).grad;
                         });
  // Which unstable loss can be the cause depends on the gradient: a right one means softmax
  // itself was stable.
  const bool stable_softmax = grad.passed;
  auto loss_probe = [&](const Extreme& e) {
    Probe p = e.loss;
    p.known = {stable_softmax ? e.literal_log : e.no_maximum};
    return p;
  };
  const Probe loss_first = loss_probe(first);
  Part loss = value_part("the loss", loss_first.yours, loss_first.right, batch, loss_first.known,
                         tight, [&](int k) {
                           auto other = context.probe_rng(k);
                           return loss_probe(extreme_probe(other, batch, classes, m));
                         });
  loss.output = fmt::format("logits of magnitude {}: {}", m, loss.output);
  protocol::CheckReport report = combine({loss, grad});
  if (report.status != protocol::CheckStatus::kPassed) {
    report.output +=
        fmt::format("\nInputs: logits ({}, {}) with entries of +-{}.", batch, classes, m);
  }
  return report;
}

}  // namespace nn_grade::harness
