// Whether the filesystems a run writes to have room for it: checked before a batch starts, so
// that a full disk stops the run with one message instead of failing submissions one by one
// (a compile that cannot write its object is the grader's fault, never the student's).
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace nn_grade::util {

struct SpaceNeed {
  std::filesystem::path where;  // a folder, or a path whose nearest existing parent is checked
  std::uint64_t bytes = 0;
  std::string what;  // "the cache", for the message
};

// True when each need's filesystem has at least its bytes free (needs on one filesystem add
// up). False, with *err naming each one short, how much is free and how much is needed.
bool enough_free_space(const std::vector<SpaceNeed>& needs, std::string* err);

}  // namespace nn_grade::util
