#include "report/feedback_html.h"

#include <fmt/format.h>

#include "report/feedback_markdown.h"
#include "report/html_text.h"
#include "report/markdown_html.h"
#include "report/report_assets.h"

namespace nn_grade::report {

std::string feedback_html(const protocol::SubmissionResult& result, const score::Rubric& rubric) {
  return fmt::format(
      "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
      "style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'\">\n"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
      "<title>{}: feedback for {}</title>\n<style>{}</style>\n</head>\n<body>\n"
      "<p class=\"no-print\"><a href=\"../report.html\">The class at a glance</a></p>\n"
      "<main>\n{}</main>\n</body>\n</html>\n",
      html_escape(rubric.title), html_escape(result.submission), kReportCss,
      markdown_html(feedback_markdown(result, rubric)));
}

}  // namespace nn_grade::report
