// HTML for the Markdown the grader itself writes (feedback_markdown.h), rendered by cmark-gfm
// (GitHub's fork of cmark, the CommonMark reference) with its table extension, in its safe
// mode: raw HTML in the Markdown is left out and unsafe links dropped, and all text is escaped,
// so what a submission put in a code block or a name stays text.
#pragma once

#include <string>

namespace nn_grade::report {

std::string markdown_html(const std::string& markdown);

}  // namespace nn_grade::report
