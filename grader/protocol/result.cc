#include "protocol/result.h"

#include "protocol/enum_names.h"
#include "protocol/json_numbers.h"

namespace nn_grade::protocol {

namespace {

using protocol::EnumName;

constexpr EnumName<CheckStatus> kCheckStatusNames[] = {{CheckStatus::kPassed, "passed"},
                                                       {CheckStatus::kFailed, "failed"},
                                                       {CheckStatus::kError, "error"},
                                                       {CheckStatus::kTimeout, "timeout"},
                                                       {CheckStatus::kCrashed, "crashed"},
                                                       {CheckStatus::kSkipped, "skipped"},
                                                       {CheckStatus::kGraderError, "grader_error"}};

constexpr EnumName<SubmissionStatus> kSubmissionStatusNames[] = {
    {SubmissionStatus::kGraded, "graded"},
    {SubmissionStatus::kBuildFailed, "build_failed"},
    {SubmissionStatus::kMissingFiles, "missing_files"},
    {SubmissionStatus::kGraderError, "grader_error"}};

// In the order the rubric's messages list them.
constexpr EnumName<Visibility> kVisibilityNames[] = {
    {Visibility::kVisible, "visible"},
    {Visibility::kHidden, "hidden"},
    {Visibility::kAfterDueDate, "after_due_date"},
    {Visibility::kAfterPublished, "after_published"}};

// Reads `key` of `j` into an enum through `parse`; a name it does not know is a JSON error.
template <typename Enum>
void read_enum(const nlohmann::json& j, const char* key, bool (*parse)(const std::string&, Enum*),
               Enum* value) {
  const std::string name = j.at(key).get<std::string>();
  if (!parse(name, value)) {
    throw nlohmann::json::other_error::create(
        501, std::string(key) + " \"" + name + "\" is not one the grader writes", &j);
  }
}

}  // namespace

const char* to_string(CheckStatus status) {
  return protocol::name_of(kCheckStatusNames, status, "grader_error");
}

bool parse_check_status(const std::string& text, CheckStatus* status) {
  return protocol::value_named(kCheckStatusNames, text, status);
}

const char* to_string(SubmissionStatus status) {
  return protocol::name_of(kSubmissionStatusNames, status, "grader_error");
}

bool parse_submission_status(const std::string& text, SubmissionStatus* status) {
  return protocol::value_named(kSubmissionStatusNames, text, status);
}

const char* to_string(Visibility visibility) {
  return protocol::name_of(kVisibilityNames, visibility, "hidden");
}

bool parse_visibility(const std::string& text, Visibility* visibility) {
  return protocol::value_named(kVisibilityNames, text, visibility);
}

std::vector<std::string> visibility_names() {
  std::vector<std::string> names;
  for (const auto& [value, name] : kVisibilityNames) names.push_back(name);
  return names;
}

void to_json(nlohmann::json& j, const StoppedIn& s) {
  j = {{"function", s.function}, {"wrong_shape", s.wrong_shape}};
}

void from_json(const nlohmann::json& j, StoppedIn& s) {
  s.function = j.value("function", "");
  s.wrong_shape = j.value("wrong_shape", false);
}

void to_json(nlohmann::json& j, const CheckResult& c) {
  j = {{"id", c.id},
       {"name", c.name},
       {"component", c.component},
       {"visibility", to_string(c.visibility)},
       {"status", to_string(c.status)},
       {"fraction", c.fraction},
       {"score", c.score},
       {"max_score", c.max_score},
       {"output", c.output},
       {"printed", c.printed},
       {"reproduce", c.reproduce},
       {"diagnosis", c.diagnosis},
       {"failing_dependencies", c.failing_dependencies},
       {"same_error_as", c.same_error_as},
       {"figures", protocol::non_finite_as_text(c.figures)},
       {"seconds", c.seconds}};
  if (c.training) j["training"] = *c.training;
  if (c.stopped_in.known()) j["stopped_in"] = c.stopped_in;
  if (c.left_wrong_shape) j["left_wrong_shape"] = true;
  if (c.end_to_end) {
    j["end_to_end"] = {{"status", to_string(*c.end_to_end)}, {"causes", c.end_to_end_causes}};
  }
}

void from_json(const nlohmann::json& j, CheckResult& c) {
  j.at("id").get_to(c.id);
  c.name = j.value("name", "");
  c.component = j.value("component", "");
  c.visibility = Visibility::kVisible;
  if (j.contains("visibility")) read_enum(j, "visibility", parse_visibility, &c.visibility);
  read_enum(j, "status", parse_check_status, &c.status);
  c.fraction = j.value("fraction", 0.0);
  j.at("score").get_to(c.score);
  j.at("max_score").get_to(c.max_score);
  c.output = j.value("output", "");
  c.printed = j.value("printed", "");
  c.reproduce = j.value("reproduce", "");
  c.diagnosis = j.value("diagnosis", "");
  c.stopped_in = j.value("stopped_in", StoppedIn{});
  c.left_wrong_shape = j.value("left_wrong_shape", false);
  c.failing_dependencies = j.value("failing_dependencies", std::vector<std::string>{});
  c.same_error_as = j.value("same_error_as", "");
  if (j.contains("end_to_end")) {
    CheckStatus status = CheckStatus::kFailed;
    read_enum(j.at("end_to_end"), "status", parse_check_status, &status);
    c.end_to_end = status;
    c.end_to_end_causes = j.at("end_to_end").value("causes", std::vector<std::string>{});
  }
  c.figures = protocol::non_finite_from_text(j.value("figures", nlohmann::json::object()));
  c.training.reset();
  if (j.contains("training")) c.training = j.at("training").get<TrainingPicture>();
  c.seconds = j.value("seconds", 0.0);
}

void to_json(nlohmann::json& j, const Coverage& c) {
  j = {{"rubric_points", c.rubric_points},
       {"hidden_checks", c.hidden_checks},
       {"hidden_points", c.hidden_points},
       {"other_checks", c.other_checks},
       {"other_points", c.other_points}};
}

void from_json(const nlohmann::json& j, Coverage& c) {
  j.at("rubric_points").get_to(c.rubric_points);
  c.hidden_checks = j.value("hidden_checks", 0);
  c.hidden_points = j.value("hidden_points", 0.0);
  c.other_checks = j.value("other_checks", 0);
  c.other_points = j.value("other_points", 0.0);
}

void to_json(nlohmann::json& j, const CompilerWarning& w) {
  j = {{"file", w.file},
       {"line", w.line},
       {"function", w.function},
       {"text", w.text},
       {"flag", w.flag}};
}

void from_json(const nlohmann::json& j, CompilerWarning& w) {
  j.at("file").get_to(w.file);
  j.at("line").get_to(w.line);
  w.function = j.value("function", "");
  j.at("text").get_to(w.text);
  w.flag = j.value("flag", "");
}

void to_json(nlohmann::json& j, const SubmissionResult& s) {
  nlohmann::json extra = nlohmann::json::object();
  if (!s.canvas_user_id.empty()) {
    extra["canvas_user_id"] = s.canvas_user_id;
    extra["sortable_name"] = s.sortable_name;
  }
  if (!s.notes.empty()) extra["notes"] = s.notes;
  j = {{"submission", s.submission},
       {"status", to_string(s.status)},
       {"score", s.score},
       {"max_score", s.max_score},
       {"seed", s.seed},
       {"late", s.late},
       {"isolation", containment_name(s)},
       {"build_log", s.build_log},
       {"build_log_full", s.build_log_full},
       {"missing_files", s.missing_files},
       {"warnings", s.warnings},
       {"checks", s.checks},
       {"fingerprint", s.fingerprint},
       {"extra", extra}};
  if (s.coverage) j["coverage"] = *s.coverage;
}

void from_json(const nlohmann::json& j, SubmissionResult& s) {
  j.at("submission").get_to(s.submission);
  read_enum(j, "status", parse_submission_status, &s.status);
  j.at("score").get_to(s.score);
  j.at("max_score").get_to(s.max_score);
  s.coverage.reset();
  if (j.contains("coverage")) s.coverage = j.at("coverage").get<Coverage>();
  j.at("seed").get_to(s.seed);
  s.late = j.value("late", false);
  protocol::Containment containment;
  s.containment.reset();
  if (protocol::parse_containment(j.value("isolation", ""), &containment)) {
    s.containment = containment;
  }
  s.build_log = j.value("build_log", "");
  s.build_log_full = j.value("build_log_full", "");
  s.missing_files = j.value("missing_files", std::vector<std::string>{});
  s.warnings = j.value("warnings", std::vector<CompilerWarning>{});
  s.checks = j.value("checks", std::vector<CheckResult>{});
  s.fingerprint = j.value("fingerprint", "");
  const nlohmann::json extra = j.value("extra", nlohmann::json::object());
  s.canvas_user_id = extra.value("canvas_user_id", "");
  s.sortable_name = extra.value("sortable_name", "");
  s.notes = extra.value("notes", std::vector<std::string>{});
}

}  // namespace nn_grade::protocol
