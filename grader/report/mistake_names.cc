#include "report/mistake_names.h"

#include <map>

#include "protocol/mistakes.h"

namespace report {

std::string mistake_name(const std::string& code) {
  static const std::map<std::string, std::string> kNames = {
      {mistakes::kDividedByBatch, "divided by the batch twice (a mean taken twice)"},
      {mistakes::kMultipliedByBatch, "batch times too large (the mean never taken)"},
      {mistakes::kConstantFactor, "off by a constant factor"},
      {mistakes::kOppositeSign, "the opposite sign"},
      {mistakes::kAllZero, "all zeros (never written, or overwritten)"},
      {mistakes::kOneRow, "one row of the batch instead of its sum"},
      {mistakes::kTransposed, "transposed"},
      {mistakes::kSigmoidWrongQuantity, "s(1 - s) of the wrong quantity"},
      {mistakes::kReluMaskAtZero, "ReLU's mask lets the gradient through at 0"},
      {mistakes::kReluNoMask, "ReLU's gradient passed through unmasked"},
      {mistakes::kForwardOrder, "backward runs the layers in forward order"},
      {mistakes::kOverwritesGradient, "gradients overwritten (= instead of +=)"},
      {mistakes::kStaleCache, "a stale cache (the first forward's values)"},
      {mistakes::kNotFinite, "NaN or infinity (an unstable formula)"},
      {mistakes::kMomentumNoMemory, "momentum without memory (velocity not kept)"},
      {mistakes::kMomentumWrongSign, "momentum with the wrong sign"},
      {mistakes::kZeroGradNoop, "zero_grad leaves the gradients as they were"},
      {mistakes::kZeroGradShape, "zero_grad resizes or empties the gradients"},
      {mistakes::kActivationAfterLast, "an activation after the last layer"},
      {mistakes::kMissingActivation, "an activation missing between layers"},
  };
  const auto found = kNames.find(code);
  return found != kNames.end() ? found->second : code;
}

}  // namespace report
