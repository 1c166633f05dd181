#include "server/throw_site.h"

#include <execinfo.h>

#include <typeinfo>

namespace {

constexpr int kMaxFrames = 24;
thread_local void* frames[kMaxFrames];
thread_local int frame_count = 0;

}  // namespace

extern "C" {

[[noreturn]] void __real___cxa_throw(void* thrown, std::type_info* type, void (*destroy)(void*));

// Every throw, by the linker's --wrap: the call stack, then the real __cxa_throw.
[[noreturn]] void __wrap___cxa_throw(void* thrown, std::type_info* type, void (*destroy)(void*)) {
  frame_count = backtrace(frames, kMaxFrames);
  __real___cxa_throw(thrown, type, destroy);
}

}  // extern "C"

namespace nn_grade::server {

CodeAddresses last_throw_site() { return calls_of(frames, frame_count); }

}  // namespace nn_grade::server
