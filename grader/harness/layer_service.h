// The checker's side of the stand-in layers (grader/server/standin_layers.cc): a layer call the
// stand-in server sends in the middle of a call (ReplyStatus::kLayerCall), carried out with the
// checker's own formulas (formulas.h). Only a checker judging a check alone answers them
// (checker_main.cc); the student kit's checker has no such answer at all (docs/student-kit.md).
//
// Bounded like every read: the call must be a whole LayerCall of a known class; every field's
// shape must fit the layer's (W (in, out), b (1, out), grads like them, a cache like the
// argument); and no product may cost more than kMostLayerTerms multiplications. What breaks
// these is refused, with a sentence for the student naming the shapes (the student's MLP passed
// them), never the grader's fault.
#pragma once

#include <cstdint>

#include "protocol/server_protocol.h"

namespace nn_grade::harness {

// The most multiplications one layer call may cost the checker: 2^26 (the course's largest
// layer, 128 x 128 on a batch of 300, is 4.9 million).
constexpr std::uint64_t kMostLayerTerms = 1ull << 26;

// The answer (a protocol::LayerAnswer and what follows it) to the LayerCall in `call`, read
// after its ReplyStatus. Never throws for what the call holds.
protocol::Writer answer_layer_call(protocol::Reader& call);

}  // namespace nn_grade::harness
