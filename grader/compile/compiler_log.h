// The compiler's and linker's messages as a student should see them: their own file names
// instead of the grader's private paths, the first few errors only, capped.
#pragma once

#include <map>
#include <string>
#include <utility>
#include <vector>

namespace nn_grade::compile {

// Replaces each `from` with its `to` (longest first), keeps up to `max_errors` errors with the
// lines that explain them, at most `max_lines` lines and `max_chars` characters in all.
std::string trim_compiler_log(const std::string& log,
                              std::vector<std::pair<std::string, std::string>> renames,
                              int max_errors = 3, int max_lines = 40, std::size_t max_chars = 4000);

// The first error of a compile's log (after renames) located in one of the student's own files
// (`own_files`: name -> content), as the student should read it first: "layers.cpp:21:50: error:
// ..." (the first error's message when the file's line is only "required from here"; made
// readable_message), the source line with a caret, and eigen_compile_hint's hint when there is
// one. "" when the log locates no error in their files.
std::string lead_compiler_error(const std::string& log,
                                const std::map<std::string, std::string>& own_files);

// A compiler's message short enough to read, with its point whole ("... has no member named
// 'cats'; did you mean 'cast'?"): when it is longer than `longest`, every template's arguments
// become "<...>" ("'const class Eigen::CwiseBinaryOp<...>' has no member named ..."), and if it
// is still longer, its middle is left out, never its end.
std::string readable_message(const std::string& message, std::size_t longest = 300);

// A plain hint for the usual Eigen traps a compiler's log shows (numeric types mixed, arrays
// with matrices, fixed sizes that do not fit), or "".
std::string eigen_compile_hint(const std::string& log);

// The log without what a student cannot act on: the "In file included from" chains and every
// line that names the grader's prelude (nn_prelude.h) or its Eigen checks (eigen_assert_throws.h).
std::string hide_internal_lines(const std::string& log);

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

// The first absolute path outside `allowed` that `source` names in a `__has_include` or a `#line`
// directive, or "". Neither appears in -MD's list, so they are treated like #include here: the
// first reads a file's existence (and, where it may not be read, fails the compile), the second
// makes the compiler's messages name any file it likes.
std::string first_outside_directive(const std::string& source,
                                    const std::vector<std::string>& allowed);

// What a student reads when `file` includes `outside`.
std::string outside_include_message(const std::string& file, const std::string& outside);

}  // namespace nn_grade::compile
