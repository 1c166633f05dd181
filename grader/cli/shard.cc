#include "cli/shard.h"

#include <unistd.h>

#include <cstdint>
#include <string_view>
#include <system_error>

#include <fmt/format.h>

#include "protocol/digest.h"

namespace nn_grade::cli {
namespace {

// A whole positive number and nothing else ("3", not "3x", "+3" or "").
bool parse_count(std::string_view text, int* value) {
  if (text.empty() || text.size() > 6) return false;
  int number = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return false;
    number = number * 10 + (c - '0');
  }
  *value = number;
  return number > 0;
}

std::string host_name() {
  char name[256] = {};
  if (gethostname(name, sizeof name - 1) != 0 || name[0] == '\0') return "host";
  return name;
}

}  // namespace

bool parse_shard(const std::string& text, Shard* shard, std::string* err) {
  const std::size_t slash = text.find('/');
  Shard parsed;
  if (slash == std::string::npos ||
      !parse_count(std::string_view(text).substr(0, slash), &parsed.index) ||
      !parse_count(std::string_view(text).substr(slash + 1), &parsed.count)) {
    *err = "--shard " + text + ": expected K/N, shard K of N counted from 1 (e.g. 1/3)";
    return false;
  }
  if (parsed.index > parsed.count) {
    *err = fmt::format("--shard {}: there is no shard {} of {} (shards are numbered 1 to {})", text,
                       parsed.index, parsed.count, parsed.count);
    return false;
  }
  *shard = parsed;
  return true;
}

std::string to_string(const Shard& shard) { return fmt::format("{}/{}", shard.index, shard.count); }

bool in_shard(const std::string& key, const Shard& shard) {
  protocol::Digest digest;
  const std::string hex = digest.add(key).hex();
  const std::uint64_t hash = std::stoull(hex.substr(0, 16), nullptr, 16);
  return static_cast<int>(hash % static_cast<std::uint64_t>(shard.count)) + 1 == shard.index;
}

StagingFolder::StagingFolder(const std::filesystem::path& out, bool own)
    : path_(out / ".staging"), owned_(own) {
  if (own) path_ /= fmt::format(".{}-{}", host_name(), getpid());
}

StagingFolder::~StagingFolder() {
  std::error_code ignored;
  if (owned_) std::filesystem::remove_all(path_, ignored);
}

}  // namespace nn_grade::cli
