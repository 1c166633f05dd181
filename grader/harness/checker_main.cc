// The checker: the trusted process that runs one check against a submission's student server
// and decides its verdict (checker_protocol.h). It is built once, with the grader, and never
// loads a line of student code: the student's four files live in the server, another process,
// which it starts contained as `grade` describes (--server) and ends, with everything that
// process started, before it reports.
//   nn-checker --list
//   nn-checker --check ID --seed N [--params JSON] --server SPEC         report on fd 3
//   nn-checker --check ID --seed N [--params JSON] --server SPEC --human  report on stdout
// Exit 0 when a report was written; 2 for the grader's own faults (no fd 3, bad arguments,
// unknown check, invalid parameters, a server that cannot start), reported as a grader_error
// report on the result channel (never read from stderr, where the student's code writes too).
#include <sys/prctl.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <optional>
#include <string>

#include <fmt/format.h>

#include "harness/check_context.h"
#include "harness/layer_service.h"
#include "harness/result_channel.h"
#include "harness/run_check.h"
#include "harness/student_calls.h"
#include "harness/student_server.h"
#include "protocol/catalog.h"
#include "protocol/checker_protocol.h"
#include "run/process/descendants.h"

namespace nn_grade::harness {

namespace {

struct Arguments {
  bool list = false;
  bool human = false;
  std::string check;
  std::optional<std::uint64_t> seed;
  nlohmann::json params = nlohmann::json::object();
  protocol::ServerSpec server;
  double wall_seconds = 10;
};

// The result channel, once taken over: where a fault of the checker's own is reported.
const harness::ResultChannel* g_channel = nullptr;

// The checker's own fault: every process of the submission is killed first, then the fault is
// reported on the result channel with the nonce (a grader_error report, which `grade` accepts
// only from there: the student's code writes on the checker's stderr too, never on the
// channel), and on stderr for a person running --human.
[[noreturn]] void grader_fault(const std::string& message) {
  run::process::kill_descendants();
  if (g_channel) {
    protocol::CheckReport report;
    report.status = protocol::CheckStatus::kGraderError;
    report.output = message;
    report.nonce = g_channel->nonce();
    g_channel->write(report);
  }
  std::fprintf(stderr, "nn-checker: %s\n", message.c_str());
  std::fflush(stderr);
  _exit(2);
}

std::uint64_t unsigned_number(const std::string& flag, const std::string& text) {
  char* end = nullptr;
  errno = 0;
  const unsigned long long value = std::strtoull(text.c_str(), &end, 10);
  if (text.empty() || *end != '\0' || errno != 0 || text[0] == '-') {
    grader_fault(flag + " needs a non-negative integer, not '" + text + "'");
  }
  return value;
}

Arguments parse(int argc, char** argv) {
  Arguments args;
  bool have_server = false;
  for (int i = 1; i < argc; ++i) {
    const std::string flag = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) grader_fault(flag + " needs a value");
      return argv[++i];
    };
    if (flag == "--list") {
      args.list = true;
    } else if (flag == "--human") {
      args.human = true;
    } else if (flag == "--check") {
      args.check = value();
    } else if (flag == "--seed") {
      args.seed = unsigned_number(flag, value());
    } else if (flag == "--wall") {
      args.wall_seconds = static_cast<double>(unsigned_number(flag, value()));
    } else if (flag == "--params") {
      args.params = nlohmann::json::parse(value(), nullptr, false);
      if (!args.params.is_object()) grader_fault("--params needs a JSON object");
    } else if (flag == "--server") {
      try {
        nlohmann::json::parse(value()).get_to(args.server);
      } catch (const std::exception& e) {
        grader_fault(std::string("--server needs a server spec: ") + e.what());
      }
      have_server = true;
    } else {
      grader_fault("unknown argument '" + flag + "'");
    }
  }
  if (!args.list && (args.check.empty() || !args.seed || !have_server)) {
    grader_fault(
        "usage: nn-checker --list | nn-checker --check ID --seed N [--params JSON] [--wall S] "
        "--server SPEC [--human]");
  }
  return args;
}

void print_human(const protocol::CheckReport& report) {
  std::cout << fmt::format("{} {} (fraction {:.3g})\n{}\n", protocol::to_string(report.status),
                           report.id, report.fraction, report.output);
  if (!report.reproduce.empty()) std::cout << "Reproduce: " << report.reproduce << "\n";
  if (!report.diagnosis.empty()) std::cout << "diagnosis: " << report.diagnosis << "\n";
  std::cout << "figures: " << protocol::non_finite_as_text(report.figures).dump() << std::endl;
  if (report.training) std::cout << "training: " << nlohmann::json(*report.training).dump() << "\n";
}

nlohmann::json catalog_json(const std::string& nonce) {
  nlohmann::json checks = nlohmann::json::array();
  for (const protocol::CheckInfo& info : protocol::all_checks()) {
    checks.push_back({{"id", info.id},
                      {"title", info.title},
                      {"component", info.component},
                      {"defaults", info.defaults}});
  }
  return {{"checks", checks}, {"nonce", nonce}};
}

// Whether `grade` asked for this check to be judged alone (the stand-in key in the environment,
// read and erased). It is refused, as the grader's fault, where the checker cannot answer the
// stand-in layers: in the student kit's checker, which has no such answer, and in a process with
// no_new_privs, as every process a student's code starts is (a copy of this checker run by a
// submission must be no oracle of the layers' answers).
bool judged_alone() {
  const char* key = std::getenv(protocol::kStandInKeyVariable);
  const bool alone = key && *key;
  unsetenv(protocol::kStandInKeyVariable);
  if (!alone) return false;
#ifdef NN_GRADE_KIT
  grader_fault("this checker (the student kit's) has no stand-in layers: run the check end to end");
#else
  if (prctl(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0) != 0) {
    grader_fault("a checker with no_new_privs does not answer the stand-in layers");
  }
  return true;
#endif
}

}  // namespace

int program_main(int argc, char** argv) {
  harness::harden_checker();
  // Before the server exists: it must never hold the channel.
  std::optional<harness::ResultChannel> channel = harness::ResultChannel::take_over();
  if (channel) g_channel = &*channel;
  const Arguments args = parse(argc, argv);
  [[maybe_unused]] const bool alone = judged_alone();
  if (!channel && !args.human) {
    grader_fault("the result channel (fd 3) is not open: run me from `grade`, or add --human");
  }
  const std::string nonce = channel ? channel->nonce() : harness::take_nonce();
  if (args.list) {
    if (args.human) {
      std::cout << catalog_json(nonce).dump(2) << std::endl;
    } else if (!channel->write(catalog_json(nonce))) {
      grader_fault("could not write the catalog to the result channel");
    }
    return 0;
  }

  const auto deadline = std::chrono::steady_clock::now() +
                        std::chrono::microseconds(static_cast<long long>(args.wall_seconds * 1e6));
  protocol::CheckReport report;
  {
    harness::StudentServer server;
    std::string error;
    if (!server.start(args.server, deadline, &error)) grader_fault(error);
#ifndef NN_GRADE_KIT
    if (alone) server.serve_layer_calls(&harness::answer_layer_call);
#endif
    harness::use_server(&server);
    try {
      report = harness::run_check(args.check, *args.seed, args.params);
    } catch (const harness::GraderFault& fault) {
      grader_fault(fault.what());
    }
    harness::use_server(nullptr);
    server.end();  // every process of the submission is dead before the report is written
  }
  report.nonce = nonce;
  if (args.human) {
    print_human(report);
  } else if (!channel->write(report)) {
    grader_fault("could not write the report to the result channel");
  }
  std::fflush(stdout);
  return 0;
}

}  // namespace nn_grade::harness

int main(int argc, char** argv) { return nn_grade::harness::program_main(argc, argv); }
