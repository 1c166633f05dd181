// A metamorphic probe (checks.md, "Probes"): what a wrong cached_grad of the cross-entropy loss
// holds, read as probabilities. A right cache is (softmax(logits) - onehot(labels)) / batch, so
// p = batch * cached_grad + onehot(labels) is softmax(logits): each row sums to 1, and p is the
// softmax of the last forward's logits, not of a multiple of them, whatever forward came before.
// The probe looks right after a forward, and after a second forward on another loss, on two
// draws of logits, and says which of these relations fails when it fails the same way on both.
// It names a cause only as the relation shows it (softmax over the batch, a multiple of the
// logits, the first forward's value added).
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include <Eigen/Dense>

namespace nn_grade::harness {

// One draw of ce.cache's inputs and what the student's loss cached.
struct CacheDraw {
  Eigen::MatrixXd logits;  // the last forward's
  std::vector<int> labels;
  Eigen::MatrixXd once;  // cached_grad after forward(logits, labels) on a new loss
  Eigen::MatrixXd first_logits;
  std::vector<int> first_labels;
  Eigen::MatrixXd after_first;  // cached_grad after forward(first_logits, first_labels) on another
  Eigen::MatrixXd twice;        // on that loss, after forward(logits, labels) too
};

// The probe generator (CheckContext::probe_rng) a check draws draw 1 from.
constexpr int kCacheProbeDraw = 30;

// batch * cached + onehot(labels): softmax(logits) for a right cache. Empty when the shapes do
// not fit the labels.
Eigen::MatrixXd implied_probabilities(const Eigen::MatrixXd& cached,
                                      const std::vector<int>& labels);

// `draw(0)` is the check's inputs, `draw(1)` others. The sentence, or nullopt when the cache is
// right on a draw, the draws disagree, or the student's code throws (StudentThrew).
std::optional<std::string> cached_probabilities(const std::function<CacheDraw(int draw)>& draw);

}  // namespace nn_grade::harness
