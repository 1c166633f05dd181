// The corpus itself is checked without the grader: every manifest names real checks and
// mistake codes, every entry is a real change, and the comparison finds what it should.
#include <fstream>
#include <set>
#include <sstream>

#include <gtest/gtest.h>

#include "compare.h"
#include "manifest.h"
#include "protocol/catalog.h"
#include "protocol/mistakes.h"
#include "protocol/submission_files.h"

namespace nn_grade {

namespace {

using corpus::Manifest;
using nlohmann::json;

const std::set<std::string>& mistake_codes() {
  static const std::set<std::string> codes = [] {
    std::set<std::string> all;
    for (const protocol::mistakes::MistakeInfo& mistake : protocol::mistakes::kAll)
      all.insert(mistake.code);
    return all;
  }();
  return codes;
}

std::string read(const std::filesystem::path& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

const std::vector<Manifest>& entries() {
  static const std::vector<Manifest> all = corpus::load_corpus(NN_CORPUS_DIR);
  return all;
}

TEST(CorpusTest, HasEnoughEntriesAndDiagnoses) {
  std::set<std::string> codes;
  int diagnosed = 0;
  for (const Manifest& m : entries()) {
    diagnosed += !m.diagnosis.empty();
    for (const auto& [id, code] : m.diagnosis) codes.insert(code);
  }
  EXPECT_GE(entries().size(), 34u);
  EXPECT_GE(diagnosed, 14);
  EXPECT_GE(codes.size(), 12u);
}

TEST(CorpusTest, EveryManifestNamesKnownChecksAndMistakeCodes) {
  for (const Manifest& m : entries()) {
    std::set<std::string> must(m.must_fail.begin(), m.must_fail.end());
    for (const std::string& id : m.must_fail) {
      EXPECT_NE(protocol::find_check(id), nullptr) << m.name << ": must_fail " << id;
    }
    for (const std::string& id : m.no_points) {
      EXPECT_NE(protocol::find_check(id), nullptr) << m.name << ": no_points " << id;
      EXPECT_EQ(must.count(id), 0u) << m.name << ": " << id << " in must_fail and no_points";
    }
    must.insert(m.no_points.begin(), m.no_points.end());
    for (const std::string& id : m.may_fail) {
      EXPECT_NE(protocol::find_check(id), nullptr) << m.name << ": may_fail " << id;
      EXPECT_EQ(must.count(id), 0u) << m.name << ": " << id << " in must_fail and may_fail";
    }
    for (const auto& [id, code] : m.diagnosis) {
      EXPECT_EQ(must.count(id), 1u) << m.name << ": diagnosis of " << id << ", not in must_fail";
      EXPECT_EQ(mistake_codes().count(code), 1u) << m.name << ": unknown mistake code " << code;
    }
    for (const auto& [id, texts] : m.output_contains) {
      EXPECT_FALSE(texts.empty()) << m.name << ": output_contains " << id << " lists no text";
      const bool known = protocol::find_check(id) || id == "build_log" || id == "missing_files";
      EXPECT_TRUE(known) << m.name << ": output_contains " << id;
    }
    if (m.kind == "unusual") {
      EXPECT_TRUE(m.must_fail.empty()) << m.name;
    }
  }
}

TEST(CorpusTest, EveryEntryHoldsOnlySubmissionFilesThatDifferFromTheReference) {
  const auto& files = protocol::kSubmissionFiles;
  for (const Manifest& m : entries()) {
    for (const auto& file : std::filesystem::directory_iterator(m.dir)) {
      const std::string name = file.path().filename().string();
      if (name == "manifest.yaml") continue;
      EXPECT_NE(std::find(files.begin(), files.end(), name), files.end())
          << m.name << ": unexpected file " << name;
      EXPECT_NE(read(file.path()), read(std::filesystem::path(NN_REFERENCE_DIR) / name))
          << m.name << ": " << name << " is the reference's";
    }
    for (const std::string& name : m.deleted) {
      EXPECT_NE(std::find(files.begin(), files.end(), name), files.end())
          << m.name << ": delete " << name;
    }
  }
}

// A result as `grade` writes it, every check passed.
json passing_result(const std::string& name) {
  json checks = json::array();
  for (const auto& info : protocol::all_checks()) {
    checks.push_back({{"id", info.id}, {"status", "passed"}, {"output", ""}, {"diagnosis", ""}});
  }
  return {{"submission", name},
          {"status", "graded"},
          {"score", 100.0},
          {"max_score", 100.0},
          {"checks", checks}};
}

json& check_in(json& result, const std::string& id) {
  for (json& check : result["checks"]) {
    if (check["id"] == id) return check;
  }
  throw std::out_of_range(id);
}

Manifest bias_manifest() {
  Manifest m;
  m.name = "linear-bias-one-row";
  m.must_fail = {"linear.backward.bias"};
  m.may_fail = {"train.spiral"};
  m.diagnosis = {{"linear.backward.bias", "one_row"}};
  return m;
}

TEST(CompareTest, AcceptsAResultThatFailsWhatItMustWithTheRightDiagnosis) {
  json result = passing_result("linear-bias-one-row");
  check_in(result, "linear.backward.bias") = {
      {"id", "linear.backward.bias"}, {"status", "failed"}, {"diagnosis", "one_row"}};
  check_in(result, "train.spiral")["status"] = "timeout";
  EXPECT_TRUE(corpus::compare_result(bias_manifest(), result).empty());
}

TEST(CompareTest, ReportsAMustFailCheckThatPassedAndAMissingDiagnosis) {
  std::vector<std::string> differences =
      corpus::compare_result(bias_manifest(), passing_result("linear-bias-one-row"));
  ASSERT_EQ(differences.size(), 2u);
  EXPECT_EQ(differences[0],
            "linear-bias-one-row: linear.backward.bias: expected not passed, got passed");
  EXPECT_EQ(differences[1],
            "linear-bias-one-row: linear.backward.bias diagnosis: expected \"one_row\", got \"\"");
}

TEST(CompareTest, ReportsAnotherCheckThatFailedWithItsOutput) {
  json result = passing_result("x");
  check_in(result, "linear.backward.bias")["status"] = "failed";
  check_in(result, "linear.backward.bias")["diagnosis"] = "one_row";
  check_in(result, "relu.kink")["status"] = "crashed";
  check_in(result, "relu.kink")["output"] = "killed by SIGSEGV";
  std::vector<std::string> differences = corpus::compare_result(bias_manifest(), result);
  ASSERT_EQ(differences.size(), 1u);
  EXPECT_EQ(differences[0],
            "linear-bias-one-row: relu.kink: expected passed, got crashed\n"
            "    output: killed by SIGSEGV");
}

TEST(CompareTest, ReportsAWrongSubmissionStatusAndAGraderError) {
  Manifest m;
  m.name = "broken";
  m.status = "build_failed";
  m.output_contains = {{"build_log", {"zero_threshold"}}};
  json result = passing_result("broken");
  result["score"] = 0.0;
  check_in(result, "ce.forward")["status"] = "grader_error";
  std::vector<std::string> differences = corpus::compare_result(m, result);
  EXPECT_EQ(differences.size(), 2u + 1u + 28u);  // status, build_log, grader_error, 28 passed
  EXPECT_EQ(differences[0], "broken: status: expected build_failed, got graded");
}

TEST(CompareTest, ChecksFullMarksAndZero) {
  Manifest full;
  full.name = "reference-as-is";
  full.expect_score = "full";
  json result = passing_result("reference-as-is");
  EXPECT_TRUE(corpus::compare_result(full, result).empty());
  result["score"] = 99.0;
  EXPECT_EQ(corpus::compare_result(full, result).size(), 1u);

  Manifest zero = full;
  zero.expect_score = "zero";
  for (json& check : result["checks"]) zero.must_fail.push_back(check["id"]);
  for (json& check : result["checks"]) check["status"] = "error";
  EXPECT_EQ(corpus::compare_result(zero, result).size(), 1u);
  result["score"] = 0.0;
  EXPECT_TRUE(corpus::compare_result(zero, result).empty());
}

TEST(CompareTest, ReportsPartialCreditForANoPointsCheck) {
  Manifest lazy;
  lazy.name = "lazy-relu-backward-zeros";
  lazy.no_points = {"relu.kink"};
  json result = passing_result(lazy.name);
  check_in(result, "relu.kink")["status"] = "failed";
  check_in(result, "relu.kink")["fraction"] = 0.5;
  std::vector<std::string> differences = corpus::compare_result(lazy, result);
  ASSERT_EQ(differences.size(), 1u);
  EXPECT_EQ(differences[0].rfind("lazy-relu-backward-zeros: relu.kink fraction: expected 0 (no "
                                 "points), got 0.5",
                                 0),
            0u)
      << differences[0];
  check_in(result, "relu.kink")["fraction"] = 0.0;
  EXPECT_TRUE(corpus::compare_result(lazy, result).empty());
  check_in(result, "relu.kink")["status"] = "passed";
  check_in(result, "relu.kink")["fraction"] = 1.0;
  EXPECT_EQ(corpus::compare_result(lazy, result).size(), 2u);  // passed, and its points
}

// Issue 20: no check pays a submission that does not do its job. Every lazy entry denies the
// points of what it leaves undone, and the entry where everything is lazy denies every check's,
// so a check added to checks.def must be listed there (and pass the harness's test of it).
TEST(CorpusTest, LazyEntriesEarnNothingAndEverythingLazyScoresZero) {
  const Manifest* everything = nullptr;
  for (const Manifest& m : entries()) {
    if (m.kind != "lazy") continue;
    EXPECT_FALSE(m.no_points.empty())
        << m.name << ": a lazy entry names the points it must not get";
    if (m.name == "lazy-everything") everything = &m;
  }
  ASSERT_NE(everything, nullptr) << "the corpus needs lazy-everything";
  EXPECT_EQ(everything->expect_score, "zero");
  const std::set<std::string> denied(everything->no_points.begin(), everything->no_points.end());
  for (const protocol::CheckInfo& info : protocol::all_checks()) {
    EXPECT_EQ(denied.count(info.id), 1u) << "lazy-everything: no_points lacks " << info.id;
  }
}

TEST(ManifestTest, RejectsAnUnknownKeyNamingTheFileAndLine) {
  const auto dir = std::filesystem::path(testing::TempDir()) / "bad-entry";
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "manifest.yaml") << "kind: mistake\nmust_fial: [relu.kink]\n";
  try {
    corpus::load_manifest(dir);
    FAIL() << "no error";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("manifest.yaml:2: unknown key 'must_fial'"),
              std::string::npos)
        << e.what();
  }
}

}  // namespace

}  // namespace nn_grade
