// Running a shell command from a test and reading what it printed: one helper for every test
// that drives a program as a user would.
#pragma once

#include <string>

namespace nn_grade {

namespace testing_shell {

struct Outcome {
  int exit_code = -1;  // -1 when a signal ended it
  std::string output;  // its standard output (add " 2>&1" to the command for stderr too)
};

// Runs `command` with /bin/sh and waits for it.
Outcome run_shell(const std::string& command);

}  // namespace testing_shell

}  // namespace nn_grade
