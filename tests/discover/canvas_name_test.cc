// The Canvas file-name parser, on names like those Canvas writes and some it never does.
#include "discover/canvas_name.h"

#include <gtest/gtest.h>

namespace nn_grade {

namespace discover {
namespace {

struct NameCase {
  const char* file_name;
  const char* sortable_name;  // nullptr: not a Canvas name
  bool late;
  const char* user_id;
  const char* attachment_id;
  const char* original_name;
};

std::ostream& operator<<(std::ostream& out, const NameCase& c) { return out << c.file_name; }

class CanvasNameTest : public testing::TestWithParam<NameCase> {};

TEST_P(CanvasNameTest, ParsesAloneAsCanvasWouldMeanIt) {
  const NameCase& c = GetParam();
  std::optional<CanvasFileName> parsed = parse_canvas_file_name(c.file_name);
  if (c.sortable_name == nullptr) {
    EXPECT_FALSE(parsed.has_value()) << "read as user " << parsed->user_id;
    return;
  }
  ASSERT_TRUE(parsed.has_value());
  EXPECT_EQ(parsed->sortable_name, c.sortable_name);
  EXPECT_EQ(parsed->late, c.late);
  EXPECT_EQ(parsed->user_id, c.user_id);
  EXPECT_EQ(parsed->attachment_id, c.attachment_id);
  EXPECT_EQ(parsed->original_name, c.original_name);
}

INSTANTIATE_TEST_SUITE_P(
    Names, CanvasNameTest,
    testing::Values(NameCase{"doejane_48213_7712301_layers.cpp", "doejane", false, "48213",
                             "7712301", "layers.cpp"},
                    NameCase{"doejane_late_48213_7712301_layers.cpp", "doejane", true, "48213",
                             "7712301", "layers.cpp"},
                    NameCase{"doejane_LATE_48213_7712301_model.cpp", "doejane", true, "48213",
                             "7712301", "model.cpp"},
                    NameCase{"doejane_Late_48213_7712301_model.cpp", "doejane", true, "48213",
                             "7712301", "model.cpp"},
                    NameCase{"o_brien2sean_48214_7712302_losses.cpp", "o_brien2sean", false,
                             "48214", "7712302", "losses.cpp"},
                    NameCase{"o_brien2_48214_7712302_losses.cpp", "o_brien2", false, "48214",
                             "7712302", "losses.cpp"},
                    NameCase{"smith_joneskim_late_48215_7712303_optimizer.cpp", "smith_joneskim",
                             true, "48215", "7712303", "optimizer.cpp"},
                    NameCase{"garcíamaría_48216_7712304_layers.cpp", "garcíamaría", false, "48216",
                             "7712304", "layers.cpp"},
                    NameCase{"zhōuxīn_LATE_48217_7712305_model.cpp", "zhōuxīn", true, "48217",
                             "7712305", "model.cpp"},
                    NameCase{"müller_schmidtjörg_48218_7712306_layers.cpp", "müller_schmidtjörg",
                             false, "48218", "7712306", "layers.cpp"},
                    // Original names with underscores and numbers of their own.
                    NameCase{"doejane_48213_7712301_layers_v2.cpp", "doejane", false, "48213",
                             "7712301", "layers_v2.cpp"},
                    NameCase{"doejane_48213_7712301_cw_3_4_layers.cpp", "doejane", false, "48213",
                             "7712301", "cw_3_4_layers.cpp"},
                    NameCase{"doejane_48213_7712301_2_layers.cpp", "doejane", false, "48213",
                             "7712301", "2_layers.cpp"},
                    NameCase{"doejane_late_48213_7712301_2020_10_report.pdf", "doejane", true,
                             "48213", "7712301", "2020_10_report.pdf"},
                    NameCase{"doejane_48213_7712301_late_fix.cpp", "doejane", false, "48213",
                             "7712301", "late_fix.cpp"},
                    NameCase{"doejane_48213_7712301_my layers (final).cpp", "doejane", false,
                             "48213", "7712301", "my layers (final).cpp"},
                    NameCase{"doejane_48213_7712301__layers.cpp", "doejane", false, "48213",
                             "7712301", "_layers.cpp"},
                    // Re-uploads keep their suffix here; reupload_revision reads it.
                    NameCase{"doejane_48213_7712399_layers-1.cpp", "doejane", false, "48213",
                             "7712399", "layers-1.cpp"},
                    NameCase{"doejane_48213_7712399_layers-12.cpp", "doejane", false, "48213",
                             "7712399", "layers-12.cpp"},
                    // "late" is the flag only right before the user id.
                    NameCase{"late_48213_7712301_layers.cpp", "late", false, "48213", "7712301",
                             "layers.cpp"},
                    NameCase{"lee_late_late_48219_7712307_layers.cpp", "lee_late", true, "48219",
                             "7712307", "layers.cpp"},
                    NameCase{"chocolatekim_48220_7712308_layers.cpp", "chocolatekim", false,
                             "48220", "7712308", "layers.cpp"},
                    NameCase{"doejane_lately_48213_7712301_layers.cpp", "doejane_lately", false,
                             "48213", "7712301", "layers.cpp"},
                    NameCase{"doejane_1_2_x", "doejane", false, "1", "2", "x"},
                    // Not Canvas's names.
                    NameCase{"layers.cpp", nullptr, false, "", "", ""},
                    NameCase{"README.txt", nullptr, false, "", "", ""},
                    NameCase{"doejane_48213_layers.cpp", nullptr, false, "", "", ""},
                    NameCase{"doejane_48213_text.html", nullptr, false, "", "", ""},
                    NameCase{"48213_7712301_layers.cpp", nullptr, false, "", "", ""},
                    NameCase{"_48213_7712301_layers.cpp", nullptr, false, "", "", ""},
                    NameCase{"doejane_48213_7712301_", nullptr, false, "", "", ""},
                    NameCase{"doejane_48213_7712301", nullptr, false, "", "", ""},
                    NameCase{"doejane_48a13_7712301_layers.cpp", nullptr, false, "", "", ""},
                    NameCase{"doejane_-48213_7712301_layers.cpp", nullptr, false, "", "", ""},
                    NameCase{"doe jane 48213 7712301 layers.cpp", nullptr, false, "", "", ""},
                    NameCase{"", nullptr, false, "", "", ""}));

TEST(CanvasNameTest, ListsEverySplitLeftmostFirst) {
  std::vector<CanvasFileName> splits = canvas_name_splits("smith_2_48213_7712301_layers.cpp");
  ASSERT_EQ(splits.size(), 2u);
  EXPECT_EQ(splits[0].sortable_name, "smith");
  EXPECT_EQ(splits[0].user_id, "2");
  EXPECT_EQ(splits[1].sortable_name, "smith_2");
  EXPECT_EQ(splits[1].user_id, "48213");
}

TEST(CanvasNameTest, RefusesSplitsThatMakeANameCanvasNeverWrites) {
  // Every later split takes the real ids into the name: two numbers in a row.
  std::optional<CanvasFileName> parsed =
      parse_canvas_file_name("doejane_48213_7712301_5_7712302_x.cpp");
  ASSERT_TRUE(parsed.has_value());
  EXPECT_EQ(parsed->user_id, "48213");
  EXPECT_EQ(parsed->original_name, "5_7712302_x.cpp");
}

struct RevisionCase {
  const char* original_name;
  const char* plain_name;
  int number;
};

std::ostream& operator<<(std::ostream& out, const RevisionCase& c) {
  return out << c.original_name;
}

class ReuploadTest : public testing::TestWithParam<RevisionCase> {};

TEST_P(ReuploadTest, StripsCanvasAndBrowserSuffixes) {
  Revision revision = reupload_revision(GetParam().original_name);
  EXPECT_EQ(revision.plain_name, GetParam().plain_name);
  EXPECT_EQ(revision.number, GetParam().number);
}

INSTANTIATE_TEST_SUITE_P(Names, ReuploadTest,
                         testing::Values(RevisionCase{"layers.cpp", "layers.cpp", 0},
                                         RevisionCase{"layers-1.cpp", "layers.cpp", 1},
                                         RevisionCase{"layers-2.cpp", "layers.cpp", 2},
                                         RevisionCase{"layers-13.cpp", "layers.cpp", 13},
                                         RevisionCase{"layers (1).cpp", "layers.cpp", 1},
                                         RevisionCase{"layers(2).cpp", "layers.cpp", 2},
                                         RevisionCase{"layers_v2.cpp", "layers_v2.cpp", 0},
                                         RevisionCase{"layers2.cpp", "layers2.cpp", 0},
                                         RevisionCase{"cw-2024.pdf", "cw-2024.pdf", 0},
                                         RevisionCase{"Makefile-1", "Makefile", 1},
                                         RevisionCase{"-1.cpp", "-1.cpp", 0},
                                         RevisionCase{".hidden-1", ".hidden", 1},
                                         RevisionCase{"a.tar-1.gz", "a.tar.gz", 1},
                                         RevisionCase{"layers-.cpp", "layers-.cpp", 0}));

}  // namespace
}  // namespace discover

}  // namespace nn_grade
