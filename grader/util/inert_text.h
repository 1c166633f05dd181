// Text a student controls (a file name in an archive or a Canvas export, what their code
// printed, an exception's message, the compiler's log of their files) made inert before the
// grader keeps it: nothing in it can move a terminal's cursor, clear a screen, set a window
// title or make a link, whether it reaches a terminal, feedback.md, a CSV or a JSON file.
// Applied once, where such text enters the grader's results (discovery, a check's verdict, the
// build), so every writer after that can trust it.
#pragma once

#include <string>
#include <string_view>

namespace nn_grade::util {

// `text` without its control characters: C0 but newline and tab (carriage return, BEL and
// backspace included), DEL, and C1 (U+0080 to U+009F). An escape sequence goes whole: a CSI
// ("ESC [2J", or U+009B), a string command up to its terminator (OSC "ESC ] 8;;url BEL", DCS,
// SOS, PM, APC, ended by BEL or ST), any other "ESC x"; a string command that never ends loses
// only its introducer. A byte that is not valid UTF-8 becomes U+FFFD. Everything else, other
// languages and emoji included, is kept as it was.
std::string inert_text(std::string_view text);

}  // namespace nn_grade::util
