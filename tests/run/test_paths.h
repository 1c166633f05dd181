// Where the tests' helper programs are (set by CMake).
#pragma once

#include <string>
#include <vector>

namespace test_paths {

inline const char* fake_runner() { return FAKE_RUNNER_PATH; }

// The argv that runs one fake check.
inline std::vector<std::string> fake_check(const std::string& id,
                                           const std::string& params = "{}") {
  return {fake_runner(), "--check", id, "--seed", "7", "--params", params};
}

}  // namespace test_paths
