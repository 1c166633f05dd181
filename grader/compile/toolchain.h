// How submissions are compiled and linked: what <share>/toolchain.json says (written by the
// build of the grader), resolved against the installation prefix.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace nn_grade::compile {

struct Toolchain {
  std::filesystem::path prefix;
  std::filesystem::path compiler;  // the compiler the grader was built with
  std::string compiler_version;
  std::vector<std::string> flags;  // language, optimisation: the precompiled header's
  std::filesystem::path eigen_include;
  std::filesystem::path include_dir;     // <prefix>/share/nn-grade/include: the 4 headers, prelude
  std::filesystem::path server_library;  // <prefix>/lib/nn-grade/libnn_server.a
  std::filesystem::path checker;         // <prefix>/lib/nn-grade/nn-checker
  // <prefix>/share/nn-grade/reference: the course's solution, in a grader built from the
  // repository (never installed: not in the student kit or on Gradescope's image); empty where
  // there is none. run_checks asks it about a check that stays the grader's fault.
  std::filesystem::path reference_dir;
  std::vector<std::string> link_inputs;  // after the objects: the server's library, then flags
  // The stand-in server's (after the objects but layers.cpp's): the stand-in layers' library,
  // the server's, flags. Empty in a toolchain without stand-ins.
  std::vector<std::string> standin_link_inputs;
  std::string compile_fingerprint;  // compiler, flags, headers: what an object depends on
  std::string fingerprint;          // that, plus the link inputs' contents

  // Everything before "-c file.cpp": flags, Eigen, the project's headers, the prelude.
  std::vector<std::string> compile_flags() const;
};

// Reads <prefix>/share/nn-grade/toolchain.json. Throws std::runtime_error naming the file when
// it is missing or invalid. Whether the compiler and server library exist is build_submission's
// check; whether the checker does, run_checks'.
Toolchain load_toolchain(const std::filesystem::path& prefix);

}  // namespace nn_grade::compile
