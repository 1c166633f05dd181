#include "report/training_picture.h"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "util/count_text.h"

namespace nn_grade::report {

namespace {

constexpr const char* kBlocks[] = {"▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"};
constexpr char kAscii[] = "_.-:=+*#";
constexpr int kLevels = 8;
constexpr int kSparklineWidth = 40;

std::string number(double x) { return fmt::format("{:.4g}", x); }

char region_mark(int cls) { return static_cast<char>('a' + cls); }
char point_mark(int cls) { return static_cast<char>('0' + cls); }

}  // namespace

std::string sparkline(const std::vector<double>& values, int width, bool unicode) {
  if (values.empty() || width < 1) return "";
  std::vector<double> shown;
  const size_t n = values.size(), w = static_cast<size_t>(width);
  if (n <= w) {
    shown = values;
  } else {
    for (size_t i = 0; i < w; ++i) shown.push_back(values[w == 1 ? n - 1 : i * (n - 1) / (w - 1)]);
  }
  double lo = INFINITY, hi = -INFINITY;
  for (double v : shown) {
    if (!std::isfinite(v)) continue;
    lo = std::min(lo, v);
    hi = std::max(hi, v);
  }
  std::string line;
  for (double v : shown) {
    if (!std::isfinite(v)) {
      line += "!";
      continue;
    }
    // A flat curve sits mid-height, unless it is all zeros: those are drawn at the bottom.
    const int flat_level = lo == 0.0 ? 0 : kLevels / 2 - 1;
    const int level =
        hi > lo ? static_cast<int>(std::lround((v - lo) / (hi - lo) * (kLevels - 1))) : flat_level;
    line += unicode ? std::string(kBlocks[level]) : std::string(1, kAscii[level]);
  }
  return line;
}

std::string loss_line(const protocol::TrainingPicture& p, bool unicode) {
  if (p.losses.empty()) return "";
  const bool broke =
      std::any_of(p.losses.begin(), p.losses.end(), [](double v) { return !std::isfinite(v); });
  return fmt::format("Loss your code returned, {}{}: {} {} {}{}",
                     util::count_text(p.epochs, "epoch"),
                     p.loss_every > 1 ? fmt::format(" (one in {} shown)", p.loss_every) : "",
                     number(p.losses.front()), sparkline(p.losses, kSparklineWidth, unicode),
                     number(p.losses.back()), broke ? " (! = not a finite number)" : "");
}

std::vector<std::string> region_map(const protocol::TrainingPicture& p) {
  if (p.regions.empty() || p.classes < 1) return {};
  const std::string border = "+" + std::string(static_cast<size_t>(p.columns()), '-') + "+";
  std::vector<std::string> lines = {border};
  bool unknown = false;
  for (int r = 0; r < p.rows(); ++r) {
    std::string line = "|";
    for (int c = 0; c < p.columns(); ++c) {
      const int point = p.points[static_cast<size_t>(r)][static_cast<size_t>(c)];
      const int region = p.regions[static_cast<size_t>(r)][static_cast<size_t>(c)];
      if (point >= 0) {
        line += point_mark(point);
      } else if (region >= 0) {
        line += region_mark(region);
      } else {
        line += '?';
        unknown = true;
      }
    }
    lines.push_back(line + "|");
  }
  lines.push_back(border);
  std::vector<std::string> regions, classes;
  for (int k = 0; k < p.classes; ++k) {
    regions.emplace_back(1, region_mark(k));
    classes.emplace_back(1, point_mark(k));
  }
  lines.push_back(
      fmt::format("{}: where your network predicts class {}; {}: the training points, by class{}.",
                  fmt::join(regions, " "), fmt::join(classes, " "), fmt::join(classes, " "),
                  unknown ? "; ?: its logits are not finite" : ""));
  return lines;
}

std::string training_picture_text(const protocol::TrainingPicture& p, bool unicode) {
  std::string text;
  const std::string loss = loss_line(p, unicode);
  if (!loss.empty()) text += loss + "\n";
  const std::vector<std::string> map = region_map(p);
  if (!map.empty()) {
    text += fmt::format(
        "What your network predicts over the spiral (x {:.2f} to {:.2f}, y {:.2f} "
        "to {:.2f}):\n",
        p.x_min, p.x_max, p.y_min, p.y_max);
  }
  for (const std::string& line : map) text += line + "\n";
  return text;
}

}  // namespace nn_grade::report
