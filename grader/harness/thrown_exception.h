// An exception the student's code threw (server_protocol.h, kThrew and kTerminated): its facts,
// checked, and put in plain words with the numbers. The facts come from the student's process:
// a location that is not a line of the four files is dropped, and the texts are only quoted.
#pragma once

#include <optional>
#include <string>

#include "protocol/server_protocol.h"

namespace nn_grade::harness {

struct ThrownException {
  std::string type;      // "std::out_of_range", or "int (not a std::exception)"; "" for none
  std::string what;      // its what(), or ""
  std::string location;  // "layers.cpp:31" when the server could tell, else ""
};

// The facts of a kThrew or kTerminated reply (what follows its status byte), or nullopt when
// they are malformed.
std::optional<ThrownException> read_thrown_exception(protocol::Reader& reply);

// What the student reads, the function first:
//   "Linear::backward threw std::logic_error at layers.cpp:31: <what>"
// The standard library's .at() messages are said with their numbers instead:
//   "MLP::forward threw std::out_of_range at model.cpp:20: .at(3) of a std::vector of 3
//    elements; its indices go from 0 to 2."
std::string explain_thrown_exception(const std::string& function, const ThrownException& thrown);

}  // namespace nn_grade::harness
