// `grade --batch ... --shard K/N`: one of N parts of a class, for grading it on many machines at
// once (docs/cluster.md). A submission's shard depends on its key alone (a hash of it), so the
// partition is the same on every machine and does not change when a late submission is added.
#pragma once

#include <filesystem>
#include <string>

namespace nn_grade::cli {

struct Shard {
  int index = 1;  // K: 1 to count
  int count = 1;  // N
};

// Parses "K/N" (1 <= K <= N). False, with *err one line for the TA ("--shard 4/3: ..."), for
// anything else.
bool parse_shard(const std::string& text, Shard* shard, std::string* err);

std::string to_string(const Shard& shard);  // "K/N"

// Whether the submission with `key` belongs to `shard`: the first 64 bits of the key's SHA-1,
// modulo N, plus one, is K. The same on every machine, compiler and run.
bool in_shard(const std::string& key, const Shard& shard);

// Where a batch stages a Canvas export's files (discover::find_submissions): OUT/.staging for a
// whole class; for a shard (`own`), a folder of this process's own under it, removed when the
// shard ends, so that shards running at once never rewrite the files another one is compiling.
// (A shard that is killed leaves its folder: copies of submissions, removable whenever no
// grade runs.)
class StagingFolder {
 public:
  StagingFolder(const std::filesystem::path& out, bool own);
  ~StagingFolder();
  StagingFolder(const StagingFolder&) = delete;
  StagingFolder& operator=(const StagingFolder&) = delete;
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
  bool owned_;  // this process's own: removed at the end
};

}  // namespace nn_grade::cli
