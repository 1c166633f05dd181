// The usual mistakes the harness recognises (checks.md, "Recognising the usual mistakes").
// When a check fails and the wrong answer matches one of these, its CheckReport carries the
// code in `diagnosis` and a sentence naming it in `output`. The codes are stable: the corpus
// under tests/corpus names them in its manifests.
#pragma once

namespace mistakes {

constexpr const char* kDividedByBatch =
    "divided_by_batch";  // exactly 1/batch of right: a mean taken twice
constexpr const char* kMultipliedByBatch =
    "multiplied_by_batch";  // exactly batch times right: a mean never taken
constexpr const char* kConstantFactor = "constant_factor";  // another constant factor (2, 1/2, ...)
constexpr const char* kOppositeSign = "opposite_sign";
constexpr const char* kAllZero = "all_zero";  // never written, or overwritten with zeros
constexpr const char* kOneRow = "one_row";    // bias gradient of one row, not the batch sum
constexpr const char* kTransposed = "transposed";
constexpr const char* kSigmoidWrongQuantity =
    "sigmoid_wrong_quantity";                                 // s(1-s) of x, or of sigma(s)
constexpr const char* kReluMaskAtZero = "relu_mask_at_zero";  // mask x >= 0: gradient passes at 0
constexpr const char* kReluNoMask = "relu_no_mask";           // gradient passed through unchanged
constexpr const char* kForwardOrder = "forward_order";        // MLP backward in forward order
constexpr const char* kOverwritesGradient = "overwrites_gradient";  // = instead of +=
constexpr const char* kStaleCache = "stale_cache";       // uses the first forward's cache
constexpr const char* kNotFinite = "not_finite";         // NaN or inf: an unstable formula
constexpr const char* kLogOfSoftmax = "log_of_softmax";  // -log p[label] with p rounded to 0
constexpr const char* kMomentumNoMemory = "momentum_no_memory";  // velocity not kept between steps
constexpr const char* kMomentumWrongSign = "momentum_wrong_sign";
constexpr const char* kZeroGradNoop = "zero_grad_noop";    // gradients left as they were
constexpr const char* kZeroGradShape = "zero_grad_shape";  // gradients resized or emptied
constexpr const char* kActivationAfterLast = "activation_after_last";  // logits squashed
constexpr const char* kMissingActivation = "missing_activation";
constexpr const char* kNoMatch = "";  // wrong, and like none of the above: say so plainly

}  // namespace mistakes
