#include "util/text_columns.h"

namespace nn_grade::util {
namespace {

// A byte that starts a code point: anything but a UTF-8 continuation byte (10xxxxxx).
bool starts_code_point(char byte) { return (static_cast<unsigned char>(byte) & 0xC0) != 0x80; }

}  // namespace

std::size_t text_columns(const std::string& text) {
  std::size_t columns = 0;
  for (char byte : text) columns += starts_code_point(byte) ? 1 : 0;
  return columns;
}

std::string fit_columns(const std::string& text, std::size_t columns) {
  std::size_t used = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (starts_code_point(text[i]) && ++used > columns) return text.substr(0, i);
  }
  return text;
}

}  // namespace nn_grade::util
