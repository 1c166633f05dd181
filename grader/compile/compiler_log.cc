#include "compile/compiler_log.h"

#include <algorithm>
#include <cctype>
#include <regex>
#include <set>
#include <sstream>

namespace nn_grade::compile {
namespace {

void replace_all(std::string& text, const std::string& from, const std::string& to) {
  if (from.empty()) return;
  for (std::size_t at = text.find(from); at != std::string::npos;
       at = text.find(from, at + to.size())) {
    text.replace(at, from.size(), to);
  }
}

bool is_error(const std::string& line) {
  return line.find("error:") != std::string::npos ||
         line.find("undefined reference") != std::string::npos ||
         line.find("multiple definition") != std::string::npos;
}

bool is_allowed(const std::string& path, const std::vector<std::string>& allowed) {
  if (path.empty()) return true;
  if (path.find("..") != std::string::npos) return false;
  if (path[0] != '/') return true;  // the student's own file, in the compiler's folder
  return std::any_of(allowed.begin(), allowed.end(),
                     [&](const std::string& folder) { return path.rfind(folder, 0) == 0; });
}

// Whether the '<' at `at` opens a template's arguments ("Matrix<double"), rather than being an
// operator ("operator<<", "a < b").
bool opens_arguments(const std::string& text, std::size_t at) {
  if (at == 0 || text[at] != '<') return false;
  const char before = text[at - 1];
  const bool name = std::isalnum(static_cast<unsigned char>(before)) || before == '_';
  return name && !(at >= 8 && text.compare(at - 8, 8, "operator") == 0);
}

// The '>' that closes the arguments opened at `at`, or npos.
std::size_t closing_bracket(const std::string& text, std::size_t at) {
  int depth = 0;
  for (std::size_t i = at; i < text.size(); ++i) {
    if (text[i] == '<') ++depth;
    if (text[i] == '>' && text[i - 1] != '-' && --depth == 0) return i;
  }
  return std::string::npos;
}

}  // namespace

std::string readable_message(const std::string& message, std::size_t longest) {
  if (message.size() <= longest) return message;
  std::string text;
  for (std::size_t i = 0; i < message.size(); ++i) {
    const std::size_t close = opens_arguments(message, i) ? closing_bracket(message, i) : i;
    if (close == std::string::npos || close == i) {
      text += message[i];
    } else {
      text += "<...>";
      i = close;
    }
  }
  if (text.size() <= longest) return text;
  const std::size_t half = longest / 2;
  return text.substr(0, half) + " [...] " + text.substr(text.size() - half);
}

std::string first_outside_dependency(const std::string& make_deps,
                                     const std::vector<std::string>& allowed) {
  // "target.o: a.cpp b.h \\\n c.h": after the first ':', whitespace-separated, '\\ ' escapes a
  // space.
  const std::size_t colon = make_deps.find(':');
  if (colon == std::string::npos) return "";
  std::string word;
  auto done_word = [&]() -> bool {
    const bool outside = word != "\\" && !is_allowed(word, allowed);
    if (!outside) word.clear();
    return outside;
  };
  for (std::size_t i = colon + 1; i < make_deps.size(); ++i) {
    const char c = make_deps[i];
    if (c == '\\' && i + 1 < make_deps.size() && make_deps[i + 1] == ' ') {
      word += ' ';
      ++i;
    } else if (c == ' ' || c == '\n' || c == '\t') {
      if (done_word()) return word;
    } else {
      word += c;
    }
  }
  return done_word() ? word : "";
}

std::string first_outside_location(const std::string& log,
                                   const std::vector<std::string>& allowed) {
  static const std::regex location(R"((?:^|\s)([^\s:]+):\d+(?::\d+)?[:,])");
  std::istringstream in(log);
  for (std::string line; std::getline(in, line);) {
    std::smatch match;
    if (std::regex_search(line, match, location) && !is_allowed(match[1], allowed)) {
      return match[1];
    }
  }
  return "";
}

std::string first_outside_directive(const std::string& source,
                                    const std::vector<std::string>& allowed) {
  static const std::regex directive(
      R"re(__has_include(?:_next)?\s*\(\s*[<"]([^>"]+)[>"]|#\s*line\s+\d+\s+"([^"]*)")re");
  for (auto it = std::sregex_iterator(source.begin(), source.end(), directive);
       it != std::sregex_iterator(); ++it) {
    const std::string path = (*it)[1].matched ? (*it)[1].str() : (*it)[2].str();
    if (!path.empty() && path[0] == '/' && !is_allowed(path, allowed)) return path;
  }
  return "";
}

std::string outside_include_message(const std::string& file, const std::string& outside) {
  return file + " includes " + outside +
         ", which is outside your submission: only the coursework's headers and the standard "
         "library may be included. Nothing of it is shown here.\n";
}

std::string trim_compiler_log(const std::string& log,
                              std::vector<std::pair<std::string, std::string>> renames,
                              int max_errors, int max_lines, std::size_t max_chars) {
  std::sort(renames.begin(), renames.end(),
            [](const auto& a, const auto& b) { return a.first.size() > b.first.size(); });
  std::string text = log;
  for (const auto& [from, to] : renames) replace_all(text, from, to);

  std::istringstream in(text);
  std::string kept;
  int errors = 0, lines = 0;
  bool cut = false;
  for (std::string line; std::getline(in, line);) {
    if (line.find("collect2: error: ld returned") != std::string::npos) continue;
    if (is_error(line) && ++errors > max_errors) {
      cut = true;
      break;
    }
    if (++lines > max_lines || kept.size() + line.size() + 1 > max_chars) {
      cut = true;
      break;
    }
    kept += line + "\n";
  }
  if (cut) kept += "[... more messages left out: fix these first]\n";
  return kept;
}

std::string eigen_compile_hint(const std::string& log) {
  auto has = [&](const char* text) { return log.find(text) != std::string::npos; };
  if (has("YOU_MIXED_DIFFERENT_NUMERIC_TYPES") || has("ScalarBinaryOpTraits")) {
    return "Hint: Eigen does not mix number types in one expression: here a matrix of int "
           "(MatrixXi) or float meets one of double. Make both double: add .cast<double>() to "
           "the other one, or declare it as a Matrix (MatrixXd) or double.";
  }
  if (has("YOU_CANNOT_MIX_ARRAYS_AND_MATRICES")) {
    return "Hint: an array expression (after .array()) and a matrix cannot be mixed: use "
           ".array() on both sides for coefficient-wise work, or .matrix() to turn the array "
           "back into a matrix.";
  }
  if (has("INVALID_MATRIX_PRODUCT")) {
    return "Hint: a product of fixed-size matrices whose sizes do not fit: the first's columns "
           "must equal the second's rows. Is a .transpose() missing?";
  }
  if (has("YOU_MIXED_MATRICES_OF_DIFFERENT_SIZES")) {
    return "Hint: fixed-size matrices of different shapes in one coefficient-wise operation "
           "(+, -, .cwiseProduct()): both sides must have the same shape.";
  }
  return "";
}

std::string lead_compiler_error(const std::string& log,
                                const std::map<std::string, std::string>& own_files) {
  static const std::regex located(R"(^([^\s:]+):(\d+):(\d+): +(.*)$)");
  std::istringstream in(log);
  std::string first_error;  // the message of the log's first error, wherever it is
  std::string where, message;
  long line_number = 0, column = 0;
  const std::string* content = nullptr;
  for (std::string line; std::getline(in, line);) {
    std::smatch match;
    if (!std::regex_match(line, match, located)) continue;
    const std::string what = match[4];
    const bool error = what.rfind("error:", 0) == 0;
    if (error && first_error.empty()) first_error = what;
    auto own = own_files.find(match[1]);
    if (own == own_files.end() || (!error && what.find("required from") != 0)) continue;
    where = match[1].str() + ":" + match[2].str() + ":" + match[3].str();
    line_number = std::stol(match[2]);
    column = std::stol(match[3]);
    content = &own->second;
    message = what;
    if (!error) {
      // Its error is the first one after it ("required from here" comes before its error).
      for (std::string next; message == what && std::getline(in, next);) {
        std::smatch later;
        if (std::regex_match(next, later, located) && later[4].str().rfind("error:", 0) == 0) {
          message = later[4];
        }
      }
      if (message == what) message = first_error.empty() ? what : first_error;
    }
    break;
  }
  if (!content) return "";
  std::string text = where + ": " + readable_message(message) + "\n";
  std::istringstream source(*content);
  std::string source_line;
  for (long n = 0; n < line_number && std::getline(source, source_line);) ++n;
  if (line_number > 0 && source_line.size() < 400) {
    const std::string number = std::to_string(line_number);
    text += " " + number + " | " + source_line + "\n";
    if (column > 0 && static_cast<std::size_t>(column) <= source_line.size() + 1) {
      text += " " + std::string(number.size(), ' ') + " | " +
              std::string(static_cast<std::size_t>(column - 1), ' ') + "^\n";
    }
  }
  const std::string hint = eigen_compile_hint(log);
  if (!hint.empty()) text += hint + "\n";
  return text;
}

std::string hide_internal_lines(const std::string& log) {
  std::istringstream in(log);
  std::string kept;
  bool in_chain = false;
  for (std::string line; std::getline(in, line);) {
    const bool chain_start = line.rfind("In file included from ", 0) == 0;
    const bool chain_more = in_chain && line.find_first_not_of(' ') != std::string::npos &&
                            line.compare(line.find_first_not_of(' '), 5, "from ") == 0;
    in_chain = chain_start || chain_more;
    if (in_chain || line.find("nn_prelude.h") != std::string::npos ||
        line.find("eigen_assert_throws.h") != std::string::npos) {
      continue;
    }
    kept += line + "\n";
  }
  return kept;
}

std::string explain_undefined_references(const std::string& linker_log) {
  static const std::regex undefined("undefined reference to `(nn::[^']+)'");
  std::set<std::string> names;
  for (auto it = std::sregex_iterator(linker_log.begin(), linker_log.end(), undefined);
       it != std::sregex_iterator(); ++it) {
    std::string name = (*it)[1];
    replace_all(name, "Eigen::Matrix<double, -1, -1, 0, -1, -1> const&", "const Matrix&");
    name =
        std::regex_replace(name, std::regex("std::mersenne_twister_engine<[^>]*>"), "std::mt19937");
    names.insert(name);
  }
  std::string text;
  for (const std::string& name : names) {
    text += name +
            " is declared in the coursework's headers but defined in none of your files: was "
            "it deleted, renamed, or given other parameters?\n";
  }
  return text;
}

}  // namespace nn_grade::compile
