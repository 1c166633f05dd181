#include "compile/compiler_warnings.h"

#include <algorithm>
#include <optional>
#include <regex>
#include <sstream>

#include <fmt/format.h>

namespace nn_grade::compile {
namespace {

// g++ quotes with ' ' in the C locale and with ‘ ’ in a UTF-8 one.
#define NN_QUOTED "(?:'|‘)(.*)(?:'|’)"

// Where the student's code is, in the chain g++ prints before a warning inside a header:
// "    inlined from 'virtual nn::Matrix nn::ReLU::backward(const Matrix&)' at layers.cpp:39:30:".
struct StudentSite {
  int line = 0;
  std::string function;
};

// The sentence for a header's warning about an object with no name that the student's line
// `site` reads and that was made on an earlier line `made`: a temporary, which no longer exists
// there; g++ says only that it "may be used uninitialized".
std::string temporary_sentence(const std::string& file, int made) {
  return fmt::format(
      "this line may read a temporary object made at {}:{} after the end of that statement, "
      "when temporaries no longer exist (g++: \"'<anonymous>' may be used uninitialized\"). An "
      "auto variable holding an Eigen expression keeps references to the temporaries in it: "
      "declare it Matrix, or add .eval()",
      file, made);
}

}  // namespace

std::string function_name(const std::string& signature) {
  std::string name = signature.substr(0, signature.find('('));
  name = name.substr(name.rfind(' ') == std::string::npos ? 0 : name.rfind(' ') + 1);
  if (name.rfind("nn::", 0) == 0) name = name.substr(4);
  return name;
}

std::vector<protocol::CompilerWarning> compiler_warnings(
    const std::string& log, const std::string& file,
    const std::vector<std::string>& compile_flags) {
  // "layers.cpp: In member function 'virtual nn::Matrix nn::ReLU::forward(const Matrix&)':";
  // without the file, the start of a chain of inlined calls.
  static const std::regex in_function(
      R"(^(?:([^\s:]+): )?In (?:[a-z ]*function|constructor|destructor) )" NN_QUOTED "[:,]$");
  static const std::regex inlined(R"(^\s+inlined from )" NN_QUOTED
                                  R"( at ([^\s:]+):([0-9]{1,7}):[0-9]+[:,]$)");
  // "layers.cpp:16:61: warning: no return statement in function returning non-void
  // [-Wreturn-type]"
  static const std::regex warning(
      R"(^([^\s:]+):([0-9]{1,7}):[0-9]+: warning: (.*) \[(-W[a-z-]+)\]$)");
  static const std::regex temporary_made(
      R"(^([^\s:]+):([0-9]{1,7}):[0-9]+: note: (?:'|‘)<anonymous>(?:'|’) declared here$)");
  std::vector<protocol::CompilerWarning> found;
  auto keep = [&](protocol::CompilerWarning w) {
    const bool seen = std::any_of(found.begin(), found.end(), [&](const auto& other) {
      return other.line == w.line && other.text == w.text;
    });
    if (!seen && w.line > 0) found.push_back(std::move(w));
  };
  std::string function;
  StudentSite site;                                    // of the chain being read
  std::optional<protocol::CompilerWarning> in_header;  // a header's warning reached from `site`
  std::istringstream lines(log);
  for (std::string line; std::getline(lines, line);) {
    std::smatch match;
    // A header's warning is kept only when g++ then names the object: one with no name, made on
    // an earlier line of the student's.
    if (in_header && std::regex_match(line, match, temporary_made) && match[1] == file &&
        std::stoi(match[2]) < in_header->line) {
      in_header->text = temporary_sentence(file, std::stoi(match[2]));
      keep(std::move(*in_header));
      in_header.reset();
      continue;
    }
    if (line.find(": warning: ") != std::string::npos ||
        line.find(": error: ") != std::string::npos) {
      in_header.reset();
    }
    if (std::regex_match(line, match, in_function)) {
      if (match[1].matched) {
        function = match[1] == file ? function_name(match[2]) : "";
      } else {
        in_header.reset();  // another chain
      }
      site = StudentSite();
      continue;
    }
    if (std::regex_match(line, match, inlined)) {
      if (match[2] == file) site = {std::stoi(match[3]), function_name(match[1])};
      continue;
    }
    if (!std::regex_match(line, match, warning)) continue;
    if (std::find(compile_flags.begin(), compile_flags.end(), match[4].str()) ==
        compile_flags.end()) {
      continue;
    }
    if (match[1] == file) {
      keep({file, std::stoi(match[2]), function, match[3], match[4]});
    } else if (site.line > 0) {
      in_header = protocol::CompilerWarning{file, site.line, site.function, match[3], match[4]};
    }
  }
  return found;
}

}  // namespace nn_grade::compile
