// A stand-in for a submission's runner that misbehaves on request: the check id says how.
//   fake_runner --check ID --seed N --params JSON     fake_runner --list
// Reports (when it reports) follow checker_protocol.h: JSON on fd 3 with the nonce from the
// environment. `params` may hold "bytes" (flood, bigfile) or "seconds" (sleep).
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <new>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "checker_protocol.h"

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
            const std::string& output, nlohmann::json figures = nlohmann::json::object()) {
  protocol::CheckReport r;
  r.id = id;
  r.status = status;
  r.fraction = fraction;
  r.output = output;
  r.figures = std::move(figures);
  r.nonce = g_nonce;
  write_channel(nlohmann::json(r).dump());
}

std::string read_file(const std::string& path) {
  std::ifstream in(path);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

bool can_create(const std::string& path) {
  std::ofstream out(path);
  bool ok = static_cast<bool>(out << "x");
  out.close();
  std::remove(path.c_str());
  return ok;
}

int run_check(const std::string& id, const nlohmann::json& params) {
  if (id == "pass") {
    std::cout << "hello from the student\n";
    report(id, "passed", 1.0, "all good", {{"max_rel_error", 1e-9}});
  } else if (id == "fail") {
    std::cout << "debug: W = 0.51\n";
    report(id, "failed", 0.25, "grad_W[2,1]: yours 0.51, finite differences 0.255");
  } else if (id == "loop") {
    for (volatile long i = 0;; i = i + 1) {
    }
  } else if (id == "sleep") {
    sleep(params.value("seconds", 1000));
    report(id, "passed", 1.0, "slept");
  } else if (id == "segv") {
    std::cout << "about to crash" << std::endl;
    raise(SIGSEGV);
  } else if (id == "alloc") {
    try {
      std::vector<std::vector<char>> hog;
      for (;;) hog.emplace_back(64 << 20, 'x');
    } catch (const std::bad_alloc& e) {
      report(id, "error", 0.0, std::string("your code threw std::bad_alloc: ") + e.what());
    }
  } else if (id == "flood") {
    std::string line(1023, 'y');
    line += '\n';
    for (long long written = 0; written < params.value("bytes", 100LL << 20);
         written += static_cast<long long>(line.size())) {
      std::fwrite(line.data(), 1, line.size(), stdout);
    }
    std::fflush(stdout);
    report(id, "failed", 0.0, "flooded");
  } else if (id == "exit0") {
    std::exit(0);
  } else if (id == "grandchild") {
    pid_t pid = fork();
    if (pid == 0) {
      for (;;) pause();
    }
    std::cout << "grandchild " << pid << std::endl;
    return 0;
  } else if (id == "bigfile") {
    std::ofstream out("big.bin", std::ios::binary);
    std::string block(1 << 20, 'z');
    for (long long i = 0; i < params.value("bytes", 64LL << 20) >> 20; ++i) out << block;
    out.close();
    report(id, "passed", 1.0, "wrote the file");
  } else if (id == "forge") {
    g_nonce = "0123456789abcdef";
    report(id, "passed", 1.0, "totally passed");
  } else if (id == "garbage") {
    write_channel("{not json");
  } else if (id == "probe") {  // what the sandbox lets it see and do
    struct stat ignored;
    report(id, "passed", 1.0, "probed",
           {{"root_writable", can_create("/nn-grade-probe")},
            {"cwd_writable", can_create("probe.txt")},
            {"tmp_writable", can_create("/tmp/nn-grade-probe")},
            {"net_dev", read_file("/proc/net/dev")},
            {"pid", getpid()},
            {"has_home_root", stat("/root", &ignored) == 0},
            {"sees_etc_passwd", stat("/etc/passwd", &ignored) == 0},
            {"sees_home", stat("/home", &ignored) == 0}});
  } else {
    report(id, "error", 0.0, "unknown fake check " + id);
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  if (const char* nonce = std::getenv(protocol::kNonceVariable)) g_nonce = nonce;
  if (args.size() == 1 && args[0] == "--list") {
    write_channel(R"([{"id": "pass"}])");
    return 0;
  }
  if (args.size() != 6 || args[0] != "--check" || args[2] != "--seed" || args[4] != "--params") {
    std::cerr << "usage: fake_runner --check ID --seed N --params JSON\n";
    return 2;
  }
  return run_check(args[1], nlohmann::json::parse(args[5]));
}
