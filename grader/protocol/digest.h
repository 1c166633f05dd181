// Content fingerprints: what the build cache and a resumed batch compare to know that nothing
// changed. SHA-1 (Boost's): a fingerprint, not a security boundary.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

namespace nn_grade::protocol {

class Digest {
 public:
  Digest();
  ~Digest();
  Digest(const Digest&) = delete;
  Digest& operator=(const Digest&) = delete;

  // Adds `bytes`, preceded by its length, so that ("ab","c") and ("a","bc") differ.
  Digest& add(std::string_view bytes);
  // Adds a file's contents, or a marker that it is missing.
  Digest& add_file(const std::filesystem::path& path);
  // 40 lowercase hex digits.
  std::string hex();

 private:
  struct State;
  State* state_;
};

}  // namespace nn_grade::protocol
