#include "manifest.h"

#include <algorithm>
#include <regex>
#include <set>
#include <stdexcept>

#include <yaml-cpp/yaml.h>

namespace nn_grade {

namespace corpus {
namespace {

[[noreturn]] void invalid(const std::filesystem::path& file, const YAML::Node& node,
                          const std::string& what) {
  std::string where = file.string();
  if (node.Mark().line >= 0) where += ":" + std::to_string(node.Mark().line + 1);
  throw std::runtime_error(where + ": " + what);
}

std::string one_of(const std::filesystem::path& file, const YAML::Node& node,
                   const std::string& key, const std::set<std::string>& allowed) {
  const std::string value = node.as<std::string>();
  if (allowed.count(value) == 0) invalid(file, node, key + ": '" + value + "' is not allowed");
  return value;
}

std::map<std::string, std::string> string_map(const YAML::Node& node) {
  std::map<std::string, std::string> out;
  for (const auto& item : node) out[item.first.as<std::string>()] = item.second.as<std::string>();
  return out;
}

// A map whose values are a text or a list of texts.
std::map<std::string, std::vector<std::string>> texts_map(const YAML::Node& node) {
  std::map<std::string, std::vector<std::string>> out;
  for (const auto& item : node) {
    out[item.first.as<std::string>()] =
        item.second.IsSequence() ? item.second.as<std::vector<std::string>>()
                                 : std::vector<std::string>{item.second.as<std::string>()};
  }
  return out;
}

}  // namespace

Manifest load_manifest(const std::filesystem::path& entry_dir) {
  const std::filesystem::path file = entry_dir / "manifest.yaml";
  Manifest m;
  m.name = entry_dir.filename().string();
  m.dir = entry_dir;
  YAML::Node root;
  try {
    root = YAML::LoadFile(file.string());
  } catch (const YAML::Exception& e) {
    throw std::runtime_error(file.string() + ": " + e.what());
  }
  if (!root.IsMap()) invalid(file, root, "expected a mapping");
  try {
    for (const auto& item : root) {
      const std::string key = item.first.as<std::string>();
      const YAML::Node& value = item.second;
      if (key == "kind") {
        m.kind = one_of(file, value, key, {"mistake", "unusual", "hostile", "lazy"});
      } else if (key == "description") {
        m.description = value.as<std::string>();
      } else if (key == "base") {
        m.base = one_of(file, value, key, {"reference", "template"});
      } else if (key == "status") {
        m.status = one_of(file, value, key, {"graded", "build_failed", "missing_files"});
      } else if (key == "delete") {
        m.deleted = value.as<std::vector<std::string>>();
      } else if (key == "must_fail") {
        m.must_fail = value.as<std::vector<std::string>>();
      } else if (key == "no_points") {
        m.no_points = value.as<std::vector<std::string>>();
      } else if (key == "may_fail") {
        m.may_fail = value.as<std::vector<std::string>>();
      } else if (key == "diagnosis") {
        m.diagnosis = string_map(value);
      } else if (key == "output_contains") {
        m.output_contains = texts_map(value);
      } else if (key == "must_not_create") {
        m.must_not_create = value.as<std::vector<std::string>>();
      } else if (key == "output_lacks") {
        m.output_lacks = texts_map(value);
      } else if (key == "output_lacks_regex") {
        m.output_lacks_regex = string_map(value);
        for (const auto& [id, pattern] : m.output_lacks_regex) {
          try {
            std::regex check(pattern);
          } catch (const std::regex_error& e) {
            invalid(file, value, "output_lacks_regex of " + id + ": " + e.what());
          }
        }
      } else if (key == "must_not_leak_env") {
        m.must_not_leak_env = value.as<std::vector<std::string>>();
      } else if (key == "gradescope") {
        m.gradescope = value.as<bool>();
      } else if (key == "needs_file_containment") {
        m.needs_file_containment = value.as<bool>();
      } else if (key == "needs_network_containment") {
        m.needs_network_containment = value.as<bool>();
      } else if (key == "canvas_export") {
        m.canvas_export = value.as<std::vector<std::string>>();
      } else if (key == "expect_score") {
        m.expect_score = one_of(file, value, key, {"full", "zero"});
      } else {
        invalid(file, item.first, "unknown key '" + key + "'");
      }
    }
  } catch (const YAML::Exception& e) {
    throw std::runtime_error(file.string() + ": " + e.what());
  }
  if (m.kind.empty()) invalid(file, root, "'kind' is required");
  return m;
}

std::vector<Manifest> load_corpus(const std::filesystem::path& corpus_dir) {
  std::vector<Manifest> all;
  for (const auto& entry : std::filesystem::directory_iterator(corpus_dir)) {
    if (entry.is_directory() && std::filesystem::exists(entry.path() / "manifest.yaml")) {
      all.push_back(load_manifest(entry.path()));
    }
  }
  std::sort(all.begin(), all.end(),
            [](const Manifest& a, const Manifest& b) { return a.name < b.name; });
  return all;
}

}  // namespace corpus

}  // namespace nn_grade
