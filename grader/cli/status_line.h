// One line at the bottom of a terminal that says how far along we are, as ninja does:
// rewritten in place, cut to the terminal's width, and absent when output is not a terminal.
#pragma once

#include <cstdio>
#include <mutex>
#include <string>

namespace nn_grade::cli {

class StatusLine {
 public:
  // `enabled` is false when stdout is not a terminal: update() then prints nothing.
  explicit StatusLine(bool enabled);
  ~StatusLine();

  // Replaces the status line with `text`.
  void update(const std::string& text);
  // Prints `line` for good, above the status line (which is redrawn after it).
  void print(const std::string& line);
  // Clears the status line; later prints start at the left margin.
  void clear();

 private:
  void draw();
  bool enabled_;
  std::string text_;
  std::mutex mutex_;
};

// True when stdout is a terminal and colour is welcome (NO_COLOR unset, TERM not "dumb").
bool stdout_wants_colour();
bool stdout_is_terminal();
// The terminal's columns, or 80 when stdout is not a terminal.
size_t terminal_width();

}  // namespace nn_grade::cli
