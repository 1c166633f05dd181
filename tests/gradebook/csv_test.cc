// gradebook/csv: reading and writing CSV as Canvas and spreadsheets do.
#include "gradebook/csv.h"

#include <gtest/gtest.h>

namespace nn_grade {

namespace gradebook {
namespace {

using Rows = std::vector<CsvRow>;

TEST(CsvTest, ReadsQuotedFieldsWithDelimitersQuotesAndLineBreaks) {
  Rows rows = parse_csv(
      "Student,ID\r\n\"Doe, Jane\",1\r\n\"O\"\"Brien, Sean\",2\r\n\"two\nlines\",3\r\n", ',');
  EXPECT_EQ(
      rows,
      (Rows{{"Student", "ID"}, {"Doe, Jane", "1"}, {"O\"Brien, Sean", "2"}, {"two\nlines", "3"}}));
}

TEST(CsvTest, KeepsSpacesAndEmptyFields) {
  Rows rows = parse_csv("    Points Possible,,, 5 \n", ',');
  EXPECT_EQ(rows, (Rows{{"    Points Possible", "", "", " 5 "}}));
}

TEST(CsvTest, SkipsTheByteOrderMark) {
  EXPECT_EQ(parse_csv("\xEF\xBB\xBFStudent,ID\n", ','), (Rows{{"Student", "ID"}}));
  EXPECT_EQ(strip_bom("\xEF\xBB\xBFx"), "x");
  EXPECT_EQ(strip_bom("x"), "x");
}

TEST(CsvTest, ReadsSemicolonsAndTabs) {
  EXPECT_EQ(parse_csv("Student;ID\n\"Doe; Jane\";1,5\n", ';'),
            (Rows{{"Student", "ID"}, {"Doe; Jane", "1,5"}}));
  EXPECT_EQ(parse_csv("a\tb c\n", '\t'), (Rows{{"a", "b c"}}));
}

TEST(CsvTest, ReadsALastLineWithoutLineEnd) {
  EXPECT_EQ(parse_csv("a,b\nc,d", ','), (Rows{{"a", "b"}, {"c", "d"}}));
}

TEST(CsvTest, DetectsTheDelimiterOutsideQuotes) {
  EXPECT_EQ(detect_csv_delimiter("Student,ID,SIS User ID,Section"), ',');
  EXPECT_EQ(detect_csv_delimiter("\xEF\xBB\xBFStudent;ID;SIS User ID;\"Quiz 1, part 2 (77)\""),
            ';');
  EXPECT_EQ(detect_csv_delimiter("Student\tID\tSection"), '\t');
  EXPECT_EQ(detect_csv_delimiter("Student"), ',');
}

TEST(CsvTest, KnowsTheLineEnd) {
  EXPECT_EQ(line_end_of("a,b\r\nc\r\n"), "\r\n");
  EXPECT_EQ(line_end_of("a,b\nc\n"), "\n");
  EXPECT_EQ(line_end_of("a,b"), "\n");
}

TEST(CsvTest, NamesTheLineOfAMisplacedQuote) {
  try {
    parse_csv("a,b\nc,d\ne,\"f\"g\n", ',');
    FAIL() << "no error";
  } catch (const CsvError& error) {
    EXPECT_EQ(error.line(), 3);
    EXPECT_EQ(std::string(error.what()).rfind("line 3: ", 0), 0u) << error.what();
  }
}

TEST(CsvTest, NamesTheLineWhereAnUnclosedQuoteStarts) {
  try {
    parse_csv("a,b\n\"c,d\ne,f\ng,h\n", ',');
    FAIL() << "no error";
  } catch (const CsvError& error) {
    EXPECT_EQ(error.line(), 2) << error.what();
  }
}

TEST(CsvTest, QuotesEveryFieldWhenAsked) {
  EXPECT_EQ(format_csv_row({"Doe, Jane", "48213", "", "say \"hi\""}),
            "\"Doe, Jane\",\"48213\",\"\",\"say \"\"hi\"\"\"\n");
  EXPECT_EQ(format_csv_row({"a", "b"}, ';', true, "\r\n"), "\"a\";\"b\"\r\n");
}

TEST(CsvTest, QuotesOnlyWhatNeedsItOtherwise) {
  EXPECT_EQ(format_csv_row({"alice", "87.5", "a,b", "x;y", "q\"", " pad", ""}, ',', false),
            "alice,87.5,\"a,b\",x;y,\"q\"\"\",\" pad\",\n");
}

TEST(CsvTest, ReadsBackWhatItWrites) {
  CsvRow row{"Doe, Jane", "O\"Brien", "two\r\nlines", "", "    Points Possible", "garcíamaría"};
  EXPECT_EQ(
      parse_csv(format_csv_row(row, ';', true, "\r\n") + format_csv_row(row, ';', false), ';'),
      (Rows{row, row}));
}

TEST(CsvTest, WritesACellThatStartsAFormulaAsQuotedText) {
  EXPECT_EQ(
      format_csv_row({"=HYPERLINK(\"http://x\",\"Regrade\")", "+1+cmd", "-2+3", "@SUM(A1)"}, ',',
                     false),
      "\"'=HYPERLINK(\"\"http://x\"\",\"\"Regrade\"\")\",\"'+1+cmd\",\"'-2+3\",\"'@SUM(A1)\"\n");
  EXPECT_EQ(format_csv_row({"\tx", "\r=1", "-"}, ';', true), "\"'\tx\";\"'\r=1\";\"'-\"\n");
  // Read back, the cell is the text with its quote: a spreadsheet shows it, and runs nothing.
  EXPECT_EQ(parse_csv(format_csv_row({"=1+1"}, ','), ','), (Rows{{"'=1+1"}}));
}

TEST(CsvTest, KeepsNumbersThatStartWithASignAsNumbers) {
  EXPECT_EQ(format_csv_row({"-3", "-0.5", "+12", "-1,5", "-2e-3", "87.5"}, ';', false),
            "-3;-0.5;+12;-1,5;-2e-3;87.5\n");
  EXPECT_FALSE(starts_formula("-3"));
  EXPECT_TRUE(starts_formula("-3-"));
  EXPECT_TRUE(starts_formula("-e5"));
  EXPECT_FALSE(starts_formula("alice"));
}

}  // namespace
}  // namespace gradebook

}  // namespace nn_grade
