#include "compile/toolchain.h"

#include <algorithm>
#include <fstream>
#include <stdexcept>

#include <nlohmann/json.hpp>

#include "protocol/digest.h"

namespace nn_grade::compile {
namespace {

namespace fs = std::filesystem;

void add_headers(protocol::Digest& digest, const fs::path& include_dir) {
  std::vector<fs::path> headers;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(include_dir, ec)) {
    if (entry.path().extension() == ".h") headers.push_back(entry.path());
  }
  std::sort(headers.begin(), headers.end());
  for (const fs::path& header : headers) digest.add(header.filename().string()).add_file(header);
}

void add_fingerprints(Toolchain& t) {
  protocol::Digest compile;
  compile.add(t.compiler.string()).add(t.compiler_version).add(t.eigen_include.string());
  for (const std::string& flag : t.flags) compile.add(flag);
  add_headers(compile, t.include_dir);
  t.compile_fingerprint = compile.hex();

  protocol::Digest all;
  all.add(t.compile_fingerprint);
  all.add_file(t.checker);  // a new checker may judge the same server differently
  for (const std::vector<std::string>* inputs : {&t.link_inputs, &t.standin_link_inputs}) {
    for (const std::string& input : *inputs) {
      all.add(input);
      if (input.rfind("-", 0) != 0) all.add_file(input);
    }
  }
  t.fingerprint = all.hex();
}

// Link inputs as toolchain.json lists them: flags as they are, files under `prefix`.
std::vector<std::string> link_inputs(const fs::path& prefix,
                                     const std::vector<std::string>& listed) {
  std::vector<std::string> inputs;
  for (const std::string& input : listed) {
    inputs.push_back(input.rfind("-", 0) == 0 ? input : (prefix / input).string());
  }
  return inputs;
}

}  // namespace

std::vector<std::string> Toolchain::compile_flags() const {
  std::vector<std::string> all = flags;
  all.insert(all.end(), {"-isystem", eigen_include.string(), "-I", include_dir.string(), "-include",
                         "nn_prelude.h", "-Winvalid-pch"});
  return all;
}

Toolchain load_toolchain(const fs::path& prefix) {
  fs::path file = prefix / "share" / "nn-grade" / "toolchain.json";
  std::ifstream in(file);
  if (!in) throw std::runtime_error("cannot read " + file.string());
  Toolchain t;
  t.prefix = prefix;
  try {
    nlohmann::json j = nlohmann::json::parse(in);
    t.compiler = j.at("compiler").get<std::string>();
    t.compiler_version = j.at("compiler_version").get<std::string>();
    t.flags = j.at("flags").get<std::vector<std::string>>();
    t.eigen_include = j.at("eigen_include").get<std::string>();
    t.include_dir = prefix / j.at("include_dir").get<std::string>();
    t.checker = prefix / j.at("checker").get<std::string>();
    t.link_inputs = link_inputs(prefix, j.at("link").get<std::vector<std::string>>());
    t.standin_link_inputs =
        link_inputs(prefix, j.value("standin_link", std::vector<std::string>{}));
    for (const std::string& input : t.link_inputs) {
      if (input.rfind("-", 0) != 0 && t.server_library.empty()) t.server_library = input;
    }
  } catch (const nlohmann::json::exception& e) {
    throw std::runtime_error(file.string() + " is invalid: " + e.what());
  }
  std::error_code ec;
  const fs::path reference = prefix / "share/nn-grade/reference";
  if (fs::is_directory(reference, ec)) t.reference_dir = reference;
  add_fingerprints(t);
  return t;
}

}  // namespace nn_grade::compile
