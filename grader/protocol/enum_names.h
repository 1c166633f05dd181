// One way to name an enum's values for JSON, the rubric and the command line: a table of
// {value, name} pairs, read in both directions. Strings exist only at those edges.
#pragma once

#include <cstddef>
#include <string_view>
#include <utility>

namespace nn_grade::protocol {

template <typename Enum>
using EnumName = std::pair<Enum, const char*>;

// The name of `value` in `names`; `fallback` for a value the table lacks (a programming error).
template <typename Enum, std::size_t N>
constexpr const char* name_of(const EnumName<Enum> (&names)[N], Enum value, const char* fallback) {
  for (const auto& [known, name] : names) {
    if (known == value) return name;
  }
  return fallback;
}

// False, leaving *value alone, for a name the table lacks.
template <typename Enum, std::size_t N>
constexpr bool value_named(const EnumName<Enum> (&names)[N], std::string_view name, Enum* value) {
  for (const auto& [known, known_name] : names) {
    if (name == known_name) {
      *value = known;
      return true;
    }
  }
  return false;
}

}  // namespace nn_grade::protocol
