#include "harness/thrown_exception.h"

#include <regex>

#include <fmt/format.h>

#include "harness/eigen_failure.h"
#include "util/count_text.h"

namespace nn_grade::harness {
namespace {

// libstdc++'s words for a container's .at() past its end ("vector::_M_range_check: __n (which
// is 5) >= this->size() (which is 5)"), said with the numbers; "" for any other text.
std::string range_check_text(const std::string& what) {
  static const std::regex range_check(
      R"(^(vector|basic_string|array|deque)::(?:_M_range_check|at): __n \(which is ([0-9]{1,20})\) ?>= (?:this->size\(\)|_Nm) \(which is ([0-9]{1,20})\)$)");
  std::smatch match;
  if (!std::regex_match(what, match, range_check)) return "";
  unsigned long long index = 0, size = 0;
  try {
    index = std::stoull(match[2]);
    size = std::stoull(match[3]);
  } catch (const std::exception&) {
    return "";  // beyond 64 bits: not libstdc++'s
  }
  const bool text = match[1] == "basic_string";
  const std::string container = text ? "std::string" : "std::" + match[1].str();
  // A negative int made a size_t reads as a number near 2^64: say it as the student wrote it.
  const std::string index_text =
      index >= (1ull << 63) ? std::to_string(static_cast<long long>(index)) : std::to_string(index);
  const std::string range = size == 0 ? "it is empty, so no index is valid"
                                      : fmt::format("its indices go from 0 to {}", size - 1);
  return fmt::format(".at({}) of a {} of {}; {}.", index_text, container,
                     util::count_text(static_cast<long long>(size), text ? "character" : "element"),
                     range);
}

}  // namespace

std::optional<ThrownException> read_thrown_exception(protocol::Reader& reply) {
  ThrownException thrown;
  thrown.type = reply.text();
  thrown.what = reply.text();
  thrown.location = student_location(reply.text());
  if (!reply.ok() || !reply.at_end()) return std::nullopt;
  return thrown;
}

std::string explain_thrown_exception(const std::string& function, const ThrownException& thrown) {
  const std::string where = thrown.location.empty() ? "" : " at " + thrown.location;
  if (thrown.what.empty()) return fmt::format("{} threw {}{}.", function, thrown.type, where);
  const std::string range_check = range_check_text(thrown.what);
  return fmt::format("{} threw {}{}: {}", function, thrown.type, where,
                     range_check.empty() ? thrown.what : range_check);
}

}  // namespace nn_grade::harness
