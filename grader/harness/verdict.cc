#include "harness/verdict.h"

#include <fmt/format.h>

#include "harness/shapes.h"
#include "harness/student_server.h"
#include "protocol/result.h"

namespace nn_grade::harness {

namespace {

std::string both_small(const std::string& quantity, const Eigen::MatrixXd& yours,
                       const Eigen::MatrixXd& right, const char* right_name) {
  const std::string a = small_matrix(yours), b = small_matrix(right);
  if (a.empty() || b.empty() || yours.size() == 1) return "";
  return fmt::format("\n  yours:       {} = {}\n  {:<12} {}", quantity, a,
                     std::string(right_name) + ":", b);
}

Eigen::MatrixXd gather(const Eigen::MatrixXd& m, const std::vector<Eigen::Index>& entries) {
  Eigen::MatrixXd out(static_cast<Eigen::Index>(entries.size()), 1);
  for (size_t i = 0; i < entries.size(); ++i)
    out(static_cast<Eigen::Index>(i)) = m.data()[entries[i]];
  return out;
}

Diagnosis diagnose_probes(const std::string& quantity, const Probe& first, const Reprobe& again) {
  return diagnose({quantity, gather_probes(first, again)});
}

// `probe.yours` against `reference` (finite differences, or probe.right itself); probe.right
// is the exact value causes are measured against.
Part compared_part(const std::string& quantity, const Probe& probe,
                   const Eigen::MatrixXd& reference, const Tolerance& tol,
                   const char* reference_name, const std::vector<Eigen::Index>& only,
                   const Reprobe& again) {
  const Eigen::MatrixXd& yours = probe.yours;
  if (auto error = shape_error(quantity, yours, reference.rows(), reference.cols())) {
    const Diagnosis d = diagnose_probes(quantity, probe, again);
    return fail(*error + ".\n" + d.sentence(), d, {{"shape", {yours.rows(), yours.cols()}}});
  }
  const Comparison c = compare(yours, reference, tol, only);
  const Eigen::Index checked = only.empty() ? yours.size() : static_cast<Eigen::Index>(only.size());
  const bool scalar = yours.size() == 1;
  nlohmann::json figures = {{"max_rel_error", c.max_rel_error},
                            {"relative_error_floor", relative_error_floor(tol)},
                            {"max_abs_error", c.max_abs_error},
                            {"max_error_over_tolerance", c.max_error_over_tolerance},
                            {"atol", tol.atol},
                            {"rtol", tol.rtol},
                            {"failing_entries", c.failing_entries},
                            {"entries", checked}};
  if (!scalar) figures["worst_index"] = {c.worst_row, c.worst_col};
  if (tol.h > 0) figures["h"] = tol.h;
  if (c.passed) {
    return pass(fmt::format("{} matches {}: {}relative error {}; the largest error is {} of the "
                            "tolerance (atol {}, rtol {}).",
                            quantity, reference_name, scalar ? "" : "max ", number(c.max_rel_error),
                            percent(c.max_error_over_tolerance), tol.atol, tol.rtol),
                figures);
  }
  figures["yours"] = c.yours;
  figures["expected"] = c.numerical;
  const Diagnosis d =
      only.empty()
          ? diagnose_probes(quantity, probe, again)
          : diagnose_probes(
                quantity, {gather(yours, only), gather(probe.right, only), probe.batch, {}, {}, ""},
                {});
  const std::string worst = entry_name(quantity, yours, c.worst_row, c.worst_col);
  const std::string where = scalar ? worst
                                   : fmt::format("{} is wrong at {} of {} entries. Worst: {}",
                                                 quantity, c.failing_entries, checked, worst);
  std::string out = fmt::format(
      "{} is {} (yours), {} {}; |difference| {} > atol + rtol * |{}| = {}.\n"
      "Relative error (|yours - right| / (|yours| + |right|), at most 1): {}{}.\n{}",
      where, number(c.yours), reference_name, number(c.numerical),
      number(std::abs(c.yours - c.numerical)), reference_name, number(c.allowed),
      scalar ? "" : "max ", number(c.max_rel_error), d.sentence());
  out += both_small(quantity, yours, reference, reference_name);
  return fail(out, d, figures);
}

}  // namespace

Part pass(std::string output, nlohmann::json figures) {
  return {true, std::move(output), "", std::move(figures)};
}

Part fail(std::string output, const Diagnosis& diagnosis, nlohmann::json figures) {
  return {false, std::move(output), diagnosis.code(), std::move(figures)};
}

std::vector<Probe> gather_probes(Probe first, const Reprobe& again) {
  std::vector<Probe> probes = {std::move(first)};
  for (int k = 1; again && k <= 2; ++k) {
    try {
      probes.push_back(again(k));
    } catch (const StudentThrew&) {
      break;  // the student's code threw on these inputs: no evidence from them
    }
  }
  return probes;
}

protocol::CheckReport combine(const std::vector<Part>& parts) {
  protocol::CheckReport report;
  int passed = 0;
  std::string failed_text, passed_text;
  const Part* first_failed = nullptr;
  for (const Part& part : parts) {
    if (part.passed) {
      ++passed;
      passed_text += (passed_text.empty() ? "" : "\n") + part.output;
    } else {
      failed_text += (failed_text.empty() ? "" : "\n") + part.output;
      if (!first_failed) first_failed = &part;
    }
  }
  const int total = static_cast<int>(parts.size());
  report.status = passed == total ? protocol::CheckStatus::kPassed : protocol::CheckStatus::kFailed;
  report.fraction = total == 0 ? 0.0 : static_cast<double>(passed) / total;
  report.output = failed_text;
  if (first_failed && passed > 0) report.output += "\nWhat is right:\n" + passed_text;
  if (!first_failed) report.output = passed_text;
  report.diagnosis = first_failed ? first_failed->diagnosis : "";
  report.figures = first_failed
                       ? first_failed->figures
                       : (parts.empty() ? nlohmann::json::object() : parts.front().figures);
  if (total > 1) {
    report.figures["parts_passed"] = passed;
    report.figures["parts_total"] = total;
  }
  return report;
}

Part gradient_part(const std::string& quantity, const Eigen::MatrixXd& yours,
                   const Eigen::MatrixXd& numerical, const Eigen::MatrixXd& exact,
                   const Tolerance& tol, Eigen::Index batch, const std::vector<KnownWrong>& known,
                   const std::vector<Eigen::Index>& only_entries, const Reprobe& again) {
  return compared_part(quantity, {yours, exact, batch, known, {}, ""}, numerical, tol,
                       "finite differences", only_entries, again);
}

Part value_part(const std::string& quantity, const Eigen::MatrixXd& yours,
                const Eigen::MatrixXd& right, Eigen::Index batch,
                const std::vector<KnownWrong>& known, const Tolerance& tol, const Reprobe& again) {
  return value_part(quantity, {yours, right, batch, known, {}, ""}, tol, again);
}

Part value_part(const std::string& quantity, const Probe& probe, const Tolerance& tol,
                const Reprobe& again) {
  return compared_part(quantity, probe, probe.right, tol, "expected", {}, again);
}

std::string small_matrix(const Eigen::MatrixXd& m) {
  if (m.size() == 1) return number(m(0, 0));
  if (m.rows() > 4 || m.cols() > 4 || m.size() == 0) return "";
  std::string out = "[";
  for (Eigen::Index r = 0; r < m.rows(); ++r) {
    out += r ? ", [" : "[";
    for (Eigen::Index c = 0; c < m.cols(); ++c) out += (c ? ", " : "") + number(m(r, c));
    out += "]";
  }
  return out + "]";
}

std::string number(double x) { return fmt::format("{:.4g}", x); }

std::string percent(double share) {
  if (!std::isfinite(share)) return number(share);
  if (share == 0) return "0%";
  if (share < 0.001) return "under 0.1%";
  return fmt::format("{:.3g}%", 100 * share);
}

std::string entry_name(const std::string& quantity, const Eigen::MatrixXd& m, Eigen::Index row,
                       Eigen::Index col) {
  if (m.size() == 1) return quantity;
  return fmt::format("{}[{}, {}]", quantity, row, col);
}

}  // namespace nn_grade::harness
