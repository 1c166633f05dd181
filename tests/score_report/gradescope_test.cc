#include "gradescope.h"

#include <fstream>

#include <gtest/gtest.h>

#include "fixtures.h"
#include "score.h"

namespace {

const nlohmann::json* test_named(const nlohmann::json& json, const std::string& id) {
  for (const nlohmann::json& test : json["tests"]) {
    if (test["name"].get<std::string>().find("(" + id + ")") != std::string::npos) return &test;
  }
  return nullptr;
}

TEST(GradescopeTest, OneTestPerCheckWithTheRubricsVisibility) {
  const nlohmann::json json =
      report::gradescope_results(fixtures::scored_sample(), fixtures::cw3(), 41.2);
  EXPECT_EQ(json["score"], 87.0);
  EXPECT_EQ(json["execution_time"], 42);
  EXPECT_EQ(json["stdout_visibility"], "hidden");
  EXPECT_TRUE(fixtures::contains(json["output"].get<std::string>(), "87/100"));
  ASSERT_EQ(json["tests"].size(), fixtures::cw3().checks.size());

  const nlohmann::json* weight = test_named(json, "linear.backward.weight");
  ASSERT_NE(weight, nullptr);
  EXPECT_EQ((*weight)["name"],
            "Linear: grad_W matches finite differences (linear.backward.weight)");
  EXPECT_EQ((*weight)["number"], "1.4");
  EXPECT_EQ((*weight)["score"], 0.0);
  EXPECT_EQ((*weight)["max_score"], 6.0);
  EXPECT_EQ((*weight)["status"], "failed");
  EXPECT_EQ((*weight)["visibility"], "visible");
  EXPECT_TRUE(
      fixtures::contains((*weight)["output"].get<std::string>(), "grad_W[2,1]: yours 0.51"));
  EXPECT_TRUE(fixtures::contains((*weight)["output"].get<std::string>(),
                                 "grade --local --only linear.backward.weight --seed 12345"));

  const nlohmann::json* forward = test_named(json, "linear.forward");
  EXPECT_EQ((*forward)["status"], "passed");
  EXPECT_EQ((*forward)["output"], "");
  EXPECT_EQ((*test_named(json, "mlp.gradcheck.fast"))["visibility"], "hidden");
  EXPECT_EQ((*test_named(json, "relu.kink"))["score"], 1.0);
  EXPECT_EQ((*test_named(json, "sgd.init"))["number"], "6.1");

  double sum = 0.0;
  for (const nlohmann::json& test : json["tests"]) sum += test["score"].get<double>();
  EXPECT_DOUBLE_EQ(sum, 87.0);
}

TEST(GradescopeTest, EveryGradescopeVisibilityPassesThrough) {
  grading::SubmissionResult result = fixtures::scored_sample();
  fixtures::check(result, "sgd.step").visibility = "after_due_date";
  fixtures::check(result, "sgd.init").visibility = "after_published";
  const nlohmann::json json = report::gradescope_results(result, fixtures::cw3());
  EXPECT_EQ((*test_named(json, "sgd.step"))["visibility"], "after_due_date");
  EXPECT_EQ((*test_named(json, "sgd.init"))["visibility"], "after_published");
  EXPECT_FALSE(json.contains("execution_time"));
}

TEST(GradescopeTest, BuildFailureIsOneFailingTestWithTheCompilersMessage) {
  grading::SubmissionResult result;
  result.submission = "bob";
  result.status = grading::submission_status::kBuildFailed;
  result.build_log = "losses.cpp:9:3: error: no match for 'operator*'";
  score::apply(fixtures::cw3(), result);
  const nlohmann::json json = report::gradescope_results(result, fixtures::cw3());
  EXPECT_EQ(json["score"], 0.0);
  ASSERT_EQ(json["tests"].size(), 1u);
  const nlohmann::json& build = json["tests"][0];
  EXPECT_EQ(build["score"], 0.0);
  EXPECT_EQ(build["max_score"], 100.0);
  EXPECT_EQ(build["status"], "failed");
  EXPECT_EQ(build["visibility"], "visible");
  EXPECT_TRUE(
      fixtures::contains(build["output"].get<std::string>(), "losses.cpp:9:3: error: no match"));
}

TEST(GradescopeTest, WritesTheFile) {
  const std::filesystem::path file = fixtures::scratch_folder() / "results" / "results.json";
  report::write_gradescope_results(file, fixtures::scored_sample(), fixtures::cw3());
  std::ifstream in(file);
  const nlohmann::json json = nlohmann::json::parse(in);
  EXPECT_EQ(json["score"], 87.0);
  EXPECT_EQ(json["tests"].size(), fixtures::cw3().checks.size());
}

}  // namespace
