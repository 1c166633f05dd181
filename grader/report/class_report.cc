#include "report/class_report.h"

#include <algorithm>
#include <map>
#include <set>
#include <utility>

#include "protocol/catalog.h"
#include "report/components.h"
#include "report/wording.h"

namespace nn_grade::report {
namespace {

enum class CheckOutcome { kPassed, kLostPoints, kNotCounted };

// The only two places this file reads a status: how a check and a submission ended.
CheckOutcome outcome_of(const protocol::CheckResult& check) {
  if (check.status == protocol::CheckStatus::kSkipped ||
      check.status == protocol::CheckStatus::kGraderError) {
    return CheckOutcome::kNotCounted;
  }
  return needs_attention(check) ? CheckOutcome::kLostPoints : CheckOutcome::kPassed;
}

// Graded check by check (whatever the score): in the class's shares and named mistakes.
bool was_graded(const protocol::SubmissionResult& result) {
  return result.status == protocol::SubmissionStatus::kGraded;
}

StudentRow row_of(const protocol::SubmissionResult& result) {
  StudentRow row;
  row.submission = result.submission;
  row.status = result.status;
  row.nothing_passed =
      was_graded(result) && result.score <= 0 &&
      std::none_of(result.checks.begin(), result.checks.end(), [](const protocol::CheckResult& c) {
        return outcome_of(c) == CheckOutcome::kPassed;
      });
  row.score = result.score;
  row.max_score = result.max_score;
  row.late = result.late;
  row.missing_files = result.missing_files;
  if (!was_graded(result)) return row;
  for (const protocol::CheckResult& check : result.checks) {
    if (outcome_of(check) == CheckOutcome::kLostPoints) row.failed_checks.push_back(check.id);
  }
  return row;
}

// The catalog's position of a check id; unknown ids (an older result) last.
std::size_t catalog_rank(const std::string& id) {
  const auto& all = protocol::all_checks();
  const auto found = std::find_if(all.begin(), all.end(),
                                  [&](const protocol::CheckInfo& c) { return c.id == id; });
  return static_cast<std::size_t>(found - all.begin());
}

// Passing shares over the `graded` results and `not_built` more that passed nothing, for the
// checks the results hold, in the catalog's order.
std::vector<ComponentShare> pass_shares(
    const std::vector<const protocol::SubmissionResult*>& graded, int not_built) {
  std::set<std::string> present;
  for (const protocol::SubmissionResult* result : graded) {
    for (const protocol::CheckResult& check : result->checks) present.insert(check.id);
  }
  std::vector<ComponentShare> components;
  std::map<std::string, std::pair<std::size_t, std::size_t>> slot;  // id -> (component, check)
  for (const protocol::CheckInfo& info : protocol::all_checks()) {
    if (!present.count(info.id)) continue;
    if (components.empty() || components.back().component.id != info.component) {
      components.push_back({{info.component, component_title(info.component), 0, not_built}, {}});
    }
    slot[info.id] = {components.size() - 1, components.back().checks.size()};
    components.back().checks.push_back({info.id, info.title, 0, not_built});
  }
  for (const protocol::SubmissionResult* result : graded) {
    // Per component this result has a counted check in: whether it passed all of them.
    std::map<std::size_t, bool> all_passed;
    for (const protocol::CheckResult& check : result->checks) {
      const CheckOutcome outcome = outcome_of(check);
      const auto where = slot.find(check.id);
      if (outcome == CheckOutcome::kNotCounted || where == slot.end()) continue;
      const auto [component, index] = where->second;
      PassShare& share = components[component].checks[index];
      share.counted += 1;
      share.passed += outcome == CheckOutcome::kPassed ? 1 : 0;
      const bool passed = outcome == CheckOutcome::kPassed;
      all_passed[component] =
          all_passed.count(component) ? all_passed[component] && passed : passed;
    }
    for (const auto& [component, passed] : all_passed) {
      components[component].component.counted += 1;
      components[component].component.passed += passed ? 1 : 0;
    }
  }
  return components;
}

std::vector<NamedMistake> named_mistakes(
    const std::vector<const protocol::SubmissionResult*>& results) {
  std::map<std::pair<std::string, std::string>, NamedMistake> found;  // (check, code)
  for (std::size_t row = 0; row < results.size(); ++row) {
    if (!was_graded(*results[row])) continue;
    for (const protocol::CheckResult& check : results[row]->checks) {
      if (check.diagnosis.empty() || outcome_of(check) != CheckOutcome::kLostPoints) continue;
      NamedMistake& mistake = found[{check.id, check.diagnosis}];
      if (mistake.students.empty()) mistake = {check.id, check.name, check.diagnosis, {}};
      mistake.students.push_back(row);
    }
  }
  std::vector<NamedMistake> mistakes;
  for (auto& [key, mistake] : found) mistakes.push_back(std::move(mistake));
  std::stable_sort(mistakes.begin(), mistakes.end(),
                   [](const NamedMistake& a, const NamedMistake& b) {
                     if (a.students.size() != b.students.size()) {
                       return a.students.size() > b.students.size();
                     }
                     return catalog_rank(a.check_id) < catalog_rank(b.check_id);
                   });
  return mistakes;
}

}  // namespace

bool needs_a_look(const StudentRow& row) {
  return row.status != protocol::SubmissionStatus::kGraded || row.nothing_passed;
}

ClassReport build_class_report(const std::vector<protocol::SubmissionResult>& results,
                               std::vector<ScoreChange> changes, ReportSource source) {
  ClassReport report;
  report.summary = summarize_class(results);
  report.changes = std::move(changes);
  report.source = std::move(source);

  // Each row once, with its result; those that need a look first.
  std::vector<std::pair<const protocol::SubmissionResult*, StudentRow>> rows;
  for (const protocol::SubmissionResult& result : results)
    rows.emplace_back(&result, row_of(result));
  std::stable_partition(rows.begin(), rows.end(),
                        [](const auto& row) { return needs_a_look(row.second); });

  std::vector<const protocol::SubmissionResult*> ordered, graded;
  int not_built = 0;
  for (auto& [result, row] : rows) {
    ordered.push_back(result);
    report.students.push_back(std::move(row));
    if (was_graded(*result)) graded.push_back(result);
    if (result->status == protocol::SubmissionStatus::kBuildFailed ||
        result->status == protocol::SubmissionStatus::kMissingFiles) {
      not_built += 1;
    }
    const std::string isolation = protocol::containment_name(*result);
    if (!isolation.empty() && std::find(report.isolations.begin(), report.isolations.end(),
                                        isolation) == report.isolations.end()) {
      report.isolations.push_back(isolation);
    }
  }
  report.components = pass_shares(graded, not_built);
  report.mistakes = named_mistakes(ordered);
  for (std::size_t m = 0; m < report.mistakes.size(); ++m) {
    for (std::size_t row : report.mistakes[m].students) report.students[row].mistakes.push_back(m);
  }
  return report;
}

}  // namespace nn_grade::report
