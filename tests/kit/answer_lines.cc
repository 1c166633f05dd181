#include "answer_lines.h"

#include <algorithm>
#include <cctype>
#include <fstream>

namespace nn_grade {

namespace kit {

std::string squash(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    if (!std::isspace(static_cast<unsigned char>(c))) out.push_back(c);
  }
  return out;
}

std::set<std::string> code_lines(const std::filesystem::path& file) {
  std::set<std::string> lines;
  std::ifstream in(file);
  for (std::string line; std::getline(in, line);) {
    std::string code = squash(line.substr(0, line.find("//")));
    if (code.size() >= kMinAnswerLine && code[0] != '#') lines.insert(code);
  }
  return lines;
}

AnswerFinder::AnswerFinder(const std::set<std::string>& answers) {
  for (const std::string& answer : answers) {
    if (answer.size() < kMinAnswerLine) continue;
    by_prefix_[answer.substr(0, kMinAnswerLine)].push_back(answer);
    ++size_;
  }
}

std::vector<std::string> AnswerFinder::find_in(std::string_view bytes, std::size_t limit) const {
  const std::string text = squash(bytes);
  std::vector<std::string> found;
  std::string window(kMinAnswerLine, '\0');
  for (std::size_t at = 0; at + kMinAnswerLine <= text.size() && found.size() < limit; ++at) {
    window.assign(text, at, kMinAnswerLine);
    auto candidates = by_prefix_.find(window);
    if (candidates == by_prefix_.end()) continue;
    for (const std::string& answer : candidates->second) {
      if (text.compare(at, answer.size(), answer) == 0 &&
          std::find(found.begin(), found.end(), answer) == found.end()) {
        found.push_back(answer);
      }
    }
  }
  return found;
}

}  // namespace kit

}  // namespace nn_grade
