#include "report/result_json.h"

#include <fstream>

#include <nlohmann/json.hpp>

#include "util/atomic_file.h"

namespace nn_grade::report {

std::filesystem::path result_json_path(const std::filesystem::path& out_dir,
                                       const std::string& key) {
  return out_dir / key / "result.json";
}

std::string result_json_text(const protocol::SubmissionResult& result) {
  const nlohmann::json json = result;
  return json.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

void write_result_json(const std::filesystem::path& out_dir,
                       const protocol::SubmissionResult& result) {
  util::write_file_atomically(result_json_path(out_dir, result.submission),
                              result_json_text(result));
}

std::optional<protocol::SubmissionResult> read_result_json(const std::filesystem::path& file) {
  std::ifstream in(file);
  if (!in) return std::nullopt;
  try {
    return nlohmann::json::parse(in).get<protocol::SubmissionResult>();
  } catch (const nlohmann::json::exception&) {
    return std::nullopt;
  }
}

}  // namespace nn_grade::report
