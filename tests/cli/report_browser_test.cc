// OUT/report.html as a TA sees it: the sample class graded by `grade --batch`, then graded again
// under an edited rubric, and the page opened in headless Chromium through a harness page
// (report_harness.html) that reads it, sorts, filters and follows every feedback link. What
// the page shows is judged here against the batch's own result.json files. The screenshot is
// kept in the build folder (report-browser/report.png).
#include <gtest/gtest.h>

#include <sys/wait.h>
#include "run_shell.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>
#include <vector>

namespace nn_grade {

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

const fs::path kSource = SOURCE_DIR;
const fs::path kWork = fs::path(BINARY_DIR) / "report-browser";

using testing_shell::Outcome;

// Runs `command`; its output is stdout and stderr together.
Outcome run(const std::string& command) { return testing_shell::run_shell(command + " 2>&1"); }

std::string quoted(const fs::path& path) { return "'" + path.string() + "'"; }

std::string read_text(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string percent_decode(const std::string& text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '%' && i + 2 < text.size()) {
      out += static_cast<char>(std::stoi(text.substr(i + 1, 2), nullptr, 16));
      i += 2;
    } else {
      out += text[i];
    }
  }
  return out;
}

std::string percent_encode(const std::string& text) {
  static const char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : text) {
    if (std::isalnum(c) || c == '/' || c == '.' || c == '-' || c == '_') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

void copy_submission(const fs::path& from, const fs::path& to) {
  fs::create_directories(to);
  for (const char* name : {"layers.cpp", "model.cpp", "losses.cpp", "optimizer.cpp"}) {
    fs::copy_file(from / name, to / name, fs::copy_options::overwrite_existing);
  }
}

// The rubric with linear.forward worth 5 points instead of 3: every score's maximum moves.
fs::path edited_rubric() {
  std::string text = read_text(kSource / "rubrics" / "cw3.yaml");
  const std::size_t line = text.find("{id: linear.forward,");
  const std::size_t points = text.find("points: 3", line);
  EXPECT_NE(points, std::string::npos);
  text.replace(points, 9, "points: 5");
  const fs::path path = kWork / "cw3-edited.yaml";
  std::ofstream(path) << text;
  return path;
}

Outcome grade_batch(const fs::path& out, const std::string& more = "") {
  return run("NN_GRADE_CACHE=" TEST_CACHE_DIR " " GRADE_BINARY " --batch " +
             quoted(kSource / "samples" / "class") + " --out " + quoted(out) + " --jobs 2 " + more);
}

Outcome chromium(const std::string& arguments) {
  return run(std::string(CHROMIUM) +
             " --headless --disable-gpu --no-sandbox --no-first-run --user-data-dir=" +
             quoted(kWork / "profile") + " --allow-file-access-from-files " +
             "--enable-logging=stderr --v=0 " + arguments);
}

// Every console message, uncaught error or refused load, from either page.
std::vector<std::string> console_errors(const std::string& log) {
  std::vector<std::string> errors;
  std::istringstream lines(log);
  for (std::string line; std::getline(lines, line);) {
    if (line.find(":CONSOLE") != std::string::npos || line.find("Uncaught") != std::string::npos ||
        line.find("Content Security Policy") != std::string::npos) {
      errors.push_back(line);
    }
  }
  return errors;
}

bool passed_fully(const json& check) {
  return check["status"] == "passed" &&
         check["score"].get<double>() >= check["max_score"].get<double>();
}

bool counted(const json& check) {
  return check["status"] != "skipped" && check["status"] != "grader_error";
}

class ReportInBrowser : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    fs::remove_all(kWork);
    fs::create_directories(kWork);
    out_ = kWork / "out";
    first_ = grade_batch(out_);
    first_results_ = read_results(out_);
    second_ = grade_batch(out_, "--rubric " + quoted(edited_rubric()));
    results_ = read_results(out_);
    fs::copy_file(kSource / "tests" / "cli" / "report_harness.html", kWork / "harness.html",
                  fs::copy_options::overwrite_existing);
    const std::string url = harness_url("out/report.html", "&filter=mensah&filter=relu.kink");
    browser_ = chromium("--virtual-time-budget=30000 --dump-dom '" + url + "'");
    facts_ = facts_in(browser_.output);
    // A class whose median is in the top tenth, with a full-height bar there, and an untouched
    // template: read at a narrow width.
    for (const char* key : {"ada", "ben", "cy", "dot"}) {
      copy_submission(kSource / "reference", kWork / "top-class" / key);
    }
    copy_submission(kSource / "student_template", kWork / "top-class" / "template");
    top_ = run("NN_GRADE_CACHE=" TEST_CACHE_DIR " " GRADE_BINARY " --batch " +
               quoted(kWork / "top-class") + " --out " + quoted(kWork / "top-out") + " --jobs 2");
    top_facts_ = harness_facts("top-out/report.html", "&width=800");
    screenshot_ = chromium(
        "--hide-scrollbars --window-size=1280,3600 --screenshot=" + quoted(kWork / "report.png") +
        " 'file://" + percent_encode((out_ / "report.html").string()) + "'");
  }

  static std::string harness_url(const std::string& report, const std::string& more) {
    return "file://" + percent_encode((kWork / "harness.html").string()) + "?report=" + report +
           more;
  }

  // What the harness wrote into #facts, read back from the dumped page.
  static json facts_in(const std::string& dumped) {
    const std::size_t open = dumped.find("<pre id=\"facts\">");
    const std::size_t close = dumped.find("</pre>", open);
    if (open == std::string::npos || close == std::string::npos) return json();
    const std::size_t start = open + std::string("<pre id=\"facts\">").size();
    return json::parse(percent_decode(dumped.substr(start, close - start)), nullptr, false);
  }

  static json harness_facts(const std::string& report, const std::string& more) {
    return facts_in(
        chromium("--virtual-time-budget=30000 --dump-dom '" + harness_url(report, more) + "'")
            .output);
  }

  static const json& fact(const char* name) {
    static const json kMissing;
    return facts_.is_object() && facts_.contains(name) ? facts_[name] : kMissing;
  }

  static std::vector<json> read_results(const fs::path& out) {
    std::vector<json> results;
    for (const auto& entry : fs::directory_iterator(out)) {
      if (!fs::exists(entry.path() / "result.json")) continue;
      std::ifstream in(entry.path() / "result.json");
      results.push_back(json::parse(in));
    }
    std::sort(results.begin(), results.end(),
              [](const json& a, const json& b) { return a["submission"] < b["submission"]; });
    return results;
  }

  static fs::path out_;
  static Outcome first_, second_, browser_, screenshot_, top_;
  static std::vector<json> first_results_, results_;
  static json facts_, top_facts_;
};

fs::path ReportInBrowser::out_;
Outcome ReportInBrowser::first_, ReportInBrowser::second_, ReportInBrowser::browser_,
    ReportInBrowser::screenshot_, ReportInBrowser::top_;
std::vector<json> ReportInBrowser::first_results_, ReportInBrowser::results_;
json ReportInBrowser::facts_, ReportInBrowser::top_facts_;

TEST_F(ReportInBrowser, TheBatchNamesTheReportItWrote) {
  ASSERT_EQ(first_.exit_code, 0) << first_.output;
  const std::string line = "Wrote " + (out_ / "report.html").string();
  EXPECT_NE(first_.output.find(line), std::string::npos) << first_.output;
  EXPECT_GT(first_.output.rfind(line), first_.output.rfind("Scores (of")) << "not at the end";
  EXPECT_NE(second_.output.find(line), std::string::npos) << second_.output;
  EXPECT_EQ(results_.size(), 10u);
}

TEST_F(ReportInBrowser, TheRerunListsEveryChangedScoreOnTheTerminalAndInThePage) {
  ASSERT_EQ(second_.exit_code, 0) << second_.output;
  ASSERT_EQ(first_results_.size(), results_.size());
  std::set<std::string> expected;  // linear.forward is worth 2 points more: maxima move
  for (std::size_t i = 0; i < results_.size(); ++i) {
    const json& before = first_results_[i];
    const json& now = results_[i];
    ASSERT_EQ(before["submission"], now["submission"]);
    if (before["status"] != now["status"] || before["score"] != now["score"] ||
        before["max_score"] != now["max_score"]) {
      expected.insert(now["submission"].get<std::string>());
    }
  }
  ASSERT_FALSE(expected.empty());
  std::set<std::string> shown;
  for (const json& row : fact("changes")) shown.insert(row[0].get<std::string>());
  EXPECT_EQ(shown, expected);
  EXPECT_NE(second_.output.find(std::to_string(expected.size()) +
                                " scores changed since the last run into this folder"),
            std::string::npos)
      << second_.output;
  for (const std::string& key : expected) {
    EXPECT_NE(second_.output.find("\n  " + key + ": "), std::string::npos) << key;
  }
}

TEST_F(ReportInBrowser, LoadsWithoutAConsoleMessageOrARefusedLoad) {
  ASSERT_EQ(browser_.exit_code, 0) << browser_.output;
  EXPECT_FALSE(fact("error").is_string()) << fact("error");
  EXPECT_EQ(console_errors(browser_.output), std::vector<std::string>{});
  EXPECT_EQ(console_errors(screenshot_.output), std::vector<std::string>{});
}

TEST_F(ReportInBrowser, TheHistogramCountsEveryScoredSubmissionInItsTenth) {
  std::vector<int> expected(10, 0);
  for (const json& result : results_) {
    if (result["status"] == "grader_error") continue;
    const double percent =
        100.0 * result["score"].get<double>() / result["max_score"].get<double>();
    expected[static_cast<std::size_t>(std::clamp(static_cast<int>(percent / 10), 0, 9))] += 1;
  }
  EXPECT_EQ(fact("histogram").get<std::vector<int>>(), expected);
  EXPECT_TRUE(fact("histogramLabelled").get<bool>());
  const std::vector<double> heights = fact("histogramHeights").get<std::vector<double>>();
  for (std::size_t i = 0; i < heights.size(); ++i) {
    EXPECT_EQ(heights[i] > 0, expected[i] > 0) << "bucket " << i;
  }
  const std::vector<std::string> markers = fact("markers").get<std::vector<std::string>>();
  ASSERT_EQ(markers.size(), 2u);
  EXPECT_EQ(markers[0].rfind("median ", 0), 0u);
  EXPECT_EQ(markers[1].rfind("mean ", 0), 0u);
}

TEST_F(ReportInBrowser, EachCheckBarShowsHowManyPassedInTheCatalogsOrder) {
  std::map<std::string, std::pair<int, int>> expected;  // id -> (passed, counted)
  int not_built = 0;
  for (const json& result : results_) {
    if (result["status"] == "build_failed" || result["status"] == "missing_files") not_built += 1;
    if (result["status"] != "graded") continue;
    for (const json& check : result["checks"]) {
      if (!counted(check)) continue;
      expected[check["id"]].first += passed_fully(check) ? 1 : 0;
      expected[check["id"]].second += 1;
    }
  }
  std::vector<std::string> order;
  for (const json& share : fact("shares")) {
    if (share["kind"] != "check") continue;
    const std::string id = share["id"];
    order.push_back(id);
    ASSERT_TRUE(expected.count(id)) << id;
    EXPECT_EQ(share["passed"].get<int>(), expected[id].first) << id;
    EXPECT_EQ(share["counted"].get<int>(), expected[id].second + not_built) << id;
    const double drawn = share["fill"].get<double>() / share["track"].get<double>();
    EXPECT_NEAR(drawn, static_cast<double>(expected[id].first) / (expected[id].second + not_built),
                0.01)
        << id;
    EXPECT_NE(share["label"].get<std::string>().find(std::to_string(expected[id].first) + " of "),
              std::string::npos);
  }
  EXPECT_EQ(order.size(), expected.size());
  std::vector<std::string> catalog;  // checks.def's order, as the rubric lists them
  for (const json& check : results_.back()["checks"]) catalog.push_back(check["id"]);
  EXPECT_EQ(order, catalog);
}

TEST_F(ReportInBrowser, EachNamedMistakeListsExactlyTheStudentsWhoMadeIt) {
  std::map<std::pair<std::string, std::string>, std::set<std::string>> expected;
  for (const json& result : results_) {
    if (result["status"] != "graded") continue;
    for (const json& check : result["checks"]) {
      const std::string code = check.value("diagnosis", "");
      if (!code.empty() && counted(check) && !passed_fully(check)) {
        expected[{check["id"], code}].insert(result["submission"].get<std::string>());
      }
    }
  }
  ASSERT_FALSE(expected.empty()) << "the sample class makes named mistakes";
  std::map<std::pair<std::string, std::string>, std::set<std::string>> shown;
  for (const json& mistake : fact("mistakes")) {
    auto& students = shown[{mistake["check"], mistake["code"]}];
    for (const json& student : mistake["students"]) {
      ASSERT_TRUE(student.is_string()) << "a link to a row that does not exist";
      students.insert(student.get<std::string>());
    }
  }
  EXPECT_EQ(shown, expected);
}

// Those that did not build, lack a file, or passed no check at all.
bool needs_a_look(const json& result) {
  if (result["status"] != "graded") return true;
  if (result["score"].get<double>() > 0) return false;
  for (const json& check : result["checks"]) {
    if (counted(check) && passed_fully(check)) return false;
  }
  return true;
}

TEST_F(ReportInBrowser, SubmissionsThatNeedALookComeFirst) {
  std::set<std::string> problems;
  for (const json& result : results_) {
    if (needs_a_look(result)) problems.insert(result["submission"].get<std::string>());
  }
  ASSERT_EQ(problems.size(), 3u)
      << "Mensah's does not compile, Rossi's lacks optimizer.cpp, Nguyen's is the template";
  const std::vector<std::string> attention = fact("attention").get<std::vector<std::string>>();
  EXPECT_EQ(std::set<std::string>(attention.begin(), attention.end()), problems);
  const std::vector<std::string> rows = fact("initialRows").get<std::vector<std::string>>();
  ASSERT_EQ(rows.size(), results_.size());
  EXPECT_EQ(std::set<std::string>(rows.begin(), rows.begin() + problems.size()), problems);
}

TEST_F(ReportInBrowser, SortingByAColumnOrdersEveryRowEachWay) {
  std::vector<double> scores;
  for (const json& result : results_) scores.push_back(result["score"]);
  std::sort(scores.begin(), scores.end());
  const json& sort = fact("sortScore");
  EXPECT_EQ(sort["first"]["ariaSort"], "ascending");
  EXPECT_EQ(sort["first"]["values"].get<std::vector<double>>(), scores);
  EXPECT_EQ(sort["second"]["ariaSort"], "descending");
  EXPECT_EQ(sort["second"]["values"].get<std::vector<double>>(),
            std::vector<double>(scores.rbegin(), scores.rend()));
  const std::vector<double> failed = fact("sortFailed")["first"]["values"];
  EXPECT_TRUE(std::is_sorted(failed.begin(), failed.end()));
  EXPECT_GT(failed.back(), 0);
}

TEST_F(ReportInBrowser, FilteringShowsOnlyTheRowsThatHoldTheText) {
  ASSERT_TRUE(fact("filterShown").get<bool>());
  std::set<std::string> mensah, relu_kink;
  for (const json& result : results_) {
    const std::string key = result["submission"];
    if (key.find("mensah") != std::string::npos) mensah.insert(key);
    for (const json& check : result["checks"]) {
      if (check["id"] == "relu.kink" && counted(check) && !passed_fully(check))
        relu_kink.insert(key);
    }
  }
  ASSERT_EQ(mensah.size(), 1u);
  ASSERT_FALSE(relu_kink.empty()) << "Smith_Jones's ReLU mask is >= 0";
  const json& filters = fact("filters");
  ASSERT_EQ(filters.size(), 2u);
  const std::vector<std::string> first = filters[0]["rows"];
  const std::vector<std::string> second = filters[1]["rows"];
  EXPECT_EQ(std::set<std::string>(first.begin(), first.end()), mensah);
  EXPECT_EQ(std::set<std::string>(second.begin(), second.end()), relu_kink);
  EXPECT_EQ(filters[0]["status"], "1 of " + std::to_string(results_.size()) + " students shown");
}

TEST_F(ReportInBrowser, EveryFeedbackLinkOpensThatStudentsFeedback) {
  const json& feedback = fact("feedback");
  ASSERT_EQ(feedback.size(), results_.size());
  for (const json& link : feedback) {
    const std::string name = link["name"];
    const std::string href = link["href"];
    ASSERT_EQ(href.rfind("file://", 0), 0u) << href;
    EXPECT_TRUE(fs::is_regular_file(percent_decode(href.substr(7)))) << href;
    ASSERT_TRUE(link["heading"].is_string()) << href << " did not load";
    EXPECT_NE(link["heading"].get<std::string>().find("feedback for " + name), std::string::npos)
        << link["heading"];
  }
}

TEST_F(ReportInBrowser, SaysWhatProducedItAndKeepsAScreenshot) {
  const std::string source = fact("source");
  EXPECT_NE(source.find("cw3-edited.yaml"), std::string::npos) << source;
  const std::string seed = "Seed" + std::to_string(results_[0]["seed"].get<std::uint64_t>());
  EXPECT_NE(source.find(seed), std::string::npos) << source;
  EXPECT_NE(source.find("nn-grade "), std::string::npos) << source;
  EXPECT_NE(source.find("policy auto"), std::string::npos) << source;
  ASSERT_EQ(screenshot_.exit_code, 0) << screenshot_.output;
  EXPECT_GT(fs::file_size(kWork / "report.png"), 10000u);
}

bool overlap(const json& a, const json& b) {
  return a["x"].get<double>() < b["x"].get<double>() + b["width"].get<double>() &&
         b["x"].get<double>() < a["x"].get<double>() + a["width"].get<double>() &&
         a["y"].get<double>() < b["y"].get<double>() + b["height"].get<double>() &&
         b["y"].get<double>() < a["y"].get<double>() + a["height"].get<double>();
}

// The median in the top tenth (4 of 5 at 100): its label reads leftwards inside the picture,
// no label covers another, and every label is drawn over the marker lines with a halo.
TEST_F(ReportInBrowser, ATopTenthMedianIsLabelledInsideThePictureAndNoLabelCoversAnother) {
  ASSERT_EQ(top_.exit_code, 0) << top_.output;
  ASSERT_TRUE(top_facts_.is_object() && top_facts_.contains("chart")) << top_facts_;
  ASSERT_FALSE(top_facts_.contains("error")) << top_facts_["error"];
  const json& chart = top_facts_["chart"];
  const json& box = chart["box"];
  bool median_seen = false;
  for (const json& text : chart["texts"]) {
    const std::string label = text["text"];
    EXPECT_GE(text["x"].get<double>(), box["x"].get<double>()) << label;
    EXPECT_GE(text["y"].get<double>(), box["y"].get<double>()) << label;
    EXPECT_LE(text["x"].get<double>() + text["width"].get<double>(),
              box["x"].get<double>() + box["width"].get<double>())
        << label;
    EXPECT_LE(text["y"].get<double>() + text["height"].get<double>(),
              box["y"].get<double>() + box["height"].get<double>())
        << label;
    if (label == "median 100") median_seen = true;
  }
  EXPECT_TRUE(median_seen) << chart["texts"];
  const json& texts = chart["texts"];
  for (std::size_t i = 0; i < texts.size(); ++i) {
    for (std::size_t j = i + 1; j < texts.size(); ++j) {
      EXPECT_FALSE(overlap(texts[i], texts[j])) << texts[i] << " covers " << texts[j];
    }
  }
  EXPECT_TRUE(chart["countsOverLines"].get<bool>());
  EXPECT_EQ(chart["countPaintOrder"].get<std::string>().rfind("stroke", 0), 0u)
      << chart["countPaintOrder"];
  EXPECT_NE(chart["countStroke"], "none");
}

// At 800 pixels (half a laptop's screen): scores and "on time" keep to one line; the template
// passed nothing, so it is the one to look at first, in red, and its 29 failed checks are a
// count, so that its row is about as tall as any other (listed, the ids took ten lines).
TEST_F(ReportInBrowser, ATemplateNeedsALookAndItsRowStaysOneLineTall) {
  ASSERT_TRUE(top_facts_.contains("rows")) << top_facts_;
  EXPECT_EQ(top_facts_["attention"].get<std::vector<std::string>>(),
            std::vector<std::string>{"template"});
  double reference_height = 0, template_height = 0;
  for (const json& row : top_facts_["rows"]) {
    const std::string name = row["name"];
    EXPECT_EQ(row["scoreLines"], 1) << name;
    EXPECT_EQ(row["lateLines"], 1) << name;
    if (name == "template") {
      template_height = row["height"];
      ASSERT_TRUE(row["failedSummary"].is_string()) << row;
      EXPECT_NE(row["failedSummary"].get<std::string>().find(" checks"), std::string::npos);
      EXPECT_EQ(row["status"], "✗ no check passed");
    } else {
      reference_height = row["height"];
      EXPECT_EQ(row["status"], "✓ graded");
    }
  }
  EXPECT_GT(template_height, 0);
  EXPECT_LE(template_height, 2 * reference_height) << "the template's row is too tall";
}

TEST_F(ReportInBrowser, StaysSmallAndSelfContained) {
  const std::string page = read_text(out_ / "report.html");
  EXPECT_LT(page.size(), 200u * 1024);
  EXPECT_EQ(page.find("http://"), std::string::npos);
  EXPECT_EQ(page.find("https://"), std::string::npos);
}

}  // namespace

}  // namespace nn_grade
