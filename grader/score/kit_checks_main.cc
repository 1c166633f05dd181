// nn-kit-checks OUT.def RUBRIC.yaml...: the part of checks.def the student kit is built with
// (packaging/deb/, protocol/checks_def.h): the checks that at least one of the kit's rubrics
// shows students, in checks.def's order, each entry as checks.def has it. A check no rubric
// shows (graded after the deadline, hidden, or in no rubric) is not in it, so the kit's `grade`
// and checker are compiled without its id, title, parameters and code (docs/student-kit.md).
#include <fstream>
#include <iostream>
#include <set>
#include <string>

#include "protocol/catalog.h"
#include "protocol/result.h"
#include "score/rubric.h"

namespace nn_grade::score {

namespace {

// `text` as a C++ raw string literal, or false when it cannot be one.
bool raw_literal(const std::string& text, std::string* literal) {
  if (text.find(")nn\"") != std::string::npos) return false;
  *literal = "R\"nn(" + text + ")nn\"";
  return true;
}

}  // namespace

int program_main(int argc, char** argv) {
  if (argc < 3) {
    std::cerr << "usage: nn-kit-checks OUT.def RUBRIC.yaml...\n";
    return 2;
  }
  std::set<std::string> shown;
  try {
    for (int i = 2; i < argc; ++i) {
      for (const score::RubricCheck& check : score::load_rubric(argv[i]).checks) {
        if (protocol::visible_to_student(check.visibility)) shown.insert(check.id);
      }
    }
  } catch (const std::exception& error) {
    std::cerr << "nn-kit-checks: " << error.what() << "\n";
    return 2;
  }
  std::string entries;
  for (const protocol::CheckInfo& check : protocol::all_checks()) {
    if (!shown.count(check.id)) continue;
    std::string id, component, title, defaults;
    if (!raw_literal(check.id, &id) || !raw_literal(check.component, &component) ||
        !raw_literal(check.title, &title) || !raw_literal(check.defaults.dump(), &defaults)) {
      std::cerr << "nn-kit-checks: " << check.id << " cannot be written as a raw string\n";
      return 2;
    }
    entries += "CHECK(" + id + ", " + check.symbol + ", " + component + ", " + title + ",\n      " +
               defaults + ")\n";
  }
  std::ofstream out(argv[1], std::ios::trunc);
  out << "// Written by nn-kit-checks: the checks of protocol/checks.def that the student kit's\n"
      << "// rubrics show, " << shown.size() << " of " << protocol::all_checks().size() << ".\n"
      << entries;
  if (!out.flush()) {
    std::cerr << "nn-kit-checks: cannot write " << argv[1] << "\n";
    return 2;
  }
  return 0;
}

}  // namespace nn_grade::score

int main(int argc, char** argv) { return nn_grade::score::program_main(argc, argv); }
