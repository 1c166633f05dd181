// The student's view of one result, for `grade --local`: readable in ten seconds. Checks are
// grouped by part of the coursework, each with a mark and its points; a failure shows its output
// indented (with --verbose a pass's too: its relative errors, train.spiral's picture); a build
// failure shows the compiler's message and what to do. Only visible checks
// are shown: the others are counted ("1 hidden check (2 points) is graded after the deadline").
#pragma once

#include <ostream>

#include "protocol/result.h"
#include "score/rubric.h"

namespace nn_grade::report {

struct TerminalStyle {
  bool color = false;         // ANSI colours: the caller decides, from isatty and NO_COLOR
  bool unicode = true;        // ✓ ✗ marks; false gives PASS / FAIL
  int width = 80;             // the terminal's columns
  int max_output_lines = 15;  // of one check's output; the rest is counted
  bool wrap = false;          // wrap long output lines at `width` (a terminal); else keep them
  bool verbose = false;       // passing checks show what they found too (--verbose)
};

void print_local_report(std::ostream& out, const protocol::SubmissionResult& result,
                        const score::Rubric& rubric, const TerminalStyle& style);

}  // namespace nn_grade::report
