#include "gradebook/csv.h"

#include <csv.h>

#include <algorithm>
#include <memory>

namespace nn_grade::gradebook {
namespace {

constexpr std::string_view kBom = "\xEF\xBB\xBF";

struct Records {
  std::vector<CsvRow> rows;
  CsvRow row;
  int line = 1;         // of the chunk being parsed
  int record_line = 1;  // where the unfinished record started
};

void end_field(void* field, size_t length, void* data) {
  auto* records = static_cast<Records*>(data);
  records->row.emplace_back(field ? static_cast<const char*>(field) : "", length);
}

void end_record(int /*terminator*/, void* data) {
  auto* records = static_cast<Records*>(data);
  records->rows.push_back(std::move(records->row));
  records->row.clear();
  records->record_line = records->line + 1;
}

int no_spaces(unsigned char /*c*/) { return 0; }  // libcsv trims spaces unless told not to

struct ParserDeleter {
  void operator()(csv_parser* parser) const {
    csv_free(parser);
    delete parser;
  }
};

std::unique_ptr<csv_parser, ParserDeleter> make_parser(char delimiter) {
  auto parser = std::unique_ptr<csv_parser, ParserDeleter>(new csv_parser);
  if (csv_init(parser.get(), CSV_STRICT | CSV_STRICT_FINI) != 0) throw std::bad_alloc();
  csv_set_delim(parser.get(), static_cast<unsigned char>(delimiter));
  csv_set_space_func(parser.get(), &no_spaces);
  return parser;
}

bool needs_quotes(const std::string& field, char delimiter) {
  if (field.empty()) return false;
  if (field.front() == ' ' || field.back() == ' ') return true;
  return field.find_first_of(std::string{delimiter, '"', '\r', '\n'}) != std::string::npos;
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// "-3", "+1.5", "-0,25" (a semicolon export's decimal comma), "-2e-3": a number, which a
// spreadsheet reads as one and never as a formula.
bool is_number(std::string_view text) {
  std::size_t at = 0;
  if (at < text.size() && (text[at] == '+' || text[at] == '-')) ++at;
  std::size_t digits = 0;
  while (at < text.size() && is_digit(text[at])) ++at, ++digits;
  if (at < text.size() && (text[at] == '.' || text[at] == ',')) {
    ++at;
    while (at < text.size() && is_digit(text[at])) ++at, ++digits;
  }
  if (digits == 0) return false;
  if (at < text.size() && (text[at] == 'e' || text[at] == 'E')) {
    ++at;
    if (at < text.size() && (text[at] == '+' || text[at] == '-')) ++at;
    const std::size_t exponent = at;
    while (at < text.size() && is_digit(text[at])) ++at;
    if (at == exponent) return false;
  }
  return at == text.size();
}

std::string quoted(const std::string& field) {
  std::string out(csv_write(nullptr, 0, field.data(), field.size()), '\0');
  csv_write(out.data(), out.size(), field.data(), field.size());
  return out;
}

}  // namespace

bool starts_formula(const std::string& field) {
  if (field.empty() || is_number(field)) return false;
  return std::string_view("=+-@\t\r").find(field.front()) != std::string_view::npos;
}

CsvError::CsvError(int line, const std::string& message)
    : std::runtime_error("line " + std::to_string(line) + ": " + message), line_(line) {}

std::string_view strip_bom(std::string_view text) {
  if (text.substr(0, kBom.size()) == kBom) text.remove_prefix(kBom.size());
  return text;
}

char detect_csv_delimiter(std::string_view header_line) {
  int commas = 0, semicolons = 0, tabs = 0;
  bool in_quotes = false;
  for (char c : strip_bom(header_line)) {
    if (c == '"') in_quotes = !in_quotes;
    if (in_quotes) continue;
    commas += c == ',';
    semicolons += c == ';';
    tabs += c == '\t';
  }
  if (semicolons > commas && semicolons >= tabs) return ';';
  if (tabs > commas && tabs > semicolons) return '\t';
  return ',';
}

std::string line_end_of(std::string_view text) {
  size_t newline = text.find('\n');
  return newline != std::string_view::npos && newline > 0 && text[newline - 1] == '\r' ? "\r\n"
                                                                                       : "\n";
}

std::vector<CsvRow> parse_csv(std::string_view text, char delimiter) {
  text = strip_bom(text);
  auto parser = make_parser(delimiter);
  Records records;
  // Line by line, so that an error knows its line.
  while (!text.empty()) {
    size_t newline = text.find('\n');
    size_t length = newline == std::string_view::npos ? text.size() : newline + 1;
    if (csv_parse(parser.get(), text.data(), length, end_field, end_record, &records) != length) {
      throw CsvError(records.line, std::string("misplaced quote (") +
                                       csv_strerror(csv_error(parser.get())) + ")");
    }
    text.remove_prefix(length);
    ++records.line;
  }
  if (csv_fini(parser.get(), end_field, end_record, &records) != 0) {
    throw CsvError(records.record_line, "a quoted field is never closed");
  }
  return records.rows;
}

std::string format_csv_row(const CsvRow& fields, char delimiter, bool quote_all,
                           std::string_view line_end) {
  std::string line;
  for (size_t i = 0; i < fields.size(); ++i) {
    if (i > 0) line += delimiter;
    if (starts_formula(fields[i])) {
      line += quoted("'" + fields[i]);
    } else {
      line += quote_all || needs_quotes(fields[i], delimiter) ? quoted(fields[i]) : fields[i];
    }
  }
  line += line_end;
  return line;
}

}  // namespace nn_grade::gradebook
