#include "score/gradescope_dates.h"

#include <fstream>
#include <vector>

#include <nlohmann/json.hpp>

#include "score/late_policy.h"

namespace nn_grade::score {
namespace {

// The text at `key` of `object` when it is a string, else "".
std::string text_at(const nlohmann::json& object, const char* key) {
  if (!object.is_object() || !object.contains(key) || !object.at(key).is_string()) return "";
  return object.at(key).get<std::string>();
}

// The latest of `texts` that parse_iso8601 reads, with its text; nullopt when none does.
std::optional<std::pair<std::int64_t, std::string>> latest(const std::vector<std::string>& texts) {
  std::optional<std::pair<std::int64_t, std::string>> found;
  for (const std::string& text : texts) {
    const std::optional<std::int64_t> at = parse_iso8601(text);
    if (at && (!found || *at > found->first)) found = std::make_pair(*at, text);
  }
  return found;
}

}  // namespace

bool read_submission_dates(const std::filesystem::path& metadata, SubmissionDates* dates,
                           std::string* err) {
  std::ifstream in(metadata);
  if (!in) {
    *err = "cannot read " + metadata.string();
    return false;
  }
  const nlohmann::json json = nlohmann::json::parse(in, nullptr, false);
  if (json.is_discarded() || !json.is_object()) {
    *err = metadata.string() + " is not JSON";
    return false;
  }
  const nlohmann::json assignment = json.value("assignment", nlohmann::json::object());
  std::vector<std::string> due, late_due;
  if (json.contains("users") && json.at("users").is_array()) {
    for (const nlohmann::json& user : json.at("users")) {
      const nlohmann::json own =
          user.is_object() ? user.value("assignment", nlohmann::json()) : nlohmann::json();
      due.push_back(text_at(own, "due_date"));
      late_due.push_back(text_at(own, "late_due_date"));
    }
  }
  std::optional<std::pair<std::int64_t, std::string>> due_date = latest(due);
  std::optional<std::pair<std::int64_t, std::string>> late_due_date = latest(late_due);
  dates->own_dates = due_date.has_value();
  dates->assignment_due_date_text = text_at(assignment, "due_date");
  if (!due_date) {
    due_date = latest({dates->assignment_due_date_text});
    late_due_date = latest({text_at(assignment, "late_due_date")});
  }
  const std::string created = text_at(json, "created_at");
  const std::optional<std::int64_t> created_at = parse_iso8601(created);
  if (!created_at || !due_date) {
    *err = metadata.string() +
           " has no created_at and due_date times (users[].assignment.due_date or "
           "assignment.due_date; got \"" +
           created + "\" and \"" + dates->assignment_due_date_text + "\")";
    return false;
  }
  dates->created_at = *created_at;
  dates->due_date = due_date->first;
  dates->due_date_text = due_date->second;
  dates->late_due_date.reset();
  if (late_due_date) dates->late_due_date = late_due_date->first;
  return true;
}

}  // namespace nn_grade::score
