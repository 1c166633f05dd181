// OUT/<key>/feedback.html: feedback.md as a page the class report links to, so a TA reads a
// student's feedback in the browser they read the class in. The same words as feedback.md
// (rendered from it, never written twice), with the report's style; no script at all, and a
// policy that lets none run and nothing load.
#pragma once

#include <string>

#include "protocol/result.h"
#include "score/rubric.h"

namespace nn_grade::report {

std::string feedback_html(const protocol::SubmissionResult& result, const score::Rubric& rubric);

}  // namespace nn_grade::report
