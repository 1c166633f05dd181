#include "harness/eigen_failure.h"

#include <gtest/gtest.h>

namespace nn_grade {

namespace harness {
namespace {

protocol::Reader facts(std::uint8_t problem, std::vector<std::int64_t> numbers,
                       const std::string& text, const std::string& location = "") {
  protocol::Writer w;
  w.u8(problem);
  for (std::int64_t n : numbers) w.i64(n);
  w.text(text);
  w.text(location);
  return protocol::Reader(w.bytes());
}

// Eigen 3.4's transpose-aliasing assertion as eigen_assert's #x spells it.
const char* const kAliasingCondition =
    "(!check_transpose_aliasing_run_time_selector <typename Derived::Scalar,blas_traits<Derived>"
    "::IsTransposed,OtherDerived> ::run(extract_data(dst), other)) && \"aliasing detected during "
    "transposition, use transposeInPlace() \" \"or evaluate the rhs into a temporary using "
    ".eval()\"";

std::string explained(protocol::Reader reader) {
  std::optional<EigenFailure> failure = read_eigen_failure(reader);
  return failure ? explain_eigen_failure("Linear::backward", *failure) : "(malformed)";
}

TEST(EigenFailure, EigenConditionsAreClassifiedByTheirText) {
  EXPECT_EQ(classify_eigen_condition("lhs.cols() == rhs.rows() && \"invalid matrix product\" && "
                                     "\"if you wanted a coeff-wise or a dot product use the "
                                     "respective explicit functions\""),
            EigenMistake::kProduct);
  EXPECT_EQ(classify_eigen_condition("aLhs.rows() == aRhs.rows() && aLhs.cols() == aRhs.cols()"),
            EigenMistake::kCoefficientWise);
  EXPECT_EQ(classify_eigen_condition(
                "(i>=0) && ( ((BlockRows==1) && (BlockCols==XprType::ColsAtCompileTime) && "
                "i<xpr.rows()) ||((BlockRows==XprType::RowsAtCompileTime) && (BlockCols==1) && "
                "i<xpr.cols()))"),
            EigenMistake::kLineIndex);
  EXPECT_EQ(classify_eigen_condition("row >= 0 && row < rows() && col >= 0 && col < cols()"),
            EigenMistake::kCoefficientIndex);
  EXPECT_EQ(classify_eigen_condition("index >= 0 && index < size()"), EigenMistake::kVectorIndex);
  EXPECT_EQ(classify_eigen_condition("startRow >= 0 && blockRows >= 0 && startRow <= xpr.rows() "
                                     "- blockRows && startCol >= 0"),
            EigenMistake::kBlock);
  EXPECT_EQ(classify_eigen_condition("dst.rows() == dstRows && dst.cols() == dstCols"),
            EigenMistake::kAssignment);
  EXPECT_EQ(classify_eigen_condition("rows == this->rows() && cols == this->cols() && "
                                     "\"DenseBase::resize() does not actually allow to resize.\""),
            EigenMistake::kAssignment);
  EXPECT_EQ(classify_eigen_condition("m_isInitialized && \"LLT is not initialized.\""),
            EigenMistake::kOther);
  EXPECT_EQ(classify_eigen_condition(kAliasingCondition), EigenMistake::kAliasing);
}

// Eigen's message is its words to the student: shown whole, however long the condition before it.
TEST(EigenFailure, EigensMessageIsShownWhole) {
  const std::string text = explained(facts(0, {0, 0, 0, 0}, kAliasingCondition));
  EXPECT_EQ(text.rfind("Linear::backward stopped on aliasing in a transpose.\n", 0), 0u) << text;
  EXPECT_NE(text.find("\"aliasing detected during transposition, use transposeInPlace() or "
                      "evaluate the rhs into a temporary using .eval()\""),
            std::string::npos)
      << text;
  EXPECT_EQ(text.find("shape"), std::string::npos) << text;
  const std::string other = explained(
      facts(0, {0, 0, 0, 0}, "xpr.rows()>0 && xpr.cols()>0 && \"you are using an empty matrix\""));
  EXPECT_NE(other.find("Eigen refused an operation (Eigen's check: \"you are using an empty "
                       "matrix\")."),
            std::string::npos)
      << other;
}

TEST(EigenFailure, AProductNamesBothShapes) {
  const std::string text = explained(facts(1, {6, 3, 4, 3}, "*"));
  EXPECT_EQ(text,
            "Linear::backward stopped on a shape error in a matrix product.\n"
            "(6, 3) times (4, 3): the first has 3 columns but the second 4 rows; in a product "
            "these must be equal. Is a .transpose() missing or on the wrong factor, or are the "
            "two factors swapped?");
}

TEST(EigenFailure, AnIndexNamesItselfAndItsBoundsAndGuessesNoCause) {
  EXPECT_EQ(explained(facts(3, {6, 6, 0, 0}, "row")),
            "Linear::backward stopped on an index out of range.\n"
            "row(6) of a matrix with 6 rows: row indices go from 0 to 5.");
  EXPECT_EQ(explained(facts(5, {2, 7, 6, 3}, "()")),
            "Linear::backward stopped on an index out of range.\n"
            "(2, 7) of a (6, 3) matrix: the column index 7 is out of range. Row indices go "
            "from 0 to 5, and column indices go from 0 to 2.");
}

// m(j, i) for m(i, j) on a matrix that is not square: the index that is out is named, the loop
// is not guessed at.
TEST(EigenFailure, ASwappedIndexNamesTheIndexOutOfRangeAndNoLoop) {
  const std::string text = explained(facts(5, {3, 1, 2, 4}, "()"));
  EXPECT_NE(text.find("(3, 1) of a (2, 4) matrix: the row index 3 is out of range. Row indices "
                      "go from 0 to 1, and column indices go from 0 to 3."),
            std::string::npos)
      << text;
  EXPECT_EQ(text.find("loop"), std::string::npos) << text;
  EXPECT_NE(explained(facts(5, {-1, 9, 2, 4}, "()"))
                .find("the row index -1 is out of range and the column index 9 is out of range"),
            std::string::npos);
}

TEST(EigenFailure, ACoefficientWiseOperationNamesBothShapesAndTheUsualFix) {
  const std::string text = explained(facts(2, {1, 4, 6, 4}, "+="));
  EXPECT_NE(text.find("(1, 4) += (6, 4): both sides of += must have the same shape."),
            std::string::npos)
      << text;
  EXPECT_NE(text.find(".colwise().sum()"), std::string::npos) << text;
}

TEST(EigenFailure, EigensOwnConditionIsWordedWithoutNumbers) {
  const std::string text =
      explained(facts(0, {0, 0, 0, 0}, "aLhs.rows() == aRhs.rows() && aLhs.cols() == aRhs.cols()"));
  EXPECT_EQ(text.rfind("Linear::backward stopped on a shape error in a coefficient-wise "
                       "operation.\n",
                       0),
            0u)
      << text;
  EXPECT_NE(text.find("Eigen's check: aLhs.rows() == aRhs.rows()"), std::string::npos) << text;
}

// The facts come from the student's process: anything a server of ours would not send is no
// report at all.
TEST(EigenFailure, MalformedOrImplausibleFactsAreRefused) {
  EXPECT_EQ(explained(facts(9, {6, 3, 4, 3}, "*")), "(malformed)");     // unknown problem
  EXPECT_EQ(explained(facts(1, {6, 3, 4, 3}, "+")), "(malformed)");     // wrong operation
  EXPECT_EQ(explained(facts(1, {-6, 3, 4, 3}, "*")), "(malformed)");    // a negative size
  EXPECT_EQ(explained(facts(3, {6, -1, 0, 0}, "row")), "(malformed)");  // a negative count
  EXPECT_EQ(explained(facts(1, {std::int64_t{1} << 50, 3, 4, 3}, "*")), "(malformed)");
  EXPECT_EQ(explained(facts(1, {6, 3, 4}, "*")), "(malformed)");  // cut short
  protocol::Writer extra;
  extra.u8(1);
  for (int i = 0; i < 4; ++i) extra.i64(3);
  extra.text("*");
  extra.text("");
  extra.u8(0);
  protocol::Reader trailing(extra.bytes());
  EXPECT_FALSE(read_eigen_failure(trailing));  // bytes left over
  // A negative index is the student's mistake, not a malformed report.
  EXPECT_NE(explained(facts(3, {-1, 6, 0, 0}, "row")).find("row(-1)"), std::string::npos);
}

TEST(EigenFailure, TheStudentsLineIsNamedInTheFirstLine) {
  EXPECT_EQ(explained(facts(3, {6, 6, 0, 0}, "row", "layers.cpp:25"))
                .rfind("Linear::backward stopped on an index out of range, at layers.cpp:25.\n", 0),
            0u);
}

// The location is the student's process's word too: only a line of one of their four files.
TEST(EigenFailure, OnlyAPlaceInTheStudentsFilesIsALocation) {
  EXPECT_EQ(student_location("layers.cpp:25"), "layers.cpp:25");
  EXPECT_EQ(student_location("optimizer.cpp:1"), "optimizer.cpp:1");
  EXPECT_EQ(student_location("/etc/passwd:1"), "");
  EXPECT_EQ(student_location("layers.cpp:0"), "");
  EXPECT_EQ(student_location("layers.cpp:25\nroot:x:0"), "");
  EXPECT_EQ(student_location("Eigen/src/Core/Product.h:96"), "");
  EXPECT_EQ(explained(facts(1, {6, 3, 4, 3}, "*", "/etc/shadow:3"))
                .rfind("Linear::backward stopped on a shape error in a matrix product.\n", 0),
            0u);
}

}  // namespace
}  // namespace harness

}  // namespace nn_grade
