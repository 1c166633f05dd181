// Times every check of the catalog in this process against the reference's student server, one
// server per check as the checker runs them: what the checks and their calls cost, without the
// checker's own start-up. Prints "<seconds> <id>" per check, then "<seconds> call" and
// "<seconds> start": the mean of 10000 calls (ReLU::forward on a 5 x 4 batch, its reply and
// decoding included) and of 20 server starts and ends.
// Usage: inprocess_bench SERVER [SEED]
#include <chrono>
#include <cstdio>
#include <cstdlib>

#include "protocol/catalog.h"
#include "server_session.h"

namespace nn_grade {

int program_main(int argc, char** argv) {
  if (argc < 2) return 2;
  const std::uint64_t seed = argc > 2 ? std::strtoull(argv[2], nullptr, 10) : 12345;
  int failed = 0;
  for (const protocol::CheckInfo& info : protocol::all_checks()) {
    const auto start = std::chrono::steady_clock::now();
    const protocol::CheckReport report = harness::run_on(argv[1], info.id, seed);
    const std::chrono::duration<double> took = std::chrono::steady_clock::now() - start;
    std::printf("%.6f %s\n", took.count(), info.id.c_str());
    failed += report.status != protocol::CheckStatus::kPassed;
  }
  {
    constexpr int kCalls = 10000;
    harness::StudentServer server;
    protocol::ServerSpec spec;
    spec.argv = {argv[1]};
    std::string error;
    if (!server.start(spec, std::chrono::steady_clock::now() + std::chrono::seconds(60), &error)) {
      return 2;
    }
    harness::use_server(&server);
    const harness::Layer relu = harness::make_relu();
    const Eigen::MatrixXd X = Eigen::MatrixXd::Random(5, 4);
    const auto start = std::chrono::steady_clock::now();
    for (int i = 0; i < kCalls; ++i) relu.forward(X);
    const std::chrono::duration<double> took = std::chrono::steady_clock::now() - start;
    std::printf("%.9f call\n", took.count() / kCalls);
    harness::use_server(nullptr);
  }
  {
    constexpr int kStarts = 20;
    const auto start = std::chrono::steady_clock::now();
    for (int i = 0; i < kStarts; ++i) {
      harness::StudentServer server;
      protocol::ServerSpec spec;
      spec.argv = {argv[1]};
      std::string error;
      if (!server.start(spec, std::chrono::steady_clock::now() + std::chrono::seconds(60),
                        &error)) {
        return 2;
      }
      harness::use_server(&server);
      harness::greet_server();
      harness::use_server(nullptr);
    }
    const std::chrono::duration<double> took = std::chrono::steady_clock::now() - start;
    std::printf("%.9f start\n", took.count() / kStarts);
  }
  return failed == 0 ? 0 : 1;
}

}  // namespace nn_grade

int main(int argc, char** argv) { return nn_grade::program_main(argc, argv); }
