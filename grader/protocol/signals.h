// How a process's end by a signal is told to a student: its name, a gloss, and a hint at the
// usual cause. Shared by the checker (the student server's end) and run/ (any child's end).
#pragma once

#include <string>

namespace nn_grade::protocol {

// "SIGSEGV" for SIGSEGV; "signal 42" for one without a name.
std::string signal_name(int signal);
// A student-readable gloss: "segmentation fault", "abort", ...
std::string signal_meaning(int signal);
// The usual cause in the student's code ("Is an index out of range, ..."), or "". SIGKILL is
// what the kernel sends when memory runs out, so it names the memory limit.
std::string crash_hint(int signal, long memory_mb, long file_mb);

}  // namespace nn_grade::protocol
