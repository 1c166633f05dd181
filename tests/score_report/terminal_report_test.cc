#include "report/terminal_report.h"

#include <algorithm>
#include <sstream>

#include <gtest/gtest.h>

#include "fixtures.h"
#include "score/score.h"
#include "util/text_columns.h"

namespace nn_grade {

namespace {

std::string render(const protocol::SubmissionResult& result, report::TerminalStyle style = {}) {
  std::ostringstream out;
  report::print_local_report(out, result, fixtures::cw3(), style);
  return out.str();
}

bool visible(const score::RubricCheck& check) {
  return protocol::visible_to_student(check.visibility);
}

// As `grade --local` sees it: narrowed to the checks a student may see.
protocol::SubmissionResult local_sample() {
  protocol::SubmissionResult result = fixtures::scored_sample();
  score::narrow_to_selected(fixtures::cw3(), visible, result);
  return result;
}

TEST(TerminalReportTest, ShowsGroupsMarksPointsAndTheFailingOutputIndented) {
  const std::string text = render(local_sample());
  EXPECT_TRUE(fixtures::contains(text, "Coursework 3: Backpropagation: alice"));
  for (const char* group :
       {"Linear", "ReLU", "Sigmoid", "Cross-entropy", "MLP", "SGD", "Training"}) {
    EXPECT_TRUE(fixtures::contains(text, std::string("\n") + group + " ")) << group;
  }
  EXPECT_TRUE(fixtures::contains(text, "  ✓ Linear: forward computes X W + b"));
  EXPECT_TRUE(fixtures::contains(text, "  ✗ Linear: grad_W matches finite differences"));
  EXPECT_TRUE(
      fixtures::contains(text, " 0/6\n      grad_W[2,1]: yours 0.51, finite differences 0.255"));
  EXPECT_TRUE(fixtures::contains(text, "      grad_W is exactly 2 times the right value."));
  EXPECT_TRUE(fixtures::contains(text, "ReLU: the gradient at exactly 0 is 0"));
  EXPECT_TRUE(fixtures::contains(text, " 1/2\n"));
  EXPECT_TRUE(fixtures::contains(text, "Training: an MLP learns a 3-class spiral (timed out)"));
}

TEST(TerminalReportTest, CountsHiddenChecksWithoutShowingThem) {
  const std::string text = render(local_sample());
  EXPECT_TRUE(fixtures::lacks(text, "MLP (large)"));
  EXPECT_TRUE(
      fixtures::contains(text, "1 more check (2 points) is graded after the deadline, not here."));
  EXPECT_TRUE(fixtures::contains(text, "Total: 85/98 for the 28 checks run here, of 100 points"));
  EXPECT_TRUE(fixtures::contains(text,
                                 "Seed 12345. Rerun one check: grade --local --only "
                                 "linear.backward.weight --seed 12345"));
}

TEST(TerminalReportTest, HiddenResultsStayHiddenEvenWhenTheyRan) {
  const std::string text = render(fixtures::scored_sample());
  EXPECT_TRUE(fixtures::lacks(text, "MLP (large)"));
  EXPECT_TRUE(fixtures::lacks(text, "mlp.gradcheck.fast"));
}

TEST(TerminalReportTest, OnlySaysWhatItLeftOutAndTheTotalOfWhatRan) {
  protocol::SubmissionResult result = fixtures::scored_sample();
  score::narrow_to_selected(
      fixtures::cw3(), [](const score::RubricCheck& check) { return check.id == "relu.kink"; },
      result);
  const std::string text = render(result);
  EXPECT_TRUE(fixtures::contains(text, "Total: 1/2 for the 1 check run here, of 100 points"));
  EXPECT_TRUE(fixtures::contains(text, "27 checks (96 points) left out by --only."));
  EXPECT_TRUE(fixtures::contains(text, "1 more check (2 points) is graded after the deadline"));
}

// After the deadline, feedback says to reproduce a hidden check with --only: that shows it.
TEST(TerminalReportTest, AHiddenCheckAskedForByOnlyIsShown) {
  protocol::SubmissionResult result = fixtures::scored_sample();
  score::narrow_to_selected(
      fixtures::cw3(),
      [](const score::RubricCheck& check) { return check.id == "mlp.gradcheck.fast"; }, result);
  const std::string text = render(result);
  EXPECT_TRUE(fixtures::contains(text, "MLP (large)")) << text;
  EXPECT_TRUE(fixtures::contains(text, "Total: 2/2 for the 1 check run here")) << text;
}

TEST(TerminalReportTest, ABuildFailureCountsOnlyWhatWouldHaveRun) {
  protocol::SubmissionResult result;
  result.status = protocol::SubmissionStatus::kBuildFailed;
  result.build_log = "layers.cpp:12:5: error: 'grad_w' was not declared in this scope";
  score::apply(fixtures::cw3(), result);
  score::narrow_to_selected(fixtures::cw3(), visible, result);
  EXPECT_TRUE(fixtures::contains(
      render(result), "Total: 0/98 for the 28 checks that would have run, of 100 points"));
}

TEST(TerminalReportTest, AsciiMarksAndColourOnlyWhenAsked) {
  report::TerminalStyle plain;
  plain.unicode = false;
  const std::string ascii = render(local_sample(), plain);
  EXPECT_TRUE(fixtures::contains(ascii, "  PASS Linear: forward"));
  EXPECT_TRUE(fixtures::contains(ascii, "  FAIL Linear: grad_W"));
  EXPECT_TRUE(fixtures::lacks(ascii, "\033["));
  report::TerminalStyle colour;
  colour.color = true;
  EXPECT_TRUE(fixtures::contains(render(local_sample(), colour), "\033[31m✗\033[0m"));
}

TEST(TerminalReportTest, PointsEndAtTheTerminalsWidth) {
  report::TerminalStyle style;
  style.width = 90;
  std::istringstream lines(render(local_sample(), style));
  std::string line;
  int checked = 0;
  while (std::getline(lines, line)) {
    if (line.rfind("  ✓ ", 0) != 0) continue;
    EXPECT_EQ(line.size() - 2, 90u) << line;  // ✓ is 3 bytes, 1 column
    ++checked;
  }
  EXPECT_GT(checked, 20);
}

TEST(TerminalReportTest, BuildFailureShowsTheCompilerAndWhatToDo) {
  protocol::SubmissionResult result;
  result.submission = "bob";
  result.status = protocol::SubmissionStatus::kBuildFailed;
  result.seed = 12345;
  result.build_log = "layers.cpp:12:5: error: 'grad_w' was not declared in this scope";
  score::apply(fixtures::cw3(), result);
  const std::string text = render(result);
  EXPECT_TRUE(fixtures::contains(text, "Your code did not build"));
  EXPECT_TRUE(fixtures::contains(text, "Fix the first error"));
  EXPECT_TRUE(fixtures::contains(text, "      layers.cpp:12:5: error: 'grad_w' was not declared"));
  EXPECT_TRUE(fixtures::contains(text, "Total: 0/100"));
  EXPECT_TRUE(fixtures::lacks(text, "Linear: forward"));
}

TEST(TerminalReportTest, MissingFilesNamesThem) {
  protocol::SubmissionResult result;
  result.submission = "carol";
  result.status = protocol::SubmissionStatus::kMissingFiles;
  result.missing_files = {"model.cpp", "losses.cpp"};
  score::apply(fixtures::cw3(), result);
  EXPECT_TRUE(fixtures::contains(render(result), "Missing: model.cpp, losses.cpp."));
}

TEST(TerminalReportTest, CrashAndGraderErrorAreSaidPlainly) {
  protocol::SubmissionResult result = fixtures::all_passed(fixtures::cw3());
  fixtures::check(result, "sgd.momentum").status = protocol::CheckStatus::kCrashed;
  fixtures::check(result, "sgd.momentum").output = "Killed by signal 11 (segmentation fault).";
  fixtures::check(result, "sgd.step").status = protocol::CheckStatus::kGraderError;
  score::apply(fixtures::cw3(), result);
  const std::string text = render(result);
  EXPECT_TRUE(fixtures::contains(text, "SGD: several steps with momentum (crashed)"));
  EXPECT_TRUE(fixtures::contains(text, "      Killed by signal 11 (segmentation fault)."));
  EXPECT_TRUE(fixtures::contains(text, "(grader error (not your fault))"));
  EXPECT_TRUE(fixtures::contains(text, "Not your fault"));
}

TEST(TerminalReportTest, LongOutputIsCut) {
  protocol::SubmissionResult result = fixtures::all_passed(fixtures::cw3());
  std::string output;
  for (int i = 0; i < 40; ++i) output += "line " + std::to_string(i) + "\n";
  fixtures::check(result, "ce.forward").status = protocol::CheckStatus::kFailed;
  fixtures::check(result, "ce.forward").output = output;
  score::apply(fixtures::cw3(), result);
  const std::string text = render(result);
  EXPECT_TRUE(fixtures::contains(text, "      line 14\n      ... (25 more lines)\n"));
  EXPECT_TRUE(fixtures::lacks(text, "line 15\n"));
}

}  // namespace

namespace {
TEST(TerminalReportTest, OnATerminalLongLinesWrapAndCommandsStillRunWhenCopied) {
  protocol::SubmissionResult result = local_sample();
  protocol::CheckResult& weight = fixtures::check(result, "linear.backward.weight");
  weight.output = std::string(30, 'x') + " " + std::string(30, 'y') + " " + std::string(30, 'z');
  weight.reproduce =
      "grade --local --only linear.backward.weight --seed 12345 --and more words to make it long";
  report::TerminalStyle style;
  style.width = 50;
  style.wrap = true;
  const std::string text = render(result, style);
  EXPECT_TRUE(fixtures::contains(
      text, "      " + std::string(30, 'x') + "\n        " + std::string(30, 'y') + "\n"));
  // A command too long for the line: cut at spaces, each piece but the last ending in " \\".
  EXPECT_TRUE(fixtures::contains(text,
                                 "      Reproduce:\n"
                                 "      grade --local --only \\\n"
                                 "        linear.backward.weight --seed 12345 \\\n"
                                 "        --and more words to make it long\n"))
      << text;

  style.wrap = false;
  const std::string kept = render(result, style);
  EXPECT_TRUE(fixtures::contains(kept, std::string(30, 'x') + " " + std::string(30, 'y')));
  EXPECT_TRUE(fixtures::contains(kept, "      Reproduce: " + weight.reproduce + "\n"));
}

// A long title wraps under itself, its points at the right of its last line.
TEST(TerminalReportTest, ALongTitleWrapsWithItsPointsOnItsLastLine) {
  protocol::SubmissionResult result = local_sample();
  fixtures::check(result, "linear.backward.weight").name =
      "Linear: grad_W matches finite differences, with a title long enough to need two lines";
  report::TerminalStyle style;
  style.width = 60;
  style.wrap = true;
  const std::string text = render(result, style);
  EXPECT_TRUE(fixtures::contains(text,
                                 "  ✗ Linear: grad_W matches finite differences, with a\n"
                                 "    title long enough to need two lines                  0/6\n"))
      << text;
}

// A warning in a function a failing check runs is shown beside that failure; `grade --local`
// lists the others, except -Wsign-compare, which matters only beside a failure.
TEST(TerminalReportTest, CompilerWarningsAreShownBesideTheFailureOfTheirPart) {
  protocol::SubmissionResult result = local_sample();
  result.warnings = {
      {"layers.cpp", 24, "Linear::backward",
       "suggest parentheses around assignment used as truth value", "-Wparentheses"},
      {"optimizer.cpp", 9, "SGD::step",
       "comparison of unsigned expression in '>= 0' is always true", "-Wtype-limits"},
      {"losses.cpp", 12, "CrossEntropyLoss::forward",
       "comparison of integer expressions of different signedness: 'int' and 'size_t'",
       "-Wsign-compare"}};
  const std::string text = render(result);
  EXPECT_TRUE(fixtures::contains(
      text,
      "      The compiler warns at layers.cpp:24, in Linear::backward: suggest parentheses around "
      "assignment used as truth value.\n      Reproduce: grade --local --only "
      "linear.backward.weight"))
      << text;
  // Training runs every part: beside its failure too, but for -Wsign-compare.
  EXPECT_TRUE(fixtures::contains(text,
                                 "      Stopped after 10 s (the limit).\n"
                                 "      The compiler warns at layers.cpp:24, in Linear::backward: "
                                 "suggest parentheses around assignment used as truth value.\n"
                                 "      The compiler warns at optimizer.cpp:9, in SGD::step: "
                                 "comparison of unsigned expression in '>= 0' is always true.\n"
                                 "      Reproduce: grade --local --only train.spiral"))
      << text;
  EXPECT_TRUE(fixtures::lacks(text, "signedness")) << text;           // ce passes in this sample
  EXPECT_TRUE(fixtures::lacks(text, "Compiler warnings (")) << text;  // each shown already
}

// Warnings change nothing but the text: with every check passed, --local still lists them.
TEST(TerminalReportTest, WarningsAreListedWhenEverythingPasses) {
  protocol::SubmissionResult result = fixtures::all_passed(fixtures::cw3());
  result.warnings = {{"layers.cpp", 50, "Sigmoid::forward",
                      "no return statement in function returning non-void", "-Wreturn-type"}};
  const std::string text = render(result);
  EXPECT_TRUE(fixtures::contains(text,
                                 "The compiler warns at layers.cpp:50, in Sigmoid::forward: "
                                 "no return statement in function returning non-void."))
      << text;
  EXPECT_TRUE(fixtures::contains(text, "Every check shown passes.")) << text;
}
}  // namespace

namespace {
TEST(TerminalReportTest, TheGradersOwnBuildFailureIsNotTheStudents) {
  protocol::SubmissionResult result = local_sample();
  result.status = protocol::SubmissionStatus::kGraderError;
  result.build_log = "The compiler failed without pointing at layers.cpp:\nc++: fatal error\n";
  const std::string text = render(result);
  EXPECT_TRUE(fixtures::contains(text, "through no fault of yours")) << text;
  EXPECT_TRUE(fixtures::contains(text, "      c++: fatal error")) << text;
  EXPECT_FALSE(fixtures::contains(text, "Every check shown passes")) << text;
}
}  // namespace

namespace {
// train.spiral failed with a picture, linear.forward passed with its relative error.
protocol::SubmissionResult with_picture(protocol::CheckStatus spiral_status) {
  protocol::SubmissionResult result = fixtures::all_passed(fixtures::cw3());
  protocol::CheckResult& spiral = fixtures::check(result, "train.spiral");
  spiral.status = spiral_status;
  spiral.fraction = spiral_status == protocol::CheckStatus::kPassed ? 1.0 : 0.0;
  spiral.output = "The loss went from 1.1 to 0.1 in 5 epochs.";
  spiral.training = fixtures::small_picture();
  fixtures::check(result, "linear.forward").output =
      "forward(X) matches expected: max relative error 1.2e-16; the largest error is under 0.1% "
      "of the tolerance (atol 1e-09, rtol 1e-07).";
  score::apply(fixtures::cw3(), result);
  return result;
}

TEST(TerminalReportTest, AFailedTrainingShowsItsPictureWhole) {
  report::TerminalStyle style;
  style.max_output_lines = 2;  // the output's limit is not the picture's
  const std::string text = render(with_picture(protocol::CheckStatus::kFailed), style);
  EXPECT_TRUE(fixtures::contains(text,
                                 "      The loss went from 1.1 to 0.1 in 5 epochs.\n"
                                 "      Loss your code returned, 5 epochs: 1.1 █▆▄▂▁ 0.1\n"));
  EXPECT_TRUE(fixtures::contains(text, "      |0a1b1c|\n      |aabbcc|\n      |aabbc2|\n"));
  EXPECT_TRUE(fixtures::contains(text, "      a b c: where your network predicts class 0 1 2;"));
  EXPECT_TRUE(fixtures::contains(text, "      Reproduce: grade --local --only train.spiral"));
  EXPECT_TRUE(fixtures::lacks(text, "max relative error"));  // passes say nothing without -v

  report::TerminalStyle ascii = style;
  ascii.unicode = false;
  EXPECT_TRUE(fixtures::contains(render(with_picture(protocol::CheckStatus::kFailed), ascii),
                                 "      Loss your code returned, 5 epochs: 1.1 #+:._ 0.1\n"));
}

TEST(TerminalReportTest, APassShowsItsFiguresAndPictureOnlyWhenVerbose) {
  const protocol::SubmissionResult passed = with_picture(protocol::CheckStatus::kPassed);
  const std::string quiet = render(passed);
  EXPECT_TRUE(fixtures::lacks(quiet, "Loss your code returned, 5 epochs"));
  EXPECT_TRUE(fixtures::lacks(quiet, "max relative error"));
  report::TerminalStyle style;
  style.verbose = true;
  const std::string verbose = render(passed, style);
  EXPECT_TRUE(fixtures::contains(verbose, "  ✓ Linear: forward computes X W + b"));
  EXPECT_TRUE(fixtures::contains(
      verbose, "\n      forward(X) matches expected: max relative error 1.2e-16;"));
  EXPECT_TRUE(
      fixtures::contains(verbose, "      Loss your code returned, 5 epochs: 1.1 █▆▄▂▁ 0.1\n"));
  EXPECT_TRUE(fixtures::contains(verbose, "      |aabbc2|\n"));
  EXPECT_TRUE(fixtures::lacks(verbose, "Reproduce:"));  // nothing to reproduce in a pass
}

// Every line a student's terminal shows fits it: titles, output, the picture's sentences, the
// commands and the footer; only a word longer than a line (the map's rows) is left whole.
TEST(TerminalReportTest, OnATerminalEveryLineFitsItsWidth) {
  protocol::SubmissionResult result = with_picture(protocol::CheckStatus::kFailed);
  fixtures::check(result, "linear.backward.weight").name =
      "Linear: grad_W matches finite differences, with a title long enough to need two lines";
  result.containment = protocol::Containment::kRlimits;  // its note is a long sentence
  for (const int width : {32, 44, 60, 80}) {
    report::TerminalStyle style;
    style.width = width;
    style.wrap = true;
    std::istringstream lines(render(result, style));
    int checked = 0;
    for (std::string line; std::getline(lines, line); ++checked) {
      const bool one_word = line.find(' ', line.find_first_not_of(' ')) == std::string::npos;
      EXPECT_TRUE(one_word || util::text_columns(line) <= static_cast<size_t>(width))
          << width << ": " << line;
    }
    EXPECT_GT(checked, 40);
  }
}

// LANG=C: a terminal that cannot show UTF-8 gets no byte of it.
TEST(TerminalReportTest, TheAsciiStyleWritesOnlyAscii) {
  report::TerminalStyle ascii;
  ascii.unicode = false;
  for (const protocol::SubmissionResult& result :
       {local_sample(), with_picture(protocol::CheckStatus::kFailed)}) {
    const std::string text = render(result, ascii);
    EXPECT_TRUE(std::all_of(text.begin(), text.end(), [](char c) {
      return static_cast<unsigned char>(c) < 0x80;
    })) << text;
  }
}

}  // namespace

}  // namespace nn_grade
