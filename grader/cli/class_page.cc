#include "cli/class_page.h"

#include <ctime>

#include "report/class_report.h"
#include "report/report_html.h"

namespace nn_grade::cli {
namespace {

std::string now_utc() {
  const std::time_t now = std::time(nullptr);
  std::tm utc{};
  gmtime_r(&now, &utc);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%d %H:%M UTC", &utc);
  return text;
}

}  // namespace

std::filesystem::path write_class_page(const std::filesystem::path& out,
                                       const pipeline::GradingContext& context,
                                       const std::vector<protocol::SubmissionResult>& results,
                                       std::vector<report::ScoreChange> changes) {
  report::ReportSource source;
  source.title = context.rubric.title;
  source.rubric = context.rubric.path.string();
  source.seed = context.seed;
  source.grader_version = NN_GRADE_VERSION;
  source.isolation_policy = protocol::to_string(context.rubric.isolation);
  source.written_at = now_utc();
  report::write_class_report(
      out, report::build_class_report(results, std::move(changes), std::move(source)));
  return report::class_report_path(out);
}

}  // namespace nn_grade::cli
