// The class report's pictures, as inline SVG: nothing fetched, drawn the same offline and on
// paper. Each says what it shows in text too (a title, a label per bar), so colour is never
// the only signal and a screen reader reads the numbers.
#pragma once

#include <string>

#include "report/class_summary.h"

namespace nn_grade::report {

// The score distribution in tenths of the maximum, a bar per tenth with its count over it, and
// the median and mean as lines of two different dash patterns, labelled. Each bar carries
// data-bucket and data-count.
std::string histogram_svg(const ClassSummary& summary);

// A horizontal bar: `passed` of `counted`, labelled "7 of 10 passed (70%)".
std::string share_bar_svg(int passed, int counted);

// "70%" (rounded), or "–" when nothing was counted.
std::string percent_text(int part, int whole);

}  // namespace nn_grade::report
