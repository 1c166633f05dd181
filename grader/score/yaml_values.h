// Reading YAML values as the rubric's types. yaml-cpp keeps every scalar as text; these decide
// what the text is. A quoted scalar ("3") is always a string, as a reader of the file expects.
#pragma once

#include <optional>
#include <string>

#include <yaml-cpp/yaml.h>
#include <nlohmann/json.hpp>

namespace nn_grade::score {

std::optional<double> as_number(const YAML::Node& node);  // finite numbers only
std::optional<long long> as_integer(const YAML::Node& node);
std::optional<bool> as_bool(const YAML::Node& node);
std::optional<std::string> as_string(const YAML::Node& node);  // any scalar but a plain number

// The value as JSON of the same type as `like` (a whole number, a number, a string, a boolean,
// or a list of one of those), or nullopt when its type differs.
std::optional<nlohmann::json> as_json_like(const YAML::Node& value, const nlohmann::json& like);

// "a whole number", "a number", "a string", "true or false", "a list of whole numbers", ...
std::string type_name(const nlohmann::json& like);

// What a value is, for "got ...": -2, "three", a list, a mapping, nothing.
std::string describe(const YAML::Node& node);

// The 1-based line of the node, or 0 when yaml-cpp does not know it.
int line_of(const YAML::Node& node);

}  // namespace nn_grade::score
