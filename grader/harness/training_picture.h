// The picture of a training run (protocol/training_picture.h), built in the checker from what
// the student's code returned: the loss of each epoch, and the logits its MLP gave for the
// centres of a grid of cells over the spiral. Pure: no call into the student's code here.
#pragma once

#include <vector>

#include <Eigen/Dense>

#include "harness/spiral.h"
#include "protocol/training_picture.h"

namespace nn_grade::harness {

// The map's size: 40 x 20 cells look square on a terminal (a cell is twice as tall as wide).
constexpr int kMapColumns = 40;
constexpr int kMapRows = 20;
// At most this many losses are kept (every k-th epoch's beyond it).
constexpr int kMaxLosses = 300;

struct Extent {
  double x_min = 0, x_max = 0, y_min = 0, y_max = 0;
};

// The square centred on the points of `X` (n x 2) that holds them all with a margin of 5% of its
// side on each side; [-1, 1]^2 when X has no rows.
Extent square_around(const Eigen::MatrixXd& X);

// The centres of a columns x rows grid over `extent`, one per row of the result (n x 2), row by
// row from the top (y_max), left to right.
Eigen::MatrixXd cell_centres(const Extent& extent, int columns, int rows);

// The arg-max of each row of `logits`, laid out as cell_centres lays out the cells; -1 where a
// row is not finite, and everywhere when `logits` is not (columns * rows) x classes.
std::vector<std::vector<int>> predicted_cells(const Eigen::MatrixXd& logits, int columns, int rows,
                                              int classes);

// The class of the points of `data` in each cell (the most of them there; the lowest on a tie),
// -1 for a cell with none.
std::vector<std::vector<int>> point_cells(const Dataset& data, const Extent& extent, int columns,
                                          int rows, int classes);

// Every epoch's loss while there are at most kMaxLosses, else every k-th (from the first), the
// smallest k that fits: {k, the losses kept}.
std::pair<int, std::vector<double>> sampled_losses(const std::vector<double>& losses);

}  // namespace nn_grade::harness
