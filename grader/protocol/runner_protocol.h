// What passes between `grade` and a submission's runner (the harness linked with one
// submission's four files). One check per runner process:
//
//   runner --list                       writes the catalog as JSON to the result channel
//   runner --check ID --seed N --params JSON
//                                       runs one check, writes one CheckReport as JSON
//
// The result channel is a pipe the driver hands over as file descriptor kResultFd. The runner
// moves it out of the way before any check runs, so a student's prints (stdout, stderr, or a
// write to fd 3) never reach it. Each report carries the nonce the driver put in the
// environment variable kNonceVariable, which the runner reads and erases at start-up: a
// report without the right nonce is the grader's error, not a pass.
#pragma once

#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

namespace protocol {

constexpr int kResultFd = 3;
constexpr const char* kNonceVariable = "NN_GRADE_NONCE";

// What the runner says about one check. Timeouts and crashes are decided by the driver.
struct CheckReport {
  std::string id;
  std::string status;     // "passed", "failed" or "error" (the student's code threw)
  double fraction = 0.0;  // share of the check's points earned, in [0, 1]
  std::string output;     // for the student: what was wrong, the numbers, the seed
  nlohmann::json figures = nlohmann::json::object();  // max_rel_error, worst_index, atol, rtol...
  std::string diagnosis;  // the named mistake when one matched, else empty
  std::string nonce;
};

// The command that runs one check again, exactly: every failure's output ends with it, as
// "Reproduce: <command>".
inline std::string reproduce_command(const std::string& id, std::uint64_t seed) {
  return "grade --local --only " + id + " --seed " + std::to_string(seed);
}

inline void to_json(nlohmann::json& j, const CheckReport& r) {
  j = {{"id", r.id},         {"status", r.status},   {"fraction", r.fraction},
       {"output", r.output}, {"figures", r.figures}, {"diagnosis", r.diagnosis},
       {"nonce", r.nonce}};
}

inline void from_json(const nlohmann::json& j, CheckReport& r) {
  j.at("id").get_to(r.id);
  j.at("status").get_to(r.status);
  j.at("fraction").get_to(r.fraction);
  j.at("output").get_to(r.output);
  r.figures = j.value("figures", nlohmann::json::object());
  r.diagnosis = j.value("diagnosis", "");
  j.at("nonce").get_to(r.nonce);
}

}  // namespace protocol
