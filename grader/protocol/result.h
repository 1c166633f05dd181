// The result of grading one submission: what run/ produces, score/ completes and report/
// writes. Its JSON form is result.json (docs/contract.md).
#pragma once

#include <cstdint>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "protocol/check_limits.h"
#include "protocol/training_picture.h"

namespace nn_grade::protocol {

// A check's status. Its JSON form is docs/contract.md's string (to_string / parse_check_status).
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

// A submission's status (docs/contract.md's strings in JSON).
enum class SubmissionStatus {
  kGraded,
  kBuildFailed,   // the compiler refused it: build_log says why
  kMissingFiles,  // missing_files names them
  kGraderError,   // our fault: graded again by the next batch run, never charged
};
const char* to_string(SubmissionStatus status);
bool parse_submission_status(const std::string& text, SubmissionStatus* status);

// Who sees a check's result, and when (Gradescope's names, in the order Gradescope reveals them:
// docs/gradescope.md, Sources, "Controlling Test Case Visibility").
enum class Visibility { kVisible, kAfterDueDate, kAfterPublished, kHidden };
const char* to_string(Visibility visibility);
bool parse_visibility(const std::string& text, Visibility* visibility);
// The four names, for messages.
std::vector<std::string> visibility_names();

// Their names, for test messages and logs.
inline std::ostream& operator<<(std::ostream& out, CheckStatus s) { return out << to_string(s); }
inline std::ostream& operator<<(std::ostream& out, SubmissionStatus s) {
  return out << to_string(s);
}
inline std::ostream& operator<<(std::ostream& out, Visibility v) { return out << to_string(v); }

// In JSON, by their names: a status or visibility never becomes a number by accident.
inline void to_json(nlohmann::json& j, CheckStatus s) { j = to_string(s); }
inline void to_json(nlohmann::json& j, SubmissionStatus s) { j = to_string(s); }
inline void to_json(nlohmann::json& j, Visibility v) { j = to_string(v); }

// True when a student sees the check's result before the deadline (in `grade --local`).
inline bool visible_to_student(Visibility visibility) { return visibility == Visibility::kVisible; }

// How late a check is shown: visible 0 (always), after_due_date 1, after_published 2, hidden 3
// (never). Text shown at one rank may name a check of the same rank or a lower one, never a
// later one.
inline int reveal_rank(Visibility visibility) { return static_cast<int>(visibility); }

// Where a check that stopped (error, crashed, timeout) was, as the checker saw it: the
// student's function that was running ("Linear::backward"; "" before any coursework function,
// or when the grader's own reading of a result stopped it), and whether it stopped on a matrix
// of the wrong shape (an Eigen product, coefficient-wise operation, index, block or assignment
// that did not fit), which a wrong shape that another function left behind can cause.
struct StoppedIn {
  std::string function;
  bool wrong_shape = false;
  bool known() const { return !function.empty(); }
};
void to_json(nlohmann::json& j, const StoppedIn& s);
void from_json(const nlohmann::json& j, StoppedIn& s);

struct CheckResult {
  std::string id;
  std::string name;  // the catalog title
  std::string component;
  Visibility visibility = Visibility::kVisible;  // from the rubric
  CheckStatus status = CheckStatus::kSkipped;
  double fraction = 0.0;  // from the checker
  double score = 0.0;     // points earned: max_score * fraction when it ran
  double max_score = 0.0;
  std::string output;     // for the student: what the check found
  std::string printed;    // the last lines the student's code printed, with a heading, or ""
  std::string reproduce;  // the command that runs the check again exactly, or "" (passed)
  std::string diagnosis;  // the named mistake, if any
  StoppedIn stopped_in;   // set by the checker when the check stopped inside the student's code
  bool left_wrong_shape = false;  // the checker's CheckReport::left_wrong_shape
  // Checks of code this check also runs that lost points (score/dependencies.h), for the note
  // that they may be the cause. Empty when it passed or none did.
  std::vector<std::string> failing_dependencies;
  // The id of an earlier check that stopped with the same error (score/dependencies.h), whose
  // explanation this one does not repeat; "" when none.
  std::string same_error_as;
  // For a check judged alone (on the grader's stand-in layers and loss) that passed while a part
  // it calls failed its own checks: its status when run once more end to end, with the
  // student's own parts, when that did not pass (nullopt otherwise), and those parts' failing
  // checks, shown no later than it. It costs no points; the report tells both.
  std::optional<CheckStatus> end_to_end;
  std::vector<std::string> end_to_end_causes;
  // The numbers behind the output (relative errors, tolerances, worst index, seed: see
  // docs/contract.md); NaN and infinity are written "nan", "inf", "-inf" and read back.
  nlohmann::json figures = nlohmann::json::object();
  std::optional<TrainingPicture> training;  // train.spiral's loss curve and decision regions
  double seconds = 0.0;
};

// The part of the rubric a result leaves out, when it does not cover all of it: `grade --local`
// runs only the checks a student may see, `--only` only the ones named. Hidden checks left out
// are counted, never named.
struct Coverage {
  double rubric_points = 0.0;  // the whole rubric's total
  int hidden_checks = 0;       // not shown to students before grades are out
  double hidden_points = 0.0;
  int other_checks = 0;  // visible, but not selected (--only)
  double other_points = 0.0;
};

// One of g++'s warnings that usually mean a bug (-Wreturn-type, -Wtype-limits, -Wuninitialized,
// -Wmaybe-uninitialized, -Wparentheses, -Wsign-compare), in one of the student's four files.
// Reports show it beside a failing check of the part its function belongs to, and `grade
// --local` lists it even when everything passes; it never changes a verdict or a point.
struct CompilerWarning {
  std::string file;      // "layers.cpp"
  int line = 0;          // 1 and up
  std::string function;  // "ReLU::backward", "stable_sigmoid"; "" outside any function
  std::string text;      // g++'s words: "no return statement in function returning non-void"
  std::string flag;      // "-Wreturn-type"
};

struct SubmissionResult {
  std::string submission;  // the key: folder name or Canvas user
  SubmissionStatus status = SubmissionStatus::kGraded;
  double score = 0.0;
  double max_score = 0.0;  // of the checks it covers: the rubric's total unless `coverage`
  std::optional<Coverage> coverage;  // set when it covers only part of the rubric
  std::uint64_t seed = 0;
  bool late = false;
  std::optional<protocol::Containment> containment;  // how its checks ran; none when none ran
  std::string build_log;       // trimmed compiler messages when the build failed
  std::string build_log_full;  // the compiler's whole output for a compile error, else ""
  std::vector<std::string> missing_files;
  std::vector<CompilerWarning> warnings;  // of the build, when it was built
  std::vector<CheckResult> checks;
  std::string fingerprint;  // hash of everything graded: a batch regrades when it changes
  // From discovery: a Canvas export's user id and sortable name ("" otherwise), and what
  // discovery decided for this student, for the TA. JSON keeps them under "extra".
  std::string canvas_user_id;
  std::string sortable_name;
  std::vector<std::string> notes;
};

// The containment its checks ran under, by name ("bubblewrap", ...), or "" when none ran.
inline const char* containment_name(const SubmissionResult& result) {
  return result.containment ? protocol::to_string(*result.containment) : "";
}

// Passed or failed: the check ran to its end and its fraction counts.
inline bool earns_points(CheckStatus status) {
  return status == CheckStatus::kPassed || status == CheckStatus::kFailed;
}

// Failed, threw, timed out or crashed: the student's code lost points here.
inline bool ran_and_lost_points(const CheckResult& check) {
  return check.status == CheckStatus::kFailed || check.status == CheckStatus::kError ||
         check.status == CheckStatus::kTimeout || check.status == CheckStatus::kCrashed;
}

// False when the submission's code never built: build_failed, missing_files, or a grader_error
// while building (its build_log says so).
inline bool was_built(const SubmissionResult& result) {
  const bool grader_failed_to_build =
      result.status == SubmissionStatus::kGraderError && !result.build_log.empty();
  return result.status != SubmissionStatus::kBuildFailed &&
         result.status != SubmissionStatus::kMissingFiles && !grader_failed_to_build;
}

void to_json(nlohmann::json& j, const Coverage& c);
void from_json(const nlohmann::json& j, Coverage& c);
void to_json(nlohmann::json& j, const CheckResult& c);
void from_json(const nlohmann::json& j, CheckResult& c);
void to_json(nlohmann::json& j, const CompilerWarning& w);
void from_json(const nlohmann::json& j, CompilerWarning& w);
void to_json(nlohmann::json& j, const SubmissionResult& s);
void from_json(const nlohmann::json& j, SubmissionResult& s);

}  // namespace nn_grade::protocol
