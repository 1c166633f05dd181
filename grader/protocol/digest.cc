#include "protocol/digest.h"

#include "util/file_text.h"

#include <boost/uuid/detail/sha1.hpp>
#include <cstdio>
#include <fstream>
#include <sstream>

namespace nn_grade::protocol {

struct Digest::State {
  boost::uuids::detail::sha1 sha1;
};

Digest::Digest() : state_(new State) {}

Digest::~Digest() { delete state_; }

Digest& Digest::add(std::string_view bytes) {
  std::string length = std::to_string(bytes.size()) + ":";
  state_->sha1.process_bytes(length.data(), length.size());
  state_->sha1.process_bytes(bytes.data(), bytes.size());
  return *this;
}

Digest& Digest::add_file(const std::filesystem::path& path) {
  std::string contents, err;
  if (!util::read_file(path, &contents, &err))
    return add("<missing " + path.filename().string() + ">");
  return add(contents);
}

std::string Digest::hex() {
  boost::uuids::detail::sha1::digest_type words;
  state_->sha1.get_digest(words);
  char text[41];
  for (int i = 0; i < 5; ++i) std::snprintf(text + 8 * i, 9, "%08x", words[i]);
  return std::string(text, 40);
}

}  // namespace nn_grade::protocol
