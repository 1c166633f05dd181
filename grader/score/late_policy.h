// A late policy: how much a submission made after the deadline loses. The rubric states it
//   late_policy: {percent_per_day: 10, max_percent: 50, grace_minutes: 15}
// and Gradescope's submission_metadata.json says when the submission was made and when it was
// due for its students (score/gradescope_dates.h).
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace nn_grade::score {

struct LatePolicy {
  double percent_per_day = 0.0;  // of the score, per started day after the deadline (and grace)
  double max_percent = 100.0;    // never more than this in all
  double grace_minutes = 0.0;    // this long after the deadline still counts as on time
};

// What the policy did to one submission.
struct LateOutcome {
  std::int64_t seconds_late = 0;  // after the deadline, grace not deducted; 0 when on time
  int days_charged = 0;           // started days after the deadline and grace
  double percent = 0.0;           // of the score taken off: min(days * per day, max)
  double score_before = 0.0;
  double score_after = 0.0;  // rounded to 0.01
};

// Seconds since the Unix epoch of an ISO 8601 time with its offset, as Gradescope writes them:
// "2018-07-01T14:22:32.365935-07:00", "2018-07-31T23:00:00Z". nullopt for anything else.
std::optional<std::int64_t> parse_iso8601(const std::string& text);

// The policy applied to `score` for a submission `seconds_late` after the deadline (negative
// or 0: on time, nothing taken).
LateOutcome apply_late_policy(const LatePolicy& policy, std::int64_t seconds_late, double score);

// "1 day 3 hours", "45 minutes", "2 days": how late, for a student.
std::string lateness_text(std::int64_t seconds_late);

}  // namespace nn_grade::score
