// When a Gradescope submission was made and when it was due for the students who made it, from
// Gradescope's submission_metadata.json (docs/gradescope.md, Sources):
//   {"created_at": "2026-11-30T10:30:00.000000+00:00",
//    "assignment": {"due_date": "...", "late_due_date": null, ...},
//    "users": [{"id": 1234, "assignment": {"release_date": "...", "due_date": "...",
//                                          "late_due_date": "..." or null}}, ...]}
// Each user's own "assignment" holds that student's dates, an extension included (Gradescope
// writes it though its documentation does not show it: gradescope/autograder_samples issue 60).
// A group submission lists every member: the group's dates are the latest of its members', so
// no one loses points for a teammate's earlier deadline. Metadata whose users carry no dates
// gives the assignment's.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

namespace nn_grade::score {

struct SubmissionDates {
  std::int64_t created_at = 0;  // seconds since the Unix epoch
  std::int64_t due_date = 0;
  // The end of late submissions, when one is set: Gradescope takes none after it from the
  // student, only from staff (an upload on the student's behalf).
  std::optional<std::int64_t> late_due_date;
  std::string due_date_text;             // as the metadata writes it, for the staff's log
  std::string assignment_due_date_text;  // the assignment's own, "" when it has none
  bool own_dates = false;                // from users[]: the students' dates, not the assignment's

  std::int64_t seconds_late() const { return created_at - due_date; }
  // The students' due date is not the assignment's: an extension.
  bool extended() const { return own_dates && due_date_text != assignment_due_date_text; }
  bool after_late_due_date() const { return late_due_date && created_at > *late_due_date; }
};

// false with `err` saying why when the file is missing or not JSON, or holds no created_at or
// no due date (neither the users' nor the assignment's) that score::parse_iso8601 reads.
bool read_submission_dates(const std::filesystem::path& metadata, SubmissionDates* dates,
                           std::string* err);

}  // namespace nn_grade::score
