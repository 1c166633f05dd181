// Words for a POSIX shell script or command line that a TA reads, copies or submits: any path,
// with spaces, quotes, `$` or newlines in it, stays one word and is never expanded.
#pragma once

#include <string>
#include <vector>

namespace nn_grade::cli {

// `word` as the shell reads it back exactly: left bare when it holds only characters no shell
// treats specially (letters, digits, -_./=:,+@%), else in single quotes (a ' as '\'').
std::string shell_quote(const std::string& word);

// The words quoted and joined by spaces.
std::string shell_join(const std::vector<std::string>& words);

}  // namespace nn_grade::cli
