// Training: the student's MLP, loss and optimizer together learn a spiral. Accuracy is judged on
// a second spiral of fresh points whose labels the student's code never receives, by the
// checker, from the logits the student's MLP gives for them.
#include <cmath>
#include <tuple>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "harness/layer_checks.h"
#include "harness/registry.h"
#include "harness/spiral.h"
#include "harness/student_calls.h"
#include "harness/training_picture.h"
#include "harness/verdict.h"
#include "protocol/mistakes.h"

namespace harness {

namespace {

double accuracy(const Eigen::MatrixXd& logits, const std::vector<int>& labels) {
  if (logits.rows() != static_cast<Eigen::Index>(labels.size())) return 0.0;
  int right = 0;
  for (Eigen::Index i = 0; i < logits.rows(); ++i) {
    Eigen::Index best = 0;
    logits.row(i).maxCoeff(&best);
    right += best == labels[static_cast<size_t>(i)];
  }
  return static_cast<double>(right) / static_cast<double>(labels.size());
}

// The picture of this run: its losses, and the classes the trained MLP predicts over the
// spiral, from one call of its forward on the cells' centres (a bounded request: 800 points).
grading::TrainingPicture picture(const std::vector<double>& losses, const Mlp& mlp,
                                 const Dataset& data, int classes) {
  grading::TrainingPicture p;
  p.epochs = static_cast<int>(losses.size());
  std::tie(p.loss_every, p.losses) = sampled_losses(losses);
  if (classes > grading::kMaxPictureClasses) return p;
  const Extent extent = square_around(data.X);
  Eigen::MatrixXd logits;
  try {
    logits = mlp.forward(cell_centres(extent, kMapColumns, kMapRows));
  } catch (const StudentThrew&) {
    return p;  // no map; the check's verdict stands on training alone
  }
  p.classes = classes;
  p.x_min = extent.x_min;
  p.x_max = extent.x_max;
  p.y_min = extent.y_min;
  p.y_max = extent.y_max;
  p.regions = predicted_cells(logits, kMapColumns, kMapRows, classes);
  p.points = point_cells(data, extent, kMapColumns, kMapRows, classes);
  return p;
}

}  // namespace

protocol::CheckReport train_spiral(const CheckContext& context) {
  const int classes = context.integer("classes"), epochs = context.integer("epochs");
  const double lr = context.number("lr"), momentum = context.number("momentum");
  const double min_accuracy = context.number("min_accuracy");
  const Activation activation = activation_param(context);
  auto rng = context.rng();
  const Dataset data = spiral(rng, context.integer("points_per_class"), classes);
  auto held_out_rng = context.rng(1);
  const Dataset held_out = spiral(held_out_rng, context.integer("points_per_class"), classes);
  std::vector<int> sizes = {2};
  for (int h : context.integers("hidden")) sizes.push_back(h);
  sizes.push_back(classes);
  auto student = student_rng(rng);
  const Mlp mlp = make_mlp(sizes, activation, student);
  const Loss loss = make_loss();
  const Sgd sgd = make_sgd(mlp, lr, momentum);

  double first = NAN, last = NAN, best_accuracy = 0.0;
  std::vector<double> losses;
  int epoch = 0;
  for (; epoch < epochs; ++epoch) {
    sgd.zero_grad();
    last = loss.forward(mlp.forward(data.X), data.labels);
    losses.push_back(last);
    if (epoch == 0) first = last;
    if (!std::isfinite(last)) break;
    mlp.backward(loss.backward());
    sgd.step();
    best_accuracy = std::max(best_accuracy, accuracy(mlp.forward(held_out.X), held_out.labels));
    if (best_accuracy >= min_accuracy) break;
  }
  const nlohmann::json figures = {{"first_loss", first},
                                  {"last_loss", last},
                                  {"accuracy", best_accuracy},
                                  {"min_accuracy", min_accuracy},
                                  {"epochs", std::min(epoch + 1, epochs)},
                                  {"max_epochs", epochs}};
  const std::string setup = fmt::format(
      "Setup: {} points on a {}-class spiral, sizes {{{}}}, {}, full-batch SGD with lr {} and "
      "momentum {}, at most {} epochs; accuracy on {} other points of the same spiral.",
      data.X.rows(), classes, fmt::join(sizes, ", "), activation_name(activation), lr, momentum,
      epochs, held_out.X.rows());
  const bool fell = std::isfinite(last) && last < first;
  const grading::TrainingPicture drawn = picture(losses, mlp, data, classes);
  if (fell && best_accuracy >= min_accuracy) {
    protocol::CheckReport report =
        combine({pass(fmt::format("Accuracy {:.0f}% on points it was not trained on, after {} "
                                  "epochs (loss {} -> {}).",
                                  100 * best_accuracy, epoch + 1, number(first), number(last)),
                      figures)});
    report.training = drawn;
    return report;
  }
  const std::string curve = fmt::format(
      "The loss went from {} to {} in {} epochs; the best accuracy on points it was not trained "
      "on was {:.0f}% (needed {:.0f}%).",
      number(first), number(last), std::min(epoch + 1, epochs), 100 * best_accuracy,
      100 * min_accuracy);
  Diagnosis d;
  std::string why = fell ? "The loss fell, but not far enough." : "The loss did not fall.";
  if (!std::isfinite(last)) {
    d = {mistakes::kNotFinite, ""};
    why = "The loss became NaN or inf: a gradient or update blows up (or the loss is unstable).";
  }
  protocol::CheckReport report =
      combine({fail(fmt::format("{}\n{}\nTraining uses your Linear, activation, MLP, "
                                "cross-entropy and SGD together: if any of their checks "
                                "failed, fix that first.\n{}",
                                curve, why, setup),
                    d, figures)});
  report.training = drawn;
  return report;
}

}  // namespace harness
