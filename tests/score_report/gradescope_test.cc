#include "report/gradescope.h"

#include <fstream>

#include <gtest/gtest.h>

#include "fixtures.h"
#include "score/score.h"

namespace nn_grade {

namespace {

const nlohmann::json* test_named(const nlohmann::json& json, const std::string& id) {
  for (const nlohmann::json& test : json["tests"]) {
    if (test["name"].get<std::string>().find("(" + id + ")") != std::string::npos) return &test;
  }
  return nullptr;
}

TEST(GradescopeTest, OneTestPerCheckWithTheRubricsVisibility) {
  report::GradescopeRun run;
  run.execution_seconds = 41.2;
  const nlohmann::json json =
      report::gradescope_results(fixtures::scored_sample(), fixtures::cw3(), run);
  EXPECT_EQ(json["score"], 87.0);
  EXPECT_EQ(json["execution_time"], 42);
  EXPECT_EQ(json["stdout_visibility"], "hidden");
  EXPECT_EQ(json["output"],
            "Coursework 3: Backpropagation: 85/98 on the 28 checks shown here. 3 checks need "
            "attention: see below. Seed 12345.");
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
  EXPECT_EQ((*test_named(json, "mlp.gradcheck.fast"))["visibility"], "after_due_date");
  EXPECT_EQ((*test_named(json, "relu.kink"))["score"], 1.0);
  EXPECT_EQ((*test_named(json, "sgd.init"))["number"], "6.1");

  double sum = 0.0;
  for (const nlohmann::json& test : json["tests"]) sum += test["score"].get<double>();
  EXPECT_DOUBLE_EQ(sum, 87.0);
}

TEST(GradescopeTest, EveryGradescopeVisibilityPassesThrough) {
  protocol::SubmissionResult result = fixtures::scored_sample();
  fixtures::check(result, "sgd.step").visibility = protocol::Visibility::kAfterDueDate;
  fixtures::check(result, "sgd.init").visibility = protocol::Visibility::kAfterPublished;
  const nlohmann::json json = report::gradescope_results(result, fixtures::cw3());
  EXPECT_EQ((*test_named(json, "sgd.step"))["visibility"], "after_due_date");
  EXPECT_EQ((*test_named(json, "sgd.init"))["visibility"], "after_published");
  EXPECT_FALSE(json.contains("execution_time"));
}

TEST(GradescopeTest, BuildFailureIsOneFailingTestWithTheCompilersMessage) {
  protocol::SubmissionResult result;
  result.submission = "bob";
  result.status = protocol::SubmissionStatus::kBuildFailed;
  result.build_log = "losses.cpp:9:3: error: no match for 'operator*'";
  score::apply(fixtures::cw3(), result);
  const nlohmann::json json = report::gradescope_results(result, fixtures::cw3());
  EXPECT_EQ(json["score"], 0.0);
  ASSERT_EQ(json["tests"].size(), 1u);
  const nlohmann::json& build = json["tests"][0];
  EXPECT_EQ(build["score"], 0.0);
  EXPECT_EQ(build["max_score"], 98.0) << "the total of the checks always shown";
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

// A small rubric with a check shown only once grades are published between the ones always
// shown (a `hidden` one is worth no points: score/rubric.h).
const score::Rubric& rubric_with_a_later_check() {
  static const score::Rubric rubric = score::load_rubric(fixtures::write_rubric(
      "name: t\nseed: 1\nchecks:\n"
      "  - {id: linear.forward, points: 3}\n"
      "  - {id: mlp.gradcheck.fast, points: 2, visibility: after_published}\n"
      "  - {id: mlp.forward, points: 2}\n"
      "  - {id: train.spiral, points: 4}\n",
      "hidden.yaml"));
  return rubric;
}

// Before grades are published a student sees the top-level output and the visible tests
// (Gradescope's specification, docs/gradescope.md Sources: "Controlling Test Case Visibility");
// none of it may give away the later check's name, points or existence.
TEST(GradescopeTest, NothingShownBeforePublicationRevealsACheckShownOnlyOncePublished) {
  protocol::SubmissionResult result = fixtures::all_passed(rubric_with_a_later_check());
  for (const char* id : {"mlp.gradcheck.fast", "train.spiral"}) {
    fixtures::check(result, id).status = protocol::CheckStatus::kFailed;
    fixtures::check(result, id).fraction = 0.0;
    fixtures::check(result, id).output = "Wrong.";
    fixtures::check(result, id).reproduce =
        "grade --local --only " + std::string(id) + " --seed 12345";
  }
  score::apply(rubric_with_a_later_check(), result);
  const nlohmann::json json = report::gradescope_results(result, rubric_with_a_later_check());
  const auto test = [&](const std::string& id, const std::string& number, double score,
                        double max_score, const std::string& output,
                        const std::string& visibility) {
    const protocol::CheckResult& check = fixtures::check(result, id);
    return nlohmann::json{{"name", check.name + " (" + id + ")"},
                          {"number", number},
                          {"score", score},
                          {"max_score", max_score},
                          {"status", score == max_score ? "passed" : "failed"},
                          {"output", output},
                          {"output_format", "md"},
                          {"tags", {check.component}},
                          {"visibility", visibility}};
  };
  const nlohmann::json expected = {
      {"score", 5.0},
      {"output",
       "t: 5/9 on the 3 checks shown here. 1 check needs attention: see below. "
       "Seed 12345."},
      {"stdout_visibility", "hidden"},
      {"extra_data",
       {{"seed", 12345},
        {"grader_version", ""},
        {"rubric_digest", ""},
        {"containment", ""},
        {"status", "graded"}}},
      {"tests",
       {test("linear.forward", "1.1", 3, 3, "", "visible"),
        test("mlp.forward", "2.1", 2, 2, "", "visible"),
        test(
            "mlp.gradcheck.fast", "2.2", 0, 2,
            "```\nWrong.\n```\n\nReproduce: `grade --local --only mlp.gradcheck.fast --seed 12345`",
            "after_published"),
        test("train.spiral", "3.1", 0, 4,
             "```\nWrong.\n```\n\nReproduce: `grade --local --only train.spiral --seed 12345`",
             "visible")}}};
  EXPECT_EQ(json, expected) << json.dump(2);
}

TEST(GradescopeTest, ABuildFailureCountsOnlyTheChecksAlwaysShown) {
  protocol::SubmissionResult result;
  result.status = protocol::SubmissionStatus::kBuildFailed;
  score::apply(rubric_with_a_later_check(), result);
  const nlohmann::json json = report::gradescope_results(result, rubric_with_a_later_check());
  EXPECT_EQ(json["tests"][0]["max_score"], 9.0);
  EXPECT_TRUE(fixtures::contains(json["output"].get<std::string>(), "t: 0/9. "));
}

}  // namespace

}  // namespace nn_grade
