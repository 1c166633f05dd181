#include "compiler_log.h"

#include <algorithm>
#include <regex>
#include <set>
#include <sstream>

namespace build {
namespace {

void replace_all(std::string& text, const std::string& from, const std::string& to) {
  if (from.empty()) return;
  for (std::size_t at = text.find(from); at != std::string::npos;
       at = text.find(from, at + to.size())) {
    text.replace(at, from.size(), to);
  }
}

bool is_error(const std::string& line) {
  return line.find("error:") != std::string::npos ||
         line.find("undefined reference") != std::string::npos ||
         line.find("multiple definition") != std::string::npos;
}

}  // namespace

std::string trim_compiler_log(const std::string& log,
                              std::vector<std::pair<std::string, std::string>> renames,
                              int max_errors, int max_lines, std::size_t max_chars) {
  std::sort(renames.begin(), renames.end(),
            [](const auto& a, const auto& b) { return a.first.size() > b.first.size(); });
  std::string text = log;
  for (const auto& [from, to] : renames) replace_all(text, from, to);

  std::istringstream in(text);
  std::string kept;
  int errors = 0, lines = 0;
  bool cut = false;
  for (std::string line; std::getline(in, line);) {
    if (line.find("collect2: error: ld returned") != std::string::npos) continue;
    if (is_error(line) && ++errors > max_errors) {
      cut = true;
      break;
    }
    if (++lines > max_lines || kept.size() + line.size() + 1 > max_chars) {
      cut = true;
      break;
    }
    kept += line + "\n";
  }
  if (cut) kept += "[... more messages left out: fix these first]\n";
  return kept;
}

std::string explain_undefined_references(const std::string& linker_log) {
  static const std::regex undefined("undefined reference to `(nn::[^']+)'");
  std::set<std::string> names;
  for (auto it = std::sregex_iterator(linker_log.begin(), linker_log.end(), undefined);
       it != std::sregex_iterator(); ++it) {
    std::string name = (*it)[1];
    replace_all(name, "Eigen::Matrix<double, -1, -1, 0, -1, -1> const&", "const Matrix&");
    names.insert(name);
  }
  std::string text;
  for (const std::string& name : names) {
    text += name +
            " is declared in the coursework's headers but defined in none of your files: was "
            "it deleted, renamed, or given other parameters?\n";
  }
  return text;
}

}  // namespace build
