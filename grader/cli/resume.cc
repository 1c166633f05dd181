#include "resume.h"

#include <fstream>

#include "digest.h"
#include "submission_files.h"

namespace cli {

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
  std::ifstream in(result_path);
  if (!in) return std::nullopt;
  try {
    grading::SubmissionResult result = nlohmann::json::parse(in);
    if (result.fingerprint != fingerprint) return std::nullopt;
    if (result.status == grading::submission_status::kGraderError) return std::nullopt;
    return result;
  } catch (const std::exception&) {
    return std::nullopt;  // unreadable: grade it again
  }
}

}  // namespace cli
