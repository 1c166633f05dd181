// The compiler's and linker's messages as a student should see them: their own file names
// instead of the grader's private paths, the first few errors only, capped.
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace build {

// Replaces each `from` with its `to` (longest first), keeps up to `max_errors` errors with the
// lines that explain them, at most `max_lines` lines and `max_chars` characters in all.
std::string trim_compiler_log(const std::string& log,
                              std::vector<std::pair<std::string, std::string>> renames,
                              int max_errors = 3, int max_lines = 40, std::size_t max_chars = 4000);

// For a link failure: one sentence per coursework function the linker could not find
// ("nn::MLP::backward(...) is declared in the headers but defined in none of your files: was
// it deleted, renamed, or given other parameters?"), or "" when the log names none.
std::string explain_undefined_references(const std::string& linker_log);

// The first file a compile read from outside `allowed` (folders, each ending in '/'), or "".
// `make_deps` is the compiler's -MD output; relative paths (the student's own file) are allowed
// unless they climb out with "..". What a submission includes from elsewhere (a TA's file, the
// model answer) must never be compiled in, nor shown in a log.
std::string first_outside_dependency(const std::string& make_deps,
                                     const std::vector<std::string>& allowed);

// The same for a failed compile, from the locations its messages name ("/etc/passwd:1:5: ...").
std::string first_outside_location(const std::string& log, const std::vector<std::string>& allowed);

// What a student reads when `file` includes `outside`.
std::string outside_include_message(const std::string& file, const std::string& outside);

}  // namespace build
