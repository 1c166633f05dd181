// A metamorphic probe (checks.md, "Probes"): how a wrong answer's size follows the batch size.
// At batches of 2, 4 and 8 samples, the student's answer is compared with the right one; when it
// is a multiple r of it at each, and r = batch^p for one whole p (-2 to 2, not 0) at all three,
// the probe says which way the answer depends on the batch size, in plain words. It names no
// cause (a factor of 1 / batch at one batch size is diagnosis.h's to name, from its probes).
#pragma once

#include <functional>
#include <optional>
#include <string>

#include "harness/diagnosis.h"

namespace nn_grade::harness {

// `answer(b)` runs the student's code on a new batch of b samples and returns a Probe with
// `yours` and `right`. The sentence, or nullopt when no power of the batch fits, or the student's
// code throws (StudentThrew) at one of the sizes.
std::optional<std::string> batch_scaling(const std::string& quantity,
                                         const std::function<Probe(int batch)>& answer);

}  // namespace nn_grade::harness
