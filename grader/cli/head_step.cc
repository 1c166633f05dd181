#include "cli/head_step.h"

#include <fmt/format.h>

#include "cli/shell_quote.h"

namespace nn_grade::cli {
namespace {

// More names than this are counted: a head step after a shard that never ran would otherwise
// print a third of the class.
constexpr std::size_t kNamesShown = 20;

const char* reason_text(pipeline::GradeReason reason) {
  switch (reason) {
    case pipeline::GradeReason::kNoResult:
      return "not graded yet";
    case pipeline::GradeReason::kChanged:
      return "changed since it was graded, grading again";
    case pipeline::GradeReason::kGraderError:
      return "the grader failed on it last time, grading again";
  }
  return "grading";
}

}  // namespace

void print_grade_reasons(std::ostream& out, const std::vector<discover::Submission>& submissions,
                         const pipeline::BatchPlan& plan) {
  if (plan.kept.empty() || plan.todo.empty()) return;
  for (std::size_t i = 0; i < plan.todo.size() && i < kNamesShown; ++i) {
    out << "    " << reason_text(plan.reasons[i]) << ": " << submissions[plan.todo[i]].key << "\n";
  }
  if (plan.todo.size() > kNamesShown) {
    out << "    ... and " << plan.todo.size() - kNamesShown << " more\n";
  }
}

void print_shard_done(std::ostream& out, const Shard& shard,
                      const std::filesystem::path& submissions,
                      const std::filesystem::path& out_dir) {
  out << fmt::format(
      "Shard {} done: its results are in {}. Once every shard is done, the head step writes "
      "summary.csv, the Canvas import and the class report, and grades whatever no shard did:\n"
      "  grade --batch {} --out {} (the same options, without --shard)\n",
      to_string(shard), out_dir.string(), shell_quote(submissions.string()),
      shell_quote(out_dir.string()));
}

}  // namespace nn_grade::cli
