#include "harness/eigen_failure.h"
#include "util/count_text.h"

#include <algorithm>
#include <array>
#include <map>
#include <regex>
#include <vector>

#include <fmt/format.h>

namespace nn_grade::harness {

namespace {

constexpr std::int64_t kLargestNumber = std::int64_t{1} << 40;  // far beyond any real size

bool has(const std::string& text, const char* part) { return text.find(part) != std::string::npos; }

// Our own problems (nn_grade::server::EigenProblem) and the operations each may name.
struct OwnProblem {
  std::uint8_t code;
  EigenMistake mistake;
  std::vector<std::string> operations;
  int sizes_from;  // numbers from this one on are sizes (never below zero)
};

const std::vector<OwnProblem>& own_problems() {
  static const std::vector<OwnProblem> problems = {
      {1, EigenMistake::kProduct, {"*"}, 0},
      {2, EigenMistake::kCoefficientWise, {"+", "-", "+=", "-="}, 0},
      {3, EigenMistake::kRowIndex, {"row"}, 1},
      {4, EigenMistake::kColumnIndex, {"col"}, 1},
      {5, EigenMistake::kCoefficientIndex, {"()"}, 2},
  };
  return problems;
}

std::string shape(std::int64_t rows, std::int64_t cols) {
  return fmt::format("({}, {})", rows, cols);
}

std::string capitalised(std::string text) {
  if (!text.empty() && text[0] >= 'a' && text[0] <= 'z')
    text[0] = static_cast<char>(text[0] - 'a' + 'A');
  return text;
}

// "row indices go from 0 to 5", or that there are none.
std::string index_range(std::int64_t count, const char* what) {
  if (count <= 0) return fmt::format("it has no {}s, so no {} index is valid", what, what);
  return fmt::format("{} indices go from 0 to {}", what, count - 1);
}

std::string product_details(const std::int64_t* n) {
  std::string text = fmt::format(
      "{} times {}: the first has {} but the second {}; in a product these must be equal.",
      shape(n[0], n[1]), shape(n[2], n[3]), util::count_text(n[1], "column"),
      util::count_text(n[2], "row"));
  if (n[1] == n[3] || n[0] == n[2]) {
    text += " Is a .transpose() missing or on the wrong factor, or are the two factors swapped?";
  } else {
    text += " Is a .transpose() missing, or are the two factors swapped?";
  }
  return text;
}

std::string coefficient_wise_details(const std::string& op, const std::int64_t* n) {
  std::string text = fmt::format("{} {} {}: both sides of {} must have the same shape.",
                                 shape(n[0], n[1]), op, shape(n[2], n[3]), op);
  if (n[0] == n[3] && n[1] == n[2]) {
    text += " One side is the other's transpose: is a .transpose() missing?";
  } else if (n[2] == 1 && n[1] == n[3] && (op == "+" || op == "-")) {
    text += " To add a row to every row, use m.rowwise() + v with v a row.";
  } else if (n[0] == 1 && n[1] == n[3] && (op == "+=" || op == "-=")) {
    text += " To sum over the rows (the batch), use .colwise().sum().";
  }
  return text;
}

// "the row index 6 is out of range" for each index of `n` outside its bounds; "" when none is.
std::string outside(std::int64_t index, std::int64_t count, const char* what) {
  if (index >= 0 && index < count) return "";
  return fmt::format("the {} index {} is out of range", what, index);
}

std::string index_details(const std::string& op, const std::int64_t* n) {
  if (op == "()") {
    std::string out = outside(n[0], n[2], "row");
    const std::string column = outside(n[1], n[3], "column");
    out += out.empty() || column.empty() ? column : " and " + column;
    return fmt::format("({}, {}) of a {} matrix: {}. {}, and {}.", n[0], n[1], shape(n[2], n[3]),
                       out, capitalised(index_range(n[2], "row")), index_range(n[3], "column"));
  }
  const char* what = op == "row" ? "row" : "column";
  return fmt::format("{}({}) of a matrix with {}: {}.", op, n[0], util::count_text(n[1], what),
                     index_range(n[1], what));
}

// What Eigen's condition says in words: the message it ends with ("... && \"aliasing detected
// during transposition, use transposeInPlace() ...\""), its string literals joined, else the
// whole condition; on one line, never cut (the protocol bounds it at 2 KiB).
std::string eigen_words(const std::string& condition) {
  std::string text = condition;
  std::replace(text.begin(), text.end(), '\n', ' ');
  const std::size_t open = text.find('"'), close = text.rfind('"');
  if (open != std::string::npos && close > open + 1) {
    static const std::regex joined(R"re("\s*")re");
    return "\"" + std::regex_replace(text.substr(open + 1, close - open - 1), joined, "") + "\"";
  }
  return text;
}

// Eigen's condition, as it reads in a sentence.
std::string eigen_check(const std::string& condition) {
  return " (Eigen's check: " + eigen_words(condition) + ")";
}

// Each mistake's headline ("a shape error in a matrix product") and, for Eigen's own assertions,
// which carry no numbers, its explanation, where CHECK stands for Eigen's condition.
struct Wording {
  const char* headline;
  const char* without_numbers;
};

const Wording& wording(EigenMistake mistake) {
  static const std::map<EigenMistake, Wording> words = {
      {EigenMistake::kProduct,
       {"a shape error in a matrix product",
        "The first factor's columns and the second's rows differ CHECK. Is a .transpose() "
        "missing, or are the two factors swapped?"}},
      {EigenMistake::kCoefficientWise,
       {"a shape error in a coefficient-wise operation",
        "Both sides of +, -, .cwiseProduct() or an array operation must have the same shape, and "
        "in m.rowwise() + v, v must be a row as wide as m CHECK."}},
      {EigenMistake::kRowIndex, {"an index out of range", ""}},
      {EigenMistake::kColumnIndex, {"an index out of range", ""}},
      {EigenMistake::kCoefficientIndex,
       {"an index out of range", "m(i, j) with an index outside the matrix CHECK."}},
      {EigenMistake::kLineIndex,
       {"an index out of range", ".row(i) or .col(j) with an index outside the matrix CHECK."}},
      {EigenMistake::kVectorIndex,
       {"an index out of range", "v(i) or v[i] with an index outside the vector CHECK."}},
      {EigenMistake::kBlock,
       {"a block outside its matrix",
        ".block(), .topRows(), .leftCols(), .segment() or the like asked for rows or columns "
        "the matrix does not have CHECK."}},
      {EigenMistake::kAssignment,
       {"a shape error in an assignment",
        "A row, column, block or fixed-size matrix cannot change its shape: the right side must "
        "have the left side's shape CHECK."}},
      {EigenMistake::kNotOneByOne,
       {"a matrix used as one number",
        "Only a (1, 1) matrix (or product) can be used as a number, e.g. with .value() CHECK."}},
      {EigenMistake::kAliasing,
       {"aliasing in a transpose",
        "A matrix is assigned an expression that reads it transposed (as in W = W.transpose()), "
        "so it would be overwritten while it is still being read CHECK."}},
      {EigenMistake::kOther, {"a failed Eigen check", "Eigen refused an operation CHECK."}},
  };
  return words.at(mistake);
}

std::string details(const EigenFailure& failure) {
  if (!failure.has_numbers) {
    std::string text = wording(failure.mistake).without_numbers;
    const std::size_t at = text.find(" CHECK");
    return at == std::string::npos ? text : text.replace(at, 6, eigen_check(failure.condition));
  }
  switch (failure.mistake) {
    case EigenMistake::kProduct:
      return product_details(failure.numbers);
    case EigenMistake::kCoefficientWise:
      return coefficient_wise_details(failure.operation, failure.numbers);
    default:
      return index_details(failure.operation, failure.numbers);
  }
}

}  // namespace

EigenMistake classify_eigen_condition(const std::string& c) {
  if (has(c, "invalid matrix product") || has(c, "lhs.cols() == rhs.rows()")) {
    return EigenMistake::kProduct;
  }
  if (has(c, "aLhs.rows() == aRhs.rows()")) return EigenMistake::kCoefficientWise;
  if (has(c, "BlockRows==1") && has(c, "i<xpr.rows()")) return EigenMistake::kLineIndex;
  if (has(c, "row >= 0 && row < rows()")) return EigenMistake::kCoefficientIndex;
  if (has(c, "index >= 0 && index < size()")) return EigenMistake::kVectorIndex;
  if (has(c, "startRow >= 0")) return EigenMistake::kBlock;
  if (has(c, "this->rows() == 1 && this->cols() == 1")) return EigenMistake::kNotOneByOne;
  if (has(c, "aliasing detected")) return EigenMistake::kAliasing;
  if (has(c, "dst.rows() ==") || has(c, "rows()==other.rows()") ||
      has(c, "DenseBase::resize() does not actually allow") ||
      has(c, "rows == this->rows() && cols == this->cols()")) {
    return EigenMistake::kAssignment;
  }
  return EigenMistake::kOther;
}

std::string student_location(const std::string& text) {
  static const std::regex place(R"((layers|model|losses|optimizer)\.cpp:[1-9][0-9]{0,5})");
  return std::regex_match(text, place) ? text : "";
}

std::optional<EigenFailure> read_eigen_failure(protocol::Reader& reply) {
  const std::uint8_t code = reply.u8();
  EigenFailure failure;
  for (std::int64_t& n : failure.numbers) n = reply.i64();
  const std::string text = reply.text();
  failure.location = student_location(reply.text());
  if (!reply.ok() || !reply.at_end()) return std::nullopt;
  if (code == 0) {
    failure.condition = text;
    failure.mistake = classify_eigen_condition(text);
    return failure;
  }
  const auto& problems = own_problems();
  auto problem = std::find_if(problems.begin(), problems.end(),
                              [&](const OwnProblem& p) { return p.code == code; });
  if (problem == problems.end()) return std::nullopt;
  const auto& ops = problem->operations;
  if (std::find(ops.begin(), ops.end(), text) == ops.end()) return std::nullopt;
  for (int i = 0; i < 4; ++i) {
    const std::int64_t n = failure.numbers[i];
    if (n > kLargestNumber || n < -kLargestNumber || (i >= problem->sizes_from && n < 0)) {
      return std::nullopt;
    }
  }
  failure.mistake = problem->mistake;
  failure.has_numbers = true;
  failure.operation = text;
  return failure;
}

std::string explain_eigen_failure(const std::string& function, const EigenFailure& failure) {
  return fmt::format("{} stopped on {}{}.\n{}", function, wording(failure.mistake).headline,
                     failure.location.empty() ? "" : ", at " + failure.location, details(failure));
}

}  // namespace nn_grade::harness
