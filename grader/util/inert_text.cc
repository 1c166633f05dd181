#include "util/inert_text.h"

#include <cstddef>
#include <cstdint>

namespace nn_grade::util {
namespace {

constexpr char32_t kEsc = 0x1B, kBel = 0x07, kReplacement = 0xFFFD;

// One code point of `text` at `at` and how many bytes it took; an invalid byte is U+FFFD, 1.
struct CodePoint {
  char32_t value;
  std::size_t bytes;
};

CodePoint decode(std::string_view text, std::size_t at) {
  const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[at + i]); };
  const unsigned char lead = byte(0);
  if (lead < 0x80) return {lead, 1};
  std::size_t length = 0;
  char32_t value = 0, least = 0;
  if ((lead & 0xE0) == 0xC0) {
    length = 2, value = lead & 0x1F, least = 0x80;
  } else if ((lead & 0xF0) == 0xE0) {
    length = 3, value = lead & 0x0F, least = 0x800;
  } else if ((lead & 0xF8) == 0xF0) {
    length = 4, value = lead & 0x07, least = 0x10000;
  } else {
    return {kReplacement, 1};
  }
  if (at + length > text.size()) return {kReplacement, 1};
  for (std::size_t i = 1; i < length; ++i) {
    if ((byte(i) & 0xC0) != 0x80) return {kReplacement, 1};
    value = (value << 6) | (byte(i) & 0x3F);
  }
  if (value < least || value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF)) {
    return {kReplacement, 1};
  }
  return {value, length};
}

void append_utf8(std::string& out, char32_t c) {
  if (c < 0x80) {
    out += static_cast<char>(c);
  } else if (c < 0x800) {
    out += static_cast<char>(0xC0 | (c >> 6));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else if (c < 0x10000) {
    out += static_cast<char>(0xE0 | (c >> 12));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (c >> 18));
    out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  }
}

bool is_control(char32_t c) {
  return (c < 0x20 && c != '\n' && c != '\t') || (c >= 0x7F && c <= 0x9F);
}

// What a sequence's introducer is, once "ESC x" and its 8-bit C1 form are told apart.
enum class Introducer { kCsi, kString, kOther };

// The 8-bit C1 form of "ESC x": U+0080 + (x - 0x40).
char32_t c1_of(char32_t x) { return 0x80 + (x - 0x40); }

Introducer introducer_of(char32_t c1) {
  if (c1 == c1_of('[')) return Introducer::kCsi;
  if (c1 == c1_of(']') || c1 == c1_of('P') || c1 == c1_of('X') || c1 == c1_of('^') ||
      c1 == c1_of('_')) {
    return Introducer::kString;
  }
  return Introducer::kOther;
}

// Where a CSI's parameters, intermediates and final byte end, from just after its introducer.
std::size_t csi_end(std::string_view text, std::size_t at) {
  while (at < text.size() && text[at] >= 0x20 && text[at] <= 0x3F) ++at;
  if (at < text.size() && text[at] >= 0x40 && text[at] <= 0x7E) ++at;
  return at;
}

// Where a string command ends (just past BEL, ESC \ or U+009C), or npos when it never does.
std::size_t string_end(std::string_view text, std::size_t at) {
  while (at < text.size()) {
    const CodePoint c = decode(text, at);
    if (c.value == kBel || c.value == 0x9C) return at + c.bytes;
    if (c.value == kEsc && at + 1 < text.size() && text[at + 1] == '\\') return at + 2;
    at += c.bytes;
  }
  return std::string_view::npos;
}

// Where the sequence introduced at `at` (a C1 control, or ESC and the byte after it) ends.
std::size_t sequence_end(std::string_view text, std::size_t at, CodePoint first) {
  char32_t c1 = first.value;
  std::size_t next = at + first.bytes;
  if (first.value == kEsc) {
    if (next >= text.size()) return next;
    const char x = text[next];
    if (x >= 0x40 && x <= 0x5F) {
      c1 = c1_of(static_cast<unsigned char>(x));
      next += 1;
    } else {  // "ESC x" with intermediates (0x20-0x2F) and a final byte, or ESC alone
      while (next < text.size() && text[next] >= 0x20 && text[next] <= 0x2F) ++next;
      if (next < text.size() && text[next] >= 0x30 && text[next] <= 0x7E) ++next;
      return next;
    }
  }
  switch (introducer_of(c1)) {
    case Introducer::kCsi:
      return csi_end(text, next);
    case Introducer::kString: {
      const std::size_t end = string_end(text, next);
      return end == std::string_view::npos ? next : end;
    }
    case Introducer::kOther:
      return next;
  }
  return next;
}

}  // namespace

std::string inert_text(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  std::size_t at = 0;
  while (at < text.size()) {
    const CodePoint c = decode(text, at);
    if (c.value == kEsc || (c.value >= 0x80 && c.value <= 0x9F)) {
      at = sequence_end(text, at, c);
    } else {
      if (!is_control(c.value)) append_utf8(out, c.value);
      at += c.bytes;
    }
  }
  return out;
}

}  // namespace nn_grade::util
