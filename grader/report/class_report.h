// The class at a glance: what a batch's results say about the class, worked out once so that
// the page (report_html.h) only lays it out: who needs a look first, how the scores spread,
// which parts of backprop the class passed, which named mistakes it made and who made them.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "protocol/result.h"
#include "report/class_summary.h"
#include "report/score_changes.h"

namespace nn_grade::report {

// What produced the results, so a page printed months later still says how it was graded.
struct ReportSource {
  std::string title;   // the rubric's title: "Coursework 3"
  std::string rubric;  // its file
  std::uint64_t seed = 0;
  std::string grader_version;
  std::string isolation_policy;  // the rubric's or --isolation's: auto, sandbox, ...
  std::string written_at;        // when the page was written, as a person reads it
};

// One student's row: how the submission ended (a grader error is in no count of the class) and,
// when graded, whether any check passed.
struct StudentRow {
  std::string submission;
  protocol::SubmissionStatus status = protocol::SubmissionStatus::kGraded;
  bool nothing_passed = false;  // graded, and no check passed: 0, an untouched template, say
  double score = 0.0;
  double max_score = 0.0;
  bool late = false;
  std::vector<std::string> failed_checks;  // ids of the checks that ran and lost points
  std::vector<std::size_t> mistakes;       // indices into ClassReport::mistakes
  std::vector<std::string> missing_files;
};

// How many of the class passed one check (or every check of one part). `counted` is every
// submission but grader errors and those where the check did not run (skipped, the grader's
// fault); a submission that did not build counts and passed nothing.
struct PassShare {
  std::string id;  // check id, or component id
  std::string title;
  int passed = 0;
  int counted = 0;
};

struct ComponentShare {
  PassShare component;
  std::vector<PassShare> checks;  // in the catalog's order
};

// A mistake the checks named (CheckResult::diagnosis) on one check, and who made it.
struct NamedMistake {
  std::string check_id;
  std::string check_title;
  std::string code;                   // protocol/mistakes.h
  std::vector<std::size_t> students;  // indices into ClassReport::students
};

struct ClassReport {
  ClassSummary summary;                    // counts, histogram, median, mean
  std::vector<StudentRow> students;        // those that need a look first, then as given
  std::vector<ComponentShare> components;  // the catalog's order: the lecture's
  std::vector<NamedMistake> mistakes;      // most students first, then the catalog's order
  std::vector<ScoreChange> changes;        // since the last run into the same OUT
  std::vector<std::string> isolations;     // the containments the checks ran under
  ReportSource source;
};

ClassReport build_class_report(const std::vector<protocol::SubmissionResult>& results,
                               std::vector<ScoreChange> changes, ReportSource source);

// Did not build, missing files, the grader's error, or no check passed: what a TA must look at
// first.
bool needs_a_look(const StudentRow& row);

}  // namespace nn_grade::report
