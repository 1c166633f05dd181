// train.spiral's picture, drawn as text from the check's typed "training" field: the loss curve
// as a sparkline, and the decision regions the student's MLP learned as a map of letters with
// the training points on it. The terminal shows it (on failure, and on a pass with --verbose),
// the feedback file as a code block.
#pragma once

#include <string>
#include <vector>

#include "protocol/training_picture.h"

namespace nn_grade::report {

// One character per value, its height between the smallest and the largest finite value:
// ▁▂▃▄▅▆▇█, or in ASCII _.-:=+*#; "!" for a value that is not finite. More values than `width`
// are sampled evenly (the first and the last always kept). Equal values sit mid-height, but
// zeros at the bottom: a loss of 0 every epoch is drawn as zeros.
std::string sparkline(const std::vector<double>& values, int width, bool unicode);

// "Loss over 300 epochs: 1.099 ▇▆▄▃▂▁▁ 0.0412", the values' ends beside the sparkline.
std::string loss_line(const protocol::TrainingPicture& picture, bool unicode);

// The map, framed, one character per cell: the predicted class as a lowercase letter (a for
// class 0), a training point as its class's digit (0 for class 0), "?" where the logits were not
// finite; then the legend on one line. No lines when the picture has no map.
std::vector<std::string> region_map(const protocol::TrainingPicture& picture);

// The loss line, then the map: the whole picture, lines ending in '\n'.
std::string training_picture_text(const protocol::TrainingPicture& picture, bool unicode);

}  // namespace nn_grade::report
