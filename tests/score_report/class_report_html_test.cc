#include "report/report_html.h"

#include <gtest/gtest.h>

#include "fixtures.h"
#include "protocol/mistakes.h"
#include "report/feedback_html.h"
#include "score/score.h"

namespace nn_grade {

namespace {

const std::string kHostile = "<img src=x onerror=alert(1)>\"'&";
const std::string kEscaped = "&lt;img src=x onerror=alert(1)&gt;&quot;&#39;&amp;";

// A class whose every text a submission controls is hostile: key, missing file, diagnosis.
report::ClassReport hostile_class() {
  std::vector<protocol::SubmissionResult> results;
  results.push_back(fixtures::all_passed(fixtures::cw3(), kHostile));
  protocol::CheckResult& weight = fixtures::check(results.back(), "linear.backward.weight");
  weight.status = protocol::CheckStatus::kFailed;
  weight.diagnosis = "</li><script>alert(2)</script>";
  protocol::SubmissionResult missing;
  missing.submission = "</td><script>alert(3)</script>";
  missing.status = protocol::SubmissionStatus::kMissingFiles;
  missing.missing_files = {"<b>layers.cpp</b>"};
  results.push_back(missing);
  for (protocol::SubmissionResult& result : results) score::apply(fixtures::cw3(), result);
  report::ReportSource source;
  source.title = "CW <3";
  source.rubric = "rubrics/<x>.yaml";
  return report::build_class_report(
      results, report::score_changes({results[0]}, {results[1], results[0]}), source);
}

TEST(ClassReportHtmlTest, EscapesEveryTextASubmissionControls) {
  const std::string page = report::class_report_html(hostile_class(), "n0nce");
  EXPECT_TRUE(fixtures::lacks(page, "<img"));
  EXPECT_TRUE(fixtures::lacks(page, "<script>alert"));
  EXPECT_TRUE(fixtures::lacks(page, "<b>layers.cpp"));
  EXPECT_TRUE(fixtures::contains(page, kEscaped));
  EXPECT_TRUE(fixtures::contains(page, "&lt;/li&gt;&lt;script&gt;alert(2)&lt;/script&gt;"));
  EXPECT_TRUE(fixtures::contains(page, "missing &lt;b&gt;layers.cpp&lt;/b&gt;"));
  EXPECT_TRUE(fixtures::contains(page, "<title>CW &lt;3: the class at a glance</title>"));
  // The link to the hostile student's feedback is one folder, percent-encoded.
  EXPECT_TRUE(fixtures::contains(
      page, "href=\"%3Cimg%20src%3Dx%20onerror%3Dalert%281%29%3E%22%27%26/feedback.html\""));
}

TEST(ClassReportHtmlTest, OnlyThePagesOwnStyleAndScriptMayRunAndNothingLoads) {
  const std::string page = report::class_report_html(hostile_class(), "n0nce");
  EXPECT_TRUE(fixtures::contains(page,
                                 "default-src 'none'; style-src 'nonce-n0nce'; "
                                 "script-src 'nonce-n0nce'"));
  EXPECT_TRUE(fixtures::contains(page, "<script nonce=\"n0nce\">"));
  EXPECT_TRUE(fixtures::lacks(page, "http://"));
  EXPECT_TRUE(fixtures::lacks(page, "https://"));
  EXPECT_TRUE(fixtures::lacks(page, "src=\""));
}

TEST(ClassReportHtmlTest, UsesTableMarkupWithScopedHeaders) {
  const std::string page = report::class_report_html(hostile_class(), "n0nce");
  EXPECT_TRUE(fixtures::contains(page, "<table id=\"students\">\n<caption>"));
  EXPECT_TRUE(fixtures::contains(page, "<th scope=\"col\"><button type=\"button\">Student"));
  EXPECT_TRUE(fixtures::contains(page, "<tr id=\"s-0\"><th scope=\"row\">"));
  EXPECT_TRUE(fixtures::contains(page, "role=\"img\" aria-labelledby=\"histogram-title"));
  EXPECT_TRUE(fixtures::contains(page, "@media print"));
}

TEST(ClassReportHtmlTest, ListsChangedScoresBeforeAndNow) {
  const std::string page = report::class_report_html(hostile_class(), "n0nce");
  EXPECT_TRUE(fixtures::contains(page, "Changed since the last run: 1 student</h2>"));
  EXPECT_TRUE(
      fixtures::contains(page, "<td>not graded before</td><td>0 / 100 (missing_files)</td>"));
}

TEST(FeedbackHtmlTest, ShowsTheFeedbackWithWhatTheCodePrintedEscaped) {
  protocol::SubmissionResult result = fixtures::scored_sample();
  result.submission = kHostile;
  fixtures::check(result, "relu.kink").output = "```\n</pre><script>alert(4)</script>";
  const std::string page = report::feedback_html(result, fixtures::cw3());
  EXPECT_TRUE(fixtures::lacks(page, "<script"));
  EXPECT_TRUE(fixtures::lacks(page, "<img"));
  EXPECT_TRUE(fixtures::contains(page, "&lt;/pre&gt;&lt;script&gt;alert(4)&lt;/script&gt;"));
  EXPECT_TRUE(fixtures::contains(page, "<h1>"));
  EXPECT_TRUE(fixtures::contains(page, "<th>Check</th>"));
  EXPECT_TRUE(
      fixtures::contains(page, "<p>Reproduce: grade --local --only relu.kink --seed 12345</p>"));
  EXPECT_TRUE(fixtures::contains(page, "default-src 'none'"));
}

// Emoji show as empty boxes where no emoji font is installed (a lab machine, a minimal
// container): the marks are the report's own, which every text font has.
TEST(FeedbackHtmlTest, MarksEachCheckWithTheReportsCharactersNotEmoji) {
  protocol::SubmissionResult result = fixtures::scored_sample();
  fixtures::check(result, "relu.kink").status = protocol::CheckStatus::kSkipped;
  const std::string page = report::feedback_html(result, fixtures::cw3());
  EXPECT_TRUE(fixtures::contains(page, "<td>✓</td>"));
  EXPECT_TRUE(fixtures::contains(page, "<td>✗</td>"));
  EXPECT_TRUE(fixtures::contains(page, "<td>–</td>"));
  for (const char* emoji : {"✅", "❌", "➖", "\xF0\x9F"}) {  // the last: U+1F000 and up
    EXPECT_TRUE(fixtures::lacks(page, emoji));
  }
  const std::string class_page = report::class_report_html(hostile_class(), "n0nce");
  EXPECT_TRUE(fixtures::contains(class_page, "✓ graded"));
}

}  // namespace

}  // namespace nn_grade
