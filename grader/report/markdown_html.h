// HTML for the Markdown the grader itself writes (feedback_markdown.h): headings, paragraphs,
// pipe tables (with \| in cells and :--- alignment), fenced code blocks of any fence length,
// `code`, **bold** and *italic*. Not CommonMark: anything else is shown as text. All text is
// escaped, so what a submission put in a code block or a name stays text.
#pragma once

#include <string>

namespace report {

std::string markdown_html(const std::string& markdown);

}  // namespace report
