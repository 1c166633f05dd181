#include "protocol/signals.h"

#include <signal.h>
#include <string.h>

namespace nn_grade::protocol {

std::string signal_name(int signal) {
  if (const char* abbrev = sigabbrev_np(signal)) return std::string("SIG") + abbrev;
  return "signal " + std::to_string(signal);
}

std::string signal_meaning(int signal) {
  switch (signal) {
    case SIGSEGV:
      return "segmentation fault";
    case SIGABRT:
      return "abort";
    case SIGFPE:
      return "arithmetic error";
    case SIGBUS:
      return "bus error";
    case SIGILL:
      return "illegal instruction";
    case SIGKILL:
      return "killed";
    case SIGXCPU:
      return "CPU time limit";
    case SIGXFSZ:
      return "file size limit";
    case SIGPIPE:
      return "broken pipe";
    case SIGTERM:
      return "terminated";
  }
  const char* description = sigdescr_np(signal);
  return description ? description : "unknown signal";
}

std::string crash_hint(int signal, long memory_mb, long file_mb) {
  switch (signal) {
    case SIGKILL:
      return "It ran out of memory (the limit is " + std::to_string(memory_mb) +
             " MB): a matrix far too large, or one that grows every iteration?";
    case SIGSEGV:
      return "Is an index out of range, a pointer or reference dangling, or a recursion endless?";
    case SIGABRT:
      return "Did an assertion fail, or an exception escape uncaught?";
    case SIGFPE:
      return "Is an integer divided by zero?";
    case SIGXFSZ:
      return "A file larger than " + std::to_string(file_mb) + " MB was written.";
    case SIGBUS:
      return "Is memory used after it was freed?";
  }
  return "";
}

}  // namespace nn_grade::protocol
