// Every check of the course rubric as one GoogleTest, run in this process against the
// submission's student server with the rubric's seed and parameters: what a TA's own test project
// would do. Passes when the check reports "passed".
#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include <chrono>
#include <cstdint>
#include <ostream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "harness/run_check.h"
#include "harness/student_calls.h"
#include "harness/student_server.h"

namespace nn_grade {

namespace {

struct RubricCheck {
  std::string id;
  nlohmann::json params;
};

struct Rubric {
  std::uint64_t seed = 0;
  std::vector<RubricCheck> checks;
};

nlohmann::json json_of(const YAML::Node& node) {
  if (node.IsMap()) {
    nlohmann::json object = nlohmann::json::object();
    for (const auto& entry : node) object[entry.first.as<std::string>()] = json_of(entry.second);
    return object;
  }
  if (node.IsSequence()) {
    nlohmann::json array = nlohmann::json::array();
    for (const auto& item : node) array.push_back(json_of(item));
    return array;
  }
  long long integer;
  double number;
  bool flag;
  if (YAML::convert<long long>::decode(node, integer)) return integer;
  if (YAML::convert<double>::decode(node, number)) return number;
  if (YAML::convert<bool>::decode(node, flag)) return flag;
  return node.as<std::string>();
}

const Rubric& rubric() {
  static const Rubric loaded = [] {
    const YAML::Node yaml = YAML::LoadFile(NN_RUBRIC_PATH);
    Rubric result;
    result.seed = yaml["seed"].as<std::uint64_t>();
    for (const auto& check : yaml["checks"]) {
      result.checks.push_back({check["id"].as<std::string>(), check["params"]
                                                                  ? json_of(check["params"])
                                                                  : nlohmann::json::object()});
    }
    return result;
  }();
  return loaded;
}

void PrintTo(const RubricCheck& check, std::ostream* out) { *out << check.id; }

class RubricCheckTest : public ::testing::TestWithParam<RubricCheck> {};

TEST_P(RubricCheckTest, Passes) {
  harness::StudentServer server;
  protocol::ServerSpec spec;
  spec.argv = {NN_SERVER_PATH};
  std::string error;
  ASSERT_TRUE(
      server.start(spec, std::chrono::steady_clock::now() + std::chrono::seconds(10), &error))
      << error;
  harness::use_server(&server);
  const protocol::CheckReport report =
      harness::run_check(GetParam().id, rubric().seed, GetParam().params);
  EXPECT_EQ(report.status, protocol::CheckStatus::kPassed) << report.output;
}

std::string test_name(const ::testing::TestParamInfo<RubricCheck>& info) {
  std::string name = info.param.id;
  for (char& c : name) {
    if (c == '.') c = '_';
  }
  return name;
}

INSTANTIATE_TEST_SUITE_P(Rubric, RubricCheckTest, ::testing::ValuesIn(rubric().checks), test_name);

}  // namespace

}  // namespace nn_grade
