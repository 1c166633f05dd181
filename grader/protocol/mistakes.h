// The usual mistakes the harness recognises, from the one list in mistakes.def. When a check
// fails and the wrong answer matches one of these, its CheckReport carries the code in
// `diagnosis` and a sentence naming it in `output`. A mistake is named with the same code by
// every check that sees it (docs/checks.md, "One diagnosis everywhere").
#pragma once

namespace nn_grade::protocol::mistakes {

#define MISTAKE(constant, code, name) constexpr const char* constant = code;
#include "protocol/mistakes.def"
#undef MISTAKE

constexpr const char* kNoMatch = "";  // wrong, and like none of the above: say so plainly

struct MistakeInfo {
  const char* code;  // "divided_by_batch"
  const char* name;  // "divided by the batch twice (a mean taken twice)"
};

// Every mistake, in the order of mistakes.def.
inline constexpr MistakeInfo kAll[] = {
#define MISTAKE(constant, code, name) {code, name},
#include "protocol/mistakes.def"
#undef MISTAKE
};

}  // namespace nn_grade::protocol::mistakes
