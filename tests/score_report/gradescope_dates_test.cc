// score/gradescope_dates: the students' own dates in Gradescope's submission_metadata.json, as
// Gradescope writes it (gradescope/autograder_samples issue 60: users[].assignment).
#include "score/gradescope_dates.h"

#include <gtest/gtest.h>

#include <fstream>

#include "fixtures.h"
#include "score/late_policy.h"

namespace nn_grade {

namespace {

const char kAssignment[] =
    R"("assignment": {"id": 1482034, "title": "Coursework 3",
                      "release_date": "2026-11-01T09:00:00.000000+00:00",
                      "due_date": "2026-11-29T23:00:00.000000+00:00",
                      "late_due_date": "2026-12-02T23:00:00.000000+00:00",
                      "total_points": "100.0", "group_submission": true, "group_size": 2})";

// A user as Gradescope lists them, with their own dates.
std::string user(int id, const std::string& due, const std::string& late_due) {
  return R"({"id": )" + std::to_string(id) + R"(, "email": "s)" + std::to_string(id) +
         R"(@example.com", "name": "Student", "sid": null, "assignment": {"release_date":
         "2026-11-01T09:00:00.000000+00:00", "due_date": ")" +
         due + R"(", "late_due_date": )" + late_due + "}}";
}

score::SubmissionDates read(const std::string& created_at, const std::string& users) {
  const std::filesystem::path file = fixtures::scratch_folder() / "submission_metadata.json";
  std::ofstream(file) << R"({"id": 87184652, "created_at": ")" << created_at << R"(", )"
                      << kAssignment << R"(, "users": [)" << users
                      << R"(], "previous_submissions": []})";
  score::SubmissionDates dates;
  std::string err;
  EXPECT_TRUE(score::read_submission_dates(file, &dates, &err)) << err;
  return dates;
}

const char kOnDue[] = "2026-11-29T23:00:00.000000+00:00";
const char kExtended[] = "2026-12-03T23:00:00.000000+00:00";
const char kLateDue[] = R"("2026-12-02T23:00:00.000000+00:00")";

// Submitted a day after the assignment's due date, before the student's extended one.
TEST(GradescopeDatesTest, AStudentWithAnExtensionIsOnTimeBeforeTheirOwnDueDate) {
  const score::SubmissionDates dates =
      read("2026-11-30T23:00:00.000000+00:00", user(1, kExtended, R"("2026-12-05T23:00:00Z")"));
  EXPECT_TRUE(dates.own_dates);
  EXPECT_TRUE(dates.extended());
  EXPECT_EQ(dates.seconds_late(), -3 * 86400);
  EXPECT_EQ(score::apply_late_policy({10.0, 100.0, 0.0}, dates.seconds_late(), 80.0).score_after,
            80.0);
  EXPECT_EQ(dates.due_date_text, kExtended);
  EXPECT_EQ(dates.late_due_date, score::parse_iso8601("2026-12-05T23:00:00Z"));
}

TEST(GradescopeDatesTest, AStudentWithoutOneIsLateAfterTheAssignmentsDueDate) {
  const score::SubmissionDates dates =
      read("2026-11-30T23:00:00.000000+00:00", user(1, kOnDue, kLateDue));
  EXPECT_FALSE(dates.extended());
  EXPECT_EQ(dates.seconds_late(), 86400);
  EXPECT_FALSE(dates.after_late_due_date());
}

// One member has an extension, the other not: the group has the later dates.
TEST(GradescopeDatesTest, AGroupHasTheLatestOfItsMembersDates) {
  const score::SubmissionDates dates =
      read("2026-11-30T23:00:00.000000+00:00", user(1, kOnDue, kLateDue) + ", " +
                                                   user(2, kExtended, R"("2026-12-06T23:00:00Z")") +
                                                   ", " + user(3, kOnDue, "null"));
  EXPECT_TRUE(dates.extended());
  EXPECT_EQ(dates.seconds_late(), -3 * 86400);
  EXPECT_EQ(dates.late_due_date, score::parse_iso8601("2026-12-06T23:00:00Z"));
}

// Gradescope's documented format, whose users carry no dates: the assignment's.
TEST(GradescopeDatesTest, UsersWithoutDatesGetTheAssignments) {
  const score::SubmissionDates dates = read("2026-12-03T00:00:00Z", R"({"id": 1, "name": "S"})");
  EXPECT_FALSE(dates.own_dates);
  EXPECT_FALSE(dates.extended());
  EXPECT_EQ(dates.seconds_late(), 3 * 86400 + 3600);
  EXPECT_TRUE(dates.after_late_due_date()) << "after 2026-12-02T23:00";
}

TEST(GradescopeDatesTest, MetadataWithoutTimesSaysWhatIsMissing) {
  const std::filesystem::path file = fixtures::scratch_folder() / "submission_metadata.json";
  std::ofstream(file) << R"({"created_at": "yesterday", "assignment": {}, "users": []})";
  score::SubmissionDates dates;
  std::string err;
  EXPECT_FALSE(score::read_submission_dates(file, &dates, &err));
  EXPECT_TRUE(fixtures::contains(err, "has no created_at and due_date times")) << err;
  EXPECT_FALSE(score::read_submission_dates(file.parent_path() / "none.json", &dates, &err));
  EXPECT_TRUE(fixtures::contains(err, "cannot read")) << err;
}

}  // namespace

}  // namespace nn_grade
