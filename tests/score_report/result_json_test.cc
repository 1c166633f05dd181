#include "report/result_json.h"

#include <fstream>

#include <gtest/gtest.h>

#include "fixtures.h"

namespace nn_grade {

namespace {

TEST(ResultJsonTest, RoundTripsThroughOutKeyResultJson) {
  const std::filesystem::path out = fixtures::scratch_folder();
  protocol::SubmissionResult result = fixtures::scored_sample();
  result.late = true;
  result.checks[0].output = std::string("bad byte \xff here");
  report::write_result_json(out, result);
  const std::filesystem::path file = out / "alice" / "result.json";
  EXPECT_EQ(report::result_json_path(out, "alice"), file);
  ASSERT_TRUE(std::filesystem::exists(file));

  std::ifstream in(file);
  const nlohmann::json json = nlohmann::json::parse(in);
  EXPECT_EQ(json["submission"], "alice");
  EXPECT_EQ(json["status"], "graded");
  EXPECT_EQ(json["score"], 87.0);
  EXPECT_EQ(json["max_score"], 100.0);
  EXPECT_EQ(json["seed"], 12345);
  EXPECT_EQ(json["checks"][3]["id"], "linear.backward.weight");
  EXPECT_EQ(json["checks"][3]["status"], "failed");

  const auto read = report::read_result_json(file);
  ASSERT_TRUE(read.has_value());
  EXPECT_DOUBLE_EQ(read->score, 87.0);
  EXPECT_TRUE(read->late);
  EXPECT_EQ(read->checks.size(), result.checks.size());
  EXPECT_EQ(read->checks[0].output, "bad byte \xEF\xBF\xBD here");
}

TEST(ResultJsonTest, MissingOrBrokenFileReadsAsNothing) {
  const std::filesystem::path out = fixtures::scratch_folder();
  EXPECT_FALSE(report::read_result_json(out / "nobody" / "result.json").has_value());
  std::ofstream(out / "broken.json") << "{\"submission\": \"x\", ";
  EXPECT_FALSE(report::read_result_json(out / "broken.json").has_value());
  std::ofstream(out / "wrong.json") << "{\"submission\": 3}";
  EXPECT_FALSE(report::read_result_json(out / "wrong.json").has_value());
}

}  // namespace

}  // namespace nn_grade
