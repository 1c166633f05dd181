#include "pipeline/grade_submission.h"

#include <sys/prctl.h>

#include <algorithm>

#include "protocol/catalog.h"
#include "run/run_checks.h"
#include "score/score.h"
#include "util/inert_text.h"

namespace nn_grade::pipeline {
namespace {

// --only names checks to run, hidden ones too (feedback tells a student how to reproduce a
// hidden check's failure); without it, --local runs what the student may see.
bool is_selected(const score::RubricCheck& check, const GradingContext& context) {
  if (!context.only.empty()) {
    return std::find(context.only.begin(), context.only.end(), check.id) != context.only.end();
  }
  return context.include_hidden || protocol::visible_to_student(check.visibility);
}

compile::BuildOptions build_options_for(const GradingContext& context) {
  compile::BuildOptions options;
  options.cache_dir = context.cache_dir;
  options.slots = context.slots;
  options.isolation = context.rubric.isolation;
  return options;
}

// How the checks run: the rubric's limits and containment, and the course's reference solution
// for a check still the grader's fault after its second run (run_checks.h).
run::RunOptions run_options_for(const GradingContext& context) {
  run::RunOptions options;
  options.checker = context.toolchain.checker;
  options.limits = context.rubric.limits;
  options.isolation = context.rubric.isolation;
  options.slots = context.slots;
  options.debug = context.debug;
  options.reference_server = [&context]() -> run::BuiltServers {
    if (context.toolchain.reference_dir.empty()) return {};
    compile::BuildOptions build_options = build_options_for(context);
    build_options.standin_server = context.standins;
    const compile::BuildResult reference = compile::build_submission(
        context.toolchain.reference_dir, context.toolchain, build_options);
    if (reference.status != protocol::SubmissionStatus::kGraded) return {};
    return {reference.server, reference.standin_server};
  };
  return options;
}

protocol::CheckResult skipped(const score::RubricCheck& check) {
  protocol::CheckResult result;
  result.id = check.id;
  result.status = protocol::CheckStatus::kSkipped;
  return result;
}

bool judged_alone(const score::RubricCheck& check, const GradingContext& context) {
  return context.standins && check.judged == protocol::Judged::kAlone;
}

// Why a check the rubric judges alone ran end to end: its stand-in server could not be linked.
// Never a loss for the student: the check is judged on their own code, as before stand-ins.
std::string end_to_end_note(const compile::BuildResult& built) {
  if (built.standin_status == protocol::SubmissionStatus::kBuildFailed) {
    return "Judged with your own layers: your model.cpp, losses.cpp or optimizer.cpp use "
           "something defined only in your layers.cpp, so the grader's layers could not stand in "
           "for yours.";
  }
  return "Judged with your own layers: the grader could not build its stand-in layers with your "
         "files (" +
         util::inert_text(built.standin_log) + ").";
}

// The parts the stand-in server replaces (the layers) and the checker's own loss replaces.
bool stood_in(const std::string& component) {
  return !protocol::can_judge_alone(component) || component == "ce";
}

// The whole picture: each check judged alone that passed while a part it calls failed its own
// checks is run once more end to end, with the student's own parts; when that does not pass,
// the result says so beside the pass (CheckResult::end_to_end), for no points.
void run_again_end_to_end(const compile::BuildResult& built, const GradingContext& context,
                          std::vector<protocol::CheckResult>& results) {
  std::vector<std::size_t> again;
  std::vector<run::CheckJob> jobs;
  for (std::size_t i = 0; i < results.size(); ++i) {
    const score::RubricCheck& check = context.rubric.checks[i];
    if (judged_alone(check, context) && !built.standin_server.empty() &&
        results[i].status == protocol::CheckStatus::kPassed) {
      again.push_back(i);
      jobs.push_back({check.id, context.seed, check.params, false});
    }
  }
  auto failed_part = [&](std::size_t i) {
    const protocol::CheckStatus status = results[i].status;
    return stood_in(protocol::find_check(context.rubric.checks[i].id)->component) &&
           status != protocol::CheckStatus::kPassed && status != protocol::CheckStatus::kSkipped;
  };
  // Those shown no later than `of`.
  auto failing_parts = [&](const score::RubricCheck& of) {
    std::vector<std::string> ids;
    for (std::size_t i = 0; i < results.size(); ++i) {
      const score::RubricCheck& part = context.rubric.checks[i];
      if (failed_part(i) &&
          protocol::reveal_rank(part.visibility) <= protocol::reveal_rank(of.visibility)) {
        ids.push_back(part.id);
      }
    }
    return ids;
  };
  bool any_failed = false;
  for (std::size_t i = 0; i < results.size(); ++i) any_failed = any_failed || failed_part(i);
  if (jobs.empty() || !any_failed) return;
  const run::RunOptions options = run_options_for(context);
  const std::vector<protocol::CheckResult> ran =
      run::run_checks(built.server, jobs, options, nullptr);
  for (std::size_t k = 0; k < again.size(); ++k) {
    protocol::CheckResult& result = results[again[k]];
    const std::vector<std::string> causes = failing_parts(context.rubric.checks[again[k]]);
    if (ran[k].status == protocol::CheckStatus::kPassed || causes.empty() ||
        ran[k].status == protocol::CheckStatus::kGraderError) {
      continue;
    }
    result.end_to_end = ran[k].status;
    result.end_to_end_causes = causes;
  }
}

// The rubric's checks in its order: the ones to run as jobs, the others already skipped.
std::vector<protocol::CheckResult> run_rubric_checks(
    const compile::BuildResult& built, const GradingContext& context, const GradingEvents& events,
    std::optional<protocol::Containment>* containment) {
  std::vector<run::CheckJob> jobs;
  for (const score::RubricCheck& check : context.rubric.checks) {
    // Judged alone where the stand-in server exists, else end to end (end_to_end_note).
    const bool alone = judged_alone(check, context) && !built.standin_server.empty();
    if (is_selected(check, context)) jobs.push_back({check.id, context.seed, check.params, alone});
  }
  run::RunOptions options = run_options_for(context);
  options.standin_server = built.standin_server;
  std::vector<protocol::CheckResult> ran =
      run::run_checks(built.server, jobs, options, containment, events.on_check_done);

  std::vector<protocol::CheckResult> results;
  auto next_ran = ran.begin();
  for (const score::RubricCheck& check : context.rubric.checks) {
    if (!is_selected(check, context)) {
      results.push_back(skipped(check));
    } else {
      results.push_back(*next_ran++);
      if (judged_alone(check, context) && built.standin_server.empty()) {
        protocol::CheckResult& result = results.back();
        result.output += (result.output.empty() ? "" : "\n") + end_to_end_note(built);
      }
    }
  }
  run_again_end_to_end(built, context, results);
  return results;
}

}  // namespace

bool standins_possible(const compile::Toolchain& toolchain) {
  return !toolchain.standin_link_inputs.empty() && prctl(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0) == 0;
}

int checks_to_run(const GradingContext& context) {
  return static_cast<int>(
      std::count_if(context.rubric.checks.begin(), context.rubric.checks.end(),
                    [&](const score::RubricCheck& check) { return is_selected(check, context); }));
}

protocol::SubmissionResult grade_submission(const std::filesystem::path& dir,
                                            const std::string& key, const GradingContext& context,
                                            const GradingEvents& events) {
  protocol::SubmissionResult result;
  result.submission = key;
  result.seed = context.seed;

  compile::BuildOptions build_options = build_options_for(context);
  build_options.standin_server =
      std::any_of(context.rubric.checks.begin(), context.rubric.checks.end(),
                  [&](const score::RubricCheck& check) {
                    return is_selected(check, context) && judged_alone(check, context);
                  });
  compile::BuildResult built = compile::build_submission(dir, context.toolchain, build_options);
  if (events.on_built) events.on_built();
  result.status = built.status;
  // The compiler quotes the student's files, whatever bytes they hold (util/inert_text.h).
  result.build_log = util::inert_text(built.log);
  result.build_log_full = util::inert_text(built.full_log);
  result.missing_files = built.missing;
  for (protocol::CompilerWarning& warning : built.warnings) {
    warning.function = util::inert_text(warning.function);
    warning.text = util::inert_text(warning.text);
    result.warnings.push_back(std::move(warning));
  }

  if (built.status == protocol::SubmissionStatus::kGraded) {
    result.checks = run_rubric_checks(built, context, events, &result.containment);
  }
  score::apply(context.rubric, result);
  score::narrow_to_selected(
      context.rubric, [&](const score::RubricCheck& check) { return is_selected(check, context); },
      result);
  return result;
}

}  // namespace nn_grade::pipeline
