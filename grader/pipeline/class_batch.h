// Grading a class: which submissions need grading (the others' results are kept), grading them
// in parallel, and writing each result the moment it exists. What `grade --batch` drives; the
// terminal, the gradebooks and the summary are the CLI's.
#pragma once

#include <cstddef>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "discover/submission.h"
#include "pipeline/grade_submission.h"
#include "protocol/result.h"

namespace nn_grade::pipeline {

// Why a submission of a batch is graded rather than kept.
enum class GradeReason {
  kNoResult,     // OUT holds no result for it: never graded, or by a shard that never ran
  kChanged,      // its result is out of date: its files, the rubric, the seed or the toolchain
  kGraderError,  // its result was the grader's error, which is always graded again
};

// One result per submission, in discovery's order: a kept result where OUT holds one still
// valid (resume.h), else a slot for `todo` to fill (or, for a submission not included, left
// empty).
struct BatchPlan {
  std::vector<protocol::SubmissionResult> results;
  std::vector<std::string> fingerprints;  // per submission ("" when not included)
  std::vector<std::size_t> todo;          // indices of the submissions to grade
  std::vector<GradeReason> reasons;       // why, one per entry of `todo`
  std::vector<std::size_t> kept;          // indices of the results kept from OUT
  // Every result OUT held for an included submission before this run, kept or not (read once):
  // what a rerun's changed scores are measured against.
  std::vector<protocol::SubmissionResult> previous;
};

// Plans the submissions `include` accepts (all when it is empty).
BatchPlan plan_batch(const std::vector<discover::Submission>& submissions,
                     const std::filesystem::path& out, const GradingContext& context,
                     const std::function<bool(const discover::Submission&)>& include = {});

// What discovery decided about a submission (late, Canvas user, notes), copied into its result.
void stamp_discovery(const discover::Submission& submission, protocol::SubmissionResult* result);

// Grades one submission of a batch: never throws (the grader's own failure becomes
// grader_error, graded again next run), stamped with discovery's fields and `fingerprint`.
protocol::SubmissionResult grade_one(const discover::Submission& submission,
                                     const GradingContext& context, const std::string& fingerprint);

// OUT/<key>/result.json, feedback.md and feedback.html, each written whole or not at all. Throws
// std::runtime_error (a full disk, say) with what could not be written.
void write_results(const std::filesystem::path& out, const protocol::SubmissionResult& result,
                   const score::Rubric& rubric);

// OUT/<key>/feedback.html: what the class report links to.
std::filesystem::path feedback_page_path(const std::filesystem::path& out,
                                         const protocol::SubmissionResult& result);

// Writes the pages a kept result lacks (one graded before feedback pages existed gets its
// feedback.html, which the class report links to); result.json and feedback.md are never
// rewritten. False, with `err` set, when a page could not be written: that loses a link, not a
// grade, so the caller says so and goes on.
bool write_missing_pages(const std::filesystem::path& out, const protocol::SubmissionResult& result,
                         const score::Rubric& rubric, std::string* err);

struct BatchEvents {
  std::function<void(const discover::Submission&)> on_start;
  // After its files are written (or could not be: `write_error` says why, else "").
  std::function<void(const protocol::SubmissionResult&, const std::string& write_error)> on_done;
};

// Grades plan.todo on `jobs` + 1 threads (one more keeps the slots busy while a thread is
// between processes), writing each result into `out` and into plan->results. Events come from
// the worker threads.
void grade_batch(const std::vector<discover::Submission>& submissions, BatchPlan* plan,
                 const std::filesystem::path& out, int jobs, const GradingContext& context,
                 const BatchEvents& events);

}  // namespace nn_grade::pipeline
