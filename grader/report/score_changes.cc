#include "report/score_changes.h"

#include <cmath>
#include <unordered_map>

#include <fmt/format.h>

#include "report/components.h"
#include "util/count_text.h"
#include "util/points_text.h"

namespace nn_grade::report {
namespace {

Grade grade_of(const protocol::SubmissionResult& result) {
  return {result.status, result.score, result.max_score};
}

// Canvas keeps two decimals: 7.333 and 7.334 are the same grade there.
bool same_points(double a, double b) { return std::lround(a * 100) == std::lround(b * 100); }

bool same_grade(const Grade& a, const Grade& b) {
  return a.status == b.status && same_points(a.score, b.score) &&
         same_points(a.max_score, b.max_score);
}

}  // namespace

std::vector<ScoreChange> score_changes(const std::vector<protocol::SubmissionResult>& before,
                                       const std::vector<protocol::SubmissionResult>& after) {
  std::vector<ScoreChange> changes;
  if (before.empty()) return changes;
  std::unordered_map<std::string, const protocol::SubmissionResult*> earlier;
  for (const protocol::SubmissionResult& result : before) earlier[result.submission] = &result;
  for (const protocol::SubmissionResult& result : after) {
    const Grade now = grade_of(result);
    const auto found = earlier.find(result.submission);
    if (found == earlier.end()) {
      changes.push_back({result.submission, std::nullopt, now});
      continue;
    }
    const Grade then = grade_of(*found->second);
    if (!same_grade(then, now)) changes.push_back({result.submission, then, now});
  }
  return changes;
}

std::string grade_text(const Grade& grade) {
  const std::string points =
      util::points_text(grade.score) + " / " + util::points_text(grade.max_score);
  if (grade.status == protocol::SubmissionStatus::kGraded) return points;
  return points + " (" + protocol::to_string(grade.status) + ")";
}

void print_score_changes(std::ostream& out, const std::vector<ScoreChange>& changes) {
  if (changes.empty()) {
    out << "No score changed since the last run into this folder.\n";
    return;
  }
  out << fmt::format(
      "{} changed since the last run into this folder; check before importing into "
      "Canvas again:\n",
      util::count_text(static_cast<long long>(changes.size()), "score"));
  for (const ScoreChange& change : changes) {
    out << fmt::format("  {}: {} -> {}\n", change.submission,
                       change.before ? grade_text(*change.before) : "not graded before",
                       grade_text(change.after));
  }
}

}  // namespace nn_grade::report
