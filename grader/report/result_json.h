// OUT/<key>/result.json: one submission's result in the format of docs/contract.md.
#pragma once

#include <filesystem>
#include <optional>

#include "protocol/result.h"

namespace nn_grade::report {

// OUT/<key>/result.json
std::filesystem::path result_json_path(const std::filesystem::path& out_dir,
                                       const std::string& key);

// The result as pretty JSON text. A student's output may hold any bytes: invalid UTF-8 becomes
// U+FFFD rather than an error.
std::string result_json_text(const protocol::SubmissionResult& result);

// Writes the result (pretty, atomically) to result_json_path(out_dir, result.submission).
void write_result_json(const std::filesystem::path& out_dir,
                       const protocol::SubmissionResult& result);

// The result stored in `file`, or nullopt when there is none or it is not a valid result (a
// batch then grades that submission again).
std::optional<protocol::SubmissionResult> read_result_json(const std::filesystem::path& file);

}  // namespace nn_grade::report
