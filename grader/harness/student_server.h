// The checker's end of the student server: starting it contained, one call at a time with a
// deadline, and ending it with every process it started. The checker runs no student code; all
// it learns comes through call(), bounded (server_protocol.h).
//
// How a call can end, and what the check then reports:
//   - a reply: the results, read by the caller through a bounded protocol::Reader;
//   - the student's code threw: StudentThrew ("Linear::backward threw std::logic_error at
//     layers.cpp:31: ...": thrown_exception.h,
//     or for a broken Eigen precondition "Linear::backward stopped on a shape error in a matrix
//     product." and the shapes: eigen_failure.h); the server lives on, so a check may catch it
//     and go on;
//   - the server ended, crashed, hung, or broke the protocol: ServerEnded, with the check's
//     status (error, crashed or timeout) and the student's message; the session is over.
// Nothing the server sends makes it the grader's fault: a server that refuses a request
// (ReplyStatus::kRefused) ended the check with error, since the grader's own server never does.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "harness/student_failure.h"
#include "protocol/checker_protocol.h"
#include "protocol/result.h"
#include "protocol/server_protocol.h"
#include "run/process/cgroup.h"

namespace nn_grade::harness {

// A submission's function threw; what() is the sentence the student reads, failure() its facts
// (student_failure.h: kNone when the checker found the problem in what a call returned).
class StudentThrew : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
  StudentThrew(const std::string& message, StudentFailure failure)
      : std::runtime_error(message), failure_(std::move(failure)) {}
  const StudentFailure& failure() const { return failure_; }

 private:
  StudentFailure failure_;
};

// The student server is gone or unusable: the check ends with `status`. A timeout is `starved`
// when the student's program spent most of the call waiting for a CPU that other programs had
// (a busy machine, not its own loop): `grade` runs such a check again before it judges it.
class ServerEnded : public std::runtime_error {
 public:
  ServerEnded(protocol::CheckStatus status, const std::string& message, bool starved = false)
      : std::runtime_error(message), status_(status), starved_(starved) {}
  protocol::CheckStatus status() const { return status_; }
  bool starved() const { return starved_; }

 private:
  protocol::CheckStatus status_;
  bool starved_;
};

class StudentServer {
 public:
  // Starts the server; `check_deadline` bounds every call too. False, with *err, when it could
  // not be started (the grader's fault).
  bool start(const protocol::ServerSpec& spec, std::chrono::steady_clock::time_point check_deadline,
             std::string* err);
  ~StudentServer();  // end()

  // Sends `request` (op and arguments), waits for the reply. `function` names the student's
  // function for messages ("Linear::backward"). Returns the results of a kOk reply.
  protocol::Reader call(const char* function, const protocol::Writer& request);

  // Closes the server's input, gives it a moment to flush and exit, then kills it and every
  // process it started (this process is their subreaper), and reaps them all. Idempotent.
  void end();

  bool running() const { return pid_ > 0; }

  // The student's function of the last call, when it did not return (it threw, crashed, hung,
  // ended the program), and whether it stopped on a wrong shape; {} after a call that returned.
  const protocol::StoppedIn& stopped_in() const { return stopped_in_; }

  // A stand-in server's layer calls (ReplyStatus::kLayerCall) are answered by `service` while
  // a call waits for its reply, at most kMostLayerCallsPerCall per call, within the call's
  // deadline (layer_service.h). Without it, a layer call is a reply no call can return.
  using LayerService = protocol::Writer (*)(protocol::Reader& call);
  void serve_layer_calls(LayerService service) { layer_service_ = service; }
  // Whether this check judges its subject alone: on the stand-in server, with the grader's
  // layers (and the grader's loss where the check is not about the loss).
  bool judges_alone() const { return layer_service_ != nullptr; }

 private:
  // `location`: where in the student's files a crash was ("layers.cpp:55", or ""), from the
  // server's kCrashed reply; said only when the server did end by a signal.
  [[noreturn]] void ended(const char* function, const std::string& why_no_reply,
                          const std::string& location = "");
  std::string frame_from_server(const char* function,
                                std::chrono::steady_clock::time_point deadline,
                                const std::function<ServerEnded()>& on_timeout);
  ServerEnded death(const char* function, int wait_status, const std::string& location) const;
  ServerEnded timed_out(const char* function, bool check_limit, double waited_at_call,
                        double wall_seconds);
  pid_t student_process();
  protocol::ServerSpec spec_;
  std::chrono::steady_clock::time_point check_deadline_;
  pid_t pid_ = -1;
  pid_t student_pid_ = -1;  // the student's program: pid_, or inside bubblewrap its deepest
  std::unique_ptr<run::process::Cgroup> cgroup_;  // when the spec asks and one can be made
  int to_server_ = -1, from_server_ = -1;
  bool open_ = false;  // started and not yet ended: end() has work to do
  protocol::StoppedIn stopped_in_;
  LayerService layer_service_ = nullptr;
};

// The most layer calls a stand-in server may make within one call: the course's largest, a
// training epoch of train.spiral run alone, makes 6.
constexpr int kMostLayerCallsPerCall = 4096;

// Makes this process a child subreaper that no other process of its user can trace or read
// (run::process::become_subreaper), for which a server that is gone is an EPIPE, not a SIGPIPE.
// Called first thing by the checker.
void harden_checker();

}  // namespace nn_grade::harness
