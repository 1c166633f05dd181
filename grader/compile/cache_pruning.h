// The build cache (objects/, servers/) grows with every version of every submission graded;
// this keeps it to a size.
#pragma once

#include <cstdint>
#include <filesystem>

namespace nn_grade::compile {

// Removes the least recently used objects and servers of the cache in `cache_dir` until it
// holds at most `max_bytes`, sparing anything used in the last hour (another grader sharing
// the cache may be about to run it), and any work folder a killed grader left in tmp/ over a
// day ago. Returns the bytes of objects and servers freed. Never throws: a cache it cannot
// prune is left as it is. Safe while other graders, on this machine or others sharing the
// cache, build into it and prune it: nothing is written, only files removed.
std::uintmax_t prune_cache(const std::filesystem::path& cache_dir, std::uintmax_t max_bytes);

// Marks a cached file as used now, for prune_cache.
void mark_used(const std::filesystem::path& file);

}  // namespace nn_grade::compile
