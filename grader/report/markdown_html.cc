#include "report/markdown_html.h"

#include <sstream>
#include <vector>

#include <fmt/format.h>

#include "report/html_text.h"

namespace report {
namespace {

// Wraps what lies between pairs of `marker` in `tag`; an unpaired marker stays text.
std::string pair_up(const std::string& text, const std::string& marker, const char* tag) {
  std::string out;
  std::size_t at = 0;
  while (true) {
    const std::size_t open = text.find(marker, at);
    const std::size_t close =
        open == std::string::npos ? open : text.find(marker, open + marker.size());
    if (close == std::string::npos || close == open + marker.size()) break;
    out += text.substr(at, open - at);
    out += fmt::format("<{0}>{1}</{0}>", tag,
                       text.substr(open + marker.size(), close - open - marker.size()));
    at = close + marker.size();
  }
  return out + text.substr(at);
}

// Code spans first (nothing inside them is formatted), then bold, then italic.
std::string inline_html(const std::string& text) {
  std::string out;
  std::size_t at = 0;
  while (true) {
    const std::size_t open = text.find('`', at);
    const std::size_t close = open == std::string::npos ? open : text.find('`', open + 1);
    const std::string plain =
        text.substr(at, close == std::string::npos ? std::string::npos : open - at);
    out += pair_up(pair_up(html_escape(plain), "**", "strong"), "*", "em");
    if (close == std::string::npos) break;
    out += "<code>" + html_escape(text.substr(open + 1, close - open - 1)) + "</code>";
    at = close + 1;
  }
  return out;
}

std::size_t leading(const std::string& line, char c) {
  std::size_t n = 0;
  while (n < line.size() && line[n] == c) ++n;
  return n;
}

// A table row's cells: split at | but not at \|, outer pipes dropped, cells trimmed.
std::vector<std::string> cells(const std::string& line) {
  std::vector<std::string> out(1);
  for (std::size_t i = 1; i < line.size(); ++i) {
    if (line[i] == '\\' && i + 1 < line.size() && line[i + 1] == '|') {
      out.back() += '|';
      ++i;
    } else if (line[i] == '|') {
      out.emplace_back();
    } else {
      out.back() += line[i];
    }
  }
  if (out.size() > 1 && out.back().find_first_not_of(" \t") == std::string::npos) out.pop_back();
  for (std::string& cell : out) {
    const std::size_t first = cell.find_first_not_of(' ');
    cell = first == std::string::npos ? ""
                                      : cell.substr(first, cell.find_last_not_of(' ') - first + 1);
  }
  return out;
}

std::string table_html(const std::vector<std::string>& lines) {
  const std::vector<std::string> head = cells(lines[0]);
  std::vector<bool> right;
  if (lines.size() > 1) {
    for (const std::string& rule : cells(lines[1]))
      right.push_back(!rule.empty() && rule.back() == ':');
  }
  auto align = [&](std::size_t column) {
    return column < right.size() && right[column] ? " class=\"num\"" : "";
  };
  std::string out = "<table>\n<thead><tr>";
  for (std::size_t c = 0; c < head.size(); ++c) {
    out += fmt::format("<th scope=\"col\"{}>{}</th>", align(c), inline_html(head[c]));
  }
  out += "</tr></thead>\n<tbody>\n";
  for (std::size_t r = 2; r < lines.size(); ++r) {
    out += "<tr>";
    const std::vector<std::string> row = cells(lines[r]);
    for (std::size_t c = 0; c < row.size(); ++c) {
      out += fmt::format("<td{}>{}</td>", align(c), inline_html(row[c]));
    }
    out += "</tr>\n";
  }
  return out + "</tbody>\n</table>\n";
}

}  // namespace

std::string markdown_html(const std::string& markdown) {
  std::vector<std::string> lines;
  std::istringstream in(markdown);
  for (std::string line; std::getline(in, line);) lines.push_back(line);

  std::string out;
  std::string paragraph;
  auto end_paragraph = [&] {
    if (!paragraph.empty()) out += "<p>" + inline_html(paragraph) + "</p>\n";
    paragraph.clear();
  };
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const std::string& line = lines[i];
    const std::size_t fence = leading(line, '`');
    const std::size_t hashes = leading(line, '#');
    if (fence >= 3) {
      end_paragraph();
      std::string code;
      for (++i; i < lines.size(); ++i) {
        const std::size_t closing = leading(lines[i], '`');
        if (closing >= fence && closing == lines[i].size()) break;
        code += lines[i] + "\n";
      }
      out += "<pre><code>" + html_escape(code) + "</code></pre>\n";
    } else if (hashes >= 1 && hashes <= 6 && line.size() > hashes && line[hashes] == ' ') {
      end_paragraph();
      out += fmt::format("<h{0}>{1}</h{0}>\n", hashes, inline_html(line.substr(hashes + 1)));
    } else if (!line.empty() && line[0] == '|') {
      end_paragraph();
      std::vector<std::string> table;
      for (; i < lines.size() && !lines[i].empty() && lines[i][0] == '|'; ++i) {
        table.push_back(lines[i]);
      }
      --i;
      out += table_html(table);
    } else if (line.find_first_not_of(" \t") == std::string::npos) {
      end_paragraph();
    } else {
      paragraph += (paragraph.empty() ? "" : " ") + line;
    }
  }
  end_paragraph();
  return out;
}

}  // namespace report
