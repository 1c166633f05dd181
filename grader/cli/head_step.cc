#include "cli/head_step.h"

#include <fmt/format.h>

#include "cli/shell_quote.h"

namespace cli {
namespace {

// More names than this are counted: a head step after a shard that never ran would otherwise
// print a third of the class.
constexpr std::size_t kNamesShown = 20;

}  // namespace

void print_not_yet_graded(std::ostream& out, const std::vector<discover::Submission>& submissions,
                          const std::vector<std::size_t>& todo, std::size_t kept) {
  if (kept == 0 || todo.empty()) return;
  out << fmt::format(
      "  {} submission{} had no result in OUT (no earlier run or shard graded {}, or {} "
      "changed since): grading {} now\n",
      todo.size(), todo.size() == 1 ? "" : "s", todo.size() == 1 ? "it" : "them",
      todo.size() == 1 ? "it" : "they", todo.size() == 1 ? "it" : "them");
  for (std::size_t i = 0; i < todo.size() && i < kNamesShown; ++i) {
    out << "    not graded yet: " << submissions[todo[i]].key << "\n";
  }
  if (todo.size() > kNamesShown) out << "    ... and " << todo.size() - kNamesShown << " more\n";
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

}  // namespace cli
