// `grade` end to end, as a student, a TA and Gradescope run it.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <thread>

#include "protocol/submission_files.h"
#include "run_shell.h"

namespace nn_grade {

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

const fs::path kSource = SOURCE_DIR;

using testing_shell::Outcome;  // output: stdout and stderr

// Runs grade with `arguments`, in `cwd` when given, with `environment` ("NAME=value ...") added.
Outcome run_grade(const std::string& arguments, const fs::path& cwd = {},
                  const std::string& environment = "") {
  std::string command = (cwd.empty() ? "" : "cd '" + cwd.string() + "' && ") + environment +
                        " NN_GRADE_CACHE=" TEST_CACHE_DIR " " GRADE_BINARY " " + arguments +
                        " 2>&1";
  return testing_shell::run_shell(command);
}

json read_json(const fs::path& path) {
  std::ifstream in(path);
  return json::parse(in);
}

fs::path fresh_dir(const std::string& name) {
  fs::path dir =
      fs::temp_directory_path() / ("grade-cli-test-" + name + "-" + std::to_string(getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

void copy_submission(const fs::path& from, const fs::path& to) {
  fs::create_directories(to);
  for (const char* name : protocol::kSubmissionFiles) {
    fs::copy_file(from / name, to / name, fs::copy_options::overwrite_existing);
  }
}

}  // namespace

TEST(GradeLocal, TheReferenceGetsFullMarksOnEveryVisibleCheck) {
  fs::path dir = fresh_dir("ref");
  Outcome outcome = run_grade("--local " + (kSource / "reference").string() + " --json " +
                              (dir / "r.json").string());
  ASSERT_EQ(outcome.exit_code, 0) << outcome.output;
  json result = read_json(dir / "r.json");
  EXPECT_EQ(result["status"], "graded");
  for (const json& check : result["checks"]) {
    EXPECT_EQ(check["visibility"], "visible") << check["id"];
    EXPECT_EQ(check["status"], "passed") << check["id"] << ": " << check["output"];
  }
}

// The text and the JSON say one total, of what ran; the check graded after the deadline is
// counted in both and named in neither.
TEST(GradeLocal, TextAndJsonSayOneTotalAndNameNoHiddenCheck) {
  fs::path dir = fresh_dir("one-total");
  Outcome outcome = run_grade("--local " + (kSource / "reference").string() + " --json " +
                              (dir / "r.json").string());
  ASSERT_EQ(outcome.exit_code, 0) << outcome.output;
  json result = read_json(dir / "r.json");
  EXPECT_EQ(result["score"], 98.0);
  EXPECT_EQ(result["max_score"], 98.0);
  EXPECT_EQ(result["coverage"], json({{"rubric_points", 100.0},
                                      {"hidden_checks", 1},
                                      {"hidden_points", 2.0},
                                      {"other_checks", 0},
                                      {"other_points", 0.0}}));
  EXPECT_EQ(result["checks"].size(), 28u);
  EXPECT_NE(outcome.output.find("Total: 98/98 for the 28 checks run here, of 100 points in all."),
            std::string::npos)
      << outcome.output;
  EXPECT_NE(outcome.output.find("1 more check (2 points) is graded after the deadline"),
            std::string::npos)
      << outcome.output;
  std::ifstream json_file(dir / "r.json");
  const std::string json_text{std::istreambuf_iterator<char>(json_file), {}};
  for (const std::string& text : {outcome.output, json_text}) {
    EXPECT_EQ(text.find("mlp.gradcheck.fast"), std::string::npos) << text;
    EXPECT_EQ(text.find("MLP (large)"), std::string::npos) << text;
  }

  Outcome listed = run_grade("--list-checks");
  EXPECT_EQ(listed.exit_code, 0);
  EXPECT_NE(listed.output.find("relu.kink"), std::string::npos) << listed.output;
  EXPECT_EQ(listed.output.find("mlp.gradcheck.fast"), std::string::npos) << listed.output;
  EXPECT_NE(listed.output.find("1 more check (2 points) is graded after the deadline."),
            std::string::npos)
      << listed.output;
}

TEST(GradeLocal, ABuildFailureTotalsWhatWouldHaveRun) {
  fs::path dir = fresh_dir("total-build");
  copy_submission(kSource / "reference", dir / "broken");
  std::ofstream(dir / "broken" / "losses.cpp", std::ios::app) << "this is not C++\n";
  Outcome outcome = run_grade("--local " + (dir / "broken").string() + " --only relu.kink --json " +
                              (dir / "r.json").string());
  EXPECT_EQ(outcome.exit_code, 1) << outcome.output;
  EXPECT_NE(outcome.output.find("Total: 0/2 for the 1 check that would have run"),
            std::string::npos)
      << outcome.output;
  json result = read_json(dir / "r.json");
  EXPECT_EQ(result["status"], "build_failed");
  EXPECT_EQ(result["max_score"], 2.0);
  EXPECT_EQ(result["coverage"]["other_checks"], 27);
}

TEST(GradeLocal, TheTemplateGetsNothing) {
  fs::path dir = fresh_dir("template");
  Outcome outcome = run_grade("--local " + (kSource / "student_template").string() + " --json " +
                              (dir / "r.json").string());
  ASSERT_EQ(outcome.exit_code, 1) << outcome.output;
  json result = read_json(dir / "r.json");
  EXPECT_EQ(result["status"], "graded");
  EXPECT_EQ(result["score"], 0.0);
  for (const json& check : result["checks"]) EXPECT_NE(check["status"], "passed") << check["id"];
}

TEST(GradeLocal, OnlyAndSeedReproduceOneCheck) {
  fs::path dir = fresh_dir("only");
  Outcome outcome = run_grade("--local " + (kSource / "reference").string() +
                              " --only relu.kink --seed 77 --json " + (dir / "r.json").string());
  ASSERT_EQ(outcome.exit_code, 0) << outcome.output;
  json result = read_json(dir / "r.json");
  EXPECT_EQ(result["seed"], 77);
  ASSERT_EQ(result["checks"].size(), 1u);
  EXPECT_EQ(result["checks"][0]["id"], "relu.kink");
  EXPECT_EQ(result["checks"][0]["status"], "passed");
  EXPECT_EQ(result["max_score"], 2.0);
  EXPECT_NE(outcome.output.find("Total: 2/2 for the 1 check run here, of 100 points in all.\n"
                                "1 more check (2 points) is graded after the deadline, not here.\n"
                                "27 checks (96 points) left out by --only."),
            std::string::npos)
      << outcome.output;
}

TEST(GradeBatch, OnlyIsRefusedSoAClassIsAlwaysGradedOnTheWholeRubric) {
  fs::path dir = fresh_dir("batch-only");
  Outcome outcome = run_grade("--batch " + (kSource / "samples" / "class").string() + " --out " +
                              (dir / "out").string() + " --only relu.kink");
  EXPECT_EQ(outcome.exit_code, 2) << outcome.output;
  EXPECT_FALSE(fs::exists(dir / "out")) << outcome.output;
}

// The student's line comes from addr2line, which the student server runs inside its own
// containment: every containment but the empty chroot (root without bubblewrap) has it.
TEST(GradeLocal, AnEigenShapeErrorNamesTheLine) {
  fs::path dir = fresh_dir("eigen-line");
  copy_submission(kSource / "reference", dir / "sub");
  fs::copy_file(
      kSource / "tests" / "corpus" / "linear-backward-product-untransposed" / "layers.cpp",
      dir / "sub" / "layers.cpp", fs::copy_options::overwrite_existing);
  Outcome outcome = run_grade("--local " + (dir / "sub").string() +
                              " --only linear.backward.input --json " + (dir / "r.json").string());
  EXPECT_EQ(outcome.exit_code, 1) << outcome.output;
  const json result = read_json(dir / "r.json");
  if (result["isolation"] == "chroot") GTEST_SKIP() << "no addr2line in an empty chroot";
  EXPECT_NE(outcome.output.find("Linear::backward stopped on a shape error in a matrix product, "
                                "at layers.cpp:26."),
            std::string::npos)
      << outcome.output;
}

// A warning is a hint, never a verdict: with every check passed, --local still lists it, and
// the result is the same as without it.
TEST(GradeLocal, ACompilerWarningIsListedWhenEveryCheckPasses) {
  fs::path dir = fresh_dir("warning");
  copy_submission(kSource / "reference", dir / "sub");
  std::ifstream in(kSource / "reference" / "layers.cpp");
  std::string source((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const std::string cache = "  cached_input = X;\n  return (X * W)";
  ASSERT_NE(source.find(cache), std::string::npos);
  source.replace(source.find(cache), cache.size(),
                 "  const unsigned rows = X.rows();\n  if (rows >= 0) cached_input = X;\n"
                 "  return (X * W)");
  std::ofstream(dir / "sub" / "layers.cpp") << source;
  Outcome outcome =
      run_grade("--local " + (dir / "sub").string() +
                " --only linear.forward --only linear.cache --json " + (dir / "r.json").string());
  EXPECT_EQ(outcome.exit_code, 0) << outcome.output;
  EXPECT_NE(outcome.output.find("Compiler warnings (they change no points, but each may be a "
                                "bug):\n      The compiler warns at layers.cpp:20, in "
                                "Linear::forward: comparison of unsigned expression in '>= 0' is "
                                "always true."),
            std::string::npos)
      << outcome.output;
  const json result = read_json(dir / "r.json");
  EXPECT_EQ(result["score"], result["max_score"]) << outcome.output;
  ASSERT_EQ(result["warnings"].size(), 1u) << result.dump();
  EXPECT_EQ(result["warnings"][0]["flag"], "-Wtype-limits");
}

// LANG=C, or any locale that is not UTF-8: ASCII only, whatever the report holds.
TEST(GradeLocal, ALocaleWithoutUtf8GetsAsciiOnly) {
  for (const char* environment : {"LC_ALL= LC_CTYPE= LANG=C", "LC_ALL=C LANG=en_GB.UTF-8"}) {
    Outcome outcome = run_grade(
        "--local " + (kSource / "reference").string() + " --only linear.forward --only relu.kink",
        {}, environment);
    EXPECT_EQ(outcome.exit_code, 0) << outcome.output;
    EXPECT_NE(outcome.output.find("  PASS Linear: forward"), std::string::npos) << outcome.output;
    EXPECT_TRUE(std::all_of(outcome.output.begin(), outcome.output.end(),
                            [](char c) { return static_cast<unsigned char>(c) < 0x80; }))
        << environment << "\n"
        << outcome.output;
  }
  Outcome utf8 = run_grade("--local " + (kSource / "reference").string() + " --only linear.forward",
                           {}, "LC_ALL= LC_CTYPE= LANG=C.UTF-8");
  EXPECT_NE(utf8.output.find("  ✓ Linear: forward"), std::string::npos) << utf8.output;
}

TEST(GradeLocal, AStudentsOwnHeaderIsIgnored) {
  fs::path dir = fresh_dir("own-header");
  copy_submission(kSource / "reference", dir / "sub");
  std::ofstream(dir / "sub" / "layers.h") << "#error this header must never be used\n";
  Outcome outcome = run_grade("--local " + (dir / "sub").string() +
                              " --only linear.forward --json " + (dir / "r.json").string());
  ASSERT_EQ(outcome.exit_code, 0) << outcome.output;
  EXPECT_EQ(read_json(dir / "r.json")["status"], "graded") << outcome.output;
}

TEST(GradeLocal, AMissingFolderIsOneClearLineAndExitStatusTwo) {
  Outcome outcome = run_grade("--local /no/such/folder");
  EXPECT_EQ(outcome.exit_code, 2);
  EXPECT_NE(outcome.output.find("/no/such/folder"), std::string::npos) << outcome.output;
  EXPECT_EQ(std::count(outcome.output.begin(), outcome.output.end(), '\n'), 1) << outcome.output;
}

TEST(GradeLocal, ABrokenRubricNamesItsFileAndLine) {
  fs::path dir = fresh_dir("rubric");
  std::ofstream(dir / "bad.yaml") << "name: x\nchecks:\n  - id: linear.forward\n    points: -3\n";
  Outcome outcome = run_grade("--local " + (kSource / "reference").string() + " --rubric " +
                              (dir / "bad.yaml").string());
  EXPECT_EQ(outcome.exit_code, 2);
  EXPECT_NE(outcome.output.find("bad.yaml:4"), std::string::npos) << outcome.output;
}

TEST(GradeGradescope, WritesResultsJsonWithEveryCheckAndItsVisibility) {
  fs::path dir = fresh_dir("gradescope");
  copy_submission(kSource / "reference", dir / "submission" / "nested");
  Outcome outcome = run_grade("--gradescope --submission " + (dir / "submission").string() +
                              " --results " + (dir / "results" / "results.json").string());
  ASSERT_EQ(outcome.exit_code, 0) << outcome.output;
  json results = read_json(dir / "results" / "results.json");
  EXPECT_DOUBLE_EQ(results["score"].get<double>(), 100.0);
  ASSERT_GT(results["tests"].size(), 20u);
  bool any_hidden = false;
  for (const json& test : results["tests"]) {
    EXPECT_EQ(test["score"], test["max_score"]) << test["name"];
    any_hidden = any_hidden || test["visibility"] != "visible";
  }
  EXPECT_TRUE(any_hidden);
}

// What Gradescope receives when the autograder fails: the documented results.json
// (Gradescope's specification, docs/gradescope.md Sources: "Output format") with one visible
// failing test that tells the student it is not their fault; the reason only in extra_data, for
// staff.
json expected_failure_results(const std::string& reason) {
  const std::string message =
      "The autograder failed before it could grade your submission. This is not your fault and "
      "says nothing about your code. Please tell your course staff: they can see what went "
      "wrong, and will grade your submission again.";
  return {{"score", 0.0},
          {"output", message},
          {"stdout_visibility", "hidden"},
          {"extra_data", {{"grader_error", reason}}},
          {"tests",
           {{{"name", "Autograder: grades your submission"},
             {"number", "0"},
             {"score", 0.0},
             {"status", "failed"},
             {"output", message},
             {"visibility", "visible"}}}}};
}

TEST(GradeGradescope, ABrokenRubricStillWritesAResultThatIsNotTheStudentsFault) {
  fs::path dir = fresh_dir("gradescope-rubric");
  std::ofstream(dir / "bad.yaml") << "name: x\nchecks:\n  - id: linear.forward\n    points: -3\n";
  copy_submission(kSource / "reference", dir / "submission");
  Outcome outcome = run_grade("--gradescope --submission " + (dir / "submission").string() +
                              " --results " + (dir / "results" / "results.json").string() +
                              " --rubric " + (dir / "bad.yaml").string());
  EXPECT_EQ(outcome.exit_code, 2) << "the grader's own error, though results.json was written";
  EXPECT_NE(outcome.output.find("bad.yaml:4"), std::string::npos) << outcome.output;
  json results = read_json(dir / "results" / "results.json");
  const std::string reason = results["extra_data"].value("grader_error", "");
  EXPECT_NE(reason.find("bad.yaml:4: checks[0].points"), std::string::npos) << reason;
  EXPECT_EQ(results, expected_failure_results(reason)) << results.dump(2);
}

TEST(GradeGradescope, ResultsNamedWithoutAFolderAreWrittenBesideUs) {
  fs::path dir = fresh_dir("gradescope-bare");
  copy_submission(kSource / "reference", dir / "submission");
  Outcome outcome =
      run_grade("--gradescope --only relu.kink --submission submission --results r.json", dir);
  ASSERT_EQ(outcome.exit_code, 0) << outcome.output;
  EXPECT_FALSE(read_json(dir / "r.json")["tests"].empty()) << outcome.output;
}

// run_autograder itself writes the failure result when grade dies without one (a crash, the
// memory killer): Gradescope's best practices (docs/gradescope.md, Sources) ask for a results.json
// "even if the autograder fails".
TEST(GradeGradescope, RunAutograderWritesAResultWhenGradeDiesWithoutOne) {
  fs::path dir = fresh_dir("gradescope-crash");
  std::ofstream(dir / "crash") << "#!/bin/sh\nkill -SEGV $$\n";
  fs::permissions(dir / "crash", fs::perms::owner_all);
  const std::string command =
      "NN_GRADE_BINARY=" + (dir / "crash").string() +
      " NN_GRADE_RESULTS=" + (dir / "results" / "results.json").string() + " " +
      (kSource / "packaging" / "gradescope" / "run_autograder").string() + " >/dev/null 2>&1";
  EXPECT_EQ(std::system(command.c_str()), 0);
  EXPECT_EQ(read_json(dir / "results" / "results.json"),
            expected_failure_results("grade exited with status 139 and wrote no results.json"));
}

// A late submission in a fake /autograder tree: submission_metadata.json as Gradescope writes
// it (Gradescope's submission metadata, docs/gradescope.md Sources: "created_at",
// "assignment"."due_date"), beside the submission folder.
TEST(GradeGradescope, ALateSubmissionLosesWhatTheRubricsLatePolicySaysAndIsToldSo) {
  fs::path autograder = fresh_dir("gradescope-late") / "autograder";
  copy_submission(kSource / "reference", autograder / "submission");
  std::ofstream(autograder / "submission_metadata.json")
      << R"({"id": 123456, "created_at": "2026-11-30T10:30:00.000000+00:00",
             "assignment": {"due_date": "2026-11-29T23:00:00.000000+00:00",
                            "late_due_date": null, "title": "Coursework 3",
                            "total_points": "5.0"},
             "users": [{"email": "student@example.com", "id": 1234, "name": "Student User"}],
             "previous_submissions": []})";
  std::ofstream(autograder / "late.yaml")
      << "name: cw3\ntitle: CW3\nseed: 7\nlate_policy: {percent_per_day: 10}\nchecks:\n"
         "  - {id: relu.forward, points: 3}\n  - {id: relu.kink, points: 2}\n";
  Outcome outcome = run_grade("--gradescope --submission " + (autograder / "submission").string() +
                              " --results " + (autograder / "results" / "results.json").string() +
                              " --rubric " + (autograder / "late.yaml").string());
  ASSERT_EQ(outcome.exit_code, 0) << outcome.output;
  json results = read_json(autograder / "results" / "results.json");
  EXPECT_EQ(results["score"], 4.5);
  // The staff's log states the score the student gets, and what the late policy took.
  EXPECT_NE(outcome.output.find("results.json: 4.5/5 (graded)\n  the late policy took 10% of 5 "
                                "(11 hours 30 minutes late)"),
            std::string::npos)
      << outcome.output;
  EXPECT_EQ(results["output"],
            "CW3: 5/5. Every check passed. Seed 7. Submitted 11 hours 30 minutes after the "
            "deadline: the late policy takes 10% per started day, so 10% (1 day). Your score: 5 "
            "becomes 4.5 of 5.");
  EXPECT_EQ(results["extra_data"]["seed"], 7);
  EXPECT_EQ(results["extra_data"]["grader_version"], NN_GRADE_VERSION);
  EXPECT_EQ(results["extra_data"]["rubric_digest"].get<std::string>().size(), 40u);
  EXPECT_NE(results["extra_data"]["containment"], "");
  EXPECT_EQ(results["extra_data"]["late"]["seconds_late"], 11 * 3600 + 30 * 60);
  EXPECT_TRUE(results.contains("execution_time"));
  EXPECT_EQ(results["tests"][0]["tags"], json::array({"relu"}));
}

// Gradescope gives each student their own dates (users[].assignment: gradescope/autograder_samples
// issue 60). A group of two, one of whom has an extension to 3 December, submits on 30 November,
// after the assignment's due date: nothing is taken, and the staff's log says whose date it was.
TEST(GradeGradescope, AGroupWithAnExtensionIsChargedFromItsLatestDueDate) {
  fs::path autograder = fresh_dir("gradescope-extension") / "autograder";
  copy_submission(kSource / "reference", autograder / "submission");
  const auto user = [](int id, const std::string& due) {
    return R"({"id": )" + std::to_string(id) + R"(, "email": "s@example.com", "name": "S",
               "sid": null, "assignment": {"release_date": "2026-11-01T09:00:00.000000+00:00",
               "due_date": ")" +
           due + R"(", "late_due_date": null}})";
  };
  std::ofstream(autograder / "submission_metadata.json")
      << R"({"id": 123457, "created_at": "2026-11-30T10:30:00.000000+00:00",
             "assignment": {"due_date": "2026-11-29T23:00:00.000000+00:00",
                            "late_due_date": null, "title": "Coursework 3",
                            "group_submission": true, "group_size": 2, "total_points": "5.0"},
             "users": [)"
      << user(1, "2026-11-29T23:00:00.000000+00:00") << ", "
      << user(2, "2026-12-03T23:00:00.000000+00:00") << R"(], "previous_submissions": []})";
  std::ofstream(autograder / "late.yaml")
      << "name: cw3\ntitle: CW3\nseed: 7\nlate_policy: {percent_per_day: 10}\nchecks:\n"
         "  - {id: relu.forward, points: 3}\n  - {id: relu.kink, points: 2}\n";
  Outcome outcome = run_grade("--gradescope --submission " + (autograder / "submission").string() +
                              " --results " + (autograder / "results" / "results.json").string() +
                              " --rubric " + (autograder / "late.yaml").string());
  ASSERT_EQ(outcome.exit_code, 0) << outcome.output;
  json results = read_json(autograder / "results" / "results.json");
  EXPECT_EQ(results["score"], 5.0);
  EXPECT_EQ(results["output"], "CW3: 5/5. Every check passed. Seed 7.");
  EXPECT_EQ(results["extra_data"]["late"]["percent"], 0.0);
  EXPECT_NE(outcome.output.find("Due date: 2026-12-03T23:00:00.000000+00:00 (this student's "
                                "extension; the assignment's is 2026-11-29T23:00:00.000000+00:00)"),
            std::string::npos)
      << outcome.output;
  EXPECT_NE(outcome.output.find("results.json: 5/5 (graded)"), std::string::npos) << outcome.output;
}

// An image whose compiler is gone: results.json says the grader failed, not the student, and
// grade exits 2 as --help says.
TEST(GradeGradescope, AMissingCompilerExitsTwo) {
  fs::path dir = fresh_dir("gradescope-no-compiler");
  const fs::path build = fs::path(GRADE_BINARY).parent_path().parent_path();
  fs::create_directories(dir / "prefix" / "bin");
  fs::create_directories(dir / "prefix" / "share" / "nn-grade");
  fs::copy_file(GRADE_BINARY, dir / "prefix" / "bin" / "grade");
  fs::create_directory_symlink(build / "lib", dir / "prefix" / "lib");
  for (const char* name : {"include", "rubrics"}) {
    fs::create_directory_symlink(build / "share" / "nn-grade" / name,
                                 dir / "prefix" / "share" / "nn-grade" / name);
  }
  json toolchain = read_json(build / "share" / "nn-grade" / "toolchain.json");
  toolchain["compiler"] = (dir / "no-such-g++").string();
  std::ofstream(dir / "prefix" / "share" / "nn-grade" / "toolchain.json") << toolchain.dump();
  copy_submission(kSource / "reference", dir / "submission");
  const Outcome outcome = testing_shell::run_shell(
      "NN_GRADE_CACHE=" + (dir / "cache").string() + " " +
      (dir / "prefix" / "bin" / "grade").string() + " --gradescope --submission " +
      (dir / "submission").string() + " --results " + (dir / "results.json").string() + " 2>&1");
  EXPECT_EQ(outcome.exit_code, 2) << outcome.output;
  const json results = read_json(dir / "results.json");
  EXPECT_EQ(results["extra_data"]["status"], "grader_error") << results.dump(2);
  EXPECT_NE(results["output"].get<std::string>().find("no fault of yours"), std::string::npos)
      << results["output"];
}

// Gradescope's default container (half a CPU, 768 MB), simulated through the grader's seam: a
// fake cgroup v2 tree under $NN_GRADE_CGROUP_ROOT.
TEST(GradeGradescope, JobsAndCheckMemoryFollowTheContainersCgroupLimits) {
  fs::path dir = fresh_dir("gradescope-cgroup");
  fs::create_directories(dir / "root" / "sys" / "fs" / "cgroup");
  std::ofstream(dir / "root" / "sys" / "fs" / "cgroup" / "cpu.max") << "50000 100000\n";
  std::ofstream(dir / "root" / "sys" / "fs" / "cgroup" / "memory.max") << "805306368\n";
  copy_submission(kSource / "reference", dir / "submission");
  Outcome outcome =
      run_grade("--gradescope --only relu.kink --submission " + (dir / "submission").string() +
                    " --results " + (dir / "results.json").string(),
                {}, "NN_GRADE_CGROUP_ROOT=" + (dir / "root").string());
  ASSERT_EQ(outcome.exit_code, 0) << outcome.output;
  EXPECT_NE(outcome.output.find("Container: 0.5 CPU quota, 768 MB memory limit: 1 job, 640 MB "
                                "per check (the rubric asks 1024)"),
            std::string::npos)
      << outcome.output;
  json results = read_json(dir / "results.json");
  EXPECT_EQ(results["extra_data"]["container"],
            json({{"cpus", 0.5}, {"memory_mb", 768}, {"jobs", 1}, {"check_memory_mb", 640}}));
  for (const json& test : results["tests"]) {
    if (test["name"].get<std::string>().find("(relu.kink)") != std::string::npos) {
      EXPECT_EQ(test["status"], "passed") << test["output"];
    }
  }
}

// A batch killed with SIGKILL part way and started again grades only what is missing, and keeps
// every result already written.
TEST(GradeBatch, ResumesAfterKillWithoutLosingOrRedoingResults) {
  fs::path dir = fresh_dir("resume");
  for (int i = 0; i < 6; ++i) {
    fs::path student = dir / "class" / ("student" + std::to_string(i));
    copy_submission(kSource / (i % 2 ? "reference" : "student_template"), student);
    std::ofstream(student / "model.cpp", std::ios::app) << "// copy " << i << "\n";
  }
  fs::path out = dir / "out";
  std::string arguments =
      "--batch " + (dir / "class").string() + " --out " + out.string() + " --jobs 2";

  pid_t child = fork();
  if (child == 0) {
    execl("/bin/sh", "sh", "-c",
          ("exec env NN_GRADE_CACHE=" + (dir / "cache").string() + " " GRADE_BINARY " " +
           arguments + " >/dev/null 2>&1")
              .c_str(),
          nullptr);
    _exit(127);
  }
  auto deadline = std::chrono::steady_clock::now() + std::chrono::minutes(3);
  while (!fs::exists(out / "student0" / "result.json") &&
         !fs::exists(out / "student1" / "result.json") &&
         std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  kill(child, SIGKILL);
  waitpid(child, nullptr, 0);

  std::map<std::string, fs::file_time_type> written;
  for (const auto& entry : fs::directory_iterator(out)) {
    if (fs::exists(entry.path() / "result.json")) {
      written[entry.path().filename()] = fs::last_write_time(entry.path() / "result.json");
      EXPECT_NO_THROW(read_json(entry.path() / "result.json")) << "a half-written result";
    }
  }
  ASSERT_FALSE(written.empty());

  Outcome rerun = run_grade(arguments);
  ASSERT_EQ(rerun.exit_code, 0) << rerun.output;
  for (int i = 0; i < 6; ++i) {
    std::string key = "student" + std::to_string(i);
    json result = read_json(out / key / "result.json");
    EXPECT_EQ(result["score"], i % 2 ? 100.0 : 0.0) << key;
    if (written.count(key)) {
      EXPECT_EQ(fs::last_write_time(out / key / "result.json"), written[key]) << key;
    }
  }
  EXPECT_TRUE(fs::exists(out / "summary.csv"));

  Outcome third = run_grade(arguments);
  EXPECT_NE(third.output.find("Grading 0 submissions"), std::string::npos) << third.output;
}

// --cache and --out as relative paths are the current folder's, whatever folder the compiler
// and the checkers run in; a rerun names what it grades again and why.
TEST(GradeBatch, RelativeCacheAndOutAreTheCurrentFoldersAndARerunSaysWhyItGradesAgain) {
  fs::path dir = fresh_dir("relative");
  copy_submission(kSource / "reference", dir / "class" / "kept");
  copy_submission(kSource / "reference", dir / "class" / "edited");
  const std::string arguments = "--batch class --out out --cache relcache --jobs 2";
  Outcome first = run_grade(arguments, dir);
  ASSERT_EQ(first.exit_code, 0) << first.output;
  for (const char* key : {"kept", "edited"}) {
    json result = read_json(dir / "out" / key / "result.json");
    EXPECT_EQ(result["status"], "graded") << key << ": " << first.output;
    EXPECT_EQ(result["score"], 100.0) << key;
  }
  EXPECT_TRUE(fs::is_directory(dir / "relcache")) << first.output;

  std::ofstream(dir / "class" / "edited" / "model.cpp", std::ios::app) << "// edited\n";
  copy_submission(kSource / "reference", dir / "class" / "added");
  Outcome rerun = run_grade(arguments, dir);
  ASSERT_EQ(rerun.exit_code, 0) << rerun.output;
  EXPECT_NE(rerun.output.find("changed since it was graded, grading again: edited"),
            std::string::npos)
      << rerun.output;
  EXPECT_NE(rerun.output.find("not graded yet: added"), std::string::npos) << rerun.output;
  EXPECT_EQ(rerun.output.find("not graded yet: edited"), std::string::npos) << rerun.output;

  Outcome local =
      run_grade("--local class/kept --only relu.kink --cache relcache --json r.json", dir);
  ASSERT_EQ(local.exit_code, 0) << local.output;
  EXPECT_EQ(read_json(dir / "r.json")["status"], "graded") << local.output;
}

// The README's main command: the sample class (a Canvas export) graded into a Canvas import.
TEST(GradeBatch, GradesTheSampleClassIntoACanvasImport) {
  fs::path out = fresh_dir("samples") / "out";
  Outcome outcome =
      run_grade("--batch " + (kSource / "samples" / "class").string() + " --out " + out.string() +
                " --canvas-gradebook " + (kSource / "samples" / "gradebook.csv").string());
  ASSERT_EQ(outcome.exit_code, 0) << outcome.output;
  std::ifstream in(out / "canvas-import.csv");
  std::stringstream csv;
  csv << in.rdbuf();
  EXPECT_NE(csv.str().find("\"    Points Possible\",\"\",\"\",\"\",\"\",\"100.00\""),
            std::string::npos)
      << csv.str();
  EXPECT_NE(csv.str().find("\"Okafor, Chidi\",\"48213\""), std::string::npos) << csv.str();
  EXPECT_NE(csv.str().find("\"COMP2011 Lab A\",\"100\"\n"), std::string::npos) << csv.str();
  EXPECT_EQ(csv.str().find("Schmidt, Lena"), std::string::npos)
      << "no submission must have no row, so that Canvas keeps what it has:\n"
      << csv.str();
  EXPECT_NE(
      outcome.output.find("no submission, left out (Canvas keeps their grade): Schmidt, Lena"),
      std::string::npos)
      << outcome.output;
  EXPECT_TRUE(fs::exists(out / "canvas-changes.csv"));
  // Canvas's download marks Kowalski's files LATE and says nothing of when: not charged, and
  // the TA is told so.
  EXPECT_NE(outcome.output.find("1 submission Canvas marked late (LATE in the file names) was "
                                "not charged"),
            std::string::npos)
      << outcome.output;
  EXPECT_NE(outcome.output.find("late, not charged: kowalskianna_48266"), std::string::npos)
      << outcome.output;
  EXPECT_NE(outcome.output.find("Most failed checks"), std::string::npos) << outcome.output;
  EXPECT_TRUE(fs::exists(out / "summary.csv"));
}

TEST(GradeBatch, AnAmbiguousOrUnknownCanvasColumnStopsBeforeGrading) {
  fs::path out = fresh_dir("canvas-column") / "out";
  Outcome outcome =
      run_grade("--batch " + (kSource / "samples" / "class").string() + " --out " + out.string() +
                " --canvas-gradebook " + (kSource / "samples" / "gradebook.csv").string() +
                " --canvas-assignment 'Coursework 9'");
  EXPECT_NE(outcome.exit_code, 0);
  EXPECT_NE(outcome.output.find("Coursework 3 (12345)"), std::string::npos) << outcome.output;
  EXPECT_FALSE(fs::exists(out)) << "nothing should be graded";
}

// Another course's gradebook (its students' IDs are not this class's): one message, before
// anything is graded, and no import.
TEST(GradeBatch, AForeignGradebookStopsBeforeGradingWithOneMessage) {
  fs::path dir = fresh_dir("foreign-gradebook");
  std::ofstream(dir / "other-course.csv")
      << "Student,ID,SIS User ID,SIS Login ID,Section,Coursework 3 (77345)\n"
         "    Points Possible,,,,,100.00\n"
         "\"Lind, Erik\",91001,s9100001,elind,PHYS1001,\n"
         "\"Moreau, Claire\",91002,s9100002,cmoreau,PHYS1001,\n";
  Outcome outcome = run_grade("--batch " + (kSource / "samples" / "class").string() + " --out " +
                              (dir / "out").string() + " --canvas-gradebook " +
                              (dir / "other-course.csv").string());
  EXPECT_EQ(outcome.exit_code, 2) << outcome.output;
  EXPECT_NE(outcome.output.find("10 of the 10 submissions match no student in"), std::string::npos)
      << outcome.output;
  EXPECT_NE(outcome.output.find("another course's gradebook. No Canvas import was written."),
            std::string::npos)
      << outcome.output;
  EXPECT_EQ(outcome.output.find("Grading "), std::string::npos) << outcome.output;
  EXPECT_FALSE(fs::exists(dir / "out" / "canvas-import.csv"));
}

// A gradebook exported with semicolons (a spreadsheet with a decimal comma): canvas-changes.csv
// beside it is semicolon-separated too.
TEST(GradeBatch, TheChangesFileBesideASemicolonExportUsesSemicolons) {
  fs::path dir = fresh_dir("semicolons");
  std::ofstream(dir / "gradebook.csv")
      << "Student;ID;SIS User ID;SIS Login ID;Section;Coursework 3 (12345)\n"
         "    Points Possible;;;;;100,00\n"
         "\"Okafor, Chidi\";48213;s2104417;cokafor;COMP2011 Lab A;12,50\n"
         "\"Nguyen, Linh\";48227;s2104433;lnguyen;COMP2011 Lab A;\n";
  fs::create_directories(dir / "class");
  for (const auto& entry : fs::directory_iterator(kSource / "samples" / "class")) {
    const std::string name = entry.path().filename().string();
    if (name.rfind("okaforchidi_", 0) == 0 || name.rfind("nguyenlinh_", 0) == 0) {
      fs::copy_file(entry.path(), dir / "class" / name);
    }
  }
  Outcome outcome =
      run_grade("--batch " + (dir / "class").string() + " --out " + (dir / "out").string() +
                " --canvas-gradebook " + (dir / "gradebook.csv").string());
  ASSERT_EQ(outcome.exit_code, 0) << outcome.output;
  std::ifstream in(dir / "out" / "canvas-changes.csv");
  std::string header, row;
  std::getline(in, header);
  std::getline(in, row);
  EXPECT_EQ(header, "Student;ID;In Canvas now;After import");
  EXPECT_EQ(row.rfind("Okafor, Chidi;48213;12,50;", 0), 0u) << row;
}

// --canvas-missing zero would give every student of an anonymous download a 0: refused, once.
TEST(GradeBatch, ZeroForMissingIsRefusedWithAnAnonymousDownload) {
  fs::path dir = fresh_dir("anonymous-zero");
  fs::create_directories(dir / "download" / "Zx9Kq");
  copy_submission(kSource / "reference", dir / "download" / "Zx9Kq");
  std::ofstream(dir / "download" / "anon_Pq4Rt_70013_layers.cpp") << "// code\n";
  for (const std::string& download : {"download", "download/Zx9Kq/.."}) {
    Outcome outcome =
        run_grade("--batch " + (dir / download).string() + " --out " + (dir / "out").string() +
                  " --canvas-gradebook " + (kSource / "samples" / "gradebook.csv").string() +
                  " --canvas-missing zero");
    EXPECT_EQ(outcome.exit_code, 2) << outcome.output;
    EXPECT_NE(outcome.output.find("--canvas-missing zero is refused with an anonymous-grading "
                                  "download: its 1 file (named anon_<id>_...)"),
              std::string::npos)
        << outcome.output;
    EXPECT_FALSE(fs::exists(dir / "out" / "canvas-import.csv"));
  }
  fs::remove_all(dir / "download" / "Zx9Kq");
  std::ofstream(dir / "download" / "anon_Pq4Rt_70014_model.cpp") << "// code\n";
  Outcome only_anonymous = run_grade("--batch " + (dir / "download").string() + " --out " +
                                     (dir / "out").string() + " --canvas-missing zero");
  EXPECT_EQ(only_anonymous.exit_code, 2) << only_anonymous.output;
  EXPECT_NE(only_anonymous.output.find("--canvas-missing zero is refused"), std::string::npos)
      << only_anonymous.output;
}

// An anonymous-grading download: Canvas names each file "[LATE_]anon_<anonymous id>_<attachment
// id>_<name>" (instructure/canvas-lms lib/content_zipper.rb, get_filename), so no file says whose
// it is. One message says how to grade them, not one line per file.
TEST(GradeBatch, AnAnonymousGradingDownloadGetsOneMessageSayingHowToGradeIt) {
  fs::path dir = fresh_dir("anonymous");
  fs::create_directories(dir / "download");
  for (const char* name : {"anon_Zx9Kq_70011_layers.cpp", "anon_Zx9Kq_70012_model.cpp",
                           "LATE_anon_Pq4Rt_70013_layers.cpp"}) {
    std::ofstream(dir / "download" / name) << "// code\n";
  }
  Outcome outcome =
      run_grade("--batch " + (dir / "download").string() + " --out " + (dir / "out").string());
  EXPECT_NE(outcome.exit_code, 0);
  EXPECT_NE(outcome.output.find("3 files from an anonymous-grading download"), std::string::npos)
      << outcome.output;
  EXPECT_NE(outcome.output.find("folder named <id>"), std::string::npos) << outcome.output;
  EXPECT_EQ(outcome.output.find("not part of any submission"), std::string::npos) << outcome.output;
}

// A student's exception message with bytes that are not UTF-8 still gives a readable result.
TEST(GradeLocal, AnExceptionMessageThatIsNotUtf8IsReportedNotFatal) {
  fs::path dir = fresh_dir("not-utf8");
  copy_submission(kSource / "reference", dir / "sub");
  std::ifstream in(kSource / "reference" / "layers.cpp");
  std::stringstream layers;
  layers << in.rdbuf();
  std::string text = layers.str();
  const std::string from = "Matrix ReLU::forward(const Matrix& X) {";
  ASSERT_NE(text.find(from), std::string::npos);
  text.replace(text.find(from), from.size(),
               from + "\n  throw std::runtime_error(\"bad bytes: \\xff\\xfe\");");
  std::ofstream(dir / "sub" / "layers.cpp") << "#include <stdexcept>\n" << text;
  Outcome outcome = run_grade("--local " + (dir / "sub").string() + " --only relu.forward --json " +
                              (dir / "r.json").string());
  ASSERT_EQ(outcome.exit_code, 1) << outcome.output;
  json result = read_json(dir / "r.json");
  for (const json& check : result["checks"]) {
    if (check["id"] != "relu.forward") continue;
    EXPECT_EQ(check["status"], "error") << check["output"];
    EXPECT_NE(check["output"].get<std::string>().find("bad bytes"), std::string::npos);
  }
}

TEST(GradeLocal, WithoutAFolderGradesTheCurrentOne) {
  fs::path dir = fresh_dir("cwd");
  copy_submission(kSource / "reference", dir / "my-work");
  for (std::string mode : {"--local", ""}) {
    Outcome outcome =
        run_grade(mode + " --only relu.kink --json " + (dir / "r.json").string(), dir / "my-work");
    ASSERT_EQ(outcome.exit_code, 0) << mode << ": " << outcome.output;
    json result = read_json(dir / "r.json");
    EXPECT_EQ(result["submission"], "my-work") << mode;
    EXPECT_EQ(result["status"], "graded") << mode;
  }
}

// As a test runner's: 0 when every check that ran passed, 1 when the student's code fails one or
// does not build, 2 when the grader could not do its job; --help says so.
TEST(GradeExitStatus, IsZeroOnlyWhenEveryCheckRunPassed) {
  EXPECT_EQ(
      run_grade("--local " + (kSource / "reference").string() + " --only relu.kink").exit_code, 0);
  EXPECT_EQ(run_grade("--local " + (kSource / "student_template").string() + " --only relu.kink")
                .exit_code,
            1);
}

TEST(GradeExitStatus, IsOneWhenTheBuildFailsOrAFileIsMissing) {
  fs::path dir = fresh_dir("exit-build");
  copy_submission(kSource / "reference", dir / "broken");
  std::ofstream(dir / "broken" / "losses.cpp", std::ios::app) << "this is not C++\n";
  Outcome broken = run_grade("--local " + (dir / "broken").string());
  EXPECT_EQ(broken.exit_code, 1) << broken.output;
  copy_submission(kSource / "reference", dir / "missing");
  fs::remove(dir / "missing" / "model.cpp");
  Outcome missing = run_grade("--local " + (dir / "missing").string());
  EXPECT_EQ(missing.exit_code, 1) << missing.output;
}

TEST(GradeExitStatus, IsTwoForTheGradersOwnErrorsAndHelpSaysSo) {
  Outcome bad_flag = run_grade("--local --no-such-flag");
  EXPECT_EQ(bad_flag.exit_code, 2) << bad_flag.output;
  Outcome unknown_check =
      run_grade("--local " + (kSource / "reference").string() + " --only no.such.check");
  EXPECT_EQ(unknown_check.exit_code, 2) << unknown_check.output;
  fs::path alone = fresh_dir("exit-install") / "bin";  // grade without its harness beside it
  fs::create_directories(alone);
  fs::copy_file(GRADE_BINARY, alone / "grade");
  const std::string uninstalled =
      (alone / "grade").string() + " --local " + (kSource / "reference").string() + " 2>/dev/null";
  const int status = std::system(uninstalled.c_str());
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 2) << status;
  Outcome help = run_grade("--help");
  EXPECT_NE(help.output.find("--version"), std::string::npos) << help.output;
  EXPECT_EQ(help.exit_code, 0);
  EXPECT_NE(help.output.find("Exit status:"), std::string::npos) << help.output;
  EXPECT_NE(help.output.find("1: a check failed"), std::string::npos) << help.output;
}

// Students and TAs quote it in bug reports: CMake's project version.
TEST(GradeVersion, PrintsTheProjectsVersion) {
  const Outcome version = run_grade("--version");
  EXPECT_EQ(version.exit_code, 0) << version.output;
  EXPECT_EQ(version.output, std::string("grade ") + NN_GRADE_VERSION + "\n");
}

}  // namespace nn_grade
