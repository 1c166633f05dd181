#include "score/late_policy.h"
#include "util/count_text.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace nn_grade::score {
namespace {

// Days from 1970-01-01 to a proleptic Gregorian date (Howard Hinnant's days_from_civil).
std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

bool digits(const std::string& text, size_t at, size_t count, int* value) {
  if (at + count > text.size()) return false;
  int v = 0;
  for (size_t i = at; i < at + count; ++i) {
    if (text[i] < '0' || text[i] > '9') return false;
    v = v * 10 + (text[i] - '0');
  }
  *value = v;
  return true;
}

}  // namespace

std::optional<std::int64_t> parse_iso8601(const std::string& text) {
  int year, month, day, hour, minute, second;
  if (!digits(text, 0, 4, &year) || text.size() < 19 || text[4] != '-' ||
      !digits(text, 5, 2, &month) || text[7] != '-' || !digits(text, 8, 2, &day) ||
      (text[10] != 'T' && text[10] != ' ') || !digits(text, 11, 2, &hour) || text[13] != ':' ||
      !digits(text, 14, 2, &minute) || text[16] != ':' || !digits(text, 17, 2, &second)) {
    return std::nullopt;
  }
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60) {
    return std::nullopt;
  }
  size_t at = 19;
  if (at < text.size() && text[at] == '.') {
    ++at;
    while (at < text.size() && text[at] >= '0' && text[at] <= '9') ++at;
  }
  std::int64_t offset = 0;
  if (at < text.size() && (text[at] == 'Z' || text[at] == 'z')) {
    ++at;
  } else if (at < text.size() && (text[at] == '+' || text[at] == '-')) {
    int offset_hours, offset_minutes;
    if (!digits(text, at + 1, 2, &offset_hours) || at + 3 >= text.size() || text[at + 3] != ':' ||
        !digits(text, at + 4, 2, &offset_minutes)) {
      return std::nullopt;
    }
    offset = (offset_hours * 60 + offset_minutes) * 60 * (text[at] == '-' ? -1 : 1);
    at += 6;
  } else {
    return std::nullopt;  // a time without its offset names no instant
  }
  if (at != text.size()) return std::nullopt;
  const std::int64_t local =
      days_from_civil(year, static_cast<unsigned>(month), static_cast<unsigned>(day)) * 86400 +
      hour * 3600 + minute * 60 + second;
  return local - offset;
}

LateOutcome apply_late_policy(const LatePolicy& policy, std::int64_t seconds_late, double score) {
  LateOutcome outcome;
  outcome.score_before = score;
  outcome.score_after = score;
  if (seconds_late <= 0) return outcome;
  outcome.seconds_late = seconds_late;
  const double charged_seconds = static_cast<double>(seconds_late) - policy.grace_minutes * 60.0;
  if (charged_seconds <= 0) return outcome;
  outcome.days_charged = static_cast<int>(std::ceil(charged_seconds / 86400.0));
  outcome.percent =
      std::clamp(outcome.days_charged * policy.percent_per_day, 0.0, policy.max_percent);
  outcome.score_after = std::round(score * (100.0 - outcome.percent)) / 100.0;
  return outcome;
}

std::string lateness_text(std::int64_t seconds_late) {
  const long long minutes = (seconds_late + 59) / 60;
  const long long days = minutes / 1440, hours = minutes % 1440 / 60, rest = minutes % 60;
  if (days > 0)
    return util::count_text(days, "day") + (hours > 0 ? " " + util::count_text(hours, "hour") : "");
  if (hours > 0)
    return util::count_text(hours, "hour") +
           (rest > 0 ? " " + util::count_text(rest, "minute") : "");
  return util::count_text(std::max(1LL, rest), "minute");
}

}  // namespace nn_grade::score
