// Where the tests' helper programs are (set by CMake).
#pragma once

#include <string>
#include <vector>

namespace nn_grade {

namespace test_paths {

// A checker that misbehaves on request (fake_checker.cc).
inline const char* fake_checker() { return FAKE_CHECKER_PATH; }
// The real checker, lib/nn-grade/nn-checker.
inline const char* checker() { return CHECKER_PATH; }
// A student server that misbehaves on request (tests/harness/fake_server.cc).
inline const char* fake_server() { return FAKE_SERVER_PATH; }
// The same, built to probe what it can see and do where it runs, then exit 3.
inline const char* probe_server() { return PROBE_SERVER_PATH; }

// The argv that runs one fake check as `grade` would run the checker.
inline std::vector<std::string> fake_check(const std::string& id,
                                           const std::string& params = "{}") {
  return {fake_checker(),
          "--check",
          id,
          "--seed",
          "7",
          "--params",
          params,
          "--wall",
          "10",
          "--server",
          R"({"argv": ["/bin/true"]})"};
}

}  // namespace test_paths

}  // namespace nn_grade
