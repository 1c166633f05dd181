#include "report/report_charts.h"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "report/components.h"
#include "util/count_text.h"
#include "util/points_text.h"

namespace nn_grade::report {
namespace {

constexpr double kWidth = 640, kHeight = 270;
// Above the plot, a band for the two marker labels (mean above median), clear of the counts
// over the bars, whose tallest sits at kTop - 4.
constexpr double kLeft = 40, kRight = 16, kTop = 50, kBottom = 40;
constexpr double kMeanLabelY = 14, kMedianLabelY = 30;
constexpr double kPlotWidth = kWidth - kLeft - kRight, kPlotHeight = kHeight - kTop - kBottom;

std::string bucket_label(int bucket) {
  return bucket == 9 ? "90–100%" : fmt::format("{}–{}%", bucket * 10, bucket * 10 + 9);
}

double marker_x(const ClassSummary& summary, double points) {
  const double share =
      summary.max_score > 0 ? std::clamp(points / summary.max_score, 0.0, 1.0) : 0.0;
  return kLeft + share * kPlotWidth;
}

// A vertical line at `points` (of the maximum), its class `name`, from its label's band down.
std::string marker_line(const ClassSummary& summary, double points, const char* name,
                        double label_y) {
  return fmt::format("<line class=\"{0}\" x1=\"{1:.1f}\" x2=\"{1:.1f}\" y1=\"{2}\" y2=\"{3}\"/>",
                     name, marker_x(summary, points), label_y + 4, kTop + kPlotHeight);
}

// Its label, at height `label_y`, running from the line towards the middle of the chart, so
// that it stays inside the picture at either end (a median of 100 reads "median 100" leftwards).
std::string marker_label(const ClassSummary& summary, double points, const char* name,
                         double label_y) {
  const double x = marker_x(summary, points);
  const bool right_half = x > kLeft + kPlotWidth / 2;
  return fmt::format(
      "<text class=\"marker-label {0}-label\" x=\"{1:.1f}\" y=\"{2}\" text-anchor=\"{3}\">{0} "
      "{4}</text>",
      name, right_half ? x - 3 : x + 3, label_y, right_half ? "end" : "start",
      util::points_text(points));
}

}  // namespace

std::string percent_text(int part, int whole) {
  if (whole <= 0) return "–";
  return fmt::format("{}%", std::lround(100.0 * part / whole));
}

std::string histogram_svg(const ClassSummary& summary) {
  // The axis runs to four whole steps of students, at least the largest count.
  const int most = *std::max_element(summary.histogram.begin(), summary.histogram.end());
  const int step = std::max(1, (most + 3) / 4);
  const int largest = step * 4;
  std::string description;
  for (int bucket = 0; bucket < 10; ++bucket) {
    description += fmt::format("{}{}: {}", bucket == 0 ? "" : "; ", bucket_label(bucket),
                               summary.histogram[static_cast<std::size_t>(bucket)]);
  }
  std::string svg = fmt::format(
      "<svg class=\"histogram\" viewBox=\"0 0 {} {}\" role=\"img\" "
      "aria-labelledby=\"histogram-title histogram-desc\">"
      "<title id=\"histogram-title\">Scores of {} in tenths of the maximum ({})</title>"
      "<desc id=\"histogram-desc\">{}. Median {}, mean {}.</desc>",
      kWidth, kHeight, util::count_text(summary.scored, "student"),
      util::points_text(summary.max_score), description, util::points_text(summary.median),
      util::points_text(summary.mean));
  const double slot = kPlotWidth / 10;
  for (int tick = 0; tick <= 4; ++tick) {  // a gridline at each step
    const double y = kTop + kPlotHeight * (1.0 - tick / 4.0);
    svg += fmt::format(
        "<line class=\"grid\" x1=\"{}\" x2=\"{}\" y1=\"{:.1f}\" y2=\"{:.1f}\"/>"
        "<text class=\"axis\" x=\"{}\" y=\"{:.1f}\" text-anchor=\"end\">{}</text>",
        kLeft, kLeft + kPlotWidth, y, y, kLeft - 6, y + 4, step * tick);
  }
  // Bars first, then the marker lines over them, then every label over the lines (each with a
  // halo in the page's background), so that no line runs through a count.
  std::string labels;
  for (int bucket = 0; bucket < 10; ++bucket) {
    const int count = summary.histogram[static_cast<std::size_t>(bucket)];
    const double height = kPlotHeight * count / largest;
    const double x = kLeft + bucket * slot;
    const double y = kTop + kPlotHeight - height;
    svg += fmt::format(
        "<rect class=\"bar\" data-bucket=\"{}\" data-count=\"{}\" x=\"{:.1f}\" y=\"{:.1f}\" "
        "width=\"{:.1f}\" height=\"{:.1f}\"><title>{}: {}</title></rect>",
        bucket, count, x + 3, y, slot - 6, height, bucket_label(bucket),
        util::count_text(count, "student"));
    labels += fmt::format(
        "<text class=\"count\" data-bucket=\"{}\" x=\"{:.1f}\" y=\"{:.1f}\" "
        "text-anchor=\"middle\">{}</text>"
        "<text class=\"axis\" x=\"{:.1f}\" y=\"{:.1f}\" text-anchor=\"middle\">{}</text>",
        bucket, x + slot / 2, y - 4, count, x + slot / 2, kTop + kPlotHeight + 16,
        bucket == 9 ? "90–100" : fmt::format("{}–{}", bucket * 10, bucket * 10 + 9));
  }
  labels += fmt::format(
      "<text class=\"axis\" x=\"{:.1f}\" y=\"{:.1f}\" text-anchor=\"middle\">"
      "percent of {} points</text>",
      kLeft + kPlotWidth / 2, kHeight - 6, util::points_text(summary.max_score));
  if (summary.scored > 0) {
    svg += marker_line(summary, summary.median, "median", kMedianLabelY);
    svg += marker_line(summary, summary.mean, "mean", kMeanLabelY);
    labels += marker_label(summary, summary.median, "median", kMedianLabelY);
    labels += marker_label(summary, summary.mean, "mean", kMeanLabelY);
  }
  svg += labels;
  return svg + "</svg>";
}

std::string share_bar_svg(int passed, int counted) {
  const double width = counted > 0 ? 100.0 * passed / counted : 0.0;
  return fmt::format(
      "<svg class=\"share\" viewBox=\"0 0 100 10\" preserveAspectRatio=\"none\" role=\"img\" "
      "aria-label=\"{} of {} passed ({})\"><rect class=\"track\" width=\"100\" height=\"10\"/>"
      "<rect class=\"fill\" width=\"{:.1f}\" height=\"10\"/></svg>",
      passed, counted, percent_text(passed, counted), width);
}

}  // namespace nn_grade::report
