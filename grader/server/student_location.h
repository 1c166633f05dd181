// Where in the student's four files a call stack was, from this binary's line tables (-g1)
// through addr2line. It runs inside the student server, within its containment, so no process
// outside it ever reads what the student's code compiled into this binary; the checker only
// checks that the answer looks like "layers.cpp:26" (harness/eigen_failure.h).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace nn_grade::server {

// The code addresses of a call stack, innermost first: the place itself for the frame that
// faulted, the byte before a return address for every caller (the call instruction).
using CodeAddresses = std::vector<std::uintptr_t>;

// The byte before each of `count` return addresses (glibc's backtrace()), innermost first.
CodeAddresses calls_of(void* const* return_addresses, int count);

// The first "file:line" of `addresses` (inlined calls resolved, innermost first) that is in one
// of the student's four files, "layers.cpp:26"; "" when none is, or when it cannot say: no
// addr2line (an empty chroot), or no answer within half a second. Reads at most 64 KiB.
std::string student_location(const CodeAddresses& addresses);

// The same from addr2line's output ("/path/layers.cpp:26 (discriminator 1)" lines).
std::string first_student_line(const std::string& addr2line_output);

}  // namespace nn_grade::server
