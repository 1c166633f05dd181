// What one check's checker process did, as the check's result: the checker's report when there
// is a true one (the checker decides passed, failed, error, timeout and crashed), otherwise
// grader_error saying what went wrong with the checker (it runs no student code, so its failures
// are ours). The last lines of what the student's code printed (the checker's stdout and stderr
// are the server's) are kept in `printed` for any result but a pass.
#pragma once

#include <cstdint>
#include <string>

#include "protocol/check_limits.h"
#include "protocol/result.h"
#include "run/subprocess.h"

namespace nn_grade::run {

struct CheckRun {
  std::string id;
  std::uint64_t seed = 0;
  std::string nonce;  // the one the checker was given
  protocol::Limits limits;
};

// id, status, fraction, output, printed, reproduce, diagnosis, figures and seconds. *starved (when
// not null) says whether the checker found a timeout that a busy machine may have caused
// (protocol::CheckReport::starved): the check is to be run again before it is judged.
// *our_fault (when not null) gets, for a grader_error, the reason alone (the result's output
// adds that the fault is the grader's), and is emptied otherwise.
protocol::CheckResult verdict(const CheckRun& run, const ProcessResult& process,
                              bool* starved = nullptr, std::string* our_fault = nullptr);

// `reason`, said as the grader's fault: what every grader_error's output ends with.
std::string graders_fault(const std::string& reason);

// The last lines of what the student's code printed, marked as theirs ("Your code printed (last
// lines):"), with a note when more was printed than kept; empty when it printed nothing.
std::string printed_tail(const ProcessResult& process, long output_kb);

}  // namespace nn_grade::run
