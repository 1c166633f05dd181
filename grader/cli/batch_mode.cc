#include "cli/batch_mode.h"

#include <unistd.h>

#include <fmt/format.h>

#include <atomic>
#include <chrono>
#include <iostream>

#include "cli/class_page.h"
#include "cli/exit_status.h"
#include "cli/head_step.h"
#include "cli/status_line.h"
#include "discover/discover.h"
#include "gradebook/canvas_gradebook.h"
#include "gradebook/canvas_import.h"
#include "gradebook/summary_csv.h"
#include "pipeline/class_batch.h"
#include "report/class_summary.h"
#include "report/score_changes.h"
#include "run/containment.h"
#include "run/process/child_setup.h"
#include "util/atomic_file.h"
#include "util/count_text.h"
#include "util/free_space.h"
#include "util/points_text.h"
#include "util/utf8_locale.h"

namespace nn_grade::cli {
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

// Grades what the plan says on `jobs` threads, a progress line on the terminal and a line per
// submission as it is done.
void grade_with_progress(const std::vector<discover::Submission>& submissions,
                         pipeline::BatchPlan* plan, const BatchOptions& options,
                         const pipeline::GradingContext& context) {
  StatusLine status(stdout_is_terminal());
  Progress progress;
  progress.total = static_cast<int>(plan->todo.size());
  pipeline::BatchEvents events;
  events.on_start = [&](const discover::Submission&) {
    ++progress.running;
    status.update(progress.line());
  };
  events.on_done = [&](const protocol::SubmissionResult& result, const std::string& write_error) {
    if (!write_error.empty()) {
      status.print(
          fmt::format("could not write the results of {}: {}", result.submission, write_error));
    }
    --progress.running;
    ++progress.done;
    if (result.status != protocol::SubmissionStatus::kGraded) ++progress.failed;
    status.print(fmt::format("{:>6.1f}/{:<5g} {:<13} {}{}", result.score, result.max_score,
                             protocol::to_string(result.status), result.submission,
                             result.late ? " (late)" : ""));
    status.update(progress.line());
  };
  pipeline::grade_batch(submissions, plan, options.out, options.jobs, context, events);
  status.clear();
}

std::string canvas_assignment(const BatchOptions& options,
                              const pipeline::GradingContext& context) {
  return options.canvas_assignment.empty() ? context.rubric.canvas_assignment
                                           : options.canvas_assignment;
}

// A gradebook that cannot be read, or whose column cannot be told apart, stops the batch
// before any grading rather than after it.
void check_gradebook(const BatchOptions& options, const pipeline::GradingContext& context) {
  if (options.canvas_gradebook.empty()) return;
  gradebook::find_assignment_column(gradebook::read_canvas_gradebook(options.canvas_gradebook),
                                    canvas_assignment(options, context));
}

// Another course's gradebook stops the batch before grading, with nothing written for Canvas.
void check_gradebook_matches(const BatchOptions& options,
                             const std::vector<discover::Submission>& submissions) {
  if (options.canvas_gradebook.empty()) return;
  std::vector<protocol::SubmissionResult> keys(submissions.size());
  for (size_t i = 0; i < submissions.size(); ++i) {
    keys[i].submission = submissions[i].key;
    keys[i].canvas_user_id = submissions[i].canvas_user_id;
  }
  gradebook::check_submissions_match(options.canvas_gradebook, keys);
}

std::string points_phrase(double points) {
  const std::string text = util::points_text(points);
  return text + (text == "1" ? " point" : " points");
}

void write_gradebooks(const BatchOptions& options, const pipeline::GradingContext& context,
                      const std::vector<protocol::SubmissionResult>& results) {
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
  util::write_file_atomically(changes_csv,
                              gradebook::canvas_changes_csv(match.changes, match.delimiter));
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
        points_phrase(import.rubric_points), util::points_text(import.rubric_points),
        util::points_text(*match.canvas_points));
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
  std::cout << fmt::format("  {} already in Canvas would change ({}); check before uploading:\n",
                           util::count_text(static_cast<long long>(match.changes.size()), "grade"),
                           changes_csv.string());
  for (const gradebook::GradeChange& change : match.changes) {
    std::cout << fmt::format("    {} (ID {}): {} -> {}\n", change.student, change.id, change.before,
                             change.after);
  }
}

// Canvas marks a late submission's files LATE (content_zipper.rb, get_filename) and says nothing
// of when it was made: the zip's file times are when Canvas made the zip. So a batch takes
// nothing off for lateness, and says so, with where a course can charge it.
void report_uncharged_lateness(const std::vector<protocol::SubmissionResult>& results,
                               const score::Rubric& rubric) {
  std::vector<std::string> late;
  for (const protocol::SubmissionResult& result : results) {
    if (result.late) late.push_back(result.submission);
  }
  if (late.empty()) return;
  std::cout << fmt::format(
      "{} Canvas marked late (LATE in the file names) {} not charged for lateness{}: Canvas's "
      "download says that a submission is late, not when it was made. To charge lateness, turn "
      "on Canvas's Late Policies (Grades > Settings): Canvas applies them to a late submission "
      "as its grade is imported.\n",
      util::count_text(static_cast<long long>(late.size()), "submission"),
      late.size() == 1 ? "was" : "were",
      rubric.late_policy ? " (the rubric's late_policy applies on Gradescope only)" : "");
  for (const std::string& key : late) std::cout << "  late, not charged: " << key << "\n";
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
      "{} from an anonymous-grading download (named anon_<id>_...): Canvas hides whose "
      "they are, so they cannot be graded per student. Either put each anon_<id>'s files in a "
      "folder named <id> and grade that folder of folders with --batch (scores by anonymous id, "
      "to enter in SpeedGrader), or, once grades may be seen, turn anonymous grading off for the "
      "assignment and download the submissions again.",
      util::count_text(static_cast<long long>(files), "file"));
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

// --canvas-missing zero beside an anonymous-grading download would give every student whose
// files are anon_<id>_... a 0 in Canvas: refused before anything is graded.
void refuse_zero_for_anonymous(const BatchOptions& options, size_t anonymous) {
  if (anonymous == 0 || options.canvas_missing != gradebook::MissingSubmission::kZero) return;
  throw std::runtime_error(fmt::format(
      "--canvas-missing zero is refused with an anonymous-grading download: its {} "
      "(named anon_<id>_...) say nobody's name, so their students would match no one in the "
      "gradebook and be imported as 0. Grade without --canvas-missing zero.",
      util::count_text(static_cast<long long>(anonymous), "file")));
}

// Discovery, with one clear message when SUBMISSIONS is an anonymous-grading download.
discover::Discovery discover_submissions(const BatchOptions& options, const fs::path& staging) {
  try {
    return discover::find_submissions(options.submissions, staging, {options.out});
  } catch (const discover::DiscoveryError&) {
    const fs::path unpacked =
        fs::is_directory(options.submissions) ? options.submissions : staging / ".archive";
    const size_t anonymous = count_anonymous_files(unpacked);
    refuse_zero_for_anonymous(options, anonymous);
    if (anonymous > 0) throw std::runtime_error(anonymous_download_message(anonymous));
    throw;
  }
}

void report_discovery(const BatchOptions& options, const discover::Discovery& found) {
  size_t anonymous = 0;
  for (const std::string& file : found.unmatched_files) {
    anonymous += is_anonymous_canvas_file(file) ? 1 : 0;
  }
  refuse_zero_for_anonymous(options, anonymous);
  for (const std::string& warning : found.warnings) std::cout << "  warning: " << warning << "\n";
  for (const std::string& file : found.unmatched_files) {
    if (!is_anonymous_canvas_file(file)) {
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

// What grading `count` submissions may write: each one's objects and server into the cache, its
// results into OUT, and each compile's and check's folder in the temp folder while it runs.
std::vector<util::SpaceNeed> space_needed(const BatchOptions& options,
                                          const pipeline::GradingContext& context,
                                          std::size_t count) {
  constexpr std::uint64_t kMb = 1 << 20;
  std::error_code ec;
  return {{context.cache_dir, (64 + 16 * count) * kMb, "the cache"},
          {options.out, (16 + count) * kMb, "OUT"},
          {fs::temp_directory_path(ec), 256 * kMb, "the temp folder"}};
}

// A class graded without a sandbox is graded, but the TA should know what that risks.
void warn_without_sandbox(const pipeline::GradingContext& context) {
  std::string error;
  const auto containment = run::containment_for(context.rubric.isolation, &error);
  if (geteuid() == 0 && containment && !run::process::namespaces_work()) {
    std::cout << "warning: this machine does not let grade make mount or network namespaces (a "
                 "container without CAP_SYS_ADMIN?): students' code can reach this machine's "
                 "network, and each check's folder is limited per file, not in all.\n";
  }
  if (containment != run::Containment::kRlimits && containment != run::Containment::kUser) return;
  std::cout << "warning: students' code runs with resource limits but no sandbox: a submission "
               "could read (and print into its feedback) any file "
            << (containment == run::Containment::kUser
                    ? "everyone can read"
                    : "you can read, connect to this machine's network services (127.0.0.1), "
                      "signal your processes and fill your temp folder")
            << ". Install bubblewrap, grade as root with isolation auto, or pass "
               "--isolation sandbox to refuse to grade without either.\n";
}

}  // namespace

int run_batch(const BatchOptions& options, const pipeline::GradingContext& context) {
  check_gradebook(options, context);
  warn_without_sandbox(context);
  fs::create_directories(options.out);
  const StagingFolder staging(options.out, options.shard.has_value());
  discover::Discovery found = discover_submissions(options, staging.path());
  report_discovery(options, found);
  if (!options.shard) check_gradebook_matches(options, found.submissions);

  // A shard grades only its part; the others are left to the shards that own them.
  pipeline::BatchPlan plan = pipeline::plan_batch(
      found.submissions, options.out, context, [&](const discover::Submission& submission) {
        return !options.shard || in_shard(submission.key, *options.shard);
      });
  for (std::size_t i : plan.kept) {
    std::string error;
    if (!pipeline::write_missing_pages(options.out, plan.results[i], context.rubric, &error)) {
      std::cout << "  " << error << "\n";
    }
  }
  // A full disk would fail submissions one by one (as the grader's fault); say so once instead.
  std::string space_error;
  if (!util::enough_free_space(space_needed(options, context, plan.todo.size()), &space_error)) {
    std::cerr << "grade: " << space_error << "\n";
    return static_cast<int>(ExitStatus::kGraderError);
  }
  std::cout << fmt::format(
      "Grading {} submissions ({} already graded and unchanged), {} jobs, seed {}{}\n",
      plan.todo.size(), plan.kept.size(), options.jobs, context.seed,
      options.shard ? ", shard " + to_string(*options.shard) : "");
  if (!options.shard) print_grade_reasons(std::cout, found.submissions, plan);

  grade_with_progress(found.submissions, &plan, options, context);
  if (options.shard) {
    print_shard_done(std::cout, *options.shard, options.submissions, options.out);
    return static_cast<int>(exit_status_of_batch(plan.results));
  }
  const std::vector<protocol::SubmissionResult>& results = plan.results;
  write_gradebooks(options, context, results);
  report_uncharged_lateness(results, context.rubric);
  report::TerminalStyle style;
  style.color = stdout_wants_colour();
  style.unicode = util::environment_is_utf8();
  report::print_class_summary(std::cout, report::summarize_class(results), style);
  std::vector<report::ScoreChange> changes = report::score_changes(plan.previous, results);
  if (!plan.previous.empty()) report::print_score_changes(std::cout, changes);
  const fs::path page = write_class_page(options.out, context, results, std::move(changes));
  std::cout << "Wrote " << page.string() << ": the class at a glance\n";
  return static_cast<int>(exit_status_of_batch(results));
}

}  // namespace nn_grade::cli
