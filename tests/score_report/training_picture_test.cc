// train.spiral's picture as text: the loss sparkline, the map of decision regions and its
// legend; and the typed field it comes from, through result.json and back.
#include "report/training_picture.h"

#include <cmath>

#include <gtest/gtest.h>

#include "fixtures.h"
#include "report/result_json.h"

namespace nn_grade {

namespace {

TEST(Sparkline, EightLevelsFromTheLowestToTheHighest) {
  EXPECT_EQ(report::sparkline({0, 1, 2, 3, 4, 5, 6, 7}, 40, true), "▁▂▃▄▅▆▇█");
  EXPECT_EQ(report::sparkline({7, 0}, 40, true), "█▁");
  EXPECT_EQ(report::sparkline({0, 1, 2, 3, 4, 5, 6, 7}, 40, false), "_.-:=+*#");
  EXPECT_EQ(report::sparkline({2, 2, 2}, 40, true), "▄▄▄");  // flat: the middle
  EXPECT_EQ(report::sparkline({0, 0, 0}, 40, true), "▁▁▁");  // zeros: at the bottom
  EXPECT_EQ(report::sparkline({0, 0, 0}, 40, false), "___");
  EXPECT_EQ(report::sparkline({}, 40, true), "");
}

TEST(Sparkline, NotFiniteIsAnExclamationMark) {
  EXPECT_EQ(report::sparkline({1, 0, NAN}, 40, true), "█▁!");
  EXPECT_EQ(report::sparkline({1, INFINITY}, 40, false), ":!");  // one finite value: flat
}

TEST(Sparkline, ManyValuesAreSampledKeepingTheEnds) {
  std::vector<double> falling;
  for (int i = 100; i > 0; --i) falling.push_back(i);
  const std::string line = report::sparkline(falling, 10, false);
  EXPECT_EQ(line.size(), 10u);
  EXPECT_EQ(line.front(), '#');
  EXPECT_EQ(line.back(), '_');
}

TEST(LossLine, TheEndsBesideTheSparkline) {
  const protocol::TrainingPicture p = fixtures::small_picture();
  EXPECT_EQ(report::loss_line(p, true), "Loss your code returned, 5 epochs: 1.1 █▆▄▂▁ 0.1");
  protocol::TrainingPicture broke = p;
  broke.losses.back() = NAN;
  broke.loss_every = 3;
  EXPECT_EQ(report::loss_line(broke, false),
            "Loss your code returned, 5 epochs (one in 3 shown): 1.1 #+-_! nan (! = not a finite "
            "number)");
}

TEST(RegionMap, LettersForRegionsCapitalsForPointsAndALegend) {
  const std::vector<std::string> lines = report::region_map(fixtures::small_picture());
  const std::vector<std::string> expected = {
      "+------+",
      "|0a1b1c|",
      "|aabbcc|",
      "|aabbc2|",
      "+------+",
      "a b c: where your network predicts class 0 1 2; 0 1 2: the training points, by class."};
  EXPECT_EQ(lines, expected);
}

TEST(RegionMap, UnknownCellsAreQuestionMarksAndNoMapIsNoLines) {
  protocol::TrainingPicture p = fixtures::small_picture();
  p.regions[1][1] = -1;
  const std::vector<std::string> lines = report::region_map(p);
  EXPECT_EQ(lines[2], "|a?bbcc|");
  EXPECT_TRUE(fixtures::contains(lines.back(), "; ?: its logits are not finite."));
  p.regions.clear();
  EXPECT_TRUE(report::region_map(p).empty());
  EXPECT_EQ(report::training_picture_text(p, true),
            "Loss your code returned, 5 epochs: 1.1 █▆▄▂▁ 0.1\n");
}

TEST(TrainingPictureJson, RoundTripsWithNanAndInfinityAsText) {
  protocol::TrainingPicture p = fixtures::small_picture();
  p.losses = {1.0, INFINITY, NAN};
  const nlohmann::json j = p;
  EXPECT_EQ(j["losses"], (nlohmann::json{1.0, "inf", "nan"}));
  EXPECT_EQ(j["regions"]["x"], (nlohmann::json{-1.0, 1.0}));
  EXPECT_EQ(j["regions"]["predicted"][0], (nlohmann::json{0, 0, 1, 1, 2, 2}));
  const auto back = nlohmann::json::parse(j.dump()).get<protocol::TrainingPicture>();
  EXPECT_EQ(back.losses[0], 1.0);
  EXPECT_TRUE(std::isinf(back.losses[1]));
  EXPECT_TRUE(std::isnan(back.losses[2]));
  EXPECT_EQ(back.regions, p.regions);
  EXPECT_EQ(back.points, p.points);
  EXPECT_EQ(back.classes, 3);
  EXPECT_EQ(back.y_max, 1.0);
}

TEST(TrainingPictureJson, RefusesWhatTheGraderNeverWrites) {
  nlohmann::json j = fixtures::small_picture();
  j["regions"]["predicted"][1][2] = 7;  // no class 7 of 3
  EXPECT_THROW(j.get<protocol::TrainingPicture>(), nlohmann::json::exception);
  j = fixtures::small_picture();
  j["regions"]["points"][0].push_back(0);  // ragged
  EXPECT_THROW(j.get<protocol::TrainingPicture>(), nlohmann::json::exception);
  j = fixtures::small_picture();
  j["losses"] = std::vector<double>(5000, 1.0);
  EXPECT_THROW(j.get<protocol::TrainingPicture>(), nlohmann::json::exception);
}

TEST(ResultJsonNumbers, NanAndInfinitySurviveInFigures) {
  const std::filesystem::path out = fixtures::scratch_folder();
  protocol::SubmissionResult result = fixtures::scored_sample();
  protocol::CheckResult& weight = fixtures::check(result, "linear.backward.weight");
  weight.figures = {{"max_rel_error", NAN},
                    {"max_abs_error", INFINITY},
                    {"yours", -INFINITY},
                    {"worst_index", {1, 2}},
                    {"atol", 1e-5}};
  fixtures::check(result, "train.spiral").training = fixtures::small_picture();
  report::write_result_json(out, result);
  const std::string text = report::result_json_text(result);
  EXPECT_TRUE(fixtures::contains(text, "\"max_rel_error\": \"nan\""));
  EXPECT_TRUE(fixtures::contains(text, "\"max_abs_error\": \"inf\""));
  EXPECT_TRUE(fixtures::contains(text, "\"yours\": \"-inf\""));
  EXPECT_TRUE(fixtures::lacks(text, "null"));

  const auto read = report::read_result_json(out / "alice" / "result.json");
  ASSERT_TRUE(read.has_value());
  protocol::SubmissionResult back = *read;
  const nlohmann::json& figures = fixtures::check(back, "linear.backward.weight").figures;
  EXPECT_TRUE(std::isnan(figures["max_rel_error"].get<double>()));
  EXPECT_EQ(figures["max_abs_error"].get<double>(), INFINITY);
  EXPECT_EQ(figures["yours"].get<double>(), -INFINITY);
  EXPECT_EQ(figures["worst_index"], (nlohmann::json{1, 2}));
  const auto& training = fixtures::check(back, "train.spiral").training;
  ASSERT_TRUE(training.has_value());
  EXPECT_EQ(training->regions, fixtures::small_picture().regions);
  EXPECT_FALSE(fixtures::check(back, "relu.kink").training.has_value());
}

TEST(ResultJsonNumbers, ANullFigureStaysNull) {
  nlohmann::json check = fixtures::scored_sample().checks.front();
  check["figures"] = {{"max_rel_error", nullptr}};
  const auto read = check.get<protocol::CheckResult>();
  EXPECT_TRUE(read.figures["max_rel_error"].is_null());  // no number was kept
}

}  // namespace

}  // namespace nn_grade
