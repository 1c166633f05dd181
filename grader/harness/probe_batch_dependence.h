// A metamorphic probe (checks.md, "Probes"): a sample's answer must not depend on the other
// samples of its batch. The batch is permuted (its rows reversed) and shrunk (its first row
// alone); every right layer gives each sample the same answer all three times. What it shows
// is said in plain words; it names no cause.
#pragma once

#include <functional>
#include <optional>
#include <string>

#include <Eigen/Dense>

namespace nn_grade::harness {

// `answer(X)` runs the student's code on the batch X (one sample per row) and returns one row
// per sample (forward(X), say). When a sample's row changes with the other rows of X, the
// sentence saying so, with the numbers; nullopt when it does not, when the shapes do not allow
// the comparison, or when the student's code throws (StudentThrew) on the other batches.
std::optional<std::string> batch_dependence(
    const std::string& quantity, const Eigen::MatrixXd& X,
    const std::function<Eigen::MatrixXd(const Eigen::MatrixXd&)>& answer);

}  // namespace nn_grade::harness
