#include "build/compiler_warnings.h"

#include <algorithm>
#include <regex>
#include <sstream>

namespace build {

std::string function_name(const std::string& signature) {
  std::string name = signature.substr(0, signature.find('('));
  name = name.substr(name.rfind(' ') == std::string::npos ? 0 : name.rfind(' ') + 1);
  if (name.rfind("nn::", 0) == 0) name = name.substr(4);
  return name;
}

std::vector<grading::CompilerWarning> compiler_warnings(
    const std::string& log, const std::string& file,
    const std::vector<std::string>& compile_flags) {
  // "layers.cpp: In member function 'virtual nn::Matrix nn::ReLU::forward(const Matrix&)':"
  static const std::regex in_function(R"(^([^\s:]+): In [a-z ]*function '(.*)':$)");
  static const std::regex in_constructor(R"(^([^\s:]+): In (?:con|de)structor '(.*)':$)");
  // "layers.cpp:16:61: warning: no return statement in function returning non-void
  // [-Wreturn-type]"
  static const std::regex warning(R"(^([^\s:]+):([0-9]{1,7}):[0-9]+: warning: (.*) \[(-W[a-z-]+)\]$)");
  std::vector<grading::CompilerWarning> found;
  std::string function;
  std::istringstream lines(log);
  for (std::string line; std::getline(lines, line);) {
    std::smatch match;
    if (std::regex_match(line, match, in_function) || std::regex_match(line, match, in_constructor)) {
      function = match[1] == file ? function_name(match[2]) : "";
      continue;
    }
    if (!std::regex_match(line, match, warning) || match[1] != file) continue;
    if (std::find(compile_flags.begin(), compile_flags.end(), match[4].str()) ==
        compile_flags.end()) {
      continue;
    }
    grading::CompilerWarning w{file, std::stoi(match[2]), function, match[3], match[4]};
    const bool seen = std::any_of(found.begin(), found.end(), [&](const auto& other) {
      return other.line == w.line && other.text == w.text;
    });
    if (!seen && w.line > 0) found.push_back(std::move(w));
  }
  return found;
}

}  // namespace build
