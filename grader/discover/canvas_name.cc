#include "discover/canvas_name.h"

#include <algorithm>
#include <cctype>

namespace nn_grade::discover {
namespace {

std::vector<std::string_view> split_underscores(std::string_view s) {
  std::vector<std::string_view> tokens;
  size_t start = 0;
  for (size_t i = 0; i <= s.size(); ++i) {
    if (i == s.size() || s[i] == '_') {
      tokens.push_back(s.substr(start, i - start));
      start = i + 1;
    }
  }
  return tokens;
}

bool is_number(std::string_view token) {
  return !token.empty() &&
         std::all_of(token.begin(), token.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool is_late_flag(std::string_view token) {
  if (token.size() != 4) return false;
  std::string lower;
  for (char c : token) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return lower == "late";
}

std::string join(const std::vector<std::string_view>& tokens, size_t begin, size_t end) {
  std::string joined;
  for (size_t i = begin; i < end; ++i) {
    if (i > begin) joined += '_';
    joined += tokens[i];
  }
  return joined;
}

// Canvas squashes "Last, First" into one word per '_' it keeps ("o_brien2sean"), so its sortable
// names neither end with a bare number nor hold two numbers in a row: a split that makes one took
// a number of the ids or of the original name ("2_layers.cpp") into the name.
bool is_plausible_name(const std::string& sortable_name) {
  std::vector<std::string_view> tokens = split_underscores(sortable_name);
  if (is_number(tokens.back())) return false;
  for (size_t i = 0; i + 1 < tokens.size(); ++i) {
    if (is_number(tokens[i]) && is_number(tokens[i + 1])) return false;
  }
  return true;
}

}  // namespace

std::vector<CanvasFileName> canvas_name_splits(std::string_view file_name) {
  std::vector<std::string_view> tokens = split_underscores(file_name);
  std::vector<CanvasFileName> splits;
  for (size_t i = 1; i + 2 < tokens.size(); ++i) {
    if (!is_number(tokens[i]) || !is_number(tokens[i + 1])) continue;
    CanvasFileName name;
    size_t name_end = i;
    if (i >= 2 && is_late_flag(tokens[i - 1])) {
      name.late = true;
      name_end = i - 1;
    }
    name.sortable_name = join(tokens, 0, name_end);
    name.user_id = std::string(tokens[i]);
    name.attachment_id = std::string(tokens[i + 1]);
    name.original_name = join(tokens, i + 2, tokens.size());
    if (name.sortable_name.empty() || name.original_name.empty()) continue;
    splits.push_back(std::move(name));
  }
  return splits;
}

std::optional<CanvasFileName> parse_canvas_file_name(std::string_view file_name) {
  std::vector<CanvasFileName> splits = canvas_name_splits(file_name);
  std::optional<CanvasFileName> chosen;
  for (CanvasFileName& split : splits) {
    if (!chosen || is_plausible_name(split.sortable_name) ||
        !is_plausible_name(chosen->sortable_name)) {
      chosen = std::move(split);
    }
  }
  return chosen;
}

Revision reupload_revision(std::string_view original_name) {
  size_t dot = original_name.rfind('.');
  if (dot == 0 || dot == std::string_view::npos) dot = original_name.size();
  std::string_view stem = original_name.substr(0, dot);
  std::string_view extension = original_name.substr(dot);

  size_t digits_begin = stem.size();
  bool in_parentheses = !stem.empty() && stem.back() == ')';
  size_t digits_end = in_parentheses ? stem.size() - 1 : stem.size();
  digits_begin = digits_end;
  while (digits_begin > 0 && std::isdigit(static_cast<unsigned char>(stem[digits_begin - 1]))) {
    --digits_begin;
  }
  size_t digit_count = digits_end - digits_begin;
  if (digit_count == 0 || digit_count > 3 || digits_begin < 2) {
    return {std::string(original_name), 0};
  }

  size_t base_end = digits_begin - 1;
  char opener = stem[base_end];
  if (in_parentheses ? opener != '(' : opener != '-') return {std::string(original_name), 0};
  if (in_parentheses && stem[base_end - 1] == ' ') --base_end;
  if (base_end == 0) return {std::string(original_name), 0};

  int number = std::stoi(std::string(stem.substr(digits_begin, digit_count)));
  return {std::string(stem.substr(0, base_end)) + std::string(extension), number};
}

}  // namespace nn_grade::discover
