// The runner: the harness linked with one submission. See runner_protocol.h.
//   runner --list
//   runner --check ID --seed N [--params JSON]        report on the result channel (fd 3)
//   runner --check ID --seed N [--params JSON] --human   report printed on stdout, no fd 3
// Exit 0 when a report was written; 2 for the grader's own faults (no fd 3, bad arguments,
// unknown check, invalid parameters), with one line on stderr.
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <iostream>
#include <optional>
#include <string>

#include <fmt/format.h>

#include "check_context.h"
#include "protocol/catalog.h"
#include "protocol/result.h"
#include "result_channel.h"
#include "run_check.h"
#include "student_calls.h"

namespace {

struct Arguments {
  bool list = false;
  bool human = false;
  std::string check;
  std::optional<std::uint64_t> seed;
  nlohmann::json params = nlohmann::json::object();
};

// Where reports go: the channel, or stdout in --human mode. Global for the terminate handler.
std::optional<harness::ResultChannel> channel;
std::string nonce;
bool human = false;
std::string running_check;
std::uint64_t running_seed = 0;

[[noreturn]] void grader_fault(const std::string& message) {
  std::fprintf(stderr, "runner: %s\n", message.c_str());
  std::fflush(stderr);
  _exit(2);
}

Arguments parse(int argc, char** argv) {
  Arguments args;
  for (int i = 1; i < argc; ++i) {
    const std::string flag = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) grader_fault(flag + " needs a value");
      return argv[++i];
    };
    if (flag == "--list") {
      args.list = true;
    } else if (flag == "--human" || flag == "--stdout") {
      args.human = true;
    } else if (flag == "--check") {
      args.check = value();
    } else if (flag == "--seed") {
      const std::string text = value();
      char* end = nullptr;
      errno = 0;
      const unsigned long long seed = std::strtoull(text.c_str(), &end, 10);
      if (text.empty() || *end != '\0' || errno != 0 || text[0] == '-') {
        grader_fault("--seed needs a non-negative integer, not '" + text + "'");
      }
      args.seed = seed;
    } else if (flag == "--params") {
      args.params = nlohmann::json::parse(value(), nullptr, false);
      if (!args.params.is_object()) grader_fault("--params needs a JSON object");
    } else {
      grader_fault("unknown argument '" + flag + "'");
    }
  }
  if (!args.list && (args.check.empty() || !args.seed)) {
    grader_fault("usage: runner --list | runner --check ID --seed N [--params JSON] [--human]");
  }
  return args;
}

void print_human(const protocol::CheckReport& report) {
  std::cout << fmt::format("{} {} (fraction {:.3g})\n{}\n", report.status, report.id,
                           report.fraction, report.output);
  if (!report.diagnosis.empty()) std::cout << "diagnosis: " << report.diagnosis << "\n";
  std::cout << "figures: " << report.figures.dump() << std::endl;
}

void deliver(protocol::CheckReport report) {
  report.nonce = nonce;
  if (human) {
    print_human(report);
  } else if (!channel->write(report)) {
    grader_fault("could not write the report to the result channel");
  }
}

// An exception that left a noexcept function (Eigen's, often) ends here: report it.
[[noreturn]] void on_terminate() {
  std::string what = "no exception";
  if (std::current_exception()) what = harness::describe_current_exception();
  const char* where = harness::current_student_call();
  protocol::CheckReport report;
  report.id = running_check;
  report.status = grading::check_status::kError;
  report.output = fmt::format(
      "Your code ended the program{} (std::terminate): {}. An exception probably left a "
      "noexcept function or a destructor.\n{}",
      where ? fmt::format(" inside {}", where) : "", what,
      harness::reproduce_line(running_check, running_seed));
  deliver(report);
  std::fflush(stdout);
  _exit(0);
}

nlohmann::json catalog_json() {
  nlohmann::json checks = nlohmann::json::array();
  for (const catalog::CheckInfo& info : catalog::all()) {
    checks.push_back({{"id", info.id},
                      {"title", info.title},
                      {"component", info.component},
                      {"defaults", info.defaults}});
  }
  return {{"checks", checks}, {"nonce", nonce}};
}

}  // namespace

int main(int argc, char** argv) {
  channel = harness::ResultChannel::take_over();  // first: before any other code runs
  if (channel) nonce = channel->nonce();
  const Arguments args = parse(argc, argv);
  human = args.human;
  if (!channel && !human) {
    grader_fault("the result channel (fd 3) is not open: run me from `grade`, or add --human");
  }
  if (!channel) nonce = harness::take_nonce();
  if (args.list) {
    if (human) {
      std::cout << catalog_json().dump(2) << std::endl;
    } else if (!channel->write(catalog_json())) {
      grader_fault("could not write the catalog to the result channel");
    }
    return 0;
  }
  running_check = args.check;
  running_seed = *args.seed;
  std::set_terminate(on_terminate);
  try {
    deliver(harness::run_check(args.check, *args.seed, args.params));
  } catch (const harness::GraderFault& fault) {
    grader_fault(fault.what());
  }
  std::fflush(stdout);
  _exit(0);  // no static destructors of a submission run after the report
}
