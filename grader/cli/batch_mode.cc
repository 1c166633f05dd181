#include "batch_mode.h"

#include <fmt/format.h>

#include <atomic>
#include <chrono>
#include <iostream>
#include <thread>

#include "atomic_file.h"
#include "class_page.h"
#include "class_summary.h"
#include "containment.h"
#include "discover.h"
#include "feedback_html.h"
#include "feedback_markdown.h"
#include "gradebook/canvas_gradebook.h"
#include "gradebook/canvas_import.h"
#include "gradebook/points_text.h"
#include "gradebook/summary_csv.h"
#include "result_json.h"
#include "resume.h"
#include "score_changes.h"
#include "status_line.h"

namespace cli {
namespace fs = std::filesystem;
namespace {

using Clock = std::chrono::steady_clock;

// What the progress line shows, shared by the workers.
struct Progress {
  int total = 0;
  std::atomic<int> done{0};
  std::atomic<int> running{0};
  std::atomic<int> failed{0};
  Clock::time_point start = Clock::now();

  std::string line() const {
    std::string text = fmt::format("[{}/{}] {} running, {} not graded", done.load(), total,
                                   running.load(), failed.load());
    double elapsed = std::chrono::duration<double>(Clock::now() - start).count();
    if (done > 0 && done < total) {
      text += fmt::format(", ~{:.0f} s left", elapsed / done * (total - done));
    }
    return text;
  }
};

grading::SubmissionResult grade_one(const discover::Submission& submission,
                                    const GradingContext& context, const std::string& fingerprint) {
  grading::SubmissionResult result;
  try {
    result = grade_submission(submission.dir, submission.key, context);
  } catch (const std::exception& error) {  // the grader's own fault: graded again next run
    result.submission = submission.key;
    result.status = grading::submission_status::kGraderError;
    result.build_log = std::string("the grader failed: ") + error.what();
  }
  result.fingerprint = fingerprint;
  result.late = submission.late;
  if (!submission.canvas_user_id.empty()) {
    result.extra["canvas_user_id"] = submission.canvas_user_id;
    result.extra["sortable_name"] = submission.sortable_name;
  }
  if (!submission.notes.empty()) result.extra["notes"] = submission.notes;
  return result;
}

fs::path feedback_page_path(const fs::path& out, const grading::SubmissionResult& result) {
  return out / result.submission / "feedback.html";
}

// OUT/<key>/result.json, feedback.md and feedback.html, each written whole or not at all.
void write_results(const fs::path& out, const grading::SubmissionResult& result,
                   const score::Rubric& rubric) {
  fs::create_directories(out / result.submission);
  report::write_result_json(out, result);
  report::write_file_atomically(out / result.submission / "feedback.md",
                                report::feedback_markdown(result, rubric));
  report::write_file_atomically(feedback_page_path(out, result),
                                report::feedback_html(result, rubric));
}

// A result kept from a run before feedback pages existed gets its page, which the class report
// links to. Failing to write it loses a link, not a grade: said, and the batch goes on.
void write_missing_feedback_page(const fs::path& out, const grading::SubmissionResult& result,
                                 const score::Rubric& rubric) {
  const fs::path page = feedback_page_path(out, result);
  if (fs::exists(page)) return;
  try {
    report::write_file_atomically(page, report::feedback_html(result, rubric));
  } catch (const std::exception& error) {
    std::cout << "  could not write " << page.string() << ": " << error.what() << "\n";
  }
}

// Grades `todo` (indices into `submissions`) on `jobs` threads, filling `results`.
void grade_in_parallel(const std::vector<discover::Submission>& submissions,
                       const std::vector<size_t>& todo,
                       const std::vector<std::string>& fingerprints, const BatchOptions& options,
                       const GradingContext& context,
                       std::vector<grading::SubmissionResult>& results) {
  StatusLine status(stdout_is_terminal());
  Progress progress;
  progress.total = static_cast<int>(todo.size());
  std::atomic<size_t> next{0};
  auto worker = [&] {
    for (size_t i; (i = next++) < todo.size();) {
      const discover::Submission& submission = submissions[todo[i]];
      ++progress.running;
      status.update(progress.line());
      grading::SubmissionResult result = grade_one(submission, context, fingerprints[todo[i]]);
      try {
        write_results(options.out, result, context.rubric);
      } catch (const std::exception& error) {  // a full disk, say: the next run grades it again
        status.print(
            fmt::format("could not write the results of {}: {}", submission.key, error.what()));
      }
      --progress.running;
      ++progress.done;
      if (result.status != grading::submission_status::kGraded) ++progress.failed;
      status.print(fmt::format("{:>6.1f}/{:<5g} {:<13} {}{}", result.score, result.max_score,
                               result.status, submission.key, result.late ? " (late)" : ""));
      status.update(progress.line());
      results[todo[i]] = std::move(result);
    }
  };
  // One thread more than jobs keeps the slots busy while a thread is between processes.
  size_t threads = std::min(todo.size(), static_cast<size_t>(options.jobs) + 1);
  std::vector<std::thread> pool;
  for (size_t t = 0; t < threads; ++t) pool.emplace_back(worker);
  for (std::thread& thread : pool) thread.join();
  status.clear();
}

std::string canvas_assignment(const BatchOptions& options, const GradingContext& context) {
  return options.canvas_assignment.empty() ? context.rubric.canvas_assignment
                                           : options.canvas_assignment;
}

// A gradebook that cannot be read, or whose column cannot be told apart, stops the batch
// before any grading rather than after it.
void check_gradebook(const BatchOptions& options, const GradingContext& context) {
  if (options.canvas_gradebook.empty()) return;
  gradebook::find_assignment_column(gradebook::read_canvas_gradebook(options.canvas_gradebook),
                                    canvas_assignment(options, context));
}

std::string points_phrase(double points) {
  const std::string text = gradebook::points_text(points);
  return text + (text == "1" ? " point" : " points");
}

void write_gradebooks(const BatchOptions& options, const GradingContext& context,
                      const std::vector<grading::SubmissionResult>& results) {
  std::vector<std::string> check_ids;
  for (const score::RubricCheck& check : context.rubric.checks) check_ids.push_back(check.id);
  gradebook::write_summary_csv(options.out / "summary.csv", results, check_ids);
  std::cout << "Wrote " << (options.out / "summary.csv").string() << "\n";
  if (options.canvas_gradebook.empty()) return;

  gradebook::CanvasImportOptions import;
  import.assignment = canvas_assignment(options, context);
  import.rubric_points = context.rubric.total_points();
  import.missing = options.canvas_missing;
  const fs::path import_csv = options.out / "canvas-import.csv";
  const fs::path changes_csv = options.out / "canvas-changes.csv";
  gradebook::CanvasMatch match =
      gradebook::write_canvas_import(options.canvas_gradebook, import, results, import_csv);
  report::write_file_atomically(changes_csv, gradebook::canvas_changes_csv(match.changes));
  std::cout << fmt::format("Wrote {} (column \"{}\")\n", import_csv.string(),
                           match.assignment_column);
  if (!match.canvas_points) {
    std::cout << fmt::format(
        "  Canvas's export does not say what \"{}\" is worth: scores are out of the rubric's {}.\n",
        match.assignment_column, points_phrase(import.rubric_points));
  } else if (match.scale != 1.0) {
    std::cout << fmt::format(
        "  \"{}\" is worth {} in Canvas and the rubric {}: scores are scaled to Canvas's "
        "(a full {} becomes {}).\n",
        match.assignment_column, points_phrase(*match.canvas_points),
        points_phrase(import.rubric_points), gradebook::points_text(import.rubric_points),
        gradebook::points_text(*match.canvas_points));
  }
  for (const std::string& key : match.unmatched_submissions) {
    std::cout << "  not in the gradebook, so not imported: " << key << "\n";
  }
  const bool zero = options.canvas_missing == gradebook::MissingSubmission::kZero;
  for (const std::string& student : match.students_without_submission) {
    std::cout << (zero ? "  no submission, imported as 0: "
                       : "  no submission, left out (Canvas keeps their grade): ")
              << student << "\n";
  }
  for (const std::string& student : match.left_out) {
    std::cout << "  left out, to grade again (the grader failed, not the student): " << student
              << "\n";
  }
  if (match.changes.empty()) {
    std::cout << "  No grade already in Canvas changes (" << changes_csv.string() << ").\n";
    return;
  }
  std::cout << fmt::format(
      "  {} grade{} already in Canvas would change ({}); check before "
      "uploading:\n",
      match.changes.size(), match.changes.size() == 1 ? "" : "s", changes_csv.string());
  for (const gradebook::GradeChange& change : match.changes) {
    std::cout << fmt::format("    {} (ID {}): {} -> {}\n", change.student, change.id, change.before,
                             change.after);
  }
}

// Canvas names the files of an anonymously graded assignment "[LATE_]anon_<anonymous id>_
// <attachment id>_<name>" instead of "<sortable name>[_LATE]_<user id>_..." (instructure/canvas-lms
// lib/content_zipper.rb, get_filename): nothing in them says whose they are.
bool is_anonymous_canvas_file(std::string name) {
  if (!name.empty() && name.back() == '/') name.pop_back();
  if (name.rfind("LATE_", 0) == 0 || name.rfind("late_", 0) == 0) name.erase(0, 5);
  return name.rfind("anon_", 0) == 0 && name.size() > 5;
}

// Canvas's gradebook import also takes no grade for an anonymous assignment whose grades are
// not posted (gradebook_importer.rb, gradeable?: unposted_anonymous_submissions?).
std::string anonymous_download_message(size_t files) {
  return fmt::format(
      "{} file{} from an anonymous-grading download (named anon_<id>_...): Canvas hides whose "
      "they are, so they cannot be graded per student. Either put each anon_<id>'s files in a "
      "folder named <id> and grade that folder of folders with --batch (scores by anonymous id, "
      "to enter in SpeedGrader), or, once grades may be seen, turn anonymous grading off for the "
      "assignment and download the submissions again.",
      files, files == 1 ? "" : "s");
}

size_t count_anonymous_files(const fs::path& dir) {
  size_t count = 0;
  std::error_code error;
  for (auto it = fs::recursive_directory_iterator(dir, error);
       !error && it != fs::recursive_directory_iterator(); it.increment(error)) {
    if (it->is_regular_file(error) && is_anonymous_canvas_file(it->path().filename().string())) {
      ++count;
    }
  }
  return count;
}

// Discovery, with one clear message when SUBMISSIONS is an anonymous-grading download.
discover::Discovery discover_submissions(const BatchOptions& options) {
  const fs::path staging = options.out / ".staging";
  try {
    return discover::find_submissions(options.submissions, staging, {options.out});
  } catch (const discover::DiscoveryError&) {
    const fs::path unpacked =
        fs::is_directory(options.submissions) ? options.submissions : staging / ".archive";
    const size_t anonymous = count_anonymous_files(unpacked);
    if (anonymous > 0) throw std::runtime_error(anonymous_download_message(anonymous));
    throw;
  }
}

void report_discovery(const discover::Discovery& found) {
  for (const std::string& warning : found.warnings) std::cout << "  warning: " << warning << "\n";
  size_t anonymous = 0;
  for (const std::string& file : found.unmatched_files) {
    if (is_anonymous_canvas_file(file)) {
      ++anonymous;
    } else {
      std::cout << "  not part of any submission (ignored): " << file << "\n";
    }
  }
  if (anonymous > 0) std::cout << "  warning: " << anonymous_download_message(anonymous) << "\n";
  for (const discover::Submission& submission : found.submissions) {
    for (const std::string& note : submission.notes) {
      std::cout << "  " << submission.key << ": " << note << "\n";
    }
  }
}

// A class graded without a sandbox is graded, but the TA should know what that risks.
void warn_without_sandbox(const GradingContext& context) {
  std::string error;
  const auto containment = run::containment_for(context.rubric.isolation, &error);
  if (containment != run::Containment::kRlimits && containment != run::Containment::kUser) return;
  std::cout << "warning: students' code runs with resource limits but no sandbox: a submission "
               "could read (and print into its feedback) any file "
            << (containment == run::Containment::kUser ? "everyone" : "you")
            << " can read. Install bubblewrap, grade as root with isolation auto, or pass "
               "--isolation sandbox to refuse to grade without either.\n";
}

}  // namespace

int run_batch(const BatchOptions& options, const GradingContext& context) {
  check_gradebook(options, context);
  warn_without_sandbox(context);
  fs::create_directories(options.out);
  discover::Discovery found = discover_submissions(options);
  report_discovery(found);

  std::vector<grading::SubmissionResult> results(found.submissions.size());
  std::vector<grading::SubmissionResult> previous;  // OUT's results before this run
  std::vector<std::string> fingerprints;
  std::vector<size_t> todo;
  for (size_t i = 0; i < found.submissions.size(); ++i) {
    const discover::Submission& submission = found.submissions[i];
    fingerprints.push_back(submission_fingerprint(submission.dir, context));
    auto stored = report::read_result_json(report::result_json_path(options.out, submission.key));
    if (stored) previous.push_back(*stored);
    if (stored && is_reusable(*stored, fingerprints[i])) {
      write_missing_feedback_page(options.out, *stored, context.rubric);
      results[i] = std::move(*stored);
    } else {
      todo.push_back(i);
    }
  }
  std::cout << fmt::format(
      "Grading {} submissions ({} already graded and unchanged), {} jobs, seed {}\n", todo.size(),
      results.size() - todo.size(), options.jobs, context.seed);

  grade_in_parallel(found.submissions, todo, fingerprints, options, context, results);
  write_gradebooks(options, context, results);
  report::TerminalStyle style;
  style.color = stdout_wants_colour();
  report::print_class_summary(std::cout, report::summarize_class(results), style);
  std::vector<report::ScoreChange> changes = report::score_changes(previous, results);
  if (!previous.empty()) report::print_score_changes(std::cout, changes);
  const fs::path page = write_class_page(options.out, context, results, std::move(changes));
  std::cout << "Wrote " << page.string() << ": the class at a glance\n";
  return 0;
}

}  // namespace cli
