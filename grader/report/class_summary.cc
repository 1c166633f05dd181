#include "report/class_summary.h"

#include <algorithm>
#include <numeric>

#include <fmt/format.h>

#include "report/components.h"
#include "report/wording.h"
#include "util/count_text.h"
#include "util/points_text.h"

namespace nn_grade::report {
namespace {

void add_distribution(ClassSummary& summary, std::vector<double> scores) {
  summary.scored = static_cast<int>(scores.size());
  if (scores.empty()) return;
  std::sort(scores.begin(), scores.end());
  const std::size_t n = scores.size();
  summary.min = scores.front();
  summary.max = scores.back();
  summary.median = n % 2 == 1 ? scores[n / 2] : (scores[n / 2 - 1] + scores[n / 2]) / 2.0;
  summary.mean = std::accumulate(scores.begin(), scores.end(), 0.0) / static_cast<double>(n);
  for (double score : scores) {
    const double percent = summary.max_score > 0 ? 100.0 * score / summary.max_score : 0.0;
    const int bucket = std::clamp(static_cast<int>(percent / 10.0), 0, 9);
    summary.histogram[static_cast<std::size_t>(bucket)] += 1;
  }
}

void add_check_failures(const protocol::SubmissionResult& result,
                        std::vector<CheckFailures>& checks) {
  for (const protocol::CheckResult& check : result.checks) {
    if (check.status == protocol::CheckStatus::kSkipped ||
        check.status == protocol::CheckStatus::kGraderError) {
      continue;
    }
    auto found = std::find_if(checks.begin(), checks.end(),
                              [&](const CheckFailures& c) { return c.id == check.id; });
    if (found == checks.end()) found = checks.insert(checks.end(), {check.id, check.name, 0, 0});
    found->ran += 1;
    if (needs_attention(check)) found->failed += 1;
  }
}

}  // namespace

ClassSummary summarize_class(const std::vector<protocol::SubmissionResult>& results) {
  ClassSummary summary;
  std::vector<double> scores;
  std::vector<CheckFailures> checks;  // in the order first met: the rubric's
  for (const protocol::SubmissionResult& result : results) {
    summary.submissions += 1;
    summary.per_status[result.status] += 1;
    summary.max_score = std::max(summary.max_score, result.max_score);
    if (result.status == protocol::SubmissionStatus::kGraderError) continue;
    scores.push_back(result.score);
    add_check_failures(result, checks);
  }
  add_distribution(summary, scores);
  std::stable_sort(
      checks.begin(), checks.end(),
      [](const CheckFailures& a, const CheckFailures& b) { return a.failed > b.failed; });
  for (const CheckFailures& check : checks) {
    if (check.failed > 0) summary.most_failed.push_back(check);
  }
  return summary;
}

void print_class_summary(std::ostream& out, const ClassSummary& summary, const TerminalStyle& style,
                         std::size_t top) {
  std::string statuses;
  for (const auto& [status, count] : summary.per_status) {
    statuses +=
        fmt::format("{}{} {}", statuses.empty() ? "" : ", ", count, protocol::to_string(status));
  }
  out << fmt::format("{}: {}\n", util::count_text(summary.submissions, "submission"),
                     statuses.empty() ? "none" : statuses);
  if (summary.scored == 0) return;
  out << fmt::format("Scores (of {}): min {}, median {}, mean {}, max {}\n",
                     util::points_text(summary.max_score), util::points_text(summary.min),
                     util::points_text(summary.median), util::points_text(summary.mean),
                     util::points_text(summary.max));
  const int largest = *std::max_element(summary.histogram.begin(), summary.histogram.end());
  const int bar_room = std::max(10, std::min(40, style.width - 20));
  for (int bucket = 9; bucket >= 0; --bucket) {
    const int count = summary.histogram[static_cast<std::size_t>(bucket)];
    const int bar = largest > 0 ? (count * bar_room + largest - 1) / largest : 0;
    const std::string range =
        bucket == 9 ? "90-100%" : fmt::format("{}-{}%", bucket * 10, bucket * 10 + 9);
    std::string bar_text;
    for (int i = 0; i < bar; ++i) bar_text += style.unicode ? "█" : "#";
    out << fmt::format("  {:>7} {:>4}{}\n", range, count, bar_text.empty() ? "" : " " + bar_text);
  }
  if (summary.most_failed.empty()) {
    out << "Every check passed for every submission that built.\n";
    return;
  }
  out << "Most failed checks (what to re-teach):\n";
  for (std::size_t i = 0; i < summary.most_failed.size() && i < top; ++i) {
    const CheckFailures& check = summary.most_failed[i];
    out << fmt::format("  {:>4}/{:<4} {:<24} {}\n", check.failed, check.ran, check.id, check.name);
  }
}

}  // namespace nn_grade::report
