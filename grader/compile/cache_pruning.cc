#include "compile/cache_pruning.h"

#include <algorithm>
#include <chrono>
#include <system_error>
#include <vector>

namespace nn_grade::compile {
namespace {

namespace fs = std::filesystem;

struct CachedFile {
  fs::path path;
  fs::file_time_type used;
  std::uintmax_t bytes;
};

std::vector<CachedFile> cached_files(const fs::path& cache_dir) {
  std::vector<CachedFile> files;
  std::error_code error;
  for (const char* part : {"objects", "servers"}) {
    for (auto it = fs::directory_iterator(cache_dir / part, error);
         !error && it != fs::directory_iterator(); it.increment(error)) {
      std::error_code ignored;
      if (!it->is_regular_file(ignored)) continue;
      files.push_back({it->path(), it->last_write_time(ignored), it->file_size(ignored)});
    }
  }
  return files;
}

// A grader killed while it built (a shard stopped by SIGKILL or by Slurm's time limit) leaves
// its work folder in tmp/. A day later no build can still be using it, on any machine.
void remove_abandoned_work(const fs::path& cache_dir) {
  const auto old = fs::file_time_type::clock::now() - std::chrono::hours(24);
  std::error_code error;
  for (auto it = fs::directory_iterator(cache_dir / "tmp", error);
       !error && it != fs::directory_iterator(); it.increment(error)) {
    std::error_code ignored;
    if (it->last_write_time(ignored) < old) fs::remove_all(it->path(), ignored);
  }
}

}  // namespace

std::uintmax_t prune_cache(const fs::path& cache_dir, std::uintmax_t max_bytes) {
  remove_abandoned_work(cache_dir);
  std::vector<CachedFile> files = cached_files(cache_dir);
  std::uintmax_t total = 0;
  for (const CachedFile& file : files) total += file.bytes;
  if (total <= max_bytes) return 0;

  std::sort(files.begin(), files.end(),
            [](const CachedFile& a, const CachedFile& b) { return a.used < b.used; });
  const auto recent = fs::file_time_type::clock::now() - std::chrono::hours(1);
  std::uintmax_t freed = 0;
  for (const CachedFile& file : files) {
    if (total - freed <= max_bytes || file.used > recent) break;
    std::error_code error;
    if (fs::remove(file.path, error)) freed += file.bytes;
  }
  return freed;
}

void mark_used(const fs::path& file) {
  std::error_code ignored;
  fs::last_write_time(file, fs::file_time_type::clock::now(), ignored);
}

}  // namespace nn_grade::compile
