// What a TA reads after `grade --batch`: how many submissions ended how, how the scores spread,
// and which checks failed most (what to re-teach).
#pragma once

#include <array>
#include <map>
#include <ostream>
#include <string>
#include <vector>

#include "protocol/result.h"
#include "report/terminal_report.h"

namespace nn_grade::report {

struct CheckFailures {
  std::string id;
  std::string name;
  int failed = 0;  // ran and did not earn every point (failed, error, timeout, crashed)
  int ran = 0;
};

struct ClassSummary {
  int submissions = 0;
  std::map<protocol::SubmissionStatus, int> per_status;  // graded -> 41, build_failed -> 2, ...
  // Over every submission but grader_error ones (a build failure counts, with its 0).
  int scored = 0;
  double min = 0.0, median = 0.0, mean = 0.0, max = 0.0;
  double max_score = 0.0;
  std::array<int, 10> histogram{};         // percent of max_score in [0,10), ..., [90,100]
  std::vector<CheckFailures> most_failed;  // most failed first; only checks that failed
};

ClassSummary summarize_class(const std::vector<protocol::SubmissionResult>& results);

// A dozen lines or so: statuses, distribution, the `top` most failed checks.
void print_class_summary(std::ostream& out, const ClassSummary& summary, const TerminalStyle& style,
                         std::size_t top = 8);

}  // namespace nn_grade::report
