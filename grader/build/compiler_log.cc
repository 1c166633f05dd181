#include "build/compiler_log.h"

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

bool is_allowed(const std::string& path, const std::vector<std::string>& allowed) {
  if (path.empty()) return true;
  if (path.find("..") != std::string::npos) return false;
  if (path[0] != '/') return true;  // the student's own file, in the compiler's folder
  return std::any_of(allowed.begin(), allowed.end(),
                     [&](const std::string& folder) { return path.rfind(folder, 0) == 0; });
}

}  // namespace

std::string first_outside_dependency(const std::string& make_deps,
                                     const std::vector<std::string>& allowed) {
  // "target.o: a.cpp b.h \\\n c.h": after the first ':', whitespace-separated, '\\ ' escapes a
  // space.
  const std::size_t colon = make_deps.find(':');
  if (colon == std::string::npos) return "";
  std::string word;
  auto done_word = [&]() -> bool {
    const bool outside = word != "\\" && !is_allowed(word, allowed);
    if (!outside) word.clear();
    return outside;
  };
  for (std::size_t i = colon + 1; i < make_deps.size(); ++i) {
    const char c = make_deps[i];
    if (c == '\\' && i + 1 < make_deps.size() && make_deps[i + 1] == ' ') {
      word += ' ';
      ++i;
    } else if (c == ' ' || c == '\n' || c == '\t') {
      if (done_word()) return word;
    } else {
      word += c;
    }
  }
  return done_word() ? word : "";
}

std::string first_outside_location(const std::string& log,
                                   const std::vector<std::string>& allowed) {
  static const std::regex location(R"((?:^|\s)([^\s:]+):\d+(?::\d+)?[:,])");
  std::istringstream in(log);
  for (std::string line; std::getline(in, line);) {
    std::smatch match;
    if (std::regex_search(line, match, location) && !is_allowed(match[1], allowed)) {
      return match[1];
    }
  }
  return "";
}

std::string outside_include_message(const std::string& file, const std::string& outside) {
  return file + " includes " + outside +
         ", which is outside your submission: only the coursework's headers and the standard "
         "library may be included. Nothing of it is shown here.\n";
}

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
    name =
        std::regex_replace(name, std::regex("std::mersenne_twister_engine<[^>]*>"), "std::mt19937");
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
