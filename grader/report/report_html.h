// OUT/report.html: the class at a glance, one self-contained page a TA opens from anywhere (a
// USB stick, an e-mail): inline CSS, SVG and one small script, nothing fetched, and a
// Content-Security-Policy that lets nothing else run or load. Every text that comes from a
// submission is escaped (html_text.h). See docs/report.md.
#pragma once

#include <filesystem>
#include <string>

#include "report/class_report.h"

namespace nn_grade::report {

// OUT/report.html
std::filesystem::path class_report_path(const std::filesystem::path& out_dir);

// The page. `nonce` (letters and digits) is the one the policy allows the page's own style and
// script by; a <script> that escaped escaping would lack it and not run.
std::string class_report_html(const ClassReport& report, const std::string& nonce);

// Writes the page, with a fresh random nonce, atomically to class_report_path(out_dir).
// Throws std::system_error naming the path.
void write_class_report(const std::filesystem::path& out_dir, const ClassReport& report);

// OUT/<key>/feedback.html, relative to OUT: the link each row of the page follows.
std::string feedback_link(const std::string& submission);

}  // namespace nn_grade::report
