#include "cli/local_mode.h"

#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <iostream>

#include "cli/status_line.h"
#include "report/result_json.h"
#include "report/terminal_report.h"
#include "report/wording.h"
#include "util/atomic_file.h"
#include "util/utf8_locale.h"

namespace nn_grade::cli {

ExitStatus run_local(const LocalOptions& options, const pipeline::GradingContext& context) {
  StatusLine status(stdout_is_terminal());
  const int total = pipeline::checks_to_run(context);
  std::atomic<int> done{0};
  pipeline::GradingEvents events;
  events.on_built = [&] { status.update(fmt::format("Running checks 0/{}", total)); };
  events.on_check_done = [&](const protocol::CheckResult& check) {
    status.update(fmt::format("Running checks {}/{}  {}", ++done, total, check.id));
  };

  status.update(fmt::format("Building {} ...", options.dir.string()));
  std::error_code ignored;
  std::string key = std::filesystem::weakly_canonical(options.dir, ignored).filename().string();
  protocol::SubmissionResult result = pipeline::grade_submission(options.dir, key, context, events);
  status.clear();

  report::TerminalStyle style;
  style.color = stdout_wants_colour();
  style.unicode = util::environment_is_utf8();
  style.wrap = stdout_is_terminal();
  style.width = static_cast<int>(terminal_width());
  style.verbose = options.verbose;
  report::print_local_report(std::cout, result, context.rubric, style);
  if (!context.standins) {
    const auto alone = std::count_if(
        context.rubric.checks.begin(), context.rubric.checks.end(),
        [](const score::RubricCheck& check) { return check.judged == protocol::Judged::kAlone; });
    if (alone > 0) std::cout << report::without_standins_note(static_cast<int>(alone)) << "\n";
  }
  if (!options.json_path.empty()) {
    util::write_file_atomically(options.json_path, report::result_json_text(result));
    std::cout << "Wrote " << options.json_path.string() << "\n";
  }
  return exit_status_of(result);
}

}  // namespace nn_grade::cli
