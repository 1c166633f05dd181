// Where the student's code threw: every `throw` in the student server (the student's own, and
// the standard library's, such as .at()'s std::out_of_range) goes through __cxa_throw, which the
// server is linked to wrap (-Wl,--wrap=__cxa_throw: grader/server/CMakeLists.txt and
// toolchain.json). The wrapper keeps the throwing thread's call stack, then throws as usual.
#pragma once

#include "server/student_location.h"

namespace nn_grade::server {

// The call stack of this thread's latest `throw` (a rethrow keeps the first one's), innermost
// first; empty before any.
CodeAddresses last_throw_site();

}  // namespace nn_grade::server
