// `grade`: the command students and TAs type. Parses the command line, sets up what every
// submission shares (toolchain, rubric, seed, cache, job slots), and hands over to one mode.
#include <sys/prctl.h>
#include <unistd.h>

#include <algorithm>
#include <csignal>
#include <cstdio>

#include <fmt/format.h>
#include <CLI/CLI.hpp>
#include <iostream>
#include <thread>

#include "cli/batch_mode.h"
#include "cli/exit_status.h"
#include "cli/gradescope_mode.h"
#include "cli/install_layout.h"
#include "cli/local_mode.h"
#include "cli/slurm_mode.h"
#include "cli/watch_mode.h"
#include "compile/cache_pruning.h"
#include "protocol/catalog.h"
#include "report/wording.h"
#include "score/rubric.h"
#include "util/absolute_path.h"
#include "util/points_text.h"

namespace nn_grade::cli {

namespace {

struct Flags {
  std::string local_dir = ".";
  std::string batch_dir;
  std::string out_dir;
  bool gradescope = false;
  bool watch = false;
  bool verbose = false;
  bool list_checks = false;
  std::string json_path;
  std::vector<std::string> only;
  bool debug = false;
  std::uint64_t seed = 0;
  std::string rubric;
  int jobs = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  std::string cache_dir;
  std::string isolation;
  std::string canvas_gradebook;
  std::string canvas_assignment;
  std::string canvas_missing = "leave";
  cli::GradescopeOptions gradescope_paths;
  std::string shard;
  int slurm_shards = 0;
  std::vector<std::string> sbatch_args;
};

void add_flags(CLI::App& app, Flags& flags) {
  auto* local = app.add_option("--local", flags.local_dir,
                               "Grade one submission folder (default: the current folder) "
                               "and print its report")
                    ->expected(0, 1)
                    ->type_name("[DIR]");
  auto* batch = app.add_option("--batch", flags.batch_dir,
                               "Grade a class: a folder of student folders, or Canvas's "
                               "\"Download Submissions\" export (.zip or unpacked)")
                    ->type_name("SUBMISSIONS");
  auto* gradescope =
      app.add_flag("--gradescope", flags.gradescope, "Run as Gradescope's autograder");
  auto* list = app.add_flag("--list-checks", flags.list_checks,
                            "List the checks a student sees, with their points, and exit");
  auto* watch = app.add_flag("--watch", flags.watch,
                             "With --local: grade again on every save of the four files, "
                             "until Ctrl-C");
  auto* verbose = app.add_flag("--verbose,-v", flags.verbose,
                               "With --local: show what passing checks found too (relative "
                               "errors, the picture of training)");
  local->excludes(batch)->excludes(gradescope)->excludes(list);
  verbose->excludes(batch)->excludes(gradescope)->excludes(list);
  watch->excludes(batch)->excludes(gradescope)->excludes(list);
  batch->excludes(gradescope)->excludes(list);
  gradescope->excludes(list);

  app.add_option("--out", flags.out_dir, "Where --batch writes its results")->type_name("OUT");
  app.add_option("--json", flags.json_path, "Also write the result as JSON to this file")
      ->type_name("FILE");
  app.add_flag("--debug", flags.debug,
               "With --local --only ID: run your code under gdb, with generous time limits, and "
               "show gdb's backtrace where it crashes")
      ->excludes(watch);
  // Not with --batch: a class's results, and what Canvas imports from them, cover the rubric.
  app.add_option("--only", flags.only, "Run only this check (repeatable), e.g. relu.kink")
      ->type_name("ID")
      ->excludes(batch);
  app.add_option("--seed", flags.seed, "Seed every check draws its inputs from")->type_name("N");
  app.add_option("--rubric", flags.rubric, "Rubric YAML (default: the course rubric)")
      ->type_name("FILE");
  app.add_option("--jobs,-j", flags.jobs, "Processes at once (default: the core count)")
      ->check(CLI::PositiveNumber);
  app.add_option("--cache", flags.cache_dir, "Build cache folder")->type_name("DIR");
  std::vector<std::string> isolations;
  for (const auto& [policy, name] : protocol::kIsolationNames) isolations.push_back(name);
  app.add_option("--isolation", flags.isolation,
                 "How students' code is contained: auto, sandbox (refuse resource limits alone), "
                 "unprivileged (as root: its own user in an empty chroot) or none")
      ->check(CLI::IsMember(isolations));
  app.add_option("--canvas-gradebook", flags.canvas_gradebook,
                 "Canvas gradebook export: write OUT/canvas-import.csv from it")
      ->type_name("EXPORT.csv");
  app.add_option("--canvas-assignment", flags.canvas_assignment,
                 "The Canvas column's title or id (default: the rubric's)")
      ->type_name("NAME");
  app.add_option("--canvas-missing", flags.canvas_missing,
                 "Students with no submission: leave (out of the import; Canvas keeps their "
                 "grade) or zero")
      ->check(CLI::IsMember({"leave", "zero"}));
  auto* shard = app.add_option("--shard", flags.shard,
                               "With --batch: grade only shard K of N (from 1), into a shared OUT "
                               "and cache; any number of shards may run at once, on any machines. "
                               "Then the head step, the same --batch without --shard, writes "
                               "summary.csv, the Canvas import and the class report, and grades "
                               "and names what no shard graded (docs/cluster.md)")
                    ->type_name("K/N");
  auto* slurm = app.add_option("--slurm", flags.slurm_shards,
                               "With --batch: submit the grading to Slurm as an array of N shards "
                               "and a head step after them; writes the scripts to OUT/slurm/")
                    ->type_name("N")
                    ->check(CLI::PositiveNumber);
  auto* sbatch = app.add_option("--sbatch-arg", flags.sbatch_args,
                                "With --slurm: an option for sbatch, repeatable, written with '=': "
                                "--sbatch-arg=--partition=short --sbatch-arg=--account=cs101")
                     ->type_name("OPTION")
                     ->allow_extra_args(false);
  shard->needs(batch)->excludes(slurm);
  slurm->needs(batch);
  sbatch->needs(slurm);
  app.add_option("--submission", flags.gradescope_paths.submission,
                 "For --gradescope: the submission folder")
      ->type_name("DIR");
  app.add_option("--results", flags.gradescope_paths.results,
                 "For --gradescope: where results.json goes")
      ->type_name("FILE");
}

protocol::IsolationPolicy isolation_policy(const std::string& name,
                                           protocol::IsolationPolicy fallback) {
  protocol::IsolationPolicy policy = fallback;
  protocol::parse_isolation_policy(name, &policy);
  return policy;
}

// The rubric's checks a student may see, with their points and how each judges its part
// (alone: with the grader's layers and loss); hidden ones are counted, not named (the student
// kit ships this command).
void list_checks(const score::Rubric& rubric) {
  for (const score::RubricCheck& check : rubric.checks) {
    if (!protocol::visible_to_student(check.visibility)) continue;
    const protocol::CheckInfo* info = protocol::find_check(check.id);
    std::cout << fmt::format("{:<24} {:>3}  {:<10}  {}\n", check.id,
                             util::points_text(check.points), protocol::to_string(check.judged),
                             info != nullptr ? info->title : "");
  }
  std::cout << "alone: judged with the grader's own layers and loss, so a mistake in a layer "
               "costs points only in that layer's checks; end_to_end: with your code "
               "throughout.\n";
  const score::Withheld hidden = rubric.unseen();
  if (hidden.checks > 0) std::cout << report::graded_later(hidden.checks, hidden.points) << ".\n";
}

// What every submission of this run shares, from the flags, the installation and the rubric.
pipeline::GradingContext make_context(const CLI::App& app, const Flags& flags,
                                      run::JobSlots& slots) {
  cli::InstallLayout layout = cli::locate_installation();
  pipeline::GradingContext context;
  context.toolchain = compile::load_toolchain(layout.prefix);
  context.rubric = score::load_rubric(flags.rubric.empty() ? layout.default_rubric
                                                           : std::filesystem::path(flags.rubric));
  context.rubric.isolation = isolation_policy(flags.isolation, context.rubric.isolation);
  context.seed = app.count("--seed") ? flags.seed : context.rubric.seed;
  // Absolute: the compiler and the checkers run in folders of their own.
  context.cache_dir = util::absolute_path(
      flags.cache_dir.empty() ? cli::default_cache_dir() : std::filesystem::path(flags.cache_dir));
  compile::prune_cache(context.cache_dir, cli::cache_limit_bytes());
  context.slots = &slots;
  context.only = flags.only;
  context.debug = flags.debug;
#ifdef NN_GRADE_KIT
  context.standins = false;  // the kit's checker has no stand-ins: every check end to end
#else
  context.standins = pipeline::standins_possible(context.toolchain);
  const bool judges_alone = std::any_of(
      context.rubric.checks.begin(), context.rubric.checks.end(),
      [](const score::RubricCheck& check) { return check.judged == protocol::Judged::kAlone; });
  if (!context.standins && judges_alone) {
    std::cerr << "grade: warning: this grade runs with no_new_privs (or without its stand-in "
                 "layers), so the checks the rubric judges alone run end to end here, and may "
                 "score lower than where they run alone (docs/architecture.md, \"Stand-ins\").\n";
  }
#endif
  if (flags.debug && (flags.only.size() != 1 || !flags.batch_dir.empty() || flags.gradescope)) {
    throw CLI::ValidationError("--debug", "goes with --local and one --only ID");
  }
  for (const std::string& id : flags.only) {
    if (!context.rubric.find(id)) {
      throw CLI::ValidationError("--only", "no check " + id + " in the rubric");
    }
  }
  return context;
}

int grade(const CLI::App& app, const Flags& flags) {
  if (flags.list_checks) {
    list_checks(score::load_rubric(flags.rubric.empty() ? cli::locate_installation().default_rubric
                                                        : std::filesystem::path(flags.rubric)));
    return 0;
  }
  if (flags.gradescope) {  // as many jobs as the container's CPU quota, not the host's cores
    cli::GradescopeOptions options = flags.gradescope_paths;
    options.jobs = app.count("--jobs")
                       ? flags.jobs
                       : cli::container_jobs(cli::gradescope_container(), flags.jobs);
    run::JobSlots slots(options.jobs);
    return cli::run_gradescope(options, [&] { return make_context(app, flags, slots); });
  }
  run::JobSlots slots(flags.jobs);
  pipeline::GradingContext context = make_context(app, flags, slots);
  if (!flags.batch_dir.empty()) {
    if (flags.out_dir.empty()) throw CLI::RequiredError("--out (where --batch writes)");
    cli::BatchOptions batch{flags.batch_dir,
                            util::absolute_path(flags.out_dir),
                            flags.jobs,
                            flags.canvas_gradebook,
                            flags.canvas_assignment,
                            gradebook::MissingSubmission::kLeaveOut,
                            std::nullopt};
    if (flags.canvas_missing == "zero") batch.canvas_missing = gradebook::MissingSubmission::kZero;
    if (!flags.shard.empty()) {
      cli::Shard shard;
      std::string error;
      if (!cli::parse_shard(flags.shard, &shard, &error)) throw std::runtime_error(error);
      batch.shard = shard;
    }
    if (flags.slurm_shards > 0) {
      // The nodes' core count is not this machine's: 4 cores a task unless --jobs says.
      cli::SlurmOptions slurm{flags.slurm_shards, app.count("--jobs") ? flags.jobs : 4,
                              flags.sbatch_args};
      return cli::run_slurm(slurm, batch, context);
    }
    return cli::run_batch(batch, context);
  }
  // `--local` without a folder means the current one (CLI11 gives an empty value).
  const std::string local_dir = flags.local_dir.empty() ? "." : flags.local_dir;
  if (!std::filesystem::is_directory(local_dir)) {
    throw std::runtime_error("no such folder: " + local_dir);
  }
  context.include_hidden = false;
  const cli::LocalOptions local{local_dir, flags.json_path, flags.verbose};
  return static_cast<int>(flags.watch ? cli::run_local_watch(local, context)
                                      : cli::run_local(local, context));
}

// Ctrl-C or a kill: every result already written is whole (they are written atomically), and
// the children die with us (PR_SET_PDEATHSIG), so say how to go on and leave.
bool g_status_line_shown = false;  // set once at start: isatty is not async-signal-safe

void stop_on_signal(int) {
  const char clear_line[] = "\r\x1b[K\n";
  const char message[] =
      "grade: stopped. Results already written are kept; the same command resumes.\n";
  ssize_t ignored = 0;
  if (g_status_line_shown) ignored = write(STDOUT_FILENO, clear_line, sizeof clear_line - 1);
  ignored = write(STDERR_FILENO, message, sizeof message - 1);
  (void)ignored;
  _exit(130);
}

}  // namespace

int program_main(int argc, char** argv) {
  // No process of the same user (a student's code graded without a sandbox) may trace grade or
  // read its memory, which decides what every result file says.
  prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
  g_status_line_shown = isatty(STDOUT_FILENO) == 1;
  // Line by line into a file too: a Slurm task's log, or `tail -f` of a batch's, shows each
  // result as it is graded rather than everything when grade exits.
  std::setvbuf(stdout, nullptr, _IOLBF, 0);
  std::signal(SIGINT, stop_on_signal);
  std::signal(SIGTERM, stop_on_signal);
  CLI::App app{"grade: builds and checks Coursework 3 (backpropagation) submissions"};
  app.footer(cli::kExitStatusHelp);
  // Students and TAs quote it in bug reports: the version CMake's project() gives.
  app.set_version_flag("--version", std::string("grade ") + NN_GRADE_VERSION,
                       "Print the grader's version and exit");
  Flags flags;
  add_flags(app, flags);
  try {
    app.parse(argc, argv);
    return grade(app, flags);
  } catch (const CLI::CallForHelp& help) {
    return app.exit(help);
  } catch (const CLI::CallForVersion& version) {
    return app.exit(version);
  } catch (const CLI::ParseError& error) {
    std::cerr << "grade: " << error.what() << " (grade --help lists the options)\n";
    return static_cast<int>(cli::ExitStatus::kGraderError);
  } catch (const std::exception& error) {
    std::cerr << "grade: " << error.what() << "\n";
    return static_cast<int>(cli::ExitStatus::kGraderError);
  }
}

}  // namespace nn_grade::cli

int main(int argc, char** argv) { return nn_grade::cli::program_main(argc, argv); }
