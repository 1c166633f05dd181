// The phrases every report shares, so a student reads the same words in the terminal, in the
// feedback file and on Gradescope.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "protocol/result.h"

namespace nn_grade::report {

// "passed", "failed", "threw an exception", "timed out", "crashed", "not run",
// "grader error (not your fault)".
const char* status_phrase(protocol::CheckStatus check_status);

// The check's output (or when it has none, a sentence saying what its status means), the checks
// of code it also runs that fail, then what the student's code printed, if anything. For a check
// that stopped with the same error as an earlier one, only "The same error as ID: " and the
// error's first line.
std::string check_explanation(const protocol::CheckResult& check);

// What a check draws (train.spiral's loss curve and decision regions, report/training_picture.h),
// in Unicode or ASCII; "" for a check without a picture.
std::string picture_text(const protocol::CheckResult& check, bool unicode);

// "grade --local --only ID --seed N" for a check that needs attention and is not the grader's
// fault (the check's own command, else one made from its id and `seed`); else "".
std::string reproduce_command(const protocol::CheckResult& check, std::uint64_t seed);
// The same as a line: "Reproduce: " and the command, or "".
std::string reproduce_line(const protocol::CheckResult& check, std::uint64_t seed);

// Which isolation the checks ran under, in one sentence; "" when no check ran.
std::string isolation_note(std::optional<protocol::Containment> containment);

// For build_failed and missing_files: one line saying what happened and what to do.
std::string build_problem_summary(const protocol::SubmissionResult& result);

// "1 more check (2 points) is graded after the deadline": what a student is told of the checks
// they do not see, by count and points, never by name.
std::string graded_later(int checks, double points);

// Ran and earned less than everything (failed, error, timeout, crashed), or the grader failed.
bool needs_attention(const protocol::CheckResult& check);

// For a check judged alone that passed but fails end to end (CheckResult::end_to_end): both,
// in one sentence for the student, naming the failing checks of their parts; "" otherwise.
// check_explanation includes it; a report shows it for a check that needs no attention too.
std::string whole_picture_note(const protocol::CheckResult& check);

// Where checks the rubric judges alone ran end to end (the student kit, which has no stand-ins):
// the one sentence saying which points the graded run may give differently, and why.
std::string without_standins_note(int alone_checks);

}  // namespace nn_grade::report
