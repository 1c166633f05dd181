#include "util/points_text.h"

#include <cmath>
#include <cstdio>

namespace nn_grade::util {

std::string points_text(double points) {
  double rounded = std::round(points * 100.0) / 100.0;
  if (rounded == 0.0) rounded = 0.0;  // no "-0"
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.2f", rounded);
  std::string text = buffer;
  text.erase(text.find_last_not_of('0') + 1);
  if (text.back() == '.') text.pop_back();
  return text;
}

}  // namespace nn_grade::util
