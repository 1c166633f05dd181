// A crash's place in the student's files. When the student's code ends the server with SIGSEGV,
// SIGFPE, SIGBUS, SIGILL or SIGABRT, a handler on a stack of its own forks a child (_Fork: no
// lock of the crashed process is needed) that finds the first line of the student's four files
// on the crashed call stack (student_location.h) and sends it as the reply to the request that
// was running (server_protocol.h, kCrashed). The crashed process waits for that child at most
// 0.7 s, kills it if it is not done, and then dies of its signal as it would have: what the
// checker decides from the server's end is unchanged, the line only added to its message. A
// child that crashes in turn, or hangs on a lock the crash left held, sends nothing.
#pragma once

namespace nn_grade::server {

// Installs the handlers (once, at the start of main()).
void install_crash_report();

}  // namespace nn_grade::server
