// The helpers every stage shares: one of each, tested here once.
#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "util/absolute_path.h"
#include "util/count_text.h"
#include "util/file_text.h"
#include "util/inert_text.h"
#include "util/points_text.h"
#include "util/text_columns.h"
#include "util/utf8_locale.h"

namespace nn_grade {

namespace {

namespace fs = std::filesystem;

TEST(CountTextTest, SaysTheCountWithItsNounInTheSingularOnlyForOne) {
  EXPECT_EQ(util::count_text(1, "check"), "1 check");
  EXPECT_EQ(util::count_text(0, "student"), "0 students");
  EXPECT_EQ(util::count_text(27, "check"), "27 checks");
}

TEST(PointsTextTest, WritesPlainNumbers) {
  EXPECT_EQ(util::points_text(87.5), "87.5");
  EXPECT_EQ(util::points_text(100.0), "100");
  EXPECT_EQ(util::points_text(0.0), "0");
  EXPECT_EQ(util::points_text(-0.0001), "0");
  EXPECT_EQ(util::points_text(12.0 + 1.0 / 3.0), "12.33");
  EXPECT_EQ(util::points_text(2.999999999), "3");
  EXPECT_EQ(util::points_text(0.05), "0.05");
  EXPECT_EQ(util::points_text(-2.5), "-2.5");
}

TEST(AbsolutePathTest, IsTheCurrentFoldersWithoutDotsOrATrailingSeparator) {
  const fs::path here = fs::current_path();
  EXPECT_EQ(util::absolute_path("relcache"), here / "relcache");
  EXPECT_EQ(util::absolute_path("out/./a/../b/"), here / "out" / "b");
  EXPECT_EQ(util::absolute_path("/srv/out/"), fs::path("/srv/out"));
  EXPECT_EQ(util::absolute_path("/"), fs::path("/"));
}

TEST(InertTextTest, KeepsPlainTextNewlinesTabsAndEveryLanguage) {
  const std::string text =
      "layers.cpp:12: error\n\tGarc\u00eda \u00e9t\u00e9 \u4e2d\u6587 \U0001F600";
  EXPECT_EQ(util::inert_text(text), text);
}

TEST(InertTextTest, DropsAScreenClearAndTheColoursWhole) {
  EXPECT_EQ(util::inert_text("\x1b[2Jcleared \x1b[1;31mred\x1b[0m \x1b[?25l"), "cleared red ");
}

TEST(InertTextTest, DropsAnOsc8LinkButKeepsItsVisibleText) {
  EXPECT_EQ(util::inert_text("\x1b]8;;https://evil.example/\x07"
                             "CLICK-TO-REGRADE\x1b]8;;\x07!"),
            "CLICK-TO-REGRADE!");
  EXPECT_EQ(util::inert_text("\x1b]0;new title\x1b\\after"), "after");
}

TEST(InertTextTest, DropsC0ButNewlineAndTabAndDel) {
  EXPECT_EQ(util::inert_text(std::string("a\rb\bc\x07"
                                         "d\0e\x7f\x1f",
                                         11) +
                             "f\n\tg"),
            "abcdef\n\tg");
}

TEST(InertTextTest, DropsC1ControlsAndTheirSequences) {
  // U+009B is CSI and U+009D OSC in their 8-bit form; U+0085 (NEL) is a lone control.
  EXPECT_EQ(util::inert_text("a\u009b2Jb\u009d8;;x\u009cc\u0085d"), "abcd");
}

TEST(InertTextTest, AStringCommandThatNeverEndsLosesOnlyItsIntroducer) {
  EXPECT_EQ(util::inert_text("\x1b]8;;https://x no end"), "8;;https://x no end");
  EXPECT_EQ(util::inert_text("trailing \x1b"), "trailing ");
}

TEST(InertTextTest, InvalidUtf8BecomesReplacementCharacters) {
  EXPECT_EQ(util::inert_text("a\x9b"
                             "2Jb\xff\xc2"),
            "a\uFFFD"
            "2Jb\uFFFD\uFFFD");
  EXPECT_EQ(util::inert_text("\xc0\xaf"), "\uFFFD\uFFFD");  // an overlong "/"
}

class ReadFileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string pattern = (fs::temp_directory_path() / "util-test-XXXXXX").string();
    ASSERT_NE(mkdtemp(pattern.data()), nullptr);
    dir_ = pattern;
  }
  void TearDown() override { fs::remove_all(dir_); }
  fs::path dir_;
};

TEST_F(ReadFileTest, ReadsEveryByte) {
  const std::string bytes("a\0b\r\n\xff", 6);
  std::ofstream(dir_ / "f", std::ios::binary) << bytes;
  std::string contents, err;
  ASSERT_TRUE(util::read_file(dir_ / "f", &contents, &err)) << err;
  EXPECT_EQ(contents, bytes);
}

TEST_F(ReadFileTest, AnEmptyFileIsEmpty) {
  std::ofstream(dir_ / "empty").close();
  std::string contents = "old", err;
  ASSERT_TRUE(util::read_file(dir_ / "empty", &contents, &err)) << err;
  EXPECT_EQ(contents, "");
}

TEST_F(ReadFileTest, AMissingFileOrAFolderSaysWhyAndLeavesTheContents) {
  std::string contents = "old", err;
  EXPECT_FALSE(util::read_file(dir_ / "missing", &contents, &err));
  EXPECT_NE(err.find("cannot read " + (dir_ / "missing").string() + ": No such file"),
            std::string::npos)
      << err;
  EXPECT_EQ(contents, "old");
  EXPECT_FALSE(util::read_file(dir_, &contents, &err));
  EXPECT_NE(err.find("Is a directory"), std::string::npos) << err;
}

TEST(TextColumnsTest, CountsCodePointsNotBytes) {
  EXPECT_EQ(util::text_columns(""), 0u);
  EXPECT_EQ(util::text_columns("abc"), 3u);
  EXPECT_EQ(util::text_columns("García · ok"), 11u);
}

TEST(TextColumnsTest, FitsWithoutCuttingACodePoint) {
  EXPECT_EQ(util::fit_columns("García", 4), "Garc");
  EXPECT_EQ(util::fit_columns("García", 5), "Garcí");
  EXPECT_EQ(util::fit_columns("ab", 10), "ab");
  EXPECT_EQ(util::fit_columns("··", 1), "·");
}

}  // namespace

namespace {

TEST(Utf8LocaleTest, OnlyAUtf8CodesetIsUtf8) {
  EXPECT_TRUE(util::utf8_locale(nullptr, nullptr, "en_GB.UTF-8"));
  EXPECT_TRUE(util::utf8_locale("", "", "C.utf8"));
  EXPECT_TRUE(util::utf8_locale(nullptr, nullptr, "de_DE.UTF-8@euro"));
  EXPECT_FALSE(util::utf8_locale(nullptr, nullptr, "C"));
  EXPECT_FALSE(util::utf8_locale(nullptr, nullptr, "POSIX"));
  EXPECT_FALSE(util::utf8_locale(nullptr, nullptr, "en_US.ISO-8859-1"));
  EXPECT_FALSE(util::utf8_locale(nullptr, nullptr, nullptr));  // no locale: POSIX's
}

TEST(Utf8LocaleTest, TheFirstVariableSetDecidesAsPosixReadsThem) {
  EXPECT_FALSE(util::utf8_locale("C", "en_GB.UTF-8", "en_GB.UTF-8"));  // LANG=... LC_ALL=C
  EXPECT_TRUE(util::utf8_locale(nullptr, "en_GB.UTF-8", "C"));
  EXPECT_FALSE(util::utf8_locale("", "POSIX", "en_GB.UTF-8"));
}

}  // namespace

}  // namespace nn_grade
