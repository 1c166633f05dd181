#include "score/rubric.h"

#include <gtest/gtest.h>

#include "fixtures.h"
#include "protocol/catalog.h"

namespace nn_grade {

namespace {

// The problems load_rubric reports for `text`, saved as rubrics/test.yaml.
std::vector<std::string> problems_of(const std::string& text) {
  const std::filesystem::path path = fixtures::write_rubric(text);
  try {
    score::load_rubric(path);
  } catch (const score::RubricError& error) {
    for (const std::string& problem : error.problems()) {
      EXPECT_EQ(problem.find(path.string()), 0u) << "names the file first: " << problem;
    }
    return error.problems();
  }
  ADD_FAILURE() << "accepted:\n" << text;
  return {};
}

// The one problem reported for `text`, without the file's path ("5: checks[1]...").
std::string only_problem(const std::string& text) {
  const std::vector<std::string> problems = problems_of(text);
  EXPECT_EQ(problems.size(), 1u) << ::testing::PrintToString(problems);
  if (problems.empty()) return "";
  const std::string& problem = problems.front();
  return problem.substr(problem.find("test.yaml:") + std::string("test.yaml:").size());
}

const std::string kHead =
    "name: t\n"                               // 1
    "seed: 7\n"                               // 2
    "checks:\n"                               // 3
    "  - {id: linear.forward, points: 3}\n";  // 4

TEST(RubricTest, RealRubricTotals100AndNamesEveryCatalogCheck) {
  const score::Rubric& rubric = fixtures::cw3();
  EXPECT_EQ(rubric.name, "cw3");
  EXPECT_EQ(rubric.title, "Coursework 3: Backpropagation");
  EXPECT_EQ(rubric.canvas_assignment, "Coursework 3");
  EXPECT_EQ(rubric.seed, 20261128u);
  EXPECT_EQ(rubric.isolation, protocol::IsolationPolicy::kAuto);
  EXPECT_DOUBLE_EQ(rubric.total_points(), 100.0);
  EXPECT_EQ(rubric.checks.size(), protocol::all_checks().size());
  for (const protocol::CheckInfo& info : protocol::all_checks()) {
    EXPECT_NE(rubric.find(info.id), nullptr) << info.id;
  }
}

TEST(RubricTest, RealRubricWeighsGradientsMost) {
  const score::Rubric& rubric = fixtures::cw3();
  const auto sum = [&](std::initializer_list<const char*> ids) {
    double points = 0.0;
    for (const char* id : ids) points += rubric.find(id)->points;
    return points;
  };
  const double gradients =
      sum({"linear.backward.input", "linear.backward.weight", "linear.backward.bias",
           "relu.backward", "sigmoid.backward", "ce.backward", "mlp.gradcheck.relu",
           "mlp.gradcheck.sigmoid", "mlp.gradcheck.fast"});
  const double caches = sum({"linear.cache", "relu.cache", "sigmoid.cache", "ce.cache"});
  EXPECT_GT(gradients, caches);
  EXPECT_GT(caches, rubric.find("train.spiral")->points);
  EXPECT_EQ(rubric.find("mlp.gradcheck.fast")->visibility, protocol::Visibility::kAfterDueDate);
  EXPECT_EQ(rubric.find("linear.forward")->visibility, protocol::Visibility::kVisible);
}

TEST(RubricTest, ParamsAreDefaultsWithOverridesMerged) {
  const score::Rubric rubric = score::load_rubric(
      fixtures::write_rubric(kHead + "  - {id: train.spiral, points: 6, params: {epochs: 50, "
                                     "hidden: [16, 8], activation: sigmoid}}\n"));
  const nlohmann::json& params = rubric.find("train.spiral")->params;
  EXPECT_EQ(params["epochs"], 50);
  EXPECT_EQ(params["hidden"], nlohmann::json::array({16, 8}));
  EXPECT_EQ(params["activation"], "sigmoid");
  EXPECT_EQ(params["lr"], 0.5);  // untouched default
  EXPECT_EQ(rubric.find("linear.forward")->params["batch"], 5);
  EXPECT_EQ(rubric.title, "t");  // defaults to the name
}

TEST(RubricTest, LimitsAndIsolationAreRead) {
  const score::Rubric rubric = score::load_rubric(fixtures::write_rubric(
      "isolation: sandbox\nlimits: {wall_seconds: 2.5, memory_mb: 256}\n" + kHead));
  EXPECT_EQ(rubric.isolation, protocol::IsolationPolicy::kRequireSandbox);
  EXPECT_DOUBLE_EQ(rubric.limits.wall_seconds, 2.5);
  EXPECT_EQ(rubric.limits.memory_mb, 256);
  EXPECT_EQ(rubric.limits.file_mb, protocol::Limits().file_mb);
}

TEST(RubricTest, UnreadableFile) {
  try {
    score::load_rubric("/nonexistent/rubrics/cw9.yaml");
    FAIL() << "loaded a missing file";
  } catch (const score::RubricError& error) {
    EXPECT_TRUE(fixtures::contains(error.what(), "/nonexistent/rubrics/cw9.yaml: cannot read"));
  }
}

TEST(RubricTest, YamlSyntaxErrorGivesItsLine) {
  EXPECT_TRUE(fixtures::contains(only_problem(kHead + "  - {id: relu.forward, points: [2}\n"),
                                 "5: YAML syntax error"));
}

TEST(RubricTest, UnknownTopLevelKeySuggestsTheClosest) {
  EXPECT_EQ(only_problem(kHead + "canvas_asignment: CW3\n"),
            "5: canvas_asignment: unknown key \"canvas_asignment\"; did you mean "
            "\"canvas_assignment\"?");
}

TEST(RubricTest, UnknownCheckIdSuggestsTheClosest) {
  EXPECT_EQ(only_problem(kHead + "  - {id: linear.backwards.weight, points: 6}\n"),
            "5: checks[1].id: unknown check \"linear.backwards.weight\"; did you mean "
            "\"linear.backward.weight\"?");
}

TEST(RubricTest, CheckListedTwice) {
  EXPECT_EQ(only_problem(kHead + "  - {id: relu.forward, points: 2}\n" +
                         "  - {id: linear.forward, points: 1}\n"),
            "6: checks[2].id: linear.forward is listed twice (first at line 4)");
}

TEST(RubricTest, KeyGivenTwiceInOneCheck) {
  EXPECT_EQ(only_problem(kHead + "  - id: relu.forward\n    points: 2\n    points: 3\n"),
            "7: checks[1].points: given twice (first at line 6)");
}

TEST(RubricTest, NegativePoints) {
  EXPECT_EQ(only_problem(kHead + "  - {id: relu.forward, points: -2}\n"),
            "5: checks[1].points: must be a number >= 0, got -2");
}

TEST(RubricTest, NonNumericPoints) {
  EXPECT_EQ(only_problem(kHead + "  - {id: relu.forward, points: three}\n"),
            "5: checks[1].points: must be a number >= 0, got \"three\"");
  EXPECT_EQ(only_problem(kHead + "  - {id: relu.forward, points: \"2\"}\n"),
            "5: checks[1].points: must be a number >= 0, got \"2\"");
}

TEST(RubricTest, MissingPoints) {
  EXPECT_TRUE(fixtures::contains(only_problem(kHead + "  - {id: relu.forward}\n"),
                                 "5: checks[1].points: missing"));
}

TEST(RubricTest, UnknownVisibility) {
  EXPECT_EQ(only_problem(kHead + "  - {id: relu.forward, points: 2, visibility: secret}\n"),
            "5: checks[1].visibility: must be one of visible, hidden, after_due_date, "
            "after_published; got \"secret\"");
}

TEST(RubricTest, JudgedSaysHowACheckJudgesItsPartEndToEndByDefault) {
  const score::Rubric rubric = score::load_rubric(fixtures::write_rubric(
      kHead + "  - {id: mlp.forward, points: 2, judged: alone}\n" +
      "  - {id: train.spiral, points: 6, judged: end_to_end}\n  - {id: ce.forward, points: 3}\n"));
  EXPECT_EQ(rubric.find("mlp.forward")->judged, protocol::Judged::kAlone);
  EXPECT_EQ(rubric.find("train.spiral")->judged, protocol::Judged::kEndToEnd);
  EXPECT_EQ(rubric.find("ce.forward")->judged, protocol::Judged::kEndToEnd);
}

TEST(RubricTest, TheCourseRubricJudgesTheMlpAloneAndTrainingEndToEnd) {
  for (const score::RubricCheck& check : fixtures::cw3().checks) {
    const bool mlp = check.id.rfind("mlp.", 0) == 0;
    EXPECT_EQ(check.judged, mlp ? protocol::Judged::kAlone : protocol::Judged::kEndToEnd)
        << check.id;
  }
}

TEST(RubricTest, UnknownJudged) {
  EXPECT_EQ(only_problem(kHead + "  - {id: mlp.forward, points: 2, judged: apart}\n"),
            "5: checks[1].judged: must be one of end_to_end, alone; got \"apart\"");
}

// The stand-in server replaces layers.cpp: a layer's own check judged there would judge the
// grader's layers.
TEST(RubricTest, ALayersOwnCheckCannotBeJudgedAlone) {
  EXPECT_EQ(only_problem(kHead + "  - {id: relu.backward, points: 5, judged: alone}\n"),
            "5: checks[1].judged: relu.backward judges layers.cpp itself, which the stand-in "
            "server replaces: it can only be judged end_to_end");
}

// Gradescope means `hidden` for tests worth no points (its specification, docs/gradescope.md
// Sources: "Controlling Test Case Visibility"): one worth points would leave a gap in the total
// a student sees that nothing explains.
TEST(RubricTest, AHiddenCheckWithPointsIsRefusedWithWhatToUseInstead) {
  EXPECT_EQ(only_problem(kHead + "  - {id: relu.forward, points: 2}\n" +
                         "  - {id: relu.kink, points: 2, visibility: hidden}\n"),
            "6: checks[2].visibility: hidden, but worth 2 points: Gradescope never shows a hidden "
            "test, and means it for tests worth none, so students would see a total short of "
            "these points with nothing to say why. Use after_due_date (shown after the deadline) "
            "or after_published, or make it worth 0");
  const score::Rubric worth_nothing = score::load_rubric(
      fixtures::write_rubric(kHead + "  - {id: relu.forward, points: 2}\n" +
                             "  - {id: relu.kink, points: 0, visibility: hidden}\n"));
  EXPECT_EQ(worth_nothing.checks.at(2).visibility, protocol::Visibility::kHidden);
}

TEST(RubricTest, UnknownParameterSuggestsTheCheckDefaults) {
  EXPECT_EQ(only_problem(kHead + "  - {id: relu.forward, points: 2, params: {batchsize: 3}}\n"),
            "5: checks[1].params.batchsize: unknown parameter of relu.forward \"batchsize\"; did "
            "you mean \"batch\"?");
}

TEST(RubricTest, ParameterOfTheWrongType) {
  EXPECT_EQ(only_problem(kHead + "  - {id: relu.forward, points: 2, params: {batch: five}}\n"),
            "5: checks[1].params.batch: must be a whole number (default 5), got \"five\"");
  EXPECT_EQ(only_problem(kHead + "  - {id: relu.forward, points: 2, params: {batch: 2.5}}\n"),
            "5: checks[1].params.batch: must be a whole number (default 5), got 2.5");
  EXPECT_EQ(
      only_problem(kHead + "  - {id: mlp.forward, points: 2, params: {sizes: 4}}\n"),
      "5: checks[1].params.sizes: must be a list of whole numbers (default [4,7,6,3]), got 4");
  EXPECT_EQ(only_problem(kHead + "  - {id: train.spiral, points: 6, params: {activation: 3}}\n"),
            "5: checks[1].params.activation: must be a string (default \"relu\"), got 3");
  EXPECT_EQ(only_problem(kHead + "  - {id: train.spiral, points: 6, params: {lr: fast}}\n"),
            "5: checks[1].params.lr: must be a number (default 0.5), got \"fast\"");
}

TEST(RubricTest, BadLimits) {
  const std::vector<std::string> problems =
      problems_of("limits:\n  wall_seconds: -1\n  memory_mb: lots\n  disk_mb: 3\n" + kHead);
  ASSERT_EQ(problems.size(), 3u);
  EXPECT_TRUE(fixtures::contains(
      problems[0], ":2: limits.wall_seconds: must be a number of seconds > 0, got -1"));
  EXPECT_TRUE(fixtures::contains(problems[1],
                                 ":3: limits.memory_mb: must be a whole number > 0, got \"lots\""));
  EXPECT_TRUE(fixtures::contains(problems[2], ":4: limits.disk_mb: unknown limit \"disk_mb\""));
}

// The student kit's copy of a rubric counts the checks it does not list (nn-student-rubric).
TEST(RubricTest, WithheldChecksCountInTheTotalAndAsUnseen) {
  const score::Rubric rubric = score::load_rubric(
      fixtures::write_rubric(kHead + "  - {id: relu.kink, points: 2, visibility: after_due_date}\n"
                                     "withheld: {checks: 2, points: 5}\n"));
  EXPECT_EQ(rubric.total_points(), 10.0);
  EXPECT_EQ(rubric.unseen().checks, 3);
  EXPECT_EQ(rubric.unseen().points, 7.0);
  EXPECT_EQ(only_problem(kHead + "withheld: {checks: -1, points: 2}\n"),
            "5: withheld.checks: must be a whole number >= 0, got -1");
  EXPECT_EQ(only_problem(kHead + "withheld: 3\n"),
            "5: withheld: must be a mapping like {checks: 1, points: 2}, got 3");
}

TEST(RubricTest, BadIsolationAndSeed) {
  EXPECT_EQ(only_problem("isolation: docker\n" + kHead),
            "1: isolation: must be one of auto, sandbox, unprivileged, none; got \"docker\"");
  EXPECT_TRUE(fixtures::contains(
      only_problem("name: t\nseed: -4\nchecks:\n  - {id: relu.forward, points: 2}\n"),
      "2: seed: must be a whole number >= 0, got -4"));
}

TEST(RubricTest, MissingRequiredKeys) {
  const std::vector<std::string> problems = problems_of("title: nothing else\n");
  ASSERT_EQ(problems.size(), 3u);
  EXPECT_TRUE(fixtures::contains(problems[0], "name: missing"));
  EXPECT_TRUE(fixtures::contains(problems[1], "seed: missing"));
  EXPECT_TRUE(fixtures::contains(problems[2], "checks: missing"));
}

TEST(RubricTest, EveryMistakeIsReportedTogetherOnePerLine) {
  const std::string text = kHead +
                           "  - {id: relu.forwrd, points: 2}\n"                // 5
                           "  - {id: relu.backward, points: -5}\n"             // 6
                           "  - {id: relu.kink, points: 2, visibility: x}\n";  // 7
  const std::filesystem::path path = fixtures::write_rubric(text);
  try {
    score::load_rubric(path);
    FAIL() << "accepted";
  } catch (const score::RubricError& error) {
    ASSERT_EQ(error.problems().size(), 3u);
    const std::string what = error.what();
    EXPECT_EQ(std::count(what.begin(), what.end(), '\n'), 2);
    EXPECT_TRUE(fixtures::contains(what, path.string() + ":5: checks[1].id"));
    EXPECT_TRUE(fixtures::contains(what, path.string() + ":6: checks[2].points"));
    EXPECT_TRUE(fixtures::contains(what, path.string() + ":7: checks[3].visibility"));
  }
}

TEST(RubricTest, VisibleToStudentOnlyWhenVisible) {
  EXPECT_TRUE(protocol::visible_to_student(protocol::Visibility::kVisible));
  EXPECT_FALSE(protocol::visible_to_student(protocol::Visibility::kHidden));
  EXPECT_FALSE(protocol::visible_to_student(protocol::Visibility::kAfterDueDate));
  EXPECT_FALSE(protocol::visible_to_student(protocol::Visibility::kAfterPublished));
}

}  // namespace

}  // namespace nn_grade
