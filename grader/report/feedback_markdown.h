// The feedback a TA sends a student as it is (Markdown): score and status, a table of checks per
// part of the coursework, each failure's output in a code block with the command that
// reproduces it, and a kind closing line. It is the release copy: hidden checks' results are
// included, and it says so.
#pragma once

#include <string>

#include "protocol/result.h"
#include "score/rubric.h"

namespace nn_grade::report {

std::string feedback_markdown(const protocol::SubmissionResult& result,
                              const score::Rubric& rubric);

}  // namespace nn_grade::report
