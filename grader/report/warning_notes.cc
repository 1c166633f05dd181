#include "report/warning_notes.h"

#include <algorithm>
#include <map>

#include <fmt/format.h>

#include "report/wording.h"

namespace nn_grade::report {
namespace {

struct Part {
  const char* class_name;
  const char* file;
};

// A part's class and file; null for one that runs every function (training) or is unknown.
const Part* part_of(const std::string& component) {
  static const std::map<std::string, Part> parts = {
      {"linear", {"Linear", "layers.cpp"}},   {"relu", {"ReLU", "layers.cpp"}},
      {"sigmoid", {"Sigmoid", "layers.cpp"}}, {"ce", {"CrossEntropyLoss", "losses.cpp"}},
      {"mlp", {"MLP", "model.cpp"}},          {"sgd", {"SGD", "optimizer.cpp"}},
  };
  auto found = parts.find(component);
  return found == parts.end() ? nullptr : &found->second;
}

bool runs(const protocol::CheckResult& check, const protocol::CompilerWarning& warning) {
  // Training runs everything, but an int counted to .size() is rarely why it fails.
  if (check.component == "train") return warning.flag != "-Wsign-compare";
  const Part* part = part_of(check.component);
  if (!part) return false;
  const std::size_t colons = warning.function.find("::");
  if (colons == std::string::npos) return warning.file == part->file;
  return warning.function.compare(0, colons, part->class_name) == 0 &&
         colons == std::string(part->class_name).size();
}

}  // namespace

std::vector<const protocol::CompilerWarning*> warnings_beside(
    const protocol::CheckResult& check, const std::vector<protocol::CompilerWarning>& warnings) {
  std::vector<const protocol::CompilerWarning*> beside;
  if (!needs_attention(check)) return beside;
  for (const protocol::CompilerWarning& warning : warnings) {
    if (runs(check, warning)) beside.push_back(&warning);
  }
  return beside;
}

std::vector<const protocol::CompilerWarning*> warnings_listed(
    const std::vector<protocol::CompilerWarning>& warnings,
    const std::vector<const protocol::CompilerWarning*>& shown_beside) {
  std::vector<const protocol::CompilerWarning*> listed;
  for (const protocol::CompilerWarning& warning : warnings) {
    const bool shown =
        std::find(shown_beside.begin(), shown_beside.end(), &warning) != shown_beside.end();
    if (!shown && warning.flag != "-Wsign-compare") listed.push_back(&warning);
  }
  return listed;
}

std::string warning_sentence(const protocol::CompilerWarning& warning) {
  return fmt::format("The compiler warns at {}:{}{}: {}.", warning.file, warning.line,
                     warning.function.empty() ? "" : ", in " + warning.function, warning.text);
}

}  // namespace nn_grade::report
