#include "pipeline/grade_submission.h"

#include <algorithm>

#include "run/run_checks.h"
#include "score/score.h"
#include "util/inert_text.h"

namespace pipeline {
namespace {

// --only names checks to run, hidden ones too (feedback tells a student how to reproduce a
// hidden check's failure); without it, --local runs what the student may see.
bool is_selected(const score::RubricCheck& check, const GradingContext& context) {
  if (!context.only.empty()) {
    return std::find(context.only.begin(), context.only.end(), check.id) != context.only.end();
  }
  return context.include_hidden || grading::visible_to_student(check.visibility);
}

build::BuildOptions build_options_for(const GradingContext& context) {
  build::BuildOptions options;
  options.cache_dir = context.cache_dir;
  options.slots = context.slots;
  options.isolation = context.rubric.isolation;
  return options;
}

grading::CheckResult skipped(const score::RubricCheck& check) {
  grading::CheckResult result;
  result.id = check.id;
  result.status = grading::CheckStatus::kSkipped;
  return result;
}

// The rubric's checks in its order: the ones to run as jobs, the others already skipped.
std::vector<grading::CheckResult> run_rubric_checks(
    const std::filesystem::path& server, const GradingContext& context, const GradingEvents& events,
    std::optional<protocol::Containment>* containment) {
  std::vector<run::CheckJob> jobs;
  for (const score::RubricCheck& check : context.rubric.checks) {
    if (is_selected(check, context)) jobs.push_back({check.id, context.seed, check.params});
  }
  run::RunOptions options;
  options.checker = context.toolchain.checker;
  options.limits = context.rubric.limits;
  options.isolation = context.rubric.isolation;
  options.slots = context.slots;
  options.debug = context.debug;
  options.reference_server = [&context]() -> std::filesystem::path {
    if (context.toolchain.reference_dir.empty()) return {};
    const build::BuildResult reference = build::build_submission(
        context.toolchain.reference_dir, context.toolchain, build_options_for(context));
    return reference.status == grading::SubmissionStatus::kGraded ? reference.server
                                                                  : std::filesystem::path();
  };
  std::vector<grading::CheckResult> ran =
      run::run_checks(server, jobs, options, containment, events.on_check_done);

  std::vector<grading::CheckResult> results;
  auto next_ran = ran.begin();
  for (const score::RubricCheck& check : context.rubric.checks) {
    results.push_back(is_selected(check, context) ? *next_ran++ : skipped(check));
  }
  return results;
}

}  // namespace

int checks_to_run(const GradingContext& context) {
  return static_cast<int>(
      std::count_if(context.rubric.checks.begin(), context.rubric.checks.end(),
                    [&](const score::RubricCheck& check) { return is_selected(check, context); }));
}

grading::SubmissionResult grade_submission(const std::filesystem::path& dir, const std::string& key,
                                           const GradingContext& context,
                                           const GradingEvents& events) {
  grading::SubmissionResult result;
  result.submission = key;
  result.seed = context.seed;

  build::BuildResult built =
      build::build_submission(dir, context.toolchain, build_options_for(context));
  if (events.on_built) events.on_built();
  result.status = built.status;
  // The compiler quotes the student's files, whatever bytes they hold (util/inert_text.h).
  result.build_log = util::inert_text(built.log);
  result.build_log_full = util::inert_text(built.full_log);
  result.missing_files = built.missing;
  for (grading::CompilerWarning& warning : built.warnings) {
    warning.function = util::inert_text(warning.function);
    warning.text = util::inert_text(warning.text);
    result.warnings.push_back(std::move(warning));
  }

  if (built.status == grading::SubmissionStatus::kGraded) {
    result.checks = run_rubric_checks(built.server, context, events, &result.containment);
  }
  score::apply(context.rubric, result);
  score::narrow_to_selected(
      context.rubric, [&](const score::RubricCheck& check) { return is_selected(check, context); },
      result);
  return result;
}

}  // namespace pipeline
