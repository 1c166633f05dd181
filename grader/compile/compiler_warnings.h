// The warnings of a compile that usually mean a bug, typed: which file and line, in which of the
// student's functions, g++'s words. Submissions are compiled with the flags that ask for them
// (NN_SUBMISSION_FLAGS in grader/compile/CMakeLists.txt, toolchain.json's "flags"); only warnings
// of these flags, and only in the student's own files, are kept. They change no verdict and no
// point (protocol::CompilerWarning).
#pragma once

#include <string>
#include <vector>

#include "protocol/result.h"

namespace nn_grade::compile {

// The warnings of one file's compile log (its messages naming it as `file`, "layers.cpp"),
// in the log's order, each once. Kept: a warning whose flag (g++ ends its line with
// "[-Wreturn-type]") is one of `compile_flags`, in `file` itself (not a header).
std::vector<protocol::CompilerWarning> compiler_warnings(
    const std::string& log, const std::string& file, const std::vector<std::string>& compile_flags);

// "ReLU::backward" for g++'s "virtual nn::Matrix nn::ReLU::backward(const nn::Matrix&)";
// "helper" for "double nn::helper(double)"; "" when it names none.
std::string function_name(const std::string& signature);

}  // namespace nn_grade::compile
