// Compiling a submission's four files against the project's headers and linking them with the
// server's own code into that submission's student server (static). Objects and servers are
// cached by content, so an unchanged file is never compiled twice, and a cache shared by several
// graders stays whole.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "compile/toolchain.h"
#include "protocol/check_limits.h"
#include "protocol/result.h"
#include "run/job_slots.h"

namespace nn_grade::compile {

struct BuildOptions {
  std::filesystem::path cache_dir;  // objects/, servers/, tmp/ go here (required)
  run::JobSlots* slots = nullptr;   // one per compiler or linker process; null: no limit
  double compile_timeout_seconds = 60;
  // The compiler runs sandboxed too where it can: `#include "/home/ta/secret"` must not put a
  // TA's file into a student's build log.
  protocol::IsolationPolicy isolation = protocol::IsolationPolicy::kAuto;
  bool standin_server = false;  // also link the stand-in server (BuildResult::standin_server)
};

struct BuildResult {
  // graded (= built), build_failed, missing_files or grader_error.
  protocol::SubmissionStatus status = protocol::SubmissionStatus::kGraded;
  std::filesystem::path server;      // the built student server, when status is graded
  std::vector<std::string> missing;  // missing files, when missing_files
  std::string log;                   // the compiler's first errors, student's file names only
  std::string full_log;              // a compile error's whole output (private paths renamed)
  std::string fingerprint;           // the four files' contents + the toolchain's fingerprint
  // The stand-in server, for the checks a rubric judges alone: the submission's model.cpp,
  // losses.cpp and optimizer.cpp linked with the grader's stand-in layers in place of its
  // layers.cpp (docs/architecture.md, "Stand-ins"). Empty when the toolchain has none, or when
  // it could not be linked: then standin_status says whose fault (build_failed: the student's
  // files need something of their layers.cpp; grader_error) and standin_log why.
  std::filesystem::path standin_server;
  protocol::SubmissionStatus standin_status = protocol::SubmissionStatus::kGraded;
  std::string standin_log;
  bool reused = false;  // nothing compiled or linked: a cached server was used
  int compiled = 0;     // files compiled this time (the others came from the cache)
  std::vector<protocol::CompilerWarning> warnings;  // when built: compiler_warnings.h
};

// Never throws for anything in the submission. Only the four files of the submission are
// compiled, each from a private copy, so a header the student sent is never seen.
BuildResult build_submission(const std::filesystem::path& submission_dir,
                             const Toolchain& toolchain, const BuildOptions& options);

}  // namespace nn_grade::compile
