// Times every check of the catalog in this process against the reference's student server, one
// server per check as the checker runs them: what the checks and their calls cost, without the
// checker's own start-up. Prints "<seconds> <id>" per check. Usage: inprocess_bench SERVER [SEED]
#include <chrono>
#include <cstdio>
#include <cstdlib>

#include "protocol/catalog.h"
#include "server_session.h"

int main(int argc, char** argv) {
  if (argc < 2) return 2;
  const std::uint64_t seed = argc > 2 ? std::strtoull(argv[2], nullptr, 10) : 12345;
  int failed = 0;
  for (const catalog::CheckInfo& info : catalog::all()) {
    const auto start = std::chrono::steady_clock::now();
    const protocol::CheckReport report = harness::run_on(argv[1], info.id, seed);
    const std::chrono::duration<double> took = std::chrono::steady_clock::now() - start;
    std::printf("%.6f %s\n", took.count(), info.id.c_str());
    failed += report.status != grading::CheckStatus::kPassed;
  }
  return failed == 0 ? 0 : 1;
}
