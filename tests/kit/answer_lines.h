// The answers' own lines, and a search for them in any file, text or binary: what proves that the
// student kit holds no part of reference/ or of the corpus's near-answers.
#pragma once

#include <cstddef>
#include <filesystem>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace nn_grade {

namespace kit {

// Lines shorter than this once squashed ("}", "cached_input = X;") say nothing of an answer.
constexpr std::size_t kMinAnswerLine = 18;

// `text` without its whitespace, so that reformatting hides nothing.
std::string squash(std::string_view text);

// The file's lines of code, squashed: `//` comments and preprocessor lines dropped, then only
// those of at least kMinAnswerLine characters.
std::set<std::string> code_lines(const std::filesystem::path& file);

class AnswerFinder {
 public:
  // `answers`: squashed lines of at least kMinAnswerLine characters.
  explicit AnswerFinder(const std::set<std::string>& answers);

  // The answers found in `bytes` once squashed (each once, at most `limit`).
  std::vector<std::string> find_in(std::string_view bytes, std::size_t limit = 5) const;

  std::size_t size() const { return size_; }

 private:
  // Every answer, under its first kMinAnswerLine characters: one lookup per position of a file.
  std::unordered_map<std::string, std::vector<std::string>> by_prefix_;
  std::size_t size_ = 0;
};

}  // namespace kit

}  // namespace nn_grade
