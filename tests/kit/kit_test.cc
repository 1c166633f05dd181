// The student kit (docs/student-kit.md), as an instructor hands it out: build/kit/ holds one
// .deb and the handout, cw3/. It must hold no part of the answers, declare what `grade` needs to
// build a submission, and, unpacked anywhere, grade on its own.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "answer_lines.h"
#include "protocol/catalog.h"
#include "protocol/submission_files.h"
#include "run_shell.h"
#include "score/rubric.h"

namespace nn_grade {

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

const fs::path kSource = SOURCE_DIR;
const fs::path kKit = KIT_DIR;

using testing_shell::Outcome;

// Runs `command`; its output is stdout and stderr together.
Outcome run(const std::string& command) { return testing_shell::run_shell(command + " 2>&1"); }

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

std::vector<fs::path> files_under(const fs::path& root) {
  std::vector<fs::path> files;
  for (const auto& entry : fs::recursive_directory_iterator(root)) {
    if (entry.is_regular_file() && !entry.is_symlink()) files.push_back(entry.path());
  }
  return files;
}

// The kit's one package, unpacked as apt would install it, but under a temporary root.
class KitTest : public testing::Test {
 protected:
  void SetUp() override {
    for (const auto& entry : fs::directory_iterator(kKit)) {
      if (entry.path().extension() == ".deb") debs_.push_back(entry.path());
    }
    ASSERT_EQ(debs_.size(), 1u) << "build/kit/ must hold exactly one .deb";
    root_ = fs::temp_directory_path() / ("kit-test-" + std::to_string(getpid()));
    fs::remove_all(root_);
    fs::create_directories(root_ / "root");
    Outcome unpacked =
        run("dpkg-deb -x '" + deb().string() + "' '" + (root_ / "root").string() + "'");
    ASSERT_EQ(unpacked.exit_code, 0) << unpacked.output;
  }
  void TearDown() override { fs::remove_all(root_); }

  const fs::path& deb() const { return debs_.front(); }
  fs::path unpacked() const { return root_ / "root"; }
  // Every file a student receives: the package's and the handout's.
  std::vector<fs::path> kit_files() const {
    std::vector<fs::path> files = files_under(unpacked());
    for (const fs::path& file : files_under(kKit / "cw3")) files.push_back(file);
    return files;
  }

  std::vector<fs::path> debs_;
  fs::path root_;
};

// What students may have anyway: the handout's sources.
std::vector<fs::path> public_files() {
  std::vector<fs::path> files = files_under(kSource / "student_template");
  for (const fs::path& file : files_under(kSource / "include")) files.push_back(file);
  return files;
}

std::vector<fs::path> answer_files() {
  std::vector<fs::path> files = files_under(kSource / "reference");
  for (const fs::path& file : files_under(kSource / "tests" / "corpus")) files.push_back(file);
  return files;
}

// Lines of code in the answers' .cpp files that no public file holds, even within a longer line
// ("throw std::logic_error(" of a statement over two lines is the template's too).
kit::AnswerFinder answer_finder() {
  std::set<std::string> answers;
  for (const fs::path& file : answer_files()) {
    if (file.extension() == ".cpp") answers.merge(kit::code_lines(file));
  }
  const kit::AnswerFinder candidates(answers);
  for (const fs::path& file : public_files()) {
    for (const std::string& line : candidates.find_in(read_file(file), answers.size())) {
      answers.erase(line);
    }
  }
  return kit::AnswerFinder(answers);
}

// The checks of checks.def that none of the course's rubrics shows students, and what would
// betray each in a file: its id, function name and title; its parameters (defaults, and the
// rubrics' values) as checks.def, JSON or a message writes them, where no shown check has the
// same; the names of its parameters that no shown check has. A number alone ("16") is not
// looked for: every binary holds such bytes.
struct Withheld {
  std::string id;
  std::set<std::string> names;   // id, function, title, parameter names
  std::set<std::string> values;  // parameter values, as written
};

std::vector<Withheld> withheld_checks() {
  std::set<std::string> shown_ids, shown_keys, shown_pairs, shown_values;
  std::map<std::string, std::vector<nlohmann::json>> params;  // withheld candidates' parameters
  for (const protocol::CheckInfo& check : protocol::all_checks())
    params[check.id] = {check.defaults};
  for (const auto& entry : fs::directory_iterator(kSource / "rubrics")) {
    for (const score::RubricCheck& check : score::load_rubric(entry.path()).checks) {
      params[check.id].push_back(check.params);
      if (check.visibility == protocol::Visibility::kVisible) shown_ids.insert(check.id);
    }
  }
  const auto pair_text = [](const std::string& key, const json& value) {
    return key + "=" + value.dump();
  };
  for (const std::string& id : shown_ids) {
    for (const json& values : params[id]) {
      for (const auto& [key, value] : values.items()) {
        shown_keys.insert(key);
        shown_pairs.insert(pair_text(key, value));
        shown_values.insert(value.dump());
      }
    }
  }
  std::vector<Withheld> withheld;
  for (const protocol::CheckInfo& check : protocol::all_checks()) {
    if (shown_ids.count(check.id)) continue;
    Withheld w{check.id, {check.id, check.symbol, check.title}, {}};
    for (const json& values : params[check.id]) {
      for (const auto& [key, value] : values.items()) {
        if (!shown_keys.count(key)) w.names.insert(key);
        if (shown_pairs.count(pair_text(key, value))) continue;
        w.values.insert("\"" + key + "\": " + value.dump());  // checks.def
        w.values.insert("\"" + key + "\":" + value.dump());   // JSON
        if (value.is_array() && !shown_values.count(value.dump())) {
          std::string spaced;  // "32, 128, 128, 10": checks.def's and a message's
          for (const json& item : value) spaced += (spaced.empty() ? "" : ", ") + item.dump();
          w.values.insert(value.dump());
          w.values.insert(spaced);
        }
      }
    }
    withheld.push_back(std::move(w));
  }
  return withheld;
}

}  // namespace

TEST_F(KitTest, InstallsGradeWithItsHarnessHeadersAndRubric) {
  for (const char* path :
       {"usr/bin/grade", "usr/lib/nn-grade/nn-checker", "usr/lib/nn-grade/libnn_server.a",
        "usr/share/nn-grade/toolchain.json", "usr/share/nn-grade/include/layers.h",
        "usr/share/nn-grade/include/nn_prelude.h", "usr/share/nn-grade/rubrics/cw3.yaml",
        "usr/share/doc/nn-grade/copyright", "usr/share/doc/nn-grade/changelog.gz",
        "usr/share/man/man1/grade.1.gz"}) {
    EXPECT_TRUE(fs::is_regular_file(unpacked() / path)) << path;
  }
  // The precompiled prelude (over 100 MB) is made by the postinst, on the student's machine.
  EXPECT_FALSE(fs::exists(unpacked() / "usr/share/nn-grade/include/nn_prelude.h.gch"));
  for (const char* name : protocol::kSubmissionFiles) {
    EXPECT_TRUE(fs::is_regular_file(kKit / "cw3" / name)) << name;
  }
}

// The course rubric's checks that students do not see before grades are out are neither listed
// nor described in the kit: its rubric counts them under `withheld`, and --list-checks too.
TEST_F(KitTest, NamesNoCheckThatStudentsDoNotSee) {
  const std::string course = read_file(kSource / "rubrics" / "cw3.yaml");
  const std::string kit = read_file(unpacked() / "usr/share/nn-grade/rubrics/cw3.yaml");
  ASSERT_NE(course.find("mlp.gradcheck.fast"), std::string::npos);  // after_due_date there
  EXPECT_EQ(kit.find("mlp.gradcheck.fast"), std::string::npos) << kit;
  EXPECT_EQ(kit.find("after_due_date"), std::string::npos) << kit;
  EXPECT_NE(kit.find("withheld: {checks: 1, points: 2}"), std::string::npos) << kit;
  EXPECT_NE(kit.find("relu.kink"), std::string::npos) << kit;
  Outcome listed = run((unpacked() / "usr" / "bin" / "grade").string() + " --list-checks");
  EXPECT_EQ(listed.exit_code, 0) << listed.output;
  EXPECT_NE(listed.output.find("1 more check (2 points) is graded after the deadline."),
            std::string::npos)
      << listed.output;
}

// Nor does any of its files, binaries included, hold a withheld check's id, title, parameters or
// code: the kit's grade and checker are built without them. The course's checker, built from
// every check, holds each id, title and parameter name looked for: the search finds them.
TEST_F(KitTest, HoldsNoIdTitleParameterOrCodeOfACheckStudentsDoNotSee) {
  const std::vector<Withheld> withheld = withheld_checks();
  ASSERT_FALSE(withheld.empty())
      << "the course rubric grades mlp.gradcheck.fast after the deadline";
  const std::string course_checker = read_file(COURSE_CHECKER);
  for (const Withheld& check : withheld) {
    for (const std::string& name : check.names) {
      EXPECT_NE(course_checker.find(name), std::string::npos) << name;
    }
  }
  const std::vector<fs::path> files = kit_files();
  ASSERT_GT(files.size(), 15u);
  for (const fs::path& file : files) {
    const std::string content = read_file(file);
    for (const Withheld& check : withheld) {
      for (const std::set<std::string>* needles : {&check.names, &check.values}) {
        for (const std::string& needle : *needles) {
          EXPECT_EQ(content.find(needle), std::string::npos)
              << file.lexically_relative(root_) << " holds \"" << needle << "\" of " << check.id;
        }
      }
    }
  }
}

// Nor does its checker answer a stand-in layer's call (docs/architecture.md, "Stand-ins"): the
// answer is compiled out, its refusals with it, which the course's checker holds.
TEST_F(KitTest, ItsCheckerHasNoAnswerForTheStandInLayers) {
  const std::string answer_text = "Linear::forward was given X of shape";
  EXPECT_NE(read_file(COURSE_CHECKER).find(answer_text), std::string::npos);
  int checkers = 0;
  for (const fs::path& file : kit_files()) {
    if (file.filename() != "nn-checker") continue;
    ++checkers;
    EXPECT_EQ(read_file(file).find(answer_text), std::string::npos) << file;
  }
  EXPECT_EQ(checkers, 1);
}

// A rubric of the student's own cannot run a withheld check: the kit's grade does not know it,
// where the course's grade takes the same rubric.
TEST_F(KitTest, RefusesARubricThatNamesAWithheldCheck) {
  const std::vector<Withheld> withheld = withheld_checks();
  ASSERT_FALSE(withheld.empty());
  const fs::path rubric = root_ / "mine.yaml";
  std::ofstream(rubric) << "name: mine\nseed: 20261128\nchecks:\n  - {id: " << withheld[0].id
                        << ", points: 2, visibility: visible}\n";
  const std::string list = " --list-checks --rubric '" + rubric.string() + "'";
  Outcome course = run(std::string(COURSE_GRADE) + list);
  EXPECT_EQ(course.exit_code, 0) << course.output;
  Outcome kit = run((unpacked() / "usr" / "bin" / "grade").string() + list);
  EXPECT_EQ(kit.exit_code, 2) << kit.output;
  EXPECT_NE(kit.output.find("unknown check \"" + withheld[0].id + "\""), std::string::npos)
      << kit.output;
}

// The postinst precompiles the prelude with the compiler and flags grade compiles with, so the
// compiler takes it (gcc -H marks a precompiled header it uses with "!"); the prerm removes it.
TEST_F(KitTest, PostinstPrecompilesThePreludeThatGradeCompilesWithAndPrermRemovesIt) {
  const fs::path control = root_ / "control";
  Outcome extracted = run("dpkg-deb -e '" + deb().string() + "' '" + control.string() + "'");
  ASSERT_EQ(extracted.exit_code, 0) << extracted.output;
  const std::string in_root = "DPKG_ROOT='" + unpacked().string() + "' sh '";
  Outcome postinst = run(in_root + (control / "postinst").string() + "' configure");
  EXPECT_EQ(postinst.exit_code, 0) << postinst.output;
  const fs::path include = unpacked() / "usr/share/nn-grade/include";
  ASSERT_TRUE(fs::is_regular_file(include / "nn_prelude.h.gch")) << postinst.output;
  EXPECT_EQ(fs::status(include / "nn_prelude.h.gch").permissions() & fs::perms::others_read,
            fs::perms::others_read);

  const json toolchain = json::parse(read_file(unpacked() / "usr/share/nn-grade/toolchain.json"));
  std::string compile = toolchain["compiler"].get<std::string>();
  for (const json& flag : toolchain["flags"]) compile += " '" + flag.get<std::string>() + "'";
  std::ofstream(root_ / "empty.cpp") << "int main() { return 0; }\n";
  compile += " -isystem '" + toolchain["eigen_include"].get<std::string>() + "' -I '" +
             include.string() + "' -include nn_prelude.h -Winvalid-pch -H -fsyntax-only '" +
             (root_ / "empty.cpp").string() + "'";
  Outcome compiled = run(compile);
  EXPECT_EQ(compiled.exit_code, 0) << compiled.output;
  EXPECT_NE(compiled.output.find("! " + (include / "nn_prelude.h.gch").string()), std::string::npos)
      << compiled.output.substr(0, 2000);

  Outcome prerm = run(in_root + (control / "prerm").string() + "' remove");
  EXPECT_EQ(prerm.exit_code, 0) << prerm.output;
  EXPECT_FALSE(fs::exists(include / "nn_prelude.h.gch"));
}

// Debian's own checks of a package find nothing wrong (docs/student-kit.md).
TEST_F(KitTest, PassesLintian) {
  Outcome lintian = run("lintian --fail-on error,warning '" + deb().string() + "'");
  EXPECT_EQ(lintian.exit_code, 0) << lintian.output
                                  << "(tools/install-deps.sh --tests installs lintian)";
}

// apt installs what grade runs to build a student server: the compiler toolchain.json names
// (whose package brings the static C and C++ libraries) and Eigen's headers.
TEST_F(KitTest, DeclaresTheCompilerAndEigenItBuildsSubmissionsWith) {
  const json toolchain = json::parse(read_file(unpacked() / "usr/share/nn-grade/toolchain.json"));
  Outcome owner = run("dpkg -S '" + toolchain["compiler"].get<std::string>() + "'");
  ASSERT_EQ(owner.exit_code, 0) << owner.output;
  const std::string compiler_package = owner.output.substr(0, owner.output.find(':'));

  Outcome depends = run("dpkg-deb -f '" + deb().string() + "' Depends");
  ASSERT_EQ(depends.exit_code, 0) << depends.output;
  EXPECT_NE(depends.output.find(compiler_package + ","), std::string::npos) << depends.output;
  EXPECT_NE(depends.output.find("libeigen3-dev"), std::string::npos) << depends.output;
  EXPECT_NE(depends.output.find("libc6"), std::string::npos) << "shlibdeps: " << depends.output;
  EXPECT_NE(run("dpkg-deb -f '" + deb().string() + "' Recommends").output.find("bubblewrap"),
            std::string::npos);
}

TEST_F(KitTest, HoldsNoFileOfTheReferenceOrTheCorpus) {
  std::set<std::string> allowed;  // an answer file may be a plain copy of a public one
  for (const fs::path& file : public_files()) allowed.insert(read_file(file));
  std::map<std::string, fs::path> answers;
  for (const fs::path& file : answer_files()) {
    std::string content = read_file(file);
    if (!allowed.count(content)) answers.emplace(std::move(content), file);
  }
  ASSERT_GT(answers.size(), 60u);
  const std::vector<fs::path> files = kit_files();
  ASSERT_GT(files.size(), 15u);
  for (const fs::path& file : files) {
    auto same = answers.find(read_file(file));
    EXPECT_TRUE(same == answers.end())
        << file << " is a copy of " << same->second.lexically_relative(kSource);
  }
}

TEST_F(KitTest, HoldsNoLineOfTheAnswersInAnyFileTextOrBinary) {
  const kit::AnswerFinder finder = answer_finder();
  ASSERT_GT(finder.size(), 100u);
  // The search finds what it must: the reference itself, reformatted or inside binary bytes.
  const std::string layers = read_file(kSource / "reference" / "layers.cpp");
  EXPECT_GE(finder.find_in(layers, 100).size(), 5u);
  std::string binary(
      "\x7f"
      "ELF\0\0",
      6);
  binary += "  grad_W  +=  cached_input.transpose()*grad_output;";
  binary += std::string("\0\x01\x02", 3);
  EXPECT_EQ(finder.find_in(binary).size(), 1u);
  for (const char* name : protocol::kSubmissionFiles) {
    EXPECT_TRUE(finder.find_in(read_file(kSource / "student_template" / name)).empty()) << name;
  }

  for (const fs::path& file : kit_files()) {
    const std::vector<std::string> found = finder.find_in(read_file(file));
    std::string lines;
    for (const std::string& line : found) lines += "\n  " + line;
    EXPECT_TRUE(found.empty()) << file << " holds lines of the answers:" << lines;
  }
}

// Unpacked under a root of its own, grade finds its files relative to itself, and grades the
// handout as students receive it, and the handout with the reference's four files: without
// the precompiled prelude, which only the postinst makes.
TEST_F(KitTest, UnpackedAnywhereGradesTheHandoutToZeroAndTheReferenceToFullMarks) {
  const fs::path grade = unpacked() / "usr" / "bin" / "grade";
  const std::string env = "NN_GRADE_CACHE='" + (root_ / "cache").string() + "' ";
  fs::copy(kKit / "cw3", root_ / "template");
  fs::copy(kKit / "cw3", root_ / "answer");
  for (const char* name : protocol::kSubmissionFiles) {
    fs::copy_file(kSource / "reference" / name, root_ / "answer" / name,
                  fs::copy_options::overwrite_existing);
  }

  Outcome on_template = run(env + grade.string() + " --local '" + (root_ / "template").string() +
                            "' --json '" + (root_ / "template.json").string() + "'");
  EXPECT_EQ(on_template.exit_code, 1) << on_template.output;
  const json zero = json::parse(read_file(root_ / "template.json"));
  EXPECT_EQ(zero["status"], "graded");
  EXPECT_EQ(zero["score"], 0.0);
  for (const json& check : zero["checks"]) EXPECT_NE(check["status"], "passed") << check["id"];

  Outcome on_answer = run(env + grade.string() + " --local '" + (root_ / "answer").string() +
                          "' --json '" + (root_ / "answer.json").string() + "'");
  EXPECT_EQ(on_answer.exit_code, 0) << on_answer.output;
  // Every check ran end to end, which --local says, with what the graded run does instead.
  EXPECT_NE(on_answer.output.find("the graded run judges 5 of them (the MLP's) with the grader's "
                                  "own layers and loss"),
            std::string::npos)
      << on_answer.output;
  const json full = json::parse(read_file(root_ / "answer.json"));
  EXPECT_EQ(full["status"], "graded");
  int ran = 0;
  for (const json& check : full["checks"]) {
    if (check["status"] == "skipped") continue;  // hidden: not run by --local
    ++ran;
    EXPECT_EQ(check["status"], "passed") << check["id"] << ": " << check["output"];
    EXPECT_EQ(check["score"], check["max_score"]) << check["id"];
  }
  EXPECT_GT(ran, 20);
  EXPECT_GT(full["score"].get<double>(), 0.0);
  // The kit's rubric withholds the check graded after the deadline: counted, as with the course's.
  EXPECT_EQ(full["score"], full["max_score"]);
  EXPECT_EQ(full["coverage"]["rubric_points"], 100.0);
  EXPECT_EQ(full["coverage"]["hidden_checks"], 1);
  EXPECT_NE(on_answer.output.find("1 more check (2 points) is graded after the deadline"),
            std::string::npos)
      << on_answer.output;
}

}  // namespace nn_grade
