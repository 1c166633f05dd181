// gradebook/canvas_import: OUT/canvas-import.csv from Canvas's gradebook export.
#include "gradebook/canvas_import.h"

#include <gtest/gtest.h>

#include "temp_dir.h"

namespace gradebook {
namespace {

namespace fs = std::filesystem;
using testing_files::read_file;
using testing_files::TempDir;
using testing_files::write_file;

const char kBom[] = "\xEF\xBB\xBF";

// As Canvas exports it: BOM, CRLF, a Manual Posting row, Points Possible, Test Student last.
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

grading::SubmissionResult result(const std::string& key, const std::string& status, double score,
                                 const std::string& canvas_user_id = "") {
  grading::SubmissionResult r;
  r.submission = key;
  r.status = status;
  r.score = score;
  r.max_score = 100.0;
  if (!canvas_user_id.empty()) {
    r.extra["canvas_user_id"] = canvas_user_id;
    r.extra["sortable_name"] = key.substr(0, key.rfind('_'));
  }
  return r;
}

struct Imported {
  CanvasMatch match;
  std::string text;
};

Imported import(const std::string& gradebook, const std::vector<grading::SubmissionResult>& results,
                const std::string& assignment = "Coursework 3") {
  TempDir temp;
  write_file(temp.path() / "gradebook.csv", gradebook);
  CanvasMatch match = write_canvas_import(temp.path() / "gradebook.csv", assignment, 100.0, results,
                                          temp.path() / "out" / "canvas-import.csv");
  return {match, read_file(temp.path() / "out" / "canvas-import.csv")};
}

TEST(CanvasImportTest, FillsTheAssignmentColumnOfCanvasExport) {
  Imported imported =
      import(canvas_export(), {result("doejane_48213", "graded", 87.5, "48213"),
                               result("garcíamaría_48216", "build_failed", 0.0, "48216")});
  EXPECT_EQ(imported.text,
            std::string(kBom) +
                "\"Student\",\"ID\",\"SIS User ID\",\"SIS Login ID\",\"Section\",\"Coursework 3 "
                "(12345)\"\r\n"
                "\"\",\"\",\"\",\"\",\"\",\"Manual Posting\"\r\n"
                "\"    Points Possible\",\"\",\"\",\"\",\"\",\"100\"\r\n"
                "\"Doe, Jane\",\"48213\",\"s1001\",\"jdoe\",\"CS2 Lab A\",\"87.5\"\r\n"
                "\"García, María\",\"48216\",\"s1002\",\"mgarcia\",\"CS2 Lab A\",\"0\"\r\n"
                "\"Smith, Alex\",\"48220\",\"s1003\",\"asmith\",\"CS2 Lab B\",\"\"\r\n"
                "\"Student, Test\",\"48299\",\"\",\"\",\"CS2 Lab A\",\"\"\r\n");
  EXPECT_EQ(imported.match.assignment_column, "Coursework 3 (12345)");
  EXPECT_EQ(imported.match.students_without_submission,
            std::vector<std::string>{"Smith, Alex (ID 48220)"});
  EXPECT_TRUE(imported.match.unmatched_submissions.empty());
}

TEST(CanvasImportTest, ScoresTheTestStudentWhenItSubmitted) {
  Imported imported =
      import(canvas_export(), {result("studenttest_48299", "graded", 100, "48299")});
  EXPECT_NE(imported.text.find("\"Student, Test\",\"48299\",\"\",\"\",\"CS2 Lab A\",\"100\"\r\n"),
            std::string::npos);
}

TEST(CanvasImportTest, GivesZeroForMissingFilesAndBlankForAGraderError) {
  Imported imported =
      import(canvas_export(), {result("doejane_48213", "missing_files", 0, "48213"),
                               result("smithalex_48220", "grader_error", 0, "48220")});
  EXPECT_NE(imported.text.find("\"jdoe\",\"CS2 Lab A\",\"0\"\r\n"), std::string::npos);
  EXPECT_NE(imported.text.find("\"asmith\",\"CS2 Lab B\",\"\"\r\n"), std::string::npos);
  EXPECT_EQ(imported.match.left_blank, std::vector<std::string>{"Smith, Alex (ID 48220)"});
}

TEST(CanvasImportTest, ListsSubmissionsWithNoStudentRow) {
  Imported imported = import(canvas_export(), {result("droppedkim_50001", "graded", 70, "50001"),
                                               result("nobody", "graded", 10)});
  EXPECT_EQ(imported.match.unmatched_submissions,
            (std::vector<std::string>{"droppedkim_50001", "nobody"}));
  EXPECT_EQ(imported.match.students_without_submission.size(), 3u);
}

TEST(CanvasImportTest, MatchesByIdThenSisLoginThenFolderName) {
  grading::SubmissionResult by_login = result("whatever", "graded", 20);
  by_login.extra["sis_login_id"] = "MGarcia";
  Imported imported =
      import(canvas_export(), {
                                  result("jdoe", "graded", 11),  // folder = login, but...
                                  result("doejane_48213", "graded", 10, "48213"),  // ...the ID wins
                                  by_login, result("48220", "graded", 30),         // folder = ID
                              });
  EXPECT_NE(imported.text.find("\"jdoe\",\"CS2 Lab A\",\"10\""), std::string::npos);
  EXPECT_NE(imported.text.find("\"mgarcia\",\"CS2 Lab A\",\"20\""), std::string::npos);
  EXPECT_NE(imported.text.find("\"asmith\",\"CS2 Lab B\",\"30\""), std::string::npos);
  EXPECT_EQ(imported.match.unmatched_submissions, std::vector<std::string>{"jdoe"});
}

TEST(CanvasImportTest, MatchesFolderNamesAfterTheSisLoginOrSisUserId) {
  Imported imported =
      import(canvas_export(), {result("JDoe", "graded", 1), result("s1002", "graded", 2)});
  EXPECT_NE(imported.text.find("\"jdoe\",\"CS2 Lab A\",\"1\""), std::string::npos);
  EXPECT_NE(imported.text.find("\"mgarcia\",\"CS2 Lab A\",\"2\""), std::string::npos);
}

TEST(CanvasImportTest, KeepsTheExportsDelimiterAndLineEndsWithoutSisUserId) {
  std::string gradebook =
      "Student;ID;SIS Login ID;Section;\"Coursework 3 (12345)\";Current Score\n"
      "    Points Possible;;;;100,00;(read only)\n"
      "\"Doe; Jane\";48213;jdoe;CS2;;\n";
  Imported imported = import(gradebook, {result("jdoe", "graded", 50)});
  EXPECT_EQ(imported.text,
            "\"Student\";\"ID\";\"SIS Login ID\";\"Section\";\"Coursework 3 (12345)\"\n"
            "\"    Points Possible\";\"\";\"\";\"\";\"100\"\n"
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
  EXPECT_NE(text.find("\"    Points Possible\",\"\",\"\",\"\",\"\",\"100\""), std::string::npos);
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
  EXPECT_THROW(write_canvas_import("/nonexistent/gradebook.csv", "x", 1, {}, "/tmp/x.csv"),
               CanvasError);
}

}  // namespace
}  // namespace gradebook
