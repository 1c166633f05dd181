#include "harness/probe_batch_dependence.h"

#include <fmt/format.h>

#include "harness/diagnosis.h"
#include "harness/shapes.h"
#include "harness/student_server.h"

namespace nn_grade::harness {

std::optional<std::string> batch_dependence(
    const std::string& quantity, const Eigen::MatrixXd& X,
    const std::function<Eigen::MatrixXd(const Eigen::MatrixXd&)>& answer) {
  if (X.rows() < 2) return std::nullopt;
  try {
    const Eigen::MatrixXd whole = answer(X);
    if (whole.rows() != X.rows()) return std::nullopt;
    const Eigen::MatrixXd reversed = answer(X.colwise().reverse()).colwise().reverse();
    const Eigen::MatrixXd first = answer(X.topRows(1));
    const Eigen::Index last = X.rows() - 1;
    if (first.rows() == 1 && first.cols() == whole.cols() &&
        !same_values(first.row(0), whole.row(0))) {
      return fmt::format(
          "Row 0 of {} changes when it is the batch's only sample: with the whole batch of {} it "
          "starts {:.4g}, alone {:.4g}. Each sample's answer must depend on that sample only; in "
          "yours it depends on the other samples of the batch.",
          quantity, X.rows(), whole(0, 0), first(0, 0));
    }
    if (same_shape(reversed, whole) && !same_values(reversed.row(last), whole.row(last))) {
      return fmt::format(
          "Row {} of {} changes when the batch's samples come in another order (the rows of X "
          "reversed): it starts {:.4g} in order, {:.4g} reversed. Each sample's answer must "
          "depend on that sample only, wherever it stands in the batch; in yours it depends on "
          "the order of the samples.",
          last, quantity, whole(last, 0), reversed(last, 0));
    }
  } catch (const StudentThrew&) {
    // Other batches are what the student's code cannot take: that is no finding of this probe.
  }
  return std::nullopt;
}

}  // namespace nn_grade::harness
