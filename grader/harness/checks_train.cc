// Training: the student's MLP, loss and optimizer together learn a spiral. The grader judges what
// the training produced, by its own arithmetic: after every step it reads back each Linear's W
// and b and computes the loss on the training points and the accuracy on other points with its
// own forward (network.h). What the student's forward and loss return is never judged. The
// evaluation points, and the turn of the whole spiral, are drawn at grading time from a
// generator the student's code cannot derive (CheckContext::unseen_rng), so neither a
// memorised set, a network trained beforehand, nor a forward that classifies the spiral by its
// geometry earns the check.
#include <cmath>
#include <optional>
#include <tuple>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "harness/formulas.h"
#include "harness/layer_checks.h"
#include "harness/network.h"
#include "harness/registry.h"
#include "harness/shapes.h"
#include "harness/spiral.h"
#include "harness/student_calls.h"
#include "harness/training_picture.h"
#include "harness/verdict.h"
#include "protocol/mistakes.h"

namespace nn_grade::harness {

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

// The grader reads the weights back and judges them after every this many epochs, and after
// the last: each reading costs a few requests, each epoch of training six.
constexpr int kJudgeEvery = 10;

// The picture of this run: the loss your code returned every epoch, and the classes the trained
// network predicts over the spiral, computed by the grader from the weights read back (`net`, none
// when it cannot compute them).
protocol::TrainingPicture picture(const std::vector<double>& losses, const Network* net,
                                  const Dataset& data, int classes) {
  protocol::TrainingPicture p;
  p.epochs = static_cast<int>(losses.size());
  std::tie(p.loss_every, p.losses) = sampled_losses(losses);
  if (!net || classes > protocol::kMaxPictureClasses) return p;
  const Extent extent = square_around(data.X);
  const Eigen::MatrixXd logits = evaluate(*net, cell_centres(extent, kMapColumns, kMapRows)).logits;
  p.classes = classes;
  p.x_min = extent.x_min;
  p.x_max = extent.x_max;
  p.y_min = extent.y_min;
  p.y_max = extent.y_max;
  p.regions = predicted_cells(logits, kMapColumns, kMapRows, classes);
  p.points = point_cells(data, extent, kMapColumns, kMapRows, classes);
  return p;
}

// The trained network as the grader reads it back; empty, with why, when it cannot compute it.
std::optional<Network> readable(const Mlp& mlp, int classes, std::string* why) {
  Network net = read_network(mlp);
  if (auto e = not_computable(net, 2, classes)) {
    *why = *e;
    return std::nullopt;
  }
  return net;
}

// The Linear parameters that training left exactly as they were ("layers[0].b"), when some others
// moved: a fact read off the weights before and after, not a cause (when nothing moved, "the loss
// did not fall" says enough).
std::vector<std::string> unmoved_parameters(const Network& before, const Network& after) {
  std::vector<std::string> unmoved;
  bool moved = false;
  for (size_t i = 0; i < before.W.size() && i < after.W.size(); ++i) {
    if (before.W[i].size() == 0) continue;  // not a Linear
    for (const auto& [name, was, is] :
         {std::tuple{"W", &before.W[i], &after.W[i]}, std::tuple{"b", &before.b[i], &after.b[i]}}) {
      if (identical(*was, *is)) {
        unmoved.push_back(fmt::format("layers[{}].{}", i, name));
      } else {
        moved = true;
      }
    }
  }
  return moved ? unmoved : std::vector<std::string>{};
}

}  // namespace

protocol::CheckReport train_spiral(const CheckContext& context) {
  const int classes = context.integer("classes"), epochs = context.integer("epochs");
  const int points_per_class = context.integer("points_per_class");
  const double lr = context.number("lr"), momentum = context.number("momentum");
  const double min_accuracy = context.number("min_accuracy");
  const Activation activation = activation_param(context);
  auto unseen = context.unseen_rng();
  const double turn = std::uniform_real_distribution<double>(0.0, 2 * EIGEN_PI)(unseen);
  auto rng = context.rng();
  const Dataset data = spiral(rng, points_per_class, classes, turn);
  const Dataset held_out = spiral(unseen, points_per_class, classes, turn);
  std::vector<int> sizes = {2};
  for (int h : context.integers("hidden")) sizes.push_back(h);
  sizes.push_back(classes);
  auto student = student_rng(rng);
  const Mlp mlp = make_mlp(sizes, activation, student);
  const Loss loss = make_loss();
  const Sgd sgd = make_sgd(mlp, lr, momentum);
  const std::string setup = fmt::format(
      "Setup: {} points on a {}-class spiral, sizes {{{}}}, {}, full-batch SGD with lr {} and "
      "momentum {}, at most {} epochs; accuracy on {} other points of the same spiral, drawn "
      "when grading. The grader computes the loss and the accuracy itself, from the W and b it "
      "reads back from your layers after each step.",
      data.X.rows(), classes, fmt::join(sizes, ", "), activation_name(activation), lr, momentum,
      epochs, held_out.X.rows());

  std::string why_not;
  std::optional<Network> net = readable(mlp, classes, &why_not);
  if (!net) {
    return combine(
        {fail(fmt::format("Cannot judge training: {}. The grader computes your "
                          "trained network itself, from Linear, ReLU and Sigmoid "
                          "layers; see mlp.structure.\n{}",
                          why_not, setup))});
  }
  const Network untrained = *net;
  const double first = network_loss(*net, data.X, data.labels);
  double last = first, accuracy_now = 0.0, best_accuracy = 0.0;
  std::vector<double> your_losses;  // feedback only: the picture's curve
  int epoch = 0;
  for (; epoch < epochs; ++epoch) {
    sgd.zero_grad();
    your_losses.push_back(loss.forward(mlp.forward(data.X), data.labels));
    mlp.backward(loss.backward());
    sgd.step();
    if ((epoch + 1) % kJudgeEvery != 0 && epoch + 1 != epochs) continue;
    net = readable(mlp, classes, &why_not);
    if (!net) break;
    last = network_loss(*net, data.X, data.labels);
    if (!std::isfinite(last)) break;
    accuracy_now = accuracy(evaluate(*net, held_out.X).logits, held_out.labels);
    best_accuracy = std::max(best_accuracy, accuracy_now);
    if (accuracy_now >= min_accuracy) break;
  }
  const int ran = std::min(epoch + 1, epochs);
  const nlohmann::json figures = {{"first_loss", first},          {"last_loss", last},
                                  {"accuracy", accuracy_now},     {"best_accuracy", best_accuracy},
                                  {"min_accuracy", min_accuracy}, {"epochs", ran},
                                  {"max_epochs", epochs}};
  const protocol::TrainingPicture drawn =
      picture(your_losses, net ? &*net : nullptr, data, classes);
  const bool fell = std::isfinite(last) && last < first;
  if (net && fell && accuracy_now >= min_accuracy) {
    protocol::CheckReport report = combine({pass(
        fmt::format("Accuracy {:.0f}% on points it was not trained on, after {} epochs (loss {} "
                    "-> {}), computed by the grader from your trained weights.",
                    100 * accuracy_now, ran, number(first), number(last)),
        figures)});
    report.training = drawn;
    return report;
  }
  std::string curve = fmt::format(
      "The loss went from {} to {} in {} epochs; the best accuracy on points it was not trained "
      "on was {:.0f}% (needed {:.0f}%).",
      number(first), number(last), ran, 100 * best_accuracy, 100 * min_accuracy);
  Diagnosis d;
  std::string why = fell ? "The loss fell, but not far enough." : "The loss did not fall.";
  if (!net) {
    why =
        fmt::format("After epoch {} the grader could not compute your network: {}.", ran, why_not);
  } else if (!std::isfinite(last)) {
    d = Diagnosis::observed(protocol::mistakes::kNotFinite, "");
    why = fmt::format(
        "The grader's loss of your weights after epoch {} is {}: a weight became NaN or "
        "infinite, or too large for exp.",
        ran, number(last));
  }
  // The student's own loss beside the grader's, both of the trained weights as they are now:
  // the loss the student's code returned during training was of other weights (zero_grad or
  // step may have changed them since), so it cannot be compared. A bias added twice, invisible
  // while b is 0, shows here.
  if (net && std::isfinite(last)) {
    std::optional<double> yours_now;
    try {
      yours_now = loss.forward(mlp.forward(data.X), data.labels);
    } catch (const StudentThrew&) {
      // Training's own calls worked; this one is only for the sentence below.
    }
    if (yours_now && !(std::abs(*yours_now - last) <= 1e-6 * (1 + std::abs(last)))) {
      why += fmt::format(
          " For the trained weights your MLP::forward and CrossEntropyLoss::forward give a loss "
          "of {}, the grader's formulas {} from the same W and b: one of the two computes "
          "something else.",
          number(*yours_now), number(last));
    }
  }
  if (net) {
    const std::vector<std::string> unmoved = unmoved_parameters(untrained, *net);
    if (!unmoved.empty()) {
      why += fmt::format(
          " Training never changed {} ({}), while other parameters moved: SGD moves each "
          "parameter MLP::parameters() gives it by its gradient.",
          unmoved.size() == 1 ? "this parameter" : "these parameters", fmt::join(unmoved, ", "));
    }
  }
  protocol::CheckReport report =
      combine({fail(fmt::format("{}\n{}\nTraining runs your Linear, activation, MLP, "
                                "cross-entropy and SGD together.\n{}",
                                curve, why, setup),
                    d, figures)});
  report.training = drawn;
  return report;
}

}  // namespace nn_grade::harness
