// The limits one check's process runs under. The rubric sets them; run/ enforces them.
#pragma once

#include <string>

namespace protocol {

struct Limits {
  double wall_seconds = 10.0;  // killed after this, status "timeout"
  double cpu_seconds = 10.0;   // RLIMIT_CPU
  long memory_mb = 1024;       // RLIMIT_AS
  long file_mb = 16;           // RLIMIT_FSIZE: a student cannot fill the disk
  long output_kb = 64;         // stdout and stderr kept per check; the rest is read and dropped
};

// How a check's process is isolated: "auto" uses bubblewrap where it works and rlimits alone
// where it does not; "sandbox" refuses to grade without bubblewrap; "none" never uses it.
enum class IsolationPolicy { kAuto, kRequireSandbox, kNone };

}  // namespace protocol
