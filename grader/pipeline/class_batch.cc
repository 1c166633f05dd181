#include "pipeline/class_batch.h"

#include <algorithm>
#include <atomic>
#include <thread>

#include "pipeline/resume.h"
#include "report/feedback_html.h"
#include "report/feedback_markdown.h"
#include "report/result_json.h"
#include "util/atomic_file.h"

namespace nn_grade::pipeline {

namespace fs = std::filesystem;

BatchPlan plan_batch(const std::vector<discover::Submission>& submissions, const fs::path& out,
                     const GradingContext& context,
                     const std::function<bool(const discover::Submission&)>& include) {
  BatchPlan plan;
  plan.results.resize(submissions.size());
  plan.fingerprints.resize(submissions.size());
  for (std::size_t i = 0; i < submissions.size(); ++i) {
    const discover::Submission& submission = submissions[i];
    if (include && !include(submission)) continue;
    plan.fingerprints[i] = submission_fingerprint(submission.dir, context);
    auto stored = report::read_result_json(report::result_json_path(out, submission.key));
    if (stored) plan.previous.push_back(*stored);
    if (stored && is_reusable(*stored, plan.fingerprints[i])) {
      plan.results[i] = std::move(*stored);
      plan.kept.push_back(i);
    } else {
      plan.todo.push_back(i);
      plan.reasons.push_back(!stored ? GradeReason::kNoResult
                             : stored->status == protocol::SubmissionStatus::kGraderError
                                 ? GradeReason::kGraderError
                                 : GradeReason::kChanged);
    }
  }
  return plan;
}

void stamp_discovery(const discover::Submission& submission, protocol::SubmissionResult* result) {
  result->late = submission.late;
  result->canvas_user_id = submission.canvas_user_id;
  result->sortable_name = submission.sortable_name;
  result->notes = submission.notes;
}

protocol::SubmissionResult grade_one(const discover::Submission& submission,
                                     const GradingContext& context,
                                     const std::string& fingerprint) {
  protocol::SubmissionResult result;
  try {
    result = grade_submission(submission.dir, submission.key, context);
  } catch (const std::exception& error) {  // the grader's own fault: graded again next run
    result.submission = submission.key;
    result.status = protocol::SubmissionStatus::kGraderError;
    result.build_log = std::string("the grader failed: ") + error.what();
  }
  result.fingerprint = fingerprint;
  stamp_discovery(submission, &result);
  return result;
}

void write_results(const fs::path& out, const protocol::SubmissionResult& result,
                   const score::Rubric& rubric) {
  fs::create_directories(out / result.submission);
  report::write_result_json(out, result);
  util::write_file_atomically(out / result.submission / "feedback.md",
                              report::feedback_markdown(result, rubric));
  util::write_file_atomically(feedback_page_path(out, result),
                              report::feedback_html(result, rubric));
}

fs::path feedback_page_path(const fs::path& out, const protocol::SubmissionResult& result) {
  return out / result.submission / "feedback.html";
}

bool write_missing_pages(const fs::path& out, const protocol::SubmissionResult& result,
                         const score::Rubric& rubric, std::string* err) {
  const fs::path page = feedback_page_path(out, result);
  if (fs::exists(page)) return true;
  try {
    util::write_file_atomically(page, report::feedback_html(result, rubric));
    return true;
  } catch (const std::exception& error) {
    *err = "could not write " + page.string() + ": " + error.what();
    return false;
  }
}

void grade_batch(const std::vector<discover::Submission>& submissions, BatchPlan* plan,
                 const fs::path& out, int jobs, const GradingContext& context,
                 const BatchEvents& events) {
  std::atomic<std::size_t> next{0};
  auto worker = [&] {
    for (std::size_t i; (i = next++) < plan->todo.size();) {
      const std::size_t index = plan->todo[i];
      const discover::Submission& submission = submissions[index];
      if (events.on_start) events.on_start(submission);
      protocol::SubmissionResult result = grade_one(submission, context, plan->fingerprints[index]);
      std::string write_error;
      try {
        write_results(out, result, context.rubric);
      } catch (const std::exception& error) {  // a full disk, say: the next run grades it again
        write_error = error.what();
      }
      if (events.on_done) events.on_done(result, write_error);
      plan->results[index] = std::move(result);
    }
  };
  const std::size_t threads = std::min(plan->todo.size(), static_cast<std::size_t>(jobs) + 1);
  std::vector<std::thread> pool;
  for (std::size_t t = 0; t < threads; ++t) pool.emplace_back(worker);
  for (std::thread& thread : pool) thread.join();
}

}  // namespace nn_grade::pipeline
