// What one check's process did, as the check's result: the runner's report when there is a
// true one, otherwise what the process's end says (timeout, crash, exit, forgery).
#pragma once

#include <cstdint>
#include <string>

#include "check_limits.h"
#include "result.h"
#include "subprocess.h"

namespace run {

struct CheckRun {
  std::string id;
  std::uint64_t seed = 0;
  std::string nonce;  // the one the runner was given
  protocol::Limits limits;
  bool sandboxed = false;  // ran under bubblewrap
};

// id, status, fraction, output, diagnosis, figures and seconds; grader_error when the fault
// is ours (the runner or the sandbox could not start).
grading::CheckResult verdict(const CheckRun& run, const ProcessResult& process);

}  // namespace run
