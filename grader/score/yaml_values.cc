#include "score/yaml_values.h"

#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <regex>

namespace nn_grade::score {
namespace {

// yaml-cpp tags a plain scalar "?" and a quoted one "!".
bool is_plain_scalar(const YAML::Node& node) { return node.IsScalar() && node.Tag() == "?"; }

std::optional<nlohmann::json> as_any_scalar(const YAML::Node& node) {
  if (auto integer = as_integer(node)) return nlohmann::json(*integer);
  if (auto number = as_number(node)) return nlohmann::json(*number);
  if (auto text = as_string(node)) return nlohmann::json(*text);
  return std::nullopt;
}

}  // namespace

std::optional<double> as_number(const YAML::Node& node) {
  if (!is_plain_scalar(node) || node.Scalar().empty()) return std::nullopt;
  const std::string& text = node.Scalar();
  char* end = nullptr;
  errno = 0;
  const double value = std::strtod(text.c_str(), &end);
  if (*end != '\0' || errno == ERANGE || !std::isfinite(value)) return std::nullopt;
  return value;
}

std::optional<long long> as_integer(const YAML::Node& node) {
  static const std::regex kInteger("[-+]?[0-9]+");
  if (!is_plain_scalar(node) || !std::regex_match(node.Scalar(), kInteger)) return std::nullopt;
  errno = 0;
  const long long value = std::strtoll(node.Scalar().c_str(), nullptr, 10);
  if (errno == ERANGE) return std::nullopt;
  return value;
}

std::optional<bool> as_bool(const YAML::Node& node) {
  if (!is_plain_scalar(node)) return std::nullopt;
  bool value = false;
  if (!YAML::convert<bool>::decode(node, value)) return std::nullopt;
  return value;
}

std::optional<std::string> as_string(const YAML::Node& node) {
  if (!node.IsScalar() || (is_plain_scalar(node) && as_number(node))) return std::nullopt;
  return node.Scalar();
}

std::optional<nlohmann::json> as_json_like(const YAML::Node& value, const nlohmann::json& like) {
  if (like.is_boolean()) {
    if (auto flag = as_bool(value)) return nlohmann::json(*flag);
  } else if (like.is_number_integer()) {
    if (auto integer = as_integer(value)) return nlohmann::json(*integer);
  } else if (like.is_number()) {
    if (auto number = as_number(value)) return nlohmann::json(*number);
  } else if (like.is_string()) {
    if (auto text = as_string(value)) return nlohmann::json(*text);
  } else if (like.is_array() && value.IsSequence()) {
    nlohmann::json list = nlohmann::json::array();
    for (const YAML::Node& element : value) {
      auto converted = like.empty() ? as_any_scalar(element) : as_json_like(element, like[0]);
      if (!converted) return std::nullopt;
      list.push_back(*converted);
    }
    return list;
  }
  return std::nullopt;
}

std::string type_name(const nlohmann::json& like) {
  if (like.is_boolean()) return "true or false";
  if (like.is_number_integer()) return "a whole number";
  if (like.is_number()) return "a number";
  if (like.is_string()) return "a string";
  if (like.is_array()) {
    if (like.empty()) return "a list";
    std::string element = type_name(like[0]);
    if (element.rfind("a ", 0) == 0) element = element.substr(2) + "s";
    return "a list of " + element;
  }
  return "a " + std::string(like.type_name());
}

std::string describe(const YAML::Node& node) {
  if (!node || node.IsNull()) return "nothing";
  if (node.IsSequence()) return "a list";
  if (node.IsMap()) return "a mapping";
  if (is_plain_scalar(node) && as_number(node)) return node.Scalar();
  return "\"" + node.Scalar() + "\"";
}

int line_of(const YAML::Node& node) {
  const YAML::Mark mark = node.Mark();
  return mark.is_null() ? 0 : mark.line + 1;
}

}  // namespace nn_grade::score
