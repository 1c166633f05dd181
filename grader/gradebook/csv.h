// CSV as spreadsheets and Canvas write it: a thin layer over libcsv.
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace nn_grade::gradebook {

using CsvRow = std::vector<std::string>;

// Malformed CSV. what() starts "line N: ".
class CsvError : public std::runtime_error {
 public:
  CsvError(int line, const std::string& message);
  int line() const { return line_; }

 private:
  int line_;
};

// `text` without a leading UTF-8 byte-order mark.
std::string_view strip_bom(std::string_view text);

// ',' ';' or '\t': whichever the header line holds most of outside quotes; ',' when none.
char detect_csv_delimiter(std::string_view header_line);

// "\r\n" when the first line ends so, else "\n": write back what the file used.
std::string line_end_of(std::string_view text);

// Every record, fields as written: spaces kept, quotes removed, "" read as ". A leading BOM is
// skipped, blank lines are skipped. Throws CsvError with the line of a misplaced quote or of a
// quoted field that is never closed.
std::vector<CsvRow> parse_csv(std::string_view text, char delimiter);

// Whether a spreadsheet would read `field` as a formula: it starts with '=', '+', '-', '@', a
// tab or a carriage return (OWASP's "CSV Injection"), and it is not a number ("-3" stays one).
bool starts_formula(const std::string& field);

// One record with its line end. quote_all quotes every field (Canvas's import wants that);
// otherwise only fields that need it (a delimiter, a quote, a line break, an outer space). A
// field that starts a formula is written as text, as OWASP advises: a single quote before it,
// the whole in double quotes ("=HYPERLINK(...)" becomes "'=HYPERLINK(...)").
std::string format_csv_row(const CsvRow& fields, char delimiter = ',', bool quote_all = true,
                           std::string_view line_end = "\n");

}  // namespace nn_grade::gradebook
