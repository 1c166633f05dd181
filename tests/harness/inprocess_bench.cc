// Times every check of the catalog in one process (the reference linked in): what the
// checks themselves cost, without process start-up. Prints "<seconds> <id>" per check.
#include <chrono>
#include <cstdio>
#include <cstdlib>

#include "protocol/catalog.h"
#include "run_check.h"

int main(int argc, char** argv) {
  const std::uint64_t seed = argc > 1 ? std::strtoull(argv[1], nullptr, 10) : 12345;
  int failed = 0;
  for (const catalog::CheckInfo& info : catalog::all()) {
    const auto start = std::chrono::steady_clock::now();
    const protocol::CheckReport report = harness::run_check(info.id, seed);
    const std::chrono::duration<double> took = std::chrono::steady_clock::now() - start;
    std::printf("%.6f %s\n", took.count(), info.id.c_str());
    failed += report.status != "passed";
  }
  return failed == 0 ? 0 : 1;
}
