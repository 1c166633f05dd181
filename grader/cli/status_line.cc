#include "cli/status_line.h"

#include <sys/ioctl.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>

#include "util/text_columns.h"

namespace nn_grade::cli {
StatusLine::StatusLine(bool enabled) : enabled_(enabled) {}

StatusLine::~StatusLine() { clear(); }

void StatusLine::update(const std::string& text) {
  std::lock_guard<std::mutex> lock(mutex_);
  text_ = text;
  draw();
}

void StatusLine::print(const std::string& line) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (enabled_) std::fputs("\r\x1b[K", stdout);
  std::fputs(line.c_str(), stdout);
  std::fputc('\n', stdout);
  draw();
}

void StatusLine::clear() {
  std::lock_guard<std::mutex> lock(mutex_);
  if (enabled_ && !text_.empty()) std::fputs("\r\x1b[K", stdout);
  text_.clear();
  std::fflush(stdout);
}

void StatusLine::draw() {
  if (!enabled_ || text_.empty()) return;
  std::fputs(("\r" + util::fit_columns(text_, terminal_width() - 1) + "\x1b[K").c_str(), stdout);
  std::fflush(stdout);
}

size_t terminal_width() {
  winsize size{};
  if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &size) == 0 && size.ws_col > 0) return size.ws_col;
  return 80;
}

bool stdout_is_terminal() { return isatty(STDOUT_FILENO) == 1; }

bool stdout_wants_colour() {
  const char* no_colour = std::getenv("NO_COLOR");
  const char* term = std::getenv("TERM");
  if (no_colour && *no_colour) return false;
  if (term && std::strcmp(term, "dumb") == 0) return false;
  return stdout_is_terminal();
}

}  // namespace nn_grade::cli
