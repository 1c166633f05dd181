#include "pipeline/resume.h"

#include "protocol/digest.h"
#include "protocol/submission_files.h"

namespace nn_grade::pipeline {

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

bool is_reusable(const protocol::SubmissionResult& stored, const std::string& fingerprint) {
  return stored.fingerprint == fingerprint &&
         stored.status != protocol::SubmissionStatus::kGraderError;
}

}  // namespace nn_grade::pipeline
