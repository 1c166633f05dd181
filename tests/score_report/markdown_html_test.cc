#include "report/markdown_html.h"

#include <gtest/gtest.h>

#include "fixtures.h"

namespace nn_grade {

namespace {

TEST(MarkdownHtmlTest, HeadingsParagraphsAndInlineMarks) {
  EXPECT_EQ(report::markdown_html("# A *b*\n\n**Score: 1** and `x < y`\nsame paragraph\n"),
            "<h1>A <em>b</em></h1>\n<p><strong>Score: 1</strong> and <code>x &lt; y</code>\n"
            "same paragraph</p>\n");
}

TEST(MarkdownHtmlTest, TablesKeepEscapedPipesInTheirCellAndAlignNumbers) {
  EXPECT_EQ(
      report::markdown_html("| a | b |\n|---|---:|\n| x \\| y | 2 |\n"),
      "<table>\n<thead>\n<tr>\n<th>a</th>\n<th align=\"right\">b</th>\n</tr>\n</thead>\n"
      "<tbody>\n<tr>\n<td>x | y</td>\n<td align=\"right\">2</td>\n</tr>\n</tbody>\n</table>\n");
}

TEST(MarkdownHtmlTest, ACodeBlockEndsOnlyAtAFenceAsLongAsItsOwn) {
  const std::string html = report::markdown_html("````\n```\n<b>\n````\nafter\n");
  EXPECT_EQ(html, "<pre><code>```\n&lt;b&gt;\n</code></pre>\n<p>after</p>\n");
}

TEST(MarkdownHtmlTest, RawHtmlAndScriptLinksInTheMarkdownStayOut) {
  const std::string html =
      report::markdown_html("a <script>alert(1)</script> b\n\n[x](javascript:alert(2))\n");
  EXPECT_TRUE(fixtures::lacks(html, "<script")) << html;
  EXPECT_TRUE(fixtures::lacks(html, "javascript:")) << html;
}

}  // namespace

}  // namespace nn_grade
