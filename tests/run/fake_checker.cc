// A stand-in for the checker (lib/nn-grade/nn-checker) that misbehaves on request: the check id
// says how. Its arguments are the real checker's, in any order:
//   fake_checker --check ID --seed N --params JSON --wall S --server SPEC
// It starts no server. Reports (when it reports) follow checker_protocol.h: JSON on fd 3 with the
// nonce from the environment. What it prints stands for what the student's server printed.
//   pass      prints a line, reports passed with a figure
//   fail      prints a line, reports failed 0.25
//   report    reports what params say: "status", "fraction", "output", "reproduce"
//   told      reports passed, with what it was told as figures: "wall", "server" (the spec),
//             "seed", "params", whether the spec's working folder exists
//   loop      never ends
//   segv      prints a line, then SIGSEGV
//   noreport  prints a line, exits 0 without a report
//   complain  reports grader_error "<why>" on fd 3, says "nn-checker: <why>" on stderr and exits
//             2, as the real one does
//   impostor  prints "nn-checker: <why>" on stderr (as a student's code can: the server shares
//             the checker's stderr), exits 2 without a report
//   forge     reports passed with a nonce of its own
//   wrongid   reports passed for another check
//   garbage   writes a report that is not JSON
//   flood     prints params "bytes" (100 MB by default), then reports failed
//   flaky     appends a line to the file params "file" names; the first time, SIGSEGV, then a pass
//   faults    appends a line to the file params "file" names; for the first params "faults" runs,
//             prints a line and reports grader_error "lost its way", then a pass (what the
//             reference solution's run does when the checker's fault was the submission's)
// and, for the tests of subprocess.h, a child that misbehaves itself:
//   sleep     sleeps params "seconds" (1000 by default), then reports passed
//   alloc     allocates until std::bad_alloc, then reports error naming it
//   bigfile   writes params "bytes" (64 MB by default) to big.bin, then reports passed
//   grandchild  forks a child that sleeps for ever, prints "grandchild PID", exits 0
#include <signal.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <new>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "protocol/checker_protocol.h"

namespace nn_grade {

namespace {

std::string g_nonce;

void write_channel(const std::string& text) {
  std::size_t done = 0;
  while (done < text.size()) {
    ssize_t n = write(protocol::kResultFd, text.data() + done, text.size() - done);
    if (n <= 0) std::exit(70);
    done += static_cast<std::size_t>(n);
  }
}

void report(const std::string& id, const std::string& status, double fraction,
            const std::string& output, nlohmann::json figures = nlohmann::json::object(),
            const std::string& reproduce = "") {
  protocol::CheckReport r;
  r.id = id;
  if (!protocol::parse_check_status(status, &r.status)) std::exit(71);
  r.fraction = fraction;
  r.output = output;
  r.reproduce = reproduce;
  r.figures = std::move(figures);
  r.nonce = g_nonce;
  write_channel(nlohmann::json(r).dump() + "\n");
}

int run_check(const std::string& id, const std::map<std::string, std::string>& args) {
  const nlohmann::json params = nlohmann::json::parse(args.at("--params"));
  if (id == "pass") {
    std::cout << "hello from the student\n";
    report(id, "passed", 1.0, "all good", {{"max_rel_error", 1e-9}});
  } else if (id == "fail") {
    std::cout << "debug: W = 0.51\n";
    report(id, "failed", 0.25, "grad_W[2,1]: yours 0.51, finite differences 0.255");
  } else if (id == "report") {
    report(id, params.at("status"), params.value("fraction", 0.0), params.value("output", ""),
           nlohmann::json::object(), params.value("reproduce", ""));
  } else if (id == "told") {
    const nlohmann::json server = nlohmann::json::parse(args.at("--server"));
    const std::string root = server.value("chroot_dir", "");
    report(id, "passed", 1.0, "told",
           {{"wall", args.at("--wall")},
            {"seed", args.at("--seed")},
            {"params", params},
            {"server", server},
            {"working_dir_exists",
             std::filesystem::is_directory(root + server.value("working_dir", ""))}});
  } else if (id == "loop") {
    for (volatile long i = 0;; i = i + 1) {
    }
  } else if (id == "segv") {
    std::cout << "about to crash" << std::endl;
    raise(SIGSEGV);
  } else if (id == "noreport") {
    std::cout << "leaving quietly" << std::endl;
    return 0;
  } else if (id == "faults") {
    const std::string file = params.at("file");
    int runs = 0;
    {
      std::ifstream in(file);
      for (std::string line; std::getline(in, line);) ++runs;
    }
    std::ofstream(file, std::ios::app) << "run\n";
    if (runs < params.at("faults").get<int>()) {
      std::cout << "student output before the fault" << std::endl;
      report("", "grader_error", 0.0, "lost its way");
      return 2;
    }
    report(id, "passed", 1.0, "passed");
  } else if (id == "complain") {
    report("", "grader_error", 0.0, "the student server cannot execute");
    std::cerr << "nn-checker: the student server cannot execute" << std::endl;
    return 2;
  } else if (id == "impostor") {
    std::cerr << "nn-checker: the grader is broken, ask your TA to grade by hand" << std::endl;
    return 2;
  } else if (id == "forge") {
    g_nonce = "0123456789abcdef";
    report(id, "passed", 1.0, "totally passed");
  } else if (id == "wrongid") {
    report("pass", "passed", 1.0, "a report for another check");
  } else if (id == "garbage") {
    write_channel("{not json");
  } else if (id == "flood") {
    std::string line(1023, 'y');
    line += '\n';
    for (long long written = 0; written < params.value("bytes", 100LL << 20);
         written += static_cast<long long>(line.size())) {
      std::fwrite(line.data(), 1, line.size(), stdout);
    }
    std::fflush(stdout);
    report(id, "failed", 0.0, "flooded");
  } else if (id == "sleep") {
    sleep(params.value("seconds", 1000));
    report(id, "passed", 1.0, "slept");
  } else if (id == "alloc") {
    try {
      std::vector<std::vector<char>> hog;
      for (;;) hog.emplace_back(64 << 20, 'x');
    } catch (const std::bad_alloc& e) {
      report(id, "error", 0.0, std::string("your code threw std::bad_alloc: ") + e.what());
    }
  } else if (id == "bigfile") {
    std::ofstream out("big.bin", std::ios::binary);
    std::string block(1 << 20, 'z');
    for (long long i = 0; i < params.value("bytes", 64LL << 20) >> 20; ++i) out << block;
    out.close();
    report(id, "passed", 1.0, "wrote the file");
  } else if (id == "grandchild") {
    pid_t pid = fork();
    if (pid == 0) {
      for (;;) pause();
    }
    std::cout << "grandchild " << pid << std::endl;
    return 0;
  } else if (id == "flaky") {
    const std::string file = params.at("file");
    std::ifstream in(file);
    const bool first = !in.good();
    std::ofstream(file, std::ios::app) << "ran\n";
    if (first) raise(SIGSEGV);
    report(id, "passed", 1.0, "second time lucky");
  } else {
    report(id, "error", 0.0, "unknown fake check " + id);
  }
  return 0;
}

}  // namespace

int program_main(int argc, char** argv) {
  if (const char* nonce = std::getenv(protocol::kNonceVariable)) g_nonce = nonce;
  std::map<std::string, std::string> args;
  for (int i = 1; i < argc; ++i) {
    const std::string flag = argv[i];
    if (flag == "--list") {
      write_channel(R"({"checks": [{"id": "pass"}], "nonce": ")" + g_nonce + "\"}\n");
      return 0;
    }
    if (i + 1 >= argc) {
      std::cerr << "fake_checker: " << flag << " needs a value\n";
      return 2;
    }
    args[flag] = argv[++i];
  }
  for (const char* needed : {"--check", "--seed", "--params", "--wall", "--server"}) {
    if (!args.count(needed)) {
      std::cerr << "usage: fake_checker --check ID --seed N --params JSON --wall S --server SPEC\n";
      return 2;
    }
  }
  return run_check(args.at("--check"), args);
}

}  // namespace nn_grade

int main(int argc, char** argv) { return nn_grade::program_main(argc, argv); }
