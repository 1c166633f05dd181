#include "report/html_text.h"

#include <gtest/gtest.h>

namespace nn_grade {

namespace {

TEST(HtmlTextTest, EscapesEveryCharacterThatEndsTextOrAnAttribute) {
  EXPECT_EQ(report::html_escape("<script>alert('x')</script> & \"q\""),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;");
  EXPECT_EQ(report::html_escape("García, 李 & co"), "García, 李 &amp; co");
}

TEST(HtmlTextTest, AUrlSegmentStaysOneFolderName) {
  EXPECT_EQ(report::url_segment("smith_joneskim_48311"), "smith_joneskim_48311");
  EXPECT_EQ(report::url_segment("a/b?c#d e\"'<"), "a%2Fb%3Fc%23d%20e%22%27%3C");
  EXPECT_EQ(report::url_segment("garcía"), "garc%C3%ADa");
  EXPECT_EQ(report::url_segment("javascript:x"), "javascript%3Ax");
}

}  // namespace

}  // namespace nn_grade
