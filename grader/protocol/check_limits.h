// The limits one check runs under. The rubric sets them; the checker enforces the time limits on
// the student server (call by call, and in all), run/ the rest.
#pragma once

#include <ostream>
#include <string>

#include "protocol/enum_names.h"

namespace nn_grade::protocol {

struct Limits {
  double wall_seconds = 10.0;  // the whole check; status "timeout" after it
  double call_seconds = 2.0;   // one call into the student's code (it answers in microseconds)
  double cpu_seconds = 10.0;   // RLIMIT_CPU
  long memory_mb = 1024;       // RLIMIT_AS
  long file_mb = 16;           // RLIMIT_FSIZE: a student cannot fill the disk
  long output_kb = 64;         // stdout and stderr kept per check; the rest is read and dropped
};

// How a submission's student server is contained (docs/architecture.md): "auto" uses bubblewrap
// where it works, else, as root, an unprivileged user in an empty chroot, else rlimits alone;
// "sandbox" refuses to grade with rlimits alone; "unprivileged" always uses the chroot and user
// (root only); "none" uses rlimits alone. In every mode the server's processes die with its
// check and cannot trace the checker.
enum class IsolationPolicy { kAuto, kRequireSandbox, kUnprivileged, kNone };

// The policies by the names the rubric and --isolation use, in the order help text lists them.
constexpr EnumName<IsolationPolicy> kIsolationNames[] = {
    {IsolationPolicy::kAuto, "auto"},
    {IsolationPolicy::kRequireSandbox, "sandbox"},
    {IsolationPolicy::kUnprivileged, "unprivileged"},
    {IsolationPolicy::kNone, "none"}};

inline const char* to_string(IsolationPolicy policy) {
  return name_of(kIsolationNames, policy, "auto");
}

// False for a name that is no policy.
inline bool parse_isolation_policy(const std::string& name, IsolationPolicy* policy) {
  return value_named(kIsolationNames, name, policy);
}

// How a submission's student server was contained: what a policy gives on a machine
// (run/containment.h says what each means). Recorded in its result as "isolation".
enum class Containment { kBubblewrap, kChroot, kUser, kRlimits };

constexpr EnumName<Containment> kContainmentNames[] = {{Containment::kBubblewrap, "bubblewrap"},
                                                       {Containment::kChroot, "chroot"},
                                                       {Containment::kUser, "user"},
                                                       {Containment::kRlimits, "rlimits"}};

inline const char* to_string(Containment containment) {
  return name_of(kContainmentNames, containment, "rlimits");
}

// False for a name that is no containment.
inline bool parse_containment(const std::string& name, Containment* containment) {
  return value_named(kContainmentNames, name, containment);
}

// Their names, for test names and messages.
inline std::ostream& operator<<(std::ostream& out, IsolationPolicy policy) {
  return out << to_string(policy);
}
inline std::ostream& operator<<(std::ostream& out, Containment containment) {
  return out << to_string(containment);
}

}  // namespace nn_grade::protocol
