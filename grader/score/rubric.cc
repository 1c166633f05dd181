#include "score/rubric.h"

#include <algorithm>
#include <fstream>
#include <map>
#include <optional>
#include <set>
#include <sstream>

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <yaml-cpp/yaml.h>

#include "protocol/catalog.h"
#include "score/closest_name.h"
#include "score/yaml_values.h"
#include "util/file_text.h"

namespace nn_grade::score {
namespace {

const std::vector<std::string> kTopLevelKeys = {"name",        "title",     "canvas_assignment",
                                                "seed",        "isolation", "limits",
                                                "late_policy", "checks",    "withheld"};
const std::vector<std::string> kCheckKeys = {"id", "points", "visibility", "judged", "params"};

std::string join(const std::vector<std::string>& words) {
  return fmt::format("{}", fmt::join(words, ", "));
}

std::string unknown_name_message(const std::string& what, const std::string& name,
                                 const std::vector<std::string>& known) {
  const std::string guess = closest_name(name, known);
  if (!guess.empty())
    return fmt::format("unknown {} \"{}\"; did you mean \"{}\"?", what, name, guess);
  return fmt::format("unknown {} \"{}\"; known: {}", what, name, join(known));
}

std::vector<std::string> catalog_ids() {
  std::vector<std::string> ids;
  for (const protocol::CheckInfo& check : protocol::all_checks()) ids.push_back(check.id);
  return ids;
}

std::string read_file_text(const std::filesystem::path& path) {
  std::string text, err;
  if (!util::read_file(path, &text, &err)) {
    throw RubricError(
        {fmt::format("{}: cannot read the rubric: no such file or no permission", path.string())});
  }
  return text;
}

// Walks the parsed YAML once, filling a Rubric and noting every mistake on the way.
class RubricReader {
 public:
  explicit RubricReader(const std::filesystem::path& path) : path_(path) {}

  Rubric read(const YAML::Node& root) {
    Rubric rubric;
    rubric.path = path_;
    if (!root.IsMap()) {
      const std::string what =
          root.IsNull() ? "the file is empty" : "the file is " + describe(root);
      problem(root, "rubric", what + "; expected a mapping with name, seed and checks");
      finish();
    }
    for (const auto& [key, value] : unique_entries(root, "", kTopLevelKeys)) {
      read_top_level(key, value, rubric);
    }
    for (const char* required : {"name", "seed", "checks"}) {
      if (!root[required])
        problem(root, required, "missing; every rubric needs name, seed and checks");
    }
    if (rubric.title.empty()) rubric.title = rubric.name;
    finish();
    return rubric;
  }

 private:
  void problem(const YAML::Node& at, const std::string& key, const std::string& message) {
    const int line = line_of(at);
    problems_.emplace_back(
        line, line > 0 ? fmt::format("{}:{}: {}: {}", path_.string(), line, key, message)
                       : fmt::format("{}: {}: {}", path_.string(), key, message));
  }

  // Reports every problem at once, in the order of the file's lines.
  void finish() {
    if (problems_.empty()) return;
    std::stable_sort(problems_.begin(), problems_.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    std::vector<std::string> messages;
    for (auto& [line, message] : problems_) messages.push_back(std::move(message));
    throw RubricError(std::move(messages));
  }

  // The mapping's entries, minus duplicated and unknown keys (each reported).
  std::vector<std::pair<std::string, YAML::Node>> unique_entries(
      const YAML::Node& map, const std::string& prefix, const std::vector<std::string>& known,
      const std::string& what = "key") {
    std::vector<std::pair<std::string, YAML::Node>> entries;
    std::map<std::string, int> first_line;
    for (const auto& entry : map) {
      const std::string key = entry.first.Scalar();
      const std::string path = prefix + key;
      if (first_line.count(key)) {
        problem(entry.first, path, fmt::format("given twice (first at line {})", first_line[key]));
        continue;
      }
      first_line[key] = line_of(entry.first);
      if (std::find(known.begin(), known.end(), key) == known.end()) {
        problem(entry.first, path, unknown_name_message(what, key, known));
        continue;
      }
      entries.emplace_back(key, entry.second);
    }
    return entries;
  }

  void read_top_level(const std::string& key, const YAML::Node& value, Rubric& rubric) {
    if (key == "name") {
      rubric.name = read_text(value, key);
    } else if (key == "title") {
      rubric.title = read_text(value, key);
    } else if (key == "canvas_assignment") {
      rubric.canvas_assignment = read_text(value, key);
    } else if (key == "seed") {
      read_seed(value, rubric);
    } else if (key == "isolation") {
      read_isolation(value, rubric);
    } else if (key == "limits") {
      read_limits(value, rubric.limits);
    } else if (key == "late_policy") {
      read_late_policy(value, rubric);
    } else if (key == "checks") {
      read_checks(value, rubric);
    } else if (key == "withheld") {
      read_withheld(value, rubric.withheld);
    }
  }

  void read_withheld(const YAML::Node& value, Withheld& withheld) {
    if (!value.IsMap()) {
      problem(value, "withheld",
              "must be a mapping like {checks: 1, points: 2}, got " + describe(value));
      return;
    }
    for (const auto& [key, entry] : unique_entries(value, "withheld.", {"checks", "points"})) {
      if (key == "checks") {
        const auto count = as_integer(entry);
        if (!count || *count < 0) {
          problem(entry, "withheld.checks", "must be a whole number >= 0, got " + describe(entry));
          continue;
        }
        withheld.checks = static_cast<int>(*count);
      } else {
        const auto points = as_number(entry);
        if (!points || *points < 0) {
          problem(entry, "withheld.points", "must be a number >= 0, got " + describe(entry));
          continue;
        }
        withheld.points = *points;
      }
    }
  }

  std::string read_text(const YAML::Node& value, const std::string& key) {
    if (value.IsScalar() && !value.Scalar().empty()) return value.Scalar();
    problem(value, key, "must be a line of text, got " + describe(value));
    return "";
  }

  void read_seed(const YAML::Node& value, Rubric& rubric) {
    const auto seed = as_integer(value);
    if (!seed || *seed < 0) {
      problem(value, "seed", "must be a whole number >= 0, got " + describe(value));
      return;
    }
    rubric.seed = static_cast<std::uint64_t>(*seed);
  }

  void read_isolation(const YAML::Node& value, Rubric& rubric) {
    if (!value.IsScalar() || !protocol::parse_isolation_policy(value.Scalar(), &rubric.isolation)) {
      std::vector<std::string> names;
      for (const auto& [policy, name] : protocol::kIsolationNames) names.push_back(name);
      problem(value, "isolation", "must be one of " + join(names) + "; got " + describe(value));
    }
  }

  void read_limits(const YAML::Node& value, protocol::Limits& limits) {
    if (!value.IsMap()) {
      problem(value, "limits", "must be a mapping like {wall_seconds: 10}, got " + describe(value));
      return;
    }
    const std::vector<std::string> known = {"wall_seconds", "cpu_seconds", "call_seconds",
                                            "memory_mb",    "file_mb",     "output_kb"};
    for (const auto& [key, limit] : unique_entries(value, "limits.", known, "limit")) {
      if (key == "wall_seconds" || key == "cpu_seconds" || key == "call_seconds") {
        const auto seconds = as_number(limit);
        if (!seconds || *seconds <= 0) {
          problem(limit, "limits." + key,
                  "must be a number of seconds > 0, got " + describe(limit));
          continue;
        }
        (key == "wall_seconds"  ? limits.wall_seconds
         : key == "cpu_seconds" ? limits.cpu_seconds
                                : limits.call_seconds) = *seconds;
      } else {
        const auto size = as_integer(limit);
        if (!size || *size <= 0) {
          problem(limit, "limits." + key, "must be a whole number > 0, got " + describe(limit));
          continue;
        }
        (key == "memory_mb" ? limits.memory_mb
         : key == "file_mb" ? limits.file_mb
                            : limits.output_kb) = static_cast<long>(*size);
      }
    }
  }

  void read_late_policy(const YAML::Node& value, Rubric& rubric) {
    if (!value.IsMap()) {
      problem(
          value, "late_policy",
          "must be a mapping like {percent_per_day: 10, max_percent: 50}, got " + describe(value));
      return;
    }
    LatePolicy policy;
    bool has_rate = false;
    const std::vector<std::string> known = {"percent_per_day", "max_percent", "grace_minutes"};
    for (const auto& [key, entry] : unique_entries(value, "late_policy.", known)) {
      const auto number = as_number(entry);
      const double most = key == "grace_minutes" ? 1e9 : 100.0;
      if (!number || *number < 0 || *number > most) {
        problem(entry, "late_policy." + key,
                (key == "grace_minutes" ? "must be a number of minutes >= 0, got "
                                        : "must be a percent from 0 to 100, got ") +
                    describe(entry));
        continue;
      }
      if (key == "percent_per_day") {
        policy.percent_per_day = *number;
        has_rate = true;
      } else if (key == "max_percent") {
        policy.max_percent = *number;
      } else {
        policy.grace_minutes = *number;
      }
    }
    if (!has_rate) problem(value, "late_policy.percent_per_day", "missing: how much per day?");
    rubric.late_policy = policy;
  }

  void read_checks(const YAML::Node& value, Rubric& rubric) {
    if (!value.IsSequence() || value.size() == 0) {
      problem(value, "checks",
              "must be a list of checks (- id: ..., points: ...), got " + describe(value));
      return;
    }
    std::map<std::string, int> first_line;
    for (std::size_t index = 0; index < value.size(); ++index) {
      const YAML::Node entry = value[index];
      const std::string path = fmt::format("checks[{}]", index);
      RubricCheck check;
      if (!read_check(entry, path, check)) continue;
      if (first_line.count(check.id)) {
        problem(
            entry["id"], path + ".id",
            fmt::format("{} is listed twice (first at line {})", check.id, first_line[check.id]));
        continue;
      }
      first_line[check.id] = line_of(entry["id"]);
      rubric.checks.push_back(std::move(check));
    }
  }

  // False when the entry is unusable (no valid id); its other mistakes are still reported.
  bool read_check(const YAML::Node& entry, const std::string& path, RubricCheck& check) {
    if (!entry.IsMap()) {
      problem(entry, path,
              "must be a mapping like {id: linear.forward, points: 3}, got " + describe(entry));
      return false;
    }
    const protocol::CheckInfo* info = nullptr;
    bool has_points = false;
    std::optional<YAML::Node> params, visibility, judged;
    for (const auto& [key, value] : unique_entries(entry, path + ".", kCheckKeys)) {
      if (key == "id") {
        info = read_check_id(value, path + ".id");
      } else if (key == "points") {
        has_points = true;
        read_points(value, path + ".points", check);
      } else if (key == "visibility") {
        visibility = value;
        read_visibility(value, path + ".visibility", check);
      } else if (key == "judged") {
        judged = value;
      } else if (key == "params") {
        params = value;
      }
    }
    if (!entry["id"]) problem(entry, path + ".id", "missing: which check is this?");
    if (!has_points) problem(entry, path + ".points", "missing: how many points is it worth?");
    if (visibility && check.visibility == protocol::Visibility::kHidden && check.points > 0) {
      problem(*visibility, path + ".visibility",
              fmt::format("hidden, but worth {:g} point{}: Gradescope never shows a hidden test, "
                          "and means it for tests worth none, so students would see a total "
                          "short of these points with nothing to say why. Use after_due_date "
                          "(shown after the deadline) or after_published, or make it worth 0",
                          check.points, check.points == 1.0 ? "" : "s"));
    }
    if (info == nullptr) return false;
    if (judged) read_judged(*judged, path + ".judged", *info, check);
    check.id = info->id;
    check.params = info->defaults;
    if (params) read_params(*params, path + ".params", *info, check.params);
    return true;
  }

  const protocol::CheckInfo* read_check_id(const YAML::Node& value, const std::string& path) {
    if (!value.IsScalar()) {
      problem(value, path, "must be a check id like linear.forward, got " + describe(value));
      return nullptr;
    }
    const protocol::CheckInfo* info = protocol::find_check(value.Scalar());
    if (info == nullptr)
      problem(value, path, unknown_name_message("check", value.Scalar(), catalog_ids()));
    return info;
  }

  void read_points(const YAML::Node& value, const std::string& path, RubricCheck& check) {
    const auto points = as_number(value);
    if (!points || *points < 0) {
      problem(value, path, "must be a number >= 0, got " + describe(value));
      return;
    }
    check.points = *points;
  }

  void read_visibility(const YAML::Node& value, const std::string& path, RubricCheck& check) {
    if (!value.IsScalar() || !protocol::parse_visibility(value.Scalar(), &check.visibility)) {
      problem(value, path,
              fmt::format("must be one of {}; got {}", join(protocol::visibility_names()),
                          describe(value)));
    }
  }

  void read_judged(const YAML::Node& value, const std::string& path,
                   const protocol::CheckInfo& info, RubricCheck& check) {
    std::vector<std::string> names;
    for (const auto& [judged, name] : protocol::kJudgedNames) names.push_back(name);
    if (!value.IsScalar() || !protocol::parse_judged(value.Scalar(), &check.judged)) {
      problem(value, path, fmt::format("must be one of {}; got {}", join(names), describe(value)));
    } else if (check.judged == protocol::Judged::kAlone &&
               !protocol::can_judge_alone(info.component)) {
      problem(value, path,
              fmt::format("{} judges layers.cpp itself, which the stand-in server replaces: it "
                          "can only be judged end_to_end",
                          info.id));
    }
  }

  void read_params(const YAML::Node& value, const std::string& path,
                   const protocol::CheckInfo& info, nlohmann::json& params) {
    if (!value.IsMap()) {
      problem(value, path, "must be a mapping like {batch: 5}, got " + describe(value));
      return;
    }
    std::vector<std::string> known;
    for (const auto& item : info.defaults.items()) known.push_back(item.key());
    const std::string what = "parameter of " + info.id;
    for (const auto& [key, override_value] : unique_entries(value, path + ".", known, what)) {
      const nlohmann::json& default_value = info.defaults.at(key);
      auto converted = as_json_like(override_value, default_value);
      if (!converted) {
        problem(override_value, path + "." + key,
                fmt::format("must be {} (default {}), got {}", type_name(default_value),
                            default_value.dump(), describe(override_value)));
        continue;
      }
      params[key] = *converted;
    }
  }

  std::filesystem::path path_;
  std::vector<std::pair<int, std::string>> problems_;  // (line, message)
};

std::string join_lines(const std::vector<std::string>& lines) {
  std::string joined;
  for (const std::string& line : lines) joined += (joined.empty() ? "" : "\n") + line;
  return joined;
}

}  // namespace

double Rubric::total_points() const {
  double total = withheld.points;
  for (const RubricCheck& check : checks) total += check.points;
  return total;
}

Withheld Rubric::unseen() const {
  Withheld unseen = withheld;
  for (const RubricCheck& check : checks) {
    if (protocol::visible_to_student(check.visibility)) continue;
    unseen.checks += 1;
    unseen.points += check.points;
  }
  return unseen;
}

const RubricCheck* Rubric::find(const std::string& id) const {
  for (const RubricCheck& check : checks) {
    if (check.id == id) return &check;
  }
  return nullptr;
}

RubricError::RubricError(std::vector<std::string> problems)
    : std::runtime_error(join_lines(problems)), problems_(std::move(problems)) {}

Rubric load_rubric(const std::filesystem::path& path) {
  const std::string text = read_file_text(path);
  YAML::Node root;
  try {
    root = YAML::Load(text);
  } catch (const YAML::ParserException& error) {
    throw RubricError({fmt::format("{}:{}: YAML syntax error at column {}: {}", path.string(),
                                   error.mark.line + 1, error.mark.column + 1, error.msg)});
  }
  return RubricReader(path).read(root);
}

}  // namespace nn_grade::score
