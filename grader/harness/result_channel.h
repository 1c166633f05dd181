// The checker's end of the result channel (checker_protocol.h). take_over() runs first in
// main, before the student server is started: it moves grade's pipe from fd 3 to an
// unpredictable high descriptor (close-on-exec), closes fd 3, and reads and erases the nonce,
// scrubbing it from the process's environment block too. No process of the student's ever
// holds the channel or sees the nonce.
#pragma once

#include <optional>
#include <string>

#include <nlohmann/json.hpp>

namespace nn_grade::harness {

class ResultChannel {
 public:
  // Empty when fd 3 is not open (the driver did not hand it over).
  static std::optional<ResultChannel> take_over();

  const std::string& nonce() const { return nonce_; }
  int fd() const { return fd_; }

  // Writes `message` (one JSON document and a newline) in as few writes as the pipe allows.
  // Async-signal-safe apart from serialising; returns false when the write failed.
  bool write(const nlohmann::json& message) const;

 private:
  ResultChannel(int fd, std::string nonce) : fd_(fd), nonce_(std::move(nonce)) {}
  int fd_;
  std::string nonce_;
};

// Reads and erases the nonce variable (also overwriting it in the environment block).
std::string take_nonce();

}  // namespace nn_grade::harness
