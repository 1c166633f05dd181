// What train.spiral saw of training, for its picture (report/training_picture.h draws it): the
// loss curve and the decision regions the student's MLP learned. The checker computes it from
// the numbers the student's code returned; result.json keeps it as the check's "training".
#pragma once

#include <vector>

#include <nlohmann/json.hpp>

namespace nn_grade::protocol {

struct TrainingPicture {
  // The loss curve: losses[i] is the loss at epoch 1 + i * loss_every, NaN or infinite as it
  // came (training stops at the first that is not finite). Every epoch's while there are few.
  int epochs = 0;  // epochs run
  int loss_every = 1;
  std::vector<double> losses;

  // The decision regions: regions[r][c] is the class the MLP predicts (the arg-max of its
  // logits) at the centre of cell (r, c) of a grid over [x_min, x_max] x [y_min, y_max], row 0
  // at the top (y_max), or -1 where the logits were not finite; points[r][c] is the class of the
  // training points in that cell (the most of them), or -1 for none. Empty when there is no map.
  int classes = 0;
  double x_min = 0, x_max = 0, y_min = 0, y_max = 0;
  std::vector<std::vector<int>> regions;
  std::vector<std::vector<int>> points;

  int rows() const { return static_cast<int>(regions.size()); }
  int columns() const { return regions.empty() ? 0 : static_cast<int>(regions.front().size()); }
};

// Limits a picture read from JSON must keep: a checker's report or a result.json outside them
// is not one the grader writes.
constexpr int kMaxPictureLosses = 1000;
constexpr int kMaxPictureColumns = 120;
constexpr int kMaxPictureRows = 60;
constexpr int kMaxPictureClasses = 10;  // a digit per class

// {"epochs", "loss_every", "losses", "regions": {"classes", "x": [min, max], "y": [min, max],
// "predicted": rows of classes, "points": rows of classes}}; "regions" only when there is a map.
// NaN and infinity as "nan", "inf", "-inf" (protocol/json_numbers.h).
void to_json(nlohmann::json& j, const TrainingPicture& picture);
// Throws nlohmann::json::exception for what to_json does not write (grids of unequal rows,
// classes out of range, sizes beyond the limits).
void from_json(const nlohmann::json& j, TrainingPicture& picture);

}  // namespace nn_grade::protocol
