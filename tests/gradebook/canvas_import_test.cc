// gradebook/canvas_import: OUT/canvas-import.csv from Canvas's gradebook export.
#include "gradebook/canvas_import.h"

#include <gtest/gtest.h>

#include "temp_dir.h"

namespace nn_grade {

namespace gradebook {
namespace {

namespace fs = std::filesystem;
using testing_files::read_file;
using testing_files::TempDir;
using testing_files::write_file;

const char kBom[] = "\xEF\xBB\xBF";

// As Canvas exports it: BOM, CRLF, a Manual Posting row, Points Possible, Test Student last.
// Columns and special rows as instructure/canvas-lms app/models/gradebook_importer.rb reads them
// (row_has_student_headers?, update_column_count, check_for_non_student_row, process_pp).
std::string canvas_export() {
  return std::string(kBom) +
         "Student,ID,SIS User ID,SIS Login ID,Section,Coursework 2 (12301),Coursework 3 (12345),"
         "Current Points,Final Points,Current Score,Final Score\r\n"
         ",,,,,,Manual Posting,,,,\r\n"
         "    Points Possible,,,,,50.00,100.00,(read only),(read only),(read only),(read only)\r\n"
         "\"Doe, Jane\",48213,s1001,jdoe,CS2 Lab A,40.00,,40.00,40.00,80.00,80.00\r\n"
         "\"García, María\",48216,s1002,mgarcia,CS2 Lab A,45.00,,45.00,45.00,90.00,90.00\r\n"
         "\"Smith, Alex\",48220,s1003,asmith,CS2 Lab B,30.00,,30.00,30.00,60.00,60.00\r\n"
         "\"Student, Test\",48299,,,CS2 Lab A,,,,,,\r\n";
}

using protocol::SubmissionStatus;

protocol::SubmissionResult result(const std::string& key, protocol::SubmissionStatus status,
                                  double score, const std::string& canvas_user_id = "") {
  protocol::SubmissionResult r;
  r.submission = key;
  r.status = status;
  r.score = score;
  r.max_score = 100.0;
  if (!canvas_user_id.empty()) {
    r.canvas_user_id = canvas_user_id;
    r.sortable_name = key.substr(0, key.rfind('_'));
  }
  return r;
}

struct Imported {
  CanvasMatch match;
  std::string text;
};

Imported import(const std::string& gradebook,
                const std::vector<protocol::SubmissionResult>& results,
                const std::string& assignment = "Coursework 3",
                MissingSubmission missing = MissingSubmission::kLeaveOut) {
  TempDir temp;
  write_file(temp.path() / "gradebook.csv", gradebook);
  CanvasMatch match =
      write_canvas_import(temp.path() / "gradebook.csv", {assignment, 100.0, missing}, results,
                          temp.path() / "out" / "canvas-import.csv");
  return {match, read_file(temp.path() / "out" / "canvas-import.csv")};
}

TEST(CanvasImportTest, FillsTheAssignmentColumnOfCanvasExport) {
  Imported imported = import(
      canvas_export(), {result("doejane_48213", SubmissionStatus::kGraded, 87.5, "48213"),
                        result("garcíamaría_48216", SubmissionStatus::kBuildFailed, 0.0, "48216")});
  EXPECT_EQ(imported.text,
            std::string(kBom) +
                "\"Student\",\"ID\",\"SIS User ID\",\"SIS Login ID\",\"Section\",\"Coursework 3 "
                "(12345)\"\r\n"
                "\"\",\"\",\"\",\"\",\"\",\"Manual Posting\"\r\n"
                "\"    Points Possible\",\"\",\"\",\"\",\"\",\"100.00\"\r\n"
                "\"Doe, Jane\",\"48213\",\"s1001\",\"jdoe\",\"CS2 Lab A\",\"87.5\"\r\n"
                "\"García, María\",\"48216\",\"s1002\",\"mgarcia\",\"CS2 Lab A\",\"0\"\r\n");
  EXPECT_EQ(imported.match.assignment_column, "Coursework 3 (12345)");
  EXPECT_EQ(imported.match.students_without_submission,
            std::vector<std::string>{"Smith, Alex (ID 48220)"});
  EXPECT_TRUE(imported.match.unmatched_submissions.empty());
  EXPECT_TRUE(imported.match.changes.empty());
  EXPECT_EQ(imported.match.scale, 1.0);
}

TEST(CanvasImportTest, ScoresTheTestStudentWhenItSubmitted) {
  Imported imported = import(
      canvas_export(), {result("studenttest_48299", SubmissionStatus::kGraded, 100, "48299")});
  EXPECT_NE(imported.text.find("\"Student, Test\",\"48299\",\"\",\"\",\"CS2 Lab A\",\"100\"\r\n"),
            std::string::npos);
}

TEST(CanvasImportTest, GivesZeroForMissingFilesAndLeavesOutAGraderError) {
  Imported imported = import(
      canvas_export(), {result("doejane_48213", SubmissionStatus::kMissingFiles, 0, "48213"),
                        result("smithalex_48220", SubmissionStatus::kGraderError, 0, "48220")});
  EXPECT_NE(imported.text.find("\"jdoe\",\"CS2 Lab A\",\"0\"\r\n"), std::string::npos);
  EXPECT_EQ(imported.text.find("asmith"), std::string::npos) << imported.text;
  EXPECT_EQ(imported.match.left_out, std::vector<std::string>{"Smith, Alex (ID 48220)"});
}

TEST(CanvasImportTest, ListsSubmissionsWithNoStudentRow) {
  Imported imported =
      import(canvas_export(), {result("droppedkim_50001", SubmissionStatus::kGraded, 70, "50001"),
                               result("nobody", SubmissionStatus::kGraded, 10),
                               result("doejane_48213", SubmissionStatus::kGraded, 10, "48213"),
                               result("garciamaria_48216", SubmissionStatus::kGraded, 9, "48216"),
                               result("smithalex_48220", SubmissionStatus::kGraded, 8, "48220")});
  EXPECT_EQ(imported.match.unmatched_submissions,
            (std::vector<std::string>{"droppedkim_50001", "nobody"}));
  EXPECT_TRUE(imported.match.students_without_submission.empty());
}

// Another course's gradebook: no submission of this class is in it. One message says so, and
// no import is written that would give nobody a grade (or, with zeros, everyone a 0).
TEST(CanvasImportTest, AForeignGradebookStopsWithOneMessageAndWritesNothing) {
  TempDir temp;
  write_file(temp.path() / "gradebook.csv", canvas_export());
  const std::vector<protocol::SubmissionResult> results = {
      result("okaforchidi_61213", SubmissionStatus::kGraded, 70, "61213"),
      result("byrneaoife_61305", SubmissionStatus::kGraded, 60, "61305"),
      result("doejane_48213", SubmissionStatus::kGraded, 50, "48213")};
  try {
    write_canvas_import(temp.path() / "gradebook.csv",
                        {"Coursework 3", 100.0, MissingSubmission::kZero}, results,
                        temp.path() / "canvas-import.csv");
    ADD_FAILURE() << "a foreign gradebook was accepted";
  } catch (const CanvasError& error) {
    const std::string what = error.what();
    EXPECT_NE(what.find("2 of the 3 submissions match no student in " +
                        (temp.path() / "gradebook.csv").string()),
              std::string::npos)
        << what;
    EXPECT_NE(what.find("another course's gradebook. No Canvas import was written."),
              std::string::npos)
        << what;
  }
  EXPECT_FALSE(fs::exists(temp.path() / "canvas-import.csv"));
  EXPECT_THROW(check_submissions_match(temp.path() / "gradebook.csv", results), CanvasError);
  EXPECT_NO_THROW(check_submissions_match(temp.path() / "gradebook.csv", {results[0], results[2]}))
      << "half is not most";
}

TEST(CanvasImportTest, MatchesByIdThenFolderName) {
  protocol::SubmissionResult by_login =
      result("MGarcia", SubmissionStatus::kGraded, 20);  // folder = login
  Imported imported =
      import(canvas_export(),
             {
                 result("jdoe", SubmissionStatus::kGraded, 11),  // folder = login, but...
                 result("doejane_48213", SubmissionStatus::kGraded, 10, "48213"),  // ...the ID wins
                 by_login, result("48220", SubmissionStatus::kGraded, 30),         // folder = ID
             });
  EXPECT_NE(imported.text.find("\"jdoe\",\"CS2 Lab A\",\"10\""), std::string::npos);
  EXPECT_NE(imported.text.find("\"mgarcia\",\"CS2 Lab A\",\"20\""), std::string::npos);
  EXPECT_NE(imported.text.find("\"asmith\",\"CS2 Lab B\",\"30\""), std::string::npos);
  EXPECT_EQ(imported.match.unmatched_submissions, std::vector<std::string>{"jdoe"});
}

TEST(CanvasImportTest, MatchesFolderNamesAfterTheSisLoginOrSisUserId) {
  Imported imported = import(canvas_export(), {result("JDoe", SubmissionStatus::kGraded, 1),
                                               result("s1002", SubmissionStatus::kGraded, 2)});
  EXPECT_NE(imported.text.find("\"jdoe\",\"CS2 Lab A\",\"1\""), std::string::npos);
  EXPECT_NE(imported.text.find("\"mgarcia\",\"CS2 Lab A\",\"2\""), std::string::npos);
}

TEST(CanvasImportTest, KeepsTheExportsDelimiterAndLineEndsWithoutSisUserId) {
  std::string gradebook =
      "Student;ID;SIS Login ID;Section;\"Coursework 3 (12345)\";Current Score\n"
      "    Points Possible;;;;100,00;(read only)\n"
      "\"Doe; Jane\";48213;jdoe;CS2;;\n";
  Imported imported = import(gradebook, {result("jdoe", SubmissionStatus::kGraded, 50)});
  EXPECT_EQ(imported.text,
            "\"Student\";\"ID\";\"SIS Login ID\";\"Section\";\"Coursework 3 (12345)\"\n"
            "\"    Points Possible\";\"\";\"\";\"\";\"100,00\"\n"
            "\"Doe; Jane\";\"48213\";\"jdoe\";\"CS2\";\"50\"\n");
}

TEST(CanvasImportTest, FindsTheAssignmentByIdOrWholeTitle) {
  EXPECT_EQ(import(canvas_export(), {}, "12301").match.assignment_column, "Coursework 2 (12301)");
  EXPECT_EQ(import(canvas_export(), {}, "Coursework 3 (12345)").match.assignment_column,
            "Coursework 3 (12345)");
}

TEST(CanvasImportTest, DropsAManualPostingRowThatIsNotThisAssignments) {
  std::string text = import(canvas_export(), {}, "12301").text;
  EXPECT_EQ(text.find("Manual Posting"), std::string::npos);
  EXPECT_NE(text.find("\"    Points Possible\",\"\",\"\",\"\",\"\",\"50.00\""), std::string::npos);
}

std::string error_of(const std::string& gradebook, const std::string& assignment) {
  try {
    import(gradebook, {}, assignment);
  } catch (const CanvasError& error) {
    return error.what();
  }
  return "no error";
}

TEST(CanvasImportTest, StopsWhenTheAssignmentIsAbsentAndListsTheColumns) {
  std::string message = error_of(canvas_export(), "Coursework 4");
  EXPECT_NE(message.find("no assignment \"Coursework 4\""), std::string::npos) << message;
  EXPECT_NE(message.find("\"Coursework 2 (12301)\", \"Coursework 3 (12345)\""), std::string::npos)
      << message;
}

TEST(CanvasImportTest, StopsWhenTheAssignmentIsAmbiguous) {
  std::string gradebook =
      "Student,ID,SIS Login ID,Section,Coursework 3 (12345),Coursework 3 (12399)\n"
      "\"Doe, Jane\",48213,jdoe,CS2,,\n";
  std::string message = error_of(gradebook, "Coursework 3");
  EXPECT_NE(message.find("more than one assignment"), std::string::npos) << message;
  EXPECT_NE(message.find("Give the assignment's id"), std::string::npos) << message;
  EXPECT_EQ(import(gradebook, {}, "12399").match.assignment_column, "Coursework 3 (12399)");
}

TEST(CanvasImportTest, StopsOnAFileThatIsNotAGradebook) {
  EXPECT_NE(error_of("name,score\nalice,3\n", "Coursework 3").find("not Canvas's gradebook export"),
            std::string::npos);
  EXPECT_NE(error_of("Student,ID\n\"Doe, Jane,1\n", "x").find("line 2"), std::string::npos);
  EXPECT_THROW(write_canvas_import("/nonexistent/gradebook.csv", {"x", 1}, {}, "/tmp/x.csv"),
               CanvasError);
}

// A grade a TA entered by hand (Smith: an extension, 18.50; Doe: an oral exam, 95.00) in the
// export. Canvas treats a blank cell over an existing score as removing it
// (instructure/canvas-lms app/models/gradebook_importer.rb, no_change_to_value?: blank against a
// score is not "no change"), and leaves a student with no row alone.
std::string export_with_hand_entered_grades() {
  return "Student,ID,SIS User ID,SIS Login ID,Section,Coursework 3 (12345),Final Score\n"
         "    Points Possible,,,,,100.00,(read only)\n"
         "\"Doe, Jane\",48213,s1001,jdoe,CS2 Lab A,95.00,95.00\n"
         "\"García, María\",48216,s1002,mgarcia,CS2 Lab A,87.50,87.50\n"
         "\"Smith, Alex\",48220,s1003,asmith,CS2 Lab B,18.50,18.50\n"
         "\"Kim, Lee\",48230,s1004,lkim,CS2 Lab B,EX,\n"
         "\"Student, Test\",48299,,,CS2 Lab A,,\n";
}

TEST(CanvasImportTest, LeavesOutStudentsWithoutASubmissionSoNoGradeIsErased) {
  Imported imported =
      import(export_with_hand_entered_grades(),
             {result("garcíamaría_48216", SubmissionStatus::kGraded, 87.5, "48216")});
  EXPECT_EQ(imported.text,
            "\"Student\",\"ID\",\"SIS User ID\",\"SIS Login ID\",\"Section\",\"Coursework 3 "
            "(12345)\"\n"
            "\"    Points Possible\",\"\",\"\",\"\",\"\",\"100.00\"\n"
            "\"García, María\",\"48216\",\"s1002\",\"mgarcia\",\"CS2 Lab A\",\"87.5\"\n");
  EXPECT_EQ(imported.match.students_without_submission,
            (std::vector<std::string>{"Doe, Jane (ID 48213)", "Smith, Alex (ID 48220)",
                                      "Kim, Lee (ID 48230)"}));
  EXPECT_TRUE(imported.match.changes.empty()) << "87.50 and 87.5 are the same grade to Canvas";
}

TEST(CanvasImportTest, ListsEveryGradeAlreadyInCanvasThatTheImportReplaces) {
  Imported imported = import(export_with_hand_entered_grades(),
                             {result("doejane_48213", SubmissionStatus::kGraded, 61.25, "48213"),
                              result("kimlee_48230", SubmissionStatus::kBuildFailed, 0, "48230")});
  ASSERT_EQ(imported.match.changes.size(), 2u);
  EXPECT_EQ(canvas_changes_csv(imported.match.changes),
            "Student,ID,In Canvas now,After import\n"
            "\"Doe, Jane\",48213,95.00,61.25\n"
            "\"Kim, Lee\",48230,EX,0\n");
}

TEST(CanvasImportTest, ZeroForMissingWritesZeroAndListsTheGradesItReplaces) {
  Imported imported =
      import(export_with_hand_entered_grades(), {}, "Coursework 3", MissingSubmission::kZero);
  EXPECT_NE(imported.text.find("\"asmith\",\"CS2 Lab B\",\"0\"\n"), std::string::npos)
      << imported.text;
  EXPECT_EQ(imported.text.find("Student, Test"), std::string::npos) << imported.text;
  EXPECT_EQ(canvas_changes_csv(imported.match.changes),
            "Student,ID,In Canvas now,After import\n"
            "\"Doe, Jane\",48213,95.00,0\n"
            "\"García, María\",48216,87.50,0\n"
            "\"Smith, Alex\",48220,18.50,0\n"
            "\"Kim, Lee\",48230,EX,0\n");
}

// A spreadsheet set to a decimal comma writes and reads semicolons: the changes file beside a
// semicolon export is one too, so that it opens in columns where the export did.
TEST(CanvasImportTest, TheChangesFileUsesTheExportsDelimiter) {
  std::string gradebook =
      "Student;ID;SIS Login ID;Section;\"Coursework 3 (12345)\";Current Score\n"
      "    Points Possible;;;;100,00;(read only)\n"
      "\"Doe; Jane\";48213;jdoe;CS2;95,00;\n";
  Imported imported = import(gradebook, {result("jdoe", SubmissionStatus::kGraded, 50.5)});
  EXPECT_EQ(imported.match.delimiter, ';');
  EXPECT_EQ(canvas_changes_csv(imported.match.changes, imported.match.delimiter),
            "Student;ID;In Canvas now;After import\n"
            "\"Doe; Jane\";48213;95,00;50.5\n");
  EXPECT_EQ(import(canvas_export(), {}).match.delimiter, ',');
}

TEST(CanvasImportTest, NoChangesIsAHeaderAlone) {
  EXPECT_EQ(canvas_changes_csv({}), "Student,ID,In Canvas now,After import\n");
}

// A 20-point assignment: the Points Possible row is what Canvas sets the assignment's worth
// from (gradebook_importer.rb, process_pp), so it keeps Canvas's 20.00 and scores are scaled.
TEST(CanvasImportTest, ScalesScoresToTheAssignmentsPointsPossibleAndKeepsThem) {
  std::string gradebook =
      "Student,ID,SIS User ID,SIS Login ID,Section,Coursework 3 (12345)\n"
      "    Points Possible,,,,,20.00\n"
      "\"Doe, Jane\",48213,s1001,jdoe,CS2 Lab A,\n"
      "\"Smith, Alex\",48220,s1003,asmith,CS2 Lab B,20.00\n";
  Imported imported =
      import(gradebook, {result("doejane_48213", SubmissionStatus::kGraded, 87.5, "48213"),
                         result("smithalex_48220", SubmissionStatus::kGraded, 100, "48220")});
  EXPECT_EQ(imported.text,
            "\"Student\",\"ID\",\"SIS User ID\",\"SIS Login ID\",\"Section\",\"Coursework 3 "
            "(12345)\"\n"
            "\"    Points Possible\",\"\",\"\",\"\",\"\",\"20.00\"\n"
            "\"Doe, Jane\",\"48213\",\"s1001\",\"jdoe\",\"CS2 Lab A\",\"17.5\"\n"
            "\"Smith, Alex\",\"48220\",\"s1003\",\"asmith\",\"CS2 Lab B\",\"20\"\n");
  ASSERT_TRUE(imported.match.canvas_points.has_value());
  EXPECT_EQ(*imported.match.canvas_points, 20.0);
  EXPECT_DOUBLE_EQ(imported.match.scale, 0.2);
  EXPECT_TRUE(imported.match.changes.empty()) << "20.00 is the scaled 100";
}

TEST(CanvasImportTest, WithoutAPointsPossibleRowWritesNoneAndDoesNotScale) {
  std::string gradebook =
      "Student,ID,Section,Coursework 3 (12345)\n"
      "\"Doe, Jane\",48213,CS2 Lab A,\n";
  Imported imported =
      import(gradebook, {result("doejane_48213", SubmissionStatus::kGraded, 87.5, "48213")});
  EXPECT_EQ(imported.text,
            "\"Student\",\"ID\",\"Section\",\"Coursework 3 (12345)\"\n"
            "\"Doe, Jane\",\"48213\",\"CS2 Lab A\",\"87.5\"\n");
  EXPECT_FALSE(imported.match.canvas_points.has_value());
  EXPECT_EQ(imported.match.scale, 1.0);
}

// The variant with last and first names apart, as in canvas-lms
// spec/models/gradebook_importer_spec.rb ("recognizes last and first name columns"):
//   LastName,FirstName,ID,Section,Assignment 1,Final Score
TEST(CanvasImportTest, ReadsTheExportWithLastAndFirstNamesApart) {
  std::string gradebook =
      "LastName,FirstName,ID,SIS User ID,SIS Login ID,Section,Coursework 3 (12345),Final Score\n"
      "Points Possible,,,,,,100.00,(read only)\n"
      "\"Doe\",\"Jane\",48213,s1001,jdoe,CS2 Lab A,,\n"
      "\"Smith\",\"Alex\",48220,s1003,asmith,CS2 Lab B,40.00,\n"
      "\"\",\"Winston\",48225,s1005,winston,CS2 Lab B,,\n"
      "\"Student\",\"Test\",48299,,,CS2 Lab A,,\n";
  Imported imported =
      import(gradebook, {result("doejane_48213", SubmissionStatus::kGraded, 87.5, "48213")});
  EXPECT_EQ(imported.text,
            "\"LastName\",\"FirstName\",\"ID\",\"SIS User ID\",\"SIS Login ID\",\"Section\","
            "\"Coursework 3 (12345)\"\n"
            "\"Points Possible\",\"\",\"\",\"\",\"\",\"\",\"100.00\"\n"
            "\"Doe\",\"Jane\",\"48213\",\"s1001\",\"jdoe\",\"CS2 Lab A\",\"87.5\"\n");
  EXPECT_EQ(imported.match.students_without_submission,
            (std::vector<std::string>{"Smith, Alex (ID 48220)", "Winston (ID 48225)"}));
}

TEST(CanvasImportTest, ReadsNumbersAsCanvasDoes) {
  EXPECT_EQ(canvas_number("87.50"), 87.5);
  EXPECT_EQ(canvas_number("87,5"), 87.5);
  EXPECT_EQ(canvas_number("1.234,5"), 1234.5);
  EXPECT_EQ(canvas_number(" 20 "), 20.0);
  EXPECT_FALSE(canvas_number("").has_value());
  EXPECT_FALSE(canvas_number("-").has_value());
  EXPECT_FALSE(canvas_number("EX").has_value());
  EXPECT_FALSE(canvas_number("(read only)").has_value());
}

}  // namespace
}  // namespace gradebook

}  // namespace nn_grade
