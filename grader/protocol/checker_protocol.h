// What passes between `grade` and the checker (grader/harness/checker_main.cc): the trusted,
// prebuilt process that runs one check against a submission's student server and decides its
// verdict. One check per checker process:
//
//   nn-checker --list                   writes the catalog as JSON to the result channel
//   nn-checker --check ID --seed N --params JSON --server SPEC
//                                       runs one check, writes one CheckReport as JSON
//
// SPEC (harness::ServerSpec as JSON) says how to start the student server and contain it;
// `grade` decides it. The result channel is a pipe `grade` hands over as file descriptor
// kResultFd; the checker moves it to a close-on-exec descriptor before it starts the server, so
// no process of the student's ever holds it. Each report carries the nonce `grade` put in the
// environment variable kNonceVariable (read and erased at start-up): a report without it is the
// grader's error, never a pass. See docs/protocols.md.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "protocol/json_numbers.h"
#include "protocol/result.h"

namespace nn_grade::protocol {

constexpr int kResultFd = 3;
constexpr const char* kNonceVariable = "NN_GRADE_NONCE";
// Set by `grade` (a key of the run's, never given to a server) for a check the rubric judges
// alone, on its stand-in server: only then does the checker answer the stand-in layers' calls,
// and only when it was started without no_new_privs, which every process of a student server
// has and can never lose (docs/architecture.md, "Stand-ins").
constexpr const char* kStandInKeyVariable = "NN_GRADE_STANDIN_KEY";

// What the checker decided about one check: passed, failed, error (the student's code threw,
// exited or broke the protocol), timeout or crashed. Only grader_error is left to `grade`.
struct CheckReport {
  std::string id;
  protocol::CheckStatus status = protocol::CheckStatus::kError;
  double fraction = 0.0;  // share of the check's points earned, in [0, 1]
  std::string output;     // for the student: what was wrong, the numbers
  std::string reproduce;  // the command that runs this check again exactly ("" when passed)
  // The numbers behind `output`, for people and tools reading result.json (docs/contract.md):
  // no stage decides anything by them.
  nlohmann::json figures = nlohmann::json::object();
  std::optional<protocol::TrainingPicture> training;  // train.spiral's picture
  std::string diagnosis;           // the named mistake when one matched, else empty
  protocol::StoppedIn stopped_in;  // error, crashed, timeout: where in the student's code
  // The student's code left a result of the wrong shape for whatever runs next (zero_grad's
  // empty gradient): a later check that stops on a shape error may have this as its cause.
  bool left_wrong_shape = false;
  // A timeout that a busy machine, not the student's code, may have caused (harness::ServerEnded):
  // `grade` runs the check again before it takes the verdict.
  bool starved = false;
  std::string nonce;
};

// How `grade` asks the checker to start the server (a JSON object on the checker's command
// line; see docs/protocols.md). Everything a containment needs is here, decided by `grade`.
struct ServerSpec {
  std::vector<std::string> argv;  // argv[0]: the program (inside chroot_dir when set)
  std::string working_dir;        // chdir here ("" = the checker's); inside chroot_dir if set
  std::string chroot_dir;         // "" = none; needs root
  long uid = -1, gid = -1;        // run as these (root only); -1 = the checker's own
  double call_seconds = 2;        // each call's deadline
  double cpu_seconds = 0;         // RLIMIT_CPU of the server; 0 = none
  long memory_mb = 0;             // RLIMIT_AS; 0 = none
  long file_mb = 0;               // RLIMIT_FSIZE; 0 = none
  long max_processes = 0;         // RLIMIT_NPROC, only with uid; 0 = none
  bool sandboxed = false;         // argv starts with bubblewrap (exit 128 + n means signal n)
  bool own_network = false;       // root: a network namespace of its own, nothing up in it
  // root: a cgroup of its own where one can be made (run/process/cgroup.h), holding max_processes,
  // cpus CPUs and memory_mb between all its processes; without one, RLIMIT_NPROC on uid.
  bool own_cgroup = false;
  double cpus = 1;
  // root: folders (paths as the checker sees them) that become empty tmpfs of their own, limited
  // in size and files, owned by uid, in a mount namespace of the server's (its working folder,
  // and what covers the machine's world-writable folders).
  struct PrivateDir {
    std::string path;
    long size_mb = 1;
    long inodes = 64;
  };
  std::vector<PrivateDir> private_dirs;
};
inline void to_json(nlohmann::json& j, const ServerSpec::PrivateDir& d) {
  j = {{"path", d.path}, {"size_mb", d.size_mb}, {"inodes", d.inodes}};
}
inline void from_json(const nlohmann::json& j, ServerSpec::PrivateDir& d) {
  j.at("path").get_to(d.path);
  j.at("size_mb").get_to(d.size_mb);
  j.at("inodes").get_to(d.inodes);
}
inline void to_json(nlohmann::json& j, const ServerSpec& s) {
  j = {{"argv", s.argv},
       {"working_dir", s.working_dir},
       {"chroot_dir", s.chroot_dir},
       {"uid", s.uid},
       {"gid", s.gid},
       {"call_seconds", s.call_seconds},
       {"cpu_seconds", s.cpu_seconds},
       {"memory_mb", s.memory_mb},
       {"file_mb", s.file_mb},
       {"max_processes", s.max_processes},
       {"sandboxed", s.sandboxed},
       {"own_network", s.own_network},
       {"own_cgroup", s.own_cgroup},
       {"cpus", s.cpus},
       {"private_dirs", s.private_dirs}};
}

inline void from_json(const nlohmann::json& j, ServerSpec& s) {
  j.at("argv").get_to(s.argv);
  s.working_dir = j.value("working_dir", "");
  s.chroot_dir = j.value("chroot_dir", "");
  s.uid = j.value("uid", -1L);
  s.gid = j.value("gid", -1L);
  s.call_seconds = j.value("call_seconds", 2.0);
  s.cpu_seconds = j.value("cpu_seconds", 0.0);
  s.memory_mb = j.value("memory_mb", 0L);
  s.file_mb = j.value("file_mb", 0L);
  s.max_processes = j.value("max_processes", 0L);
  s.sandboxed = j.value("sandboxed", false);
  s.own_network = j.value("own_network", false);
  s.own_cgroup = j.value("own_cgroup", false);
  s.cpus = j.value("cpus", 1.0);
  s.private_dirs = j.value("private_dirs", std::vector<ServerSpec::PrivateDir>{});
}

// The command that runs one check again, exactly.
inline std::string reproduce_command(const std::string& id, std::uint64_t seed) {
  return "grade --local --only " + id + " --seed " + std::to_string(seed);
}

inline void to_json(nlohmann::json& j, const CheckReport& r) {
  j = {{"id", r.id},
       {"status", protocol::to_string(r.status)},
       {"fraction", r.fraction},
       {"output", r.output},
       {"reproduce", r.reproduce},
       {"figures", non_finite_as_text(r.figures)},
       {"diagnosis", r.diagnosis},
       {"stopped_in", r.stopped_in},
       {"left_wrong_shape", r.left_wrong_shape},
       {"starved", r.starved},
       {"nonce", r.nonce}};
  if (r.training) j["training"] = *r.training;
}

// Throws nlohmann::json::exception for a report that is not one (missing keys, wrong types,
// an unknown status).
inline void from_json(const nlohmann::json& j, CheckReport& r) {
  j.at("id").get_to(r.id);
  if (!protocol::parse_check_status(j.at("status").get<std::string>(), &r.status)) {
    throw nlohmann::json::other_error::create(501, "unknown status", &j);
  }
  j.at("fraction").get_to(r.fraction);
  j.at("output").get_to(r.output);
  r.reproduce = j.value("reproduce", "");
  r.figures = non_finite_from_text(j.value("figures", nlohmann::json::object()));
  r.training.reset();
  if (j.contains("training")) r.training = j.at("training").get<protocol::TrainingPicture>();
  r.diagnosis = j.value("diagnosis", "");
  r.stopped_in = j.value("stopped_in", protocol::StoppedIn{});
  r.left_wrong_shape = j.value("left_wrong_shape", false);
  r.starved = j.value("starved", false);
  j.at("nonce").get_to(r.nonce);
}

}  // namespace nn_grade::protocol
