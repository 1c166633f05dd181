// What discovery hands to the rest of the grader: one folder of plain-named files per student.
#pragma once

#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

namespace nn_grade::discover {

struct Submission {
  std::string key;  // OUT/<key>/: the folder name, or "<sortablename>_<userid>" for Canvas
  std::filesystem::path dir;  // holds the submission's files under their plain names (layers.cpp)
  bool late = false;
  std::string canvas_user_id;      // when from a Canvas export
  std::string sortable_name;       // when from a Canvas export
  std::vector<std::string> notes;  // what discovery decided for this student, for the TA
};

struct Discovery {
  std::vector<Submission> submissions;  // sorted by key
  std::vector<std::string>
      unmatched_files;                // files that belong to no student, never dropped silently
  std::vector<std::string> warnings;  // e.g. an archive entry skipped as too large
  std::string layout;  // "folders", "canvas", "canvas-zip" (or "folders-zip": a zip of folders)
};

// SUBMISSIONS missing, unreadable, empty, or a bad archive. what() is one line for the TA.
class DiscoveryError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace nn_grade::discover
