// The result of grading one submission: what run/ produces, score/ completes and report/
// writes. Its JSON form is the contract's result.json.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace grading {

// A check's status. Its JSON form is the contract's string (to_string / parse_check_status).
enum class CheckStatus {
  kPassed,
  kFailed,
  kError,        // the student's code threw, exited or broke the protocol
  kTimeout,      // a call or the check ran out of time
  kCrashed,      // a signal ended the student's code: the output names it
  kSkipped,      // not run (hidden in --local, or --only)
  kGraderError,  // our fault: never charged
};
const char* to_string(CheckStatus status);
// False for a string that is no status.
bool parse_check_status(const std::string& text, CheckStatus* status);

// Status strings of the contract.
namespace check_status {
constexpr const char* kPassed = "passed";
constexpr const char* kFailed = "failed";
constexpr const char* kError = "error";  // the student's code threw
constexpr const char* kTimeout = "timeout";
constexpr const char* kCrashed = "crashed";           // a signal: output names it
constexpr const char* kSkipped = "skipped";           // not run (hidden in --local, or --only)
constexpr const char* kGraderError = "grader_error";  // our fault: never charged
}  // namespace check_status

namespace submission_status {
constexpr const char* kGraded = "graded";
constexpr const char* kBuildFailed = "build_failed";
constexpr const char* kMissingFiles = "missing_files";
constexpr const char* kGraderError = "grader_error";
}  // namespace submission_status

struct CheckResult {
  std::string id;
  std::string name;  // the catalog title
  std::string component;
  std::string visibility;  // from the rubric
  std::string status;
  double fraction = 0.0;  // from the checker
  double score = 0.0;     // points earned: max_score * fraction when it ran
  double max_score = 0.0;
  std::string output;     // for the student: what the check found
  std::string printed;    // the last lines the student's code printed, with a heading, or ""
  std::string reproduce;  // the command that runs the check again exactly, or "" (passed)
  std::string diagnosis;  // the named mistake, if any
  nlohmann::json figures = nlohmann::json::object();
  double seconds = 0.0;
};

struct SubmissionResult {
  std::string submission;  // the key: folder name or Canvas user
  std::string status;
  double score = 0.0;
  double max_score = 0.0;
  std::uint64_t seed = 0;
  bool late = false;
  std::string isolation;  // "bubblewrap" or "rlimits"
  std::string build_log;  // trimmed compiler messages when the build failed
  std::vector<std::string> missing_files;
  std::vector<CheckResult> checks;
  std::string fingerprint;  // hash of everything graded: a batch regrades when it changes
  nlohmann::json extra = nlohmann::json::object();  // e.g. Canvas user id, sortable name
};

void to_json(nlohmann::json& j, const CheckResult& c);
void from_json(const nlohmann::json& j, CheckResult& c);
void to_json(nlohmann::json& j, const SubmissionResult& s);
void from_json(const nlohmann::json& j, SubmissionResult& s);

}  // namespace grading
