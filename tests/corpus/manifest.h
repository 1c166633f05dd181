// A corpus entry's manifest.yaml: what one small change to the reference must do to its grade.
// The format is described in README.md next to this file.
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace nn_grade {

namespace corpus {

struct Manifest {
  std::string name;           // the entry's folder name: the submission's key
  std::filesystem::path dir;  // the entry's folder
  std::string kind;           // mistake | unusual | hostile | lazy
  std::string description;
  std::string base = "reference";      // reference | template: the files the entry's files replace
  std::string status = "graded";       // the submission's expected status
  std::vector<std::string> deleted;    // base files left out of the submission
  std::vector<std::string> must_fail;  // checks whose status must not be "passed"
  std::vector<std::string> no_points;  // checks that must earn nothing: fraction 0 (so not
                                       // passed either), no partial credit
  std::vector<std::string> may_fail;   // checks allowed either way; every other must pass
  std::map<std::string, std::string> diagnosis;  // check id -> expected mistake code
  std::map<std::string, std::vector<std::string>> output_contains;  // check id (or build_log,
                                                                    // missing_files) -> texts it
                                                                    // must contain (one, or a list)
  std::map<std::string, std::vector<std::string>>
      output_lacks;                                       // the same -> texts that must not appear
  std::map<std::string, std::string> output_lacks_regex;  // the same, or "*" for every check's
                                                          // output and build_log -> an
                                                          // ECMAScript regex that must not match
  std::vector<std::string> must_not_leak_env;  // variables the corpus test sets to fresh random
                                               // values in grade's environment: neither value
                                               // may appear in the entry's result or feedback
  bool gradescope = false;  // also graded alone by `grade --gradescope` (fake /autograder)
  bool needs_file_containment = false;       // only a containment that hides the machine's files
                                             // (bubblewrap, chroot) can hold it: skipped where the
                                             // checks ran with neither (isolation none, or no root)
  bool needs_network_containment = false;    // only a network namespace of its own can hold it
                                             // (every containment but rlimits alone): skipped
                                             // where the checks ran with rlimits alone
  std::vector<std::string> must_not_create;  // paths on the grading machine it tries to write:
                                             // absent afterwards when checks ran sandboxed
  std::string expect_score;                  // "", "full" or "zero"
  // When not empty: also graded alone as Canvas's "Download Submissions" zip, the entry's files
  // named <name>_<user id>_<attachment id>_<file>, with entries of these names (each holding
  // one line of text) beside them.
  std::vector<std::string> canvas_export;
};

// Reads <entry_dir>/manifest.yaml. Throws std::runtime_error naming the file (and the line,
// where yaml-cpp knows it) for a missing file, an unknown key or an invalid value.
Manifest load_manifest(const std::filesystem::path& entry_dir);

// Every entry under corpus_dir (each sub-folder with a manifest.yaml), sorted by name.
std::vector<Manifest> load_corpus(const std::filesystem::path& corpus_dir);

}  // namespace corpus

}  // namespace nn_grade
