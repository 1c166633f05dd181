#include "compare.h"

#include <algorithm>
#include <map>
#include <regex>

#include "protocol/result.h"
#include "report/training_picture.h"
#include "report/warning_notes.h"
#include "report/wording.h"

namespace nn_grade {

namespace corpus {
namespace {

using nlohmann::json;

bool contains(const std::vector<std::string>& list, const std::string& item) {
  return std::find(list.begin(), list.end(), item) != list.end();
}

// Long outputs (a flood of prints) are cut: the start says what happened.
std::string excerpt(const std::string& text) {
  constexpr size_t kMax = 400;
  return text.size() <= kMax ? text : text.substr(0, kMax) + "...";
}

class Differences {
 public:
  explicit Differences(std::string entry) : entry_(std::move(entry)) {}
  void add(const std::string& where, const std::string& expected, const std::string& got,
           const std::string& output = "") {
    std::string line = entry_ + ": " + where + ": expected " + expected + ", got " + got;
    if (!output.empty()) line += "\n    output: " + excerpt(output);
    lines_.push_back(line);
  }
  std::vector<std::string> take() { return std::move(lines_); }

 private:
  std::string entry_;
  std::vector<std::string> lines_;
};

std::string quoted(const std::string& s) { return "\"" + s + "\""; }

void compare_check(const Manifest& m, const json& check,
                   const std::vector<protocol::CompilerWarning>& warnings, Differences& out) {
  const std::string id = check.value("id", "");
  const std::string status = check.value("status", "");
  // What a student reads for the check: what it found, the note naming other failing checks,
  // what their code printed, how to rerun it.
  std::string output = check.value("output", "");
  try {
    const std::string note = report::check_explanation(check.get<protocol::CheckResult>());
    if (!note.empty()) output += "\n" + note;
  } catch (const json::exception&) {
    // A result without the fields of a full check (the tests' own): no note to read.
  }
  for (const char* part : {"printed", "reproduce"}) {
    const std::string text = check.value(part, "");
    if (!text.empty()) output += (output.empty() ? "" : "\n") + text;
  }
  // and train.spiral's picture, as the report draws it.
  if (check.contains("training")) {
    try {
      output += "\n" + report::training_picture_text(
                           check["training"].get<protocol::TrainingPicture>(), true);
    } catch (const json::exception& e) {
      out.add(id + " training", "a picture", std::string("none that reads: ") + e.what());
    }
  }
  // and the compiler's warnings the report shows beside it.
  if (!warnings.empty()) {
    protocol::CheckResult shown;
    shown.component = check.value("component", "");
    protocol::parse_check_status(status, &shown.status);
    shown.score = check.value("score", 0.0);
    shown.max_score = check.value("max_score", 0.0);
    for (const protocol::CompilerWarning* warning : report::warnings_beside(shown, warnings)) {
      output += "\n" + report::warning_sentence(*warning);
    }
  }
  // and, for a check judged alone that fails end to end, both, as the report says them.
  if (check.contains("end_to_end")) {
    try {
      output += "\n" + report::whole_picture_note(check.get<protocol::CheckResult>());
    } catch (const json::exception& e) {
      out.add(id + " end_to_end", "a verdict end to end",
              std::string("none that reads: ") + e.what());
    }
  }
  if (status == "grader_error") {
    out.add(id, "a status other than grader_error", status, output);
  } else if (contains(m.must_fail, id) || contains(m.no_points, id) || m.status != "graded") {
    if (status == "passed") out.add(id, "not passed", status, output);
  } else if (!contains(m.may_fail, id) && status != "passed") {
    out.add(id, "passed", status, output);
  }
  if (contains(m.no_points, id) && check.value("fraction", 0.0) != 0.0) {
    out.add(id + " fraction", "0 (no points)", check["fraction"].dump(), output);
  }
  auto diagnosis = m.diagnosis.find(id);
  if (diagnosis != m.diagnosis.end() && check.value("diagnosis", "") != diagnosis->second) {
    out.add(id + " diagnosis", quoted(diagnosis->second), quoted(check.value("diagnosis", "")),
            output);
  }
  auto texts = m.output_contains.find(id);
  for (const std::string& text :
       texts == m.output_contains.end() ? std::vector<std::string>{} : texts->second) {
    if (output.find(text) == std::string::npos) {
      out.add(id + " output", "text containing " + quoted(text), "no such text", output);
    }
  }
  for (const auto& [key, pattern] : m.output_lacks_regex) {
    if ((key == id || key == "*") && std::regex_search(output, std::regex(pattern))) {
      out.add(id + " output", "nothing matching /" + pattern + "/", "a match", output);
    }
  }
  auto banned = m.output_lacks.find(id);
  for (const std::string& text :
       banned == m.output_lacks.end() ? std::vector<std::string>{} : banned->second) {
    if (output.find(text) != std::string::npos)
      out.add(id + " output", "no " + quoted(text), "it", output);
  }
}

// build_log and missing_files are the submission's own texts, named like checks in manifests.
std::string submission_text(const json& result, const std::string& key) {
  if (key == "missing_files") {
    std::string joined;
    for (const auto& file : result.value("missing_files", json::array())) {
      joined += file.get<std::string>() + " ";
    }
    return joined;
  }
  return result.value(key, "");
}

}  // namespace

std::vector<std::string> compare_result(const Manifest& m, const json& result) {
  Differences out(m.name);
  const std::string status = result.value("status", "");
  if (status != m.status) {
    out.add("status", m.status, status.empty() ? "none" : status, result.value("build_log", ""));
  }

  std::vector<protocol::CompilerWarning> warnings;
  try {
    warnings = result.value("warnings", std::vector<protocol::CompilerWarning>{});
  } catch (const json::exception& e) {
    out.add("warnings", "a list of warnings", std::string("none that reads: ") + e.what());
  }
  std::map<std::string, const json*> checks;
  for (const json& check : result.value("checks", json::array())) {
    checks[check.value("id", "")] = &check;
    compare_check(m, check, warnings, out);
  }
  if (m.status == "graded" && checks.empty()) out.add("checks", "results", "none");
  if (m.status == "graded") {
    std::vector<std::string> named = m.must_fail;
    named.insert(named.end(), m.no_points.begin(), m.no_points.end());
    for (const auto& [id, code] : m.diagnosis) named.push_back(id);
    for (const auto& [id, text] : m.output_contains) {
      if (id != "build_log" && id != "missing_files") named.push_back(id);
    }
    for (const std::string& id : named) {
      if (checks.count(id) == 0) out.add(id, "a result for this check", "none");
    }
  }

  for (const auto& [key, texts] : m.output_contains) {
    if (key != "build_log" && key != "missing_files") continue;
    const std::string got = submission_text(result, key);
    for (const std::string& text : texts) {
      if (got.find(text) == std::string::npos) {
        out.add(key, "text containing " + quoted(text), "no such text", got);
      }
    }
  }
  for (const auto& [key, texts] : m.output_lacks) {
    if (key != "build_log" && key != "missing_files") continue;
    const std::string got = submission_text(result, key);
    for (const std::string& text : texts) {
      if (got.find(text) != std::string::npos) out.add(key, "no " + quoted(text), "it", got);
    }
  }

  for (const auto& [key, pattern] : m.output_lacks_regex) {
    const bool own = key == "build_log" || key == "missing_files";
    if (!own && key != "*") continue;
    const std::string got = submission_text(result, own ? key : "build_log");
    if (std::regex_search(got, std::regex(pattern))) {
      out.add(own ? key : "build_log", "nothing matching /" + pattern + "/", "a match", got);
    }
  }

  const double score = result.value("score", -1.0);
  const double max_score = result.value("max_score", -1.0);
  const std::string score_text = std::to_string(score) + " of " + std::to_string(max_score);
  if (m.expect_score == "full" && !(max_score > 0 && score == max_score)) {
    out.add("score", "full marks", score_text);
  }
  if ((m.expect_score == "zero" || m.status != "graded") && score != 0.0) {
    out.add("score", "0", score_text);
  }
  return out.take();
}

}  // namespace corpus

}  // namespace nn_grade
