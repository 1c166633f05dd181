#include "result.h"

namespace grading {

namespace {
constexpr std::pair<CheckStatus, const char*> kCheckStatusNames[] = {
    {CheckStatus::kPassed, check_status::kPassed},
    {CheckStatus::kFailed, check_status::kFailed},
    {CheckStatus::kError, check_status::kError},
    {CheckStatus::kTimeout, check_status::kTimeout},
    {CheckStatus::kCrashed, check_status::kCrashed},
    {CheckStatus::kSkipped, check_status::kSkipped},
    {CheckStatus::kGraderError, check_status::kGraderError}};
}  // namespace

const char* to_string(CheckStatus status) {
  for (const auto& [value, name] : kCheckStatusNames) {
    if (value == status) return name;
  }
  return check_status::kGraderError;
}

bool parse_check_status(const std::string& text, CheckStatus* status) {
  for (const auto& [value, name] : kCheckStatusNames) {
    if (text == name) {
      *status = value;
      return true;
    }
  }
  return false;
}

void to_json(nlohmann::json& j, const CheckResult& c) {
  j = {{"id", c.id},
       {"name", c.name},
       {"component", c.component},
       {"visibility", c.visibility},
       {"status", c.status},
       {"fraction", c.fraction},
       {"score", c.score},
       {"max_score", c.max_score},
       {"output", c.output},
       {"printed", c.printed},
       {"reproduce", c.reproduce},
       {"diagnosis", c.diagnosis},
       {"figures", c.figures},
       {"seconds", c.seconds}};
}

void from_json(const nlohmann::json& j, CheckResult& c) {
  j.at("id").get_to(c.id);
  c.name = j.value("name", "");
  c.component = j.value("component", "");
  c.visibility = j.value("visibility", "visible");
  j.at("status").get_to(c.status);
  c.fraction = j.value("fraction", 0.0);
  j.at("score").get_to(c.score);
  j.at("max_score").get_to(c.max_score);
  c.output = j.value("output", "");
  c.printed = j.value("printed", "");
  c.reproduce = j.value("reproduce", "");
  c.diagnosis = j.value("diagnosis", "");
  c.figures = j.value("figures", nlohmann::json::object());
  c.seconds = j.value("seconds", 0.0);
}

void to_json(nlohmann::json& j, const SubmissionResult& s) {
  j = {{"submission", s.submission},
       {"status", s.status},
       {"score", s.score},
       {"max_score", s.max_score},
       {"seed", s.seed},
       {"late", s.late},
       {"isolation", s.isolation},
       {"build_log", s.build_log},
       {"missing_files", s.missing_files},
       {"checks", s.checks},
       {"fingerprint", s.fingerprint},
       {"extra", s.extra}};
}

void from_json(const nlohmann::json& j, SubmissionResult& s) {
  j.at("submission").get_to(s.submission);
  j.at("status").get_to(s.status);
  j.at("score").get_to(s.score);
  j.at("max_score").get_to(s.max_score);
  j.at("seed").get_to(s.seed);
  s.late = j.value("late", false);
  s.isolation = j.value("isolation", "");
  s.build_log = j.value("build_log", "");
  s.missing_files = j.value("missing_files", std::vector<std::string>{});
  s.checks = j.value("checks", std::vector<CheckResult>{});
  s.fingerprint = j.value("fingerprint", "");
  s.extra = j.value("extra", nlohmann::json::object());
}

}  // namespace grading
