// The class report at class scale (bench/report_bench.sh): N synthetic students graded on the
// course rubric, and a previous run with some scores moved. Times, best of R runs each:
//   baseline  gradebook::write_summary_csv for the same results (a file every batch writes);
//   report    what a batch adds at its end: score_changes, build_class_report and writing
//             report.html;
//   pages     feedback.html for every student, against feedback.md for every student (both
//             rendered, not written: a batch writes them one by one as submissions finish).
// Prints seconds, ratios and sizes; asserts nothing.
//   report_bench [N] [RUNS] [OUT]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include "gradebook/summary_csv.h"
#include "protocol/mistakes.h"
#include "report/class_report.h"
#include "report/feedback_html.h"
#include "report/feedback_markdown.h"
#include "report/report_html.h"
#include "report/score_changes.h"
#include "score/rubric.h"
#include "score/score.h"

namespace nn_grade {

namespace fs = std::filesystem;

namespace {

// Students who fail checks at random (a few often), name the usual mistakes, build or not.
std::vector<protocol::SubmissionResult> synthetic_class(const score::Rubric& rubric, int students,
                                                        std::mt19937& random) {
  const char* codes[] = {protocol::mistakes::kDividedByBatch, protocol::mistakes::kOppositeSign,
                         protocol::mistakes::kOneRow,         protocol::mistakes::kReluMaskAtZero,
                         protocol::mistakes::kStaleCache,     ""};
  std::uniform_real_distribution<double> uniform(0, 1);
  std::vector<protocol::SubmissionResult> results;
  for (int s = 0; s < students; ++s) {
    protocol::SubmissionResult result;
    result.submission = "student <" + std::to_string(s) + "> Ñandú_" + std::to_string(48000 + s);
    result.seed = rubric.seed;
    result.containment = protocol::Containment::kBubblewrap;
    result.late = uniform(random) < 0.1;
    const double roll = uniform(random);
    result.status = roll < 0.03   ? protocol::SubmissionStatus::kBuildFailed
                    : roll < 0.05 ? protocol::SubmissionStatus::kMissingFiles
                                  : protocol::SubmissionStatus::kGraded;
    if (result.status == protocol::SubmissionStatus::kMissingFiles) {
      result.missing_files = {"optimizer.cpp"};
    }
    if (result.status == protocol::SubmissionStatus::kGraded) {
      const double weakness = uniform(random) * 0.4;
      for (const score::RubricCheck& rubric_check : rubric.checks) {
        protocol::CheckResult check;
        check.id = rubric_check.id;
        const bool fails = uniform(random) < weakness;
        check.status = fails ? protocol::CheckStatus::kFailed : protocol::CheckStatus::kPassed;
        check.fraction = fails ? 0.0 : 1.0;
        if (fails) {
          check.diagnosis = codes[random() % (sizeof codes / sizeof *codes)];
          check.output = "grad_W[2,1]: yours 0.51, finite differences 0.255 <relative error 0.5>";
        }
        result.checks.push_back(check);
      }
    }
    score::apply(rubric, result);
    results.push_back(std::move(result));
  }
  return results;
}

template <typename F>
double best_seconds(int runs, F&& work) {
  double best = 1e9;
  for (int r = 0; r < runs; ++r) {
    const auto start = std::chrono::steady_clock::now();
    work();
    best = std::min(
        best, std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
  }
  return best;
}

}  // namespace

int program_main(int argc, char** argv) {
  const int students = argc > 1 ? std::atoi(argv[1]) : 1000;
  const int runs = argc > 2 ? std::atoi(argv[2]) : 5;
  const fs::path out = argc > 3 ? fs::path(argv[3]) : fs::temp_directory_path() / "report_bench";
  fs::create_directories(out);
  const score::Rubric rubric = score::load_rubric(fs::path(NN_RUBRICS_DIR) / "cw3.yaml");
  std::mt19937 random(20261130);
  const std::vector<protocol::SubmissionResult> results = synthetic_class(rubric, students, random);
  std::vector<protocol::SubmissionResult> previous = results;
  for (std::size_t i = 0; i < previous.size(); i += 10) previous[i].score -= 3;  // a rerun
  std::vector<std::string> ids;
  for (const score::RubricCheck& check : rubric.checks) ids.push_back(check.id);

  const double csv =
      best_seconds(runs, [&] { gradebook::write_summary_csv(out / "summary.csv", results, ids); });
  std::size_t changed = 0;
  const double page = best_seconds(runs, [&] {
    std::vector<report::ScoreChange> changes = report::score_changes(previous, results);
    changed = changes.size();
    report::ReportSource source{rubric.title, rubric.path.string(), rubric.seed, "bench", "auto",
                                "now"};
    report::write_class_report(out,
                               report::build_class_report(results, std::move(changes), source));
  });
  std::size_t markdown_bytes = 0, html_bytes = 0;
  const double markdown = best_seconds(runs, [&] {
    markdown_bytes = 0;
    for (const auto& result : results)
      markdown_bytes += report::feedback_markdown(result, rubric).size();
  });
  const double html = best_seconds(runs, [&] {
    html_bytes = 0;
    for (const auto& result : results) html_bytes += report::feedback_html(result, rubric).size();
  });

  const auto report_bytes = fs::file_size(report::class_report_path(out));
  const auto csv_bytes = fs::file_size(out / "summary.csv");
  std::printf("%d students, %zu checks each, %zu scores changed; best of %d\n", students,
              ids.size(), changed, runs);
  std::printf("%-44s %9s %9s %12s\n", "measure", "seconds", "ratio", "bytes");
  std::printf("%-44s %9.4f %9.2f %12zu\n", "baseline: summary.csv", csv, 1.0,
              static_cast<std::size_t>(csv_bytes));
  std::printf("%-44s %9.4f %9.2f %12zu\n", "report.html (changes, model, page, write)", page,
              page / csv, static_cast<std::size_t>(report_bytes));
  std::printf("%-44s %9.4f %9.2f %12zu\n", "feedback.md, every student (baseline)", markdown, 1.0,
              markdown_bytes);
  std::printf("%-44s %9.4f %9.2f %12zu\n", "feedback.html, every student", html, html / markdown,
              html_bytes);
  std::printf("report.html: %.0f bytes per student\n",
              static_cast<double>(report_bytes) / std::max(1, students));
  return 0;
}

}  // namespace nn_grade

int main(int argc, char** argv) { return nn_grade::program_main(argc, argv); }
