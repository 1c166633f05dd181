#include "pipeline/resume.h"

#include "protocol/digest.h"
#include "protocol/submission_files.h"
#include "report/result_json.h"

namespace pipeline {

std::string submission_fingerprint(const std::filesystem::path& dir,
                                   const GradingContext& context) {
  protocol::Digest digest;
  for (const char* name : protocol::kSubmissionFiles) {
    digest.add(name).add_file(dir / name);
  }
  digest.add_file(context.rubric.path).add(std::to_string(context.seed));
  digest.add(context.include_hidden ? "all" : "visible");
  for (const std::string& id : context.only) digest.add(id);
  digest.add(context.toolchain.fingerprint);
  return digest.hex();
}

std::optional<grading::SubmissionResult> reusable_result(const std::filesystem::path& result_path,
                                                         const std::string& fingerprint) {
  std::optional<grading::SubmissionResult> result = report::read_result_json(result_path);
  if (!result || result->fingerprint != fingerprint) return std::nullopt;
  if (result->status == grading::SubmissionStatus::kGraderError) return std::nullopt;
  return result;
}

}  // namespace pipeline
