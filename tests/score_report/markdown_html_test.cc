#include "report/markdown_html.h"

#include <gtest/gtest.h>

#include "fixtures.h"

namespace {

TEST(MarkdownHtmlTest, HeadingsParagraphsAndInlineMarks) {
  EXPECT_EQ(report::markdown_html("# A *b*\n\n**Score: 1** and `x < y`\nsame paragraph\n"),
            "<h1>A <em>b</em></h1>\n<p><strong>Score: 1</strong> and <code>x &lt; y</code> "
            "same paragraph</p>\n");
}

TEST(MarkdownHtmlTest, TablesKeepEscapedPipesInTheirCellAndAlignNumbers) {
  EXPECT_EQ(report::markdown_html("| a | b |\n|---|---:|\n| x \\| y | 2 |\n"),
            "<table>\n<thead><tr><th scope=\"col\">a</th><th scope=\"col\" class=\"num\">b</th>"
            "</tr></thead>\n<tbody>\n<tr><td>x | y</td><td class=\"num\">2</td></tr>\n</tbody>\n"
            "</table>\n");
}

TEST(MarkdownHtmlTest, ACodeBlockEndsOnlyAtAFenceAsLongAsItsOwn) {
  const std::string html = report::markdown_html("````\n```\n<b>\n````\nafter\n");
  EXPECT_EQ(html, "<pre><code>```\n&lt;b&gt;\n</code></pre>\n<p>after</p>\n");
}

}  // namespace
